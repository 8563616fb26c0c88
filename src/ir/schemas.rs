//! Schemas → [`Schema`]s and named [`TypeDef`]s.
//!
//! `openapiv3` splits schemas into typed variants, but real specs mix keywords freely
//! (`type: object` beside `allOf`, `enum` without `type`). Every schema is therefore first
//! viewed as one flat [`AnySchema`] and converted by a single path.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, SchemaData, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{
    Additional, Bound, Constraints, EnumVariant, Enumeration, Field, IntegerFormat, NameSource,
    NumberFormat, Schema, StringFormat, Struct, Ty, TypeDef, TypeId, TypeKind, Union, UnionVariant,
};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::resolve::{Resolver, component_schema_name};

/// How deep inline references may nest before they are taken to be a cycle; cycles are
/// only representable through `#/components/schemas`.
const MAX_INLINE_DEPTH: usize = 48;

/// Collects the named types of an API while its schemas are converted.
pub struct TypeSpace<'a> {
    resolver: Resolver<'a>,
    pub types: Vec<TypeDef>,
    components: IndexMap<String, TypeId>,
    /// Components declared `nullable`: every reference to one may be null.
    nullable_components: Vec<TypeId>,
    pub diagnostics: Vec<Diagnostic>,
    depth: usize,
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
                        Diagnostic::invalid(target, format!("not a valid schema: {error}"))
                    })
            });
        match followed {
            Ok(Err(id)) => self.named(id),
            Ok(Ok((target, schema))) => {
                if self.depth >= MAX_INLINE_DEPTH {
                    self.diagnostics.push(Diagnostic::unsupported(
                        pointer,
                        format!("`$ref: {reference}` is recursive outside `#/components/schemas`; move the schema there"),
                    ));
                    return Schema::of(Ty::Any);
                }
                self.depth += 1;
                let lowered = self.lower_schema(&schema, &target, place, None);
                self.depth -= 1;
                lowered
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                Schema::of(Ty::Any)
            }
        }
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
                if values.iter().all(Value::is_string) {
                    let kind = TypeKind::Enum(Enumeration {
                        integer: false,
                        variants: enum_variants(data, &values),
                    });
                    Schema::of(Ty::Named(
                        self.new_type(reserved, pointer, place, data, kind),
                    ))
                } else {
                    self.diagnostics.push(Diagnostic::invalid(
                        pointer_join(pointer, &["enum"]),
                        "a string enum lists a value that is not a string",
                    ));
                    Schema::of(Ty::String(StringFormat::Plain))
                }
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
            Some("object") => self.lower_object(data, view, pointer, place, reserved),
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
            schema.constraints.allowed = Some(values);
        }
        schema
    }

    fn lower_object(
        &mut self,
        data: &SchemaData,
        view: &AnySchema,
        pointer: &str,
        place: &[String],
        reserved: Option<TypeId>,
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
        if view.properties.is_empty() {
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
        for name in required {
            if !properties.contains_key(name) {
                self.diagnostics.push(Diagnostic::warning(
                    pointer_join(pointer, &["required"]),
                    format!(
                        "`{name}` is required but not declared in `properties`; it is not checked"
                    ),
                ));
            }
        }
        properties
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
            .collect()
    }

    /// `allOf` becomes one struct holding every member's properties. A lone member (the
    /// usual way to add a description or `nullable` to a `$ref`) is that member itself.
    fn lower_all_of(
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
        let mut properties = IndexMap::new();
        let mut required = Vec::new();
        let mut additional = None;
        let members = self.all_of_members(view, pointer);
        let (unions, members): (Vec<_>, Vec<_>) = members
            .into_iter()
            .filter(|(_, member)| !is_annotation(member))
            .partition(|(_, member)| !member.one_of.is_empty() || !member.any_of.is_empty());
        for (member_pointer, _) in &unions {
            self.diagnostics.push(Diagnostic::warning(
                member_pointer.clone(),
                "a `oneOf`/`anyOf` inside `allOf` is not checked yet; the other members are",
            ));
        }
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
        let flat = AnySchema {
            typ: Some("object".to_owned()),
            properties,
            required,
            additional_properties: additional,
            min_properties: view.min_properties,
            max_properties: view.max_properties,
            ..AnySchema::default()
        };
        self.lower_object(data, &flat, pointer, place, reserved)
    }

    /// Every member of an `allOf`, references followed and nested `allOf`s flattened.
    fn all_of_members(&mut self, view: &AnySchema, pointer: &str) -> Vec<(String, AnySchema)> {
        let mut members = Vec::new();
        for (index, member) in view.all_of.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &["allOf", &index.to_string()]);
            let Some((target, member)) = self.member_view(member, &member_pointer) else {
                continue;
            };
            if !member.all_of.is_empty() && self.depth < MAX_INLINE_DEPTH {
                self.depth += 1;
                let nested = self.all_of_members(&member, &target);
                self.depth -= 1;
                members.extend(nested);
            }
            members.push((
                target,
                AnySchema {
                    all_of: Vec::new(),
                    ..member
                },
            ));
        }
        members
    }

    /// An `allOf` of strings, numbers or arrays: one schema with every member's
    /// constraints. Members of different types can never all hold.
    fn lower_scalar_all_of(
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
    fn member_view(
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

    fn lower_union(
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
        let discriminator = data.discriminator.as_ref();
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
                (Some(_), None) => {
                    self.diagnostics.push(Diagnostic::unsupported(
                        member_pointer,
                        "a member of a union with a `discriminator` must be a `$ref` to a component schema",
                    ));
                    Vec::new()
                }
                (None, _) => Vec::new(),
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
            None => {
                self.types.push(TypeDef {
                    pointer: pointer.to_owned(),
                    name_source: NameSource::Place(place.to_vec()),
                    name: String::new(),
                    shape_name: String::new(),
                    doc,
                    example: data.example.clone(),
                    kind,
                });
                TypeId(self.types.len() - 1)
            }
        }
    }

    fn constraints(&mut self, view: &AnySchema, pointer: &str) -> Constraints {
        let pattern = view.pattern.clone().filter(|pattern| match regex::Regex::new(pattern) {
            Ok(_) => true,
            Err(error) => {
                self.diagnostics.push(Diagnostic::warning(
                    pointer_join(pointer, &["pattern"]),
                    format!(
                        "pattern `{pattern}` is not supported by the regex engine and is not checked: {}",
                        error.to_string().lines().last().unwrap_or_default().trim_start_matches("error: ")
                    ),
                ));
                false
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

/// One flat view of any schema kind, so that a single conversion path serves them all.
fn flat_view(kind: &SchemaKind) -> AnySchema {
    match kind {
        SchemaKind::Any(any) => any.clone(),
        SchemaKind::OneOf { one_of } => AnySchema {
            one_of: one_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AnyOf { any_of } => AnySchema {
            any_of: any_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AllOf { all_of } => AnySchema {
            all_of: all_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::Not { not } => AnySchema {
            not: Some(not.clone()),
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::String(string)) => AnySchema {
            typ: Some("string".to_owned()),
            format: format_name(&string.format),
            pattern: string.pattern.clone(),
            enumeration: enum_values(&string.enumeration),
            min_length: string.min_length,
            max_length: string.max_length,
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::Number(number)) => AnySchema {
            typ: Some("number".to_owned()),
            format: format_name(&number.format),
            multiple_of: number.multiple_of,
            exclusive_minimum: Some(number.exclusive_minimum),
            exclusive_maximum: Some(number.exclusive_maximum),
            minimum: number.minimum,
            maximum: number.maximum,
            enumeration: enum_values(&number.enumeration),
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::Integer(integer)) => AnySchema {
            typ: Some("integer".to_owned()),
            format: format_name(&integer.format),
            multiple_of: integer.multiple_of.map(|divisor| divisor as f64),
            exclusive_minimum: Some(integer.exclusive_minimum),
            exclusive_maximum: Some(integer.exclusive_maximum),
            minimum: integer.minimum.map(|value| value as f64),
            maximum: integer.maximum.map(|value| value as f64),
            enumeration: enum_values(&integer.enumeration),
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::Boolean(boolean)) => AnySchema {
            typ: Some("boolean".to_owned()),
            enumeration: enum_values(&boolean.enumeration),
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::Object(object)) => AnySchema {
            typ: Some("object".to_owned()),
            properties: object.properties.clone(),
            required: object.required.clone(),
            additional_properties: object.additional_properties.clone(),
            min_properties: object.min_properties,
            max_properties: object.max_properties,
            ..AnySchema::default()
        },
        SchemaKind::Type(Type::Array(array)) => AnySchema {
            typ: Some("array".to_owned()),
            items: array.items.clone(),
            min_items: array.min_items,
            max_items: array.max_items,
            unique_items: Some(array.unique_items),
            ..AnySchema::default()
        },
    }
}

/// An `enum` list as JSON values, `null` standing for a `None`.
fn enum_values<T: Clone + Into<Value>>(values: &[Option<T>]) -> Vec<Value> {
    values
        .iter()
        .map(|value| value.clone().map_or(Value::Null, Into::into))
        .collect()
}

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => {
            serde_json::to_value(item).ok()?.as_str().map(str::to_owned)
        }
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
