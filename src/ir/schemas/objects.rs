//! Objects: `properties` → a struct's fields (a name in `required` without a property
//! is a field of any value, so its presence is still checked), `additionalProperties` →
//! what the struct does with other keys, or a map when there are no properties.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, SchemaData};

use super::TypeSpace;
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::ir::{Additional, Field, Schema, Struct, Ty, TypeId, TypeKind};

impl TypeSpace<'_> {
    /// The object `view`, a struct where it declares properties, a map or any object
    /// where it does not; a struct too where it has `alternatives` (see [`Struct`]).
    pub(super) fn lower_object(
        &mut self,
        data: &SchemaData,
        view: &AnySchema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
        alternatives: Vec<Schema>,
    ) -> Schema {
        let additional = match &view.additional_properties {
            None | Some(AdditionalProperties::Any(true)) => Additional::Ignore,
            Some(AdditionalProperties::Any(false)) => Additional::Forbid,
            Some(AdditionalProperties::Schema(schema)) => {
                let mut value_place = place.to_vec();
                value_place.push("Value".to_owned());
                Additional::Keep(Box::new(self.lower(
                    schema,
                    &pointer_join(pointer, &["additionalProperties"]),
                    &value_place,
                )))
            }
        };
        if view.properties.is_empty() && view.required.is_empty() && alternatives.is_empty() {
            match additional {
                Additional::Keep(values) => return Schema::of(Ty::Map(values)),
                Additional::Ignore => return Schema::of(Ty::FreeObject),
                Additional::Forbid => {}
            }
        }
        let fields = self.fields(&view.properties, &view.required, pointer, place);
        let kind = TypeKind::Struct(Struct {
            fields,
            additional,
            additional_rust_name: String::new(),
            min_properties: view.min_properties,
            max_properties: view.max_properties,
            alternatives,
        });
        Schema::of(Ty::Named(
            self.new_type(reserved, pointer, place, data, kind),
        ))
    }

    fn fields(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<openapiv3::Schema>>>,
        required: &[String],
        pointer: &str,
        place: &[String],
    ) -> Vec<Field> {
        let undeclared: Vec<Field> = required
            .iter()
            .filter(|name| !properties.contains_key(*name))
            .map(|name| {
                self.diagnostics.push(Diagnostic::warning(
                    pointer_join(pointer, &["required"]),
                    format!(
                        "`{name}` is required but not declared in `properties`; its presence is checked, any value accepted"
                    ),
                ));
                Field {
                    json_name: name.clone(),
                    rust_name: String::new(),
                    schema: Schema::of(Ty::Any),
                    required: true,
                    doc: Some("Required by the spec, which declares no schema for it.".to_owned()),
                    boxed: false,
                }
            })
            .collect();
        let declared: Vec<Field> = properties
            .iter()
            .map(|(name, property)| {
                let mut field_place = place.to_vec();
                field_place.push(name.clone());
                let field_pointer = pointer_join(pointer, &["properties", name]);
                let (doc, read_only) = match property {
                    ReferenceOr::Item(schema) => (
                        schema.schema_data.description.clone(),
                        schema.schema_data.read_only,
                    ),
                    ReferenceOr::Reference { .. } => (None, false),
                };
                Field {
                    json_name: name.clone(),
                    rust_name: String::new(),
                    schema: self.lower_boxed(property, &field_pointer, &field_place),
                    // A read-only property is required in responses only (OpenAPI 3.0), and
                    // the service validates requests.
                    required: required.contains(name) && !read_only,
                    doc,
                    boxed: false,
                }
            })
            .collect();
        declared.into_iter().chain(undeclared).collect()
    }
}
