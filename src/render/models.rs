//! `api/src/models.rs` and `api/src/constraints.rs`: the spec's schemas as Rust types, and
//! the validation shape of each.

use askama::Template;

use super::GENERATED_HEADER;
use super::api_crate::OperationShapes;
use super::rust::{doc_lines, string_literal};
use super::shapes::{ShapeWriter, pattern_static};
use super::types::RustType;
use crate::ir::{
    self, Additional, Api, Enumeration, PatternEngine, Struct, TypeDef, TypeKind, Union,
};
use crate::names::PATTERNS_MODULE;

#[derive(Template)]
#[template(path = "api/src/models.rs", escape = "none")]
pub struct ModelsFile {
    pub header: &'static str,
    /// The macros of `crate::macros` the file writes types with.
    pub macros: Vec<&'static str>,
    pub items: Vec<ModelItem>,
}

pub enum ModelItem {
    Struct(StructView),
    Enum(EnumView),
    Union(UnionView),
    Alias(AliasView),
}

pub struct StructView {
    pub name: String,
    pub doc: Vec<String>,
    /// Read straight from a request body's bytes (`#[read_straight]`): its reading is
    /// compiled for each deserializer, so only the models JSON bodies carry are.
    pub read_straight: bool,
    pub fields: Vec<FieldView>,
}

pub struct FieldView {
    pub doc: Vec<String>,
    pub name: String,
    pub ty: RustType,
    /// The JSON name, as a literal, where it differs from the Rust one.
    pub rename: Option<String>,
    /// Absent from JSON when `None`.
    pub optional: bool,
    /// Keeps the properties the schema does not declare.
    pub flattened: bool,
    /// Nested deeply enough that clippy finds the type too complex.
    pub complex: bool,
}

pub struct EnumView {
    pub name: String,
    /// Serialized as an integer rather than a string.
    pub integer: bool,
    pub doc: Vec<String>,
    /// The variants share words, as the spec's values do (clippy's `enum_variant_names`).
    pub repetitive_names: bool,
    pub variants: Vec<EnumVariantView>,
    pub default_variant: String,
}

pub struct EnumVariantView {
    pub name: String,
    /// The value as a Rust literal: `"sold"` or `2`.
    pub value: String,
}

pub struct UnionView {
    pub name: String,
    /// The discriminator property, as a literal, for a union whose members carry a tag
    /// (and write it through their own `Serialize`).
    pub tag_property: Option<String>,
    pub doc: Vec<String>,
    /// The variants share words (clippy's `enum_variant_names`).
    pub repetitive_names: bool,
    pub shape: String,
    pub variants: Vec<UnionVariantView>,
}

pub struct UnionVariantView {
    pub name: String,
    /// The discriminator value written for this member, as a literal.
    pub tag: String,
    pub ty: RustType,
}

pub struct AliasView {
    pub name: String,
    pub doc: Vec<String>,
    pub ty: RustType,
}

impl ModelsFile {
    pub fn new(api: &Api) -> Self {
        let in_json_bodies = ir::json_body_types(api);
        let items = api
            .types
            .iter()
            .zip(in_json_bodies)
            .map(|(type_def, in_json_body)| {
                let name = type_def.name.clone();
                let doc = doc_lines(type_def.doc.as_deref());
                match &type_def.kind {
                    TypeKind::Struct(object) => {
                        ModelItem::Struct(struct_view(api, object, name, doc, in_json_body))
                    }
                    TypeKind::Enum(enumeration) => {
                        ModelItem::Enum(enum_view(enumeration, name, doc))
                    }
                    TypeKind::Union(union) => {
                        ModelItem::Union(union_view(api, union, type_def, name, doc))
                    }
                    TypeKind::Alias(schema) => ModelItem::Alias(AliasView {
                        name,
                        doc,
                        ty: RustType::of(api, schema),
                    }),
                }
            })
            .collect();
        let structs = api
            .types
            .iter()
            .any(|type_def| matches!(type_def.kind, TypeKind::Struct(_)));
        let string_enums = api.types.iter().any(
            |type_def| matches!(&type_def.kind, TypeKind::Enum(enumeration) if !enumeration.integer),
        );
        let unions = api
            .types
            .iter()
            .any(|type_def| matches!(type_def.kind, TypeKind::Union(_)));
        Self {
            header: GENERATED_HEADER,
            macros: [
                ("json_struct", structs),
                ("json_union", unions),
                ("string_enum", string_enums),
            ]
            .into_iter()
            .filter(|(_, used)| *used)
            .map(|(name, _)| name)
            .collect(),
            items,
        }
    }
}

fn struct_view(
    api: &Api,
    object: &Struct,
    name: String,
    doc: Vec<String>,
    read_straight: bool,
) -> StructView {
    let mut fields: Vec<FieldView> = object
        .fields
        .iter()
        .map(|field| {
            let mut ty = RustType::of(api, &field.schema);
            if field.boxed {
                ty = ty.boxed();
            }
            let ty = ty.optional_if(!field.required);
            FieldView {
                doc: doc_lines(field.doc.as_deref()),
                name: field.rust_name.clone(),
                rename: (field.rust_name != field.json_name)
                    .then(|| string_literal(&field.json_name)),
                optional: !field.required,
                flattened: false,
                complex: ty.nesting() >= DEEPLY_NESTED,
                ty,
            }
        })
        .collect();
    if let Additional::Keep(values) = &object.additional {
        let ty = RustType::Map(Box::new(RustType::of(api, values)));
        fields.push(FieldView {
            doc: vec!["Properties the schema does not declare.".to_owned()],
            name: object.additional_rust_name.clone(),
            rename: None,
            optional: false,
            flattened: true,
            complex: false,
            ty,
        });
    }
    StructView {
        name,
        doc,
        read_straight,
        fields,
    }
}

fn enum_view(enumeration: &Enumeration, name: String, doc: Vec<String>) -> EnumView {
    let variants: Vec<EnumVariantView> = enumeration
        .variants
        .iter()
        .map(|variant| EnumVariantView {
            name: variant.rust_name.clone(),
            value: match &variant.value {
                serde_json::Value::String(text) => string_literal(text),
                other => other.to_string(),
            },
        })
        .collect();
    let names: Vec<&str> = variants
        .iter()
        .map(|variant| variant.name.as_str())
        .collect();
    EnumView {
        repetitive_names: repetitive_variant_names(&name, &names),
        default_variant: names
            .first()
            .map(|name| (*name).to_owned())
            .unwrap_or_default(),
        integer: enumeration.integer,
        name,
        doc,
        variants,
    }
}

fn union_view(
    api: &Api,
    union: &Union,
    type_def: &TypeDef,
    name: String,
    doc: Vec<String>,
) -> UnionView {
    let variants: Vec<UnionVariantView> = union
        .variants
        .iter()
        .map(|variant| {
            let inner = RustType::of(api, &variant.schema);
            UnionVariantView {
                name: variant.rust_name.clone(),
                tag: string_literal(
                    variant
                        .tags
                        .first()
                        .map_or(variant.name_hint.as_str(), String::as_str),
                ),
                ty: if variant.boxed {
                    RustType::Box(Box::new(inner))
                } else {
                    inner
                },
            }
        })
        .collect();
    let names: Vec<&str> = variants
        .iter()
        .map(|variant| variant.name.as_str())
        .collect();
    UnionView {
        repetitive_names: repetitive_variant_names(&name, &names),
        tag_property: union.discriminator.as_deref().map(string_literal),
        shape: type_def.shape_name.clone(),
        name,
        doc,
        variants,
    }
}

/// Whether clippy flags the variants for sharing a word with each other or with the enum;
/// they spell the spec's values, so the lint is allowed on such enums only.
fn repetitive_variant_names(enum_name: &str, variants: &[&str]) -> bool {
    let words = |name: &str| -> Vec<String> {
        let mut words = Vec::new();
        for c in name.chars() {
            if c.is_ascii_uppercase() || words.is_empty() {
                words.push(String::new());
            }
            if let Some(word) = words.last_mut() {
                word.push(c);
            }
        }
        words
    };
    let split: Vec<Vec<String>> = variants.iter().map(|variant| words(variant)).collect();
    let shared_edge = |edge: fn(&Vec<String>) -> Option<&String>| {
        variants.len() >= 3
            && split.iter().all(|w| w.len() > 1)
            && split
                .windows(2)
                .all(|pair| edge(&pair[0]) == edge(&pair[1]))
    };
    let repeats_enum_name = variants
        .iter()
        .any(|variant| variant.starts_with(enum_name) || variant.ends_with(enum_name));
    shared_edge(|w| w.first()) || shared_edge(|w| w.last()) || repeats_enum_name
}

/// Generic nesting from which clippy finds a field's type too complex.
const DEEPLY_NESTED: usize = 6;

#[derive(Template)]
#[template(path = "api/src/constraints.rs", escape = "none")]
pub struct ConstraintsFile {
    pub header: &'static str,
    /// What the operations' modules declare their parameters and bodies as:
    /// `crate::extract::Parameter` and `RequestBody`.
    pub extract_imports: Vec<&'static str>,
    /// Whether some operation's module holds its path template, a `crate::routing::PathTemplate`.
    pub path_templates: bool,
    pub imports: Vec<&'static str>,
    pub shapes: Vec<ShapeStatic>,
    pub operations: Vec<OperationShapes>,
    pub patterns: Vec<ShapeStatic>,
    pub patterns_module: &'static str,
    /// Whether some shape checks email addresses, which the crate then compiles in.
    pub checks_email: bool,
}

pub struct ShapeStatic {
    pub doc: String,
    pub name: String,
    /// The static's type: `Shape`, `Parameter`, `RequestBody`, `PathTemplate` or `Pattern`.
    pub ty: &'static str,
    pub value: String,
}

impl ConstraintsFile {
    /// The file, with `shapes` having spelled the operations' shapes; the types' are
    /// spelled here, after them.
    pub fn new(api: &Api, operations: Vec<OperationShapes>, mut shapes: ShapeWriter) -> Self {
        let validated = ir::validated_types(api);
        let type_shapes: Vec<ShapeStatic> = api
            .types
            .iter()
            .zip(validated)
            .filter(|(_, validated)| *validated)
            .map(|(type_def, _)| ShapeStatic {
                doc: format!("The constraints of [`crate::models::{}`].", type_def.name),
                name: type_def.shape_name.clone(),
                ty: "Shape",
                value: shapes.type_shape(api, type_def),
            })
            .collect();
        let patterns = shapes
            .patterns
            .iter()
            .enumerate()
            .map(|(index, pattern)| ShapeStatic {
                doc: String::new(),
                name: pattern_static(index),
                ty: "Pattern",
                value: match pattern.engine {
                    PatternEngine::Rust => {
                        format!("Pattern::new({})", string_literal(&pattern.source))
                    }
                    PatternEngine::Ecma => {
                        format!("Pattern::ecma({})", string_literal(&pattern.source))
                    }
                },
            })
            .collect();
        Self {
            header: GENERATED_HEADER,
            extract_imports: ["Parameter", "RequestBody"]
                .into_iter()
                .filter(|ty| {
                    operations
                        .iter()
                        .flat_map(|operation| &operation.shapes)
                        .any(|shape| shape.ty == *ty)
                })
                .collect(),
            path_templates: operations
                .iter()
                .flat_map(|operation| &operation.shapes)
                .any(|shape| shape.ty == "PathTemplate"),
            imports: shapes.rule_types(),
            checks_email: shapes.checks_email(),
            shapes: type_shapes,
            operations,
            patterns,
            patterns_module: PATTERNS_MODULE,
        }
    }
}
