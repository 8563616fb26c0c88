//! Which named types the service validates. Requests are checked against shapes before
//! they are read into models, so a type needs a validation shape only when a request can
//! carry it, or when its model is read through one (a union picks its member by
//! validating). Responses are written by the service and never validated.

use super::{Additional, Api, BodyKind, Schema, Ty, TypeId, TypeKind};

/// The types a request can carry, in a body or parameter, at any depth.
pub fn request_types(api: &Api) -> Vec<bool> {
    reachable(api, request_schemas(api))
}

/// The types a JSON request body can carry, at any depth: those the service reads
/// straight from a body's bytes.
pub fn json_body_types(api: &Api) -> Vec<bool> {
    let bodies = api
        .operations
        .iter()
        .filter_map(|operation| operation.body.as_ref())
        .filter(|body| body.kind == BodyKind::Json)
        .map(|body| &body.schema)
        .collect();
    reachable(api, bodies)
}

/// The types whose validation shapes the service uses: those requests carry, and every
/// union with what its members reach.
pub fn validated_types(api: &Api) -> Vec<bool> {
    let unions: Vec<Schema> = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, type_def)| matches!(type_def.kind, TypeKind::Union(_)))
        .map(|(index, _)| Schema::of(Ty::Named(TypeId(index))))
        .collect();
    let mut roots = request_schemas(api);
    roots.extend(&unions);
    reachable(api, roots)
}

fn request_schemas(api: &Api) -> Vec<&Schema> {
    api.operations
        .iter()
        .flat_map(|operation| {
            operation
                .parameters
                .iter()
                .map(|parameter| &parameter.schema)
                .chain(operation.body.iter().map(|body| &body.schema))
        })
        .collect()
}

/// Every named type `roots` refer to, directly or through other types.
fn reachable<'a>(api: &'a Api, mut pending: Vec<&'a Schema>) -> Vec<bool> {
    let mut reached = vec![false; api.types.len()];
    while let Some(schema) = pending.pop() {
        match &schema.ty {
            Ty::Array(inner) | Ty::Map(inner) => pending.push(inner),
            Ty::Named(id) if !reached[id.0] => {
                reached[id.0] = true;
                match &api.type_def(*id).kind {
                    TypeKind::Struct(object) => {
                        pending.extend(object.fields.iter().map(|field| &field.schema));
                        pending.extend(&object.alternatives);
                        if let Additional::Keep(values) = &object.additional {
                            pending.push(values);
                        }
                    }
                    TypeKind::Union(union) => {
                        pending.extend(union.variants.iter().map(|variant| &variant.schema))
                    }
                    TypeKind::Alias(inner) => pending.push(inner),
                    TypeKind::Enum(_) => {}
                }
            }
            _ => {}
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::json_body_types;
    use crate::ir::tests::model;

    #[test]
    fn json_bodies_reach_their_models_at_any_depth_and_nothing_else() {
        let schemas = "\
Order: {type: object, properties: {lines: {type: array, items: {$ref: '#/components/schemas/Line'}}}}
Line: {type: object, properties: {sku: {type: string}}}
Upload: {type: object, properties: {name: {type: string}}}
Receipt: {type: object, properties: {total: {type: number}}}
";
        let paths = "\
/orders:
  post:
    requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
    responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Receipt'}}}}}
/uploads:
  post:
    requestBody: {content: {multipart/form-data: {schema: {$ref: '#/components/schemas/Upload'}}}}
    responses: {'204': {description: none}}
";
        let (api, _) = model(schemas, paths);
        let reached = json_body_types(&api);
        let mut names: Vec<&str> = api
            .types
            .iter()
            .zip(reached)
            .filter(|(_, reached)| *reached)
            .map(|(type_def, _)| type_def.name.as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["Line", "Order"]);
    }
}
