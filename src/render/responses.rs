//! The variants of an operation's response enum, as the handler files and the client
//! read them: each status's payload (how it is written and read back) and the struct of
//! the headers it declares.

use std::fmt;

use super::rust::{doc_lines, string_literal};
use super::types::RustType;
use crate::ir::{Api, BodyKind, Response, StatusKey};

/// One variant of an operation's response enum.
pub struct ResponseVariant {
    pub doc: Vec<String>,
    pub name: String,
    /// The status, when the spec fixes it; a range or `default` lets the handler pick.
    pub code: Option<u16>,
    pub status: StatusKey,
    pub payload: Option<Payload>,
    pub headers: Option<HeadersView>,
}

/// The struct of the headers a response declares, beside its response enum.
pub struct HeadersView {
    pub type_name: String,
    pub fields: Vec<HeaderField>,
}

/// One declared header: a field of its response's headers struct.
pub struct HeaderField {
    pub doc: Vec<String>,
    pub name: String,
    /// The header's name as sent, as a literal.
    pub wire_name: String,
    pub ty: RustType,
}

impl ResponseVariant {
    /// What the variant holds, in order: its status (when it picks one), its body, its
    /// headers; the types as its enum's file names them.
    pub fn field_types(&self) -> Vec<String> {
        let mut types = Vec::new();
        if self.code.is_none() {
            types.push("::axum::http::StatusCode".to_owned());
        }
        if let Some(payload) = &self.payload {
            types.push(payload.ty.in_crate().to_string());
        }
        if let Some(headers) = &self.headers {
            types.push(headers.type_name.clone());
        }
        types
    }

    /// The pattern binding what the variant holds: `(status, body, headers)` or a part
    /// of it, `` for nothing; `_` for all but the status when only the status is used.
    pub fn bindings(&self, status_only: bool) -> String {
        let mut names = Vec::new();
        if self.code.is_none() {
            names.push("status");
        }
        let other = |name| if status_only { "_" } else { name };
        if self.payload.is_some() {
            names.push(other("body"));
        }
        if self.headers.is_some() {
            names.push(other("headers"));
        }
        parenthesized(&names)
    }

    /// The response the service sends for the variant, from its bindings: its status,
    /// its headers (a part of the response), then its body.
    pub fn answer_expression(&self) -> String {
        let mut parts = vec![match self.code {
            Some(code) => format!("status_code({code})"),
            None => "status".to_owned(),
        }];
        if self.headers.is_some() {
            parts.push("headers".to_owned());
        }
        match &self.payload {
            Some(payload) => parts.push(payload.writer.to_string()),
            // A tuple's last member is the response, the others its parts: an empty body.
            None if self.headers.is_some() => parts.push("()".to_owned()),
            None => {}
        }
        match parts.as_slice() {
            [status] => format!("{status}.into_response()"),
            _ => format!("({}).into_response()", parts.join(", ")),
        }
    }

    /// How the client builds the variant from an `answer`, as the arguments of its
    /// constructor: `(answer.json()?)`, `(answer.status(), answer.text()?)`...
    pub fn read_from_answer(&self) -> String {
        let mut values = Vec::new();
        if self.code.is_none() {
            values.push("answer.status()".to_owned());
        }
        if let Some(payload) = &self.payload {
            values.push(format!("answer.{}", payload.writer.reader()));
        }
        if self.headers.is_some() {
            values.push("answer.headers_as()?".to_owned());
        }
        parenthesized(&values)
    }

    /// The statuses this variant is read back from, as a match pattern on the code;
    /// `None` for `default`, which takes what no other variant does.
    pub fn status_pattern(&self) -> Option<String> {
        match self.status {
            StatusKey::Code(code) => Some(code.to_string()),
            StatusKey::Range(digit) => Some(format!("{digit}00..={digit}99")),
            StatusKey::Default => None,
        }
    }
}

/// `(a, b)` of the items, nothing for none.
fn parenthesized<T: AsRef<str>>(items: &[T]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    format!("({})", items.join(", "))
}

pub struct Payload {
    pub ty: RustType,
    pub writer: PayloadWriter,
}

/// How a response body is written.
pub enum PayloadWriter {
    Json,
    Text,
    /// Raw bytes with this content type, as a literal.
    Bytes {
        content_type: String,
    },
}

/// The expression that turns `body` into the response's body.
impl fmt::Display for PayloadWriter {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json => out.write_str("::axum::Json(body)"),
            Self::Text => out.write_str("body"),
            Self::Bytes { content_type } => write!(
                out,
                "([(::axum::http::header::CONTENT_TYPE, {content_type})], body)"
            ),
        }
    }
}

impl PayloadWriter {
    /// The call on a `ClientResponse` that reads the body back.
    pub fn reader(&self) -> &'static str {
        match self {
            Self::Json => "json()?",
            Self::Text => "text()?",
            Self::Bytes { .. } => "bytes().into()",
        }
    }
}

pub(super) fn response_variant(api: &Api, response: &Response) -> ResponseVariant {
    let payload = response.body.as_ref().map(|body| match body.kind {
        BodyKind::Json | BodyKind::Form => Payload {
            ty: RustType::of(api, &body.schema),
            writer: PayloadWriter::Json,
        },
        BodyKind::Text => Payload {
            ty: RustType::Plain("String"),
            writer: PayloadWriter::Text,
        },
        // A response is sent as written: a multipart one too.
        BodyKind::Bytes | BodyKind::Multipart => {
            let media_type =
                if body.media_type.is_ascii() && !body.media_type.contains(['*', '\n', '\r']) {
                    body.media_type.as_str()
                } else {
                    "application/octet-stream"
                };
            Payload {
                ty: RustType::Binary,
                writer: PayloadWriter::Bytes {
                    content_type: string_literal(media_type),
                },
            }
        }
    });
    let code = match response.status {
        StatusKey::Code(code) => Some(code),
        StatusKey::Range(_) | StatusKey::Default => None,
    };
    let mut doc = doc_lines(Some(&response.description));
    if let Some(code) = code {
        doc.insert(
            0,
            format!("{code}{}", if doc.is_empty() { "" } else { ":" }),
        );
        if doc.len() > 1 {
            let first = doc.remove(1);
            doc[0] = format!("{} {first}", doc[0]);
        }
    }
    ResponseVariant {
        doc,
        name: response.rust_name.clone(),
        code,
        status: response.status,
        payload,
        headers: headers_view(api, response),
    }
}

fn headers_view(api: &Api, response: &Response) -> Option<HeadersView> {
    if response.headers.is_empty() {
        return None;
    }
    let fields = response
        .headers
        .iter()
        .map(|header| HeaderField {
            doc: doc_lines(header.doc.as_deref()),
            name: header.rust_name.clone(),
            wire_name: string_literal(&header.name),
            ty: RustType::of(api, &header.schema).optional_if(!header.required),
        })
        .collect();
    Some(HeadersView {
        type_name: response.headers_type.clone(),
        fields,
    })
}
