//! Handlers of the operations tagged `{{ tag_name }}`.
//!
//! specforge wrote this file once and will never overwrite it: it is yours. Each stub
//! answers with the spec's example until you replace it with the service's logic.

{% if uses_models -%}
use {{ lib }}::models::*;
{% endif -%}
use {{ lib }}::{ {{ imports|join(", ") }} };

use crate::App;

impl {{ trait_name }} for App {
{% for stub in stubs -%}
{% if stub.signature.many_arguments -%}
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
{% endif -%}
    async fn {{ stub.signature.name }}(
        &self,
{% for argument in stub.signature.arguments -%}
        _{{ argument.name }}: {{ argument.ty.for_user() }},
{% endfor -%}
    ) -> Result<{{ stub.signature.response_enum }}, ApiError> {
{% if let Some(answer) = stub.answer -%}
        Ok({{ answer.variant }}{{ answer.fields("") }})
{% else -%}
        Err(ApiError::not_implemented())
{% endif -%}
    }

{% endfor -%}
}
