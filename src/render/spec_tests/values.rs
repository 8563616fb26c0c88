//! Values for the generated tests: values that break a schema, each with the error it
//! must be answered with.

use serde_json::{Value, json};

use crate::ir::{self, Api, IntegerFormat, LARGEST_BUILT, Schema, StringFormat, Ty, TypeKind};

/// Values tried, in order, as strings that break a `pattern`.
const PATTERN_BREAKERS: [&str; 6] = ["", " ", "!@#", "0", "a", "\u{e9}"];

/// Values that break `schema`, each with the error type they must be rejected with.
pub(super) fn breaking_values(api: &Api, schema: &Schema) -> Vec<(Value, &'static str)> {
    let constraints = &schema.constraints;
    let mut values = Vec::new();
    // Past a bound, a value is taken on a multiple of a declared `multipleOf`: Pydantic
    // checks that first and reports the first rule broken only.
    let divisor = constraints
        .multiple_of
        .filter(|divisor| divisor.is_finite() && *divisor > 0.0);
    let below = |bound: ir::Bound, step: f64| {
        let value = match divisor {
            Some(divisor) if bound.exclusive => (bound.value / divisor).floor() * divisor,
            Some(divisor) => ((bound.value / divisor).ceil() - 1.0) * divisor,
            None if bound.exclusive => bound.value,
            None => bound.value - step,
        };
        let kind = if bound.exclusive {
            "greater_than"
        } else {
            "greater_than_equal"
        };
        (value, kind)
    };
    let above = |bound: ir::Bound, step: f64| {
        let value = match divisor {
            Some(divisor) if bound.exclusive => (bound.value / divisor).ceil() * divisor,
            Some(divisor) => ((bound.value / divisor).floor() + 1.0) * divisor,
            None if bound.exclusive => bound.value,
            None => bound.value + step,
        };
        let kind = if bound.exclusive {
            "less_than"
        } else {
            "less_than_equal"
        };
        (value, kind)
    };
    let on_multiple = |value: f64| divisor.is_none_or(|divisor| ir::is_multiple_of(value, divisor));
    match &schema.ty {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(_) => values.push((json!("specforge-not-a-member"), "enum")),
            TypeKind::Struct(_) => values.push((json!("not an object"), "model_attributes_type")),
            TypeKind::Alias(inner) => values.extend(breaking_values(api, inner)),
            TypeKind::Union(_) => {}
        },
        Ty::String(format) => {
            // A number is a timestamp to a date: a boolean is no date.
            values.push(match format {
                StringFormat::Date => (json!(true), "date_type"),
                _ => (json!(123), "string_type"),
            });
            if let Some(min) = constraints
                .min_length
                .filter(|min| *min > 0 && *min <= LARGEST_BUILT)
            {
                values.push((json!("x".repeat(min - 1)), "string_too_short"));
            }
            if let Some(max) = constraints.max_length.filter(|max| *max < LARGEST_BUILT) {
                values.push((json!("x".repeat(max + 1)), "string_too_long"));
            }
            // A string reports its first broken constraint only (length, pattern, format):
            // each breaker keeps to the constraints checked before its own.
            let length_fits = |text: &str| {
                let length = text.chars().count();
                constraints.min_length.is_none_or(|min| length >= min)
                    && constraints.max_length.is_none_or(|max| length <= max)
            };
            if let Some(pattern) = &constraints.pattern
                && let Some(breaker) = PATTERN_BREAKERS
                    .iter()
                    .find(|candidate| !pattern.is_match(candidate) && length_fits(candidate))
            {
                values.push((json!(breaker), "string_pattern_mismatch"));
            }
            let format_breaker = match format {
                StringFormat::Email => Some(("not-an-email", "value_error")),
                StringFormat::Uuid => Some(("not-a-uuid", "uuid_parsing")),
                StringFormat::DateTime => Some(("yesterday", "datetime_parsing")),
                StringFormat::Date => Some(("yesterday", "date_from_datetime_parsing")),
                StringFormat::Uri => Some(("not a url", "url_parsing")),
                _ => None,
            };
            let pattern_fits = |text: &str| {
                (constraints.pattern.as_ref()).is_none_or(|pattern| pattern.is_match(text))
            };
            values.extend(
                format_breaker
                    .filter(|(value, _)| length_fits(value) && pattern_fits(value))
                    .map(|(value, kind)| (json!(value), kind)),
            );
        }
        Ty::Integer(format) => {
            values.push((json!("abc"), "int_parsing"));
            values.push((json!(1.5), "int_from_float"));
            // Past a bound at the edge of i64 (`maximum: 9223372036854775807`) there is no
            // integer a request could carry: f64 arithmetic would land on the bound itself.
            let breaking = |value: f64, bound: ir::Bound, kind: &'static str| {
                let fits = (i64::MIN as f64..i64::MAX as f64).contains(&value);
                let beyond = value != bound.value || bound.exclusive;
                (fits && beyond && on_multiple(value)).then(|| (json!(value as i64), kind))
            };
            if let Some(bound) = constraints.minimum {
                let (value, kind) = below(bound, 1.0);
                values.extend(breaking(value.floor(), bound, kind));
            } else if *format == IntegerFormat::Int32 {
                let least = ir::Bound {
                    value: f64::from(i32::MIN),
                    exclusive: false,
                };
                let (value, kind) = below(least, 1.0);
                values.extend(breaking(value.floor(), least, kind));
            }
            if let Some(bound) = constraints.maximum {
                let (value, kind) = above(bound, 1.0);
                values.extend(breaking(value.ceil(), bound, kind));
            }
            if let Some(divisor) = constraints
                .multiple_of
                .filter(|divisor| divisor.fract() == 0.0 && *divisor >= 2.0)
            {
                values.push((json!(divisor as i64 + 1), "multiple_of"));
            }
        }
        Ty::Number(_) => {
            values.push((json!("abc"), "float_parsing"));
            let bounds = [
                constraints.minimum.map(|bound| below(bound, 1.0)),
                constraints.maximum.map(|bound| above(bound, 1.0)),
            ];
            for (value, kind) in bounds.into_iter().flatten() {
                if on_multiple(value) {
                    values.push((json!(value), kind));
                }
            }
        }
        Ty::Boolean => values.push((json!("maybe"), "bool_parsing")),
        Ty::Array(items) => {
            values.push((json!("not a list"), "list_type"));
            if constraints.min_items.is_some_and(|min| min > 0) {
                values.push((json!([]), "too_short"));
            }
            if let Some(max) = constraints.max_items.filter(|max| *max < LARGEST_BUILT)
                && let Some(item) = ir::example_for(api, items, None)
            {
                values.push((Value::Array(vec![item; max + 1]), "too_long"));
            }
        }
        Ty::Map(_) => values.push((json!("not an object"), "dict_type")),
        Ty::FreeObject | Ty::Any | Ty::File => {}
    }
    values
}

/// Whether a breaking value still breaks the parameter once written as text: a number is
/// then a valid string, a fraction an unparsable integer, and any text a list of one item.
pub(super) fn provable_through_text(schema: &Schema, value: &Value, kind: &str) -> bool {
    let lost_as_text = matches!(
        kind,
        "string_type"
            | "date_type"
            | "int_from_float"
            | "list_type"
            | "dict_type"
            | "model_attributes_type"
            | "too_short"
    );
    let number_as_string = value.is_number() && matches!(schema.ty, Ty::String(_));
    !lost_as_text && !number_as_string
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Bound, NumberFormat};

    fn breakers(
        ty: Ty,
        bounds: [Option<Bound>; 2],
        multiple_of: f64,
    ) -> Vec<(Value, &'static str)> {
        let api = Api {
            title: String::new(),
            version: String::new(),
            description: None,
            types: Vec::new(),
            tags: Vec::new(),
            operations: Vec::new(),
            security_schemes: Vec::new(),
        };
        let mut schema = Schema::of(ty);
        [schema.constraints.minimum, schema.constraints.maximum] = bounds;
        schema.constraints.multiple_of = Some(multiple_of);
        breaking_values(&api, &schema)
    }

    /// Pydantic reports only the first rule broken, `multipleOf` first: a value past a
    /// bound must be a multiple, or the bound's error would never show.
    #[test]
    fn a_bound_is_broken_on_a_multiple_of_a_declared_multiple_of() {
        let inclusive = |value| {
            Some(Bound {
                value,
                exclusive: false,
            })
        };
        let exclusive = |value| {
            Some(Bound {
                value,
                exclusive: true,
            })
        };
        let int64 = Ty::Integer(IntegerFormat::Int64);
        let found = breakers(int64.clone(), [inclusive(10.0), inclusive(100.0)], 7.0);
        for expected in [
            (json!(7), "greater_than_equal"),
            (json!(105), "less_than_equal"),
            (json!(8), "multiple_of"),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
        let found = breakers(int64, [exclusive(0.0), exclusive(21.0)], 3.0);
        for expected in [(json!(0), "greater_than"), (json!(21), "less_than")] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
        let found = breakers(Ty::Integer(IntegerFormat::Int32), [None, None], 10.0);
        let below_int32 = (json!(-2_147_483_650_i64), "greater_than_equal");
        assert!(found.contains(&below_int32), "{found:?}");
        let found = breakers(
            Ty::Number(NumberFormat::Double),
            [exclusive(0.1), inclusive(1.0)],
            0.25,
        );
        for expected in [
            (json!(0.0), "greater_than"),
            (json!(1.25), "less_than_equal"),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
    }
}
