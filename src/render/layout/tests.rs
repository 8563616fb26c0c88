//! The layouts held to `rustfmt`'s own: thousands of route functions as `router.rs`
//! renders them, with names, paths and parameter lists of every width, formatted both
//! ways.

use std::io::Write;
use std::process::{Command, Stdio};

use super::route_function;

/// A fixed-seed generator (xorshift), so that a failure can be replayed.
struct Draws(u64);

impl Draws {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// A snake_case name of `low` to `high` characters; it starts with a `q`, as no keyword
    /// does.
    fn name(&mut self, low: usize, high: usize) -> String {
        let length = self.between(low, high);
        (0..length)
            .map(|at| {
                if at == 0 {
                    'q'
                } else if at + 1 < length && self.below(6) == 0 {
                    '_'
                } else {
                    char::from(b'a' + self.below(26) as u8)
                }
            })
            .collect::<String>()
            .replace("__", "_a")
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

/// A route function as the router template renders it (its odd indentation included),
/// over `parameters` query parameters.
fn rendered_function(draws: &mut Draws, case: usize) -> String {
    let name = draws.name(4, 104);
    let bound = format!("{}Api", draws.name(2, 30).replace('_', "Q"));
    let head = draws.below(4) != 0;
    let body = draws.below(3) == 0 || !head;
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
        let path = format!("/{}", draws.name(1, 110));
        text.push_str(&format!(
            "let inputs = RequestInputs::new(&parts, \"{path}\");\n"
        ));
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
        text.push_str(&format!(
            "    let body = {reader}(&bytes, &declared::BODY, &mut issues);\n"
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

fn rustfmt(source: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt runs");
    let mut stdin = child.stdin.take().expect("rustfmt's input");
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("rustfmt finishes");
    writer.join().expect("writer").expect("written");
    assert!(
        output.status.success(),
        "rustfmt refused the test's functions"
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn route_functions_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x5eed_2026_1129);
    let rendered: Vec<String> = (0..4000)
        .map(|case| rendered_function(&mut draws, case))
        .collect();
    let formatted = rustfmt(&rendered.join("\n"));
    let formatted: Vec<&str> = formatted
        .split_inclusive("}\n\n")
        .map(str::trim_end)
        .collect();
    assert_eq!(formatted.len(), rendered.len());
    let mut laid = 0;
    for (rendered, formatted) in rendered.iter().zip(formatted) {
        if let Some(ours) = route_function(rendered) {
            laid += 1;
            assert_eq!(
                ours.trim_end(),
                formatted,
                "laid out differently:\n{rendered}"
            );
        }
    }
    // Most are laid out here, or this test would hold little to `rustfmt`.
    assert!(
        laid * 10 >= rendered.len() * 7,
        "only {laid} of {} laid out",
        rendered.len()
    );
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
