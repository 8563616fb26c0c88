{{ header }}
//! Tests derived from the spec: an example of every type a request carries fits its
//! schema and its model, every constraint rejects a value that breaks it with the right
//! error, and every route validates its request before the handler — which, left
//! unwritten, answers 501.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
{% if !example_parts.is_empty() -%}
use serde::Serialize;
use serde::de::DeserializeOwned;
{% endif -%}
use serde_json::Value;
use tower::ServiceExt;
{% if !example_parts.is_empty() -%}
use {{ lib }}::constraints;
use {{ lib }}::validation::{Issues, Shape, validate};
{% endif %}

/// Every handler trait, with every method answering 501: a request that passes
/// validation is answered 501, one that does not is answered 422.
struct Unimplemented;
{% for implementation in traits -%}
impl {{ lib }}::{{ implementation.trait_name }} for Unimplemented {
{% for method in implementation.methods -%}
    async fn {{ method.name }}(&self{% for argument in method.arguments %}, _{{ argument.name }}: {{ argument.ty.in_library(lib) }}{% endfor %}) -> Result<{{ lib }}::{{ method.response_enum }}, {{ lib }}::ApiError> { Err({{ lib }}::ApiError::not_implemented()) }
{% endfor -%}
}
{% endfor %}
{% if let Some(checks) = checks -%}
/// Accepts exactly the credentials the test requests call good.
{% let stand_in = "Unimplemented" -%}
{% include "api/tests/security_checks.rs" %}
{% endif %}

{% if !example_parts.is_empty() -%}
fn issues(shape: &Shape, value: Value) -> (Value, Vec<(String, Value)>) {
    let mut issues = Issues::new();
    let converted = validate(shape, value, &mut issues);
    let found = issues.into_vec().into_iter().map(|issue| (issue.kind.to_owned(), Value::Array(issue.loc))).collect();
    (converted, found)
}

/// The example fits its schema, reads into its model, and the model writes it back in a
/// form that still fits.
fn assert_fits<T: DeserializeOwned + Serialize>(shape: &Shape, json: &str) {
    let value: Value = serde_json::from_str(json).expect("the example is JSON");
    let (converted, found) = issues(shape, value);
    assert!(found.is_empty(), "{json} should fit its schema, but: {found:?}");
    let model: T = serde_json::from_value(converted).unwrap_or_else(|error| panic!("{json} should read into its model: {error}"));
    let written = serde_json::to_value(&model).expect("the model writes JSON");
    let (_, found) = issues(shape, written.clone());
    assert!(found.is_empty(), "{written} (written back) should fit its schema, but: {found:?}");
}

/// An example of every schema a request carries: the spec's own where it fits, else one
/// built from it.
mod examples {
{% for part in example_parts -%}
{% for case in part -%}
    pub const {{ case.name }}: &str = {{ case.json }};
{% endfor -%}
{% endfor -%}
}
{% for part in example_parts %}
#[test]
fn examples_fit_their_schemas_and_models{% if !loop.first %}_{{ loop.index }}{% endif %}() {
{% for case in part -%}
    assert_fits::<{{ case.model }}>({{ case.shape }}, {{ case.constant }});
{% endfor -%}
}
{% endfor %}

{% endif -%}
{% if !violations.is_empty() -%}
/// Each line of `cases` puts a `value` into one `field` of the example `base` (or, without
/// a value, removes the field); `shape` must reject the result with the error `type` at
/// `loc`.
fn assert_rejects(shape: &Shape, base: &str, cases: &str) {
    for line in cases.lines().filter(|line| !line.is_empty()) {
        let case: Value = serde_json::from_str(line).expect("a case is JSON");
        let mut value: Value = serde_json::from_str(base).expect("the example is JSON");
        let object = value.as_object_mut().expect("the example is an object");
        let field = case["field"].as_str().expect("a case names its field");
        match case.get("value") {
            Some(replacement) => {
                object.insert(field.to_owned(), replacement.clone());
            }
            None => {
                object.remove(field);
            }
        }
        let (_, found) = issues(shape, value.clone());
        assert!(
            found.iter().any(|(kind, loc)| case["type"] == kind.as_str() && case["loc"] == *loc),
            "{value} should be rejected with {} at {}, but got {found:?}",
            case["type"],
            case["loc"]
        );
    }
}

#[test]
fn constraints_reject_values_that_break_them() {
{% for group in violations -%}
    assert_rejects({{ group.shape }}, {{ group.base }}, {{ group.cases }});
{% endfor -%}
}

{% endif -%}
/// One request per line: `method`, `uri`, `headers` and `body`; the `status` it must be
/// answered with; for a 422, an `issue` the answer must list (its `type` and `loc`); and
/// whether the answer must be `challenged` (carry `WWW-Authenticate`).
const ROUTE_CASES: &str = {{ routes }};

#[tokio::test]
async fn routes_validate_requests_before_handlers() {
    let app = {{ lib }}::router(Arc::new(Unimplemented));
    for line in ROUTE_CASES.lines().filter(|line| !line.is_empty()) {
        let case: Value = serde_json::from_str(line).expect("a case is JSON");
        let method = case["method"].as_str().expect("a case has a method");
        let uri = case["uri"].as_str().expect("a case has a URI");
        let mut request = Request::builder().method(method).uri(uri);
        for header in case["headers"].as_array().into_iter().flatten() {
            request = request.header(header[0].as_str().expect("a header name"), header[1].as_str().expect("a header value"));
        }
        let body = case["body"].as_str().map_or_else(Body::empty, |body| Body::from(body.to_owned()));
        let response = app.clone().oneshot(request.body(body).expect("a valid request")).await.expect("the router answers");
        let status = response.status().as_u16();
        let challenged = response.headers().contains_key("www-authenticate");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a readable body");
        // An answer to HEAD has no body.
        let answer: Value = if method == "HEAD" { Value::Null } else { serde_json::from_slice(&bytes).expect("every answer is JSON") };
        assert_eq!(case["status"], status, "{method} {uri}: {answer}");
        assert!(challenged || case["challenged"] != true, "{method} {uri}: a 401 without WWW-Authenticate");
        if let Some(issue) = case.get("issue").filter(|_| method != "HEAD") {
            let errors = answer["detail"].as_array().expect("a 422 lists its errors");
            assert!(
                errors.iter().any(|error| error["type"] == issue["type"] && error["loc"] == issue["loc"]),
                "{method} {uri}: expected {issue} in {answer}"
            );
        }
    }
}

/// The middleware of [`{{ lib }}::service`]: a request id echoed or made, the process
/// time, CORS for the configured origin only, and 413 for an announced oversize body.
#[tokio::test]
async fn middleware_follows_the_settings() {
    let settings = {{ lib }}::Settings {
        host: "127.0.0.1".to_owned(),
        port: 0,
        body_limit: 16,
        request_timeout: std::time::Duration::from_secs(30),
        shutdown_grace: std::time::Duration::from_secs(1),
        header_timeout: std::time::Duration::from_secs(5),
        max_connections: None,
        cors: Some({{ lib }}::server::CorsSettings {
            origins: Some(vec![axum::http::HeaderValue::from_static("https://allowed.example")]),
            allow_credentials: true,
        }),
    };
    let app = {{ lib }}::service(Arc::new(Unimplemented), &settings);
    let send = |request: Request<Body>| app.clone().oneshot(request);

    let response = send(Request::get({{ unrouted_path }}).header("x-request-id", "given-id").body(Body::empty()).expect("a request")).await.expect("an answer");
    assert_eq!(response.headers()["x-request-id"], "given-id");
    assert!(response.headers().contains_key("x-process-time"));
    let response = send(Request::get({{ unrouted_path }}).body(Body::empty()).expect("a request")).await.expect("an answer");
    assert_eq!(response.headers()["x-request-id"].len(), 36, "a request without an id gets a UUID");

    let preflight = |origin: &'static str| Request::options({{ unrouted_path }}).header("origin", origin).header("access-control-request-method", "POST").body(Body::empty()).expect("a request");
    let allowed = send(preflight("https://allowed.example")).await.expect("an answer");
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://allowed.example");
    assert_eq!(allowed.headers()["access-control-allow-credentials"], "true");
    let denied = send(preflight("https://other.example")).await.expect("an answer");
    assert!(!denied.headers().contains_key("access-control-allow-origin"));

    let response = send(Request::post({{ unrouted_path }}).header("content-length", "17").body(Body::from("x".repeat(17))).expect("a request")).await.expect("an answer");
    assert_eq!(response.status().as_u16(), 413);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a readable body");
    let answer: Value = serde_json::from_slice(&bytes).expect("the answer is JSON");
    assert_eq!(answer["detail"], "Request Entity Too Large");
}
