//! Cutting a file between its top-level items, where `rustfmt` formats each item on its
//! own: a scan that skips comments, strings (read as the layouts read them) and
//! characters, so that a blank line inside one is not taken for a place to cut.

use crate::render::layout::{starts_string, string_end};

/// `source` cut at blank lines between top-level items once a piece holds `size` bytes;
/// the pieces are joined again with one blank line, which is what `rustfmt` leaves
/// between items. A blank line is between items when it is outside every bracket, string
/// and comment, and neither an attribute nor a doc comment comes before it.
pub fn cut(source: &str, size: usize) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut depth = 0_usize;
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        at = match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => line_end(source, at),
            b'/' if bytes.get(at + 1) == Some(&b'*') => source[at + 2..]
                .find("*/")
                .map_or(bytes.len(), |end| at + 2 + end + 2),
            b'"' | b'r' if starts_string(source, at) => {
                string_end(source, at).unwrap_or(bytes.len())
            }
            b'\'' => char_end(source, at),
            b'{' | b'(' | b'[' => {
                depth += 1;
                at + 1
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                at + 1
            }
            b'\n' if depth == 0 && bytes.get(at + 1) == Some(&b'\n') => {
                let next = at + 2;
                let rest = &source[next..];
                if next - start > size
                    && ends_an_item(&source[start..at])
                    && !rest.starts_with("use ")
                    && !rest.trim().is_empty()
                {
                    pieces.push(&source[start..next]);
                    start = next;
                }
                next
            }
            _ => at + 1,
        };
    }
    pieces.push(&source[start..]);
    pieces
}

/// Whether the text before a blank line ends an item rather than leading into one.
fn ends_an_item(before: &str) -> bool {
    let last_line = before.rsplit('\n').next().unwrap_or("").trim_start();
    !last_line.starts_with("///") && !last_line.starts_with("#[")
}

/// Where the line holding `at` ends (its newline, or the end).
fn line_end(source: &str, at: usize) -> usize {
    source[at..].find('\n').map_or(source.len(), |end| at + end)
}

/// Past a character literal at `at`, or past the quote of a lifetime.
fn char_end(source: &str, at: usize) -> usize {
    let rest = &source[at + 1..];
    if rest.starts_with('\\') {
        // The escaped character may itself be a quote: `'\''`.
        return rest
            .get(2..)
            .and_then(|after| after.find('\''))
            .map_or(source.len(), |end| at + 3 + end + 1);
    }
    match rest.chars().next() {
        Some(c) if rest[c.len_utf8()..].starts_with('\'') => at + 1 + c.len_utf8() + 1,
        _ => at + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_cut_only_between_top_level_items() {
        let source = "use a::b;\n\nfn one() {\n    let x = 1;\n\n    let y = '{';\n}\n\n/// Two.\n\nfn two() {}\n\nconst T: &str = r#\"{\n\nfn no() {}\"#;\n\n#[test]\n\nfn three() {}\n\nfn four<'a>(x: &'a str) -> char {\n    '\\''\n}\n";
        let pieces = cut(source, 0);
        assert_eq!(pieces.concat(), source);
        assert_eq!(
            pieces,
            [
                "use a::b;\n\n",
                "fn one() {\n    let x = 1;\n\n    let y = '{';\n}\n\n",
                "/// Two.\n\nfn two() {}\n\n",
                "const T: &str = r#\"{\n\nfn no() {}\"#;\n\n",
                "#[test]\n\nfn three() {}\n\n",
                "fn four<'a>(x: &'a str) -> char {\n    '\\''\n}\n",
            ]
        );
        assert_eq!(cut(source, source.len()), [source]);
        assert_eq!(
            cut("fn a() {}\n\n\n", 0),
            ["fn a() {}\n\n\n"],
            "no empty last piece"
        );
    }
}
