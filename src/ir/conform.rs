//! Whether a value fits a schema, as strictly as JSON Schema and the generated service
//! would judge it: examples and defaults are checked with it before specforge uses them.
//! String formats are checked by the generated service's own `formats.rs`, compiled in
//! here too, so that both sides apply one set of rules.

use serde_json::Value;

use super::formats::Format;
use super::{
    Additional, Api, Bound, IntegerFormat, Schema, StringFormat, Ty, TypeId, TypeKind, Union,
};

/// Checks `value` against `schema` as strictly as JSON Schema would; the error says where
/// and why the first mismatch is.
pub fn conforms(api: &Api, schema: &Schema, value: &Value) -> Result<(), String> {
    check_value(api, schema, value, "")
}

fn check_value(api: &Api, schema: &Schema, value: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| failure(at, why);
    if value.is_null() {
        return if schema.nullable || schema.ty == Ty::Any {
            Ok(())
        } else {
            fail("null is not allowed".into())
        };
    }
    let constraints = &schema.constraints;
    if let Some(allowed) = &constraints.allowed
        && !allowed.contains(value)
    {
        return fail(format!("{value} is not one of the allowed values"));
    }
    match &schema.ty {
        Ty::Any => Ok(()),
        Ty::File if value.get("content").is_some_and(Value::is_string) => Ok(()),
        Ty::File => fail("expected an uploaded file".into()),
        Ty::FreeObject => match value.as_object() {
            Some(object) => check_property_count(
                constraints.min_properties,
                constraints.max_properties,
                object.len(),
            )
            .or_else(fail),
            None => fail("expected an object".into()),
        },
        Ty::Boolean if value.is_boolean() => Ok(()),
        Ty::Boolean => fail("expected a boolean".into()),
        Ty::Integer(format) => {
            let Some(number) = value.as_i64() else {
                return fail("expected an integer".into());
            };
            if *format == IntegerFormat::Int32 && i32::try_from(number).is_err() {
                return fail("the integer does not fit in 32 bits".into());
            }
            check_number(
                constraints.minimum,
                constraints.maximum,
                constraints.multiple_of,
                number as f64,
            )
            .or_else(fail)
        }
        Ty::Number(_) => match value.as_f64() {
            Some(number) => check_number(
                constraints.minimum,
                constraints.maximum,
                constraints.multiple_of,
                number,
            )
            .or_else(fail),
            None => fail("expected a number".into()),
        },
        Ty::String(format) => match value.as_str() {
            Some(text) => check_string(schema, *format, text).or_else(fail),
            None => fail("expected a string".into()),
        },
        Ty::Array(items) => check_array(api, schema, items, value, at),
        Ty::Map(values) => check_map(api, schema, values, value, at),
        Ty::Named(id) => check_named(api, *id, value, at),
    }
}

fn check_named(api: &Api, id: TypeId, value: &Value, at: &str) -> Result<(), String> {
    let fail = |why: String| failure(at, why);
    match &api.type_def(id).kind {
        TypeKind::Alias(schema) => check_value(api, schema, value, at),
        TypeKind::Enum(enumeration) => {
            if enumeration
                .variants
                .iter()
                .any(|variant| variant.value == *value)
            {
                Ok(())
            } else {
                fail(format!("{value} is not one of the enum's values"))
            }
        }
        // With a discriminator, the service reads the member its tag names, and refuses a
        // value without one: so does an example.
        TypeKind::Union(Union {
            variants,
            discriminator: Some(property),
        }) => {
            let Some(tag) = value.get(property).and_then(Value::as_str) else {
                return fail(format!("the discriminator `{property}` is missing"));
            };
            match variants
                .iter()
                .find(|variant| variant.tags.iter().any(|known| known == tag))
            {
                Some(variant) => check_value(api, &variant.schema, value, at),
                None => fail(format!("`{tag}` is not a tag of the union")),
            }
        }
        TypeKind::Union(union) => {
            if union
                .variants
                .iter()
                .any(|variant| check_value(api, &variant.schema, value, at).is_ok())
            {
                Ok(())
            } else {
                fail("matches none of the union's members".into())
            }
        }
        TypeKind::Struct(object) => {
            let Some(properties) = value.as_object() else {
                return fail("expected an object".into());
            };
            check_property_count(
                object.min_properties,
                object.max_properties,
                properties.len(),
            )
            .or_else(fail)?;
            for field in &object.fields {
                match properties.get(&field.json_name) {
                    Some(element) => check_value(
                        api,
                        &field.schema,
                        element,
                        &format!("{at}/{}", field.json_name),
                    )?,
                    None if field.required => {
                        return fail(format!(
                            "required property `{}` is missing",
                            field.json_name
                        ));
                    }
                    None => {}
                }
            }
            let undeclared = properties
                .iter()
                .filter(|(key, _)| !object.fields.iter().any(|field| field.json_name == **key));
            for (key, element) in undeclared {
                match &object.additional {
                    Additional::Ignore => {}
                    Additional::Forbid => return fail(format!("property `{key}` is not allowed")),
                    Additional::Keep(schema) => {
                        check_value(api, schema, element, &format!("{at}/{key}"))?
                    }
                }
            }
            object
                .alternatives
                .iter()
                .try_for_each(|union| check_value(api, union, value, at))
        }
    }
}

fn check_property_count(
    min: Option<usize>,
    max: Option<usize>,
    count: usize,
) -> Result<(), String> {
    if min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max) {
        return Err(format!(
            "{count} properties is outside minProperties/maxProperties"
        ));
    }
    Ok(())
}

fn check_number(
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    multiple_of: Option<f64>,
    number: f64,
) -> Result<(), String> {
    let below = minimum.is_some_and(|bound| {
        if bound.exclusive {
            number <= bound.value
        } else {
            number < bound.value
        }
    });
    let above = maximum.is_some_and(|bound| {
        if bound.exclusive {
            number >= bound.value
        } else {
            number > bound.value
        }
    });
    if below || above {
        return Err(format!("{number} is out of bounds"));
    }
    if let Some(divisor) = multiple_of
        && !is_multiple_of(number, divisor)
    {
        return Err(format!("{number} is not a multiple of {divisor}"));
    }
    Ok(())
}

/// Whether `number` is a multiple of `divisor` within a float's precision, as the
/// generated service judges it.
pub fn is_multiple_of(number: f64, divisor: f64) -> bool {
    let quotient = number / divisor;
    (quotient - quotient.round()).abs() <= 1e-9
}

fn check_string(schema: &Schema, format: StringFormat, text: &str) -> Result<(), String> {
    let constraints = &schema.constraints;
    let length = text.chars().count();
    if constraints.min_length.is_some_and(|min| length < min)
        || constraints.max_length.is_some_and(|max| length > max)
    {
        return Err(format!("{text:?} has a length outside minLength/maxLength"));
    }
    if let Some(pattern) = &constraints.pattern
        && !pattern.is_match(text)
    {
        return Err(format!("{text:?} does not match `{}`", pattern.source));
    }
    match shared_format(format).read(text) {
        Ok(None) => Ok(()),
        // Pydantic's reading takes a datetime at midnight for its date, JSON Schema (and
        // the typed models the stubs and tests parse examples into) does not.
        Ok(Some(read)) if format == StringFormat::Date => Err(format!(
            "{text:?} is no date by JSON Schema's letter; Pydantic reads it as {read:?}"
        )),
        Ok(Some(_)) => Ok(()),
        Err(error) => Err(format!("{text:?}: {}", error.message)),
    }
}

/// Where a check failed, and why.
fn failure(at: &str, why: String) -> Result<(), String> {
    Err(format!(
        "at `{}`: {why}",
        if at.is_empty() { "/" } else { at }
    ))
}

fn check_array(
    api: &Api,
    schema: &Schema,
    items: &Schema,
    value: &Value,
    at: &str,
) -> Result<(), String> {
    let constraints = &schema.constraints;
    let Some(elements) = value.as_array() else {
        return failure(at, "expected an array".into());
    };
    if constraints
        .min_items
        .is_some_and(|min| elements.len() < min)
        || constraints
            .max_items
            .is_some_and(|max| elements.len() > max)
    {
        return failure(
            at,
            format!("{} items is outside minItems/maxItems", elements.len()),
        );
    }
    if constraints.unique_items
        && elements
            .iter()
            .enumerate()
            .any(|(index, element)| elements[..index].contains(element))
    {
        return failure(at, "the items are not unique".into());
    }
    elements
        .iter()
        .enumerate()
        .try_for_each(|(index, element)| check_value(api, items, element, &format!("{at}/{index}")))
}

fn check_map(
    api: &Api,
    schema: &Schema,
    values: &Schema,
    value: &Value,
    at: &str,
) -> Result<(), String> {
    let constraints = &schema.constraints;
    let Some(object) = value.as_object() else {
        return failure(at, "expected an object".into());
    };
    if let Err(why) = check_property_count(
        constraints.min_properties,
        constraints.max_properties,
        object.len(),
    ) {
        return failure(at, why);
    }
    object
        .iter()
        .try_for_each(|(key, element)| check_value(api, values, element, &format!("{at}/{key}")))
}

/// The format as the generated service checks it.
fn shared_format(format: StringFormat) -> Format {
    match format {
        StringFormat::Email => Format::Email,
        StringFormat::Uuid => Format::Uuid,
        StringFormat::DateTime => Format::DateTime,
        StringFormat::Date => Format::Date,
        StringFormat::Uri => Format::Uri,
        StringFormat::Ipv4 => Format::Ipv4,
        StringFormat::Ipv6 => Format::Ipv6,
        StringFormat::Plain | StringFormat::Bytes => Format::None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::conforms;
    use crate::ir::tests::model;
    use crate::ir::{Schema, StringFormat, Ty, TypeId};

    #[test]
    fn a_date_is_the_full_date_json_schema_writes() {
        let date = Schema::of(Ty::String(StringFormat::Date));
        let (api, _) = model("", "");
        assert!(conforms(&api, &date, &json!("1970-05-20")).is_ok());
        for not_a_date in [
            "1970-05-20T00:00:00.000+0000",
            "1970-05-20T00:00:00Z",
            "0",
            "1970-5-20",
        ] {
            assert!(
                conforms(&api, &date, &json!(not_a_date)).is_err(),
                "{not_a_date}"
            );
        }
    }

    #[test]
    fn a_tagged_union_takes_only_values_with_a_known_tag() {
        let (api, _) = model(
            "Cat: {type: object, properties: {kind: {type: string}, lives: {type: integer}}}\nDog: {type: object, properties: {kind: {type: string}}}\nPet:\n  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n  discriminator:\n    propertyName: kind\n",
            "",
        );
        let pet = (0..api.types.len())
            .map(TypeId)
            .find(|id| api.type_def(*id).name == "Pet")
            .expect("Pet is a type");
        let schema = Schema::of(Ty::Named(pet));
        assert!(conforms(&api, &schema, &json!({"kind": "Cat", "lives": 9})).is_ok());
        assert!(
            conforms(&api, &schema, &json!({"lives": 9})).is_err(),
            "no tag"
        );
        assert!(
            conforms(&api, &schema, &json!({"kind": "Cow"})).is_err(),
            "an unknown tag"
        );
        assert!(
            conforms(&api, &schema, &json!({"kind": "Cat", "lives": "x"})).is_err(),
            "the tagged member's own rules"
        );
    }
}
