//! Each operation's views, built once per run and shared by every file that needs them:
//! its [`Signature`] (the handler trait, the user's stub, the test service and the
//! manifest all spell it) and its [`RouteView`] (what the router does before calling the
//! handler: the credential check, the extractions, the shapes they validate against).

use std::fmt;

use super::rust::{doc_lines, string_literal};
use super::security;
use super::shapes::ShapeWriter;
use super::types::RustType;
use crate::ir::{self, Api, BodyKind, Operation, Response, Spread, StatusKey, Ty};

pub struct OperationView {
    pub signature: Signature,
    pub route: RouteView,
}

/// The handler method of an operation.
pub struct Signature {
    pub name: String,
    pub doc: Vec<String>,
    pub arguments: Vec<Argument>,
    pub response_enum: String,
    pub responses: Vec<ResponseVariant>,
    /// Clippy's argument limit is exceeded: the spec decides the count.
    pub many_arguments: bool,
}

/// One argument of a handler method, in the order the method takes them.
pub struct Argument {
    pub name: String,
    pub ty: RustType,
}

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

    /// The response the service sends for the variant, from its bindings.
    pub fn answer_expression(&self) -> String {
        let status = match self.code {
            Some(code) => format!("status_code({code})"),
            None => "status".to_owned(),
        };
        let answer = match &self.payload {
            Some(payload) => format!("({status}, {}).into_response()", payload.writer),
            None => format!("{status}.into_response()"),
        };
        match self.headers {
            Some(_) => format!("crate::headers::with_headers({answer}, &headers)"),
            None => answer,
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
            values.push("answer.response_headers()?".to_owned());
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

/// What the router does with a request before the handler: check, extract, validate.
pub struct RouteView {
    pub security: Option<SecurityCheck>,
    /// The spec's path, as a literal: the request extractor reads parameters by it.
    pub template: String,
    pub extractions: Vec<Extraction>,
    /// The values the extractions bind, all present once validation passed.
    pub validated: Vec<String>,
    /// What the handler is called with, in order.
    pub call_arguments: Vec<String>,
    /// The shapes declared in the operation's module of `constraints.rs`.
    pub local_shapes: Vec<LocalShape>,
    /// That module, when it declares any: the route function imports it.
    pub shapes_module: Option<String>,
    /// Which parts of the request the route function takes, moved out of it.
    pub request_use: RequestUse,
    /// The operation has parameters, read through `RequestInputs`.
    pub reads_inputs: bool,
}

/// What a route function takes from the request. It takes the request whole and moves
/// the parts out: axum's `Parts` extractor would copy the head, headers and all.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RequestUse {
    Nothing,
    /// The head: parameters or credentials.
    Head,
    Body,
    HeadAndBody,
}

impl RequestUse {
    fn of(head: bool, body: bool) -> Self {
        match (head, body) {
            (false, false) => Self::Nothing,
            (true, false) => Self::Head,
            (false, true) => Self::Body,
            (true, true) => Self::HeadAndBody,
        }
    }

    pub fn takes_request(self) -> bool {
        self != Self::Nothing
    }

    pub fn reads_body(self) -> bool {
        matches!(self, Self::Body | Self::HeadAndBody)
    }
}

/// The call that checks the caller's credentials and binds the principal.
pub struct SecurityCheck {
    /// `authenticate` (anonymous callers allowed) or `require`.
    pub function: &'static str,
    /// The operation's `Policy`, as a literal.
    pub policy: String,
    pub names_scheme: bool,
}

/// One value read from the request and validated.
pub enum Extraction {
    /// A path, query, header or cookie parameter, read as its static in the operation's
    /// module of `constraints.rs` declares it.
    Parameter {
        binding: String,
        /// The static, as the route function names it.
        declaration: String,
    },
    /// A JSON or form body, read as its static in the operation's module declares it.
    Body {
        /// `json_body` or `form_body`.
        reader: &'static str,
        /// It answers `Err(response)` for a body it cannot parse.
        fallible: bool,
        declaration: String,
    },
    Text {
        presence: Presence,
        required: bool,
    },
}

/// Whether a body must be sent.
pub enum Presence {
    Required,
    Optional,
}

impl fmt::Display for Presence {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => out.write_str("Presence::Required"),
            Self::Optional => out.write_str("Presence::Optional"),
        }
    }
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
            Self::Bytes { .. } => "bytes()",
        }
    }
}

/// A parameter or body shape declared in the operation's module of `constraints.rs`.
pub struct LocalShape {
    pub name: String,
    /// `Parameter`, `RequestBody` or `Shape`.
    pub ty: &'static str,
    pub value: String,
}

/// What the route function calls the operation's module of `constraints.rs`.
pub const DECLARED_MODULE: &str = "declared";

/// The argument that carries who is calling to the handler of a secured operation.
const PRINCIPAL: &str = "principal";

/// Where a raw body is read into, and passed on from unvalidated.
const RAW_BODY: &str = "bytes";

/// Clippy's default `too-many-arguments-threshold`, counting `&self`.
pub const CLIPPY_ARGUMENT_LIMIT: usize = 7;

impl OperationView {
    pub fn new(api: &Api, operation: &Operation, shapes: &mut ShapeWriter) -> Self {
        let mut arguments = Vec::new();
        let security = operation.security.as_ref().map(|policy| {
            arguments.push(Argument {
                name: PRINCIPAL.to_owned(),
                ty: RustType::Principal.optional_if(policy.anonymous),
            });
            SecurityCheck {
                function: if policy.anonymous {
                    "authenticate"
                } else {
                    "require"
                },
                policy: security::policy_literal(api, policy),
                names_scheme: policy
                    .alternatives
                    .iter()
                    .any(|requirement| !requirement.is_empty()),
            }
        });
        let mut inputs = Inputs {
            extractions: Vec::new(),
            local_shapes: Vec::new(),
        };
        for parameter in &operation.parameters {
            arguments.push(inputs.parameter(api, parameter, shapes));
        }
        let raw_body = operation
            .body
            .as_ref()
            .is_some_and(|body| body.kind == BodyKind::Bytes);
        // JSON, form and multipart bodies are read as their `Content-Type` says: the head is read too.
        let typed_body = (operation.body.as_ref()).is_some_and(|body| {
            matches!(
                body.kind,
                BodyKind::Json | BodyKind::Form | BodyKind::Multipart
            )
        });
        if let Some(body) = &operation.body {
            arguments.push(inputs.body(api, body, shapes));
        }
        let call_arguments: Vec<String> = arguments
            .iter()
            .map(|argument| match argument.name.as_str() {
                "body" if raw_body => RAW_BODY.to_owned(),
                name => name.to_owned(),
            })
            .collect();
        let validated = call_arguments
            .iter()
            .filter(|name| *name != RAW_BODY && *name != PRINCIPAL)
            .cloned()
            .collect();
        let route = RouteView {
            template: string_literal(&operation.template.spell(|name| format!("{{{name}}}"))),
            request_use: RequestUse::of(
                !operation.parameters.is_empty() || security.is_some() || typed_body,
                operation.body.is_some(),
            ),
            reads_inputs: !operation.parameters.is_empty(),
            security,
            extractions: inputs.extractions,
            validated,
            call_arguments,
            shapes_module: (!inputs.local_shapes.is_empty())
                .then(|| operation.shapes_module.clone()),
            local_shapes: inputs.local_shapes,
        };
        let signature = Signature {
            name: operation.rust_name.clone(),
            doc: operation_doc(operation),
            many_arguments: arguments.len() + 1 > CLIPPY_ARGUMENT_LIMIT,
            arguments,
            response_enum: operation.response_enum.clone(),
            responses: operation
                .responses
                .iter()
                .map(|response| response_variant(api, response))
                .collect(),
        };
        Self { signature, route }
    }
}

/// What tells two operations' responses apart: operations whose keys are equal can share
/// one response enum.
pub type ResponsesKey = Vec<(
    String,
    Option<u16>,
    Option<(String, String)>,
    Vec<String>,
    Option<String>,
)>;

impl Signature {
    pub fn responses_key(&self) -> ResponsesKey {
        self.responses
            .iter()
            .map(|response| {
                let payload = response.payload.as_ref().map(|payload| {
                    (
                        payload.ty.in_crate().to_string(),
                        payload.writer.to_string(),
                    )
                });
                (
                    response.name.clone(),
                    response.code,
                    payload,
                    response.doc.clone(),
                    (response.headers.as_ref()).map(|headers| headers.type_name.clone()),
                )
            })
            .collect()
    }

    /// The response a status no other variant takes is read as: `default`'s.
    pub fn default_response(&self) -> Option<&ResponseVariant> {
        self.responses
            .iter()
            .find(|response| response.status == StatusKey::Default)
    }

    /// Whether some response is read back from a status of its own (not `default`).
    pub fn reads_by_status(&self) -> bool {
        self.responses
            .iter()
            .any(|response| response.status != StatusKey::Default)
    }

    /// Whether the user's file names a model, so that it imports them.
    pub fn uses_models(&self) -> bool {
        self.arguments
            .iter()
            .any(|argument| argument.ty.names_model())
    }

    /// The method as the user writes it, without its body, as the manifest records it.
    pub fn user_declaration(&self) -> String {
        let arguments: String = self
            .arguments
            .iter()
            .map(|argument| format!(", {}: {}", argument.name, argument.ty.for_user()))
            .collect();
        format!(
            "async fn {}(&self{arguments}) -> Result<{}, ApiError>",
            self.name, self.response_enum
        )
    }
}

/// The extractions and local shapes of one operation, as they are gathered.
struct Inputs {
    extractions: Vec<Extraction>,
    local_shapes: Vec<LocalShape>,
}

impl Inputs {
    fn parameter(
        &mut self,
        api: &Api,
        parameter: &ir::Parameter,
        shapes: &mut ShapeWriter,
    ) -> Argument {
        let default = ir::fitted_default(api, &parameter.schema).filter(|_| !parameter.required);
        let optional = !parameter.required && default.is_none();
        let mut declaration = format!(
            "Parameter::{}({}, {})",
            parameter.location.as_str(),
            string_literal(&parameter.name),
            shapes.reference(api, &parameter.schema)
        );
        match default {
            _ if parameter.required => {}
            Some(default) => declaration.push_str(&format!(
                ".defaulted({})",
                string_literal(&default.to_string())
            )),
            None => declaration.push_str(".optional()"),
        }
        declaration.push_str(&match parameter.spread(api) {
            Spread::Single => String::new(),
            Spread::Repeated => ".repeated()".to_owned(),
            Spread::Delimited(',') => ".comma_separated()".to_owned(),
            Spread::Delimited(delimiter) => format!(".delimited({delimiter:?})"),
            Spread::Fields => ".fields()".to_owned(),
            Spread::Deep => ".deep_object()".to_owned(),
            Spread::Pairs(delimiter) => format!(".pairs({delimiter:?})"),
            Spread::KeyValues(delimiter) => format!(".key_values({delimiter:?})"),
        });
        self.local_shapes.push(LocalShape {
            name: parameter.shape_name.clone(),
            ty: "Parameter",
            value: declaration,
        });
        let binding = parameter.rust_name.clone();
        self.extractions.push(Extraction::Parameter {
            binding: binding.clone(),
            declaration: format!("{DECLARED_MODULE}::{}", parameter.shape_name),
        });
        Argument {
            name: binding,
            ty: RustType::of(api, &parameter.schema).optional_if(optional),
        }
    }

    fn body(&mut self, api: &Api, body: &ir::RequestBody, shapes: &mut ShapeWriter) -> Argument {
        let ty = match body.kind {
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart => {
                let shape = match body.schema.ty {
                    Ty::Named(id) if !body.schema.nullable => {
                        format!("&{}", api.type_def(id).shape_name)
                    }
                    _ => format!("&{}", shapes.schema_shape(api, &body.schema)),
                };
                let constructor = if body.required {
                    "required"
                } else {
                    "optional"
                };
                let mut value = format!("RequestBody::{constructor}({shape})");
                if !body.json_parts.is_empty() {
                    let parts: Vec<String> = body
                        .json_parts
                        .iter()
                        .map(|part| string_literal(part))
                        .collect();
                    value.push_str(&format!(".json_parts(&[{}])", parts.join(", ")));
                }
                self.local_shapes.push(LocalShape {
                    name: body.shape_name.clone(),
                    ty: "RequestBody",
                    value,
                });
                // A form may be multipart, which may not parse: answered 400, not 422.
                let (reader, fallible) = match body.kind {
                    BodyKind::Json => ("json_body", false),
                    _ => ("form_body", true),
                };
                self.extractions.push(Extraction::Body {
                    reader,
                    fallible,
                    declaration: format!("{DECLARED_MODULE}::{}", body.shape_name),
                });
                RustType::of(api, &body.schema).optional_if(!body.required)
            }
            BodyKind::Text => {
                self.extractions.push(Extraction::Text {
                    presence: if body.required {
                        Presence::Required
                    } else {
                        Presence::Optional
                    },
                    required: body.required,
                });
                RustType::Plain("String").optional_if(!body.required)
            }
            // Raw bytes need no validation: they are passed on as read.
            BodyKind::Bytes => RustType::Bytes,
        };
        Argument {
            name: "body".to_owned(),
            ty,
        }
    }
}

fn operation_doc(operation: &Operation) -> Vec<String> {
    let mut doc = doc_lines(operation.summary.as_deref());
    let description = doc_lines(operation.description.as_deref());
    if !description.is_empty() {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(description);
    }
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push(format!(
        "`{} {}`",
        operation.method.as_str(),
        operation.path
    ));
    doc
}

fn response_variant(api: &Api, response: &Response) -> ResponseVariant {
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
                ty: RustType::Bytes,
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
