//! How IR values are spelled in generated Rust: literals and doc comments.

/// An `f64` literal that always reads as a float (`1.0`, not `1`).
pub fn float_literal(value: f64) -> String {
    if value.is_finite() {
        format!("{value:?}")
    } else {
        "0.0".to_owned()
    }
}

/// A Rust string literal holding `text` exactly, whatever characters it contains.
pub fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

/// `///` lines for a description: trailing space trimmed, blank edges dropped.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    // A carriage return alone ends a line too: Rust refuses one inside a comment. Tabs
    // become four spaces, as clippy wants in doc comments.
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .replace('\t', "    ")
        .split(['\n', '\r'])
        .map(|line| line.trim_end().to_owned())
        .collect();
    let first = lines.iter().position(|line| !line.is_empty());
    let last = lines.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].to_vec(),
        _ => Vec::new(),
    }
}

/// A raw string literal holding `text`, with enough `#`s that nothing inside ends it; an
/// escaped one for text with a carriage return, which a raw string cannot hold.
pub fn raw_string(text: &str) -> String {
    if text.contains('\r') {
        return string_literal(text);
    }
    let hashes = (0..)
        .find(|count| !text.contains(&format!("\"{}", "#".repeat(*count))))
        .unwrap_or(0);
    let fence = "#".repeat(hashes.max(1));
    format!("r{fence}\"{text}\"{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_any_text() {
        assert_eq!(string_literal("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(float_literal(1.0), "1.0");
        assert_eq!(float_literal(0.5), "0.5");
    }

    #[test]
    fn doc_lines_drop_blank_edges() {
        assert_eq!(
            doc_lines(Some("\n  first  \n\nsecond\n\n")),
            vec!["  first", "", "second"]
        );
        assert!(doc_lines(Some("  \n")).is_empty());
        assert_eq!(doc_lines(Some("a\r\nb\rc")), vec!["a", "b", "c"]);
        assert_eq!(doc_lines(Some("\tindented")), vec!["    indented"]);
    }

    #[test]
    fn raw_strings_never_hold_a_carriage_return() {
        assert_eq!(raw_string("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(raw_string("a\rb"), "\"a\\rb\"");
    }
}
