//! The parts of multipart bodies: a binary string property is an uploaded file, not
//! text, and an object property is sent as JSON unless the body's `encoding` says
//! otherwise (OpenAPI's default). Decided after every schema is converted, since a body's
//! schema is usually a component named before any operation is read.

use super::operations::body_kind;
use super::{BodyKind, Operation, Schema, StringFormat, Ty, TypeDef, TypeKind};

/// Turns the binary string properties (and lists of them) of every multipart body's
/// object into files, and lists the parts each body sends as JSON.
pub(super) fn mark_parts(types: &mut [TypeDef], operations: &mut [Operation]) {
    let bodies = operations
        .iter_mut()
        .filter_map(|operation| operation.body.as_mut())
        .filter(|body| body.kind == BodyKind::Multipart);
    for body in bodies {
        let Ty::Named(id) = body.schema.ty else {
            continue;
        };
        let Some(TypeKind::Struct(object)) = types.get(id.0).map(|def| &def.kind) else {
            continue;
        };
        body.json_parts = object
            .fields
            .iter()
            .filter(|field| {
                let declared = body
                    .part_types
                    .iter()
                    .find(|(part, _)| *part == field.json_name);
                match declared {
                    Some((_, content_type)) => body_kind(content_type) == BodyKind::Json,
                    None => holds_object(types, &field.schema),
                }
            })
            .map(|field| field.json_name.clone())
            .collect();
        let Some(TypeDef {
            kind: TypeKind::Struct(object),
            ..
        }) = types.get_mut(id.0)
        else {
            continue;
        };
        for field in &mut object.fields {
            match &mut field.schema.ty {
                Ty::Array(items) => mark(&mut items.ty),
                ty => mark(ty),
            }
        }
    }
}

fn mark(ty: &mut Ty) {
    if *ty == Ty::String(StringFormat::Bytes) {
        *ty = Ty::File;
    }
}

/// Whether a property holds an object (or a list of them), which a part carries as JSON.
fn holds_object(types: &[TypeDef], schema: &Schema) -> bool {
    match &schema.ty {
        Ty::Map(_) | Ty::FreeObject => true,
        Ty::Array(items) => holds_object(types, items),
        Ty::Named(id) => matches!(
            types.get(id.0).map(|def| &def.kind),
            Some(TypeKind::Struct(_) | TypeKind::Union(_))
        ),
        _ => false,
    }
}
