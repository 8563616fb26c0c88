//! Views of the security schemes: the api crate's `security.rs`, the per-operation policy
//! the router checks, and the credentials the generated tests present.

use askama::Template;

use super::GENERATED_HEADER;
use super::rust::{doc_lines, string_literal};
use crate::ir::{Api, ParameterLocation, SchemeKind, SecurityPolicy, SecurityScheme};
use crate::names::type_name;

/// The credential generated tests present as the good one; every other is refused.
pub const GOOD_CREDENTIAL: &str = "good-credential";
/// The user name and password generated tests present for HTTP basic.
pub const GOOD_USERNAME: &str = "good-user";
pub const GOOD_PASSWORD: &str = "good-password";
/// What generated tests present as a wrong credential.
pub const WRONG_CREDENTIAL: &str = "wrong-credential";

pub struct SchemeView {
    pub key: String,
    pub doc: Vec<String>,
    pub variant: String,
    pub method: String,
    pub argument: &'static str,
    pub argument_type: &'static str,
    /// The helper of `crate::extract` that finds the credential in `parts`.
    pub locator: &'static str,
    /// The helper's second argument, a literal: the `Authorization` scheme or the key's
    /// name (HTTP basic needs none).
    pub locator_argument: Option<String>,
    pub challenge: String,
    /// The credential arrives as a user name and password, not as one text.
    pub basic: bool,
    /// Where a client puts the credential: a `CredentialPlace`, as Rust.
    pub place: String,
}

#[derive(Template)]
#[template(path = "api/src/security.rs", escape = "none")]
pub struct SecurityFile {
    header: &'static str,
    strict: bool,
    /// Some scheme can be checked; without one, only anonymous requests get through.
    checks_credentials: bool,
    schemes: Vec<SchemeView>,
    has_basic: bool,
    /// `Authorization` is read: by a bearer, basic or other HTTP scheme.
    uses_authorization: bool,
    /// `Authorization` carries a token: a bearer or other HTTP scheme.
    uses_token_authorization: bool,
    /// Some scheme is OAuth 2: its token is read even when empty.
    uses_oauth2: bool,
    /// Some scheme's credential is one text (all but basic).
    reads_text: bool,
    uses_header_key: bool,
    uses_query_key: bool,
    uses_cookie_key: bool,
    extract_imports: String,
}

impl SecurityFile {
    pub fn new(api: &Api, strict: bool) -> Self {
        let schemes: Vec<SchemeView> = api.security_schemes.iter().map(scheme_view).collect();
        let any = |wanted: fn(&SchemeKind) -> bool| {
            api.security_schemes
                .iter()
                .any(|scheme| wanted(&scheme.kind))
        };
        let has_basic = any(|kind| matches!(kind, SchemeKind::Basic));
        let uses_token_authorization =
            any(|kind| matches!(kind, SchemeKind::Bearer | SchemeKind::OtherHttp { .. }));
        let uses_oauth2 = any(|kind| matches!(kind, SchemeKind::OAuth2));
        let uses_authorization = uses_token_authorization || uses_oauth2 || has_basic;
        let uses_header_key = any(
            |kind| matches!(kind, SchemeKind::ApiKey { location, .. } if *location == ParameterLocation::Header),
        );
        let uses_query_key = any(
            |kind| matches!(kind, SchemeKind::ApiKey { location, .. } if *location == ParameterLocation::Query),
        );
        let uses_cookie_key = any(
            |kind| matches!(kind, SchemeKind::ApiKey { location, .. } if *location == ParameterLocation::Cookie),
        );
        let mut extract_imports = Vec::new();
        if uses_authorization || uses_header_key {
            extract_imports.push("latin1");
        }
        if uses_cookie_key {
            extract_imports.push("cookie_pairs");
        }
        if uses_query_key {
            extract_imports.push("query_pairs_of");
        }
        Self {
            header: GENERATED_HEADER,
            strict,
            checks_credentials: !schemes.is_empty(),
            schemes,
            has_basic,
            uses_authorization,
            uses_token_authorization,
            uses_oauth2,
            reads_text: any(|kind| !matches!(kind, SchemeKind::Basic)),
            uses_header_key,
            uses_query_key,
            uses_cookie_key,
            extract_imports: extract_imports.join(", "),
        }
    }
}

/// The name of a scheme's verifying method on the `Security` trait.
pub fn method_name(scheme: &SecurityScheme) -> String {
    format!("authenticate_{}", scheme.rust_name)
}

/// The argument a scheme's verifying method takes, and its type.
pub fn credential_argument(kind: &SchemeKind) -> (&'static str, &'static str) {
    match kind {
        SchemeKind::Bearer | SchemeKind::OAuth2 => ("token", "String"),
        SchemeKind::Basic => ("credentials", "BasicCredentials"),
        SchemeKind::OtherHttp { .. } => ("credentials", "String"),
        SchemeKind::ApiKey { .. } => ("key", "String"),
    }
}

pub fn scheme_view(scheme: &SecurityScheme) -> SchemeView {
    let (argument, argument_type) = credential_argument(&scheme.kind);
    let (locator, locator_argument, summary) = match &scheme.kind {
        SchemeKind::Bearer => (
            "authorization",
            Some(string_literal("Bearer")),
            "a bearer token, from `Authorization: Bearer <token>`".to_owned(),
        ),
        SchemeKind::OAuth2 => (
            "oauth2_token",
            None,
            "an OAuth 2 token, from `Authorization: Bearer <token>`".to_owned(),
        ),
        SchemeKind::Basic => (
            "basic",
            None,
            "HTTP basic credentials, from `Authorization: Basic ...`".to_owned(),
        ),
        SchemeKind::OtherHttp { scheme: name } => (
            "authorization",
            Some(string_literal(name)),
            format!("the credentials of `Authorization: {name} <credentials>`"),
        ),
        SchemeKind::ApiKey { location, name } => {
            let helper = match location {
                ParameterLocation::Query => "query_key",
                ParameterLocation::Cookie => "cookie_key",
                ParameterLocation::Header | ParameterLocation::Path => "header_key",
            };
            let name = if *location == ParameterLocation::Header {
                name.to_ascii_lowercase()
            } else {
                name.clone()
            };
            (
                helper,
                Some(string_literal(&name)),
                format!("an API key, from {} `{name}`", location.as_str()),
            )
        }
    };
    let mut doc = vec![format!("`{}`: {summary}.", scheme.key)];
    let description = doc_lines(scheme.description.as_deref());
    if !description.is_empty() {
        doc.push(String::new());
        doc.extend(description);
    }
    SchemeView {
        key: scheme.key.clone(),
        doc,
        variant: type_name(&scheme.rust_name),
        method: method_name(scheme),
        argument,
        argument_type,
        locator,
        locator_argument,
        challenge: string_literal(&challenge(&scheme.kind)),
        basic: scheme.kind == SchemeKind::Basic,
        place: credential_place(&scheme.kind),
    }
}

/// Where a client sends a scheme's credential, as a `client::CredentialPlace`.
fn credential_place(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer | SchemeKind::OAuth2 => "CredentialPlace::Bearer".to_owned(),
        SchemeKind::Basic => "CredentialPlace::Basic".to_owned(),
        SchemeKind::OtherHttp { scheme } => {
            format!("CredentialPlace::Authorization({})", string_literal(scheme))
        }
        SchemeKind::ApiKey { location, name } => {
            let place = match location {
                ParameterLocation::Query => "Query",
                ParameterLocation::Cookie => "Cookie",
                ParameterLocation::Header | ParameterLocation::Path => "Header",
            };
            format!("CredentialPlace::{place}({})", string_literal(name))
        }
    }
}

/// The `WWW-Authenticate` challenge of a scheme, as FastAPI sends it; always a valid
/// header value, whatever the spec spells.
fn challenge(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer | SchemeKind::OAuth2 => "Bearer".to_owned(),
        SchemeKind::Basic => "Basic".to_owned(),
        SchemeKind::ApiKey { .. } => "APIKey".to_owned(),
        SchemeKind::OtherHttp { scheme } => {
            let token: String = scheme
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c))
                .collect();
            if token.is_empty() {
                "Unknown".to_owned()
            } else {
                title_case(&token)
            }
        }
    }
}

/// A scheme's name as FastAPI's `HTTPBase` challenges with it, Python's `str.title()`:
/// each run of letters capitalized (`digest` → `Digest`, `HOBA` → `Hoba`).
fn title_case(name: &str) -> String {
    let mut after_letter = false;
    name.chars()
        .map(|c| {
            let shown = if after_letter {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            after_letter = c.is_ascii_alphabetic();
            shown
        })
        .collect()
}

/// The `Policy` constant of an operation, as the router passes it to the check.
pub fn policy_literal(api: &Api, policy: &SecurityPolicy) -> String {
    let alternatives: Vec<String> = policy
        .alternatives
        .iter()
        .map(|requirement| {
            let uses: Vec<String> = requirement
                .iter()
                .map(|scheme_use| {
                    let scopes: Vec<String> = scheme_use
                        .scopes
                        .iter()
                        .map(|scope| string_literal(scope))
                        .collect();
                    format!(
                        "(Scheme::{}, &[{}])",
                        type_name(&api.security_schemes[scheme_use.scheme].rust_name),
                        scopes.join(", ")
                    )
                })
                .collect();
            format!("&[{}]", uses.join(", "))
        })
        .collect();
    format!(
        "&Policy {{ alternatives: &[{}], anonymous: {} }}",
        alternatives.join(", "),
        policy.anonymous
    )
}
