//! The user's handlers files, one per tag, written once: each method a stub that answers
//! the spec's example for its success response (or 501 where none can be built).

use std::fmt;

use askama::Template;

use super::add;
use super::operations::{OperationView, Signature};
use super::rust::{raw_string, string_literal};
use super::types::RustType;
use serde_json::{Map, Value};

use crate::ir::{self, Api, BodyKind, Operation, Response, StatusKey};
use crate::workspace::{Files, Owner};

#[derive(Template)]
#[template(path = "service/src/handlers/tag.rs", escape = "none")]
struct HandlersFile<'a> {
    tag_name: &'a str,
    lib: &'a str,
    uses_models: bool,
    imports: Vec<String>,
    trait_name: &'a str,
    stubs: Vec<Stub<'a>>,
}

struct Stub<'a> {
    signature: &'a Signature,
    /// The success response the stub answers with; `None` answers 501.
    answer: Option<StubAnswer>,
}

pub(super) struct StubAnswer {
    /// `Enum::Variant`
    pub(super) variant: String,
    /// The status the variant is answered with, when the spec fixes it; otherwise (a
    /// range or `default`) the variant takes its status, and the stub answers 200.
    pub(super) status: Option<u16>,
    pub(super) payload: Option<StubPayload>,
    /// The headers the response declares, from their examples.
    pub(super) headers: Option<StubPayload>,
}

pub(super) enum StubPayload {
    /// The example's JSON, as a raw string literal, read into the model at run time by
    /// the api crate, named by its library.
    Example { library: String, json: String },
    /// A text body, as a literal.
    Text(String),
    /// Empty bytes.
    Empty,
}

pub fn render(
    api: &Api,
    views: &[OperationView],
    lib: &str,
    files: &mut Files,
) -> anyhow::Result<()> {
    for (index, tag) in api.tags.iter().enumerate() {
        let operations: Vec<(&Operation, &OperationView)> = api
            .operations
            .iter()
            .zip(views)
            .filter(|(operation, _)| operation.tag == index)
            .collect();
        let stubs: Vec<Stub> = operations
            .iter()
            .map(|(operation, view)| Stub {
                signature: &view.signature,
                answer: stub_answer(api, lib, operation),
            })
            .collect();
        let mut imports = vec!["ApiError".to_owned(), tag.trait_name.clone()];
        imports.extend(
            operations
                .iter()
                .map(|(operation, _)| operation.response_enum.clone()),
        );
        if stubs
            .iter()
            .any(|stub| stub.answer.as_ref().is_some_and(StubAnswer::picks_status))
        {
            imports.push("StatusCode".to_owned());
        }
        let takes_bytes = |stub: &Stub| {
            stub.signature
                .arguments
                .iter()
                .any(|argument| argument.ty == RustType::Bytes)
        };
        if stubs.iter().any(takes_bytes) {
            imports.push("Bytes".to_owned());
        }
        let handlers = HandlersFile {
            tag_name: &tag.name,
            lib,
            uses_models: stubs.iter().any(|stub| stub.signature.uses_models()),
            imports,
            trait_name: &tag.trait_name,
            stubs,
        };
        add(
            files,
            format!("service/src/handlers/{}.rs", tag.module_name),
            handlers.render()?,
            Owner::User,
        );
    }
    Ok(())
}

impl StubAnswer {
    /// Whether the variant takes its status: the stub names one.
    pub(super) fn picks_status(&self) -> bool {
        self.status.is_none()
    }

    /// Whether the variant holds anything: a status, a body or headers.
    pub(super) fn holds_fields(&self) -> bool {
        self.picks_status() || self.payload.is_some() || self.headers.is_some()
    }

    /// The variant's fields, `(StatusCode::OK, payload, headers)` or the part of it the
    /// variant holds; `StatusCode` named from `library` unless it is empty.
    pub(super) fn fields(&self, library: &str) -> String {
        let mut fields = Vec::new();
        if self.picks_status() {
            fields.push(match library {
                "" => "StatusCode::OK".to_owned(),
                library => format!("{library}::StatusCode::OK"),
            });
        }
        fields.extend(self.payload.iter().map(ToString::to_string));
        fields.extend(self.headers.iter().map(ToString::to_string));
        if fields.is_empty() {
            String::new()
        } else {
            format!("({})", fields.join(", "))
        }
    }
}

/// The expression of the payload.
impl fmt::Display for StubPayload {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Example { library, json } => write!(out, "{library}::from_example({json})?"),
            Self::Text(text) => write!(out, "{text}.to_owned()"),
            Self::Empty => out.write_str("Default::default()"),
        }
    }
}

/// The success response built from its example, or `None` when there is no success
/// response or nothing can be built for it.
pub(super) fn stub_answer(api: &Api, lib: &str, operation: &Operation) -> Option<StubAnswer> {
    let response = success_response(operation)?;
    let payload = match &response.body {
        None => None,
        Some(body) => Some(match body.kind {
            BodyKind::Json | BodyKind::Form => {
                let example = ir::example_for(api, &body.schema, body.example.as_ref())?;
                StubPayload::Example {
                    library: lib.to_owned(),
                    json: raw_string(&example.to_string()),
                }
            }
            BodyKind::Text => StubPayload::Text(string_literal(
                body.example
                    .as_ref()
                    .and_then(|example| example.as_str())
                    .unwrap_or("example"),
            )),
            BodyKind::Bytes | BodyKind::Multipart => StubPayload::Empty,
        }),
    };
    let headers = match response.headers.is_empty() {
        true => None,
        false => Some(StubPayload::Example {
            library: lib.to_owned(),
            json: raw_string(&header_examples(api, response)?.to_string()),
        }),
    };
    Some(StubAnswer {
        variant: format!("{}::{}", operation.response_enum, response.rust_name),
        status: match response.status {
            StatusKey::Code(code) => Some(code),
            StatusKey::Range(_) | StatusKey::Default => None,
        },
        payload,
        headers,
    })
}

/// The headers of `response` as the JSON of its headers struct, each from its example;
/// an optional one without an example is left out, a required one must have one.
fn header_examples(api: &Api, response: &Response) -> Option<Value> {
    let mut object = Map::new();
    for header in &response.headers {
        match ir::example_for(api, &header.schema, header.example.as_ref()) {
            Some(example) => {
                object.insert(header.rust_name.clone(), example);
            }
            None if header.required => return None,
            None => {}
        }
    }
    Some(Value::Object(object))
}

/// The response a stub answers with: the first 2xx, else the `2XX` range, else `default`.
fn success_response(operation: &Operation) -> Option<&Response> {
    let success = |response: &&Response| matches!(response.status, StatusKey::Code(200..=299));
    operation
        .responses
        .iter()
        .find(success)
        .or_else(|| {
            operation
                .responses
                .iter()
                .find(|response| response.status == StatusKey::Range(2))
        })
        .or_else(|| {
            operation
                .responses
                .iter()
                .find(|response| response.status == StatusKey::Default)
        })
}
