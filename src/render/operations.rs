//! Views of operations, shared by the handler traits, the router, the user's stubs and the
//! generated tests: signatures, extraction code and response variants.

use super::rust::{Patterns, Scope, doc_lines, rust_type, schema_shape, string_literal};
use super::security;
use crate::ir::{self, Api, BodyKind, Operation, ParameterLocation, Response, StatusKey, Ty};

/// One argument of a handler method, in the order the method takes them.
pub struct Argument {
    pub name: String,
    /// The type, with models named from inside the api crate.
    pub ty: String,
    /// The type, with models named as the user's crate imports them.
    pub user_ty: String,
}

pub struct ResponseVariant {
    pub doc: Vec<String>,
    /// `Created(crate::models::User)`
    pub declaration: String,
    /// `Self::Created(body) => (status_code(201), Json(body)).into_response()`
    pub into_response: String,
}

/// A parameter or body shape declared in the operation's module of `constraints.rs`.
pub struct LocalShape {
    pub name: String,
    pub value: String,
}

pub struct OperationView {
    pub name: String,
    pub doc: Vec<String>,
    pub arguments: Vec<Argument>,
    pub response_enum: String,
    pub responses: Vec<ResponseVariant>,
    /// Clippy's argument limit is exceeded: the spec decides the count.
    pub many_arguments: bool,
    pub local_shapes: Vec<LocalShape>,
    pub extractions: Vec<String>,
    pub reads_body: bool,
    /// The operation has parameters or credentials, read from the request's head.
    pub takes_parts: bool,
    /// The operation has parameters, read through `RequestInputs`.
    pub reads_inputs: bool,
    /// The router's check of the caller's credentials, binding `principal`.
    pub security_check: Option<String>,
    pub bindings: String,
    pub binding_values: String,
    pub call_arguments: String,
    /// The user's signature names a model, so the user's file imports them.
    pub uses_models: bool,
}

/// The argument that carries who is calling to the handler of a secured operation.
const PRINCIPAL: &str = "principal";

/// Clippy's default `too-many-arguments-threshold`, counting `&self`.
const CLIPPY_ARGUMENT_LIMIT: usize = 7;

impl OperationView {
    pub fn new(api: &Api, operation: &Operation, patterns: &mut Patterns) -> Self {
        let mut arguments = Vec::new();
        let mut local_shapes = Vec::new();
        let mut extractions = Vec::new();
        let module = format!("constraints::{}", operation.shapes_module);
        let security_check = operation.security.as_ref().map(|policy| {
            let (check, principal) = if policy.anonymous {
                ("authenticate", "Option<Self::Principal>")
            } else {
                ("require", "Self::Principal")
            };
            arguments.push(Argument {
                name: PRINCIPAL.to_owned(),
                ty: principal.to_owned(),
                user_ty: principal.to_owned(),
            });
            format!(
                "let {PRINCIPAL} = match {check}(&*state.api, &parts, {}).await {{ Ok(principal) => principal, Err(error) => return error.into_response() }};",
                security::policy_literal(api, policy)
            )
        });
        for parameter in &operation.parameters {
            let shape_name = &parameter.shape_name;
            local_shapes.push(LocalShape {
                name: shape_name.clone(),
                value: schema_shape(api, &parameter.schema, patterns),
            });
            let default =
                ir::fitted_default(api, &parameter.schema).filter(|_| !parameter.required);
            let presence = match (parameter.required, &default) {
                (true, _) => "Presence::Required".to_owned(),
                (false, Some(default)) => format!(
                    "Presence::Default({})",
                    string_literal(&default.to_string())
                ),
                (false, None) => "Presence::Optional".to_owned(),
            };
            let optional = !parameter.required && default.is_none();
            let ty = optional_type(rust_type(api, &parameter.schema, Scope::Crate), optional);
            let user_ty = optional_type(rust_type(api, &parameter.schema, Scope::Models), optional);
            let spread = match (&parameter.schema.ty, parameter.location) {
                (Ty::Array(_), ParameterLocation::Query) if parameter.explode => "Spread::Repeated",
                (Ty::Array(_), _) => "Spread::Delimited(',')",
                _ => "Spread::Single",
            };
            let name = string_literal(&parameter.name);
            let shape = format!("&{module}::{shape_name}");
            extractions.push(match parameter.location {
                ParameterLocation::Path => format!("let {} = inputs.path::<{ty}>({name}, {shape}, &mut issues);", parameter.rust_name),
                location => format!(
                    "let {} = inputs.{}::<{ty}>({name}, {shape}, {spread}, {presence}, &mut issues);",
                    parameter.rust_name,
                    location.as_str()
                ),
            });
            arguments.push(Argument {
                name: parameter.rust_name.clone(),
                ty,
                user_ty,
            });
        }
        if let Some(body) = &operation.body {
            let presence = if body.required {
                "Presence::Required"
            } else {
                "Presence::Optional"
            };
            let (ty, user_ty, extraction) = match body.kind {
                BodyKind::Json | BodyKind::Form => {
                    let shape = match body.schema.ty {
                        Ty::Named(id) if !body.schema.nullable => {
                            format!("&constraints::{}", api.type_def(id).shape_name)
                        }
                        _ => {
                            local_shapes.push(LocalShape {
                                name: body.shape_name.clone(),
                                value: schema_shape(api, &body.schema, patterns),
                            });
                            format!("&{module}::{}", body.shape_name)
                        }
                    };
                    let ty =
                        optional_type(rust_type(api, &body.schema, Scope::Crate), !body.required);
                    let user_ty =
                        optional_type(rust_type(api, &body.schema, Scope::Models), !body.required);
                    let reader = if body.kind == BodyKind::Json {
                        "json_body"
                    } else {
                        "form_body"
                    };
                    let extraction = format!(
                        "let body = {reader}::<{ty}>(&bytes, {shape}, {presence}, &mut issues);"
                    );
                    (ty, user_ty, extraction)
                }
                BodyKind::Text => {
                    let (ty, unwrap) = if body.required {
                        ("String", ".map(Option::unwrap_or_default)")
                    } else {
                        ("Option<String>", "")
                    };
                    (
                        ty.to_owned(),
                        ty.to_owned(),
                        format!("let body = text_body(&bytes, {presence}, &mut issues){unwrap};"),
                    )
                }
                BodyKind::Bytes => (
                    "::axum::body::Bytes".to_owned(),
                    "Bytes".to_owned(),
                    String::new(),
                ),
            };
            if !extraction.is_empty() {
                extractions.push(extraction);
            }
            arguments.push(Argument {
                name: "body".to_owned(),
                ty,
                user_ty,
            });
        }
        // Raw bytes need no validation: they are passed on as read.
        let raw_body = operation
            .body
            .as_ref()
            .is_some_and(|body| body.kind == BodyKind::Bytes);
        let call_arguments: Vec<&str> = arguments
            .iter()
            .map(|argument| {
                if raw_body && argument.name == "body" {
                    "bytes"
                } else {
                    argument.name.as_str()
                }
            })
            .collect();
        let names: Vec<&str> = call_arguments
            .iter()
            .copied()
            .filter(|name| *name != "bytes" && *name != PRINCIPAL)
            .collect();
        let (bindings, binding_values) = match names.as_slice() {
            [] => (String::new(), String::new()),
            [one] => (format!("Some({one})"), (*one).to_owned()),
            many => (
                format!(
                    "({})",
                    many.iter()
                        .map(|name| format!("Some({name})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                format!("({})", many.join(", ")),
            ),
        };
        let uses_models = arguments
            .iter()
            .any(|argument| argument.ty.contains("crate::models::"));
        Self {
            name: operation.rust_name.clone(),
            doc: operation_doc(operation),
            many_arguments: arguments.len() + 1 > CLIPPY_ARGUMENT_LIMIT,
            call_arguments: call_arguments.join(", "),
            response_enum: operation.response_enum.clone(),
            responses: operation
                .responses
                .iter()
                .map(|response| response_variant(api, response))
                .collect(),
            arguments,
            local_shapes,
            reads_body: operation.body.is_some(),
            takes_parts: !operation.parameters.is_empty() || security_check.is_some(),
            reads_inputs: !operation.parameters.is_empty(),
            security_check,
            extractions,
            bindings,
            binding_values,
            uses_models,
        }
    }
}

fn optional_type(ty: String, optional: bool) -> String {
    if optional && !ty.starts_with("Option<") {
        format!("Option<{ty}>")
    } else {
        ty
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
    let name = &response.rust_name;
    let payload = response.body.as_ref().map(|body| match body.kind {
        BodyKind::Json | BodyKind::Form => (
            rust_type(api, &body.schema, Scope::Crate),
            "::axum::Json(body)".to_owned(),
        ),
        BodyKind::Text => ("String".to_owned(), "body".to_owned()),
        BodyKind::Bytes => {
            let media_type =
                if body.media_type.is_ascii() && !body.media_type.contains(['*', '\n', '\r']) {
                    body.media_type.as_str()
                } else {
                    "application/octet-stream"
                };
            (
                "::axum::body::Bytes".to_owned(),
                format!(
                    "([(::axum::http::header::CONTENT_TYPE, {})], body)",
                    string_literal(media_type)
                ),
            )
        }
    });
    let (declaration, into_response) = match (response.status, payload) {
        (StatusKey::Code(code), Some((ty, body))) => (
            format!("{name}({ty})"),
            format!("Self::{name}(body) => (status_code({code}), {body}).into_response()"),
        ),
        (StatusKey::Code(code), None) => (
            name.clone(),
            format!("Self::{name} => status_code({code}).into_response()"),
        ),
        (_, Some((ty, body))) => (
            format!("{name}(::axum::http::StatusCode, {ty})"),
            format!("Self::{name}(status, body) => (status, {body}).into_response()"),
        ),
        (_, None) => (
            format!("{name}(::axum::http::StatusCode)"),
            format!("Self::{name}(status) => status.into_response()"),
        ),
    };
    let mut doc = doc_lines(Some(&response.description));
    if let StatusKey::Code(code) = response.status {
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
        declaration,
        into_response,
    }
}
