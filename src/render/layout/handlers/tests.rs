//! The layouts held to `rustfmt`'s own: handler traits, response enums and their
//! `IntoResponse` impls as `handlers/<tag>.rs` renders them, with names and types of
//! every width, formatted both ways.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

fn some_type(draws: &mut Draws) -> String {
    let model = format!("crate::models::{}", draws.camel(2, 60));
    match draws.below(7) {
        0 => "String".to_owned(),
        1 => "i64".to_owned(),
        2 => format!("Option<{model}>"),
        3 => format!("Option<Vec<{model}>>"),
        4 => format!("::std::collections::BTreeMap<String, {model}>"),
        5 => format!("::std::collections::BTreeMap<String, Vec<{model}>>"),
        _ => model,
    }
}

/// A handler trait as the template renders it (each method's lines at the left edge).
fn rendered_trait(draws: &mut Draws) -> String {
    let mut text = format!(
        "/// Handlers.\npub trait {}Api: Send + Sync + 'static {{\n",
        draws.camel(2, 90)
    );
    for _ in 0..draws.between(1, 3) {
        text.push_str("/// Does it.\n///\n/// `GET /x`\n");
        let params = draws.below(10);
        if params > 6 {
            text.push_str(
                "#[allow(clippy::too_many_arguments)] // one argument per parameter of the spec\n",
            );
        }
        text.push_str(&format!("fn {}(\n&self,\n", draws.name(4, 80)));
        for _ in 0..params {
            let name = draws.name(1, 30);
            let ty = some_type(draws);
            text.push_str(&format!("_{name}: {ty},\n"));
        }
        let response = draws.camel(2, 70);
        text.push_str(&format!(
            ") -> impl Future<Output = Result<{response}Response, ApiError>> + Send {{\nasync {{ Err(ApiError::not_implemented()) }}\n}}\n"
        ));
    }
    text.push_str("}\n");
    text
}

/// A response enum as the template renders it, or its `IntoResponse` impl.
fn rendered_responses(draws: &mut Draws) -> String {
    let name = format!("{}Response", draws.camel(2, 70));
    let variants: Vec<(String, Option<String>, bool)> = (0..draws.between(0, 4))
        .map(|_| {
            let payload = (draws.below(4) != 0).then(|| some_type(draws));
            (draws.camel(2, 30), payload, draws.below(4) == 0)
        })
        .collect();
    if draws.below(2) == 0 {
        let mut text = format!(
            "/// The responses.\n#[derive(Debug, Clone, PartialEq)]\n#[allow(clippy::large_enum_variant)] // one variant per declared response\npub enum {name} {{\n"
        );
        for (variant, payload, ranged) in &variants {
            text.push_str("/// 200: fine\n");
            text.push_str(&match (payload, ranged) {
                (Some(ty), false) => format!("{variant}({ty}),\n"),
                (None, false) => format!("{variant},\n"),
                (Some(ty), true) => format!("{variant}(::axum::http::StatusCode, {ty}),\n"),
                (None, true) => format!("{variant}(::axum::http::StatusCode),\n"),
            });
        }
        text.push_str("}\n");
        return text;
    }
    let mut text = format!(
        "impl IntoResponse for {name} {{\nfn into_response(self) -> Response {{\nmatch self {{\n"
    );
    for (variant, payload, ranged) in &variants {
        let writer = draws.pick(&["::axum::Json(body)", "body"]);
        if draws.below(3) == 0 {
            // A response that declares headers: they are a part of it.
            text.push_str(&match (payload, ranged) {
                (Some(_), false) => format!(
                    "Self::{variant}(body, headers) => (status_code(201), headers, {writer}).into_response(),\n"
                ),
                (None, false) => format!(
                    "Self::{variant}(headers) => (status_code(204), headers, ()).into_response(),\n"
                ),
                (Some(_), true) => format!(
                    "Self::{variant}(status, body, headers) => (status, headers, {writer}).into_response(),\n"
                ),
                (None, true) => format!(
                    "Self::{variant}(status, headers) => (status, headers, ()).into_response(),\n"
                ),
            });
            continue;
        }
        text.push_str(&match (payload, ranged) {
            (Some(_), false) => {
                format!("Self::{variant}(body) => (status_code(200), {writer}).into_response(),\n")
            }
            (None, false) => format!("Self::{variant} => status_code(204).into_response(),\n"),
            (Some(_), true) => {
                format!("Self::{variant}(status, body) => (status, {writer}).into_response(),\n")
            }
            (None, true) => format!("Self::{variant}(status) => status.into_response(),\n"),
        });
    }
    text.push_str("}\n}\n}\n");
    text
}

/// An `Answer` impl as the template renders it: `status`, then `read` matching the
/// status or, with only a `default`, one expression.
fn rendered_answer(draws: &mut Draws) -> String {
    let name = format!("{}Response", draws.camel(2, 50));
    let mut text = format!(
        "impl crate::client::Answer for {name} {{\nfn status(&self) -> ::axum::http::StatusCode {{\n"
    );
    let variants: Vec<(String, Option<&str>, u16)> = (0..draws.between(0, 4))
        .map(|_| {
            let reader =
                (draws.below(4) != 0).then(|| draws.pick(&["json()?", "text()?", "bytes()"]));
            let status = [200, 404, 2, 4][draws.below(4)];
            (draws.camel(2, 24), reader, status)
        })
        .collect();
    if variants.is_empty() {
        text.push_str("match *self {}\n");
    } else {
        text.push_str("match *self {\n");
        for (variant, reader, status) in &variants {
            let fields = match (reader, *status < 100) {
                (Some(_), false) => "(_)",
                (None, false) => "",
                (Some(_), true) => "(status, _)",
                (None, true) => "(status)",
            };
            let value = if *status < 100 {
                "status".to_owned()
            } else {
                format!("status_code({status})")
            };
            text.push_str(&format!("Self::{variant}{fields} => {value},\n"));
        }
        text.push_str("}\n");
    }
    text.push_str("}\n\nfn read(answer: crate::client::ClientResponse) -> Result<Self, crate::client::ClientError> {\n");
    let with_headers = draws.below(3) == 0;
    let read = |variant: &str, reader: Option<&str>, ranged: bool| match (reader, ranged) {
        (Some(reader), false) if with_headers => {
            format!("Ok(Self::{variant}(answer.{reader}, answer.headers_as()?))")
        }
        (None, false) if with_headers => format!("Ok(Self::{variant}(answer.headers_as()?))"),
        (Some(reader), false) => format!("Ok(Self::{variant}(answer.{reader}))"),
        (None, false) => format!("Ok(Self::{variant})"),
        (Some(reader), true) => format!("Ok(Self::{variant}(answer.status(), answer.{reader}))"),
        (None, true) => format!("Ok(Self::{variant}(answer.status()))"),
    };
    match variants.split_first() {
        Some((only, [])) if draws.below(2) == 0 => {
            text.push_str(&format!("{}\n", read(&only.0, only.1, true)));
        }
        None => text.push_str("Err(answer.undeclared())\n"),
        Some(_) => {
            text.push_str("match answer.status().as_u16() {\n");
            for (variant, reader, status) in &variants {
                let pattern = if *status < 100 {
                    format!("{status}00..={status}99")
                } else {
                    status.to_string()
                };
                text.push_str(&format!(
                    "{pattern} => {},\n",
                    read(variant, *reader, *status < 100)
                ));
            }
            text.push_str("_ => Err(answer.undeclared()),\n}\n");
        }
    }
    text.push_str("}\n}\n");
    text
}

#[test]
fn answer_impls_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x4a4d_2026_1130);
    let rendered: Vec<String> = (0..1500).map(|_| rendered_answer(&mut draws)).collect();
    assert_laid_out_as_rustfmt(&rendered, item, 80);
}

#[test]
fn handler_items_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x4a4d_2026_1129);
    let rendered: Vec<String> = (0..3000)
        .map(|index| {
            if index % 2 == 0 {
                rendered_trait(&mut draws)
            } else {
                rendered_responses(&mut draws)
            }
        })
        .collect();
    // A third of the responses declare headers, whose longer arms more often fall in the
    // widths left to `rustfmt`.
    assert_laid_out_as_rustfmt(&rendered, item, 76);
}
