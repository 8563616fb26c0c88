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
        (Some(first), Some(last)) => code_as_text(&lines[first..=last]),
        _ => Vec::new(),
    }
}

/// The lines with their code blocks marked as text: rustdoc compiles a block without a
/// language (or a `rust` one, or one indented by four spaces) as a doctest, and a spec's
/// examples (`curl -X GET ...`) are no Rust. An indented block is fenced instead, unless
/// it continues a list item, where the indent is the item's.
fn code_as_text(lines: &[String]) -> Vec<String> {
    let mut marked = Vec::with_capacity(lines.len());
    let mut open_fence: Option<String> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        index += 1;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = indent <= 3 && (fence.starts_with("```") || fence.starts_with("~~~"));
        if let Some(opened) = &open_fence {
            if is_fence && fence.starts_with(opened.as_str()) && trimmed == fence {
                open_fence = None;
            }
            marked.push(line.clone());
            continue;
        }
        if is_fence {
            let info = trimmed[fence.len()..].trim();
            let runs = info.is_empty() || info.split([',', ' ']).any(|word| word == "rust");
            marked.push(if runs {
                format!("{}{fence}text", &line[..indent])
            } else {
                line.clone()
            });
            open_fence = Some(fence);
            continue;
        }
        if line.starts_with("    ") && starts_indented_block(&marked) {
            marked.push("```text".to_owned());
            marked.push(line[4..].to_owned());
            while index < lines.len()
                && (lines[index].is_empty() || lines[index].starts_with("    "))
            {
                marked.push(lines[index].get(4..).unwrap_or_default().to_owned());
                index += 1;
            }
            let blanks = marked
                .iter()
                .rev()
                .take_while(|line| line.is_empty())
                .count();
            marked.insert(marked.len() - blanks, "```".to_owned());
            continue;
        }
        marked.push(line.clone());
    }
    marked
}

/// Whether an indented line after `before` begins a code block: it follows a blank line
/// (or nothing), and the text before that is no list item, whose continuation it may be.
fn starts_indented_block(before: &[String]) -> bool {
    let Some(last) = before.last() else {
        return true;
    };
    if !last.is_empty() {
        return false;
    }
    let Some(text) = before.iter().rev().find(|line| !line.is_empty()) else {
        return true;
    };
    let trimmed = text.trim_start();
    let ordered = trimmed.split_once(['.', ')']).is_some_and(|(number, _)| {
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
    });
    let bulleted = ["- ", "* ", "+ "]
        .iter()
        .any(|marker| trimmed.starts_with(marker));
    text.len() == trimmed.len() && !ordered && !bulleted
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
        assert_eq!(doc_lines(Some("a\n\tindented")), vec!["a", "    indented"]);
    }

    #[test]
    fn code_blocks_are_marked_as_text_for_rustdoc() {
        let text = "Call it:\n\n```\ncurl -X GET /x\n```\n\n```json\n{}\n```\n\n~~~rust\nlet a = 1;\n~~~\n\nOr:\n\n    curl /y\n\n    curl /z\n\nDone.\n\n- item\n\n    more of the item";
        assert_eq!(
            doc_lines(Some(text)),
            [
                "Call it:",
                "",
                "```text",
                "curl -X GET /x",
                "```",
                "",
                "```json",
                "{}",
                "```",
                "",
                "~~~text",
                "let a = 1;",
                "~~~",
                "",
                "Or:",
                "",
                "```text",
                "curl /y",
                "",
                "curl /z",
                "```",
                "",
                "Done.",
                "",
                "- item",
                "",
                "    more of the item",
            ]
        );
        assert_eq!(
            doc_lines(Some("    curl /x")),
            ["```text", "curl /x", "```"]
        );
        assert_eq!(doc_lines(Some("a\n    b")), ["a", "    b"]);
        // Indented by wider spaces than ASCII's: no code block, and no byte cut in two.
        assert_eq!(doc_lines(Some("\u{3000}\u{3000}x")), ["\u{3000}\u{3000}x"]);
    }

    #[test]
    fn raw_strings_never_hold_a_carriage_return() {
        assert_eq!(raw_string("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(raw_string("a\rb"), "\"a\\rb\"");
    }
}
