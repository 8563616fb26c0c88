{{ header }}
//! The schemas of the spec as Rust types. Requests are validated against the spec before
//! they are deserialized into these, so a handler only ever sees values that fit.
{% if !macros.is_empty() %}
use crate::{ {{ macros|join(", ") }} };
{% endif %}
{% for item in items %}
{% match item -%}
{% when ModelItem::Struct(s) -%}
json_struct! {
{%- if s.read_straight %}
    #[read_straight]
{%- endif %}
{%- for line in s.doc %}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
    pub struct {{ s.name }} {
{%- for field in s.fields %}
{%- if field.flattened %}
        ..
{%- endif %}
{%- for line in field.doc %}
        ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
{%- if field.complex %}
        #[allow(clippy::type_complexity)] // nested as deeply as the spec's schema
{%- endif %}
        pub {{ field.name }}: {{ field.ty.in_models() }}{% if let Some(json_name) = field.rename %} as {{ json_name }}{% endif %}{% if field.optional %} = None{% endif %},
{%- endfor %}
    }
}

{% when ModelItem::Enum(e) -%}
{% if e.integer -%}
{% for line in e.doc -%}
///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ::serde::Serialize, ::serde::Deserialize)]
#[serde(into = "i64", try_from = "i64")]
{% if e.repetitive_names -%}
#[allow(clippy::enum_variant_names)] // the variants spell the spec's values
{% endif -%}
pub enum {{ e.name }} {
{% for variant in e.variants -%}
{% if variant.name == e.default_variant -%}
    #[default]
{% endif -%}
    {{ variant.name }},
{% endfor -%}
}

impl From<{{ e.name }}> for i64 {
    fn from(value: {{ e.name }}) -> Self {
        match value {
{% for variant in e.variants -%}
            {{ e.name }}::{{ variant.name }} => {{ variant.value }},
{% endfor -%}
        }
    }
}

impl TryFrom<i64> for {{ e.name }} {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        match value {
{% for variant in e.variants -%}
            {{ variant.value }} => Ok(Self::{{ variant.name }}),
{% endfor -%}
            other => Err(format!("{other} is not a value of {{ e.name }}")),
        }
    }
}
{% else -%}
string_enum! {
{%- for line in e.doc %}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
{%- if e.repetitive_names %}
    #[allow(clippy::enum_variant_names)] // the variants spell the spec's values
{%- endif %}
    pub enum {{ e.name }} {
{%- for variant in e.variants %}
{%- if variant.name == e.default_variant %}
        #[default]
{%- endif %}
        {{ variant.name }} = {{ variant.value }},
{%- endfor %}
    }
}
{% endif %}

{% when ModelItem::Union(u) -%}
json_union! {
{%- for line in u.doc %}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
{%- if u.repetitive_names %}
    #[allow(clippy::enum_variant_names)] // the variants spell the spec's values
{%- endif %}
    pub enum {{ u.name }}: {{ u.shape }}{% if let Some(property) = u.tag_property %} tagged {{ property }}{% endif %} {
{%- for variant in u.variants %}
        {{ variant.name }}({{ variant.ty.in_models() }}){% if u.tag_property.is_some() %} = {{ variant.tag }}{% endif %},
{%- endfor %}
    }
}

{% when ModelItem::Alias(a) -%}
{% for line in a.doc -%}
///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
pub type {{ a.name }} = {{ a.ty.in_models() }};

{% endmatch -%}
{% endfor %}
