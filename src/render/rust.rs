//! How IR values are spelled in generated Rust: types, validation shapes, literals, docs.

use serde_json::Value;

use crate::ir::{
    Additional, Api, Bound, IntegerFormat, NumberFormat, Schema, StringFormat, Ty, TypeDef, TypeId,
    TypeKind,
};
use crate::names::PATTERNS_MODULE;

/// Where a type is named from: inside `models.rs`, or from another module of the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Models,
    Crate,
}

/// The Rust type holding a value of `schema` (an `Option` when it may be null).
pub fn rust_type(api: &Api, schema: &Schema, scope: Scope) -> String {
    let base = base_type(api, &schema.ty, scope);
    if schema.nullable && schema.ty != Ty::Any {
        format!("Option<{base}>")
    } else {
        base
    }
}

fn base_type(api: &Api, ty: &Ty, scope: Scope) -> String {
    match ty {
        Ty::Any => "::serde_json::Value".to_owned(),
        Ty::FreeObject => "::serde_json::Map<String, ::serde_json::Value>".to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Integer(IntegerFormat::Int32) => "i32".to_owned(),
        Ty::Integer(IntegerFormat::Int64) => "i64".to_owned(),
        Ty::Number(NumberFormat::Float) => "f32".to_owned(),
        Ty::Number(NumberFormat::Double) => "f64".to_owned(),
        Ty::String(StringFormat::DateTime) => "::chrono::DateTime<::chrono::Utc>".to_owned(),
        Ty::String(StringFormat::Date) => "::chrono::NaiveDate".to_owned(),
        Ty::String(StringFormat::Uuid) => "::uuid::Uuid".to_owned(),
        Ty::String(_) => "String".to_owned(),
        Ty::Array(items) => format!("Vec<{}>", rust_type(api, items, scope)),
        Ty::Map(values) => format!(
            "::std::collections::BTreeMap<String, {}>",
            rust_type(api, values, scope)
        ),
        Ty::Named(id) => named_type(api, *id, scope),
    }
}

pub fn named_type(api: &Api, id: TypeId, scope: Scope) -> String {
    let name = &api.type_def(id).name;
    match scope {
        Scope::Models => name.clone(),
        Scope::Crate => format!("crate::models::{name}"),
    }
}

/// Regular expressions used by shapes, each declared once as a static.
#[derive(Debug, Default)]
pub struct Patterns {
    pub sources: Vec<String>,
}

impl Patterns {
    fn reference(&mut self, source: &str) -> String {
        let index = match self.sources.iter().position(|known| known == source) {
            Some(index) => index,
            None => {
                self.sources.push(source.to_owned());
                self.sources.len() - 1
            }
        };
        format!("&{PATTERNS_MODULE}::{}", pattern_static(index))
    }
}

pub fn pattern_static(index: usize) -> String {
    format!("PATTERN_{index}")
}

/// A `&'static Shape` expression for `schema`, as written inside `constraints.rs`.
pub fn shape_ref(api: &Api, schema: &Schema, patterns: &mut Patterns) -> String {
    let mut shape = match &schema.ty {
        Ty::Named(id) => format!("&{}", api.type_def(*id).shape_name),
        _ => format!("&{}", shape_value(api, schema, patterns)),
    };
    if let Some(allowed) = &schema.constraints.allowed {
        shape = format!("&Shape::OneOfValues({shape}, &[{}])", literals(allowed));
    }
    if schema.nullable && schema.ty != Ty::Any {
        shape = format!("&Shape::Nullable({shape})");
    }
    shape
}

fn shape_value(api: &Api, schema: &Schema, patterns: &mut Patterns) -> String {
    let constraints = &schema.constraints;
    match &schema.ty {
        Ty::Any => "Shape::Any".to_owned(),
        Ty::Boolean => "Shape::Boolean".to_owned(),
        Ty::FreeObject => format!(
            "Shape::FreeObject(&MapRules {{ values: &Shape::Any, min_properties: {}, max_properties: {} }})",
            option(constraints.min_properties),
            option(constraints.max_properties)
        ),
        Ty::Integer(format) => {
            let range = match format {
                IntegerFormat::Int32 => "Some((i32::MIN as i64, i32::MAX as i64))",
                IntegerFormat::Int64 => "None",
            };
            format!("Shape::Integer(&{})", number_rules(schema, range))
        }
        Ty::Number(_) => format!("Shape::Number(&{})", number_rules(schema, "None")),
        Ty::String(format) => {
            let pattern = match &constraints.pattern {
                Some(source) => format!("Some({})", patterns.reference(source)),
                None => "None".to_owned(),
            };
            let format = match format {
                StringFormat::Email => "Email",
                StringFormat::Uuid => "Uuid",
                StringFormat::DateTime => "DateTime",
                StringFormat::Date => "Date",
                StringFormat::Uri => "Uri",
                StringFormat::Ipv4 => "Ipv4",
                StringFormat::Ipv6 => "Ipv6",
                StringFormat::Plain | StringFormat::Bytes => "None",
            };
            format!(
                "Shape::String(&StringRules {{ min_length: {}, max_length: {}, pattern: {pattern}, format: Format::{format} }})",
                option(constraints.min_length),
                option(constraints.max_length)
            )
        }
        Ty::Array(items) => format!(
            "Shape::Array(&ArrayRules {{ items: {}, min_items: {}, max_items: {}, unique_items: {} }})",
            shape_ref(api, items, patterns),
            option(constraints.min_items),
            option(constraints.max_items),
            constraints.unique_items
        ),
        Ty::Map(values) => format!(
            "Shape::Map(&MapRules {{ values: {}, min_properties: {}, max_properties: {} }})",
            shape_ref(api, values, patterns),
            option(constraints.min_properties),
            option(constraints.max_properties)
        ),
        Ty::Named(id) => format!("Shape::Ref(&{})", api.type_def(*id).shape_name),
    }
}

/// A `Shape` value for `schema`, for a static of its own.
pub fn schema_shape(api: &Api, schema: &Schema, patterns: &mut Patterns) -> String {
    let reference = shape_ref(api, schema, patterns);
    match reference.strip_prefix('&') {
        Some(value) if value.starts_with("Shape::") => value.to_owned(),
        _ => format!("Shape::Ref({reference})"),
    }
}

/// The value of the static that holds a named type's shape.
pub fn type_shape(api: &Api, type_def: &TypeDef, patterns: &mut Patterns) -> String {
    match &type_def.kind {
        TypeKind::Alias(schema) => schema_shape(api, schema, patterns),
        TypeKind::Enum(enumeration) => {
            let values: Vec<Value> = enumeration
                .variants
                .iter()
                .map(|variant| variant.value.clone())
                .collect();
            format!("Shape::Literal(&[{}])", literals(&values))
        }
        TypeKind::Struct(object) => {
            let fields: Vec<String> = object
                .fields
                .iter()
                .map(|field| {
                    let default = match &field.schema.default {
                        Some(default) if !field.required => {
                            format!("Some({})", string_literal(&default.to_string()))
                        }
                        _ => "None".to_owned(),
                    };
                    format!(
                        "Field {{ name: {}, shape: {}, required: {}, default: {default} }}",
                        string_literal(&field.json_name),
                        shape_ref(api, &field.schema, patterns),
                        field.required
                    )
                })
                .collect();
            let extra = match &object.additional {
                Additional::Ignore => "Extra::Ignore".to_owned(),
                Additional::Forbid => "Extra::Forbid".to_owned(),
                Additional::Keep(schema) => {
                    format!("Extra::Keep({})", shape_ref(api, schema, patterns))
                }
            };
            format!(
                "Shape::Object(&ObjectRules {{ name: {}, fields: &[{}], extra: {extra}, min_properties: {}, max_properties: {} }})",
                string_literal(&type_def.name),
                fields.join(", "),
                option(object.min_properties),
                option(object.max_properties)
            )
        }
        TypeKind::Union(union) => {
            let variants: Vec<String> = union
                .variants
                .iter()
                .map(|variant| {
                    format!(
                        "({}, {})",
                        string_literal(&union_label(api, &variant.schema)),
                        shape_ref(api, &variant.schema, patterns)
                    )
                })
                .collect();
            let discriminator = match &union.discriminator {
                Some(property) => {
                    let mapping: Vec<String> = union
                        .variants
                        .iter()
                        .enumerate()
                        .flat_map(|(index, variant)| {
                            variant
                                .tags
                                .iter()
                                .map(move |tag| format!("({}, {index})", string_literal(tag)))
                        })
                        .collect();
                    format!(
                        "Some(Discriminator {{ property: {}, mapping: &[{}] }})",
                        string_literal(property),
                        mapping.join(", ")
                    )
                }
                None => "None".to_owned(),
            };
            format!(
                "Shape::Union(&UnionRules {{ variants: &[{}], discriminator: {discriminator} }})",
                variants.join(", ")
            )
        }
    }
}

/// The label Pydantic puts in `loc` for a union member: its model name or Python type.
fn union_label(api: &Api, schema: &Schema) -> String {
    match &schema.ty {
        Ty::Named(id) => api.type_def(*id).name.clone(),
        Ty::String(_) => "str".to_owned(),
        Ty::Integer(_) => "int".to_owned(),
        Ty::Number(_) => "float".to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Array(_) => "list".to_owned(),
        Ty::Map(_) | Ty::FreeObject => "dict".to_owned(),
        Ty::Any => "any".to_owned(),
    }
}

fn number_rules(schema: &Schema, range: &str) -> String {
    let constraints = &schema.constraints;
    format!(
        "NumberRules {{ minimum: {}, maximum: {}, multiple_of: {}, range: {range} }}",
        bound(constraints.minimum),
        bound(constraints.maximum),
        match constraints.multiple_of {
            Some(divisor) => format!("Some({})", float_literal(divisor)),
            None => "None".to_owned(),
        }
    )
}

fn bound(bound: Option<Bound>) -> String {
    match bound {
        Some(bound) => format!(
            "Some(Bound {{ value: {}, exclusive: {} }})",
            float_literal(bound.value),
            bound.exclusive
        ),
        None => "None".to_owned(),
    }
}

fn option(value: Option<usize>) -> String {
    match value {
        Some(value) => format!("Some({value})"),
        None => "None".to_owned(),
    }
}

fn literals(values: &[Value]) -> String {
    values.iter().map(literal).collect::<Vec<_>>().join(", ")
}

fn literal(value: &Value) -> String {
    match value {
        Value::Null => "Literal::Null".to_owned(),
        Value::Bool(value) => format!("Literal::Bool({value})"),
        Value::Number(number) => match number.as_i64() {
            Some(integer) => format!("Literal::Integer({integer})"),
            None => format!(
                "Literal::Float({})",
                float_literal(number.as_f64().unwrap_or_default())
            ),
        },
        Value::String(text) => format!("Literal::String({})", string_literal(text)),
        other => format!("Literal::String({})", string_literal(&other.to_string())),
    }
}

/// An `f64` literal that always reads as a float (`1.0`, not `1`).
pub fn float_literal(value: f64) -> String {
    if value.is_finite() {
        format!("{value:?}")
    } else {
        "0.0".to_owned()
    }
}

/// A Rust string literal holding `text` exactly, whatever characters it contains.
pub fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

/// `///` lines for a description: trailing space trimmed, blank edges dropped.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    let first = lines.iter().position(|line| !line.is_empty());
    let last = lines.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].to_vec(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_any_text() {
        assert_eq!(string_literal("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(float_literal(1.0), "1.0");
        assert_eq!(float_literal(0.5), "0.5");
    }

    #[test]
    fn doc_lines_drop_blank_edges() {
        assert_eq!(
            doc_lines(Some("\n  first  \n\nsecond\n\n")),
            vec!["  first", "", "second"]
        );
        assert!(doc_lines(Some("  \n")).is_empty());
    }
}
