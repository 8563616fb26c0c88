{{ header }}
//! One typed call per operation, on any [`Client`]: named like the handler, taking what it
//! takes (borrowed), answering its response enum read back from the status and body.

{% if !calls.is_empty() -%}
use axum::http::Method;

use crate::client::{Answer, Client, ClientError, Transport};

impl<T: Transport> Client<T> {
{% for call in calls %}
{% for line in call.doc -%}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
    ///
    /// The typed call of [`{{ call.handler }}`].
{% if call.many_arguments -%}
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
{% endif -%}
    pub async fn {{ call.name }}(&self{% for argument in call.arguments %}, {{ argument.name }}: {{ argument.borrowed }}{% endfor %}) -> Result<crate::{{ call.response_enum }}, ClientError> {
        let answer = self.request(Method::{{ call.method }}, {{ call.path }})
{% for step in call.steps -%}
{% if step.optional -%}
            .maybe({{ step.arguments|join(", ") }}, |request, body| request.{{ step.method }}(body))
{% else -%}
            .{{ step.method }}({{ step.arguments|join(", ") }})
{% endif -%}
{% endfor -%}
            .send().await?;
        crate::{{ call.response_enum }}::read(answer)
    }
{% endfor -%}
}
{% endif -%}
