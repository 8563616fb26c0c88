//! Stage 1: read a spec file (YAML or JSON, decided by content) into both the raw JSON
//! tree — kept for `$ref` resolution and for serving `/openapi.json` — and the typed
//! `openapiv3` document. Every failure is located: line and column from the parser, or
//! the JSON pointer of the value `openapiv3` rejected.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, SpecErrors, escape_pointer_segment, pointer_join};

/// A parsed spec and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub path: PathBuf,
    /// The file's text, where diagnostics are located.
    pub text: String,
    /// The tree as the generator reads it: in 3.0's terms, callbacks set aside.
    pub raw: Value,
    /// An OpenAPI 3.1 document's tree as its author wrote it, which the service serves.
    pub as_written: Option<Value>,
    pub document: openapiv3::OpenAPI,
    /// What reading it changed or left out (an OpenAPI 3.1 construct read in 3.0's terms).
    pub warnings: Vec<Diagnostic>,
}

impl LoadedSpec {
    /// The JSON tree a service serves, freeing the rest: a 3.1 document as written (as
    /// FastAPI serves its own), a 3.0 one as read.
    pub fn into_served(self) -> Value {
        self.as_written.unwrap_or(self.raw)
    }
}

/// Reads and parses the spec at `path`.
pub fn load(path: &Path) -> anyhow::Result<LoadedSpec> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", path.display()))?;
    parse(path, &text).map_err(|mut diagnostics| {
        crate::locate::locate(&text, &mut diagnostics);
        SpecErrors {
            file: path.to_owned(),
            diagnostics,
        }
        .into()
    })
}

/// Parses spec text. JSON is recognised by its first character, so a `.yaml` file that
/// holds JSON (or the reverse) still reads, and each parser reports its own error. An
/// OpenAPI 3.1 document is first rewritten in 3.0's terms ([`crate::openapi31`]).
pub fn parse(path: &Path, text: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
    let mut raw = parse_tree(text).map_err(|diagnostic| vec![diagnostic])?;
    let version = check_version(&raw).map_err(|diagnostic| vec![diagnostic])?;
    let (as_written, mut warnings) = match version {
        Version::V3_0 => (None, Vec::new()),
        Version::V3_1 => {
            let as_written = raw.clone();
            (Some(as_written), crate::openapi31::downgrade(&mut raw))
        }
    };
    warnings.extend(set_aside_callbacks(&mut raw));
    let document =
        to_openapi_tolerating(&mut raw, &mut warnings).map_err(|diagnostic| vec![diagnostic])?;
    Ok(LoadedSpec {
        path: path.to_owned(),
        text: text.to_owned(),
        raw,
        as_written,
        document,
        warnings,
    })
}

/// Callbacks are requests the API sends, which a generated service does not make; they
/// are removed before the document is read (a callback given as a `$ref`, which OpenAPI
/// allows, would not read), each with a warning.
fn set_aside_callbacks(raw: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Some(paths) = raw.get_mut("paths").and_then(Value::as_object_mut) else {
        return warnings;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            let removed = operation
                .as_object_mut()
                .and_then(|operation| operation.remove("callbacks"));
            if removed.is_some() {
                warnings.push(Diagnostic::warning(
                    pointer_join("#/paths", &[path, method, "callbacks"]),
                    "callbacks (requests this API sends) are not generated; they are left out",
                ));
            }
        }
    }
    warnings
}

/// The OpenAPI versions specforge reads.
enum Version {
    V3_0,
    V3_1,
}

fn parse_tree(text: &str) -> Result<Value, Diagnostic> {
    let looks_like_json = text.trim_start().starts_with(['{', '[']);
    if looks_like_json {
        serde_json::from_str(text).map_err(|error| {
            let message = error.to_string();
            let reason = message.split(" at line ").next().unwrap_or(&message);
            Diagnostic::invalid("", format!("not valid JSON: {reason}"))
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

fn check_version(raw: &Value) -> Result<Version, Diagnostic> {
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
        Some(version) if version.starts_with("3.0.") => Ok(Version::V3_0),
        Some(version) if version.starts_with("3.1.") => Ok(Version::V3_1),
        Some(version) => Err(Diagnostic::unsupported(
            "#/openapi",
            format!("OpenAPI version {version} is not read; specforge reads OpenAPI 3.0 and 3.1"),
        )),
        None => Err(Diagnostic::invalid(
            "#/openapi",
            "the `openapi` field (the version, such as \"3.0.3\") is missing",
        )),
    }
}

/// How many ill-typed schema keywords one document may have dropped: past that, it is
/// refused at the next.
const MAX_DROPPED_KEYWORDS: usize = 100;

/// Reads the document; a schema keyword whose value has the wrong type (`"pattern": 0`)
/// is dropped from the tree, with a warning, and the document read again. One such
/// keyword would otherwise lose every operation of a spec written by others.
fn to_openapi_tolerating(
    raw: &mut Value,
    warnings: &mut Vec<Diagnostic>,
) -> Result<openapiv3::OpenAPI, Diagnostic> {
    for _ in 0..MAX_DROPPED_KEYWORDS {
        let failure = match to_openapi(raw) {
            Ok(document) => return Ok(document),
            Err(failure) => failure,
        };
        let Some(bad) = ill_typed_keyword(raw, &failure.pointer) else {
            return Err(failure);
        };
        let schema = (bad.schema.strip_prefix('#'))
            .and_then(|inside| raw.pointer_mut(inside))
            .and_then(Value::as_object_mut);
        if schema
            .and_then(|schema| schema.remove(&bad.keyword))
            .is_none()
        {
            return Err(failure);
        }
        warnings.push(Diagnostic::tolerated(
            pointer_join(&bad.schema, &[&bad.keyword]),
            format!(
                "`{}` is not valid here ({}); it is ignored",
                bad.keyword, bad.reason
            ),
        ));
    }
    to_openapi(raw)
}

/// A schema's keyword without which the schema reads, and why it does not with it.
struct IllTypedKeyword {
    schema: String,
    keyword: String,
    reason: String,
}

/// The ill-typed keyword behind a failure at `pointer`: in the schema there (a
/// component schema, or a parameter's, a header's or a body's) or the deepest of its
/// subschemas that does not read, the one keyword without which it reads.
fn ill_typed_keyword(raw: &Value, pointer: &str) -> Option<IllTypedKeyword> {
    let value = raw.pointer(pointer.strip_prefix('#')?)?;
    let is_schema = pointer.starts_with("#/components/schemas/")
        || pointer.split('/').any(|segment| segment == "schema");
    if is_schema {
        bad_schema_keyword(value, pointer)
    } else {
        bad_keyword_within(value, pointer)
    }
}

/// In a parameter, header, body or media type: the bad keyword of the schemas it holds.
fn bad_keyword_within(value: &Value, pointer: &str) -> Option<IllTypedKeyword> {
    let object = value.as_object()?;
    let schema = object
        .get("schema")
        .and_then(|schema| bad_schema_keyword(schema, &pointer_join(pointer, &["schema"])));
    schema.or_else(|| {
        object
            .get("content")?
            .as_object()?
            .iter()
            .find_map(|(media, item)| {
                bad_keyword_within(item, &pointer_join(pointer, &["content", media]))
            })
    })
}

fn bad_schema_keyword(value: &Value, pointer: &str) -> Option<IllTypedKeyword> {
    let object = value
        .as_object()
        .filter(|object| !object.contains_key("$ref"))?;
    let reason = openapiv3::Schema::deserialize(value).err()?.to_string();
    let deeper = subschemas(object, pointer)
        .find_map(|(child, child_pointer)| bad_schema_keyword(child, &child_pointer));
    deeper.or_else(|| {
        object.keys().find_map(|keyword| {
            let mut without = object.clone();
            without.remove(keyword);
            openapiv3::Schema::deserialize(&Value::Object(without))
                .is_ok()
                .then(|| IllTypedKeyword {
                    schema: pointer.to_owned(),
                    keyword: keyword.clone(),
                    reason: reason.clone(),
                })
        })
    })
}

/// The schemas a schema holds, each with its pointer.
fn subschemas<'a>(
    object: &'a serde_json::Map<String, Value>,
    pointer: &'a str,
) -> impl Iterator<Item = (&'a Value, String)> + 'a {
    let single = ["items", "additionalProperties", "not"]
        .into_iter()
        .filter_map(move |keyword| Some((object.get(keyword)?, pointer_join(pointer, &[keyword]))));
    let listed = ["allOf", "oneOf", "anyOf"]
        .into_iter()
        .flat_map(move |keyword| {
            let members = object.get(keyword).and_then(Value::as_array);
            members
                .into_iter()
                .flatten()
                .enumerate()
                .map(move |(index, member)| {
                    (
                        member,
                        pointer_join(pointer, &[keyword, &index.to_string()]),
                    )
                })
        });
    let properties = object
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(move |(name, property)| (property, pointer_join(pointer, &["properties", name])));
    single.chain(listed).chain(properties)
}

/// Reads the document in one go; only a document that fails is read again, tracking the
/// path, to say where (tracking costs a third of the time of reading).
fn to_openapi(raw: &Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    if let Ok(document) = openapiv3::OpenAPI::deserialize(raw) {
        return Ok(document);
    }
    serde_path_to_error::deserialize(raw).map_err(|error| {
        let pointer = pointer_of("#", error.path());
        // `openapiv3` flattens `paths`, which hides the failing path from the error's
        // location; checking each path item on its own finds it.
        let deeper = (pointer == "#/paths")
            .then(|| failing_path_item(raw))
            .flatten();
        let (pointer, reason) = deeper.unwrap_or_else(|| (pointer, error.inner().to_string()));
        Diagnostic::invalid(
            pointer,
            format!("not a valid OpenAPI 3.0 document: {reason}"),
        )
    })
}

/// The deepest place under `#/paths` that does not read. Path items, operations and
/// responses flatten their extensions, which hides where in them an error is, so each
/// level's parts are checked on their own.
fn failing_path_item(raw: &Value) -> Option<(String, String)> {
    raw.get("paths")?
        .as_object()?
        .iter()
        .find_map(|(path, item)| {
            let base = format!("#/paths/{}", escape_pointer_segment(path));
            let operations = [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .iter()
            .filter_map(|method| item.get(*method).map(|operation| (*method, operation)))
            .find_map(|(method, operation)| {
                failing_operation(operation, &format!("{base}/{method}"))
            });
            operations
                .or_else(|| {
                    failing_part::<Vec<openapiv3::ReferenceOr<openapiv3::Parameter>>>(
                        item.get("parameters")?,
                        &format!("{base}/parameters"),
                    )
                })
                .or_else(|| {
                    failing_part::<openapiv3::ReferenceOr<openapiv3::PathItem>>(item, &base)
                })
        })
}

fn failing_operation(operation: &Value, base: &str) -> Option<(String, String)> {
    let responses = operation
        .get("responses")
        .and_then(|responses| match responses.as_object() {
            Some(responses) => responses.iter().find_map(|(status, response)| {
                failing_part::<openapiv3::ReferenceOr<openapiv3::Response>>(
                    response,
                    &format!("{base}/responses/{status}"),
                )
            }),
            None => failing_part::<openapiv3::Responses>(responses, &format!("{base}/responses")),
        });
    responses
        .or_else(|| {
            failing_part::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(
                operation.get("requestBody")?,
                &format!("{base}/requestBody"),
            )
        })
        .or_else(|| {
            failing_part::<Vec<openapiv3::ReferenceOr<openapiv3::Parameter>>>(
                operation.get("parameters")?,
                &format!("{base}/parameters"),
            )
        })
        .or_else(|| failing_part::<openapiv3::Operation>(operation, base))
}

/// Where and why `value` does not read as a `T`, if it does not.
fn failing_part<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &str,
) -> Option<(String, String)> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    Some((pointer_of(base, error.path()), error.inner().to_string()))
}

fn pointer_of(base: &str, path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::from(base);
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

    fn parse(text: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
        super::parse(Path::new("spec.yaml"), text)
    }

    const MINIMAL_YAML: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn callbacks_are_set_aside_with_a_warning_even_when_referenced() {
        let spec = parse(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      callbacks:\n        done: {$ref: '#/components/callbacks/done'}\n      responses: {'204': {description: ok}}\ncomponents:\n  callbacks:\n    done: {}\n",
        )
        .expect("the document reads");
        assert_eq!(spec.warnings.len(), 1);
        assert_eq!(spec.warnings[0].pointer, "#/paths/~1a/get/callbacks");
    }

    #[test]
    fn a_3_1_document_is_served_as_written_and_read_in_3_0_terms() {
        let spec = parse(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Name: {type: [string, 'null']}\n",
        )
        .expect("a 3.1 document");
        assert_eq!(spec.raw["openapi"], "3.0.3");
        assert_eq!(spec.raw["components"]["schemas"]["Name"]["nullable"], true);
        let served = spec.into_served();
        assert_eq!(served["openapi"], "3.1.0");
        assert_eq!(
            served["components"]["schemas"]["Name"]["type"],
            serde_json::json!(["string", "null"])
        );
        let spec = parse(MINIMAL_YAML).expect("a 3.0 document");
        assert_eq!(spec.into_served()["openapi"], "3.0.3");
    }

    #[test]
    fn yaml_and_json_are_told_apart_by_content() {
        assert!(parse(MINIMAL_YAML).is_ok());
        let json = r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{}}"#;
        assert!(parse(json).is_ok());
    }

    #[test]
    fn a_number_is_read_as_the_float_nearest_its_digits() {
        let schemas = r#"{"A": {"type": "number", "maximum": 0.9999999999999999, "minimum": 3850332095569514.0}}"#;
        let json = format!(
            r#"{{"openapi":"3.0.0","info":{{"title":"t","version":"1"}},"paths":{{}},"components":{{"schemas":{schemas}}}}}"#
        );
        let yaml = format!("{MINIMAL_YAML}components:\n  schemas: {schemas}\n");
        for text in [json, yaml] {
            let spec = parse(&text).expect("the document reads");
            let schema = &spec.raw["components"]["schemas"]["A"];
            assert_eq!(schema["maximum"].as_f64(), Some(0.999_999_999_999_999_9));
            assert_eq!(schema["minimum"].as_f64(), Some(3_850_332_095_569_514.0));
        }
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
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents: {schemas: {A: 7}}\npaths: {}\n";
        let errors = parse(text).unwrap_err();
        assert_eq!(errors[0].pointer, "#/components/schemas/A");
    }

    #[test]
    fn an_ill_typed_schema_keyword_is_dropped_with_a_warning() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: object\n      required: [code]\n      properties:\n        code: {type: string, pattern: 0, maxLength: 4}\n        tags: {type: array, items: {type: string, minLength: x}}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: integer, maximum: ten, minimum: 1}}\n      responses: {'204': {description: ok}}\n";
        let spec = parse(text).expect("the document reads without its bad keywords");
        let mut dropped: Vec<&str> = spec
            .warnings
            .iter()
            .map(|warning| warning.pointer.as_str())
            .collect();
        dropped.sort_unstable();
        assert_eq!(
            dropped,
            [
                "#/components/schemas/A/properties/code/pattern",
                "#/components/schemas/A/properties/tags/items/minLength",
                "#/paths/~1a/get/parameters/0/schema/maximum",
            ]
        );
        assert!(
            spec.warnings[0].message.contains("expected a string"),
            "{}",
            spec.warnings[0].message
        );
        let code = &spec.raw["components"]["schemas"]["A"]["properties"]["code"];
        assert_eq!(code, &serde_json::json!({"type": "string", "maxLength": 4}));
        assert_eq!(
            spec.raw["paths"]["/a"]["get"]["parameters"][0]["schema"]["minimum"],
            1
        );
    }

    #[test]
    fn other_versions_are_named_unsupported() {
        let errors = parse("swagger: '2.0'\ninfo: {}\n").unwrap_err();
        assert_eq!(errors[0].kind, crate::diagnostics::Kind::Unsupported);
        let errors = parse("info: {}\n").unwrap_err();
        assert_eq!(errors[0].pointer, "#/openapi");
        let errors = parse("openapi: 3.2.0\ninfo: {title: t, version: '1'}\n").unwrap_err();
        assert_eq!(errors[0].kind, crate::diagnostics::Kind::Unsupported);
    }
}
