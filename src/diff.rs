//! `specforge diff OLD NEW`: how an API changed between two versions of its spec, judged
//! from its clients' side. A change is breaking when a client that worked with OLD may
//! fail with NEW: an operation or response removed, a request input newly required or
//! tightened, a type changed, an allowed value withdrawn, a response field removed or
//! made optional.

use std::collections::HashSet;

use serde::Serialize;

use crate::ir::{
    Additional, Api, Bound, Constraints, Enumeration, Operation, ParameterLocation, Schema,
    StatusKey, Struct, Ty, TypeId, TypeKind, Union,
};

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

    fn schema(&mut self, old: &Schema, new: &Schema, place: &str, direction: Direction) {
        let request = direction == Direction::Request;
        if old.nullable != new.nullable {
            // A request may no longer send null; a response may now hold one.
            let breaking = request == old.nullable;
            self.push(
                breaking,
                place,
                format!(
                    "now {}",
                    if new.nullable {
                        "nullable"
                    } else {
                        "not nullable"
                    }
                ),
            );
        }
        match (&old.ty, &new.ty) {
            (Ty::Named(old_id), Ty::Named(new_id)) => {
                self.named(*old_id, *new_id, place, direction)
            }
            (Ty::Named(old_id), _)
                if let TypeKind::Alias(inner) = &self.old.type_def(*old_id).kind =>
            {
                let inner = inner.as_ref().clone();
                self.schema(&inner, new, place, direction);
            }
            (_, Ty::Named(new_id))
                if let TypeKind::Alias(inner) = &self.new.type_def(*new_id).kind =>
            {
                let inner = inner.as_ref().clone();
                self.schema(old, &inner, place, direction);
            }
            (Ty::Array(old_items), Ty::Array(new_items)) => {
                self.constraints(&old.constraints, &new.constraints, place, direction);
                self.schema(old_items, new_items, &format!("{place}[]"), direction);
            }
            (Ty::Map(old_values), Ty::Map(new_values)) => {
                self.constraints(&old.constraints, &new.constraints, place, direction);
                self.schema(old_values, new_values, &format!("{place}{{}}"), direction);
            }
            (old_ty, new_ty) if type_name(self.old, old_ty) == type_name(self.new, new_ty) => {
                self.constraints(&old.constraints, &new.constraints, place, direction);
            }
            (old_ty, new_ty) => self.push(
                true,
                place,
                format!(
                    "type changed from {} to {}",
                    type_name(self.old, old_ty),
                    type_name(self.new, new_ty)
                ),
            ),
        }
    }

    fn named(&mut self, old_id: TypeId, new_id: TypeId, place: &str, direction: Direction) {
        if !self
            .seen
            .insert((old_id, new_id, direction == Direction::Request))
        {
            return;
        }
        let request = direction == Direction::Request;
        match (
            &self.old.type_def(old_id).kind,
            &self.new.type_def(new_id).kind,
        ) {
            (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) => {
                self.structs(old_struct, new_struct, place, direction)
            }
            (TypeKind::Enum(old_enum), TypeKind::Enum(new_enum)) => {
                self.enums(old_enum, new_enum, place, request)
            }
            (TypeKind::Union(old_union), TypeKind::Union(new_union)) => {
                self.unions(old_union, new_union, place, direction)
            }
            (TypeKind::Alias(old_inner), TypeKind::Alias(new_inner)) => {
                let (old_inner, new_inner) =
                    (old_inner.as_ref().clone(), new_inner.as_ref().clone());
                self.schema(&old_inner, &new_inner, place, direction);
            }
            (old_kind, new_kind) => self.push(
                true,
                place,
                format!(
                    "type changed from {} to {}",
                    kind_name(old_kind),
                    kind_name(new_kind)
                ),
            ),
        }
    }

    fn structs(
        &mut self,
        old_struct: &Struct,
        new_struct: &Struct,
        place: &str,
        direction: Direction,
    ) {
        let request = direction == Direction::Request;
        for old_field in &old_struct.fields {
            let field_place = field_place(place, &old_field.json_name);
            match new_struct
                .fields
                .iter()
                .find(|field| field.json_name == old_field.json_name)
            {
                None => {
                    let breaking = !request || matches!(new_struct.additional, Additional::Forbid);
                    self.push(breaking, &field_place, "removed".to_owned());
                }
                Some(new_field) => {
                    if request && new_field.required && !old_field.required {
                        self.push(true, &field_place, "now required".to_owned());
                    } else if !request && old_field.required && !new_field.required {
                        self.push(true, &field_place, "no longer always present".to_owned());
                    } else if old_field.required != new_field.required {
                        self.push(
                            false,
                            &field_place,
                            format!(
                                "now {}",
                                if new_field.required {
                                    "required"
                                } else {
                                    "optional"
                                }
                            ),
                        );
                    }
                    self.schema(
                        &old_field.schema,
                        &new_field.schema,
                        &field_place,
                        direction,
                    );
                }
            }
        }
        for new_field in &new_struct.fields {
            if !old_struct
                .fields
                .iter()
                .any(|field| field.json_name == new_field.json_name)
            {
                let breaking = request && new_field.required;
                let change = if new_field.required {
                    "added, required"
                } else {
                    "added, optional"
                };
                self.push(
                    breaking,
                    &field_place(place, &new_field.json_name),
                    change.to_owned(),
                );
            }
        }
        let (old_unions, new_unions) = (&old_struct.alternatives, &new_struct.alternatives);
        if old_unions.len() == new_unions.len() {
            for (old_union, new_union) in old_unions.iter().zip(new_unions) {
                self.schema(old_union, new_union, place, direction);
            }
        } else {
            let change = format!(
                "the `oneOf`/`anyOf`s of its `allOf` went from {} to {}",
                old_unions.len(),
                new_unions.len()
            );
            self.push(
                request == (new_unions.len() > old_unions.len()),
                place,
                change,
            );
        }
    }

    fn enums(
        &mut self,
        old_enum: &Enumeration,
        new_enum: &Enumeration,
        place: &str,
        request: bool,
    ) {
        for variant in &old_enum.variants {
            if !new_enum
                .variants
                .iter()
                .any(|new_variant| new_variant.value == variant.value)
            {
                self.push(
                    request,
                    place,
                    format!("enum value {} removed", variant.value),
                );
            }
        }
        for variant in &new_enum.variants {
            if !old_enum
                .variants
                .iter()
                .any(|old_variant| old_variant.value == variant.value)
            {
                self.push(
                    !request,
                    place,
                    format!("enum value {} added", variant.value),
                );
            }
        }
    }

    fn unions(&mut self, old_union: &Union, new_union: &Union, place: &str, direction: Direction) {
        let request = direction == Direction::Request;
        for (index, old_variant) in old_union.variants.iter().enumerate() {
            match new_union
                .variants
                .iter()
                .find(|variant| variant.name_hint == old_variant.name_hint)
            {
                Some(new_variant) => self.schema(
                    &old_variant.schema,
                    &new_variant.schema,
                    &format!("{place} ({})", old_variant.name_hint),
                    direction,
                ),
                None => self.push(
                    request,
                    place,
                    format!("member {} ({}) removed", index + 1, old_variant.name_hint),
                ),
            }
        }
    }

    /// Constraints matter for what clients send: tightening one may reject a request
    /// that used to pass. In responses they only describe what the server promises.
    fn constraints(
        &mut self,
        old: &Constraints,
        new: &Constraints,
        place: &str,
        direction: Direction,
    ) {
        if direction == Direction::Response {
            return;
        }
        let mut compare = |name: &str,
                           old: Option<f64>,
                           new: Option<f64>,
                           tighter_is_larger: bool| match (old, new) {
            (None, Some(new)) => self.push(true, place, format!("{name} {} added", show(new))),
            (Some(old), None) => self.push(false, place, format!("{name} {} removed", show(old))),
            (Some(old), Some(new)) if old != new => {
                let tightened = (new > old) == tighter_is_larger;
                let verb = if tightened { "tightened" } else { "loosened" };
                self.push(
                    tightened,
                    place,
                    format!("{name} {verb} from {} to {}", show(old), show(new)),
                );
            }
            _ => {}
        };
        let count = |value: Option<usize>| value.map(|value| value as f64);
        let bound = |value: Option<Bound>| value.map(|bound| bound.value);
        compare(
            "minLength",
            count(old.min_length),
            count(new.min_length),
            true,
        );
        compare(
            "maxLength",
            count(old.max_length),
            count(new.max_length),
            false,
        );
        compare("minimum", bound(old.minimum), bound(new.minimum), true);
        compare("maximum", bound(old.maximum), bound(new.maximum), false);
        compare("minItems", count(old.min_items), count(new.min_items), true);
        compare(
            "maxItems",
            count(old.max_items),
            count(new.max_items),
            false,
        );
        compare(
            "minProperties",
            count(old.min_properties),
            count(new.min_properties),
            true,
        );
        compare(
            "maxProperties",
            count(old.max_properties),
            count(new.max_properties),
            false,
        );
        let exclusive = |bound: Option<Bound>| bound.is_some_and(|bound| bound.exclusive);
        if !exclusive(old.minimum) && exclusive(new.minimum)
            || !exclusive(old.maximum) && exclusive(new.maximum)
        {
            self.push(true, place, "bound made exclusive".to_owned());
        }
        if old.multiple_of != new.multiple_of && new.multiple_of.is_some() {
            self.push(
                true,
                place,
                format!(
                    "multipleOf is now {}",
                    new.multiple_of.map(show).unwrap_or_default()
                ),
            );
        }
        if old.pattern != new.pattern
            && let Some(pattern) = &new.pattern
        {
            self.push(true, place, format!("pattern is now `{}`", pattern.source));
        }
        if new.unique_items && !old.unique_items {
            self.push(true, place, "items must now be unique".to_owned());
        }
        if let (Some(old_values), Some(new_values)) = (&old.allowed, &new.allowed) {
            for value in old_values
                .iter()
                .filter(|value| !new_values.contains(value))
            {
                self.push(true, place, format!("allowed value {value} removed"));
            }
        } else if new.allowed.is_some() && old.allowed.is_none() {
            self.push(true, place, "values now restricted to a list".to_owned());
        }
    }
}

fn field_place(place: &str, field: &str) -> String {
    match place.strip_suffix('`') {
        Some(open) => format!("{open}.{field}`"),
        None => format!("{place} `{field}`"),
    }
}

fn status(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => code.to_string(),
        StatusKey::Range(digit) => format!("{digit}XX"),
        StatusKey::Default => "default".to_owned(),
    }
}

fn show(number: f64) -> String {
    if number.fract() == 0.0 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

fn type_name(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Any => "any".to_owned(),
        Ty::FreeObject => "object".to_owned(),
        Ty::Boolean => "boolean".to_owned(),
        Ty::Integer(format) => format!("integer ({format:?})").to_lowercase(),
        Ty::Number(format) => format!("number ({format:?})").to_lowercase(),
        Ty::String(format) => format!("string ({format:?})").to_lowercase(),
        Ty::Array(_) => "array".to_owned(),
        Ty::Map(_) => "map".to_owned(),
        Ty::Named(id) => kind_name(&api.type_def(*id).kind).to_owned(),
        Ty::File => "file".to_owned(),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::Enum(enumeration) if enumeration.integer => "integer enum",
        TypeKind::Enum(_) => "string enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}
