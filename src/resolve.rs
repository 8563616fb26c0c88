//! Stage 2: follow local `$ref`s. References are resolved against the raw JSON tree, so a
//! reference may point anywhere in the document (not only into `components`), may lead
//! to another reference, and may use JSON-pointer (`~0`, `~1`) and percent escapes.

use std::borrow::Cow;

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::Diagnostic;

/// The longest chain of references to references followed before giving up.
const MAX_REFERENCE_HOPS: usize = 64;

/// Follows references inside one document.
pub struct Resolver<'a> {
    raw: &'a Value,
}

impl<'a> Resolver<'a> {
    pub fn new(raw: &'a Value) -> Self {
        Self { raw }
    }

    /// Returns the item itself, or the item a reference (chain) leads to, together with
    /// the pointer of the place it was found.
    pub fn resolve<'i, T: DeserializeOwned + Clone>(
        &self,
        item: &'i ReferenceOr<T>,
        pointer: &str,
    ) -> Result<(Cow<'i, T>, String), Diagnostic> {
        match item {
            ReferenceOr::Item(item) => Ok((Cow::Borrowed(item), pointer.to_owned())),
            ReferenceOr::Reference { reference } => {
                let (target_pointer, value) = self.follow(reference, pointer)?;
                let item = serde_json::from_value(value.clone()).map_err(|error| {
                    Diagnostic::invalid(
                        target_pointer.clone(),
                        format!("the target of `$ref: {reference}` is not valid here: {error}"),
                    )
                })?;
                Ok((Cow::Owned(item), target_pointer))
            }
        }
    }

    /// Follows `reference` (found at `pointer`) through any further references to a value.
    pub fn follow(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(String, &'a Value), Diagnostic> {
        let mut current = reference.to_owned();
        let mut seen = Vec::new();
        for _ in 0..MAX_REFERENCE_HOPS {
            if seen.contains(&current) {
                return Err(Diagnostic::invalid(
                    pointer,
                    format!("`$ref: {reference}` leads to a cycle of references"),
                ));
            }
            let value = self.lookup(&current, pointer)?;
            match value.get("$ref").and_then(Value::as_str) {
                Some(next) => {
                    seen.push(current);
                    current = next.to_owned();
                }
                None => return Ok((current, value)),
            }
        }
        Err(Diagnostic::invalid(
            pointer,
            format!("`$ref: {reference}` is a chain of more than {MAX_REFERENCE_HOPS} references"),
        ))
    }

    fn lookup(&self, reference: &str, pointer: &str) -> Result<&'a Value, Diagnostic> {
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(Diagnostic::unsupported(
                pointer,
                format!(
                    "`$ref: {reference}` points into another document; bundle the spec into one file first"
                ),
            ));
        };
        let decoded = percent_decode(fragment);
        self.raw.pointer(&decoded).ok_or_else(|| {
            Diagnostic::invalid(
                pointer,
                format!("`$ref: {reference}` points to nothing in this document"),
            )
        })
    }
}

/// The component name a schema reference names directly (`#/components/schemas/Pet`).
pub fn component_schema_name(reference: &str) -> Option<String> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    if name.contains('/') {
        return None;
    }
    Some(percent_decode(name).replace("~1", "/").replace("~0", "~"))
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_chains_and_escapes() {
        let raw = json!({
            "components": {"schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/paths/~1pets%7Bid%7D/x"},
            }},
            "paths": {"/pets{id}": {"x": {"type": "string"}}}
        });
        let resolver = Resolver::new(&raw);
        let (pointer, value) = resolver.follow("#/components/schemas/A", "#").unwrap();
        assert_eq!(pointer, "#/paths/~1pets%7Bid%7D/x");
        assert_eq!(value, &json!({"type": "string"}));
    }

    #[test]
    fn cycles_and_dangling_references_are_errors() {
        let raw = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let resolver = Resolver::new(&raw);
        assert!(
            resolver
                .follow("#/a", "#/x")
                .unwrap_err()
                .message
                .contains("cycle")
        );
        assert!(
            resolver
                .follow("#/c", "#/x")
                .unwrap_err()
                .message
                .contains("nothing")
        );
        let external = resolver.follow("other.yaml#/a", "#/x").unwrap_err();
        assert_eq!(external.kind, crate::diagnostics::Kind::Unsupported);
    }

    #[test]
    fn component_names_are_unescaped() {
        assert_eq!(
            component_schema_name("#/components/schemas/a~1b").as_deref(),
            Some("a/b")
        );
        assert_eq!(
            component_schema_name("#/components/schemas/A/properties/x"),
            None
        );
    }
}
