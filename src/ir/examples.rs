//! Example values: the spec's own where they fit their schema, otherwise one built from
//! the schema. Stub handlers answer with them and generated tests send them, so a value
//! that breaks its own schema is reported and replaced, never used.

use serde_json::{Map, Value, json};

use super::conform::conforms;
use super::{Api, Bound, Schema, StringFormat, Ty, TypeId, TypeKind};
use crate::diagnostics::{Diagnostic, pointer_join};

/// How deep a built example may nest before only `null` is left to try.
const MAX_DEPTH: usize = 6;

/// The most characters, items or properties a built value may need: a bound beyond it
/// (`minLength: 2147483647`, as some specs write) gets no example rather than a value of
/// gigabytes.
pub const LARGEST_BUILT: usize = 4096;

/// Below this depth a built object has only its required fields, so examples of
/// recursive types stay small.
const OPTIONAL_FIELDS_DEPTH: usize = 2;

/// Sample strings tried, in order, against a `pattern` when the spec gives no example.
const PATTERN_CANDIDATES: [&str; 9] = ["string", "abc", "a", "A", "0", "1", "abc123", "ABC", "a-b"];

/// The example to use for `schema`: `given` (from the media type or parameter) if it
/// fits, else the schema's own, else one built from the schema; `None` if nothing fits.
pub fn example_for(api: &Api, schema: &Schema, given: Option<&Value>) -> Option<Value> {
    given
        .filter(|value| conforms(api, schema, value).is_ok())
        .cloned()
        .or_else(|| build(api, schema, 0))
}

/// The default to use for `schema`: the spec's own if it fits, or the value a string
/// default spells (`"42"` for an integer); `None` if neither fits.
pub fn fitted_default(api: &Api, schema: &Schema) -> Option<Value> {
    let default = schema
        .default
        .as_ref()
        .filter(|default| !default.is_null())?;
    if conforms(api, schema, default).is_ok() {
        return Some(default.clone());
    }
    let spelled: Value = serde_json::from_str(default.as_str()?).ok()?;
    conforms(api, schema, &spelled).is_ok().then_some(spelled)
}

/// Warnings for every example in the spec that does not fit its own schema, and every
/// parameter default that cannot be used.
pub fn check_examples(api: &Api) -> Vec<Diagnostic> {
    let misfit = |pointer: &str, schema: &Schema, example: Option<&Value>| {
        let problem = conforms(api, schema, example?).err()?;
        Some(Diagnostic::warning(
            pointer,
            format!(
                "the example does not match its schema ({problem}); one built from the schema is used instead"
            ),
        ))
    };
    let mut diagnostics: Vec<Diagnostic> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(index, type_def)| {
            misfit(
                &type_def.pointer,
                &Schema::of(Ty::Named(TypeId(index))),
                type_def.example.as_ref(),
            )
        })
        .collect();
    for operation in &api.operations {
        let responses = pointer_join(&operation.pointer, &["responses"]);
        let parameters = pointer_join(&operation.pointer, &["parameters"]);
        if let Some(body) = &operation.body {
            diagnostics.extend(misfit(
                &pointer_join(&operation.pointer, &["requestBody"]),
                &body.schema,
                body.example.as_ref(),
            ));
        }
        for body in operation
            .responses
            .iter()
            .filter_map(|response| response.body.as_ref())
        {
            diagnostics.extend(misfit(&responses, &body.schema, body.example.as_ref()));
        }
        for parameter in &operation.parameters {
            diagnostics.extend(misfit(
                &parameters,
                &parameter.schema,
                parameter.example.as_ref(),
            ));
            let has_default = parameter
                .schema
                .default
                .as_ref()
                .is_some_and(|default| !default.is_null());
            if has_default && fitted_default(api, &parameter.schema).is_none() {
                diagnostics.push(Diagnostic::warning(
                    parameters.clone(),
                    format!("the default of `{}` does not match its schema; the parameter has no default", parameter.name),
                ));
            }
        }
    }
    diagnostics
}

/// Builds a value that satisfies `schema`, or `None` where the constraints are beyond
/// simple construction (an unusual `pattern`, unique items of a single possible value…).
fn build(api: &Api, schema: &Schema, depth: usize) -> Option<Value> {
    let own = schema.example.as_ref().or(schema.default.as_ref());
    if let Some(value) = own.filter(|value| conforms(api, schema, value).is_ok()) {
        return Some(value.clone());
    }
    if let Some(allowed) = &schema.constraints.allowed {
        return allowed.first().cloned();
    }
    if depth > MAX_DEPTH {
        return schema.nullable.then_some(Value::Null);
    }
    let constraints = &schema.constraints;
    let value = match &schema.ty {
        Ty::Any => json!({}),
        // An uploaded file as a multipart body's object holds it: "file content" in base64.
        Ty::File => json!({
            "filename": "file.txt",
            "content_type": "text/plain",
            "content": "ZmlsZSBjb250ZW50"
        }),
        Ty::FreeObject if constraints.min_properties.unwrap_or(0) > LARGEST_BUILT => return None,
        Ty::FreeObject => (0..constraints.min_properties.unwrap_or(0))
            .map(|index| (format!("key{index}"), json!("value")))
            .collect::<Map<_, _>>()
            .into(),
        Ty::Boolean => json!(true),
        Ty::Integer(_) => json!(build_integer(
            constraints.minimum,
            constraints.maximum,
            constraints.multiple_of
        )?),
        Ty::Number(_) => json!(build_number(
            constraints.minimum,
            constraints.maximum,
            constraints.multiple_of
        )?),
        Ty::String(format) => json!(build_string(schema, *format)?),
        Ty::Array(items) => {
            let count = constraints
                .min_items
                .unwrap_or(1)
                .min(constraints.max_items.unwrap_or(usize::MAX));
            if (count > 1 && constraints.unique_items) || count > LARGEST_BUILT {
                return None;
            }
            let item = if count == 0 {
                None
            } else {
                Some(build(api, items, depth + 1)?)
            };
            Value::Array(item.map(|item| vec![item; count]).unwrap_or_default())
        }
        Ty::Map(values) => {
            let count = constraints.min_properties.unwrap_or(0);
            if count > LARGEST_BUILT {
                return None;
            }
            let mut map = Map::new();
            for index in 0..count {
                map.insert(format!("key{index}"), build(api, values, depth + 1)?);
            }
            Value::Object(map)
        }
        Ty::Named(id) => build_named(api, *id, depth)?,
    };
    conforms(api, schema, &value).is_ok().then_some(value)
}

fn build_named(api: &Api, id: TypeId, depth: usize) -> Option<Value> {
    let type_def = api.type_def(id);
    if let Some(example) = &type_def.example
        && conforms(api, &Schema::of(Ty::Named(id)), example).is_ok()
    {
        return Some(example.clone());
    }
    match &type_def.kind {
        TypeKind::Alias(schema) => build(api, schema, depth + 1),
        TypeKind::Enum(enumeration) => enumeration
            .variants
            .first()
            .map(|variant| variant.value.clone()),
        TypeKind::Union(union) => union.variants.iter().find_map(|variant| {
            let mut value = build(api, &variant.schema, depth + 1)?;
            if let (Some(property), Some(tag), Some(object)) = (
                &union.discriminator,
                variant.tags.first(),
                value.as_object_mut(),
            ) {
                object.insert(property.clone(), json!(tag));
            }
            Some(value)
        }),
        TypeKind::Struct(object) => {
            let mut properties = Map::new();
            for field in &object.fields {
                match build(api, &field.schema, depth + 1) {
                    Some(value) => {
                        properties.insert(field.json_name.clone(), value);
                    }
                    None if field.required => return None,
                    None => {}
                }
                if depth >= OPTIONAL_FIELDS_DEPTH && !field.required {
                    properties.remove(&field.json_name);
                }
            }
            // What a member of each alternative needs, among the optional fields.
            for union in &object.alternatives {
                let Value::Object(chosen) = build(api, union, depth + 1)? else {
                    return None;
                };
                for (name, value) in chosen {
                    properties.entry(name).or_insert(value);
                }
            }
            Some(Value::Object(properties))
        }
    }
}

fn build_integer(
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    multiple_of: Option<f64>,
) -> Option<i64> {
    let low = minimum.map(|bound| {
        if bound.exclusive {
            bound.value.floor() as i64 + 1
        } else {
            bound.value.ceil() as i64
        }
    });
    let high = maximum.map(|bound| {
        if bound.exclusive {
            bound.value.ceil() as i64 - 1
        } else {
            bound.value.floor() as i64
        }
    });
    let mut candidate = low.unwrap_or_else(|| high.map_or(1, |high| high.min(1)));
    if let Some(divisor) = multiple_of.filter(|divisor| divisor.fract() == 0.0 && *divisor >= 1.0) {
        let divisor = divisor as i64;
        candidate = candidate.div_euclid(divisor) * divisor
            + if candidate.rem_euclid(divisor) == 0 {
                0
            } else {
                divisor
            };
    }
    (high.is_none_or(|high| candidate <= high)).then_some(candidate)
}

fn build_number(
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    multiple_of: Option<f64>,
) -> Option<f64> {
    let candidate = match (minimum, maximum) {
        (Some(low), Some(high)) if low.exclusive || high.exclusive => {
            (low.value + high.value) / 2.0
        }
        (Some(low), _) => low.value + if low.exclusive { 1.0 } else { 0.0 },
        (None, Some(high)) => {
            high.value.min(1.0)
                - if high.exclusive && high.value <= 1.0 {
                    1.0
                } else {
                    0.0
                }
        }
        (None, None) => 1.5,
    };
    match multiple_of {
        Some(divisor) => Some((candidate / divisor).ceil() * divisor),
        None => Some(candidate),
    }
}

fn build_string(schema: &Schema, format: StringFormat) -> Option<String> {
    let constraints = &schema.constraints;
    if constraints.min_length.unwrap_or(0) > LARGEST_BUILT {
        return None;
    }
    let sample = match format {
        StringFormat::DateTime => "2024-01-01T00:00:00Z",
        StringFormat::Date => "2024-01-01",
        StringFormat::Uuid => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        StringFormat::Email => "user@example.com",
        StringFormat::Uri => "https://example.com/",
        StringFormat::Ipv4 => "192.0.2.1",
        StringFormat::Ipv6 => "2001:db8::1",
        StringFormat::Plain | StringFormat::Bytes => "string",
    };
    let fit = |text: &str| {
        // Repeating the last character keeps the text within the pattern's classes.
        let filler = text.chars().last().unwrap_or('x');
        let mut text = text.to_owned();
        while text.chars().count() < constraints.min_length.unwrap_or(0) {
            text.push(filler);
        }
        if let Some(max) = constraints.max_length {
            text = text.chars().take(max).collect();
        }
        text
    };
    match &constraints.pattern {
        None => Some(fit(sample)),
        Some(pattern) => std::iter::once(sample)
            .chain(PATTERN_CANDIDATES)
            .map(fit)
            .find(|candidate| pattern.is_match(candidate)),
    }
}
