//! What is read as a literal of rules, and what is left to `rustfmt`.

use super::RulesLiteral;

#[test]
fn a_literal_at_the_end_of_calls_is_read() {
    let literal = RulesLiteral::parse(
        "&Shape::String(&StringRules { max_length: Some(5), ..StringRules::of(Format::None) })",
    )
    .expect("a literal of rules");
    assert_eq!(
        literal.lines("", 4),
        Some(vec![
            "    &Shape::String(&StringRules {".to_owned(),
            "        max_length: Some(5),".to_owned(),
            "        ..StringRules::of(Format::None)".to_owned(),
            "    })".to_owned(),
        ])
    );
}

#[test]
fn other_literals_are_left_to_rustfmt() {
    for text in [
        // A body narrow enough for one line.
        "&Shape::Integer(&NumberRules { ..NumberRules::ANY })",
        // A list in a field, no base, a call of two arguments around it.
        "&Shape::Union(&UnionRules { variants: &[(\"a\", &A)], discriminator: None })",
        "&Shape::String(&StringRules { max_length: Some(5) })",
        "&Field::required(\"a\", &StringRules { max_length: Some(5), ..B })",
        "&Shape::String(&StringRules { max_length: Some(5), ..B }).optional()",
    ] {
        assert!(RulesLiteral::parse(text).is_none(), "{text}");
    }
}
