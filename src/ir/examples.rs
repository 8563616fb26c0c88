//! Example values: the spec's own where they fit their schema, otherwise one built from
//! the schema. Stub handlers answer with them and generated tests send them, so a value
//! that breaks its own schema is reported and replaced, never used.

use serde_json::{Map, Value, json};

use super::{Additional, Api, Bound, IntegerFormat, Schema, StringFormat, Ty, TypeId, TypeKind};
use crate::diagnostics::{Diagnostic, pointer_join};

/// How deep a built example may nest before only `null` is left to try.
const MAX_DEPTH: usize = 6;

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

/// Checks `value` against `schema` as strictly as JSON Schema would; the error says where
/// and why the first mismatch is.
pub fn conforms(api: &Api, schema: &Schema, value: &Value) -> Result<(), String> {
    check_value(api, schema, value, "")
}

fn check_value(api: &Api, schema: &Schema, value: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| {
        Err(format!(
            "at `{}`: {why}",
            if at.is_empty() { "/" } else { at }
        ))
    };
    if value.is_null() {
        return if schema.nullable || schema.ty == Ty::Any {
            Ok(())
        } else {
            fail("null is not allowed".into())
        };
    }
    let constraints = &schema.constraints;
    if let Some(allowed) = &constraints.allowed
        && !allowed.contains(value)
    {
        return fail(format!("{value} is not one of the allowed values"));
    }
    match &schema.ty {
        Ty::Any => Ok(()),
        Ty::FreeObject => match value.as_object() {
            Some(object) => check_property_count(
                constraints.min_properties,
                constraints.max_properties,
                object.len(),
            )
            .or_else(fail),
            None => fail("expected an object".into()),
        },
        Ty::Boolean if value.is_boolean() => Ok(()),
        Ty::Boolean => fail("expected a boolean".into()),
        Ty::Integer(format) => {
            let Some(number) = value.as_i64() else {
                return fail("expected an integer".into());
            };
            if *format == IntegerFormat::Int32 && i32::try_from(number).is_err() {
                return fail("the integer does not fit in 32 bits".into());
            }
            check_number(
                constraints.minimum,
                constraints.maximum,
                constraints.multiple_of,
                number as f64,
            )
            .or_else(fail)
        }
        Ty::Number(_) => match value.as_f64() {
            Some(number) => check_number(
                constraints.minimum,
                constraints.maximum,
                constraints.multiple_of,
                number,
            )
            .or_else(fail),
            None => fail("expected a number".into()),
        },
        Ty::String(format) => match value.as_str() {
            Some(text) => check_string(schema, *format, text).or_else(fail),
            None => fail("expected a string".into()),
        },
        Ty::Array(items) => {
            let Some(elements) = value.as_array() else {
                return fail("expected an array".into());
            };
            if constraints
                .min_items
                .is_some_and(|min| elements.len() < min)
                || constraints
                    .max_items
                    .is_some_and(|max| elements.len() > max)
            {
                return fail(format!(
                    "{} items is outside minItems/maxItems",
                    elements.len()
                ));
            }
            if constraints.unique_items
                && elements
                    .iter()
                    .enumerate()
                    .any(|(index, element)| elements[..index].contains(element))
            {
                return fail("the items are not unique".into());
            }
            elements
                .iter()
                .enumerate()
                .try_for_each(|(index, element)| {
                    check_value(api, items, element, &format!("{at}/{index}"))
                })
        }
        Ty::Map(values) => match value.as_object() {
            Some(object) => {
                check_property_count(
                    constraints.min_properties,
                    constraints.max_properties,
                    object.len(),
                )
                .or_else(fail)?;
                object.iter().try_for_each(|(key, element)| {
                    check_value(api, values, element, &format!("{at}/{key}"))
                })
            }
            None => fail("expected an object".into()),
        },
        Ty::Named(id) => check_named(api, *id, value, at),
    }
}

fn check_named(api: &Api, id: TypeId, value: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| {
        Err(format!(
            "at `{}`: {why}",
            if at.is_empty() { "/" } else { at }
        ))
    };
    match &api.type_def(id).kind {
        TypeKind::Alias(schema) => check_value(api, schema, value, at),
        TypeKind::Enum(enumeration) => {
            if enumeration
                .variants
                .iter()
                .any(|variant| variant.value == *value)
            {
                Ok(())
            } else {
                fail(format!("{value} is not one of the enum's values"))
            }
        }
        TypeKind::Union(union) => {
            if union
                .variants
                .iter()
                .any(|variant| check_value(api, &variant.schema, value, at).is_ok())
            {
                Ok(())
            } else {
                fail("matches none of the union's members".into())
            }
        }
        TypeKind::Struct(object) => {
            let Some(properties) = value.as_object() else {
                return fail("expected an object".into());
            };
            check_property_count(
                object.min_properties,
                object.max_properties,
                properties.len(),
            )
            .or_else(fail)?;
            for field in &object.fields {
                match properties.get(&field.json_name) {
                    Some(element) => check_value(
                        api,
                        &field.schema,
                        element,
                        &format!("{at}/{}", field.json_name),
                    )?,
                    None if field.required => {
                        return fail(format!(
                            "required property `{}` is missing",
                            field.json_name
                        ));
                    }
                    None => {}
                }
            }
            let undeclared = properties
                .iter()
                .filter(|(key, _)| !object.fields.iter().any(|field| field.json_name == **key));
            for (key, element) in undeclared {
                match &object.additional {
                    Additional::Ignore => {}
                    Additional::Forbid => return fail(format!("property `{key}` is not allowed")),
                    Additional::Keep(schema) => {
                        check_value(api, schema, element, &format!("{at}/{key}"))?
                    }
                }
            }
            Ok(())
        }
    }
}

fn check_property_count(
    min: Option<usize>,
    max: Option<usize>,
    count: usize,
) -> Result<(), String> {
    if min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max) {
        return Err(format!(
            "{count} properties is outside minProperties/maxProperties"
        ));
    }
    Ok(())
}

fn check_number(
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    multiple_of: Option<f64>,
    number: f64,
) -> Result<(), String> {
    let below = minimum.is_some_and(|bound| {
        if bound.exclusive {
            number <= bound.value
        } else {
            number < bound.value
        }
    });
    let above = maximum.is_some_and(|bound| {
        if bound.exclusive {
            number >= bound.value
        } else {
            number > bound.value
        }
    });
    if below || above {
        return Err(format!("{number} is out of bounds"));
    }
    if let Some(divisor) = multiple_of {
        let quotient = number / divisor;
        if (quotient - quotient.round()).abs() > 1e-9 {
            return Err(format!("{number} is not a multiple of {divisor}"));
        }
    }
    Ok(())
}

fn check_string(schema: &Schema, format: StringFormat, text: &str) -> Result<(), String> {
    let constraints = &schema.constraints;
    let length = text.chars().count();
    if constraints.min_length.is_some_and(|min| length < min)
        || constraints.max_length.is_some_and(|max| length > max)
    {
        return Err(format!("{text:?} has a length outside minLength/maxLength"));
    }
    if let Some(pattern) = &constraints.pattern
        && regex::Regex::new(pattern).is_ok_and(|regex| !regex.is_match(text))
    {
        return Err(format!("{text:?} does not match `{pattern}`"));
    }
    let format_ok = match format {
        StringFormat::Email => text
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.')),
        StringFormat::Uuid => {
            text.len() == 36 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        }
        StringFormat::Date => text.len() == 10 && text.as_bytes().get(4) == Some(&b'-'),
        StringFormat::DateTime => {
            text.len() >= 20
                && text
                    .as_bytes()
                    .get(10)
                    .is_some_and(|c| matches!(c, b'T' | b't' | b' '))
        }
        StringFormat::Ipv4 => text.parse::<std::net::Ipv4Addr>().is_ok(),
        StringFormat::Ipv6 => text.parse::<std::net::Ipv6Addr>().is_ok(),
        StringFormat::Uri => text.contains(':'),
        StringFormat::Plain | StringFormat::Bytes => true,
    };
    if format_ok {
        Ok(())
    } else {
        Err(format!("{text:?} is not a valid {format:?}"))
    }
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
            if count > 1 && constraints.unique_items {
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
        Some(pattern) => {
            let regex = regex::Regex::new(pattern).ok()?;
            std::iter::once(sample)
                .chain(PATTERN_CANDIDATES)
                .map(fit)
                .find(|candidate| regex.is_match(candidate))
        }
    }
}
