//! Types that repeat an earlier one. Large specs write the same inline schema at many
//! places — GitHub's 3,155 inline and component string enums hold 527 distinct sets of
//! values — and each place gets a type named after it. A place's type that is exactly an
//! earlier type (same fields, variants, constraints and documentation of its members)
//! becomes an alias of that type: the place keeps its name, its documentation and its
//! example, and the definition, its validation shape and its compiled code exist once.
//! Components are left as the spec's author named and wrote them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use super::{Additional, NameSource, Schema, Ty, TypeDef, TypeId, TypeKind};

/// Turns every place-named type that repeats an earlier type into an alias of it. A type
/// that repeats one only once its members' repeats are aliased is found on a later pass.
pub fn alias_repeated_types(types: &mut [TypeDef]) {
    let hasher = RandomState::new();
    let mut canonical: Vec<TypeId> = (0..types.len()).map(TypeId).collect();
    loop {
        // Definitions by hash; the first of equal definitions is the one kept.
        let mut first_of: HashMap<u64, Vec<TypeId>> = HashMap::new();
        let mut changed = false;
        for index in 0..types.len() {
            if canonical[index] != TypeId(index) {
                continue;
            }
            let earlier = {
                let kind = resolved_kind(&types[index].kind, &canonical);
                let same_hash = first_of.entry(hasher.hash_one(&kind)).or_default();
                let earlier = same_hash
                    .iter()
                    .copied()
                    .find(|earlier| resolved_kind(&types[earlier.0].kind, &canonical) == kind);
                if earlier.is_none() {
                    same_hash.push(TypeId(index));
                }
                earlier
            };
            match earlier {
                Some(earlier) if matches!(types[index].name_source, NameSource::Place(_)) => {
                    canonical[index] = earlier;
                    types[index].kind = TypeKind::Alias(Box::new(Schema::of(Ty::Named(earlier))));
                    changed = true;
                }
                _ => {}
            }
        }
        if !changed {
            return;
        }
    }
}

/// The type `id` stands for: itself, or the end of its chain of aliases.
fn root(canonical: &[TypeId], mut id: TypeId) -> TypeId {
    while canonical[id.0] != id {
        id = canonical[id.0];
    }
    id
}

/// A type's definition with each named member replaced by the type it is an alias of.
fn resolved_kind<'a>(kind: &'a TypeKind, canonical: &[TypeId]) -> Cow<'a, TypeKind> {
    let mut aliased_member = false;
    for_each_named(kind, &mut |id| aliased_member |= canonical[id.0] != id);
    if !aliased_member {
        return Cow::Borrowed(kind);
    }
    let mut kind = kind.clone();
    for_each_schema(&mut kind, &mut |schema| {
        if let Ty::Named(id) = &mut schema.ty {
            *id = root(canonical, *id);
        }
    });
    Cow::Owned(kind)
}

/// Calls `visit` on every type a definition names, nested schemas included.
fn for_each_named(kind: &TypeKind, visit: &mut impl FnMut(TypeId)) {
    fn nested(schema: &Schema, visit: &mut impl FnMut(TypeId)) {
        match &schema.ty {
            Ty::Named(id) => visit(*id),
            Ty::Array(inner) | Ty::Map(inner) => nested(inner, visit),
            _ => {}
        }
    }
    match kind {
        TypeKind::Struct(object) => {
            object
                .fields
                .iter()
                .for_each(|field| nested(&field.schema, visit));
            if let Additional::Keep(values) = &object.additional {
                nested(values, visit);
            }
        }
        TypeKind::Union(union) => {
            union
                .variants
                .iter()
                .for_each(|variant| nested(&variant.schema, visit));
        }
        TypeKind::Alias(schema) => nested(schema, visit),
        TypeKind::Enum(_) => {}
    }
}

/// Calls `visit` on every schema a type's definition holds, nested ones included.
fn for_each_schema(kind: &mut TypeKind, visit: &mut impl FnMut(&mut Schema)) {
    match kind {
        TypeKind::Struct(object) => {
            for field in &mut object.fields {
                visit_nested(&mut field.schema, visit);
            }
            if let Additional::Keep(values) = &mut object.additional {
                visit_nested(values, visit);
            }
        }
        TypeKind::Union(union) => {
            for variant in &mut union.variants {
                visit_nested(&mut variant.schema, visit);
            }
        }
        TypeKind::Alias(schema) => visit_nested(schema, visit),
        TypeKind::Enum(_) => {}
    }
}

fn visit_nested(schema: &mut Schema, visit: &mut impl FnMut(&mut Schema)) {
    visit(schema);
    if let Ty::Array(inner) | Ty::Map(inner) = &mut schema.ty {
        visit_nested(inner, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Api, build};
    use super::*;

    fn api(text: &str) -> Api {
        let spec = crate::load::parse("spec.yaml".as_ref(), text)
            .unwrap_or_else(|errors| panic!("{errors:?}"));
        let (mut api, diagnostics) = build(&spec);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        crate::names::assign(&mut api);
        api
    }

    fn kind_of<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
        let type_def = api.types.iter().find(|type_def| type_def.name == name);
        &type_def.unwrap_or_else(|| panic!("no type {name}")).kind
    }

    fn aliased_to(api: &Api, name: &str) -> Option<String> {
        match kind_of(api, name) {
            TypeKind::Alias(schema) => match schema.ty {
                Ty::Named(id) => Some(api.type_def(id).name.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    #[test]
    fn a_place_that_repeats_a_type_is_its_alias_and_components_stay() {
        let operation = |id: &str| {
            format!(
                "    post:\n      operationId: {id}\n      parameters:\n        - {{name: state, in: query, schema: {{type: string, enum: [open, closed]}}}}\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                state: {{type: string, enum: [open, closed]}}\n                note: {{type: string}}\n      responses:\n        '204': {{description: ok}}\n"
            )
        };
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n{}  /b:\n{}components:\n  schemas:\n    State: {{type: string, enum: [open, closed]}}\n    Other: {{type: string, enum: [open, closed]}}\n",
            operation("first"),
            operation("second")
        );
        let api = api(&text);
        assert!(matches!(kind_of(&api, "State"), TypeKind::Enum(_)));
        assert!(
            matches!(kind_of(&api, "Other"), TypeKind::Enum(_)),
            "a component keeps its definition"
        );
        assert_eq!(aliased_to(&api, "FirstState").as_deref(), Some("State"));
        assert_eq!(aliased_to(&api, "SecondState").as_deref(), Some("State"));
        // The bodies differ only in which repeated enum their field names: a second pass.
        assert!(matches!(kind_of(&api, "FirstRequest"), TypeKind::Struct(_)));
        assert_eq!(
            aliased_to(&api, "SecondRequest").as_deref(),
            Some("FirstRequest")
        );
    }
}
