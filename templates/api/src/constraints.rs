{{ header }}
//! The constraints of every parameter and body in the spec, and of every schema they
//! carry, checked by [`crate::validation`] before a handler runs; and the path template
//! of each operation with parameters, read when the service is compiled. Responses are
//! not validated, so a schema only responses use has no shape here.

{% if !extract_imports.is_empty() -%}
use crate::extract::{ {{ extract_imports|join(", ") }} };
{% endif -%}
{% if path_templates -%}
use crate::routing::PathTemplate;
{% endif -%}
{% if !imports.is_empty() -%}
use crate::validation::{ {{ imports|join(", ") }} };
{% endif %}

{% for shape in shapes -%}
/// {{ shape.doc }}
pub static {{ shape.name }}: Shape = {{ shape.value }};

{% endfor -%}
{% for operation in operations -%}
/// The parameters and body of `{{ operation.operation }}`.
pub mod {{ operation.module }} {
    use super::*;

{% for shape in operation.shapes -%}
    pub static {{ shape.name }}: {{ shape.ty }} = {{ shape.value }};
{% endfor -%}
}

{% endfor -%}
{% if !patterns.is_empty() -%}
/// The `pattern`s of the spec, compiled on first use.
mod {{ patterns_module }} {
    use crate::validation::Pattern;

{% for pattern in patterns -%}
    pub static {{ pattern.name }}: Pattern = {{ pattern.value }};
{% endfor -%}
}
{% endif %}
