use super::{Expr, statement};

fn atom(text: &str, is_string: bool) -> Expr<'_> {
    Expr::Atom { text, is_string }
}

fn call<'a>(callee: &'a str, argument: Expr<'a>) -> Expr<'a> {
    Expr::Call {
        callee,
        argument: Box::new(argument),
    }
}

#[test]
fn nested_calls_are_read_with_their_literal_whole() {
    assert_eq!(
        Expr::parse(r##"Ok(R::Ok(api::from_example(r#"{"a":"(b)"}"#)?))"##),
        Some(call(
            "Ok",
            call(
                "R::Ok",
                Expr::Try(Box::new(call(
                    "api::from_example",
                    atom(r##"r#"{"a":"(b)"}"#"##, true)
                )))
            )
        ))
    );
    assert_eq!(
        Expr::parse("Ok(R::NoContent)"),
        Some(call("Ok", atom("R::NoContent", false)))
    );
}

#[test]
fn what_is_not_nested_calls_is_not_read() {
    for text in [
        r##"f(r#"a"#b"#)"##,
        r#"f("a"b")"#,
        r#"f("a\"")"#,
        "f(a) + g(b)",
        "f(a, b)",
        "f(\"é\")",
        "f(a)(b)",
        "Ok(R::Ok(Default::default()))",
    ] {
        assert_eq!(Expr::parse(text), None, "{text}");
    }
}

#[test]
fn a_literal_too_long_for_any_line_stands_alone_and_a_path_gives_up() {
    let literal = format!("\"{}\"", "a".repeat(120));
    let lines = statement(&call("Ok", atom(&literal, true)), 8);
    assert_eq!(
        lines,
        Some(vec![
            "        Ok(".to_owned(),
            format!("            {literal},"),
            "        )".to_owned(),
        ])
    );
    let path = format!("R::{}", "A".repeat(120));
    assert_eq!(statement(&call("Ok", atom(&path, false)), 8), None);
}

#[test]
fn a_string_of_wide_letters_is_read_only_when_no_line_could_hold_it() {
    let short = format!("f(\"{}\")", "日".repeat(50));
    assert_eq!(Expr::parse(&short), None);
    let long = format!("f(\"{}\")", "日".repeat(101));
    assert!(Expr::parse(&long).is_some());
}
