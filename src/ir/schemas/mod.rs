//! Schemas → [`Schema`]s and named [`TypeDef`]s.
//!
//! `openapiv3` splits schemas into typed variants, but real specs mix keywords freely
//! (`type: object` beside `allOf`, `enum` without `type`). Every schema is therefore first
//! viewed as one flat [`AnySchema`] and converted by a single path.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{AnySchema, ReferenceOr, SchemaData};
use serde_json::Value;

use super::{
    Bound, Constraints, EnumVariant, Enumeration, IntegerFormat, NameSource, NumberFormat, Pattern,
    Schema, StringFormat, Ty, TypeDef, TypeId, TypeKind,
};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::resolve::{Resolver, component_schema_name};
use flat::flat_view;

mod all_of;
mod flat;
mod objects;
mod unions;

/// How deep `allOf`s nested in `allOf` members (through references too) are flattened:
/// a chain that leads back to itself stops there.
const MAX_INLINE_DEPTH: usize = 48;

/// How deep schemas may nest inside one another before the rest is taken as any value:
/// a bound on the recursion of the conversion, whatever the spec.
const MAX_NESTING: usize = 64;

/// Collects the named types of an API while its schemas are converted.
pub struct TypeSpace<'a> {
    resolver: Resolver<'a>,
    pub types: Vec<TypeDef>,
    components: IndexMap<String, TypeId>,
    /// Components declared `nullable`: every reference to one may be null.
    nullable_components: Vec<TypeId>,
    pub diagnostics: Vec<Diagnostic>,
    depth: usize,
    /// How deep the schema being converted sits inside others.
    nesting: usize,
    /// Schemas reached by a `$ref` outside `#/components/schemas`, by their pointer:
    /// each is converted once, however many places refer to it.
    inline_targets: HashMap<String, InlineTarget>,
}

/// A schema reached by reference that is not a component.
enum InlineTarget {
    /// Being converted; a reference back to it gets a named type (reserved then), since
    /// only a named type can hold itself.
    InProgress(Option<TypeId>),
    Done(Box<Schema>),
}

impl<'a> TypeSpace<'a> {
    /// Gives every component schema its id before any is converted.
    pub fn new(raw: &'a Value, document: &openapiv3::OpenAPI) -> Self {
        let mut space = Self {
            resolver: Resolver::new(raw),
            types: Vec::new(),
            components: IndexMap::new(),
            nullable_components: Vec::new(),
            diagnostics: Vec::new(),
            depth: 0,
            nesting: 0,
            inline_targets: HashMap::new(),
        };
        if let Some(components) = &document.components {
            for name in components.schemas.keys() {
                let id = TypeId(space.types.len());
                space.types.push(TypeDef {
                    pointer: pointer_join("#/components/schemas", &[name]),
                    name_source: NameSource::Component(name.clone()),
                    name: String::new(),
                    shape_name: String::new(),
                    doc: None,
                    example: None,
                    kind: TypeKind::Alias(Box::new(Schema::of(Ty::Any))),
                });
                space.components.insert(name.clone(), id);
            }
            space.nullable_components = components
                .schemas
                .values()
                .enumerate()
                .filter(|(_, schema)| matches!(schema, ReferenceOr::Item(schema) if schema.schema_data.nullable))
                .map(|(index, _)| TypeId(index))
                .collect();
        }
        space
    }

    pub fn resolver(&self) -> &Resolver<'a> {
        &self.resolver
    }

    /// Converts every component schema into the type its id was reserved for.
    pub fn define_components(&mut self, document: &openapiv3::OpenAPI) {
        let Some(components) = &document.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            let id = self.components[name];
            let pointer = self.types[id.0].pointer.clone();
            let place = vec![name.clone()];
            let lowered = match schema {
                ReferenceOr::Reference { reference } => {
                    self.lower_reference(reference, &pointer, &place)
                }
                ReferenceOr::Item(schema) => self.lower_schema(schema, &pointer, &place, Some(id)),
            };
            if let ReferenceOr::Item(schema) = schema {
                self.types[id.0].example = schema.schema_data.example.clone();
            }
            if lowered.ty != Ty::Named(id) {
                let doc = match schema {
                    ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                    ReferenceOr::Reference { .. } => None,
                };
                self.types[id.0].doc = doc;
                self.types[id.0].kind = TypeKind::Alias(Box::new(lowered));
            }
        }
    }

    /// Converts a schema or reference found at `pointer`; `place` names any type it needs.
    pub fn lower(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        pointer: &str,
        place: &[String],
    ) -> Schema {
        match schema {
            ReferenceOr::Reference { reference } => self.lower_reference(reference, pointer, place),
            ReferenceOr::Item(schema) => self.lower_schema(schema, pointer, place, None),
        }
    }

    fn lower_boxed(
        &mut self,
        schema: &ReferenceOr<Box<openapiv3::Schema>>,
        pointer: &str,
        place: &[String],
    ) -> Schema {
        match schema {
            ReferenceOr::Reference { reference } => self.lower_reference(reference, pointer, place),
            ReferenceOr::Item(schema) => self.lower_schema(schema, pointer, place, None),
        }
    }

    fn lower_reference(&mut self, reference: &str, pointer: &str, place: &[String]) -> Schema {
        if let Some(id) =
            component_schema_name(reference).and_then(|name| self.components.get(&name))
        {
            return self.named(*id);
        }
        let followed = self
            .resolver
            .follow(reference, pointer)
            .and_then(|(target, value)| {
                if let Some(id) =
                    component_schema_name(&target).and_then(|name| self.components.get(&name))
                {
                    return Ok(Err(*id));
                }
                serde_json::from_value::<openapiv3::Schema>(value.clone())
                    .map(|schema| Ok((target.clone(), schema)))
                    .map_err(|error| {
                        Diagnostic::tolerated(
                            target,
                            format!("not a valid schema ({error}); any value is accepted here"),
                        )
                    })
            });
        match followed {
            Ok(Err(id)) => self.named(id),
            Ok(Ok((target, schema))) => self.lower_target(&schema, target, place),
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                Schema::of(Ty::Any)
            }
        }
    }

    /// The schema at `target`, reached by reference: converted on first use, then reused.
    fn lower_target(
        &mut self,
        schema: &openapiv3::Schema,
        target: String,
        place: &[String],
    ) -> Schema {
        match self.inline_targets.get(&target) {
            Some(InlineTarget::Done(lowered)) => return lowered.as_ref().clone(),
            Some(InlineTarget::InProgress(Some(id))) => return Schema::of(Ty::Named(*id)),
            Some(InlineTarget::InProgress(None)) => {
                let placeholder = TypeKind::Alias(Box::new(Schema::of(Ty::Any)));
                let id = self.push_type(&target, place, None, None, placeholder);
                self.inline_targets
                    .insert(target, InlineTarget::InProgress(Some(id)));
                return Schema::of(Ty::Named(id));
            }
            None => {}
        }
        self.inline_targets
            .insert(target.clone(), InlineTarget::InProgress(None));
        let mut lowered = self.lower_schema(schema, &target, place, None);
        if let Some(InlineTarget::InProgress(Some(id))) = self.inline_targets.get(&target) {
            // It refers back to itself: the reserved type holds what it turned out to be.
            let id = *id;
            self.types[id.0].kind = TypeKind::Alias(Box::new(lowered));
            lowered = Schema::of(Ty::Named(id));
        }
        self.inline_targets
            .insert(target, InlineTarget::Done(Box::new(lowered.clone())));
        lowered
    }

    /// A use of a component: nullable where the component says so.
    fn named(&self, id: TypeId) -> Schema {
        Schema {
            nullable: self.nullable_components.contains(&id),
            ..Schema::of(Ty::Named(id))
        }
    }

    /// Converts one schema object. `reserved` is the id of the component being defined:
    /// a named type created for the schema itself takes that id.
    fn lower_schema(
        &mut self,
        schema: &openapiv3::Schema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        if self.nesting >= MAX_NESTING {
            self.diagnostics.push(Diagnostic::warning(
                pointer,
                format!("nested more than {MAX_NESTING} schemas deep (a schema that copies itself through `allOf`?); any value is accepted here"),
            ));
            return Schema::of(Ty::Any);
        }
        self.nesting += 1;
        let lowered = self.lower_nested(schema, pointer, place, reserved);
        self.nesting -= 1;
        lowered
    }

    fn lower_nested(
        &mut self,
        schema: &openapiv3::Schema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        let data = &schema.schema_data;
        let view = flat_view(&schema.schema_kind);
        let mut lowered = if !view.all_of.is_empty() {
            self.lower_all_of(data, &view, pointer, place, reserved)
        } else if !view.one_of.is_empty() || !view.any_of.is_empty() {
            self.lower_union(data, &view, pointer, place, reserved)
        } else {
            self.lower_typed(data, &view, pointer, place, reserved)
        };
        lowered.nullable |= data.nullable;
        if data.default.is_some() {
            lowered.default = data.default.clone();
        }
        if data.example.is_some() {
            lowered.example = data.example.clone();
        }
        lowered
    }

    fn lower_typed(
        &mut self,
        data: &SchemaData,
        view: &AnySchema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
    ) -> Schema {
        if view.not.is_some() {
            self.diagnostics.push(Diagnostic::warning(
                pointer_join(pointer, &["not"]),
                "`not` is not checked; any value is accepted here",
            ));
        }
        let kind = view.typ.as_deref().or_else(|| infer_type(view));
        let mut nullable = view.enumeration.iter().any(Value::is_null);
        let mut values: Vec<Value> = Vec::new();
        for value in view.enumeration.iter().filter(|value| !value.is_null()) {
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
        let mut schema = match kind {
            Some("string") if !values.is_empty() => {
                let values = self.string_enum_values(values.clone(), pointer);
                let kind = TypeKind::Enum(Enumeration {
                    integer: false,
                    variants: enum_variants(data, &values),
                });
                Schema::of(Ty::Named(
                    self.new_type(reserved, pointer, place, data, kind),
                ))
            }
            Some("string") => Schema::of(Ty::String(string_format(view.format.as_deref()))),
            Some("integer") if !values.is_empty() && values.iter().all(|value| value.is_i64()) => {
                let kind = TypeKind::Enum(Enumeration {
                    integer: true,
                    variants: enum_variants(data, &values),
                });
                Schema::of(Ty::Named(
                    self.new_type(reserved, pointer, place, data, kind),
                ))
            }
            Some("integer") => Schema::of(Ty::Integer(match view.format.as_deref() {
                Some("int32") => IntegerFormat::Int32,
                _ => IntegerFormat::Int64,
            })),
            Some("number") => Schema::of(Ty::Number(match view.format.as_deref() {
                Some("float") => NumberFormat::Float,
                _ => NumberFormat::Double,
            })),
            Some("boolean") => Schema::of(Ty::Boolean),
            Some("array") => {
                let items = match &view.items {
                    Some(items) => {
                        let mut item_place = place.to_vec();
                        item_place.push("Item".to_owned());
                        self.lower_boxed(items, &pointer_join(pointer, &["items"]), &item_place)
                    }
                    None => Schema::of(Ty::Any),
                };
                Schema::of(Ty::Array(Box::new(items)))
            }
            Some("object") => self.lower_object(data, view, pointer, place, reserved, Vec::new()),
            Some("null") => {
                nullable = true;
                Schema::of(Ty::Any)
            }
            Some(other) => {
                self.diagnostics.push(Diagnostic::invalid(
                    pointer_join(pointer, &["type"]),
                    format!("`type: {other}` is not an OpenAPI type"),
                ));
                Schema::of(Ty::Any)
            }
            None => Schema::of(Ty::Any),
        };
        schema.nullable = nullable;
        schema.constraints = self.constraints(view, pointer);
        let is_enum_type = matches!(schema.ty, Ty::Named(id) if matches!(self.types[id.0].kind, TypeKind::Enum(_)));
        if !values.is_empty() && !is_enum_type {
            if values.iter().any(|value| can_hold(&schema.ty, value)) {
                schema.constraints.allowed = Some(values);
            } else if let Some(items) = items_without_enum(&mut schema.ty, &values) {
                // Specs write an array's `enum` meaning its items' (`type: array, items:
                // {type: string}, enum: [EU, US]`: vimeo, zoom), where checked as written
                // it would refuse every array.
                items.constraints.allowed = Some(values);
                self.diagnostics.push(Diagnostic::warning(
                    pointer_join(pointer, &["enum"]),
                    "`enum` lists items, not arrays; each item is checked against it",
                ));
            } else {
                self.diagnostics.push(Diagnostic::warning(
                    pointer_join(pointer, &["enum"]),
                    "`enum` lists no value of the schema's type, so none could fit; it is not checked",
                ));
            }
        }
        schema
    }

    fn new_type(
        &mut self,
        reserved: Option<TypeId>,
        pointer: &str,
        place: &[String],
        data: &SchemaData,
        kind: TypeKind,
    ) -> TypeId {
        let doc = data.description.clone().or_else(|| data.title.clone());
        match reserved {
            Some(id) => {
                self.types[id.0].doc = doc;
                self.types[id.0].kind = kind;
                id
            }
            None => self.push_type(pointer, place, doc, data.example.clone(), kind),
        }
    }

    /// A new type named from its place.
    fn push_type(
        &mut self,
        pointer: &str,
        place: &[String],
        doc: Option<String>,
        example: Option<Value>,
        kind: TypeKind,
    ) -> TypeId {
        self.types.push(TypeDef {
            pointer: pointer.to_owned(),
            name_source: NameSource::Place(place.to_vec()),
            name: String::new(),
            shape_name: String::new(),
            doc,
            example,
            kind,
        });
        TypeId(self.types.len() - 1)
    }

    /// The values of a string enum; one of another JSON type (YAML reads `16:9` as a
    /// number, `yes` as a boolean) becomes its JSON text, as a server reading the spec
    /// loosely would take it, with a warning.
    fn string_enum_values(&mut self, values: Vec<Value>, pointer: &str) -> Vec<Value> {
        let mut strings: Vec<Value> = Vec::with_capacity(values.len());
        let mut converted = Vec::new();
        for value in values {
            let value = match value {
                Value::String(_) => value,
                other => {
                    converted.push(other.to_string());
                    Value::String(other.to_string())
                }
            };
            if !strings.contains(&value) {
                strings.push(value);
            }
        }
        if !converted.is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                pointer_join(pointer, &["enum"]),
                format!(
                    "a string enum lists values that are not strings ({}); each is taken as its JSON text",
                    converted.join(", ")
                ),
            ));
        }
        strings
    }

    fn constraints(&mut self, view: &AnySchema, pointer: &str) -> Constraints {
        let pattern = view
            .pattern
            .as_deref()
            .and_then(|source| match Pattern::new(source) {
                Ok(pattern) => Some(pattern),
                Err(error) => {
                    self.diagnostics.push(Diagnostic::tolerated(
                        pointer_join(pointer, &["pattern"]),
                        format!(
                            "pattern `{source}` is not an ECMA-262 regular expression ({}); it is not checked",
                            error.lines().last().unwrap_or_default()
                        ),
                    ));
                    None
                }
            });
        Constraints {
            min_length: view.min_length,
            max_length: view.max_length,
            pattern,
            minimum: view.minimum.map(|value| Bound {
                value,
                exclusive: view.exclusive_minimum == Some(true),
            }),
            maximum: view.maximum.map(|value| Bound {
                value,
                exclusive: view.exclusive_maximum == Some(true),
            }),
            multiple_of: view.multiple_of.filter(|divisor| *divisor > 0.0),
            min_items: view.min_items,
            max_items: view.max_items,
            unique_items: view.unique_items == Some(true),
            min_properties: view.min_properties,
            max_properties: view.max_properties,
            allowed: None,
        }
    }
}

/// A schema that only annotates (`description`, `nullable`…) and constrains nothing.
fn is_annotation(view: &AnySchema) -> bool {
    *view
        == AnySchema {
            exclusive_minimum: view.exclusive_minimum,
            exclusive_maximum: view.exclusive_maximum,
            unique_items: view.unique_items,
            ..AnySchema::default()
        }
}

fn is_object_like(view: &AnySchema) -> bool {
    view.typ.as_deref().or_else(|| infer_type(view)) == Some("object")
}

/// The variants of an enum, named by `x-enum-varnames` (or `x-enumNames`) where given.
fn enum_variants(data: &SchemaData, values: &[Value]) -> Vec<EnumVariant> {
    let names: Option<Vec<String>> = ["x-enum-varnames", "x-enumNames"]
        .iter()
        .find_map(|key| data.extensions.get(*key))
        .and_then(|names| serde_json::from_value(names.clone()).ok())
        .filter(|names: &Vec<String>| names.len() == values.len());
    values
        .iter()
        .enumerate()
        .map(|(index, value)| EnumVariant {
            value: value.clone(),
            name_hint: names.as_ref().map(|names| names[index].clone()),
            rust_name: String::new(),
        })
        .collect()
}

/// The type a schema without `type` evidently has.
fn infer_type(view: &AnySchema) -> Option<&'static str> {
    if !view.properties.is_empty()
        || view.additional_properties.is_some()
        || !view.required.is_empty()
    {
        Some("object")
    } else if view.items.is_some() {
        Some("array")
    } else if (!view.enumeration.is_empty()
        && view
            .enumeration
            .iter()
            .all(|value| value.is_string() || value.is_null()))
        || view.min_length.is_some()
        || view.max_length.is_some()
        || view.pattern.is_some()
    {
        Some("string")
    } else {
        None
    }
}

fn string_format(format: Option<&str>) -> StringFormat {
    match format {
        Some("date-time") => StringFormat::DateTime,
        Some("date") => StringFormat::Date,
        Some("uuid") => StringFormat::Uuid,
        Some("email") => StringFormat::Email,
        Some("uri" | "url") => StringFormat::Uri,
        Some("ipv4") => StringFormat::Ipv4,
        Some("ipv6") => StringFormat::Ipv6,
        Some("byte" | "binary") => StringFormat::Bytes,
        _ => StringFormat::Plain,
    }
}

/// The items of an array type whose values `values` all are, when the items list none of
/// their own.
fn items_without_enum<'a>(ty: &'a mut Ty, values: &[Value]) -> Option<&'a mut Schema> {
    let Ty::Array(items) = ty else {
        return None;
    };
    let fits = |value: &Value| match (&items.ty, value) {
        (Ty::String(_), Value::String(_)) | (Ty::Boolean, Value::Bool(_)) => true,
        (Ty::Integer(_), Value::Number(number)) => number.is_i64() || number.is_u64(),
        (Ty::Number(_), Value::Number(_)) => true,
        (Ty::Any, value) => !value.is_array() && !value.is_object() && !value.is_null(),
        _ => false,
    };
    (items.constraints.allowed.is_none() && values.iter().all(fits)).then_some(&mut **items)
}

/// Whether a value of type `ty` could be `value`: an array is never a string, and so on.
fn can_hold(ty: &Ty, value: &Value) -> bool {
    match ty {
        Ty::Array(_) => value.is_array(),
        Ty::Map(_) | Ty::FreeObject => value.is_object(),
        _ => true,
    }
}
