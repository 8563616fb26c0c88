use super::{Call, Doubt, assign, split_arguments};

/// `let NAME = inputs.read(ARG, &mut issues);` with a name that puts `inputs.read(` at
/// `edge` columns.
fn read_at(edge: usize) -> (String, String) {
    let name = "q".repeat(edge - "    let  = inputs.read(".len());
    let arg = format!("&declared::{}", "Q".repeat(80));
    (
        format!("let {name}"),
        format!("inputs.read({arg}, &mut issues)"),
    )
}

#[test]
fn a_method_call_at_the_edge_is_left_to_rustfmt_which_breaks_it_at_the_dot() {
    // As Microsoft Graph's `inputs.read(` of a 79-letter parameter: `rustfmt` puts
    // `.read(` on a line of its own when the call's first line would end at column 100.
    let (lhs, value) = read_at(100);
    let call = Call::parse(&value).expect("a method call of simple arguments");
    assert!(matches!(assign(&lhs, &call, 4, 1), Err(Doubt::GiveUp)));
    let (lhs, value) = read_at(99);
    let call = Call::parse(&value).expect("a method call of simple arguments");
    let laid = assign(&lhs, &call, 4, 1).expect("laid out");
    assert!(laid[0].ends_with("inputs.read("), "{laid:?}");
}

#[test]
fn raw_strings_are_passed_over_whole_when_arguments_are_split() {
    let args = r##"api::from_example(r#"{"a":"b,c"}"#)?, r"\", other(x, "y,z")"##;
    assert_eq!(
        split_arguments(args),
        Some(vec![
            r##"api::from_example(r#"{"a":"b,c"}"#)?"##,
            r#"r"\""#,
            r#"other(x, "y,z")"#,
        ])
    );
    assert_eq!(split_arguments(r#"r#"open"#), None);
}
