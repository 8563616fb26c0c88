//! `api/src/calls.rs`: one typed call per operation on the api crate's `Client`, named
//! like the handler, taking what the handler takes (borrowed) and answering its response
//! enum read back from the status and body.

use std::collections::HashSet;

use askama::Template;

use super::operations::{CLIPPY_ARGUMENT_LIMIT, OperationView};
use super::rust::string_literal;
use super::types::RustType;
use super::{GENERATED_HEADER, add};
use crate::ir::{self, Api, BodyKind, ConditionValue, Operation, ParameterLocation, Spread};
use crate::workspace::{Files, Owner};

#[derive(Template)]
#[template(path = "api/src/calls.rs", escape = "none")]
struct CallsFile<'a> {
    header: &'static str,
    calls: &'a [CallView],
    /// Some call names a parameter's `Spread`.
    spreads: bool,
}

/// The typed call of one operation.
pub struct CallView {
    pub name: String,
    pub doc: Vec<String>,
    /// The handler it calls, as a doc link.
    pub handler: String,
    pub arguments: Vec<CallArgument>,
    pub many_arguments: bool,
    /// `GET`, `POST`...: the `Method` constant.
    pub method: &'static str,
    /// The path template, `{name}` where a parameter goes, as a literal.
    pub path: String,
    pub steps: Vec<BuildStep>,
    pub response_enum: String,
}

/// One argument of a typed call: the handler's argument as the caller lends it.
pub struct CallArgument {
    pub name: String,
    /// The argument's type, as the call takes it.
    pub borrowed: String,
    /// The handler's type for it: what a caller owns.
    pub owned: RustType,
    pub lend: Lend,
}

/// How a caller hands an owned value to a typed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lend {
    /// As it is: a number, a date, `Bytes`.
    Copy,
    /// `&value`
    Borrow,
    /// `value.as_deref()`: an optional text or list.
    Deref,
    /// `value.as_ref()`: an optional model.
    Ref,
}

impl Lend {
    /// How the value bound to `name` is handed to a call.
    pub fn lent(self, name: &str) -> String {
        match self {
            Self::Copy => name.to_owned(),
            Self::Borrow => format!("&{name}"),
            Self::Deref => format!("{name}.as_deref()"),
            Self::Ref => format!("{name}.as_ref()"),
        }
    }
}

/// One call on the request builder: a parameter, a fixed query pair, or the body.
pub struct BuildStep {
    /// `path_parameter`, `query_parameter`, `header_parameter`, `cookie_parameter`,
    /// `query`, `json`, `form`, `text` or `bytes`.
    pub method: &'static str,
    /// Its arguments, as literals and argument names.
    pub arguments: Vec<String>,
    /// The body may be absent: the step is taken only for `Some`.
    pub optional: bool,
    /// One of its arguments names a `Spread`.
    pub spread: bool,
}

/// Names a typed call cannot take: the `Client`'s own methods.
const CLIENT_METHODS: [&str; 16] = [
    "clone",
    "delete",
    "from_router",
    "get",
    "new",
    "patch",
    "post",
    "put",
    "request",
    "with_api_key",
    "with_basic",
    "with_bearer",
    "with_credential",
    "with_header",
    "with_transport",
    "transport",
];

pub fn render(calls: &[CallView], files: &mut Files) -> anyhow::Result<()> {
    let spreads = calls
        .iter()
        .any(|call| call.steps.iter().any(|step| step.spread));
    let calls = CallsFile {
        header: GENERATED_HEADER,
        calls,
        spreads,
    };
    add(files, "api/src/calls.rs", calls.render()?, Owner::Generator);
    Ok(())
}

/// Every operation's typed call, in the spec's order.
pub fn call_views(api: &Api, views: &[OperationView]) -> Vec<CallView> {
    let mut taken: HashSet<String> = api
        .operations
        .iter()
        .map(|operation| operation.rust_name.clone())
        .collect();
    api.operations
        .iter()
        .zip(views)
        .map(|(operation, view)| call_view(api, operation, view, &mut taken))
        .collect()
}

fn call_view(
    api: &Api,
    operation: &Operation,
    view: &OperationView,
    taken: &mut HashSet<String>,
) -> CallView {
    let signature = &view.signature;
    let arguments: Vec<CallArgument> = signature
        .arguments
        .iter()
        .filter(|argument| !is_principal(&argument.ty))
        .map(|argument| CallArgument {
            name: argument.name.clone(),
            borrowed: borrowed_type(&argument.ty),
            owned: argument.ty.clone(),
            lend: lend(&argument.ty),
        })
        .collect();
    let mut steps: Vec<BuildStep> = operation
        .parameters
        .iter()
        .zip(arguments.iter())
        .map(|(parameter, argument)| parameter_step(api, parameter, &argument.name))
        .collect();
    steps.extend(condition_steps(operation, &arguments));
    if let Some(body) = &operation.body
        && let Some(argument) = arguments.last()
    {
        steps.push(body_step(body, &argument.owned));
    }
    let tag = &api.tags[operation.tag];
    CallView {
        name: call_name(&operation.rust_name, taken),
        doc: signature.doc.clone(),
        handler: format!("crate::{}::{}", tag.trait_name, signature.name),
        many_arguments: arguments.len() + 1 > CLIPPY_ARGUMENT_LIMIT,
        arguments,
        method: operation.method.as_str(),
        path: string_literal(&operation.template.spell(|name| format!("{{{name}}}"))),
        steps,
        response_enum: signature.response_enum.clone(),
    }
}

/// The handler's name, unless the `Client` has a method of that name.
fn call_name(name: &str, taken: &mut HashSet<String>) -> String {
    if !CLIENT_METHODS.contains(&name) {
        return name.to_owned();
    }
    let mut candidate = format!("call_{name}");
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("call_{name}_{counter}");
        counter += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn parameter_step(api: &Api, parameter: &ir::Parameter, argument: &str) -> BuildStep {
    let name = string_literal(&parameter.name);
    let spread = spread_literal(parameter.spread(api));
    let (method, arguments) = match parameter.location {
        ParameterLocation::Path => ("path_parameter", vec![name, argument.to_owned(), spread]),
        ParameterLocation::Query => ("query_parameter", vec![name, argument.to_owned(), spread]),
        ParameterLocation::Header => ("header_parameter", vec![name, argument.to_owned(), spread]),
        ParameterLocation::Cookie => ("cookie_parameter", vec![name, argument.to_owned(), spread]),
    };
    BuildStep {
        method,
        arguments,
        optional: false,
        spread: true,
    }
}

/// The runtime's `Spread` for `spread`, as the call names it.
fn spread_literal(spread: Spread) -> String {
    match spread {
        Spread::Single => "Spread::Single".to_owned(),
        Spread::Repeated => "Spread::Repeated".to_owned(),
        Spread::Fields => "Spread::Fields".to_owned(),
        Spread::Deep => "Spread::Deep".to_owned(),
        Spread::Delimited(delimiter) => format!("Spread::Delimited({delimiter:?})"),
        Spread::Pairs(delimiter) => format!("Spread::Pairs({delimiter:?})"),
        Spread::KeyValues(delimiter) => format!("Spread::KeyValues({delimiter:?})"),
    }
}

/// What the template's query part requires beyond the parameters: `?method=x` fixed,
/// `?acl` present, `?city={city}` from a parameter read elsewhere.
fn condition_steps(operation: &Operation, arguments: &[CallArgument]) -> Vec<BuildStep> {
    let sent_in_query = |name: &str| {
        operation.parameters.iter().any(|parameter| {
            parameter.location == ParameterLocation::Query && parameter.name == name
        })
    };
    operation
        .template
        .conditions
        .iter()
        .filter_map(|condition| {
            let name = string_literal(&condition.name);
            let (method, value) = match &condition.value {
                ConditionValue::Equals(value) => ("query", string_literal(value)),
                ConditionValue::Present if !sent_in_query(&condition.name) => {
                    ("query", string_literal(""))
                }
                ConditionValue::Parameter(parameter) if !sent_in_query(&condition.name) => {
                    let index = operation
                        .parameters
                        .iter()
                        .position(|declared| declared.name == *parameter)?;
                    let argument = &arguments.get(index)?.name;
                    return Some(BuildStep {
                        method: "query_parameter",
                        arguments: vec![name, argument.clone(), spread_literal(Spread::Single)],
                        optional: false,
                        spread: true,
                    });
                }
                _ => return None,
            };
            Some(BuildStep {
                method,
                arguments: vec![name, value],
                optional: false,
                spread: false,
            })
        })
        .collect()
}

/// The step sending the body, `body` in the call (the value an optional body holds, in
/// its step's closure); a JSON or form body is serialized from a reference.
fn body_step(body: &ir::RequestBody, ty: &RustType) -> BuildStep {
    let optional = !body.required && body.kind != BodyKind::Bytes;
    // What is serialized is held by value: a `Copy` body, or a required one that may be
    // null (its `Option` is the body: `null` or the value).
    let by_value = match ty {
        RustType::Option(_) if !optional => true,
        RustType::Option(inner) => lend(inner) == Lend::Copy,
        other => lend(other) == Lend::Copy,
    };
    let serialized = if by_value { "&body" } else { "body" }.to_owned();
    let (method, arguments) = match body.kind {
        BodyKind::Json => ("json", vec![serialized]),
        BodyKind::Form => ("form", vec![serialized]),
        BodyKind::Multipart => ("multipart", vec![serialized]),
        BodyKind::Text => ("text", vec!["body".to_owned()]),
        BodyKind::Bytes => (
            "bytes",
            vec![string_literal(&body.media_type), "body".to_owned()],
        ),
    };
    BuildStep {
        method,
        arguments,
        optional,
        spread: false,
    }
}

/// Plain types a call takes by value: numbers, flags, ids and dates are `Copy`.
const COPIED: [&str; 8] = [
    "bool",
    "i32",
    "i64",
    "f32",
    "f64",
    "::uuid::Uuid",
    "::chrono::NaiveDate",
    "::chrono::DateTime<::chrono::Utc>",
];

/// Who is calling: the handler's argument, not the call's (credentials go with the client).
fn is_principal(ty: &RustType) -> bool {
    match ty {
        RustType::Principal => true,
        RustType::Option(inner) => is_principal(inner),
        _ => false,
    }
}

fn lend(ty: &RustType) -> Lend {
    match ty {
        RustType::Plain(text) if COPIED.contains(text) => Lend::Copy,
        RustType::Bytes => Lend::Copy,
        RustType::Option(inner) => match lend(inner) {
            Lend::Copy => Lend::Copy,
            _ if matches!(**inner, RustType::Vec(_)) || **inner == RustType::Plain("String") => {
                Lend::Deref
            }
            _ => Lend::Ref,
        },
        _ => Lend::Borrow,
    }
}

/// The type a call takes for a handler argument of type `ty`: borrowed unless `Copy`.
fn borrowed_type(ty: &RustType) -> String {
    match ty {
        RustType::Plain("String") => "&str".to_owned(),
        RustType::Vec(items) => format!("&[{}]", items.in_crate()),
        RustType::Box(inner) => borrowed_type(inner),
        RustType::Option(inner) => format!("Option<{}>", borrowed_type(inner)),
        other if lend(other) == Lend::Copy => other.in_crate().to_string(),
        other => format!("&{}", other.in_crate()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_borrow_what_is_not_copy() {
        let model = RustType::Model("User".to_owned());
        let cases = [
            (RustType::Plain("i64"), "i64", Lend::Copy),
            (RustType::Plain("String"), "&str", Lend::Borrow),
            (model.clone(), "&crate::models::User", Lend::Borrow),
            (
                RustType::Vec(Box::new(model.clone())),
                "&[crate::models::User]",
                Lend::Borrow,
            ),
            (RustType::Bytes, "::axum::body::Bytes", Lend::Copy),
            (
                RustType::Plain("String").optional_if(true),
                "Option<&str>",
                Lend::Deref,
            ),
            (
                model.optional_if(true),
                "Option<&crate::models::User>",
                Lend::Ref,
            ),
            (
                RustType::Plain("f64").optional_if(true),
                "Option<f64>",
                Lend::Copy,
            ),
        ];
        for (ty, borrowed, lent) in cases {
            assert_eq!(borrowed_type(&ty), borrowed, "{ty:?}");
            assert_eq!(lend(&ty), lent, "{ty:?}");
        }
    }

    #[test]
    fn a_call_named_like_a_client_method_is_renamed_apart() {
        let mut taken: HashSet<String> = ["get".to_owned(), "call_get".to_owned()].into();
        assert_eq!(call_name("get", &mut taken), "call_get_2");
        assert_eq!(call_name("get_user", &mut taken), "get_user");
        assert_eq!(call_name("post", &mut taken), "call_post");
    }
}
