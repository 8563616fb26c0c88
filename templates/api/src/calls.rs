{{ header }}
//! One typed call per operation, on any [`crate::client::Client`]: named like the
//! handler, taking what it takes (borrowed), answering its response enum read back from
//! the status and body. Each is written by [`crate::typed_call`].
{%- if spreads %}

use crate::client::Spread;
{%- endif %}
{% for call in calls %}

crate::typed_call! {
{%- for line in call.doc %}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{%- endfor %}
    ///
    /// The typed call of [`{{ call.handler }}`].
{%- if call.many_arguments %}
    #[allow(clippy::too_many_arguments)]
{%- endif %}
    fn {{ call.name }}({% for argument in call.arguments %}{{ argument.name }}: {{ argument.borrowed }}{% if !loop.last %}, {% endif %}{% endfor %}) -> crate::{{ call.response_enum }} {
        {{ call.method }} {{ call.path }}
{%- for step in call.steps %}
{%- if step.optional %}
        .maybe(body, |request, body| request.{{ step.method }}({{ step.arguments|join(", ") }}))
{%- else %}
        .{{ step.method }}({{ step.arguments|join(", ") }})
{%- endif %}
{%- endfor %}
    }
}
{%- endfor %}
