//! How two versions of a schema differ: its type, the named types behind it (objects'
//! fields and unions, enums' values, unions' members) and its constraints, each change
//! judged by the way data flows through it.

use crate::ir::{
    Additional, Api, Bound, Constraints, Enumeration, Schema, Struct, Ty, TypeId, TypeKind, Union,
};

use super::{Comparison, Direction};

impl Comparison<'_> {
    pub(super) fn schema(&mut self, old: &Schema, new: &Schema, place: &str, direction: Direction) {
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
