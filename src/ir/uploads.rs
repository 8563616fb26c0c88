//! Files in multipart bodies: a binary string property of a `multipart/form-data` body is
//! an uploaded file, not text. Decided after every schema is converted, since a body's
//! schema is usually a component named before any operation is read.

use super::{BodyKind, Operation, StringFormat, Ty, TypeDef, TypeKind};

/// Turns the binary string properties (and lists of them) of every multipart body's
/// object into files.
pub(super) fn mark_files(types: &mut [TypeDef], operations: &[Operation]) {
    let bodies = operations
        .iter()
        .filter_map(|operation| operation.body.as_ref())
        .filter(|body| body.kind == BodyKind::Multipart);
    for body in bodies {
        let Ty::Named(id) = body.schema.ty else {
            continue;
        };
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
