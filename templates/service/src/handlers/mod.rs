//! One file per tag of the spec, each implementing that tag's handler trait for [`crate::App`].
//!
//! specforge wrote this file once and will never overwrite it: it is yours.

{% for module in modules -%}
mod {{ module }};
{% endfor %}
