//! The route cases of the generated tests: a valid request for each operation, reaching
//! the handler, and one request per way to break each of its inputs, answered 422.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::credentials::{present, security_cases, testable_requirement};
use super::values::{breaking_values, provable_through_text};
use crate::ir::{self, Api, BodyKind, Operation, ParameterLocation};
use crate::render::rust::{raw_string, string_literal};

pub(super) struct RouteCase {
    pub(super) method_literal: String,
    pub(super) uri: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<String>,
    pub(super) status: u16,
    pub(super) issue: Option<(String, String)>,
    /// The answer must carry a `WWW-Authenticate` challenge.
    pub(super) challenged: bool,
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
pub(super) struct ValidRequest {
    path: String,
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<(String, String)>,
}

/// Which credentials a test request presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Presented {
    Good,
    Wrong,
    Nothing,
}

impl ValidRequest {
    fn new(api: &Api, operation: &Operation) -> Option<Self> {
        Self::presenting(api, operation, Presented::Good)
    }

    pub(super) fn presenting(
        api: &Api,
        operation: &Operation,
        presented: Presented,
    ) -> Option<Self> {
        let mut path_values = HashMap::new();
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

    pub(super) fn uri(&self, query: &[(String, String)]) -> String {
        if query.is_empty() {
            return self.path.clone();
        }
        let pairs: Vec<String> = query
            .iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect();
        format!("{}?{}", self.path, pairs.join("&"))
    }

    pub(super) fn case(
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

pub(super) fn valid_uri(api: &Api, operation: &Operation) -> Option<String> {
    let request = ValidRequest::new(api, operation)?;
    Some(request.uri(&request.query))
}

pub(super) fn route_cases(api: &Api, operation: &Operation) -> Vec<RouteCase> {
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
        cases.extend(parameter_cases(api, operation, &valid, parameter));
    }
    cases.extend(security_cases(api, operation));
    if let Some(body) = &operation.body {
        cases.extend(body_cases(operation, &valid, body));
    }
    cases
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

/// The requests that break one parameter, each answered 422 with the error it causes.
fn parameter_cases(
    api: &Api,
    operation: &Operation,
    valid: &ValidRequest,
    parameter: &ir::Parameter,
) -> Vec<RouteCase> {
    let mut cases = Vec::new();
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
    cases
}

/// Malformed JSON and a missing body, answered 422.
fn body_cases(
    operation: &Operation,
    valid: &ValidRequest,
    body: &ir::RequestBody,
) -> Vec<RouteCase> {
    let mut cases = Vec::new();
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
    cases
}
