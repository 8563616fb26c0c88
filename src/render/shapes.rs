//! Validation shapes as `constraints.rs` spells them: the static data the generated
//! validator walks. A [`ShapeWriter`] declares each `pattern` once and notes which rule
//! types of `crate::validation` the shapes it spelled use, so that the file imports
//! exactly those.

use std::collections::BTreeSet;

use heck::ToShoutySnakeCase;
use serde_json::Value;

use super::rust::{float_literal, string_literal};
use crate::ir::{
    self, Additional, Api, Bound, IntegerFormat, Pattern, Schema, StringFormat, Struct, Ty,
    TypeDef, TypeKind,
};
use crate::names::PATTERNS_MODULE;

/// Spells shapes; keeps the patterns they use and the rule types they name.
#[derive(Debug, Default)]
pub struct ShapeWriter {
    /// Each distinct `pattern`, in the order first used: `PATTERN_<index>`.
    pub patterns: Vec<Pattern>,
    rule_types: BTreeSet<&'static str>,
    /// Whether a spelled shape checks email addresses.
    checks_email: bool,
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

    /// Whether some spelled shape checks email addresses (the runtime's `email` feature).
    pub fn checks_email(&self) -> bool {
        self.checks_email
    }

    fn uses(&mut self, rule_types: &[&'static str]) {
        self.rule_types.extend(rule_types);
    }

    fn pattern(&mut self, pattern: &Pattern) -> String {
        let index = match self.patterns.iter().position(|known| known == pattern) {
            Some(index) => index,
            None => {
                self.patterns.push(pattern.clone());
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
            Ty::File => "Shape::File".to_owned(),
            Ty::Boolean => "Shape::Boolean".to_owned(),
            Ty::FreeObject => {
                self.uses(&["MapRules"]);
                let rules = map_rules("&Shape::Any".to_owned(), schema);
                format!("Shape::FreeObject(&{rules})")
            }
            Ty::Integer(format) => {
                let (plain, base) = match format {
                    IntegerFormat::Int32 => ("Shape::INT32", "NumberRules::INT32"),
                    IntegerFormat::Int64 => ("Shape::INTEGER", "NumberRules::ANY"),
                };
                match self.number_rules(schema, base) {
                    Some(rules) => format!("Shape::Integer(&{rules})"),
                    None => plain.to_owned(),
                }
            }
            Ty::Number(_) => match self.number_rules(schema, "NumberRules::ANY") {
                Some(rules) => format!("Shape::Number(&{rules})"),
                None => "Shape::NUMBER".to_owned(),
            },
            Ty::String(format) => {
                self.checks_email |= *format == StringFormat::Email;
                let mut changes = Vec::new();
                if let Some(min) = constraints.min_length {
                    changes.push(format!("min_length: Some({min})"));
                }
                if let Some(max) = constraints.max_length {
                    changes.push(format!("max_length: Some({max})"));
                }
                if let Some(pattern) = &constraints.pattern {
                    changes.push(format!("pattern: Some({})", self.pattern(pattern)));
                }
                if changes.is_empty() {
                    return format!("Shape::{}", plain_string_shape(*format));
                }
                self.uses(&["StringRules", "Format"]);
                let base = format!("StringRules::of(Format::{})", format_name(*format));
                format!("Shape::String(&{})", changed("StringRules", base, &changes))
            }
            Ty::Array(items) => {
                self.uses(&["ArrayRules"]);
                let mut changes = Vec::new();
                if let Some(min) = constraints.min_items {
                    changes.push(format!("min_items: Some({min})"));
                }
                if let Some(max) = constraints.max_items {
                    changes.push(format!("max_items: Some({max})"));
                }
                if constraints.unique_items {
                    changes.push("unique_items: true".to_owned());
                }
                let base = format!("ArrayRules::of({})", self.reference(api, items));
                format!("Shape::Array(&{})", changed("ArrayRules", base, &changes))
            }
            Ty::Map(values) => {
                self.uses(&["MapRules"]);
                let rules = map_rules(self.reference(api, values), schema);
                format!("Shape::Map(&{rules})")
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
            TypeKind::Struct(object) => self.object_shape(api, &type_def.name, object),
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

    /// The shape of the model `name`: its fields, and what it does with others.
    fn object_shape(&mut self, api: &Api, name: &str, object: &Struct) -> String {
        let fields: Vec<String> = object
            .fields
            .iter()
            .map(|field| {
                self.uses(&["Field"]);
                let name = string_literal(&field.json_name);
                let shape = self.reference(api, &field.schema);
                // A default that does not fit (`"30"` for an integer) is read as the value it
                // spells, or left out, as for parameters.
                match ir::fitted_default(api, &field.schema) {
                    _ if field.required => format!("Field::required({name}, {shape})"),
                    Some(default) => format!(
                        "Field::defaulted({name}, {shape}, {})",
                        string_literal(&default.to_string())
                    ),
                    None => format!("Field::optional({name}, {shape})"),
                }
            })
            .collect();
        let mut changes = Vec::new();
        match &object.additional {
            Additional::Ignore => {}
            Additional::Forbid => {
                self.uses(&["Extra"]);
                changes.push("extra: Extra::Forbid".to_owned());
            }
            Additional::Keep(schema) => {
                self.uses(&["Extra"]);
                changes.push(format!(
                    "extra: Extra::Keep({})",
                    self.reference(api, schema)
                ));
            }
        }
        if let Some(min) = object.min_properties {
            changes.push(format!("min_properties: Some({min})"));
        }
        if let Some(max) = object.max_properties {
            changes.push(format!("max_properties: Some({max})"));
        }
        if !object.alternatives.is_empty() {
            let unions: Vec<String> = object
                .alternatives
                .iter()
                .map(|union| self.reference(api, union))
                .collect();
            changes.push(format!("alternatives: &[{}]", unions.join(", ")));
        }
        self.uses(&["Shape", "ObjectRules"]);
        let base = format!(
            "ObjectRules::new({}, &[{}])",
            string_literal(name),
            fields.join(", ")
        );
        format!("Shape::Object(&{})", changed("ObjectRules", base, &changes))
    }

    /// The rules of a number the spec bounds; `None` when it adds nothing to `base`.
    fn number_rules(&mut self, schema: &Schema, base: &str) -> Option<String> {
        let constraints = &schema.constraints;
        let mut changes = Vec::new();
        if let Some(bound) = constraints.minimum {
            changes.push(format!("minimum: Some({})", self.bound(bound)));
        }
        if let Some(bound) = constraints.maximum {
            changes.push(format!("maximum: Some({})", self.bound(bound)));
        }
        if let Some(divisor) = constraints.multiple_of {
            changes.push(format!("multiple_of: Some({})", float_literal(divisor)));
        }
        if changes.is_empty() {
            return None;
        }
        self.uses(&["NumberRules"]);
        Some(changed("NumberRules", base.to_owned(), &changes))
    }

    fn bound(&mut self, bound: Bound) -> String {
        self.uses(&["Bound"]);
        let kind = if bound.exclusive {
            "exclusive"
        } else {
            "inclusive"
        };
        format!("Bound::{kind}({})", float_literal(bound.value))
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

/// The constant of `Shape` for a string of `format` with no other constraint: the
/// format's name in capitals (`Shape::DATE_TIME`), `Shape::STRING` for none.
fn plain_string_shape(format: StringFormat) -> String {
    match format_name(format) {
        "None" => "STRING".to_owned(),
        name => name.to_shouty_snake_case(),
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
        Ty::File => "UploadFile".to_owned(),
    }
}

/// The rules of `base` with the `changes` the spec makes (`field: value`), written as a
/// struct update so that the defaults are not spelled out.
fn changed(rules: &str, base: String, changes: &[String]) -> String {
    if changes.is_empty() {
        base
    } else {
        format!("{rules} {{ {}, ..{base} }}", changes.join(", "))
    }
}

/// The rules of an object whose every value is `values`.
fn map_rules(values: String, schema: &Schema) -> String {
    let constraints = &schema.constraints;
    let mut changes = Vec::new();
    if let Some(min) = constraints.min_properties {
        changes.push(format!("min_properties: Some({min})"));
    }
    if let Some(max) = constraints.max_properties {
        changes.push(format!("max_properties: Some({max})"));
    }
    changed("MapRules", format!("MapRules::of({values})"), &changes)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_default_is_written_as_the_value_its_schema_takes() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Fetch:\n      type: object\n      properties:\n        timeout: {type: integer, default: '30'}\n        retries: {type: integer, default: 'many'}\n";
        let api = crate::names::named_model(text);
        let fetch = &api.types[0];
        let shape = ShapeWriter::default().type_shape(&api, fetch);
        assert!(
            shape.contains(r#"Field::defaulted("timeout", &Shape::INTEGER, "30")"#),
            "{shape}"
        );
        assert!(
            shape.contains(r#"Field::optional("retries", &Shape::INTEGER)"#),
            "{shape}"
        );
    }

    #[test]
    fn plain_strings_are_the_constants_shape_rs_defines() {
        let names: Vec<String> = [
            StringFormat::Plain,
            StringFormat::DateTime,
            StringFormat::Date,
            StringFormat::Uuid,
            StringFormat::Email,
            StringFormat::Uri,
            StringFormat::Ipv4,
            StringFormat::Ipv6,
            StringFormat::Bytes,
        ]
        .into_iter()
        .map(plain_string_shape)
        .collect();
        let runtime = include_str!("../../templates/api/src/shape.rs");
        for name in &names {
            assert!(
                runtime.contains(&format!("pub const {name}: Self = Self::String(")),
                "Shape::{name} is not defined"
            );
        }
        assert_eq!(names[1], "DATE_TIME");
        assert_eq!(names[6], "IPV4");
    }
}
