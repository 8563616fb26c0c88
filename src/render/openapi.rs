//! The document a generated service serves at `/openapi.json`: the spec itself, plus the
//! answers the framework adds — 422 to every operation that validates input, documented the
//! way FastAPI documents it, 400 to every one that takes multipart bodies, and 401 to every
//! secured operation — and the range of every
//! integer: one without a `format` is a 64-bit integer (Python's are unbounded; a service
//! that holds an `i64` cannot be), so the bounds it is checked against are written where
//! the author wrote none, and clients and testers know them.

use serde_json::{Map, Value, json};

use crate::ir::{Api, BodyKind, Operation};

const VALIDATION_ERROR: &str = "ValidationError";
const HTTP_VALIDATION_ERROR: &str = "HTTPValidationError";

/// The schema of the framework's own errors: `{"detail": "..."}`.
fn detail_schema() -> Value {
    json!({
        "type": "object",
        "required": ["detail"],
        "properties": {"detail": {"title": "Detail", "type": "string"}}
    })
}

/// The spec's tree, `raw`, with the framework's answers added.
pub fn served_document(api: &Api, raw: Value) -> Value {
    let mut document = raw;
    let mut adds_422 = false;
    for operation in api
        .operations
        .iter()
        .filter(|operation| !operation.parameters.is_empty() || operation.body.is_some())
    {
        if let Some(responses) = responses_of(&mut document, operation)
            && !responses.contains_key("422")
        {
            responses.insert(
                "422".to_owned(),
                json!({
                    "description": "Validation Error",
                    "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{HTTP_VALIDATION_ERROR}")}}}
                }),
            );
            adds_422 = true;
        }
    }
    let multipart = |operation: &&Operation| {
        (operation.body.as_ref()).is_some_and(|body| body.kind == BodyKind::Multipart)
    };
    for operation in api.operations.iter().filter(multipart) {
        if let Some(responses) = responses_of(&mut document, operation) {
            responses.entry("400").or_insert_with(|| {
                json!({
                    "description": "The body is no multipart data",
                    "content": {"application/json": {"schema": detail_schema()}}
                })
            });
        }
    }
    for operation in api
        .operations
        .iter()
        .filter(|operation| operation.security.is_some())
    {
        if let Some(responses) = responses_of(&mut document, operation) {
            responses.entry("401").or_insert_with(|| {
                json!({
                    "description": "Not authenticated, or the credentials were refused",
                    "content": {"application/json": {"schema": detail_schema()}}
                })
            });
        }
    }
    if adds_422 && let Some(root) = document.as_object_mut() {
        let components = root
            .entry("components")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(components) = components.as_object_mut() {
            let schemas = components
                .entry("schemas")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(schemas) = schemas.as_object_mut() {
                schemas.entry(HTTP_VALIDATION_ERROR).or_insert_with(|| {
                    json!({
                        "title": HTTP_VALIDATION_ERROR,
                        "type": "object",
                        "properties": {"detail": {"title": "Detail", "type": "array", "items": {"$ref": format!("#/components/schemas/{VALIDATION_ERROR}")}}}
                    })
                });
                schemas.entry(VALIDATION_ERROR).or_insert_with(|| {
                    json!({
                        "title": VALIDATION_ERROR,
                        "type": "object",
                        "required": ["loc", "msg", "type"],
                        "properties": {
                            "loc": {"title": "Location", "type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                            "msg": {"title": "Message", "type": "string"},
                            "type": {"title": "Error Type", "type": "string"},
                            "input": {"title": "Input"},
                            "ctx": {"title": "Context", "type": "object"}
                        }
                    })
                });
            }
        }
    }
    declare_integer_bounds(&mut document);
    document
}

/// Keys whose values are data, not schemas: an integer schema there is an example's.
const DATA_KEYS: [&str; 5] = ["example", "examples", "default", "enum", "const"];

/// Keys whose values map names to schemas (a property may be named like a data key).
const NAMED_SCHEMAS: [&str; 4] = ["properties", "patternProperties", "schemas", "$defs"];

/// Writes `minimum` and `maximum` into every integer schema that lacks them: the bounds of
/// its `format` (`int32`), else of a 64-bit integer.
fn declare_integer_bounds(document: &mut Value) {
    let mut pending = vec![document];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                if is_integer_schema(object) {
                    let (low, high) = match object.get("format").and_then(Value::as_str) {
                        Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
                        _ => (i64::MIN, i64::MAX),
                    };
                    if !object.contains_key("exclusiveMinimum") {
                        object.entry("minimum").or_insert(json!(low));
                    }
                    if !object.contains_key("exclusiveMaximum") {
                        object.entry("maximum").or_insert(json!(high));
                    }
                }
                for (key, child) in object.iter_mut() {
                    let key = key.as_str();
                    if DATA_KEYS.contains(&key) || key.starts_with("x-") {
                        continue;
                    }
                    // Maps of schemas by name: a property may be named `default`.
                    if NAMED_SCHEMAS.contains(&key)
                        && let Value::Object(named) = child
                    {
                        pending.extend(named.values_mut());
                        continue;
                    }
                    pending.push(child);
                }
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Whether `object` is a schema of integers: `type: integer`, or (3.1) a list of types
/// holding `integer` and no `number`.
fn is_integer_schema(object: &Map<String, Value>) -> bool {
    match object.get("type") {
        Some(Value::String(ty)) => ty == "integer",
        Some(Value::Array(types)) => {
            types.iter().any(|ty| ty == "integer") && !types.iter().any(|ty| ty == "number")
        }
        _ => false,
    }
}

/// The `responses` object of an operation in the served document.
fn responses_of<'d>(
    document: &'d mut Value,
    operation: &Operation,
) -> Option<&'d mut Map<String, Value>> {
    document
        .get_mut("paths")?
        .get_mut(&operation.path)?
        .get_mut(operation.method.as_str().to_ascii_lowercase())?
        .get_mut("responses")?
        .as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_given_the_bounds_the_service_checks() {
        let mut document = json!({
            "components": {"schemas": {"Page": {"type": "object", "properties": {
                "offset": {"type": "integer", "minimum": 0},
                "count": {"type": "integer", "format": "int32"},
                "default": {"type": ["integer", "null"]},
                "ratio": {"type": "number"}
            }, "example": {"type": "integer"}}}}
        });
        declare_integer_bounds(&mut document);
        let properties = &document["components"]["schemas"]["Page"]["properties"];
        assert_eq!(properties["offset"]["minimum"], 0);
        assert_eq!(properties["offset"]["maximum"], i64::MAX);
        assert_eq!(properties["count"]["minimum"], i32::MIN);
        assert_eq!(properties["count"]["maximum"], i32::MAX);
        assert_eq!(properties["default"]["minimum"], i64::MIN);
        assert!(properties["ratio"].get("maximum").is_none());
        assert_eq!(
            document["components"]["schemas"]["Page"]["example"],
            json!({"type": "integer"}),
            "an example is data"
        );
    }
}
