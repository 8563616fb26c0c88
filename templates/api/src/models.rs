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
{% for line in u.doc -%}
///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
{% if u.tag_property.is_some() -%}
#[derive(Debug, Clone, PartialEq)]
{% else -%}
#[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
#[serde(untagged)]
{% endif -%}
{% if u.repetitive_names -%}
#[allow(clippy::enum_variant_names)] // the variants spell the spec's values
{% endif -%}
#[allow(clippy::large_enum_variant)] // one variant per member of the spec's union
pub enum {{ u.name }} {
{% for variant in u.variants -%}
    {{ variant.name }}({{ variant.ty.in_models() }}),
{% endfor -%}
}
{% if let Some(property) = u.tag_property %}

/// Writes the member with its tag, even where the member's own schema does not declare it.
impl ::serde::Serialize for {{ u.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (tag, member) = match self {
{% for variant in u.variants -%}
            Self::{{ variant.name }}(member) => ({{ variant.tag }}, ::serde_json::to_value(member)),
{% endfor -%}
        };
        let mut value = member.map_err(::serde::ser::Error::custom)?;
        if let ::serde_json::Value::Object(properties) = &mut value {
            properties.entry({{ property }}).or_insert_with(|| ::serde_json::Value::from(tag));
        }
        ::serde::Serialize::serialize(&value, serializer)
    }
}
{% endif %}

/// Picks the member the same way request validation does, so both always agree.
impl<'de> ::serde::Deserialize<'de> for {{ u.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        match crate::validation::matching_variant(&crate::constraints::{{ u.shape }}, &value) {
{% for variant in u.variants -%}
            Some({{ variant.index }}) => ::serde_json::from_value(value).map({% if variant.boxed %}|value| Self::{{ variant.name }}(Box::new(value)){% else %}Self::{{ variant.name }}{% endif %}),
{% endfor -%}
            _ => return Err(::serde::de::Error::custom("the value matches no member of {{ u.name }}")),
        }
        .map_err(::serde::de::Error::custom)
    }
}

{% when ModelItem::Alias(a) -%}
{% for line in a.doc -%}
///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
pub type {{ a.name }} = {{ a.ty.in_models() }};

{% endmatch -%}
{% endfor %}
