{{ header }}
//! The operations tagged `{{ tag_name }}`: the trait a service implements to handle
//! them, and the responses each one can give.
{% if !tag_doc.is_empty() -%}
//!
{% for line in tag_doc -%}
//!{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
{% endif %}

use std::future::Future;

{% if defines_responses -%}
use axum::response::{IntoResponse, Response};
{% endif %}
{% if uses_status_code -%}
use crate::error::{ApiError, status_code};
{% else -%}
use crate::error::ApiError;
{% endif %}

/// Handlers of the operations tagged `{{ tag_name }}`. Requests are validated before a
{% if strict -%}
/// method is called.
{% else -%}
/// method is called; an operation whose method is not written answers 501.
{% endif -%}
pub trait {{ trait_name }}: {% if secured %}crate::security::Security + {% endif %}Send + Sync + 'static {
{% for operation in operations -%}
{% for line in operation.doc -%}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
{% if operation.many_arguments -%}
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
{% endif -%}
{% if strict -%}
    fn {{ operation.name }}(
        &self,
{% for argument in operation.arguments -%}
        {{ argument.name }}: {{ argument.ty.in_crate() }},
{% endfor -%}
    ) -> impl Future<Output = Result<{{ operation.response_enum }}, ApiError>> + Send;
{% else -%}
    fn {{ operation.name }}(
        &self,
{% for argument in operation.arguments -%}
        _{{ argument.name }}: {{ argument.ty.in_crate() }},
{% endfor -%}
    ) -> impl Future<Output = Result<{{ operation.response_enum }}, ApiError>> + Send {
        async { Err(ApiError::not_implemented()) }
    }
{% endif -%}

{% endfor -%}
}
{% for response_enum in responses %}
{% let operation = response_enum.signature %}
{% match response_enum.same_as %}
{% when Some(earlier) %}

/// The responses of [`{{ trait_name }}::{{ operation.name }}`], which are another operation's.
pub type {{ operation.response_enum }} = {{ earlier }};
{% when None %}

/// The responses of [`{{ trait_name }}::{{ operation.name }}`]: one variant per status the spec declares.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one variant per declared response
pub enum {{ operation.response_enum }} {
{% for response in operation.responses -%}
{% for line in response.doc -%}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
{% let types = response.field_types() -%}
    {{ response.name }}{% if !types.is_empty() %}({{ types|join(", ") }}){% endif %},
{% endfor -%}
}

impl IntoResponse for {{ operation.response_enum }} {
    fn into_response(self) -> Response {
        match self {
{% for response in operation.responses -%}
            Self::{{ response.name }}{{ response.bindings(false) }} => {{ response.answer_expression() }},
{% endfor -%}
        }
    }
}

impl crate::client::Answer for {{ operation.response_enum }} {
    fn status(&self) -> ::axum::http::StatusCode {
{% if operation.responses.is_empty() -%}
        match *self {}
{% else -%}
        match *self {
{% for response in operation.responses -%}
{% match response.code -%}
{% when Some(code) -%}
            Self::{{ response.name }}{{ response.bindings(true) }} => status_code({{ code }}),
{% when None -%}
            Self::{{ response.name }}{{ response.bindings(true) }} => status,
{% endmatch -%}
{% endfor -%}
        }
{% endif -%}
    }

    fn read(answer: crate::client::ClientResponse) -> Result<Self, crate::client::ClientError> {
{% if operation.reads_by_status() -%}
        match answer.status().as_u16() {
{% for response in operation.responses -%}
{% if let Some(pattern) = response.status_pattern() -%}
            {{ pattern }} => Ok(Self::{{ response.name }}{{ response.read_from_answer() }}),
{% endif -%}
{% endfor -%}
{% if let Some(response) = operation.default_response() -%}
            _ => Ok(Self::{{ response.name }}{{ response.read_from_answer() }}),
{% else -%}
            _ => Err(answer.undeclared()),
{% endif -%}
        }
{% else if let Some(response) = operation.default_response() -%}
        Ok(Self::{{ response.name }}{{ response.read_from_answer() }})
{% else -%}
        Err(answer.undeclared())
{% endif -%}
    }
}
{% for response in operation.responses -%}
{% if let Some(headers) = response.headers %}

crate::response_headers! {
    /// The headers of [`{{ operation.response_enum }}::{{ response.name }}`].
    pub struct {{ headers.type_name }} {
{%- for field in headers.fields %}
{%- for line in field.doc %}
        ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
        pub {{ field.name }}: {{ field.ty.in_crate() }} as {{ field.wire_name }},
{%- endfor %}
    }
}
{% endif -%}
{% endfor -%}
{% endmatch %}
{% endfor %}
