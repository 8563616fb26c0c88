//! Heads of handler files as the templates render them, with lists of every length and
//! names with numbers, laid out here and by `rustfmt`.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

/// A type name as the api crate exports them, some with numbers (`Get200Response`).
fn exported_name(draws: &mut Draws) -> String {
    let mut name = draws.camel(2, 50);
    if draws.below(3) == 0 {
        // A leading zero, rare in names, is left to `rustfmt`.
        let number = if draws.below(100) == 0 {
            "01"
        } else {
            draws.pick(&["0", "2", "10", "200", "3"])
        };
        name.insert_str(draws.between(1, name.len()), number);
    }
    name
}

/// A head without its doc comment, which can only open a file: the random heads are
/// formatted together.
fn rendered_head(draws: &mut Draws) -> String {
    let lib = draws.name(2, 30);
    let mut text = String::new();
    if draws.below(2) == 0 {
        text.push_str(&format!("use {lib}::models::*;\n"));
    }
    let names: Vec<String> = (0..draws.between(1, 40))
        .map(|_| exported_name(draws))
        .collect();
    text.push_str(&format!(
        "use {lib}::{{ {} }};\n\nuse crate::App;\n\n",
        names.join(", ")
    ));
    text
}

#[test]
fn heads_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x1a90_2026_1129);
    let rendered: Vec<String> = (0..1500).map(|_| rendered_head(&mut draws)).collect();
    assert_laid_out_as_rustfmt(&rendered, item, 90);
}

#[test]
fn a_head_keeps_its_doc_comment() {
    let head = "//! Handlers of the operations tagged `x`.\n//!\n//! Yours.\n\nuse api::models::*;\nuse api::{ QThird10, QSecond2, ApiError, QSecond10 };\n\nuse crate::App;\n\n";
    assert_laid_out_as_rustfmt(&[head.to_owned()], item, 100);
}
