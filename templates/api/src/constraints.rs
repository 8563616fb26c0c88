{{ header }}
//! The constraints of every schema and parameter in the spec, checked by
//! [`crate::validation`] before a handler runs.

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
    pub static {{ shape.name }}: Shape = {{ shape.value }};
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
