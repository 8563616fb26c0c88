//! The layouts held to `rustfmt`'s own: thousands of route functions as `router.rs`
//! renders them, with names, paths and parameter lists of every width, formatted both
//! ways.

use super::function as route_function;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

/// A route function as the router template renders it (its odd indentation included),
/// over `parameters` query parameters.
fn rendered_function(draws: &mut Draws, case: usize) -> String {
    let name = draws.name(4, 104);
    let bound = format!("{}Api", draws.name(2, 30).replace('_', "Q"));
    let head = draws.below(4) != 0;
    // Some operations take no input at all.
    let body = if head {
        draws.below(3) == 0
    } else {
        draws.below(3) != 0
    };
    let mut text = format!(
        "/// `GET /case/{case}`\nasync fn {name}<A: {bound}>(\n    State(state): State<ServiceState<A>>,\n"
    );
    if head || body {
        text.push_str("request: Request,\n");
    }
    text.push_str(") -> Result<Response, Response> {\n");
    // Names short enough to be packed several to a line, in a third of the functions.
    let longest = if draws.below(3) == 0 { 9 } else { 70 };
    let parameters: Vec<String> = (0..if head { draws.below(16) } else { 0 })
        .map(|_| draws.name(1, longest))
        .collect();
    let mut validated = parameters.clone();
    if body {
        validated.push("body".to_owned());
    }
    if !validated.is_empty() {
        text.push_str(&format!("    use constraints::{name} as declared;\n\n"));
    }
    text.push_str(match (head, body) {
        (true, true) => "    let (parts, body) = request.into_parts();\n",
        (true, false) => "    let (parts, _) = request.into_parts();\n",
        (false, true) => "    let body = request.into_body();\n",
        (false, false) => "",
    });
    if body {
        text.push_str("    let bytes = read_body(body, state.body_limit).await?;\n");
    }
    if head {
        text.push_str("let inputs = RequestInputs::new(&parts, &declared::PATH)?;\n");
    }
    if !validated.is_empty() {
        text.push_str("    let mut issues = Issues::new();\n");
    }
    for parameter in &parameters {
        let declaration = parameter.to_uppercase();
        text.push_str(&format!(
            "    let {parameter} = inputs.read(&declared::{declaration}, &mut issues);\n"
        ));
    }
    if body {
        let reader = draws.pick(&["json_body", "form_body", "bytes_body"]);
        let headers = if reader == "json_body" {
            "&parts.headers, "
        } else {
            ""
        };
        text.push_str(&format!(
            "    let body = {reader}(&bytes, {headers}&declared::BODY, &mut issues);\n"
        ));
    }
    match validated.as_slice() {
        [] => {}
        [one] => text.push_str(&format!("    let Some({one}) = {one} else {{\n")),
        many => {
            let patterns: String = many.iter().map(|name| format!("Some({name}), ")).collect();
            let values: String = many.iter().map(|name| format!("{name}, ")).collect();
            text.push_str(&format!("    let ({patterns}) = ({values}) else {{\n"));
        }
    }
    if !validated.is_empty() {
        text.push_str("        return Err(validation_failed(issues.into_vec()));\n    };\n");
    }
    let arguments: String = validated.iter().map(|name| format!(", {name}")).collect();
    text.push_str(&format!(
        "    let answer = A::{name}(&state.api{arguments}).await;\n"
    ));
    text.push_str("    Ok(answer.into_response())\n}\n");
    text
}

#[test]
fn route_functions_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x5eed_2026_1129);
    let rendered: Vec<String> = (0..4000)
        .map(|case| rendered_function(&mut draws, case))
        .collect();
    assert_laid_out_as_rustfmt(&rendered, route_function, 81);
}

#[test]
fn what_is_not_a_route_function_is_left_to_rustfmt() {
    let with_body = |body: &str| {
        format!(
            "/// `GET /x`\nasync fn x<A: XApi>(\n    State(state): State<ServiceState<A>>,\n) -> Result<Response, Response> {{\n{body}\n}}\n"
        )
    };
    // Lines `rustfmt` would respace.
    for body in [
        "let x = a+b;",
        "Ok(f(a,b))",
        "let x:u8 = y;",
        "Ok( x )",
        "let x = vec!(1);",
    ] {
        assert_eq!(route_function(&with_body(body)), None, "{body}");
    }
    assert!(route_function(&with_body("Ok(answer.into_response())")).is_some());
    for item in [
        "pub fn router<A>(api: Arc<A>) -> Router {\n    routes\n}\n",
        "/// `GET /x`\nasync fn x<A: XApi>(\n    State(state): State<ServiceState<A>>,\n) -> Result<Response, Response> {\n    match x {\n        _ => 1,\n    }\n}\n",
        "/// `GET /x`\nasync fn x<A: XApi>(\n    State(state): State<ServiceState<A>>,\n) -> Result<Response, Response> {\n    let y = f(|x| x + 1);\n}\n",
        "/// `GET /x`   \nasync fn x<A: XApi>(\n    State(state): State<ServiceState<A>>,\n) -> Result<Response, Response> {\n    Ok(answer.into_response())\n}\n",
    ] {
        assert_eq!(route_function(item), None, "{item}");
    }
}

#[test]
fn a_signature_of_up_to_a_hundred_columns_stays_on_its_line() {
    // Operations without input, their one-line signatures 97 to 102 columns wide.
    let rendered: Vec<String> = (6..12)
        .map(|length| {
            let name = "q".repeat(length);
            format!(
                "async fn {name}<A: MetaApi>(\n    State(state): State<ServiceState<A>>,\n) -> Result<Response, Response> {{\nlet answer = A::{name}(&state.api).await;\n    Ok(answer.into_response())\n}}\n"
            )
        })
        .collect();
    assert_laid_out_as_rustfmt(&rendered, route_function, 100);
}
