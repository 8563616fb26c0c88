//! The tables of `api/tests/spec.rs` as rendered, with names, examples and cases of every
//! width, laid out here and by `rustfmt`.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

fn constant_name(draws: &mut Draws) -> String {
    draws.name(2, 100).to_ascii_uppercase()
}

/// A JSON-like raw string of `length` characters on one line.
fn example(draws: &mut Draws) -> String {
    let length = draws.between(0, 120);
    let wide = draws.below(6) == 0;
    let text: String = (0..length)
        .map(|_| match draws.below(15) {
            14 if wide => 'ж',
            14 => 'a',
            index => char::from(b"abc{}[]:,\"0 .\\"[index]),
        })
        .collect();
    format!("r#\"{text}\"#")
}

/// Lines of cases, in a raw string opened and closed on lines of their own; some with
/// letters beyond ASCII, as examples carry them.
fn cases(draws: &mut Draws) -> String {
    let mut text = String::from("r#\"\n");
    for _ in 0..draws.between(1, 3) {
        let spaces = " ".repeat(draws.below(3));
        let letter = draws.pick(&["a", "ж"]);
        text.push_str(&format!(
            "{spaces}{{\"field\":\"{}{letter}\",\"type\":\"enum\"}}\n",
            draws.name(1, 120)
        ));
    }
    text.push_str("\"#");
    text
}

fn rendered_table(draws: &mut Draws) -> String {
    match draws.below(4) {
        0 => {
            let mut text = String::from("/// Examples.\nmod examples {\n");
            for _ in 0..draws.between(1, 4) {
                let name = constant_name(draws);
                text.push_str(&format!("pub const {name}: &str = {};\n", example(draws)));
            }
            text.push_str("}\n");
            text
        }
        1 => format!(
            "/// The cases.\nconst ROUTE_CASES: &str = {};\n",
            cases(draws)
        ),
        _ => {
            let mut text = format!("#[test]\nfn {}() {{\n", draws.name(3, 50));
            for _ in 0..draws.between(1, 4) {
                let name = constant_name(draws);
                if draws.below(2) == 0 {
                    let model = draws.camel(2, 90);
                    text.push_str(&format!(
                        "assert_fits::<api::models::{model}>(&constraints::{name}, examples::{name});\n"
                    ));
                } else {
                    let cases = cases(draws);
                    text.push_str(&format!(
                        "assert_rejects(&constraints::{name}, examples::{name}, {cases});\n"
                    ));
                }
            }
            text.push_str("}\n");
            text
        }
    }
}

#[test]
fn test_tables_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x5bec_2026_1130);
    let rendered: Vec<String> = (0..2000).map(|_| rendered_table(&mut draws)).collect();
    assert_laid_out_as_rustfmt(&rendered, item, 90);
}
