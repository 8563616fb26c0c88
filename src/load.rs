//! Stage 1: read a spec file (YAML or JSON, decided by content) into both the raw JSON
//! tree — kept for `$ref` resolution and for serving `/openapi.json` — and the typed
//! `openapiv3` document. Every failure is located: line and column from the parser, or
//! the JSON pointer of the value `openapiv3` rejected.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, SpecErrors, escape_pointer_segment};

/// A parsed spec and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub path: PathBuf,
    pub raw: Value,
    pub document: openapiv3::OpenAPI,
}

/// Reads and parses the spec at `path`.
pub fn load(path: &Path) -> anyhow::Result<LoadedSpec> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", path.display()))?;
    let (raw, document) = parse(&text).map_err(|diagnostics| SpecErrors {
        file: path.to_owned(),
        diagnostics,
    })?;
    Ok(LoadedSpec {
        path: path.to_owned(),
        raw,
        document,
    })
}

/// Parses spec text. JSON is recognised by its first character, so a `.yaml` file that
/// holds JSON (or the reverse) still reads, and each parser reports its own error.
pub fn parse(text: &str) -> Result<(Value, openapiv3::OpenAPI), Vec<Diagnostic>> {
    let raw = parse_tree(text).map_err(|diagnostic| vec![diagnostic])?;
    check_version(&raw).map_err(|diagnostic| vec![diagnostic])?;
    let document = to_openapi(&raw).map_err(|diagnostic| vec![diagnostic])?;
    Ok((raw, document))
}

fn parse_tree(text: &str) -> Result<Value, Diagnostic> {
    let looks_like_json = text.trim_start().starts_with(['{', '[']);
    if looks_like_json {
        serde_json::from_str(text).map_err(|error| {
            Diagnostic::invalid("", format!("not valid JSON: {error}"))
                .at_line(error.line(), error.column())
        })
    } else {
        serde_yaml::from_str(text).map_err(|error| {
            let diagnostic = Diagnostic::invalid("", format!("not valid YAML: {error}"));
            match error.location() {
                Some(location) => diagnostic.at_line(location.line(), location.column()),
                None => diagnostic,
            }
        })
    }
}

fn check_version(raw: &Value) -> Result<(), Diagnostic> {
    if !raw.is_object() {
        return Err(Diagnostic::invalid(
            "#",
            "an OpenAPI document must be an object",
        ));
    }
    if let Some(swagger) = raw.get("swagger") {
        return Err(Diagnostic::unsupported(
            "#/swagger",
            format!("Swagger {swagger} documents are not read; convert the spec to OpenAPI 3.0"),
        ));
    }
    match raw.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) if version.starts_with("3.1") => Err(Diagnostic::unsupported(
            "#/openapi",
            format!("OpenAPI {version} is not read yet; specforge reads OpenAPI 3.0"),
        )),
        Some(version) => Err(Diagnostic::unsupported(
            "#/openapi",
            format!("OpenAPI version {version} is not read; specforge reads OpenAPI 3.0"),
        )),
        None => Err(Diagnostic::invalid(
            "#/openapi",
            "the `openapi` field (the version, such as \"3.0.3\") is missing",
        )),
    }
}

fn to_openapi(raw: &Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    serde_path_to_error::deserialize(raw).map_err(|error| {
        let pointer = pointer_of(error.path());
        Diagnostic::invalid(
            pointer,
            format!("not a valid OpenAPI 3.0 document: {}", error.inner()),
        )
    })
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        let text = match segment {
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            serde_path_to_error::Segment::Map { key } => escape_pointer_segment(key),
            serde_path_to_error::Segment::Enum { variant } => escape_pointer_segment(variant),
            serde_path_to_error::Segment::Unknown => continue,
        };
        pointer.push('/');
        pointer.push_str(&text);
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL_YAML: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn yaml_and_json_are_told_apart_by_content() {
        assert!(parse(MINIMAL_YAML).is_ok());
        let json = r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{}}"#;
        assert!(parse(json).is_ok());
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let errors = parse("openapi: 3.0.3\ninfo: [1,\n  b: }\n").unwrap_err();
        assert_eq!(errors[0].line_column.map(|(line, _)| line), Some(3));
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let errors = parse("{\n  \"openapi\": \n}").unwrap_err();
        assert_eq!(errors[0].line_column, Some((3, 1)));
    }

    #[test]
    fn schema_error_is_located_by_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let errors = parse(text).unwrap_err();
        assert_eq!(errors[0].pointer, "#/paths/~1a/get/responses");
    }

    #[test]
    fn other_versions_are_named_unsupported() {
        let errors = parse("swagger: '2.0'\ninfo: {}\n").unwrap_err();
        assert_eq!(errors[0].kind, crate::diagnostics::Kind::Unsupported);
        let errors = parse("info: {}\n").unwrap_err();
        assert_eq!(errors[0].pointer, "#/openapi");
    }
}
