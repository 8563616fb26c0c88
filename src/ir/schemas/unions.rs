//! `oneOf` and `anyOf`: a union with one variant per member, tagged by its
//! `discriminator` where the spec gives one.

use openapiv3::{AnySchema, ReferenceOr, SchemaData};

use super::flat::flat_view;
use super::{TypeSpace, infer_type};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::ir::{Schema, Ty, TypeId, TypeKind, Union, UnionVariant};
use crate::resolve::component_schema_name;

impl TypeSpace<'_> {
    pub(super) fn lower_union(
        &mut self,
        data: &SchemaData,
        view: &AnySchema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        let (keyword, members) = if view.one_of.is_empty() {
            ("anyOf", &view.any_of)
        } else {
            ("oneOf", &view.one_of)
        };
        if members.len() == 1 {
            return self.lower(&members[0], &pointer_join(pointer, &[keyword, "0"]), place);
        }
        let mut discriminator = data.discriminator.as_ref();
        // A discriminator names its members by component; an inline member has no name to
        // be told by, so such a union is checked member by member, as one without a tag.
        if discriminator.is_some()
            && members
                .iter()
                .any(|member| matches!(member, ReferenceOr::Item(_)))
        {
            self.diagnostics.push(Diagnostic::warning(
                pointer_join(pointer, &["discriminator"]),
                format!(
                    "a `discriminator` tells apart `$ref`s to components, and some members of this `{keyword}` are inline; a value is checked against each member in turn instead"
                ),
            ));
            discriminator = None;
        }
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &[keyword, &index.to_string()]);
            let (name_hint, reference) =
                match member {
                    ReferenceOr::Reference { reference } => (
                        reference.rsplit('/').next().unwrap_or("Variant").to_owned(),
                        Some(reference.as_str()),
                    ),
                    ReferenceOr::Item(schema) => (
                        schema.schema_data.title.clone().unwrap_or_else(|| {
                            variant_hint(&flat_view(&schema.schema_kind), index)
                        }),
                        None,
                    ),
                };
            let mut member_place = place.to_vec();
            member_place.push(name_hint.clone());
            let schema = self.lower(member, &member_pointer, &member_place);
            let tags = match (discriminator, reference) {
                (Some(discriminator), Some(reference)) => {
                    let component = component_schema_name(reference).unwrap_or_default();
                    let mapped: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| target.as_str() == reference || **target == component)
                        .map(|(value, _)| value.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![component]
                    } else {
                        mapped
                    }
                }
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                name_hint,
                rust_name: String::new(),
                schema,
                tags,
                boxed: false,
            });
        }
        let union = Union {
            variants,
            discriminator: discriminator.map(|discriminator| discriminator.property_name.clone()),
        };
        Schema::of(Ty::Named(self.new_type(
            reserved,
            pointer,
            place,
            data,
            TypeKind::Union(union),
        )))
    }
}

/// A name for an inline union member without a title: its type, or its position.
fn variant_hint(view: &AnySchema, index: usize) -> String {
    match view.typ.as_deref().or_else(|| infer_type(view)) {
        Some("string") => "String",
        Some("integer") => "Integer",
        Some("number") => "Number",
        Some("boolean") => "Boolean",
        Some("array") => "Array",
        Some("object") => "Object",
        _ => return format!("Variant{index}"),
    }
    .to_owned()
}
