//! Validation shapes as `constraints.rs` spells them: the static data the generated
//! validator walks. A [`ShapeWriter`] declares each `pattern` once and notes which rule
//! types of `crate::validation` the shapes it spelled use, so that the file imports
//! exactly those.

use std::collections::BTreeSet;

use serde_json::Value;

use super::rust::{float_literal, string_literal};
use crate::ir::{
    Additional, Api, Bound, IntegerFormat, Schema, StringFormat, Ty, TypeDef, TypeKind,
};
use crate::names::PATTERNS_MODULE;

/// Spells shapes; keeps the patterns they use and the rule types they name.
#[derive(Debug, Default)]
pub struct ShapeWriter {
    /// Each distinct `pattern`, in the order first used: `PATTERN_<index>`.
    pub patterns: Vec<String>,
    rule_types: BTreeSet<&'static str>,
}

/// The static in the patterns module that holds the pattern at `index`.
pub fn pattern_static(index: usize) -> String {
    format!("PATTERN_{index}")
}

impl ShapeWriter {
    /// The rule types of `crate::validation` the spelled shapes name, in order.
    pub fn rule_types(&self) -> Vec<&'static str> {
        self.rule_types.iter().copied().collect()
    }

    fn uses(&mut self, rule_types: &[&'static str]) {
        self.rule_types.extend(rule_types);
    }

    fn pattern(&mut self, source: &str) -> String {
        let index = match self.patterns.iter().position(|known| known == source) {
            Some(index) => index,
            None => {
                self.patterns.push(source.to_owned());
                self.patterns.len() - 1
            }
        };
        format!("&{PATTERNS_MODULE}::{}", pattern_static(index))
    }

    /// A `&'static Shape` expression for `schema`.
    pub fn reference(&mut self, api: &Api, schema: &Schema) -> String {
        let mut shape = match &schema.ty {
            Ty::Named(id) => format!("&{}", api.type_def(*id).shape_name),
            _ => format!("&{}", self.value(api, schema)),
        };
        if let Some(allowed) = &schema.constraints.allowed {
            self.uses(&["Shape"]);
            shape = format!(
                "&Shape::OneOfValues({shape}, &[{}])",
                self.literals(allowed)
            );
        }
        if schema.nullable && schema.ty != Ty::Any {
            self.uses(&["Shape"]);
            shape = format!("&Shape::Nullable({shape})");
        }
        shape
    }

    /// A `Shape` value for `schema`, for a static of its own.
    pub fn schema_shape(&mut self, api: &Api, schema: &Schema) -> String {
        let reference = self.reference(api, schema);
        self.uses(&["Shape"]);
        match reference.strip_prefix('&') {
            Some(value) if value.starts_with("Shape::") => value.to_owned(),
            _ => format!("Shape::Ref({reference})"),
        }
    }

    fn value(&mut self, api: &Api, schema: &Schema) -> String {
        let constraints = &schema.constraints;
        self.uses(&["Shape"]);
        match &schema.ty {
            Ty::Any => "Shape::Any".to_owned(),
            Ty::Boolean => "Shape::Boolean".to_owned(),
            Ty::FreeObject => {
                self.uses(&["MapRules"]);
                format!(
                    "Shape::FreeObject(&MapRules {{ values: &Shape::Any, min_properties: {}, max_properties: {} }})",
                    option(constraints.min_properties),
                    option(constraints.max_properties)
                )
            }
            Ty::Integer(format) => {
                let range = match format {
                    IntegerFormat::Int32 => "Some((i32::MIN as i64, i32::MAX as i64))",
                    IntegerFormat::Int64 => "None",
                };
                format!("Shape::Integer(&{})", self.number_rules(schema, range))
            }
            Ty::Number(_) => format!("Shape::Number(&{})", self.number_rules(schema, "None")),
            Ty::String(format) => {
                self.uses(&["StringRules", "Format"]);
                let pattern = match &constraints.pattern {
                    Some(source) => format!("Some({})", self.pattern(source)),
                    None => "None".to_owned(),
                };
                format!(
                    "Shape::String(&StringRules {{ min_length: {}, max_length: {}, pattern: {pattern}, format: Format::{} }})",
                    option(constraints.min_length),
                    option(constraints.max_length),
                    format_name(*format)
                )
            }
            Ty::Array(items) => {
                self.uses(&["ArrayRules"]);
                format!(
                    "Shape::Array(&ArrayRules {{ items: {}, min_items: {}, max_items: {}, unique_items: {} }})",
                    self.reference(api, items),
                    option(constraints.min_items),
                    option(constraints.max_items),
                    constraints.unique_items
                )
            }
            Ty::Map(values) => {
                self.uses(&["MapRules"]);
                format!(
                    "Shape::Map(&MapRules {{ values: {}, min_properties: {}, max_properties: {} }})",
                    self.reference(api, values),
                    option(constraints.min_properties),
                    option(constraints.max_properties)
                )
            }
            Ty::Named(id) => format!("Shape::Ref(&{})", api.type_def(*id).shape_name),
        }
    }

    /// The value of the static that holds a named type's shape.
    pub fn type_shape(&mut self, api: &Api, type_def: &TypeDef) -> String {
        match &type_def.kind {
            TypeKind::Alias(schema) => self.schema_shape(api, schema),
            TypeKind::Enum(enumeration) => {
                let values: Vec<Value> = enumeration
                    .variants
                    .iter()
                    .map(|variant| variant.value.clone())
                    .collect();
                self.uses(&["Shape"]);
                format!("Shape::Literal(&[{}])", self.literals(&values))
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
                        self.uses(&["Field"]);
                        format!(
                            "Field {{ name: {}, shape: {}, required: {}, default: {default} }}",
                            string_literal(&field.json_name),
                            self.reference(api, &field.schema),
                            field.required
                        )
                    })
                    .collect();
                let extra = match &object.additional {
                    Additional::Ignore => "Extra::Ignore".to_owned(),
                    Additional::Forbid => "Extra::Forbid".to_owned(),
                    Additional::Keep(schema) => {
                        format!("Extra::Keep({})", self.reference(api, schema))
                    }
                };
                self.uses(&["Shape", "ObjectRules", "Extra"]);
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
                            self.reference(api, &variant.schema)
                        )
                    })
                    .collect();
                let discriminator = match &union.discriminator {
                    Some(property) => {
                        self.uses(&["Discriminator"]);
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
                self.uses(&["Shape", "UnionRules"]);
                format!(
                    "Shape::Union(&UnionRules {{ variants: &[{}], discriminator: {discriminator} }})",
                    variants.join(", ")
                )
            }
        }
    }

    fn number_rules(&mut self, schema: &Schema, range: &str) -> String {
        let constraints = &schema.constraints;
        self.uses(&["NumberRules"]);
        format!(
            "NumberRules {{ minimum: {}, maximum: {}, multiple_of: {}, range: {range} }}",
            self.bound(constraints.minimum),
            self.bound(constraints.maximum),
            match constraints.multiple_of {
                Some(divisor) => format!("Some({})", float_literal(divisor)),
                None => "None".to_owned(),
            }
        )
    }

    fn bound(&mut self, bound: Option<Bound>) -> String {
        match bound {
            Some(bound) => {
                self.uses(&["Bound"]);
                format!(
                    "Some(Bound {{ value: {}, exclusive: {} }})",
                    float_literal(bound.value),
                    bound.exclusive
                )
            }
            None => "None".to_owned(),
        }
    }

    fn literals(&mut self, values: &[Value]) -> String {
        if !values.is_empty() {
            self.uses(&["Literal"]);
        }
        values.iter().map(literal).collect::<Vec<_>>().join(", ")
    }
}

fn format_name(format: StringFormat) -> &'static str {
    match format {
        StringFormat::Email => "Email",
        StringFormat::Uuid => "Uuid",
        StringFormat::DateTime => "DateTime",
        StringFormat::Date => "Date",
        StringFormat::Uri => "Uri",
        StringFormat::Ipv4 => "Ipv4",
        StringFormat::Ipv6 => "Ipv6",
        StringFormat::Plain | StringFormat::Bytes => "None",
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

fn option(value: Option<usize>) -> String {
    match value {
        Some(value) => format!("Some({value})"),
        None => "None".to_owned(),
    }
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
