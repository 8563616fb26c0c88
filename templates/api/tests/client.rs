{{ header }}
//! Every operation called through the typed client, in-process, against handlers that
//! answer the spec's examples as a new service's stubs do: what a handler answers must
//! come back from its typed call as the same response, read from the status and body.

// The handler gets a copy of each value the call borrows, models that are `Copy` included.
#![allow(clippy::clone_on_copy)]

use std::sync::Arc;

{% if reads_values -%}
use serde::de::DeserializeOwned;
{% endif -%}
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use {{ lib }}::{ApiError, Bytes, ClientError, ClientResponse, StatusCode, TestClient};

/// Every handler answering the example of its success response (501 where none can be
/// built).
struct Examples;

/// Writes its items as they are: a large spec's stand-in handlers need no formatting.
macro_rules! as_written {
    ($($item:item)*) => {
        $($item)*
    };
}
{% for implementation in traits %}

as_written! {
    impl {{ lib }}::{{ implementation.trait_name }} for Examples {
{%- for (method, answer) in implementation.methods %}
{%- if method.many_arguments %}
        #[allow(clippy::too_many_arguments)]
{%- endif %}
        async fn {{ method.name }}(&self{% for argument in method.arguments %}, _{{ argument.name }}: {{ argument.ty.in_library(lib) }}{% endfor %}) -> Result<{{ lib }}::{{ method.response_enum }}, ApiError> {
{%- if let Some(answer) = answer %}
            Ok({{ lib }}::{{ answer.variant }}{{ answer.fields(lib) }})
{%- else %}
            Err(ApiError::not_implemented())
{%- endif %}
        }
{%- endfor %}
    }
}
{%- endfor %}

{% if let Some(checks) = checks -%}
/// Accepts exactly the credentials the calls present.
{% let stand_in = "Examples" -%}
{% include "api/tests/security_checks.rs" %}
{% endif %}

{% if reads_values -%}
/// `json` read into `T`, through a `Value` as the service reads JSON: each model's
/// `Deserialize` is compiled for one deserializer, not two.
fn value<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).and_then(serde_json::from_value).unwrap_or_else(|error| panic!("{json} should read as its type: {error}"))
}

{% endif -%}
/// The call read back what the handler answered: a response that answers the same
/// (status, headers, and body, compared as JSON where it is JSON: an untagged union's
/// value may read back as an earlier member that writes the same JSON), or an error with
/// the handler's error status.
async fn assert_same<R: {{ lib }}::client::Answer + IntoResponse + std::fmt::Debug>(call: &str, handled: Result<R, ApiError>, called: Result<R, ClientError>) {
    match (handled, called) {
        (Ok(handled), Ok(called)) => assert_eq!(answered(handled).await, answered(called).await, "{call}"),
        (Ok(handled), Err(error)) => panic!("{call}: the handler answered {handled:?}, the call gave {error:?}"),
        (Err(error), called) => assert_eq!(Some(error.status), {{ lib }}::client::status(&called), "{call}: {called:?}"),
    }
}

/// A response's status, headers and body: JSON where it reads as JSON, else its bytes.
async fn answered(response: impl IntoResponse) -> (StatusCode, HeaderMap, Result<serde_json::Value, Bytes>) {
    let read = ClientResponse::of(response.into_response()).await.expect("an answer made in-process reads whole");
    let bytes = read.bytes();
    let body = serde_json::from_slice(&bytes).map_err(|_| bytes);
    (read.status(), read.headers().clone(), body)
}

/// A test calling operations both ways with the client it names: written as a macro, so
/// that a large spec's thousands of calls need no formatting. Each case runs boxed, so
/// that the test's future holds one case at a time, on a thread with a larger stack than
/// a test's: unoptimized, reading a large spec's deeply nested models takes more.
macro_rules! typed_calls_test {
    ($name:ident, $client:ident, $($case:block)*) => {
        #[test]
        fn $name() {
            let calls = std::thread::Builder::new().stack_size(CALLS_STACK).spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
                runtime.block_on(async {
                    let $client = TestClient::new(Arc::new(Examples));
                    $(Box::pin(async $case).await;)*
                });
            });
            if let Err(panic) = calls.expect("a thread for the calls").join() {
                std::panic::resume_unwind(panic);
            }
        }
    };
}

/// The stack of the thread the calls run on.
const CALLS_STACK: usize = 16 * 1024 * 1024;
{% for part in parts %}

typed_calls_test! {
    typed_calls_read_back_what_handlers_answer{% if !loop.first %}_{{ loop.index }}{% endif %}, client,
{%- for case in part %}
    {
{%- for value in case.values %}
{%- match value.json %}
{%- when Some(json) %}
        let {{ value.name }}: {{ value.ty }} = value({{ json }});
{%- when None %}
        let {{ value.name }} = {{ lib }}::Bytes::new();
{%- endmatch %}
{%- endfor %}
        let handled = {{ case.trait_name }}::{{ case.handler }}(&Examples{% if let Some(principal) = case.principal %}, {{ principal }}{% endif %}{% for value in case.values %}, {{ value.handed }}{% endfor %}).await;
        let called = client{% if !case.credentials.is_empty() %}.clone(){% for step in case.credentials %}.{{ step }}{% endfor %}{% endif %}.{{ case.call }}({% for value in case.values %}{{ value.lent }}{% if !loop.last %}, {% endif %}{% endfor %}).await;
        assert_same({{ case.call_literal }}, handled, called).await;
    }
{%- endfor %}
}
{%- endfor %}
