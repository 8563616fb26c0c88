{{ header }}
//! One handler trait per tag of the spec.

{% for module in modules -%}
pub mod {{ module }};
{% endfor %}
