//! How a test request writes a parameter's value: as the text of one value, or as the
//! `name=text` pairs its spread asks for (`ids=1&ids=2`, `filter[age]=3`, `name,x`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::ir::{self, Api, Schema, Spread, Struct, Ty, TypeKind};

/// How a parameter value is written in a URL or header: strings bare, arrays joined.
pub(super) fn parameter_text(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(parameter_text)
            .collect::<Option<Vec<_>>>()
            .map(|items| items.join(",")),
        scalar => scalar_text(scalar),
    }
}

/// The text of a string, number or boolean.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        _ => None,
    }
}

/// The `(name, text)` pairs a parameter is written as.
pub(super) type Pairs = Vec<(String, String)>;

/// The `(name, text)` pairs that carry `value` as `parameter`; `None` when it cannot be
/// written so that the service reads it back (an item holding its delimiter, an object
/// nested too deep).
pub(super) fn written(api: &Api, parameter: &ir::Parameter, value: &Value) -> Option<Pairs> {
    let name = &parameter.name;
    let one = |text: String| Some(vec![(name.clone(), text)]);
    match (value, parameter.spread(api)) {
        (Value::Array(items), Spread::Repeated) => items
            .iter()
            .map(|item| Some((name.clone(), parameter_text(item)?)))
            .collect(),
        (Value::Array(items), Spread::Delimited(delimiter)) => {
            one(joined(items.iter().map(scalar_text), delimiter)?)
        }
        (Value::Object(fields), Spread::Fields) => fields_written(fields, |field| field.to_owned()),
        (Value::Object(fields), Spread::Deep) => {
            fields_written(fields, |field| format!("{name}[{field}]"))
        }
        (Value::Object(fields), Spread::Pairs(delimiter)) => {
            let texts = fields
                .iter()
                .flat_map(|(field, value)| [Some(field.clone()), scalar_text(value)]);
            one(joined(texts, delimiter)?)
        }
        (Value::Object(fields), Spread::KeyValues(delimiter)) => {
            let texts = fields.iter().map(|(field, value)| {
                let text = scalar_text(value)?;
                (!field.contains('=')).then(|| format!("{field}={text}"))
            });
            one(joined(texts, delimiter)?)
        }
        (single, _) => one(parameter_text(single)?),
    }
}

/// The texts joined by `delimiter`, unless one holds it (it would split in two).
fn joined(texts: impl Iterator<Item = Option<String>>, delimiter: char) -> Option<String> {
    let texts: Vec<String> = texts.collect::<Option<_>>()?;
    if texts.iter().any(|text| text.contains(delimiter)) {
        return None;
    }
    Some(texts.join(&delimiter.to_string()))
}

/// An object's fields as query pairs named by `key`, a list field one pair per item.
fn fields_written(
    fields: &serde_json::Map<String, Value>,
    key: impl Fn(&str) -> String,
) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for (field, value) in fields {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    pairs.push((key(field), scalar_text(item)?));
                }
            }
            scalar => pairs.push((key(field), scalar_text(scalar)?)),
        }
    }
    Some(pairs)
}

/// Whether a query pair named `key` belongs to `parameter`: its own name, a property of
/// an object spread into fields, or `name[...]` of a deep object.
pub(super) fn writes_key(api: &Api, parameter: &ir::Parameter, key: &str) -> bool {
    match parameter.spread(api) {
        Spread::Deep => key
            .strip_prefix(parameter.name.as_str())
            .is_some_and(|rest| rest.starts_with('[')),
        Spread::Fields => property_names(api, &parameter.schema).contains(&key),
        _ => key == parameter.name,
    }
}

/// The declared properties of an object schema.
fn property_names<'a>(api: &'a Api, schema: &Schema) -> Vec<&'a str> {
    object_of(api, schema)
        .map(|object| {
            object
                .fields
                .iter()
                .map(|field| field.json_name.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// The struct an object schema names, through (a few) aliases.
pub(super) fn object_of<'a>(api: &'a Api, schema: &Schema) -> Option<&'a Struct> {
    let mut schema = schema;
    for _ in 0..8 {
        let Ty::Named(id) = schema.ty else {
            return None;
        };
        match &api.type_def(id).kind {
            TypeKind::Struct(object) => return Some(object),
            TypeKind::Alias(aliased) => schema = aliased,
            _ => return None,
        }
    }
    None
}

/// The boundary of the multipart bodies the tests send.
pub(super) const BOUNDARY: &str = "specforge-boundary";

/// `value`, an object, as a `multipart/form-data` body: an uploaded file as a file part
/// (its content as text), a list one part per item, a part sent as JSON its JSON; `None`
/// when a name or value cannot be written in a part.
pub(super) fn multipart_encode(value: &Value, json_parts: &[String]) -> Option<String> {
    let mut body = String::new();
    for (name, value) in value.as_object()? {
        if name.contains(['"', '\r', '\n']) {
            return None;
        }
        let as_json = json_parts.contains(name);
        let items = match value {
            Value::Null => Vec::new(),
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in items {
            body.push_str(&format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\""
            ));
            match uploaded(item) {
                Some((filename, content_type, content)) => body.push_str(&format!(
                    "; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n{content}\r\n"
                )),
                None => {
                    let text = if as_json {
                        item.to_string()
                    } else {
                        parameter_text(item)?
                    };
                    body.push_str(&format!("\r\n\r\n{text}\r\n"));
                }
            }
        }
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    Some(body)
}

/// The name, content type and content (as text) of an uploaded file as an example holds
/// one: `{"filename", "content_type", "content"}`, the content in base64.
fn uploaded(value: &Value) -> Option<(&str, &str, String)> {
    let content = STANDARD.decode(value.get("content")?.as_str()?).ok()?;
    let filename = value.get("filename")?.as_str()?;
    let content_type = value.get("content_type")?.as_str()?;
    if [filename, content_type]
        .iter()
        .any(|text| text.contains(['"', '\r', '\n']))
    {
        return None;
    }
    Some((filename, content_type, String::from_utf8(content).ok()?))
}
