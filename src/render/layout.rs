//! Generated items laid out as `rustfmt` lays them out, without running it. A large spec's
//! code is tens of thousands of items that differ only in names and widths, and
//! formatting them was most of generating such a spec (Microsoft Graph's 22,000 route
//! functions: ten CPU-seconds of `rustfmt`).
//!
//! An item is laid out here only when its layout is certain: a macro invoked with braces,
//! which `rustfmt` leaves as written, a type alias, a route function of `router.rs`
//! ([`route`]) or its table of routes ([`route_table`]), an item of a handler module
//! ([`handlers`]), a block of the service's stubs ([`stubs`]) or the `use` statements
//! above them ([`imports`]), a static of `constraints.rs` ([`constraints`], [`rules`]), or
//! a table of the generated tests ([`spec_tests`]).
//! Anything else, and any item with a width on a boundary where `rustfmt`'s choice was
//! not observed, is left to `rustfmt`, so the output is the same either way; tests hold
//! these layouts to `rustfmt`'s on thousands of generated items, and the corpus sample
//! runs `cargo fmt --check`.

mod assign;
mod calls;
mod constraints;
mod handlers;
mod imports;
mod route;
mod route_table;
mod rules;
mod signature;
mod spec_tests;
mod stubs;

/// `rustfmt`'s `max_width`.
const MAX_WIDTH: usize = 100;
/// `rustfmt`'s `fn_call_width`: the widest argument list kept on the call's line.
const CALL_WIDTH: usize = 60;
/// `rustfmt`'s `chain_width`: the longest chain of calls kept on one line.
const CHAIN_WIDTH: usize = 60;
const INDENT: usize = 4;

/// `item` (a top-level item and the blank lines after it) as `rustfmt` formats it, ending
/// in a newline, when its layout is certain; `None` for `rustfmt` to format.
pub fn item(item: &str) -> Option<String> {
    braced_macro(item)
        .or_else(|| type_alias(item))
        .or_else(|| route::function(item))
        .or_else(|| route_table::item(item))
        .or_else(|| handlers::item(item))
        .or_else(|| stubs::item(item))
        .or_else(|| constraints::item(item))
        .or_else(|| spec_tests::item(item))
        .or_else(|| imports::item(item))
}

/// A macro invoked with braces (`json_struct! { .. }`), after its doc comment: `rustfmt`
/// leaves its body as written, so the generated text is final when it has no trailing
/// blanks and the invocation is spaced as `rustfmt` spaces it.
fn braced_macro(item: &str) -> Option<String> {
    let text = item.trim_end();
    let mut lines = text.lines().skip_while(|line| line.starts_with("///"));
    let name = lines.next()?.strip_suffix("! {")?;
    let body: Vec<&str> = lines.collect();
    let (closing, inside) = body.split_last()?;
    // One invocation: everything up to the closing brace indented, and something there.
    let one_invocation = *closing == "}"
        && inside
            .iter()
            .all(|line| line.is_empty() || line.starts_with(' '))
        && inside.iter().any(|line| !line.is_empty());
    let trimmed = text.lines().all(|line| line.trim_end() == line);
    (is_path(name) && one_invocation && trimmed).then(|| format!("{text}\n"))
}

/// `pub type Name = Type;` after its doc comment, on its line when it fits. Longer, as
/// observed: a plain path goes to the next line when it fits there, and otherwise the
/// line runs over as written; a longer generic type, or a path a column too long for the
/// next line, is left to `rustfmt`.
fn type_alias(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().collect();
    let mut out = Vec::new();
    let [alias] = docs(&lines, 0, &mut out)? else {
        return None;
    };
    let (name, ty) = alias
        .strip_prefix("pub type ")?
        .strip_suffix(';')?
        .split_once(" = ")?;
    if !is_identifier(name) || !is_spaced(ty) || alias.trim_end() != *alias {
        return None;
    }
    match (alias.len(), INDENT + ty.len() + 1) {
        (..=MAX_WIDTH, _) => out.push((*alias).to_owned()),
        _ if !is_path(ty) => return None,
        (_, ..=MAX_WIDTH) => {
            out.push(format!("pub type {name} ="));
            out.push(format!("{}{ty};", spaces(INDENT)));
        }
        // One column over, the choice depends on the name's width too.
        (_, 101) => return None,
        _ => out.push((*alias).to_owned()),
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `line` at `indent` when it fits and is spaced as `rustfmt` spaces it.
fn fitting(line: &str, indent: usize, out: &mut Vec<String>) -> Option<()> {
    let code = line.split_once(" // ").map_or(line, |(code, _)| code);
    let code = code.strip_suffix(" {").unwrap_or(code);
    (indent + line.len() <= MAX_WIDTH && is_spaced(code) && line.trim_end() == line).then(|| {
        out.push(format!("{}{line}", spaces(indent)));
    })
}

/// An attribute line (`#[..]`) at `indent` when there is one, fitting its line; the lines
/// after it.
fn attribute<'a>(
    lines: &'a [&'a str],
    indent: usize,
    out: &mut Vec<String>,
) -> Option<&'a [&'a str]> {
    match lines.split_first() {
        Some((attribute, rest)) if attribute.starts_with("#[") => {
            fitting(attribute, indent, out)?;
            Some(rest)
        }
        _ => Some(lines),
    }
}

/// Doc comment lines at `indent`, kept as they are; the lines after them.
fn docs<'a>(lines: &'a [&'a str], indent: usize, out: &mut Vec<String>) -> Option<&'a [&'a str]> {
    let count = lines
        .iter()
        .take_while(|line| line.starts_with("///"))
        .count();
    for line in &lines[..count] {
        // `rustfmt` leaves a comment as it is, but for trailing blanks.
        if line.trim_end() != *line {
            return None;
        }
        out.push(format!("{}{line}", spaces(indent)));
    }
    Some(&lines[count..])
}

/// The parameter lines of a signature broken after `(`, each without its comma, and the
/// lines from the closing `)` on.
fn parameters<'a>(lines: &'a [&'a str]) -> Option<(Vec<&'a str>, &'a [&'a str])> {
    let count = lines
        .iter()
        .take_while(|line| !line.starts_with(')'))
        .count();
    let params = lines[..count]
        .iter()
        .map(|param| param.strip_suffix(','))
        .collect::<Option<_>>()?;
    Some((params, &lines[count..]))
}

fn is_path(text: &str) -> bool {
    !text.is_empty() && text.split("::").all(is_identifier)
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `code` is spaced as `rustfmt` spaces it: one space after a comma and around
/// `=`, `=>`, `->` and `+`, none inside brackets; no other punctuation that it respaces.
fn is_spaced(code: &str) -> bool {
    let bytes = code.as_bytes();
    let around = |at: usize| at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' ');
    !code.contains("  ")
        && code.is_ascii()
        && bytes.iter().enumerate().all(|(at, &byte)| match byte {
            b',' => matches!(bytes.get(at + 1), Some(b' ') | None),
            b'+' => around(at),
            b'=' => {
                around(at) || bytes.get(at + 1) == Some(&b'>') && at > 0 && bytes[at - 1] == b' '
            }
            b'-' => bytes.get(at + 1) == Some(&b'>') && at > 0 && bytes[at - 1] == b' ',
            b'>' if at > 0 && matches!(bytes[at - 1], b'=' | b'-') => {
                bytes.get(at + 1) == Some(&b' ')
            }
            b' ' => {
                let before = bytes[at - 1];
                let after = bytes.get(at + 1).copied().unwrap_or(b' ');
                !matches!(before, b'(' | b'[' | b'<' | b'&')
                    && !matches!(after, b')' | b']' | b'>' | b',' | b';')
            }
            b'"' | b'{' | b'}' | b'|' | b'*' | b'/' | b'%' | b'^' | b'!' | b'\\' => false,
            _ => true,
        })
}

/// Whether a string literal, plain or raw, opens at `at` (not inside a name).
pub(super) fn starts_string(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let after_name = at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
    match bytes[at] {
        b'"' => true,
        b'r' => !after_name && text[at + 1..].trim_start_matches('#').starts_with('"'),
        _ => false,
    }
}

/// The end (one past the closing delimiter) of the string literal, plain or raw, opening
/// at `open`; `None` when it does not close.
pub(super) fn string_end(text: &str, open: usize) -> Option<usize> {
    let rest = text.get(open..)?;
    if let Some(raw) = rest.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let closing = format!("\"{}", "#".repeat(hashes));
        let body_start = open + 1 + hashes + 1;
        let close = text.get(body_start..)?.find(closing.as_str())?;
        return Some(body_start + close + closing.len());
    }
    let bytes = text.as_bytes();
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

fn spaces(count: usize) -> String {
    " ".repeat(count)
}

#[cfg(test)]
mod tests;
