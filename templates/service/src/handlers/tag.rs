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
{% if stub.many_arguments -%}
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
{% endif -%}
    async fn {{ stub.name }}(
        &self,
{% for argument in stub.arguments -%}
        _{{ argument.0 }}: {{ argument.1 }},
{% endfor -%}
    ) -> Result<{{ stub.response_enum }}, ApiError> {
        {{ stub.body }}
    }

{% endfor -%}
}
