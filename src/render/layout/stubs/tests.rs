//! Stub blocks as `service/src/handlers/<tag>.rs` renders them, with names, types, answers
//! and examples of every width, laid out here and by `rustfmt`.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

fn some_type(draws: &mut Draws) -> String {
    let model = draws.camel(2, 70);
    match draws.below(6) {
        0 => "String".to_owned(),
        1 => "i64".to_owned(),
        2 => format!("Option<{model}>"),
        3 => format!("Option<Vec<{model}>>"),
        4 => format!("::std::collections::BTreeMap<String, Vec<{model}>>"),
        _ => model,
    }
}

/// A JSON-like example of `length` characters, as a raw string; some hold letters wider
/// than one column.
fn example(draws: &mut Draws, length: usize) -> String {
    let wide = draws.below(4) == 0;
    let text: String = (0..length)
        .map(|_| match draws.below(14) {
            13 if wide => draws.pick(&["é", "日", "🎉"]).chars().next().unwrap_or('a'),
            13 => 'b',
            index => char::from(b"abc{}[]:,\"0 ."[index]),
        })
        .collect();
    format!("r#\"{text}\"#")
}

fn answer(draws: &mut Draws, response: &str) -> String {
    let variant = draws.pick(&["Ok", "Created", "NoContent", "UnprocessableEntity"]);
    match draws.below(9) {
        0 => "Err(ApiError::not_implemented())".to_owned(),
        // A response with headers (or a status it picks): more than one field.
        7 | 8 => {
            let lib = draws.pick(&["gh_api", "api", "a_much_longer_service_api"]);
            let first = match draws.below(3) {
                0 => "StatusCode::OK".to_owned(),
                _ => {
                    let length = draws.between(0, 120);
                    format!("{lib}::from_example({})?", example(draws, length))
                }
            };
            let length = draws.between(0, 120);
            let headers = example(draws, length);
            format!("Ok({response}::{variant}({first}, {lib}::from_example({headers})?))")
        }
        6 => format!("Ok({response}::{variant}(Default::default()))"),
        1 => format!("Ok({response}::{variant})"),
        _ => {
            let lib = draws.pick(&["gh_api", "api", "a_much_longer_service_api"]);
            let length = draws.between(0, 160);
            let example = example(draws, length);
            format!("Ok({response}::{variant}({lib}::from_example({example})?))")
        }
    }
}

fn rendered_stubs(draws: &mut Draws) -> String {
    let mut text = format!("impl {}Api for App {{\n", draws.camel(2, 30));
    for _ in 0..draws.between(1, 3) {
        let params = draws.below(9);
        if params > 6 {
            text.push_str(
                "#[allow(clippy::too_many_arguments)] // one argument per parameter of the spec\n",
            );
        }
        text.push_str(&format!(
            "async fn {}(\n        &self,\n",
            draws.name(3, 70)
        ));
        for _ in 0..params {
            let name = draws.name(1, 30);
            let ty = some_type(draws);
            text.push_str(&format!("        _{name}: {ty},\n"));
        }
        let response = format!("{}Response", draws.camel(2, 90));
        let answer = answer(draws, &response);
        text.push_str(&format!(
            ") -> Result<{response}, ApiError> {{\n        {answer}\n}}\n\n"
        ));
    }
    text.push_str("}\n");
    text
}

#[test]
fn stubs_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x57ab_2026_1130);
    let rendered: Vec<String> = (0..2000).map(|_| rendered_stubs(&mut draws)).collect();
    // A block is left to `rustfmt` when one of its stubs is; answers of several fields (a
    // body and headers), drawn with wide letters too, are more often.
    assert_laid_out_as_rustfmt(&rendered, item, 46);
}

#[test]
fn what_is_not_a_stub_block_is_left_to_rustfmt() {
    for text in [
        "impl Api for Other {\nasync fn f(\n&self,\n) -> Result<R, ApiError> {\nOk(R::Ok)\n}\n\n}\n",
        "impl Api for App {\n}\n",
        "impl Api for App {\nasync fn f(\n&self,\n) -> Result<R, ApiError> {\nOk(R::Ok)\n}\n}\n",
        "impl Api for App {\nasync fn f(\n&self,\n) -> Result<R, ApiError> {\nOk(R::Ok);\n}\n\n}\n",
        "impl Api for App {\nasync fn f(\nself,\n) -> Result<R, ApiError> {\nOk(R::Ok)\n}\n\n}\n",
    ] {
        assert_eq!(item(text), None, "{text}");
    }
}
