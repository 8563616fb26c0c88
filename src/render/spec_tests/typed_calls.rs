//! `api/tests/client.rs`: every operation called through the typed client, in-process,
//! against handlers answering the spec's examples: what a handler answers must come back
//! from the call as the same response, read from the status and body.

use askama::Template;

use super::credentials::testable_requirement;
use super::requests::{valid_parameter_values, valid_uri};
use super::{Accepted, TestCheck, test_check};
use crate::ir::{self, Api, BodyKind, HttpMethod, Operation, SchemeKind};
use crate::render::calls::{CallArgument, CallView, Lend};
use crate::render::operations::{OperationView, Signature};
use crate::render::rust::{raw_string, string_literal};
use crate::render::security::{
    GOOD_CREDENTIAL, GOOD_PASSWORD, GOOD_USERNAME, method_name, scheme_view,
};
use crate::render::stubs::{StubAnswer, stub_answer};
use crate::render::types::RustType;
use crate::render::{GENERATED_HEADER, add, in_parts};
use crate::workspace::{Files, Owner, Settings};

#[derive(Template)]
#[template(path = "api/tests/client.rs", escape = "none")]
struct ClientTests<'a> {
    header: &'static str,
    lib: &'a str,
    traits: Vec<ExampleImpl<'a>>,
    checks: Option<Vec<TestCheck>>,
    /// The calls, in parts short enough for a function: a test each.
    parts: Vec<Vec<CallCase>>,
    /// Some call takes a value read from JSON.
    reads_values: bool,
}

/// One handler trait, every method answering as the user's stub does.
struct ExampleImpl<'a> {
    trait_name: &'a str,
    methods: Vec<(&'a Signature, Option<StubAnswer>)>,
}

/// One operation called both ways: its handler directly, and the typed call.
pub struct CallCase {
    pub trait_name: String,
    pub handler: String,
    pub call: String,
    /// The call's name as a literal, for failure messages.
    pub call_literal: String,
    /// The call's response enum, by its name in the api crate.
    pub response_enum: String,
    /// The client's credentials for the call, as `with_...` steps.
    pub credentials: Vec<String>,
    /// What the handler gets for who is calling, when it is secured.
    pub principal: Option<&'static str>,
    /// The `Security` method that checks the first credential presented.
    pub first_check: Option<String>,
    pub values: Vec<CaseValue>,
}

/// An argument's value, bound before the calls.
pub struct CaseValue {
    pub name: String,
    pub ty: String,
    /// The value as JSON, a literal; `None` for raw bytes (empty).
    pub json: Option<String>,
    /// The value as the typed call takes it: `&name`, `name.as_deref()`...
    pub lent: String,
    /// The value as the handler takes it, a copy where the call still needs it.
    pub handed: String,
}

pub fn render(
    api: &Api,
    views: &[OperationView],
    calls: &[CallView],
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    let lib = settings.api_lib();
    let cases: Vec<CallCase> = api
        .operations
        .iter()
        .zip(views)
        .zip(calls)
        .filter_map(|((operation, view), call)| call_case(api, &lib, operation, view, call))
        .collect();
    // No call a test can make: no file, rather than one of unused helpers.
    if cases.is_empty() {
        return Ok(());
    }
    let tests = ClientTests {
        header: GENERATED_HEADER,
        lib: &lib,
        traits: api
            .tags
            .iter()
            .enumerate()
            .map(|(index, tag)| ExampleImpl {
                trait_name: &tag.trait_name,
                methods: api
                    .operations
                    .iter()
                    .zip(views)
                    .filter(|(operation, _)| operation.tag == index)
                    .map(|(operation, view)| (&view.signature, stub_answer(api, &lib, operation)))
                    .collect(),
            })
            .collect(),
        checks: api.uses_security().then(|| {
            api.security_schemes
                .iter()
                .map(|scheme| test_check(scheme, &lib))
                .collect()
        }),
        reads_values: cases
            .iter()
            .flat_map(|case| &case.values)
            .any(|value| value.json.is_some()),
        parts: in_parts(cases),
    };
    add(
        files,
        "api/tests/client.rs",
        tests.render()?,
        Owner::Generator,
    );
    Ok(())
}

/// The case of an operation a valid request can be written for; an answer to `HEAD`
/// has no body to read a response from.
pub fn call_case(
    api: &Api,
    lib: &str,
    operation: &Operation,
    view: &OperationView,
    call: &CallView,
) -> Option<CallCase> {
    if operation.method == HttpMethod::Head {
        return None;
    }
    let mut examples = valid_parameter_values(api, operation)?;
    let requirement = (operation.security.as_ref())
        .and_then(|policy| testable_requirement(api, policy))
        .unwrap_or_default();
    let (credentials, principal) = match &operation.security {
        None => (Vec::new(), None),
        Some(policy) => {
            let credentials = requirement
                .iter()
                .map(|scheme_use| credential_step(api, lib, scheme_use.scheme))
                .collect();
            (
                credentials,
                Some(if policy.anonymous { "Some(())" } else { "()" }),
            )
        }
    };
    if let Some(body) = &operation.body {
        let example = match body.kind {
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart => {
                ir::example_for(api, &body.schema, body.example.as_ref())
            }
            BodyKind::Text => Some(serde_json::Value::String("text".to_owned())),
            BodyKind::Bytes => None,
        };
        if example.is_none() && body.required && body.kind != BodyKind::Bytes {
            return None;
        }
        examples.push(example);
    }
    let values = call
        .arguments
        .iter()
        .zip(examples)
        .map(|(argument, example)| case_value(lib, argument, example))
        .collect();
    Some(CallCase {
        trait_name: format!("{lib}::{}", api.tags[operation.tag].trait_name),
        handler: view.signature.name.clone(),
        call: call.name.clone(),
        call_literal: string_literal(&call.name),
        response_enum: call.response_enum.clone(),
        credentials,
        principal,
        first_check: requirement
            .first()
            .map(|scheme_use| method_name(&api.security_schemes[scheme_use.scheme])),
        values,
    })
}

fn case_value(lib: &str, argument: &CallArgument, example: Option<serde_json::Value>) -> CaseValue {
    let (name, ty, lend) = (argument.name.as_str(), &argument.owned, argument.lend);
    let json = match ty {
        RustType::Bytes => None,
        _ => Some(raw_string(
            &example.unwrap_or(serde_json::Value::Null).to_string(),
        )),
    };
    let cloned = lend != Lend::Copy || *ty == RustType::Bytes;
    CaseValue {
        ty: ty.in_library(lib).to_string(),
        json,
        lent: lend.lent(name),
        handed: if cloned {
            format!("{name}.clone()")
        } else {
            name.to_owned()
        },
        name: name.to_owned(),
    }
}

/// The client step presenting the good credential of a scheme.
fn credential_step(api: &Api, lib: &str, scheme: usize) -> String {
    let scheme = &api.security_schemes[scheme];
    match scheme.kind {
        SchemeKind::Bearer | SchemeKind::OAuth2 => {
            format!("with_bearer({})", string_literal(GOOD_CREDENTIAL))
        }
        SchemeKind::Basic => format!(
            "with_basic({}, {})",
            string_literal(GOOD_USERNAME),
            string_literal(GOOD_PASSWORD)
        ),
        SchemeKind::OtherHttp { .. } | SchemeKind::ApiKey { .. } => format!(
            "with_api_key({lib}::security::Scheme::{}, {})",
            scheme_view(scheme).variant,
            string_literal(GOOD_CREDENTIAL)
        ),
    }
}

/// A valid request of `operation` as a raw request writes it: its URI, and its body when
/// that is JSON, as JSON text.
pub fn example_request(api: &Api, operation: &Operation) -> Option<(String, Option<String>)> {
    let uri = valid_uri(api, operation)?;
    let body = match &operation.body {
        Some(body) if body.kind == BodyKind::Json => {
            Some(ir::example_for(api, &body.schema, body.example.as_ref())?.to_string())
        }
        _ => None,
    };
    Some((uri, body))
}
