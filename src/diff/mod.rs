//! `specforge diff OLD NEW`: how an API changed between two versions of its spec, judged
//! from its clients' side. A change is breaking when a client that worked with OLD may
//! fail with NEW: an operation or response removed, a request input newly required or
//! tightened, a type changed, an allowed value withdrawn, a response field removed or
//! made optional.

use std::collections::HashSet;

use serde::Serialize;

use crate::ir::{Api, Operation, ParameterLocation, StatusKey, TypeId};

mod schemas;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiChange {
    #[serde(skip)]
    pub breaking: bool,
    /// `POST /users`
    pub operation: String,
    /// Where in the operation: `request body \`name\``, `query parameter \`limit\``…
    pub place: String,
    pub change: String,
}

/// Every change from `old` to `new`, breaking ones first.
pub fn diff(old: &Api, new: &Api) -> Vec<ApiChange> {
    let mut changes = Changes::default();
    for old_operation in &old.operations {
        let route = route(old_operation);
        match new
            .operations
            .iter()
            .find(|operation| same_route(operation, old_operation))
        {
            None => changes.push(true, &route, "", "operation removed"),
            Some(new_operation) => Comparison {
                old,
                new,
                changes: &mut changes,
                route: &route,
                seen: HashSet::new(),
            }
            .operation(old_operation, new_operation),
        }
    }
    for new_operation in &new.operations {
        if !old
            .operations
            .iter()
            .any(|operation| same_route(operation, new_operation))
        {
            changes.push(false, &route(new_operation), "", "operation added");
        }
    }
    let mut all = changes.0;
    all.sort_by_key(|change| !change.breaking);
    all
}

#[derive(Default)]
struct Changes(Vec<ApiChange>);

impl Changes {
    fn push(&mut self, breaking: bool, operation: &str, place: &str, change: &str) {
        self.0.push(ApiChange {
            breaking,
            operation: operation.to_owned(),
            place: place.to_owned(),
            change: change.to_owned(),
        });
    }
}

fn route(operation: &Operation) -> String {
    format!("{} {}", operation.method.as_str(), operation.path)
}

/// Two operations are the same if method and path match, whatever the parameters are named.
fn same_route(a: &Operation, b: &Operation) -> bool {
    a.method == b.method && a.template.shape() == b.template.shape()
}

/// Which way data flows: what a client sends, or what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

struct Comparison<'a> {
    old: &'a Api,
    new: &'a Api,
    changes: &'a mut Changes,
    route: &'a str,
    /// Named type pairs already compared, so recursive types end.
    seen: HashSet<(TypeId, TypeId, bool)>,
}

impl Comparison<'_> {
    fn push(&mut self, breaking: bool, place: &str, change: String) {
        self.changes.push(breaking, self.route, place, &change);
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        self.parameters(old, new);
        self.body(old, new);
        self.responses(old, new);
    }

    fn parameters(&mut self, old: &Operation, new: &Operation) {
        for old_parameter in &old.parameters {
            let place = format!(
                "{} parameter `{}`",
                old_parameter.location.as_str(),
                old_parameter.name
            );
            match new.parameters.iter().find(|parameter| {
                parameter.location == old_parameter.location && parameter.name == old_parameter.name
            }) {
                None => self.push(false, &place, "removed".to_owned()),
                Some(new_parameter) => {
                    if new_parameter.required && !old_parameter.required {
                        self.push(true, &place, "now required".to_owned());
                    } else if old_parameter.required
                        && !new_parameter.required
                        && old_parameter.location != ParameterLocation::Path
                    {
                        self.push(false, &place, "now optional".to_owned());
                    }
                    self.schema(
                        &old_parameter.schema,
                        &new_parameter.schema,
                        &place,
                        Direction::Request,
                    );
                }
            }
        }
        for new_parameter in &new.parameters {
            if !old.parameters.iter().any(|parameter| {
                parameter.location == new_parameter.location && parameter.name == new_parameter.name
            }) {
                let place = format!(
                    "{} parameter `{}`",
                    new_parameter.location.as_str(),
                    new_parameter.name
                );
                let change = if new_parameter.required {
                    "added, required"
                } else {
                    "added, optional"
                };
                self.push(new_parameter.required, &place, change.to_owned());
            }
        }
    }

    fn body(&mut self, old: &Operation, new: &Operation) {
        match (&old.body, &new.body) {
            (Some(old_body), Some(new_body)) => {
                if new_body.required && !old_body.required {
                    self.push(true, "request body", "now required".to_owned());
                }
                if old_body.media_type != new_body.media_type {
                    self.push(
                        true,
                        "request body",
                        format!(
                            "media type changed from {} to {}",
                            old_body.media_type, new_body.media_type
                        ),
                    );
                }
                self.schema(
                    &old_body.schema,
                    &new_body.schema,
                    "request body",
                    Direction::Request,
                );
            }
            (None, Some(new_body)) => self.push(
                new_body.required,
                "request body",
                format!("added{}", if new_body.required { ", required" } else { "" }),
            ),
            (Some(_), None) => self.push(false, "request body", "removed".to_owned()),
            (None, None) => {}
        }
    }

    fn responses(&mut self, old: &Operation, new: &Operation) {
        for old_response in &old.responses {
            let place = format!("response {}", status(old_response.status));
            match new
                .responses
                .iter()
                .find(|response| response.status == old_response.status)
            {
                None => self.push(true, &place, "removed".to_owned()),
                Some(new_response) => match (&old_response.body, &new_response.body) {
                    (Some(old_body), Some(new_body)) => self.schema(
                        &old_body.schema,
                        &new_body.schema,
                        &place,
                        Direction::Response,
                    ),
                    (Some(_), None) => self.push(true, &place, "no longer has a body".to_owned()),
                    (None, Some(_)) => self.push(false, &place, "now has a body".to_owned()),
                    (None, None) => {}
                },
            }
        }
        for new_response in &new.responses {
            if !old
                .responses
                .iter()
                .any(|response| response.status == new_response.status)
            {
                self.push(
                    false,
                    &format!("response {}", status(new_response.status)),
                    "added".to_owned(),
                );
            }
        }
    }
}

fn status(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => code.to_string(),
        StatusKey::Range(digit) => format!("{digit}XX"),
        StatusKey::Default => "default".to_owned(),
    }
}
