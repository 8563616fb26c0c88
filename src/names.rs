//! Stage 4: Rust names for everything the spec names, decided in one pass over the whole
//! API so that the result is deterministic and free of collisions.
//!
//! The rules:
//! - Every name is cased with `heck` from the spec's words; characters that cannot be part
//!   of a Rust identifier separate words (`x-rate-limit` → `x_rate_limit`, `@type` →
//!   `type_`) and non-ASCII letters are dropped.
//! - Keywords get a trailing underscore (`type` → `type_`); a leading digit gets a prefix
//!   (`2fa` → `field_2fa`, `200Response` → `Model200Response`); a name with nothing left
//!   gets a generic one (`field`, `Model`).
//! - Type names that would shadow the Rust prelude or the generated crate's own items
//!   (`Result`, `Option`, `String`, `ApiError`…) get a `Model` suffix.
//! - Types are named in a fixed order — components, then response enums, then inline
//!   types — so that a component keeps its own name; a later name that is already taken
//!   gets the first free numeric suffix (`User2`). Fields, variants and parameters are
//!   made unique within their struct, enum or operation in the same way.
//! - JSON names are never changed: models carry `#[serde(rename)]` wherever the Rust name
//!   differs.
//! - Validation shapes live in `constraints.rs`: one static per named type at the top, and
//!   one module per operation for its parameters, body and path template. An operation's
//!   module sees the types' statics through `use super::*`, so its own statics are named
//!   apart from every type's: a parameter `sort` whose schema is the type `Sort` must not
//!   take the name `SORT`, or its shape would refer to itself instead of to the type's.
//!   The modules are named apart from the `patterns` module beside them.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use crate::ir::{Api, NameSource, StatusKey, TypeKind};

/// Words Rust reserves, in every edition we generate for.
const KEYWORDS: [&str; 52] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names clippy rejects as placeholders (`disallowed_names`); they get a trailing underscore too.
const PLACEHOLDER_NAMES: [&str; 3] = ["foo", "baz", "quux"];

/// Type names generated code relies on; a spec type with one of these names is renamed.
/// The user's handler files import `App` (the service's state) and `StatusCode` by name,
/// beside all of the models.
const RESERVED_TYPE_NAMES: [&str; 42] = [
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Clone",
    "Default",
    "Drop",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Debug",
    "Hash",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "Serialize",
    "Deserialize",
    "ApiError",
    "App",
    "StatusCode",
];

/// The functions the generated `router.rs` defines or imports beside one function per
/// operation; an operation may not take one.
const ROUTER_ITEMS: [&str; 12] = [
    "authenticate",
    "form_body",
    "json_body",
    "method_not_allowed",
    "not_found",
    "read_body",
    "require",
    "router",
    "router_with_body_limit",
    "service",
    "text_body",
    "validation_failed",
];

/// Names the generated router's handler functions use for their own variables; an
/// argument may not take one.
const ROUTER_LOCALS: [&str; 9] = [
    "body",
    "bytes",
    "error",
    "inputs",
    "issues",
    "parts",
    "principal",
    "response",
    "state",
];

/// Names the generated tests use beside the arguments' values, for their variables and
/// their helpers (`let client = ...; let value: String = value("...")`); an argument may
/// not take one either.
const TEST_LOCALS: [&str; 8] = [
    "answered",
    "app",
    "assert_same",
    "called",
    "client",
    "handled",
    "outcome",
    "value",
];

/// The user's handler folder holds the credential checks in `security.rs`.
pub const SECURITY_MODULE: &str = "security";

/// The module of `constraints.rs` that holds the compiled `pattern`s.
pub const PATTERNS_MODULE: &str = "patterns";

/// The static of an operation's module that holds its body's shape.
const BODY_SHAPE: &str = "BODY";

/// The static of an operation's module that holds its path template.
const PATH_TEMPLATE: &str = "PATH";

/// Fills in every Rust name of `api`.
pub fn assign(api: &mut Api) {
    let mut type_names = UniqueNames::default();
    let component_order = (0..api.types.len())
        .filter(|index| matches!(api.types[*index].name_source, NameSource::Component(_)));
    let inline_order = (0..api.types.len())
        .filter(|index| matches!(api.types[*index].name_source, NameSource::Place(_)));
    let component_order: Vec<usize> = component_order.collect();
    let inline_order: Vec<usize> = inline_order.collect();

    for index in component_order {
        let NameSource::Component(name) = &api.types[index].name_source else {
            continue;
        };
        api.types[index].name = type_names.claim(type_name(name));
    }
    for operation in &mut api.operations {
        let words = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", operation.method.as_str(), operation.path));
        operation.response_enum = type_names.claim(type_name(&format!("{words} Response")));
        for response in &mut operation.responses {
            if response.headers.is_empty() {
                continue;
            }
            let status = match response.status {
                StatusKey::Code(code) => code.to_string(),
                StatusKey::Range(digit) => format!("{digit}XX"),
                StatusKey::Default => "default".to_owned(),
            };
            response.headers_type =
                type_names.claim(type_name(&format!("{words} {status} Headers")));
            let mut field_names = UniqueNames::default();
            for header in &mut response.headers {
                header.rust_name = field_names.claim(value_name(&header.name, "header"));
            }
        }
    }
    for index in inline_order {
        let NameSource::Place(words) = &api.types[index].name_source else {
            continue;
        };
        api.types[index].name = type_names.claim(type_name(&words.join(" ")));
    }
    assign_members(api);
    assign_tags_and_schemes(api);
    assign_operations(api);
    assign_shape_names(api);
}

/// The model of a spec given as text, named: what rendering starts from, for tests.
#[cfg(test)]
pub(crate) fn named_model(text: &str) -> Api {
    let spec = crate::load::parse("spec.yaml".as_ref(), text).expect("the spec reads");
    let (mut api, _) = crate::ir::build(&spec);
    assign(&mut api);
    api
}

/// Fields, enum variants and union members, unique within their type.
fn assign_members(api: &mut Api) {
    for type_def in &mut api.types {
        match &mut type_def.kind {
            TypeKind::Struct(object) => {
                let mut field_names = UniqueNames::default();
                for field in &mut object.fields {
                    field.rust_name = field_names.claim(value_name(&field.json_name, "field"));
                }
                object.additional_rust_name = field_names.claim("additional_properties".to_owned());
            }
            TypeKind::Enum(enumeration) => {
                let mut variant_names = UniqueNames::default();
                for variant in &mut enumeration.variants {
                    let words = match (&variant.name_hint, &variant.value) {
                        (Some(hint), _) => hint.clone(),
                        (None, Value::String(text)) => text.clone(),
                        (None, Value::Number(number))
                            if number.as_i64().is_some_and(i64::is_negative) =>
                        {
                            format!("minus {}", number.to_string().trim_start_matches('-'))
                        }
                        (None, other) => other.to_string(),
                    };
                    variant.rust_name = variant_names.claim(variant_name(&words));
                }
            }
            TypeKind::Union(union) => {
                let mut variant_names = UniqueNames::default();
                for variant in &mut union.variants {
                    variant.rust_name = variant_names.claim(variant_name(&variant.name_hint));
                }
            }
            TypeKind::Alias(_) => {}
        }
    }
}

/// The handler trait and module of each tag, and the method of each security scheme.
fn assign_tags_and_schemes(api: &mut Api) {
    let mut trait_names = UniqueNames::default();
    let mut module_names = UniqueNames::default();
    module_names.claim(SECURITY_MODULE.to_owned());
    for tag in &mut api.tags {
        tag.trait_name = trait_names.claim(type_name(&format!("{} Api", tag.name)));
        tag.module_name = module_names.claim(value_name(&tag.name, "tag"));
    }

    let mut scheme_names = UniqueNames::default();
    for scheme in &mut api.security_schemes {
        scheme.rust_name = scheme_names.claim(value_name(&scheme.key, "scheme"));
    }
}

/// Each operation's handler method, its arguments and its response variants.
fn assign_operations(api: &mut Api) {
    let mut method_names = UniqueNames::default();
    for item in ROUTER_ITEMS {
        method_names.claim(item.to_owned());
    }
    for operation in &mut api.operations {
        let words = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", operation.method.as_str(), operation.path));
        operation.rust_name = method_names.claim(value_name(&words, "operation"));
        let mut argument_names = UniqueNames::default();
        for local in ROUTER_LOCALS.iter().chain(&TEST_LOCALS) {
            argument_names.claim((*local).to_owned());
        }
        for parameter in &mut operation.parameters {
            let plain = value_name(&parameter.name, "param");
            parameter.rust_name = if argument_names.is_taken(&plain) {
                argument_names.claim(value_name(
                    &format!("{} {}", parameter.location.as_str(), parameter.name),
                    "param",
                ))
            } else {
                argument_names.claim(plain)
            };
        }
        let mut variant_names = UniqueNames::default();
        for response in &mut operation.responses {
            response.rust_name = variant_names.claim(status_variant(response.status));
        }
    }
}

/// Names the statics and modules of `constraints.rs` (see the rules above).
fn assign_shape_names(api: &mut Api) {
    let mut type_shapes = UniqueNames::default();
    for type_def in &mut api.types {
        type_def.shape_name = type_shapes.claim(type_def.name.to_shouty_snake_case());
    }
    let mut modules = UniqueNames::default();
    modules.claim(PATTERNS_MODULE.to_owned());
    for operation in &mut api.operations {
        operation.shapes_module = modules.claim(operation.rust_name.clone());
        let mut local_shapes = UniqueNames::apart_from(&type_shapes);
        for parameter in &mut operation.parameters {
            parameter.shape_name = local_shapes.claim(parameter.rust_name.to_uppercase());
        }
        if let Some(body) = &mut operation.body {
            body.shape_name = local_shapes.claim(BODY_SHAPE.to_owned());
        }
        if !operation.parameters.is_empty() {
            operation.path_template_name = local_shapes.claim(PATH_TEMPLATE.to_owned());
        }
    }
}

/// Names already given in one scope; a taken name gets the first free numeric suffix.
/// A scope may also keep clear of the names of an enclosing one.
#[derive(Default)]
struct UniqueNames<'outer> {
    taken: HashSet<String>,
    outer: Option<&'outer UniqueNames<'outer>>,
}

impl<'outer> UniqueNames<'outer> {
    /// A scope whose names differ from every name taken in `outer`.
    fn apart_from(outer: &'outer UniqueNames<'outer>) -> Self {
        Self {
            taken: HashSet::new(),
            outer: Some(outer),
        }
    }

    fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name) || self.outer.is_some_and(|outer| outer.is_taken(name))
    }

    fn claim(&mut self, name: String) -> String {
        let separator = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let unique = if self.is_taken(&name) {
            (2..)
                .map(|suffix| format!("{name}{separator}{suffix}"))
                .find(|candidate| !self.is_taken(candidate))
                .unwrap_or_default()
        } else {
            name
        };
        self.taken.insert(unique.clone());
        unique
    }
}

/// Replaces every character that cannot appear in an identifier with a word break.
fn words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `UpperCamelCase` name of a type, trait or enum.
pub fn type_name(text: &str) -> String {
    let name = words(text).to_upper_camel_case();
    let name = if name.is_empty() {
        "Model".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Model{name}")
    } else {
        name
    };
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

/// `snake_case` name of a field, method, parameter or module; `fallback` when nothing is left.
pub fn value_name(text: &str, fallback: &str) -> String {
    let name = words(text).to_snake_case();
    if name.is_empty() {
        fallback.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}_{name}")
    } else if KEYWORDS.contains(&name.as_str()) || PLACEHOLDER_NAMES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `UpperCamelCase` name of an enum variant.
fn variant_name(text: &str) -> String {
    let name = words(text).to_upper_camel_case();
    if name.is_empty() {
        "Empty".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if name == "Self" {
        "SelfValue".to_owned()
    } else {
        name
    }
}

/// The response variant for a status: its reason phrase (`404` → `NotFound`).
fn status_variant(status: StatusKey) -> String {
    match status {
        StatusKey::Default => "Default".to_owned(),
        StatusKey::Range(digit) => format!("Status{digit}xx"),
        StatusKey::Code(code) => match reason_phrase(code) {
            Some(reason) => reason.to_owned(),
            None => format!("Status{code}"),
        },
    }
}

/// The reason phrase of a status code, as one identifier.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        511 => "NetworkAuthenticationRequired",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
