//! Each operation's views, built once per run and shared by every file that needs them:
//! its [`Signature`] (the handler trait, the user's stub, the test service and the
//! manifest all spell it) and its [`RouteView`] (what the router does before calling the
//! handler: the credential check, the extractions, the shapes they validate against).

use std::fmt;

use super::responses::ResponseVariant;
use super::responses::response_variant;
use super::rust::{doc_lines, string_literal};
use super::security;
use super::shapes::ShapeWriter;
use super::types::RustType;
use crate::ir::{self, Api, BodyKind, Operation, Spread, StatusKey, Ty};

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

/// What the router does with a request before the handler: check, extract, validate.
pub struct RouteView {
    pub security: Option<SecurityCheck>,
    /// The spec's path, as a literal: the routes sharing an axum route are told apart by it.
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
    /// Where the operation has parameters (read through `RequestInputs`), its path
    /// template's static in its module: `declared::PATH`.
    pub path_template: Option<String>,
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

/// A parameter or body shape declared in the operation's module of `constraints.rs`.
pub struct LocalShape {
    pub name: String,
    /// `Parameter`, `RequestBody`, `Shape` or `PathTemplate`.
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
        let template = string_literal(&operation.template.spell(|name| format!("{{{name}}}")));
        let path_template = inputs.path_template(operation, &template);
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
            template,
            request_use: RequestUse::of(
                !operation.parameters.is_empty() || security.is_some() || typed_body,
                operation.body.is_some(),
            ),
            path_template,
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
    /// The static holding `operation`'s path template (`template`, a literal), declared
    /// where the operation has parameters to read from its path; its path in the route.
    fn path_template(&mut self, operation: &Operation, template: &str) -> Option<String> {
        if operation.parameters.is_empty() {
            return None;
        }
        let name = &operation.path_template_name;
        self.local_shapes.push(LocalShape {
            name: name.clone(),
            ty: "PathTemplate",
            value: format!("PathTemplate::new({template})"),
        });
        Some(format!("{DECLARED_MODULE}::{name}"))
    }

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
