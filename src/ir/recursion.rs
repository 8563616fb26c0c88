//! Recursion between named types. A type that refers back to itself through a field is
//! fine once boxed (a `Box` gives it a finite size; references through arrays and maps are
//! already behind a pointer). A type that refers back to itself without nesting — an alias
//! of an alias of itself, a union with itself as a member, an object whose `allOf` has a
//! `oneOf` leading back to it — describes no value a validator could ever finish
//! checking, so such cycles are cut before any later stage walks the types.

use super::{Schema, Ty, TypeDef, TypeId, TypeKind};
use crate::diagnostics::Diagnostic;

/// A reference from a type to another that consumes no nesting of the value.
#[derive(Debug, Clone, Copy)]
struct BareLink {
    from: TypeId,
    via: Via,
    to: TypeId,
}

/// What makes a bare link.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Via {
    Alias,
    /// A union's member, by index.
    Member(usize),
    /// One of the unions an object must match as a whole ([`super::Struct::alternatives`]).
    Alternative(usize),
}

/// Cuts every cycle of bare links: an object's union that leads back is not checked, else
/// a union member that does is left out, each with a warning; a cycle of aliases alone is
/// an error, and is cut so that later stages finish.
pub fn cut_bare_cycles(types: &mut [TypeDef]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    while let Some(mut cycle) = find_bare_cycle(types) {
        // Cut where the fewest values are refused: an object's union, else a union's
        // member; and tell the cycle from there.
        let cut = cycle
            .iter()
            .position(|link| matches!(link.via, Via::Alternative(_)))
            .or_else(|| {
                cycle
                    .iter()
                    .position(|link| matches!(link.via, Via::Member(_)))
            })
            .unwrap_or(0);
        cycle.rotate_left(cut);
        let route: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|link| types[link.from.0].pointer.as_str())
            .collect();
        let route = route.join(" → ");
        match cycle[0].via {
            Via::Alternative(index) => {
                let object_def = &mut types[cycle[0].from.0];
                if let TypeKind::Struct(object) = &mut object_def.kind {
                    object.alternatives.remove(index);
                }
                diagnostics.push(Diagnostic::warning(
                    object_def.pointer.clone(),
                    format!("a `oneOf`/`anyOf` of this object's `allOf` refers back to it without nesting ({route}); which of its members the object takes is not checked"),
                ));
            }
            Via::Member(member) => {
                let union_def = &mut types[cycle[0].from.0];
                if let TypeKind::Union(union) = &mut union_def.kind {
                    union.variants.remove(member);
                    if union.variants.is_empty() {
                        diagnostics.push(Diagnostic::invalid(
                            union_def.pointer.clone(),
                            format!("this union's only member refers back to it ({route}): it describes no value"),
                        ));
                        union_def.kind = TypeKind::Alias(Box::new(Schema::of(Ty::Any)));
                        continue;
                    }
                }
                diagnostics.push(Diagnostic::warning(
                    union_def.pointer.clone(),
                    format!("member {member} refers back to this union without nesting ({route}); it adds nothing and is left out"),
                ));
            }
            Via::Alias => {
                let first = cycle[0].from;
                diagnostics.push(Diagnostic::invalid(
                    types[first.0].pointer.clone(),
                    format!("this schema is only a reference back to itself ({route}): it describes no value"),
                ));
                types[first.0].kind = TypeKind::Alias(Box::new(Schema::of(Ty::Any)));
            }
        }
    }
    diagnostics
}

fn bare_links(types: &[TypeDef]) -> Vec<Vec<BareLink>> {
    types
        .iter()
        .enumerate()
        .map(|(index, type_def)| {
            let from = TypeId(index);
            match &type_def.kind {
                TypeKind::Alias(schema) => links(from, [schema.as_ref()], |_| Via::Alias),
                TypeKind::Union(union) => links(
                    from,
                    union.variants.iter().map(|variant| &variant.schema),
                    Via::Member,
                ),
                TypeKind::Struct(object) => links(from, &object.alternatives, Via::Alternative),
                TypeKind::Enum(_) => Vec::new(),
            }
        })
        .collect()
}

/// The bare links `schemas` make from `from`, the one at `index` made `via(index)`.
fn links<'a>(
    from: TypeId,
    schemas: impl IntoIterator<Item = &'a Schema>,
    via: fn(usize) -> Via,
) -> Vec<BareLink> {
    schemas
        .into_iter()
        .enumerate()
        .filter_map(|(index, schema)| {
            held_by_value(schema).map(|to| BareLink {
                from,
                via: via(index),
                to,
            })
        })
        .collect()
}

/// One cycle of bare links, as the links in order, found by an iterative depth-first search.
fn find_bare_cycle(types: &[TypeDef]) -> Option<Vec<BareLink>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unseen,
        OnPath,
        Done,
    }
    let links = bare_links(types);
    let mut marks = vec![Mark::Unseen; types.len()];
    for start in 0..types.len() {
        if marks[start] != Mark::Unseen {
            continue;
        }
        // The path from `start`: each entry a type and how many of its links were tried;
        // `taken[i]` is the link that led from entry i to entry i + 1.
        let mut path = vec![(start, 0usize)];
        let mut taken: Vec<BareLink> = Vec::new();
        marks[start] = Mark::OnPath;
        while let Some((current, tried)) = path.last_mut() {
            let current = *current;
            let Some(link) = links[current].get(*tried).copied() else {
                marks[current] = Mark::Done;
                path.pop();
                taken.pop();
                continue;
            };
            *tried += 1;
            match marks[link.to.0] {
                Mark::OnPath => {
                    let entry = path.iter().position(|(index, _)| *index == link.to.0)?;
                    let mut cycle = taken[entry..].to_vec();
                    cycle.push(link);
                    return Some(cycle);
                }
                Mark::Unseen => {
                    marks[link.to.0] = Mark::OnPath;
                    path.push((link.to.0, 0));
                    taken.push(link);
                }
                Mark::Done => {}
            }
        }
    }
    None
}

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
