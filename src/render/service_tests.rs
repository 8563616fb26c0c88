//! `service/tests/api.rs`, the user's first tests: one per tag, calling an operation of
//! it through the typed client against the service as generated (its stubs and its
//! credential checks), with the guide's raw-request pattern shown beside. Written by the
//! project's first generation only ([`Owner::Starter`]).

use askama::Template;

use super::add;
use super::calls::CallView;
use super::operations::OperationView;
use super::rust::string_literal;
use super::spec_tests::typed_calls::{CallCase, call_case, example_request};
use super::stubs::stub_answer;
use crate::ir::{Api, HttpMethod, Operation};
use crate::workspace::{Database, Files, Owner, Settings};

#[derive(Template)]
#[template(path = "service/tests/api.rs", escape = "none")]
struct ApiTestsFile<'a> {
    lib: String,
    service_lib: String,
    database: Option<Database>,
    tests: Vec<TagTest<'a>>,
    /// Names the test imports from the api crate.
    imports: Vec<String>,
    /// Some test expects an error status.
    uses_status: bool,
    /// The first test's call as a raw request, for the file's comment.
    raw: Option<RawExample>,
}

/// A request written as FastAPI's `TestClient` writes it.
struct RawExample {
    /// The client's method: `get`, `post`...
    method: String,
    uri: String,
    /// A JSON body, as JSON text.
    body: Option<String>,
    status: u16,
}

/// The test of one tag.
struct TagTest<'a> {
    name: String,
    tag: &'a str,
    operation: &'a Operation,
    case: CallCase,
    expected: Expected,
    /// The status the service answers the call with.
    status: u16,
}

/// What the service as generated answers the call with.
enum Expected {
    /// The stub's answer: a variant, as a pattern.
    Answer(String),
    /// An error status the response enum does not declare, with why.
    Refused {
        status: &'static str,
        reason: String,
    },
}

pub fn render(
    api: &Api,
    views: &[OperationView],
    calls: &[CallView],
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    let lib = settings.api_lib();
    let mut tests = Vec::new();
    for (index, tag) in api.tags.iter().enumerate() {
        let cases = api
            .operations
            .iter()
            .zip(views)
            .zip(calls)
            .filter(|((operation, _), _)| operation.tag == index)
            .filter_map(|((operation, view), call)| {
                Some((operation, call_case(api, &lib, operation, view, call)?))
            });
        let mut chosen = None;
        for (operation, case) in cases {
            let (expected, status) = expected(api, &lib, operation, &case);
            let answers = matches!(expected, Expected::Answer(_));
            if chosen.is_none() || answers {
                chosen = Some((operation, case, expected, status));
            }
            if answers {
                break;
            }
        }
        if let Some((operation, case, expected, status)) = chosen {
            tests.push(TagTest {
                name: format!("{}_{}", tag.module_name, operation.rust_name),
                tag: &tag.name,
                operation,
                case,
                expected,
                status,
            });
        }
    }
    let mut imports = vec!["TestClient".to_owned()];
    for test in &tests {
        if matches!(test.expected, Expected::Answer(_))
            && !imports.contains(&test.case.response_enum)
        {
            imports.push(test.case.response_enum.clone());
        }
    }
    let raw_examples: Vec<RawExample> = tests
        .iter()
        .filter_map(|test| raw_example(api, test))
        .collect();
    // The guide's own example sends a JSON body: one that does, if any.
    let raw = match raw_examples.iter().position(|raw| raw.body.is_some()) {
        Some(index) => raw_examples.into_iter().nth(index),
        None => raw_examples.into_iter().next(),
    };
    let file = ApiTestsFile {
        lib: lib.clone(),
        service_lib: settings.service_lib(),
        database: settings.database,
        uses_status: tests
            .iter()
            .any(|test| matches!(test.expected, Expected::Refused { .. })),
        imports,
        tests,
        raw,
    };
    add(
        files,
        "service/tests/api.rs",
        file.render()?,
        Owner::Starter,
    );
    Ok(())
}

/// The answer of the generated stubs: the example, unless the credential checks (which
/// refuse everyone until written) or a missing example stop the call first.
fn expected(api: &Api, lib: &str, operation: &Operation, case: &CallCase) -> (Expected, u16) {
    if let Some(policy) = &operation.security
        && !policy.anonymous
    {
        let reason = match &case.first_check {
            Some(check) => {
                format!("401 until `{check}` in src/handlers/security.rs accepts the credential")
            }
            None => "401: no credential can be presented for it in one request".to_owned(),
        };
        let refused = Expected::Refused {
            status: "UNAUTHORIZED",
            reason,
        };
        return (refused, 401);
    }
    match stub_answer(api, lib, operation) {
        Some(answer) => {
            let fields = if answer.holds_fields() { "(..)" } else { "" };
            let pattern = format!("{}{fields}", answer.variant);
            (Expected::Answer(pattern), answer.status.unwrap_or(200))
        }
        None => {
            let refused = Expected::Refused {
                status: "NOT_IMPLEMENTED",
                reason: "501 until its handler in src/handlers/ answers".to_owned(),
            };
            (refused, 501)
        }
    }
}

/// The client method a raw request of `method` is written with.
fn raw_method(method: HttpMethod) -> Option<&'static str> {
    match method {
        HttpMethod::Get => Some("get"),
        HttpMethod::Post => Some("post"),
        HttpMethod::Put => Some("put"),
        HttpMethod::Patch => Some("patch"),
        HttpMethod::Delete => Some("delete"),
        _ => None,
    }
}

/// A test's call as a raw request, where one can be written.
fn raw_example(api: &Api, test: &TagTest) -> Option<RawExample> {
    let operation = test.operation;
    let (uri, body) = example_request(api, operation)?;
    Some(RawExample {
        method: raw_method(operation.method)?.to_owned(),
        uri: string_literal(&uri),
        body,
        status: test.status,
    })
}
