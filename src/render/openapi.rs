//! The document a generated service serves at `/openapi.json`: the spec itself, plus the
//! answers the framework adds — 422 to every operation that validates input, documented the
//! way FastAPI documents it, and 401 to every secured operation.

use serde_json::{Map, Value, json};

use crate::ir::{Api, Operation};

const VALIDATION_ERROR: &str = "ValidationError";
const HTTP_VALIDATION_ERROR: &str = "HTTPValidationError";

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
    for operation in api
        .operations
        .iter()
        .filter(|operation| operation.security.is_some())
    {
        if let Some(responses) = responses_of(&mut document, operation) {
            responses.entry("401").or_insert_with(|| {
                json!({
                    "description": "Not authenticated, or the credentials were refused",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "required": ["detail"],
                        "properties": {"detail": {"title": "Detail", "type": "string"}}
                    }}}
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
    document
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
