//! The document a generated service serves at `/openapi.json`: the spec itself, plus the
//! 422 answer the framework adds to every operation that validates input, documented the
//! way FastAPI documents it.

use serde_json::{Map, Value, json};

use crate::ir::Api;

const VALIDATION_ERROR: &str = "ValidationError";
const HTTP_VALIDATION_ERROR: &str = "HTTPValidationError";

pub fn served_document(api: &Api, raw: &Value) -> Value {
    let mut document = raw.clone();
    let mut adds_422 = false;
    for operation in api
        .operations
        .iter()
        .filter(|operation| !operation.parameters.is_empty() || operation.body.is_some())
    {
        let responses = document
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(&operation.path))
            .and_then(|item| item.get_mut(operation.method.as_str().to_ascii_lowercase()))
            .and_then(|operation| operation.get_mut("responses"))
            .and_then(Value::as_object_mut);
        if let Some(responses) = responses
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
    document
}
