//! Statics as `constraints.rs` renders them, with names, shapes and defaults of every
//! width, laid out here and by `rustfmt`.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

fn constant(draws: &mut Draws, low: usize, high: usize) -> String {
    draws.name(low, high).to_ascii_uppercase()
}

fn shape(draws: &mut Draws) -> String {
    match draws.below(3) {
        // Some names too long for a line of their own.
        _ if draws.below(8) == 0 => format!("&{}", constant(draws, 90, 110)),
        0 => format!(
            "&{}",
            draws.pick(&["Shape::STRING", "Shape::INTEGER", "Shape::Boolean"])
        ),
        _ => format!("&{}", constant(draws, 2, 80)),
    }
}

/// A borrowed shape with a struct literal of rules, maybe inside other shapes.
fn rules(draws: &mut Draws) -> String {
    let mut fields = Vec::new();
    let literal = match draws.below(3) {
        0 => {
            if draws.below(2) == 0 {
                fields.push(format!("min_length: Some({})", draws.between(0, 999)));
            }
            if draws.below(2) == 0 {
                fields.push(format!("max_length: Some({})", draws.between(0, 99999)));
            }
            if fields.is_empty() || draws.below(2) == 0 {
                fields.push(format!(
                    "pattern: Some(&patterns::PATTERN_{})",
                    draws.between(0, 99)
                ));
            }
            let format = draws.pick(&["None", "Email", "DateTime"]);
            format!(
                "Shape::String(&StringRules {{ {}, ..StringRules::of(Format::{format}) }})",
                fields.join(", ")
            )
        }
        1 => {
            let bound = |draws: &mut Draws| {
                let kind = draws.pick(&["inclusive", "exclusive"]);
                format!(
                    "Some(Bound::{kind}({}.{}))",
                    draws.between(0, 9999),
                    draws.below(10)
                )
            };
            if draws.below(2) == 0 {
                fields.push(format!("minimum: {}", bound(draws)));
            }
            if fields.is_empty() || draws.below(2) == 0 {
                fields.push(format!("maximum: {}", bound(draws)));
            }
            let (kind, base) = match draws.below(3) {
                0 => ("Number", "NumberRules::ANY"),
                1 => ("Integer", "NumberRules::INT32"),
                _ => ("Integer", "NumberRules::ANY"),
            };
            format!(
                "Shape::{kind}(&NumberRules {{ {}, ..{base} }})",
                fields.join(", ")
            )
        }
        _ => {
            fields.push(format!("min_items: Some({})", draws.between(0, 99)));
            if draws.below(2) == 0 {
                fields.push("unique_items: true".to_owned());
            }
            format!(
                "Shape::Array(&ArrayRules {{ {}, ..ArrayRules::of(&{}) }})",
                fields.join(", "),
                constant(draws, 2, 70)
            )
        }
    };
    match draws.below(4) {
        0 => format!("&Shape::Nullable(&{literal})"),
        1 => format!("&Shape::Array(&ArrayRules::of(&{literal}))"),
        _ => format!("&{literal}"),
    }
}

fn parameter(draws: &mut Draws) -> String {
    let location = draws.pick(&["path", "query", "header", "cookie"]);
    let name = draws.name(1, 40);
    let shape = if draws.below(3) == 0 {
        rules(draws)
    } else {
        shape(draws)
    };
    let then = match draws.below(4) {
        0 => String::new(),
        1 => format!(".defaulted(\"\\\"{}\\\"\")", draws.name(1, 30)),
        2 => format!(".defaulted(\"{}\")", draws.between(0, 99999)),
        _ => ".optional()".to_owned(),
    };
    format!(
        "pub static {}: Parameter = Parameter::{location}(\"{name}\", {shape}){then};\n",
        constant(draws, 1, 40)
    )
}

fn field(draws: &mut Draws) -> String {
    // Some fields short enough for a list of them to fit on a line.
    let short = draws.below(4) == 0;
    let name = if short {
        draws.name(1, 4)
    } else {
        draws.name(1, 40)
    };
    let target = if short {
        constant(draws, 2, 5)
    } else if draws.below(4) == 0 {
        // Names too long for the calls around them to stay on one line.
        constant(draws, 50, 90)
    } else {
        constant(draws, 2, 60)
    };
    let shape = match draws.below(6) {
        _ if short => format!("&{target}"),
        5 => rules(draws),
        0 => "&Shape::STRING".to_owned(),
        1 => format!("&{target}"),
        2 => format!("&Shape::Nullable(&{target})"),
        3 if draws.below(2) == 0 => {
            format!("&Shape::Nullable(&Shape::Array(&ArrayRules::of(&{target})))")
        }
        3 => format!("&Shape::Array(&ArrayRules::of(&{target}))"),
        _ => "&Shape::Nullable(&Shape::STRING)".to_owned(),
    };
    match draws.below(3) {
        _ if short => format!("Field::required(\"{name}\", {shape})"),
        0 => format!("Field::required(\"{name}\", {shape})"),
        1 => format!("Field::optional(\"{name}\", {shape})"),
        _ => format!(
            "Field::defaulted(\"{name}\", {shape}, \"\\\"{}\\\"\")",
            draws.name(1, 20)
        ),
    }
}

fn object(draws: &mut Draws) -> String {
    let fields: Vec<String> = (0..draws.between(1, 6)).map(|_| field(draws)).collect();
    let rules = format!(
        "ObjectRules::new(\"{}\", &[{}])",
        draws.camel(2, 90),
        fields.join(", ")
    );
    let rules = match draws.below(3) {
        0 => format!("ObjectRules {{ extra: Extra::Forbid, ..{rules} }}"),
        1 if draws.below(2) == 0 => {
            format!("ObjectRules {{ extra: Extra::Forbid, min_properties: Some(1), ..{rules} }}")
        }
        _ => rules,
    };
    format!(
        "/// The constraints of [`crate::models::Thing`].\npub static {}: Shape = Shape::Object(&{rules});\n",
        constant(draws, 2, 90),
    )
}

fn literal(draws: &mut Draws) -> String {
    let members: Vec<String> = (0..draws.between(1, 6))
        .map(|_| match draws.below(4) {
            0 => "Literal::Null".to_owned(),
            1 => format!("Literal::Int({})", draws.between(0, 99999)),
            _ => format!("Literal::String(\"{}\")", draws.name(1, 50)),
        })
        .collect();
    format!(
        "pub static {}: Shape = Shape::Literal(&[{}]);\n",
        constant(draws, 2, 90),
        members.join(", ")
    )
}

fn top_level(draws: &mut Draws) -> String {
    // Some names too long for `pub static NAME: Type =` to fit a line.
    let name = if draws.below(4) == 0 {
        constant(draws, 70, 110)
    } else {
        constant(draws, 2, 90)
    };
    match draws.below(4) {
        0 => return object(draws),
        1 => return literal(draws),
        _ => {}
    }
    let value = match draws.below(5) {
        4 if draws.below(2) == 0 => format!("Shape = {}", &rules(draws)[1..]),
        4 => format!("RequestBody = RequestBody::required({})", rules(draws)),
        0 => format!("Shape = Shape::Ref(&{})", constant(draws, 2, 90)),
        1 => format!("RequestBody = RequestBody::required({})", shape(draws)),
        2 => format!("RequestBody = RequestBody::optional({})", shape(draws)),
        _ => format!(
            "Pattern = Pattern::new(\"^[a-z]{{{}}}\\\\.\")",
            draws.between(1, 60)
        ),
    };
    let docs = draws.pick(&["", "/// The constraints of [`crate::models::Thing`].\n"]);
    format!("{docs}pub static {name}: {value};\n")
}

fn rendered_constraints(draws: &mut Draws) -> String {
    if draws.below(2) == 0 {
        return top_level(draws);
    }
    let mut text = format!(
        "/// The parameters and body of `{0}`.\npub mod {0} {{\n    use super::*;\n\n",
        draws.name(2, 60)
    );
    for _ in 0..draws.between(1, 4) {
        text.push_str(&parameter(draws));
    }
    text.push_str("}\n");
    text
}

#[test]
fn statics_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0xc057_2026_1130);
    let rendered: Vec<String> = (0..3000)
        .map(|_| rendered_constraints(&mut draws))
        .collect();
    assert_laid_out_as_rustfmt(&rendered, item, 71);
}

#[test]
fn literals_of_rules_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x5a1e_2026_1129);
    let rendered: Vec<String> = (0..4000)
        .map(|_| rendered_constraints(&mut draws))
        .filter(|text| text.contains("Rules {"))
        .collect();
    assert_laid_out_as_rustfmt(&rendered, item, 73);
}

#[test]
fn nested_values_are_left_to_rustfmt() {
    for text in [
        "pub static A: Shape = Shape::Object(&ObjectRules::new(\"A\", &[]));\n",
        "pub static A: Shape = Shape::Literal(&[Literal::String(\"a\")]);\n",
        "pub mod m {\n    use super::*;\n\npub static A: Shape = Shape::Ref(&B);\n\npub static C: Shape = Shape::Ref(&D);\n}\n",
        "pub static A: Parameter = Parameter::path(\"a\", &B).optional().defaulted(\"1\");\n",
    ] {
        assert_eq!(item(text), None, "{text}");
    }
}
