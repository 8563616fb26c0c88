//! `api/tests/spec.rs`: tests derived from the spec and regenerated with it. Every
//! example fits its schema and its model; every constraint rejects a value that breaks
//! it, with the right error `type` and `loc`; every route validates its parameters and
//! body before the handler, and answers unknown paths and methods in JSON.

use askama::Template;
use serde_json::{Value, json};

use super::rust::{Scope, named_type, string_literal};
use super::security::{self, GOOD_CREDENTIAL, GOOD_PASSWORD, GOOD_USERNAME, WRONG_CREDENTIAL};
use super::service::raw_string;
use super::{GENERATED_HEADER, add};
use crate::ir::{
    self, Api, BodyKind, IntegerFormat, Operation, ParameterLocation, Schema, SchemeKind,
    SchemeUse, SecurityPolicy, SecurityScheme, StringFormat, Ty, TypeId, TypeKind,
};
use crate::workspace::{Files, Owner, Settings};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

/// Values tried, in order, as strings that break a `pattern`.
const PATTERN_BREAKERS: [&str; 6] = ["", " ", "!@#", "0", "a", "\u{e9}"];

/// Methods tried, in order, to find one a path does not serve.
const PROBE_METHODS: [&str; 5] = ["PATCH", "DELETE", "PUT", "POST", "GET"];

#[derive(Template)]
#[template(path = "api/tests/spec.rs", escape = "none")]
struct SpecTests {
    header: &'static str,
    lib: String,
    traits: Vec<TestImpl>,
    /// The test service's credential checks: each accepts only the good credential.
    security_methods: Option<Vec<String>>,
    examples: Vec<ExampleCase>,
    violations: Vec<ViolationCase>,
    routes: Vec<RouteCase>,
}

/// An implementation of one handler trait for the tests: empty where the trait's methods
/// default to 501, every method spelled out in strict mode.
struct TestImpl {
    name: String,
    methods: Vec<String>,
}

struct ExampleCase {
    model: String,
    shape: String,
    /// The constant's name in the test file's `examples` module, and its path.
    name: String,
    constant: String,
    json: String,
}

struct ViolationCase {
    shape: String,
    /// The example the value is put into, by its constant.
    base: String,
    field: String,
    /// The JSON put in the field's place; `None` removes the field.
    value: Option<String>,
    kind: String,
    loc: String,
}

struct RouteCase {
    method_literal: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    status: u16,
    issue: Option<(String, String)>,
    /// The answer must carry a `WWW-Authenticate` challenge.
    challenged: bool,
}

pub fn render(api: &Api, settings: &Settings, files: &mut Files) -> anyhow::Result<()> {
    let lib = settings.api_lib();
    let mut examples = Vec::new();
    let mut violations = Vec::new();
    let requested = request_types(api);
    for (index, type_def) in api.types.iter().enumerate() {
        let id = TypeId(index);
        let schema = Schema::of(Ty::Named(id));
        let Some(example) = ir::example_for(api, &schema, type_def.example.as_ref()) else {
            continue;
        };
        let model = named_type(api, id, Scope::Models);
        let shape = format!("&constraints::{}", type_def.shape_name);
        let name = type_def.shape_name.clone();
        let constant = format!("examples::{name}");
        examples.push(ExampleCase {
            name,
            model: format!("{lib}::models::{model}"),
            shape: shape.clone(),
            constant: constant.clone(),
            json: raw_string(&example.to_string()),
        });
        if !requested[index] {
            continue;
        }
        if let TypeKind::Struct(object) = &type_def.kind {
            for field in &object.fields {
                let loc = json!([field.json_name]).to_string();
                if field.required {
                    violations.push(ViolationCase {
                        shape: shape.clone(),
                        base: constant.clone(),
                        field: string_literal(&field.json_name),
                        value: None,
                        kind: string_literal("missing"),
                        loc: raw_string(&loc),
                    });
                }
                for (value, kind) in breaking_values(api, &field.schema) {
                    violations.push(ViolationCase {
                        shape: shape.clone(),
                        base: constant.clone(),
                        field: string_literal(&field.json_name),
                        value: Some(raw_string(&value.to_string())),
                        kind: string_literal(kind),
                        loc: raw_string(&loc),
                    });
                }
            }
        }
    }
    let mut routes: Vec<RouteCase> = api
        .operations
        .iter()
        .flat_map(|operation| route_cases(api, operation))
        .collect();
    routes.push(RouteCase {
        method_literal: string_literal("GET"),
        uri: string_literal("/specforge-no-such-path"),
        headers: Vec::new(),
        body: None,
        status: 404,
        issue: None,
        challenged: false,
    });
    if let Some(operation) = api.operations.first()
        && let Some(method) = PROBE_METHODS.iter().find(|method| {
            !api.operations
                .iter()
                .any(|other| other.path == operation.path && other.method.as_str() == **method)
        })
        && let Some(uri) = valid_uri(api, operation)
    {
        routes.push(RouteCase {
            method_literal: string_literal(method),
            uri: string_literal(&uri),
            headers: Vec::new(),
            body: None,
            status: 405,
            issue: None,
            challenged: false,
        });
    }
    let tests = SpecTests {
        header: GENERATED_HEADER,
        traits: test_impls(api, &lib, settings.strict),
        security_methods: api.uses_security().then(|| {
            api.security_schemes
                .iter()
                .map(|scheme| test_check(scheme, &lib))
                .collect()
        }),
        lib,
        examples,
        violations,
        routes,
    };
    add(
        files,
        "api/tests/spec.rs",
        tests.render()?,
        Owner::Generator,
    );
    Ok(())
}

fn test_impls(api: &Api, lib: &str, strict: bool) -> Vec<TestImpl> {
    let mut patterns = super::rust::Patterns::default();
    api.tags
        .iter()
        .enumerate()
        .map(|(index, tag)| {
            let methods = api
                .operations
                .iter()
                .filter(|operation| strict && operation.tag == index)
                .map(|operation| {
                    let view = super::operations::OperationView::new(api, operation, &mut patterns);
                    let arguments: String = view
                        .arguments
                        .iter()
                        .map(|argument| format!(", _{}: {}", argument.name, argument.ty.replace("crate::", &format!("{lib}::"))))
                        .collect();
                    format!(
                        "async fn {}(&self{arguments}) -> Result<{lib}::{}, {lib}::ApiError> {{ Err({lib}::ApiError::not_implemented()) }}",
                        operation.rust_name, operation.response_enum
                    )
                })
                .collect();
            TestImpl { name: format!("{lib}::{}", tag.trait_name), methods }
        })
        .collect()
}

/// Which types a request can carry (in a body or parameter, at any depth): the ones the
/// service validates.
fn request_types(api: &Api) -> Vec<bool> {
    let mut requested = vec![false; api.types.len()];
    let mut pending: Vec<&Schema> = api
        .operations
        .iter()
        .flat_map(|operation| {
            operation
                .parameters
                .iter()
                .map(|parameter| &parameter.schema)
                .chain(operation.body.iter().map(|body| &body.schema))
        })
        .collect();
    while let Some(schema) = pending.pop() {
        match &schema.ty {
            Ty::Array(inner) | Ty::Map(inner) => pending.push(inner),
            Ty::Named(id) if !requested[id.0] => {
                requested[id.0] = true;
                match &api.type_def(*id).kind {
                    TypeKind::Struct(object) => {
                        pending.extend(object.fields.iter().map(|field| &field.schema));
                        if let ir::Additional::Keep(values) = &object.additional {
                            pending.push(values);
                        }
                    }
                    TypeKind::Union(union) => {
                        pending.extend(union.variants.iter().map(|variant| &variant.schema))
                    }
                    TypeKind::Alias(inner) => pending.push(inner),
                    TypeKind::Enum(_) => {}
                }
            }
            _ => {}
        }
    }
    requested
}

/// Values that break `schema`, each with the error type they must be rejected with.
fn breaking_values(api: &Api, schema: &Schema) -> Vec<(Value, &'static str)> {
    let constraints = &schema.constraints;
    let mut values = Vec::new();
    let below = |bound: ir::Bound, step: f64| {
        if bound.exclusive {
            (bound.value, "greater_than")
        } else {
            (bound.value - step, "greater_than_equal")
        }
    };
    let above = |bound: ir::Bound, step: f64| {
        if bound.exclusive {
            (bound.value, "less_than")
        } else {
            (bound.value + step, "less_than_equal")
        }
    };
    match &schema.ty {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(_) => values.push((json!("specforge-not-a-member"), "enum")),
            TypeKind::Struct(_) => values.push((json!("not an object"), "model_attributes_type")),
            TypeKind::Alias(inner) => values.extend(breaking_values(api, inner)),
            TypeKind::Union(_) => {}
        },
        Ty::String(format) => {
            values.push((json!(123), "string_type"));
            if let Some(min) = constraints.min_length.filter(|min| *min > 0) {
                values.push((json!("x".repeat(min - 1)), "string_too_short"));
            }
            if let Some(max) = constraints.max_length {
                values.push((json!("x".repeat(max + 1)), "string_too_long"));
            }
            if let Some(pattern) = &constraints.pattern
                && let Ok(regex) = regex::Regex::new(pattern)
                && let Some(breaker) = PATTERN_BREAKERS
                    .iter()
                    .find(|candidate| !regex.is_match(candidate))
            {
                values.push((json!(breaker), "string_pattern_mismatch"));
            }
            let format_breaker = match format {
                StringFormat::Email => Some(("not-an-email", "value_error")),
                StringFormat::Uuid => Some(("not-a-uuid", "uuid_parsing")),
                StringFormat::DateTime => Some(("yesterday", "datetime_parsing")),
                StringFormat::Date => Some(("yesterday", "date_parsing")),
                StringFormat::Uri => Some(("not a url", "url_parsing")),
                _ => None,
            };
            values.extend(format_breaker.map(|(value, kind)| (json!(value), kind)));
        }
        Ty::Integer(format) => {
            values.push((json!("abc"), "int_parsing"));
            values.push((json!(1.5), "int_from_float"));
            if let Some((value, kind)) = constraints.minimum.map(|bound| below(bound, 1.0)) {
                values.push((json!(value.floor() as i64), kind));
            } else if *format == IntegerFormat::Int32 {
                values.push((json!(i64::from(i32::MIN) - 1), "greater_than_equal"));
            }
            if let Some((value, kind)) = constraints.maximum.map(|bound| above(bound, 1.0)) {
                values.push((json!(value.ceil() as i64), kind));
            }
            if let Some(divisor) = constraints
                .multiple_of
                .filter(|divisor| divisor.fract() == 0.0 && *divisor >= 2.0)
            {
                values.push((json!(divisor as i64 + 1), "multiple_of"));
            }
        }
        Ty::Number(_) => {
            values.push((json!("abc"), "float_parsing"));
            if let Some((value, kind)) = constraints.minimum.map(|bound| below(bound, 1.0)) {
                values.push((json!(value), kind));
            }
            if let Some((value, kind)) = constraints.maximum.map(|bound| above(bound, 1.0)) {
                values.push((json!(value), kind));
            }
        }
        Ty::Boolean => values.push((json!("maybe"), "bool_parsing")),
        Ty::Array(items) => {
            values.push((json!("not a list"), "list_type"));
            if constraints.min_items.is_some_and(|min| min > 0) {
                values.push((json!([]), "too_short"));
            }
            if let Some(max) = constraints.max_items
                && let Some(item) = ir::example_for(api, items, None)
            {
                values.push((Value::Array(vec![item; max + 1]), "too_long"));
            }
        }
        Ty::Map(_) => values.push((json!("not an object"), "dict_type")),
        Ty::FreeObject | Ty::Any => {}
    }
    values
}

/// How a parameter value is written in a URL or header: strings bare, arrays joined.
fn parameter_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        Value::Array(items) => items
            .iter()
            .map(parameter_text)
            .collect::<Option<Vec<_>>>()
            .map(|items| items.join(",")),
        _ => None,
    }
}

/// A request that passes validation, with the required inputs filled from examples.
struct ValidRequest {
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<(String, String)>,
}

/// Which credentials a test request presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presented {
    Good,
    Wrong,
    Nothing,
}

impl ValidRequest {
    fn new(api: &Api, operation: &Operation) -> Option<Self> {
        Self::presenting(api, operation, Presented::Good)
    }

    fn presenting(api: &Api, operation: &Operation, presented: Presented) -> Option<Self> {
        let mut path_values = std::collections::HashMap::new();
        let mut query = Vec::new();
        let mut headers = Vec::new();
        if let Some(policy) = &operation.security
            && presented != Presented::Nothing
        {
            match testable_requirement(api, policy) {
                Some(requirement) => {
                    for scheme_use in requirement {
                        let scheme = &api.security_schemes[scheme_use.scheme];
                        present(
                            &scheme.kind,
                            presented == Presented::Good,
                            &mut query,
                            &mut headers,
                        );
                    }
                }
                None if policy.anonymous => {}
                None => return None,
            }
        }
        // Every parameter, optional ones too where a value can be written, so that each
        // one's shape is shown to accept a valid value. Not its default: the service fills
        // that in itself, and it is often an empty list that would check no item.
        for parameter in &operation.parameters {
            let schema = ir::Schema {
                default: None,
                ..parameter.schema.clone()
            };
            let Some(example) = ir::example_for(api, &schema, parameter.example.as_ref()) else {
                if parameter.required {
                    return None;
                }
                continue;
            };
            let repeated = parameter.location == ParameterLocation::Query && parameter.explode;
            let texts = match &example {
                Value::Array(items) if repeated => items.iter().map(parameter_text).collect(),
                single => parameter_text(single).map(|text| vec![text]),
            };
            let Some(texts) = texts else {
                if parameter.required {
                    return None;
                }
                continue;
            };
            if repeated {
                query.extend(texts.into_iter().map(|text| (parameter.name.clone(), text)));
                continue;
            }
            let value = texts.concat();
            match parameter.location {
                ParameterLocation::Path => {
                    path_values.insert(parameter.name.as_str(), percent_encode(&value));
                }
                ParameterLocation::Query => query.push((parameter.name.clone(), value)),
                ParameterLocation::Header => headers.push((parameter.name.clone(), value)),
                ParameterLocation::Cookie => {
                    headers.push(("cookie".to_owned(), format!("{}={value}", parameter.name)))
                }
            }
        }
        let body = match &operation.body {
            Some(body) if body.required => Some(match body.kind {
                BodyKind::Json => (
                    "application/json".to_owned(),
                    ir::example_for(api, &body.schema, body.example.as_ref())?.to_string(),
                ),
                BodyKind::Form => (
                    "application/x-www-form-urlencoded".to_owned(),
                    form_encode(&ir::example_for(api, &body.schema, body.example.as_ref())?)?,
                ),
                BodyKind::Text => ("text/plain".to_owned(), "text".to_owned()),
                BodyKind::Bytes => (body.media_type.clone(), String::new()),
            }),
            _ => None,
        };
        let path = operation.template.spell(|name| {
            path_values
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("{{{name}}}"))
        });
        Some(Self {
            path,
            query,
            headers,
            body,
        })
    }

    fn uri(&self, query: &[(String, String)]) -> String {
        if query.is_empty() {
            return self.path.clone();
        }
        let pairs: Vec<String> = query
            .iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect();
        format!("{}?{}", self.path, pairs.join("&"))
    }

    fn case(
        &self,
        operation: &Operation,
        uri: String,
        headers: Vec<(String, String)>,
        body: Option<&(String, String)>,
        status: u16,
        issue: Option<(&str, Value)>,
    ) -> RouteCase {
        let mut headers = headers;
        if let Some((content_type, _)) = body {
            headers.push(("content-type".to_owned(), content_type.clone()));
        }
        RouteCase {
            method_literal: string_literal(operation.method.as_str()),
            uri: string_literal(&uri),
            headers: headers
                .into_iter()
                .map(|(name, value)| (string_literal(&name), string_literal(&value)))
                .collect(),
            body: body.map(|(_, text)| raw_string(text)),
            status,
            issue: issue.map(|(kind, loc)| (string_literal(kind), raw_string(&loc.to_string()))),
            challenged: false,
        }
    }
}

fn valid_uri(api: &Api, operation: &Operation) -> Option<String> {
    let request = ValidRequest::new(api, operation)?;
    Some(request.uri(&request.query))
}

fn route_cases(api: &Api, operation: &Operation) -> Vec<RouteCase> {
    let Some(valid) = ValidRequest::new(api, operation) else {
        // No request can pass (credentials nobody can present): what is refused still is.
        return security_cases(api, operation);
    };
    let mut cases = vec![valid.case(
        operation,
        valid.uri(&valid.query),
        valid.headers.clone(),
        valid.body.as_ref(),
        501,
        None,
    )];
    for parameter in &operation.parameters {
        let loc = json!([parameter.location.as_str(), parameter.name]);
        let breakers = breaking_values(api, &parameter.schema)
            .into_iter()
            .filter(|(value, kind)| provable_through_text(&parameter.schema, value, kind))
            .filter_map(|(value, kind)| parameter_text(&value).map(|text| (text, kind)));
        let mut attempts: Vec<(Option<String>, &str)> =
            breakers.map(|(text, kind)| (Some(text), kind)).collect();
        if parameter.required && parameter.location != ParameterLocation::Path {
            attempts.push((None, "missing"));
        }
        for (text, kind) in attempts {
            if parameter.location == ParameterLocation::Path
                && text.as_deref().is_none_or(str::is_empty)
            {
                continue;
            }
            let mut query: Vec<(String, String)> = valid
                .query
                .iter()
                .filter(|(name, _)| *name != parameter.name)
                .cloned()
                .collect();
            let mut headers: Vec<(String, String)> = valid
                .headers
                .iter()
                .filter(|(name, _)| !name.eq_ignore_ascii_case(&parameter.name))
                .cloned()
                .collect();
            let mut path = valid.path.clone();
            match (parameter.location, &text) {
                (ParameterLocation::Query, Some(text)) => {
                    query.push((parameter.name.clone(), text.clone()))
                }
                (ParameterLocation::Header, Some(text)) => {
                    headers.push((parameter.name.clone(), text.clone()))
                }
                (ParameterLocation::Cookie, Some(text)) => {
                    headers.push(("cookie".to_owned(), format!("{}={text}", parameter.name)))
                }
                (ParameterLocation::Path, Some(text)) => {
                    path = path_with(api, operation, &parameter.name, text)
                }
                _ => {}
            }
            let request = ValidRequest {
                path,
                query: Vec::new(),
                headers: Vec::new(),
                body: None,
            };
            cases.push(valid.case(
                operation,
                request.uri(&query),
                headers,
                valid.body.as_ref(),
                422,
                Some((kind, loc.clone())),
            ));
        }
    }
    cases.extend(security_cases(api, operation));
    if let Some(body) = &operation.body {
        let content_type = ("application/json".to_owned(), "{bad json".to_owned());
        if body.kind == BodyKind::Json {
            cases.push(valid.case(
                operation,
                valid.uri(&valid.query),
                valid.headers.clone(),
                Some(&content_type),
                422,
                Some(("json_invalid", json!(["body", 1]))),
            ));
        }
        if body.required && matches!(body.kind, BodyKind::Json | BodyKind::Form) {
            cases.push(valid.case(
                operation,
                valid.uri(&valid.query),
                valid.headers.clone(),
                None,
                422,
                Some(("missing", json!(["body"]))),
            ));
        }
    }
    cases
}

/// Whether a breaking value still breaks the parameter once written as text: a number is
/// then a valid string, a fraction an unparsable integer, and any text a list of one item.
fn provable_through_text(schema: &Schema, value: &Value, kind: &str) -> bool {
    let lost_as_text = matches!(
        kind,
        "string_type"
            | "int_from_float"
            | "list_type"
            | "dict_type"
            | "model_attributes_type"
            | "too_short"
    );
    let number_as_string = value.is_number() && matches!(schema.ty, Ty::String(_));
    !lost_as_text && !number_as_string
}

/// The operation's path with `name` set to `text` and every other parameter valid.
fn path_with(api: &Api, operation: &Operation, name: &str, text: &str) -> String {
    operation.template.spell(|segment| {
        let value = if segment == name {
            text.to_owned()
        } else {
            path_parameter(operation, segment)
                .and_then(|parameter| {
                    ir::example_for(api, &parameter.schema, parameter.example.as_ref())
                })
                .and_then(|value| parameter_text(&value))
                .unwrap_or_default()
        };
        percent_encode(&value)
    })
}

fn path_parameter<'a>(operation: &'a Operation, name: &str) -> Option<&'a ir::Parameter> {
    operation
        .parameters
        .iter()
        .find(|parameter| parameter.location == ParameterLocation::Path && parameter.name == name)
}

fn form_encode(value: &Value) -> Option<String> {
    let pairs = value.as_object()?.iter().map(|(name, value)| {
        Some(format!(
            "{}={}",
            percent_encode(name),
            percent_encode(&parameter_text(value)?)
        ))
    });
    Some(pairs.collect::<Option<Vec<_>>>()?.join("&"))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The requirement whose credentials the tests present: the first that one request can
/// carry (two schemes cannot share the `Authorization` header).
fn testable_requirement<'a>(api: &Api, policy: &'a SecurityPolicy) -> Option<&'a [SchemeUse]> {
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
fn present(
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
        SchemeKind::Bearer => {
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
fn security_cases(api: &Api, operation: &Operation) -> Vec<RouteCase> {
    let Some(policy) = &operation.security else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    if let Some(request) = ValidRequest::presenting(api, operation, Presented::Nothing) {
        let mut case = request.case(
            operation,
            request.uri(&request.query),
            request.headers.clone(),
            request.body.as_ref(),
            if policy.anonymous { 501 } else { 401 },
            None,
        );
        case.challenged = !policy.anonymous && !policy.alternatives.is_empty();
        cases.push(case);
    }
    if testable_requirement(api, policy).is_some()
        && let Some(request) = ValidRequest::presenting(api, operation, Presented::Wrong)
    {
        let mut case = request.case(
            operation,
            request.uri(&request.query),
            request.headers.clone(),
            request.body.as_ref(),
            401,
            None,
        );
        case.challenged = true;
        cases.push(case);
    }
    cases
}

/// The test service's check of one scheme: the good credential passes, any other fails.
fn test_check(scheme: &SecurityScheme, lib: &str) -> String {
    let (argument, argument_type) = security::credential_argument(&scheme.kind);
    let argument_type = if argument_type == "String" {
        argument_type.to_owned()
    } else {
        format!("{lib}::{argument_type}")
    };
    let accepted = match scheme.kind {
        SchemeKind::Basic => format!(
            "{argument}.username == {} && {argument}.password == {}",
            string_literal(GOOD_USERNAME),
            string_literal(GOOD_PASSWORD)
        ),
        _ => format!("{argument} == {}", string_literal(GOOD_CREDENTIAL)),
    };
    format!(
        "async fn {}(&self, {argument}: {argument_type}, _scopes: &'static [&'static str]) -> Result<(), {lib}::ApiError> {{ if {accepted} {{ Ok(()) }} else {{ Err({lib}::ApiError::unauthorized(\"Invalid credentials\")) }} }}",
        security::method_name(scheme)
    )
}
