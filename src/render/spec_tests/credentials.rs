//! Credentials in the generated tests: which a request presents, and the cases that show
//! a secured operation refusing a missing or wrong one.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::requests::{Presented, RouteCase, ValidRequest};
use crate::ir::{Api, Operation, ParameterLocation, SchemeKind, SchemeUse, SecurityPolicy};
use crate::render::security::{GOOD_CREDENTIAL, GOOD_PASSWORD, GOOD_USERNAME, WRONG_CREDENTIAL};

/// The requirement whose credentials the tests present: the first that one request can
/// carry (two schemes cannot share the `Authorization` header).
pub(super) fn testable_requirement<'a>(
    api: &Api,
    policy: &'a SecurityPolicy,
) -> Option<&'a [SchemeUse]> {
    policy
        .alternatives
        .iter()
        .find(|requirement| {
            requirement
                .iter()
                .filter(|scheme_use| {
                    !matches!(
                        api.security_schemes[scheme_use.scheme].kind,
                        SchemeKind::ApiKey { .. }
                    )
                })
                .count()
                <= 1
        })
        .map(Vec::as_slice)
}

/// Adds a scheme's credential, the good one or a wrong one, to a request.
pub(super) fn present(
    kind: &SchemeKind,
    good: bool,
    query: &mut Vec<(String, String)>,
    headers: &mut Vec<(String, String)>,
) {
    let credential = if good {
        GOOD_CREDENTIAL
    } else {
        WRONG_CREDENTIAL
    };
    match kind {
        SchemeKind::Bearer | SchemeKind::OAuth2 => {
            headers.push(("authorization".to_owned(), format!("Bearer {credential}")))
        }
        SchemeKind::OtherHttp { scheme } => {
            headers.push(("authorization".to_owned(), format!("{scheme} {credential}")))
        }
        SchemeKind::Basic => {
            let password = if good {
                GOOD_PASSWORD
            } else {
                WRONG_CREDENTIAL
            };
            let encoded = BASE64.encode(format!("{GOOD_USERNAME}:{password}"));
            headers.push(("authorization".to_owned(), format!("Basic {encoded}")));
        }
        SchemeKind::ApiKey { location, name } => match location {
            ParameterLocation::Query => query.push((name.clone(), credential.to_owned())),
            ParameterLocation::Cookie => {
                headers.push(("cookie".to_owned(), format!("{name}={credential}")))
            }
            ParameterLocation::Header | ParameterLocation::Path => {
                headers.push((name.clone(), credential.to_owned()))
            }
        },
    }
}

/// A secured operation refuses a request without credentials (unless it admits anonymous
/// ones) and one with wrong credentials, with 401 and a challenge, before validation.
pub(super) fn security_cases(api: &Api, operation: &Operation) -> Vec<RouteCase> {
    let Some(policy) = &operation.security else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    if let Some(request) = ValidRequest::presenting(api, operation, Presented::Nothing) {
        let mut case = request.case(operation, if policy.anonymous { 501 } else { 401 }, None);
        case.challenged = !policy.anonymous && !policy.alternatives.is_empty();
        cases.push(case);
    }
    if testable_requirement(api, policy).is_some()
        && let Some(request) = ValidRequest::presenting(api, operation, Presented::Wrong)
    {
        let mut case = request.case(operation, 401, None);
        case.challenged = true;
        cases.push(case);
    }
    cases
}
