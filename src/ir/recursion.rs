//! Marks the fields and union variants that refer back to their own type by value. Such a
//! type would have infinite size in Rust, so those places hold a `Box`. References through
//! arrays and maps are already behind a pointer and need none.

use super::{Schema, Ty, TypeDef, TypeId, TypeKind};

pub fn mark_boxes(types: &mut [TypeDef]) {
    let edges: Vec<Vec<TypeId>> = types.iter().map(by_value_targets).collect();
    for (index, type_def) in types.iter_mut().enumerate() {
        let owner = TypeId(index);
        let leads_back = |schema: &Schema| {
            held_by_value(schema).is_some_and(|target| reaches(&edges, target, owner))
        };
        match &mut type_def.kind {
            TypeKind::Struct(object) => {
                for field in &mut object.fields {
                    field.boxed = leads_back(&field.schema);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    variant.boxed = leads_back(&variant.schema);
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
        }
    }
}

/// The named type a value of this schema contains directly, not behind a `Vec` or map.
fn held_by_value(schema: &Schema) -> Option<TypeId> {
    match schema.ty {
        Ty::Named(id) => Some(id),
        _ => None,
    }
}

fn by_value_targets(type_def: &TypeDef) -> Vec<TypeId> {
    match &type_def.kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .filter_map(|field| held_by_value(&field.schema))
            .collect(),
        TypeKind::Union(union) => union
            .variants
            .iter()
            .filter_map(|variant| held_by_value(&variant.schema))
            .collect(),
        TypeKind::Alias(schema) => held_by_value(schema).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Whether `goal` can be reached from `start` through by-value containment.
fn reaches(edges: &[Vec<TypeId>], start: TypeId, goal: TypeId) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![start];
    while let Some(current) = stack.pop() {
        if current == goal {
            return true;
        }
        if std::mem::replace(&mut seen[current.0], true) {
            continue;
        }
        stack.extend(edges[current.0].iter().copied());
    }
    false
}
