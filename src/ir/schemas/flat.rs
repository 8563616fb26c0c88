//! The flat view of a schema: `openapiv3`'s typed variants folded into one
//! [`AnySchema`], so that every schema is converted by a single path whatever keywords it
//! mixes.

use openapiv3::{AnySchema, SchemaKind, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

/// One flat view of any schema kind, so that a single conversion path serves them all.
pub(super) fn flat_view(kind: &SchemaKind) -> AnySchema {
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
