//! Stage 1b: an OpenAPI 3.1 document rewritten in 3.0's terms, in the raw tree, before
//! `openapiv3` reads it.
//!
//! Why rewrite rather than model both versions: everything after loading — resolving,
//! the model, validation, the served document — then has one shape to handle, and the
//! 3.1 constructs real specs use (FastAPI's exports above all) all have a 3.0 spelling:
//! `type: [T, "null"]` and `anyOf: [X, {type: "null"}]` are `nullable`, `const` is a
//! one-value `enum`, numeric exclusive bounds are a bound plus a flag. What has no 3.0
//! spelling (`prefixItems`, `webhooks`) is reported and read as near as 3.0 allows.
//!
//! The walk follows where the spec says schemas are — never any object with a `type`
//! key — so a property *named* `const` or `type` is left alone.

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, pointer_join};

/// The version the rewritten document declares.
const TARGET_VERSION: &str = "3.0.3";

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Rewrites `document` (OpenAPI 3.1) as OpenAPI 3.0, returning what could not be kept.
pub fn downgrade(document: &mut Value) -> Vec<Diagnostic> {
    let mut rewrite = Rewrite::default();
    let Some(root) = document.as_object_mut() else {
        return rewrite.warnings;
    };
    root.insert("openapi".to_owned(), json!(TARGET_VERSION));
    if root.remove("webhooks").is_some() {
        rewrite.warn(
            "#/webhooks",
            "webhooks (requests this API sends) are not generated; they are left out",
        );
    }
    root.entry("paths").or_insert_with(|| json!({}));
    if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            rewrite.path_item(item, &pointer_join("#/paths", &[path]));
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        rewrite.components(components);
    }
    rewrite.warnings
}

/// How one kind of component is rewritten.
type RewriteFn = fn(&mut Rewrite, &mut Value, &str);

#[derive(Default)]
struct Rewrite {
    warnings: Vec<Diagnostic>,
}

impl Rewrite {
    fn warn(&mut self, pointer: &str, message: &str) {
        self.warnings.push(Diagnostic::warning(pointer, message));
    }

    fn components(&mut self, components: &mut Map<String, Value>) {
        if let Some(schemes) = components
            .get_mut("securitySchemes")
            .and_then(Value::as_object_mut)
        {
            let mutual_tls: Vec<String> = schemes
                .iter()
                .filter(|(_, scheme)| scheme.get("type") == Some(&json!("mutualTLS")))
                .map(|(name, _)| name.clone())
                .collect();
            for name in mutual_tls {
                schemes.remove(&name);
                self.warn(
                    &pointer_join("#/components/securitySchemes", &[&name]),
                    "mutualTLS is checked where TLS ends, not by the service; requirements that \
                     name it are never met, so what needs only it stays closed",
                );
            }
        }
        let sections: [(&str, RewriteFn); 6] = [
            ("schemas", Self::schema),
            ("parameters", Self::parameter),
            ("headers", Self::parameter),
            ("requestBodies", Self::with_content),
            ("responses", Self::response),
            ("pathItems", Self::path_item),
        ];
        for (section, rewrite) in sections {
            if let Some(entries) = components.get_mut(section).and_then(Value::as_object_mut) {
                for (name, entry) in entries.iter_mut() {
                    rewrite(self, entry, &pointer_join("#/components", &[section, name]));
                }
            }
        }
    }

    fn path_item(&mut self, item: &mut Value, pointer: &str) {
        let Some(item) = item.as_object_mut() else {
            return;
        };
        self.parameters(item, pointer);
        for method in METHODS {
            let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let pointer = pointer_join(pointer, &[method]);
            self.parameters(operation, &pointer);
            if let Some(body) = operation.get_mut("requestBody") {
                self.with_content(body, &pointer_join(&pointer, &["requestBody"]));
            }
            // 3.1 lets an operation leave its responses out; 3.0 wants the (empty) list.
            let responses = operation.entry("responses").or_insert_with(|| json!({}));
            if let Some(responses) = responses.as_object_mut() {
                for (status, response) in responses.iter_mut() {
                    self.response(response, &pointer_join(&pointer, &["responses", status]));
                }
            }
        }
    }

    fn parameters(&mut self, owner: &mut Map<String, Value>, pointer: &str) {
        if let Some(parameters) = owner.get_mut("parameters").and_then(Value::as_array_mut) {
            for (index, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(
                    parameter,
                    &pointer_join(pointer, &["parameters", &index.to_string()]),
                );
            }
        }
    }

    /// A parameter or a header: a schema, or content.
    fn parameter(&mut self, parameter: &mut Value, pointer: &str) {
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(schema, &pointer_join(pointer, &["schema"]));
        }
        self.with_content(parameter, pointer);
    }

    fn response(&mut self, response: &mut Value, pointer: &str) {
        if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &pointer_join(pointer, &["headers", name]));
            }
        }
        self.with_content(response, pointer);
    }

    /// The schemas of an object's `content` media types.
    fn with_content(&mut self, owner: &mut Value, pointer: &str) {
        let Some(content) = owner.get_mut("content").and_then(Value::as_object_mut) else {
            return;
        };
        for (media_type, entry) in content.iter_mut() {
            if let Some(schema) = entry.get_mut("schema") {
                self.schema(
                    schema,
                    &pointer_join(pointer, &["content", media_type, "schema"]),
                );
            }
        }
    }

    /// One schema and every schema inside it.
    fn schema(&mut self, schema: &mut Value, pointer: &str) {
        let Some(object) = schema.as_object_mut() else {
            // `true` and `false` schemas: anything, and nothing (read as anything).
            if schema.is_boolean() {
                *schema = json!({});
            }
            return;
        };
        for keyword in ["properties", "$defs", "definitions", "patternProperties"] {
            if let Some(members) = object.get_mut(keyword).and_then(Value::as_object_mut) {
                for (name, member) in members.iter_mut() {
                    self.schema(member, &pointer_join(pointer, &[keyword, name]));
                }
            }
        }
        for keyword in ["items", "additionalProperties", "not"] {
            if let Some(member) = object.get_mut(keyword).filter(|member| member.is_object()) {
                self.schema(member, &pointer_join(pointer, &[keyword]));
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(members) = object.get_mut(keyword).and_then(Value::as_array_mut) {
                for (index, member) in members.iter_mut().enumerate() {
                    self.schema(
                        member,
                        &pointer_join(pointer, &[keyword, &index.to_string()]),
                    );
                }
            }
        }
        ref_with_siblings(object);
        self.type_list(object);
        self.null_alternative(object);
        const_to_enum(object);
        examples_to_example(object);
        exclusive_bound(object, "exclusiveMinimum", "minimum", f64::max);
        exclusive_bound(object, "exclusiveMaximum", "maximum", f64::min);
        content_encoding(object);
        if let Some(tuple) = object.remove("prefixItems") {
            self.warn(
                pointer,
                "prefixItems (a tuple) is read as an array whose items may be any of its member types",
            );
            if !object.contains_key("items")
                && let Value::Array(members) = tuple
            {
                object.insert("items".to_owned(), json!({ "anyOf": members }));
            }
        }
    }

    /// `type: [T, "null"]` → `type: T, nullable: true`; several types → `anyOf` of each.
    fn type_list(&mut self, object: &mut Map<String, Value>) {
        let Some(Value::Array(types)) = object.get("type") else {
            if object.get("type") == Some(&json!("null")) {
                object.remove("type");
                object.insert("nullable".to_owned(), json!(true));
                object.insert("enum".to_owned(), json!([null]));
            }
            return;
        };
        let nullable = types.iter().any(|ty| ty == "null");
        let concrete: Vec<Value> = types.iter().filter(|ty| *ty != "null").cloned().collect();
        object.remove("type");
        match concrete.as_slice() {
            [] => {
                object.insert("enum".to_owned(), json!([null]));
            }
            [one] => {
                object.insert("type".to_owned(), one.clone());
            }
            many => {
                let shared = object.clone();
                let branches: Vec<Value> = many
                    .iter()
                    .map(|ty| {
                        let mut branch = shared.clone();
                        branch.insert("type".to_owned(), ty.clone());
                        Value::Object(branch)
                    })
                    .collect();
                object.retain(|key, _| is_annotation(key));
                object.insert("anyOf".to_owned(), Value::Array(branches));
            }
        }
        if nullable {
            object.insert("nullable".to_owned(), json!(true));
        }
    }

    /// `anyOf`/`oneOf` with a `{type: "null"}` member → the other members, `nullable`.
    fn null_alternative(&mut self, object: &mut Map<String, Value>) {
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Array(members)) = object.get_mut(keyword) else {
                continue;
            };
            let before = members.len();
            members.retain(|member| !is_null_schema(member));
            if members.len() == before {
                continue;
            }
            object.insert("nullable".to_owned(), json!(true));
            let Some(Value::Array(members)) = object.get(keyword) else {
                continue;
            };
            if let [Value::Object(only)] = members.as_slice() {
                let only = only.clone();
                object.remove(keyword);
                for (key, value) in only {
                    object.entry(key).or_insert(value);
                }
                // A `$ref` member now sits beside `nullable`.
                ref_with_siblings(object);
            }
        }
    }
}

/// Keywords that describe a schema without constraining its values.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "title" | "description" | "default" | "example" | "deprecated" | "readOnly" | "writeOnly"
    )
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type") == Some(&json!("null"))
        || (schema.get("nullable") == Some(&json!(true))
            && schema.get("enum") == Some(&json!([null])))
}

/// `$ref` beside other keywords → `allOf: [{$ref}]` beside them. 3.1 applies both the
/// reference and its siblings (Pydantic writes a field's `description` and `default`
/// there), where 3.0 would ignore the siblings; a lone `allOf` keeps them.
fn ref_with_siblings(object: &mut Map<String, Value>) {
    if object.len() < 2 {
        return;
    }
    let Some(reference) = object.remove("$ref") else {
        return;
    };
    let member = json!({ "$ref": reference });
    match object.get_mut("allOf") {
        Some(Value::Array(members)) => members.push(member),
        _ => {
            object.insert("allOf".to_owned(), json!([member]));
        }
    }
}

/// `const: v` → `enum: [v]`.
fn const_to_enum(object: &mut Map<String, Value>) {
    if let Some(value) = object.remove("const") {
        object.entry("enum").or_insert_with(|| json!([value]));
    }
}

/// A schema's `examples` list → its first entry as `example`.
fn examples_to_example(object: &mut Map<String, Value>) {
    if let Some(Value::Array(examples)) = object.get("examples") {
        let first = examples.first().cloned();
        object.remove("examples");
        if let Some(first) = first {
            object.entry("example").or_insert(first);
        }
    }
}

/// A numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (the stricter
/// bound wins where both are given; `stricter` picks it).
fn exclusive_bound(
    object: &mut Map<String, Value>,
    exclusive: &str,
    inclusive: &str,
    stricter: fn(f64, f64) -> f64,
) {
    let Some(limit) = object
        .get(exclusive)
        .filter(|value| value.is_number())
        .cloned()
    else {
        return;
    };
    let exclusive_value = limit.as_f64().unwrap_or_default();
    let inclusive_value = object.get(inclusive).and_then(Value::as_f64);
    match inclusive_value {
        Some(bound) if stricter(bound, exclusive_value) == bound && bound != exclusive_value => {
            object.remove(exclusive);
        }
        _ => {
            object.insert(inclusive.to_owned(), limit);
            object.insert(exclusive.to_owned(), json!(true));
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; another non-JSON `contentMediaType` →
/// `format: binary`.
fn content_encoding(object: &mut Map<String, Value>) {
    let encoding = object.remove("contentEncoding");
    let media_type = object.remove("contentMediaType");
    if object.contains_key("format") {
        return;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media_type.as_ref().and_then(Value::as_str),
    ) {
        (Some("base64" | "base64url"), _) => "byte",
        (_, Some(media)) if !media.contains("json") && !media.starts_with("text/") => "binary",
        _ => return,
    };
    object.insert("format".to_owned(), json!(format));
}

#[cfg(test)]
mod tests;
