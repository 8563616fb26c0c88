{{ header }}
//! Credentials: the security schemes of the spec, the [`Security`] trait the service
//! implements to verify them, and the check every secured operation passes before its
//! handler runs.

{% if checks_credentials -%}
use std::future::Future;

{% endif -%}
use axum::http::request::Parts;
{% if checks_credentials -%}
use axum::http::{HeaderValue, StatusCode, header};
{% else -%}
use axum::http::StatusCode;
{% endif %}
use crate::error::ApiError;
{% if !extract_imports.is_empty() -%}
use crate::extract::{ {{ extract_imports }} };
{% endif %}

{% if has_basic -%}
/// The user name and password of HTTP basic authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    pub username: String,
    pub password: String,
}

{% endif -%}
/// Verifies the credentials of requests to secured operations: the Rust form of a FastAPI
/// security dependency. Each method gets the credential of one scheme as the client sent
/// it, and the scopes the operation asks of it; it answers who is calling, or the error to
/// answer with (a 401 gets the scheme's `WWW-Authenticate` challenge when it has none).
{% if !strict -%}
///
/// A method left unwritten accepts nobody.
{% endif -%}
pub trait Security: Send + Sync + 'static {
    /// Who made a request, as the methods below establish it; the handlers of secured
    /// operations receive it.
    type Principal: Send + 'static;
{% for scheme in schemes %}
{% for line in scheme.doc -%}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
{% if strict -%}
    fn {{ scheme.method }}(&self, {{ scheme.argument }}: {{ scheme.argument_type }}, scopes: &'static [&'static str]) -> impl Future<Output = Result<Self::Principal, ApiError>> + Send;
{% else -%}
    fn {{ scheme.method }}(&self, _{{ scheme.argument }}: {{ scheme.argument_type }}, _scopes: &'static [&'static str]) -> impl Future<Output = Result<Self::Principal, ApiError>> + Send {
        async { Err(invalid_credentials()) }
    }
{% endif -%}
{% endfor -%}
}

/// The security schemes operations require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
{% for scheme in schemes -%}
    /// `{{ scheme.key }}`
    {{ scheme.variant }},
{% endfor -%}
}

/// Where a client sends each scheme's credential: `client.with_api_key(Scheme::..., key)`.
impl From<Scheme> for crate::client::CredentialPlace {
    fn from(scheme: Scheme) -> Self {
        match scheme {
{% for scheme in schemes -%}
            Scheme::{{ scheme.variant }} => crate::client::{{ scheme.place }},
{% endfor -%}
        }
    }
}

/// The schemes that must all be presented together, each with the scopes asked of it.
pub type Requirement = &'static [(Scheme, &'static [&'static str])];

/// What an operation accepts: any one of its requirements, or no credential at all when
/// `anonymous`.
#[derive(Debug)]
pub struct Policy {
    pub alternatives: &'static [Requirement],
    pub anonymous: bool,
}

{% if checks_credentials -%}
/// A credential as found in the request.
enum Credential {
{% if reads_text -%}
    Text(String),
{% endif -%}
{% if has_basic -%}
    Basic(BasicCredentials),
    /// Present, but not in a form its scheme allows.
    Malformed,
{% endif -%}
}

impl Scheme {
    /// The credential of this scheme, if the request carries one.
    fn credential(self, parts: &Parts) -> Option<Credential> {
        match self {
{% for scheme in schemes -%}
            Self::{{ scheme.variant }} => {{ scheme.locator }}(parts{% if let Some(argument) = scheme.locator_argument %}, {{ argument }}{% endif %}),
{% endfor -%}
        }
    }

    /// The `WWW-Authenticate` challenge of this scheme.
    fn challenge(self) -> &'static str {
        match self {
{% for scheme in schemes -%}
            Self::{{ scheme.variant }} => {{ scheme.challenge }},
{% endfor -%}
        }
    }

    async fn verify<A: Security>(self, api: &A, credential: Credential, scopes: &'static [&'static str]) -> Result<A::Principal, ApiError> {
        match (self, credential) {
{% for scheme in schemes -%}
            (Self::{{ scheme.variant }}, Credential::{% if scheme.basic %}Basic{% else %}Text{% endif %}({{ scheme.argument }})) => api.{{ scheme.method }}({{ scheme.argument }}, scopes).await,
{% endfor -%}
{% if has_basic -%}
            // FastAPI's `HTTPBasic` answers credentials it cannot decode as it answers none.
            _ => Err(ApiError::new(StatusCode::UNAUTHORIZED, "Not authenticated")),
{% endif -%}
        }
    }
}

/// Checks a request against `policy`. The principal of the first requirement whose
/// credentials are all present and accepted wins (for several schemes, the first
/// scheme's); a rejected credential is answered with its error even where an anonymous
/// request would pass, so a bad credential never silently counts as none.
pub async fn authenticate<A: Security>(api: &A, parts: &Parts, policy: &Policy) -> Result<Option<A::Principal>, ApiError> {
    let mut rejection: Option<ApiError> = None;
    'alternatives: for requirement in policy.alternatives {
        let mut presented = Vec::with_capacity(requirement.len());
        for (scheme, scopes) in requirement.iter() {
            match scheme.credential(parts) {
                Some(credential) => presented.push((*scheme, credential, *scopes)),
                None => continue 'alternatives,
            }
        }
        let mut principal = None;
        for (scheme, credential, scopes) in presented {
            match scheme.verify(api, credential, scopes).await {
                Ok(verified) => {
                    principal.get_or_insert(verified);
                }
                Err(error) => {
                    rejection.get_or_insert(with_challenge(error, scheme));
                    continue 'alternatives;
                }
            }
        }
        if principal.is_some() {
            return Ok(principal);
        }
    }
    match rejection {
        Some(error) => Err(error),
        None if policy.anonymous => Ok(None),
        None => Err(not_authenticated(policy)),
    }
}

/// [`authenticate`] for an operation that admits no anonymous request.
pub async fn require<A: Security>(api: &A, parts: &Parts, policy: &Policy) -> Result<A::Principal, ApiError> {
    authenticate(api, parts, policy).await?.ok_or_else(|| not_authenticated(policy))
}

/// The answer to a request without the credentials an operation needs, as FastAPI gives
/// it: 401 with one challenge per scheme the operation accepts.
fn not_authenticated(policy: &Policy) -> ApiError {
    let mut challenges: Vec<&'static str> = Vec::new();
    for (scheme, _) in policy.alternatives.iter().flat_map(|requirement| requirement.iter()) {
        if !challenges.contains(&scheme.challenge()) {
            challenges.push(scheme.challenge());
        }
    }
    challenges.into_iter().fold(ApiError::new(StatusCode::UNAUTHORIZED, "Not authenticated"), |error, challenge| {
        error.with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge))
    })
}

{% if !strict -%}
/// The answer to a credential its scheme cannot accept.
fn invalid_credentials() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "Invalid authentication credentials")
}
{% endif %}

/// A 401 must say how to authenticate (RFC 9110, 15.5.2).
fn with_challenge(error: ApiError, scheme: Scheme) -> ApiError {
    let challenged = error.headers.iter().any(|(name, _)| name == header::WWW_AUTHENTICATE);
    if error.status == StatusCode::UNAUTHORIZED && !challenged {
        error.with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static(scheme.challenge()))
    } else {
        error
    }
}
{% else -%}
/// Checks a request against `policy`. The spec names no scheme specforge can check, so
/// only an operation that admits anonymous requests lets one through.
pub async fn authenticate<A: Security>(_api: &A, _parts: &Parts, policy: &Policy) -> Result<Option<A::Principal>, ApiError> {
    if policy.anonymous { Ok(None) } else { Err(not_authenticated()) }
}

/// [`authenticate`] for an operation that admits no anonymous request.
pub async fn require<A: Security>(api: &A, parts: &Parts, policy: &Policy) -> Result<A::Principal, ApiError> {
    authenticate(api, parts, policy).await?.ok_or_else(not_authenticated)
}

/// The answer to a request without the credentials an operation needs.
fn not_authenticated() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "Not authenticated")
}
{% endif -%}

{% if uses_authorization %}

/// `Authorization: <scheme> <credentials>` split as FastAPI splits it: the scheme, and
/// the rest trimmed.
fn scheme_and_credentials(parts: &Parts) -> Option<(String, String)> {
    let text = latin1(parts.headers.get(header::AUTHORIZATION)?);
    let (scheme, credentials) = text.split_once(' ').unwrap_or((&text, ""));
    Some((scheme.to_owned(), credentials.trim().to_owned()))
}
{% endif -%}
{% if uses_token_authorization %}

/// The credentials of `Authorization: <scheme> <credentials>`; the scheme's name is
/// case-insensitive. A scheme without credentials is no credential, as with FastAPI's
/// `HTTPBearer`.
fn authorization(parts: &Parts, scheme: &str) -> Option<Credential> {
    let (name, credentials) = scheme_and_credentials(parts)?;
    (name.eq_ignore_ascii_case(scheme) && !credentials.is_empty()).then_some(Credential::Text(credentials))
}
{% endif -%}
{% if uses_oauth2 %}

/// The token of `Authorization: Bearer <token>`, empty or not, as FastAPI's OAuth 2
/// classes read it.
fn oauth2_token(parts: &Parts) -> Option<Credential> {
    let (name, token) = scheme_and_credentials(parts)?;
    name.eq_ignore_ascii_case("Bearer").then_some(Credential::Text(token))
}
{% endif -%}
{% if has_basic %}

/// The user name and password of `Authorization: Basic <base64 of user:password>`, ASCII
/// as FastAPI's `HTTPBasic` reads it.
fn basic(parts: &Parts) -> Option<Credential> {
    use base64::Engine;

    let (name, encoded) = scheme_and_credentials(parts)?;
    if !name.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).ok().and_then(|bytes| String::from_utf8(bytes).ok()).filter(|text| text.is_ascii());
    match decoded.as_deref().and_then(|text| text.split_once(':')) {
        Some((username, password)) => Some(Credential::Basic(BasicCredentials { username: username.to_owned(), password: password.to_owned() })),
        None => Some(Credential::Malformed),
    }
}
{% endif -%}
{% if uses_header_key %}

/// An API key sent in header `name`.
fn header_key(parts: &Parts, name: &str) -> Option<Credential> {
    present_key(latin1(parts.headers.get(name)?))
}
{% endif -%}
{% if uses_query_key %}

/// An API key sent as query parameter `name` (the last one, as Starlette reads it).
fn query_key(parts: &Parts, name: &str) -> Option<Credential> {
    present_key(query_pairs_of(&parts.uri).into_iter().rev().find(|(key, _)| key == name)?.1)
}
{% endif -%}
{% if uses_cookie_key %}

/// An API key sent as cookie `name`.
fn cookie_key(parts: &Parts, name: &str) -> Option<Credential> {
    present_key(cookie_pairs(parts).into_iter().rev().find(|(key, _)| key == name)?.1)
}
{% endif -%}
{% if uses_header_key || uses_query_key || uses_cookie_key %}

/// An API key as FastAPI's `APIKey*` classes take it: an empty one is none.
fn present_key(key: String) -> Option<Credential> {
    (!key.is_empty()).then_some(Credential::Text(key))
}
{% endif -%}
