//! The 3.1 → 3.0 rewrite on small documents: what each construct becomes.

use serde_json::{Value, json};

use super::downgrade;

/// The 3.0 form of a 3.1 schema, and the warnings of rewriting it.
fn schema_in_30(schema: Value) -> (Value, Vec<String>) {
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"S": schema}}
    });
    let warnings = downgrade(&mut document);
    assert_eq!(document["openapi"], "3.0.3");
    (
        document["components"]["schemas"]["S"].clone(),
        warnings
            .into_iter()
            .map(|warning| warning.message)
            .collect(),
    )
}

#[test]
fn type_lists_become_nullable_types_or_alternatives() {
    let (schema, _) = schema_in_30(json!({"type": ["string", "null"], "maxLength": 3}));
    assert_eq!(
        schema,
        json!({"type": "string", "maxLength": 3, "nullable": true})
    );
    let (schema, _) = schema_in_30(json!({"type": ["integer", "string"], "title": "Id"}));
    assert_eq!(
        schema,
        json!({"title": "Id", "anyOf": [
            {"title": "Id", "type": "integer"},
            {"title": "Id", "type": "string"}
        ]})
    );
    let (schema, _) = schema_in_30(json!({"type": "null"}));
    assert_eq!(schema, json!({"nullable": true, "enum": [null]}));
}

#[test]
fn references_keep_their_siblings() {
    let (schema, _) = schema_in_30(json!({
        "$ref": "#/components/schemas/Color",
        "description": "The pen's color",
        "default": "red"
    }));
    assert_eq!(
        schema,
        json!({
            "description": "The pen's color",
            "default": "red",
            "allOf": [{"$ref": "#/components/schemas/Color"}]
        })
    );
    let (schema, _) = schema_in_30(json!({
        "$ref": "#/components/schemas/A",
        "allOf": [{"$ref": "#/components/schemas/B"}]
    }));
    assert_eq!(
        schema,
        json!({"allOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/A"}]})
    );
    let (schema, _) = schema_in_30(json!({"$ref": "#/components/schemas/A"}));
    assert_eq!(schema, json!({"$ref": "#/components/schemas/A"}));
}

#[test]
fn null_alternatives_become_nullable() {
    let (schema, _) = schema_in_30(json!({
        "anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}],
        "title": "Name"
    }));
    assert_eq!(
        schema,
        json!({"title": "Name", "nullable": true, "type": "string", "minLength": 1})
    );
    let (schema, _) = schema_in_30(json!({
        "oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}],
        "description": "kept"
    }));
    assert_eq!(
        schema,
        json!({"description": "kept", "nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
    );
    let (schema, _) = schema_in_30(json!({
        "allOf": [{"$ref": "#/components/schemas/A"}],
        "anyOf": [{"$ref": "#/components/schemas/B"}, {"type": "null"}]
    }));
    assert_eq!(
        schema,
        json!({"nullable": true, "allOf": [
            {"$ref": "#/components/schemas/A"},
            {"$ref": "#/components/schemas/B"}
        ]})
    );
    let (schema, _) = schema_in_30(json!({
        "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]
    }));
    assert_eq!(
        schema,
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
    );
}

#[test]
fn const_examples_and_exclusive_bounds_take_their_30_spelling() {
    let (schema, _) = schema_in_30(json!({"const": "cat"}));
    assert_eq!(schema, json!({"enum": ["cat"]}));
    let (schema, _) = schema_in_30(json!({"type": "integer", "examples": [3, 4]}));
    assert_eq!(schema, json!({"type": "integer", "example": 3}));
    let (schema, _) =
        schema_in_30(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}));
    assert_eq!(
        schema,
        json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true})
    );
    let (schema, _) = schema_in_30(json!({"type": "number", "minimum": 5, "exclusiveMinimum": 1}));
    assert_eq!(
        schema,
        json!({"type": "number", "minimum": 5}),
        "the stricter bound wins"
    );
}

#[test]
fn content_encoding_and_media_type_become_formats() {
    let (schema, _) = schema_in_30(json!({"type": "string", "contentEncoding": "base64"}));
    assert_eq!(schema, json!({"type": "string", "format": "byte"}));
    let (schema, _) = schema_in_30(json!({"type": "string", "contentMediaType": "image/png"}));
    assert_eq!(schema, json!({"type": "string", "format": "binary"}));
    let (schema, _) =
        schema_in_30(json!({"type": "string", "contentMediaType": "application/json"}));
    assert_eq!(schema, json!({"type": "string"}));
}

#[test]
fn nested_schemas_and_defs_are_rewritten_but_property_names_are_not() {
    let (schema, _) = schema_in_30(json!({
        "type": "object",
        "properties": {
            "const": {"type": ["boolean", "null"]},
            "type": {"items": {"const": 1}, "type": "array"}
        },
        "$defs": {"Inner": {"type": ["string", "null"]}}
    }));
    assert_eq!(
        schema["properties"]["const"],
        json!({"type": "boolean", "nullable": true})
    );
    assert_eq!(schema["properties"]["type"]["items"], json!({"enum": [1]}));
    assert_eq!(
        schema["$defs"]["Inner"],
        json!({"type": "string", "nullable": true})
    );
}

#[test]
fn prefix_items_and_webhooks_are_reported() {
    let (schema, warnings) = schema_in_30(json!({
        "type": "array",
        "prefixItems": [{"type": "string"}, {"type": "integer"}]
    }));
    assert_eq!(
        schema,
        json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
    );
    assert!(warnings[0].contains("prefixItems"), "{warnings:?}");

    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "webhooks": {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}}
    });
    let warnings = downgrade(&mut document);
    assert!(document.get("webhooks").is_none());
    assert_eq!(document["paths"], json!({}), "paths may be left out in 3.1");
    assert_eq!(warnings[0].pointer, "#/webhooks");
}

#[test]
fn operations_without_responses_and_mutual_tls_are_read() {
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"security": [{"mtls": []}]}}},
        "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}}}
    });
    let warnings = downgrade(&mut document);
    assert_eq!(document["paths"]["/a"]["get"]["responses"], json!({}));
    assert_eq!(document["components"]["securitySchemes"], json!({}));
    assert_eq!(warnings[0].pointer, "#/components/securitySchemes/mtls");
}

#[test]
fn path_items_in_components_and_parameters_are_rewritten() {
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"$ref": "#/components/pathItems/A"}},
        "components": {"pathItems": {"A": {"get": {
            "parameters": [{"name": "q", "in": "query", "schema": {"type": ["integer", "null"]}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"const": 1}}}}}
        }}}}
    });
    downgrade(&mut document);
    let get = &document["components"]["pathItems"]["A"]["get"];
    assert_eq!(
        get["parameters"][0]["schema"],
        json!({"type": "integer", "nullable": true})
    );
    assert_eq!(
        get["responses"]["200"]["content"]["application/json"]["schema"],
        json!({"enum": [1]})
    );
}
