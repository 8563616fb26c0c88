//! The route cases of the generated tests: a valid request for each operation, reaching
//! the handler, and one request per way to break each of its inputs, answered 422.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::credentials::{present, security_cases, testable_requirement};
use super::values::{breaking_values, provable_through_text};
use super::wire::{
    BOUNDARY, Pairs, multipart_encode, object_of, parameter_text, writes_key, written,
};
use crate::ir::{
    self, Api, BodyKind, ConditionValue, Operation, ParameterLocation, Schema, Ty, TypeKind,
};
use crate::render::security::GOOD_CREDENTIAL;

pub(super) struct RouteCase {
    pub(super) method: String,
    pub(super) uri: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<String>,
    pub(super) status: u16,
    /// The `type` and `loc` of one of the 422 answer's errors.
    pub(super) issue: Option<(String, Value)>,
    /// The answer must carry a `WWW-Authenticate` challenge.
    pub(super) challenged: bool,
}

impl RouteCase {
    /// A request with no headers or body, answered `status`.
    pub(super) fn bare(method: &str, uri: &str, status: u16) -> Self {
        Self {
            method: method.to_owned(),
            uri: uri.to_owned(),
            headers: Vec::new(),
            body: None,
            status,
            issue: None,
            challenged: false,
        }
    }

    /// The case as one line of JSON for the generated test's table: what a request has
    /// and an answer needs, in reading order, the rest left out.
    pub(super) fn line(&self) -> String {
        let mut line = format!(
            "{{\"method\":{},\"uri\":{}",
            json!(self.method),
            json!(self.uri)
        );
        if !self.headers.is_empty() {
            line.push_str(&format!(",\"headers\":{}", json!(self.headers)));
        }
        if let Some(body) = &self.body {
            line.push_str(&format!(",\"body\":{}", json!(body)));
        }
        line.push_str(&format!(",\"status\":{}", self.status));
        if let Some((kind, loc)) = &self.issue {
            line.push_str(&format!(",\"issue\":{}", json!({"type": kind, "loc": loc})));
        }
        if self.challenged {
            line.push_str(",\"challenged\":true");
        }
        line.push('}');
        line
    }
}

/// A request that passes validation, with the inputs filled from examples; the cases
/// that break one input are this request with that input changed.
#[derive(Clone)]
pub(super) struct ValidRequest {
    /// Each path parameter's value, percent-encoded.
    path_values: HashMap<String, String>,
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<(String, String)>,
    /// Where credentials are presented: query names as sent, header names lowercase
    /// (headers are read whatever their case).
    credentials: Vec<(ParameterLocation, String)>,
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
        let mut request = Self {
            path_values: HashMap::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            credentials: Vec::new(),
        };
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
                            &mut request.query,
                            &mut request.headers,
                        );
                    }
                }
                None if policy.anonymous => {}
                None => return None,
            }
        }
        let query = request
            .query
            .iter()
            .map(|(name, _)| (ParameterLocation::Query, name.clone()));
        let headers = request
            .headers
            .iter()
            .map(|(name, _)| (ParameterLocation::Header, name.to_ascii_lowercase()));
        request.credentials = query.chain(headers).collect();
        // Every parameter, optional ones too where a value can be written, so that each
        // one's shape is shown to accept a valid value; one the credential is sent as (a
        // query `apikey` declared beside its scheme) has the credential for its value.
        let mut path_texts = HashMap::new();
        for parameter in &operation.parameters {
            if request.carries_credential(parameter) {
                continue;
            }
            let Some(pairs) = valid_pairs(api, parameter) else {
                if parameter.required {
                    return None;
                }
                continue;
            };
            for (name, text) in pairs {
                if parameter.location == ParameterLocation::Path {
                    path_texts.insert(name.clone(), text.clone());
                }
                request.set(parameter, name, text);
            }
        }
        // Values a segment of several parameters would split otherwise (`{page}{ext}`
        // spelled `p.json` is read as `p.jso` and `n`) make no request these values reach.
        if !operation.template.reads_back(&path_texts) || !request.meet_conditions(operation) {
            return None;
        }
        request.body = match &operation.body {
            Some(body) if body.required => Some(match body.kind {
                BodyKind::Json => (
                    "application/json".to_owned(),
                    ir::example_for(api, &body.schema, body.example.as_ref())?.to_string(),
                ),
                BodyKind::Form => (
                    "application/x-www-form-urlencoded".to_owned(),
                    form_encode(&ir::example_for(api, &body.schema, body.example.as_ref())?)?,
                ),
                BodyKind::Multipart => (
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                    multipart_encode(
                        &ir::example_for(api, &body.schema, body.example.as_ref())?,
                        &body.json_parts,
                    )?,
                ),
                BodyKind::Text => ("text/plain".to_owned(), "text".to_owned()),
                BodyKind::Bytes => (body.media_type.clone(), String::new()),
            }),
            _ => None,
        };
        Some(request)
    }

    /// Adds what the template's query part requires: `?method=x` in place of any value a
    /// parameter of that name was given, `?acl` unless a parameter of that name is sent.
    /// False when a required name is a parameter no valid value could be written for.
    fn meet_conditions(&mut self, operation: &Operation) -> bool {
        for condition in &operation.template.conditions {
            let sent = self.query.iter().any(|(name, _)| *name == condition.name);
            let value = match &condition.value {
                ConditionValue::Equals(value) => value.clone(),
                ConditionValue::Present | ConditionValue::Parameter(_) if sent => continue,
                ConditionValue::Present | ConditionValue::Parameter(_) => {
                    let declared = operation.parameters.iter().any(|parameter| {
                        parameter.location == ParameterLocation::Query
                            && parameter.name == condition.name
                    });
                    if declared {
                        return false;
                    }
                    String::new()
                }
            };
            self.query.retain(|(name, _)| *name != condition.name);
            self.query.push((condition.name.clone(), value));
        }
        true
    }

    /// Whether a credential is presented where `parameter` is read from.
    fn carries_credential(&self, parameter: &ir::Parameter) -> bool {
        let name = match parameter.location {
            ParameterLocation::Header => parameter.name.to_ascii_lowercase(),
            _ => parameter.name.clone(),
        };
        self.credentials.contains(&(parameter.location, name))
    }

    /// Sends `text` as (one value of) `parameter`, named `name` (in a query, a property of
    /// an object may be named otherwise).
    fn set(&mut self, parameter: &ir::Parameter, name: String, text: String) {
        match parameter.location {
            ParameterLocation::Path => {
                self.path_values.insert(name, percent_encode(&text));
            }
            ParameterLocation::Query => self.query.push((name, text)),
            ParameterLocation::Header => self.headers.push((name, text)),
            ParameterLocation::Cookie => self
                .headers
                .push(("cookie".to_owned(), format!("{name}={text}"))),
        }
    }

    /// The request with `parameter` sent as `pairs` instead (none: left out).
    fn sending(&self, api: &Api, parameter: &ir::Parameter, pairs: Pairs) -> Self {
        let mut request = self.without(api, parameter);
        for (name, text) in pairs {
            request.set(parameter, name, text);
        }
        request
    }

    /// The request without `parameter`'s values where it is sent: its query values, its
    /// header or its cookie (its path value stays: a path cannot go without one). A value
    /// of the same name elsewhere stays, as a query condition does beside a header.
    fn without(&self, api: &Api, parameter: &ir::Parameter) -> Self {
        let own_cookie = format!("{}=", parameter.name);
        let location = parameter.location;
        Self {
            query: self
                .query
                .iter()
                .filter(|(name, _)| {
                    location != ParameterLocation::Query || !writes_key(api, parameter, name)
                })
                .cloned()
                .collect(),
            headers: self
                .headers
                .iter()
                .filter(|(name, value)| {
                    let its_cookie = location == ParameterLocation::Cookie
                        && name == "cookie"
                        && value.starts_with(&own_cookie);
                    let its_header = location == ParameterLocation::Header
                        && name.eq_ignore_ascii_case(&parameter.name);
                    !its_header && !its_cookie
                })
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    pub(super) fn uri(&self, operation: &Operation) -> String {
        let path = operation.template.spell(|name| {
            self.path_values
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("{{{name}}}"))
        });
        if self.query.is_empty() {
            return path;
        }
        let pairs: Vec<String> = self
            .query
            .iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect();
        format!("{path}?{}", pairs.join("&"))
    }

    /// This request as a case expecting `status` (and, for a 422, the error `issue`).
    pub(super) fn case(
        &self,
        operation: &Operation,
        status: u16,
        issue: Option<(&str, Value)>,
    ) -> RouteCase {
        let mut headers = self.headers.clone();
        if let Some((content_type, _)) = &self.body {
            headers.push(("content-type".to_owned(), content_type.clone()));
        }
        RouteCase {
            headers,
            body: self.body.as_ref().map(|(_, text)| text.clone()),
            issue: issue.map(|(kind, loc)| (kind.to_owned(), loc)),
            ..RouteCase::bare(operation.method.as_str(), &self.uri(operation), status)
        }
    }
}

/// A valid value of `parameter` as it is sent: the pairs its spread writes it as. Built
/// from the schema, not its default: the service fills that in itself, and it is often an
/// empty list that would check no item.
fn valid_pairs(api: &Api, parameter: &ir::Parameter) -> Option<Pairs> {
    written(api, parameter, &sendable_value(api, parameter)?)
}

/// The value a valid request gives `parameter`, when it can be written as text (a
/// parameter without one is left out, and must then be optional).
fn sendable_value(api: &Api, parameter: &ir::Parameter) -> Option<Value> {
    let schema = ir::Schema {
        default: None,
        ..parameter.schema.clone()
    };
    // A path segment left empty routes nowhere: an enum's `""` gives way to another value.
    let sendable = |value: &Value| {
        written(api, parameter, value).is_some_and(|pairs| {
            parameter.location != ParameterLocation::Path
                || pairs.iter().all(|(_, text)| !text.is_empty())
        })
    };
    let example = ir::example_for(api, &schema, parameter.example.as_ref())?;
    if sendable(&example) {
        return Some(example);
    }
    listed_values(api, &schema).into_iter().find(sendable)
}

/// The values an enum (or a schema's `enum` constraint) lists, in the spec's order.
fn listed_values(api: &Api, schema: &Schema) -> Vec<Value> {
    if let Some(allowed) = &schema.constraints.allowed {
        return allowed.clone();
    }
    match &schema.ty {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(enumeration) => enumeration
                .variants
                .iter()
                .map(|variant| variant.value.clone())
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// What a valid request of `operation` gives each parameter, in order: the credential
/// where the parameter carries it, else a value that can be written as text, else
/// nothing (an optional parameter left out); `None` when no valid request can be written.
pub(super) fn valid_parameter_values(
    api: &Api,
    operation: &Operation,
) -> Option<Vec<Option<Value>>> {
    let request = ValidRequest::new(api, operation)?;
    let values = operation.parameters.iter().map(|parameter| {
        if request.carries_credential(parameter) {
            Some(Value::String(GOOD_CREDENTIAL.to_owned()))
        } else {
            sendable_value(api, parameter)
        }
    });
    Some(values.collect())
}

pub(super) fn valid_uri(api: &Api, operation: &Operation) -> Option<String> {
    ValidRequest::new(api, operation).map(|request| request.uri(operation))
}

pub(super) fn route_cases(api: &Api, operation: &Operation) -> Vec<RouteCase> {
    let Some(valid) = ValidRequest::new(api, operation) else {
        // No request can pass (credentials nobody can present): what is refused still is.
        return security_cases(api, operation);
    };
    let mut cases = vec![valid.case(operation, 501, None)];
    // Breaking a parameter the credential is sent as breaks the credential, which is
    // refused first (the security cases cover it).
    for parameter in &operation.parameters {
        if !valid.carries_credential(parameter) {
            cases.extend(parameter_cases(api, operation, &valid, parameter));
            cases.extend(property_cases(api, operation, &valid, parameter));
        }
    }
    cases.extend(security_cases(api, operation));
    if let Some(body) = &operation.body {
        cases.extend(body_cases(api, operation, &valid, body));
    }
    cases
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
    let loc = json!([parameter.location.as_str(), parameter.name]);
    // A query value the template requires decides the route: without it, or with
    // another value, the request is another operation's or none's.
    let condition = (parameter.location == ParameterLocation::Query)
        .then(|| operation.template.condition_on(&parameter.name))
        .flatten();
    if matches!(
        condition,
        Some(ConditionValue::Equals(_) | ConditionValue::Present)
    ) {
        return Vec::new();
    }
    let breakers = breaking_values(api, &parameter.schema)
        .into_iter()
        .filter(|(value, kind)| provable_through_text(&parameter.schema, value, kind))
        .filter_map(|(value, kind)| {
            written(api, parameter, &value).map(|pairs| (Some(pairs), kind))
        })
        // An empty exploded array is no value at all: `missing`, not what the value breaks.
        .filter(|(pairs, _)| pairs.as_ref().is_some_and(|pairs| !pairs.is_empty()));
    let mut attempts: Vec<(Option<Pairs>, &str)> = breakers.collect();
    if parameter.required && parameter.location != ParameterLocation::Path && condition.is_none() {
        attempts.push((None, "missing"));
    }
    attempts
        .into_iter()
        .filter(|(pairs, _)| {
            let beside = operation.template.texts_beside(&parameter.name);
            parameter.location != ParameterLocation::Path
                || pairs.iter().flatten().all(|(_, text)| {
                    !text.is_empty() && !beside.iter().any(|beside| text.contains(beside))
                }) && pairs.is_some()
        })
        .map(|(pairs, kind)| {
            let request = valid.sending(api, parameter, pairs.unwrap_or_default());
            request.case(operation, 422, Some((kind, loc.clone())))
        })
        .collect()
}

/// The requests that break one property of an object parameter (`filter[age]=-1`, a
/// required property left out), each answered 422 at the property: `["query", "filter",
/// "age"]`.
fn property_cases(
    api: &Api,
    operation: &Operation,
    valid: &ValidRequest,
    parameter: &ir::Parameter,
) -> Vec<RouteCase> {
    let (Some(object), Some(Value::Object(sent))) = (
        object_of(api, &parameter.schema),
        sendable_value(api, parameter),
    ) else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    for field in &object.fields {
        let loc = json!([parameter.location.as_str(), parameter.name, field.json_name]);
        let mut attempts: Vec<(Option<Value>, &str)> = breaking_values(api, &field.schema)
            .into_iter()
            .filter(|(value, kind)| provable_through_text(&field.schema, value, kind))
            .map(|(value, kind)| (Some(value), kind))
            .collect();
        if field.required && sent.len() > 1 {
            attempts.push((None, "missing"));
        }
        for (value, kind) in attempts {
            let mut broken = sent.clone();
            match value {
                Some(value) => broken.insert(field.json_name.clone(), value),
                None => broken.remove(&field.json_name),
            };
            let Some(pairs) = written(api, parameter, &Value::Object(broken)) else {
                continue;
            };
            let request = valid.sending(api, parameter, pairs);
            cases.push(request.case(operation, 422, Some((kind, loc.clone()))));
        }
    }
    cases
}

/// Malformed JSON and a missing body, answered 422.
fn body_cases(
    api: &Api,
    operation: &Operation,
    valid: &ValidRequest,
    body: &ir::RequestBody,
) -> Vec<RouteCase> {
    let mut cases = Vec::new();
    if body.kind == BodyKind::Json {
        let malformed = ValidRequest {
            body: Some(("application/json".to_owned(), "{bad json".to_owned())),
            ..valid.clone()
        };
        cases.push(malformed.case(operation, 422, Some(("json_invalid", json!(["body", 1])))));
    }
    // A form is its fields, as FastAPI reads `Form`: one sent empty misses each required one.
    let missing_loc = match body.kind {
        BodyKind::Json if body.required => Some(json!(["body"])),
        BodyKind::Form | BodyKind::Multipart if body.required => {
            first_required_field(api, &body.schema).map(|name| json!(["body", name]))
        }
        _ => None,
    };
    if let Some(loc) = missing_loc {
        let missing = ValidRequest {
            body: None,
            ..valid.clone()
        };
        cases.push(missing.case(operation, 422, Some(("missing", loc))));
    }
    cases
}

/// The first required property of an object schema.
fn first_required_field<'a>(api: &'a Api, schema: &Schema) -> Option<&'a str> {
    let Ty::Named(id) = schema.ty else {
        return None;
    };
    let TypeKind::Struct(object) = &api.type_def(id).kind else {
        return None;
    };
    let field = object.fields.iter().find(|field| field.required)?;
    Some(field.json_name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_request_never_leaves_a_path_segment_empty() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /jobs/{state}:\n    get:\n      parameters: [{name: state, in: path, required: true, schema: {type: string, enum: ['', active]}}]\n      responses: {'204': {description: ok}}\n";
        let api = crate::names::named_model(text);
        let operation = &api.operations[0];
        assert_eq!(valid_uri(&api, operation).as_deref(), Some("/jobs/active"));
        assert_eq!(
            valid_parameter_values(&api, operation),
            Some(vec![Some(json!("active"))])
        );
    }
}
