//! `api/tests/spec.rs`: tests derived from the spec and regenerated with it. The example
//! of every type a request carries fits its schema and its model; every constraint
//! rejects a value that breaks it, with the right error `type` and `loc`; every route
//! validates its parameters and body before the handler, and answers unknown paths and
//! methods in JSON. The cases are tables of JSON lines, a case a line.

mod credentials;
mod requests;
pub mod typed_calls;
mod values;
mod wire;

use askama::Template;
use serde_json::{Value, json};

use super::operations::{OperationView, Signature};
use super::rust::{raw_string, string_literal};
use super::security::{self, GOOD_CREDENTIAL, GOOD_PASSWORD, GOOD_USERNAME};
use super::types::RustType;
use super::{GENERATED_HEADER, add, in_parts};
use crate::ir::{self, Api, Schema, SchemeKind, SecurityScheme, Ty, TypeDef, TypeId, TypeKind};
use crate::workspace::{Files, Owner, Settings};
use requests::{RouteCase, route_cases, valid_uri};
use values::breaking_values;

/// Methods tried, in order, to find one a path does not serve.
const PROBE_METHODS: [&str; 5] = ["PATCH", "DELETE", "PUT", "POST", "GET"];

#[derive(Template)]
#[template(path = "api/tests/spec.rs", escape = "none")]
struct SpecTests<'a> {
    header: &'static str,
    lib: &'a str,
    traits: Vec<TestImpl<'a>>,
    /// The test service's credential checks, when the service checks credentials.
    checks: Option<Vec<TestCheck>>,
    /// The examples, in parts short enough for a function: a test each.
    example_parts: Vec<Vec<ExampleCase>>,
    violations: Vec<Rejections>,
    /// A literal of JSON lines, one per route case.
    routes: String,
    /// A path no operation's template matches, as a literal.
    unrouted_path: String,
}

/// An implementation of one handler trait for the tests: empty where the trait's methods
/// default to 501, every method spelled out (answering 501) in strict mode.
struct TestImpl<'a> {
    trait_name: &'a str,
    methods: Vec<&'a Signature>,
}

/// The test service's check of one scheme: the good credential passes, any other fails.
struct TestCheck {
    method: String,
    argument: &'static str,
    /// The credential's type, as the tests name it.
    argument_type: String,
    accepts: Accepted,
}

/// The credential a test check accepts.
enum Accepted {
    /// A user name and password, as literals.
    Basic { username: String, password: String },
    /// A token or key, as a literal.
    Text(String),
}

struct ExampleCase {
    model: String,
    shape: String,
    /// The constant's name in the test file's `examples` module, and its path.
    name: String,
    constant: String,
    json: String,
}

/// The values of one struct's fields that its shape must reject.
struct Rejections {
    shape: String,
    /// The example the values are put into, by its constant.
    base: String,
    /// A literal of JSON lines: `field`, `value` (none removes the field), and the error
    /// `type` and `loc`.
    cases: String,
}

pub fn render(
    api: &Api,
    views: &[OperationView],
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    let lib = settings.api_lib();
    let mut examples = Vec::new();
    let mut violations = Vec::new();
    let requested = ir::request_types(api);
    for (index, type_def) in api.types.iter().enumerate() {
        if !requested[index] {
            continue;
        }
        let Some(example) = example_case(api, &lib, TypeId(index), type_def) else {
            continue;
        };
        violations.extend(rejections(api, type_def, &example));
        examples.push(example);
    }
    let mut routes: Vec<RouteCase> = api
        .operations
        .iter()
        .flat_map(|operation| route_cases(api, operation))
        .collect();
    let unrouted = unrouted_path(api);
    routes.extend(unrouted_cases(api, &unrouted));
    let tests = SpecTests {
        header: GENERATED_HEADER,
        traits: api
            .tags
            .iter()
            .enumerate()
            .map(|(index, tag)| TestImpl {
                trait_name: &tag.trait_name,
                methods: api
                    .operations
                    .iter()
                    .zip(views)
                    .filter(|(operation, _)| settings.strict && operation.tag == index)
                    .map(|(_, view)| &view.signature)
                    .collect(),
            })
            .collect(),
        checks: api.uses_security().then(|| {
            api.security_schemes
                .iter()
                .map(|scheme| test_check(scheme, &lib))
                .collect()
        }),
        lib: &lib,
        example_parts: in_parts(examples),
        violations,
        routes: json_lines(routes.iter().map(RouteCase::line)),
        unrouted_path: string_literal(&unrouted),
    };
    add(
        files,
        "api/tests/spec.rs",
        tests.render()?,
        Owner::Generator,
    );
    Ok(())
}

/// The example of a type: its own where it fits, else one built from its schema.
fn example_case(api: &Api, lib: &str, id: TypeId, type_def: &TypeDef) -> Option<ExampleCase> {
    let example = ir::example_for(api, &Schema::of(Ty::Named(id)), type_def.example.as_ref())?;
    let name = type_def.shape_name.clone();
    Some(ExampleCase {
        model: RustType::named(api, id).in_library(lib).to_string(),
        shape: format!("&constraints::{name}"),
        constant: format!("examples::{name}"),
        name,
        json: raw_string(&example.to_string()),
    })
}

/// For each field of a struct a request carries: removing it if required, and each value
/// that breaks it, put into the type's example; one line of JSON per case.
fn rejections(api: &Api, type_def: &TypeDef, example: &ExampleCase) -> Option<Rejections> {
    let TypeKind::Struct(object) = &type_def.kind else {
        return None;
    };
    let mut lines = Vec::new();
    for field in &object.fields {
        let loc = json!([field.json_name]);
        if field.required {
            lines.push(json!({"field": field.json_name, "type": "missing", "loc": loc}));
        }
        for (value, kind) in breaking_values(api, &field.schema) {
            lines.push(json!({"field": field.json_name, "value": value, "type": kind, "loc": loc}));
        }
    }
    (!lines.is_empty()).then(|| Rejections {
        shape: example.shape.clone(),
        base: example.constant.clone(),
        cases: json_lines(lines.iter().map(Value::to_string)),
    })
}

/// Lines of JSON as one raw string literal, a line each, for a test to read.
fn json_lines(lines: impl Iterator<Item = String>) -> String {
    let mut text = String::from("\n");
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    raw_string(&text)
}

/// A path with more segments than any template has, which none can match (a template of
/// one parameter, `/{id}`, matches any one segment).
fn unrouted_path(api: &Api) -> String {
    let most = api
        .operations
        .iter()
        .map(|operation| operation.template.segments.len())
        .max()
        .unwrap_or(0);
    format!("/specforge-no-such-path{}", "/x".repeat(most))
}

/// An unknown path answers 404; a method the first operation's path does not serve, 405.
fn unrouted_cases(api: &Api, unrouted: &str) -> Vec<RouteCase> {
    let mut cases = vec![RouteCase::bare("GET", unrouted, 404)];
    if let Some(operation) = api.operations.first()
        && let Some(method) = PROBE_METHODS.iter().find(|method| {
            !api.operations
                .iter()
                .any(|other| other.path == operation.path && other.method.as_str() == **method)
        })
        && let Some(uri) = valid_uri(api, operation)
    {
        cases.push(RouteCase::bare(method, &uri, 405));
    }
    cases
}

fn test_check(scheme: &SecurityScheme, lib: &str) -> TestCheck {
    let (argument, argument_type) = security::credential_argument(&scheme.kind);
    TestCheck {
        method: security::method_name(scheme),
        argument,
        argument_type: match argument_type {
            "String" => argument_type.to_owned(),
            exported => format!("{lib}::{exported}"),
        },
        accepts: match scheme.kind {
            SchemeKind::Basic => Accepted::Basic {
                username: string_literal(GOOD_USERNAME),
                password: string_literal(GOOD_PASSWORD),
            },
            _ => Accepted::Text(string_literal(GOOD_CREDENTIAL)),
        },
    }
}
