//! `allOf`: the members' properties merged into one struct, or the constraints of scalar
//! members merged into one schema; a lone member (a `$ref` with a description or
//! `nullable` beside it) is that member.

use std::collections::HashSet;

use indexmap::IndexMap;
use indexmap::map::Entry;
use openapiv3::{AnySchema, ReferenceOr, SchemaData, SchemaKind};

use super::flat::flat_view;
use super::{MAX_INLINE_DEPTH, TypeSpace, infer_type, is_annotation, is_object_like};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::ir::{Schema, Ty, TypeId};

impl TypeSpace<'_> {
    /// `allOf` becomes one struct holding every member's properties. A lone member (the
    /// usual way to add a description or `nullable` to a `$ref`) is that member itself.
    pub(super) fn lower_all_of(
        &mut self,
        data: &SchemaData,
        view: &AnySchema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        let has_own_properties = !view.properties.is_empty();
        if view.all_of.len() == 1 && !has_own_properties {
            return self.lower(
                &view.all_of[0],
                &pointer_join(pointer, &["allOf", "0"]),
                place,
            );
        }
        // One member beside annotations (`allOf: [{$ref: X}, {description: ...}]`, as
        // many generated specs write every property) is that member itself, not a copy:
        // copying a recursive component this way never ends.
        let substantive: Vec<usize> = (0..view.all_of.len())
            .filter(|index| match &view.all_of[*index] {
                ReferenceOr::Reference { .. } => true,
                ReferenceOr::Item(member) => !is_annotation(&flat_view(&member.schema_kind)),
            })
            .collect();
        if let [index] = substantive[..]
            && !has_own_properties
        {
            let mut lowered = self.lower(
                &view.all_of[index],
                &pointer_join(pointer, &["allOf", &index.to_string()]),
                place,
            );
            lowered.nullable |= view.all_of.iter().any(
                |member| matches!(member, ReferenceOr::Item(member) if member.schema_data.nullable),
            );
            return lowered;
        }
        let mut properties = IndexMap::new();
        let mut required = Vec::new();
        let mut additional = None;
        let members = self.all_of_members(view, pointer);
        let (unions, members): (Vec<_>, Vec<_>) = members
            .into_iter()
            .filter(|(_, member)| !is_annotation(member))
            .partition(|(_, member)| !member.one_of.is_empty() || !member.any_of.is_empty());
        let member_properties = self.union_member_properties(&unions);
        let alternatives = self.alternatives(&unions, pointer, place);
        let (objects, scalars): (Vec<_>, Vec<_>) = members
            .into_iter()
            .partition(|(_, member)| is_object_like(member));
        if objects.is_empty() && !has_own_properties {
            return self.lower_scalar_all_of(data, scalars, pointer, place, reserved);
        }
        for (member_pointer, _) in &scalars {
            self.diagnostics.push(Diagnostic::unsupported(
                member_pointer.clone(),
                "an `allOf` that mixes objects with other types cannot be merged into a struct yet",
            ));
        }
        let mut merged: Vec<AnySchema> = objects.into_iter().map(|(_, member)| member).collect();
        merged.push(view.clone());
        for member in merged {
            properties.extend(member.properties);
            for name in member.required {
                if !required.contains(&name) {
                    required.push(name);
                }
            }
            if member.additional_properties.is_some() {
                additional = member.additional_properties;
            }
        }
        for (name, property) in member_properties {
            properties.entry(name).or_insert(property);
        }
        let flat = AnySchema {
            typ: Some("object".to_owned()),
            properties,
            required,
            additional_properties: additional,
            min_properties: view.min_properties,
            max_properties: view.max_properties,
            ..AnySchema::default()
        };
        self.lower_object(data, &flat, pointer, place, reserved, alternatives)
    }

    /// Each `oneOf`/`anyOf` member of an `allOf` (at `pointer` in the spec, a `$ref`
    /// followed) as the union it is, for the merged object to match whole.
    fn alternatives(
        &mut self,
        unions: &[(String, AnySchema)],
        pointer: &str,
        place: &[String],
    ) -> Vec<Schema> {
        unions
            .iter()
            .map(|(member_pointer, union)| {
                let mut union_place = place.to_vec();
                union_place.push(
                    if union.one_of.is_empty() {
                        "AnyOf"
                    } else {
                        "OneOf"
                    }
                    .to_owned(),
                );
                self.lower_reference(member_pointer, pointer, &union_place)
            })
            .collect()
    }

    /// Every member of an `allOf`, references followed and nested `allOf`s flattened.
    /// Each schema is taken once: a member met again (a cycle back to the schema itself,
    /// or the same base reached through two members) adds nothing new, and expanding it
    /// again would double the work at every level.
    pub(super) fn all_of_members(
        &mut self,
        view: &AnySchema,
        pointer: &str,
    ) -> Vec<(String, AnySchema)> {
        let mut members = Vec::new();
        let mut seen = HashSet::from([pointer.to_owned()]);
        self.collect_all_of_members(view, pointer, &mut seen, &mut members);
        members
    }

    fn collect_all_of_members(
        &mut self,
        view: &AnySchema,
        pointer: &str,
        seen: &mut HashSet<String>,
        members: &mut Vec<(String, AnySchema)>,
    ) {
        for (index, member) in view.all_of.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &["allOf", &index.to_string()]);
            let Some((target, member)) = self.member_view(member, &member_pointer) else {
                continue;
            };
            if !seen.insert(target.clone()) {
                continue;
            }
            if !member.all_of.is_empty() && self.depth < MAX_INLINE_DEPTH {
                self.depth += 1;
                self.collect_all_of_members(&member, &target, seen, members);
                self.depth -= 1;
            }
            members.push((
                target,
                AnySchema {
                    all_of: Vec::new(),
                    ..member
                },
            ));
        }
    }

    /// The properties of `oneOf`/`anyOf` members of an `allOf`, their own and their
    /// alternatives': fields of the struct, each optional, since which alternative a value
    /// takes is known only once it is read. A name the alternatives give different schemas
    /// (`type: {enum: [uniform]}` in one, `{enum: [lognormal]}` in another) takes any value:
    /// the union the object must match checks it by the member it takes.
    fn union_member_properties(
        &mut self,
        unions: &[(String, AnySchema)],
    ) -> IndexMap<String, ReferenceOr<Box<openapiv3::Schema>>> {
        let mut properties = IndexMap::new();
        for (pointer, union) in unions {
            let mut schemas = vec![union.clone()];
            for (keyword, alternatives) in [("oneOf", &union.one_of), ("anyOf", &union.any_of)] {
                for (index, alternative) in alternatives.iter().enumerate() {
                    let alternative_pointer = pointer_join(pointer, &[keyword, &index.to_string()]);
                    let Some((target, view)) = self.member_view(alternative, &alternative_pointer)
                    else {
                        continue;
                    };
                    let nested = self.all_of_members(&view, &target);
                    schemas.push(view);
                    schemas.extend(nested.into_iter().map(|(_, member)| member));
                }
            }
            for schema in schemas {
                for (name, property) in schema.properties {
                    match properties.entry(name) {
                        Entry::Vacant(slot) => {
                            slot.insert(property);
                        }
                        Entry::Occupied(mut slot) if !same_schema(slot.get(), &property) => {
                            slot.insert(any_value());
                        }
                        Entry::Occupied(_) => {}
                    }
                }
            }
        }
        properties
    }

    /// An `allOf` of strings, numbers or arrays: one schema with every member's
    /// constraints. Members of different types can never all hold.
    pub(super) fn lower_scalar_all_of(
        &mut self,
        data: &SchemaData,
        members: Vec<(String, AnySchema)>,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        let mut types: Vec<&str> = members
            .iter()
            .filter_map(|(_, member)| member.typ.as_deref().or_else(|| infer_type(member)))
            .collect();
        types.sort_unstable();
        types.dedup();
        if types.len() > 1 {
            self.diagnostics.push(Diagnostic::warning(
                pointer_join(pointer, &["allOf"]),
                format!(
                    "no value can be both {}; any value is accepted here",
                    types.join(" and ")
                ),
            ));
            return Schema::of(Ty::Any);
        }
        let merged = members
            .into_iter()
            .fold(AnySchema::default(), |merged, (_, member)| {
                merge_constraints(merged, member)
            });
        self.lower_typed(data, &merged, pointer, place, reserved)
    }

    /// The flat view of an `allOf` member, following its reference.
    pub(super) fn member_view(
        &mut self,
        member: &ReferenceOr<openapiv3::Schema>,
        pointer: &str,
    ) -> Option<(String, AnySchema)> {
        match self.resolver.resolve(member, pointer) {
            Ok((schema, target)) => Some((target, flat_view(&schema.schema_kind))),
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }
}

/// Both schemas' constraints at once: the stricter bound of each pair, the later
/// pattern and format, the values allowed by both.
fn merge_constraints(merged: AnySchema, member: AnySchema) -> AnySchema {
    fn stricter<T: PartialOrd>(a: Option<T>, b: Option<T>, pick_larger: bool) -> Option<T> {
        match (a, b) {
            (Some(a), Some(b)) => Some(if (a > b) == pick_larger { a } else { b }),
            (a, b) => a.or(b),
        }
    }
    let enumeration = match (merged.enumeration.is_empty(), member.enumeration.is_empty()) {
        (true, _) => member.enumeration,
        (false, true) => merged.enumeration,
        (false, false) => merged
            .enumeration
            .into_iter()
            .filter(|value| member.enumeration.contains(value))
            .collect(),
    };
    AnySchema {
        typ: member.typ.or(merged.typ),
        format: member.format.or(merged.format),
        pattern: member.pattern.or(merged.pattern),
        multiple_of: member.multiple_of.or(merged.multiple_of),
        exclusive_minimum: member.exclusive_minimum.or(merged.exclusive_minimum),
        exclusive_maximum: member.exclusive_maximum.or(merged.exclusive_maximum),
        minimum: stricter(merged.minimum, member.minimum, true),
        maximum: stricter(merged.maximum, member.maximum, false),
        min_length: stricter(merged.min_length, member.min_length, true),
        max_length: stricter(merged.max_length, member.max_length, false),
        min_items: stricter(merged.min_items, member.min_items, true),
        max_items: stricter(merged.max_items, member.max_items, false),
        unique_items: member.unique_items.or(merged.unique_items),
        items: member.items.or(merged.items),
        enumeration,
        ..AnySchema::default()
    }
}

/// Whether two property schemas accept the same values: their annotations aside.
fn same_schema(
    first: &ReferenceOr<Box<openapiv3::Schema>>,
    second: &ReferenceOr<Box<openapiv3::Schema>>,
) -> bool {
    match (first, second) {
        (ReferenceOr::Item(first), ReferenceOr::Item(second)) => {
            first.schema_kind == second.schema_kind
                && first.schema_data.nullable == second.schema_data.nullable
        }
        _ => first == second,
    }
}

/// A property schema that accepts any value.
fn any_value() -> ReferenceOr<Box<openapiv3::Schema>> {
    ReferenceOr::Item(Box::new(openapiv3::Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Any(AnySchema::default()),
    }))
}
