//! The generated tests' tables (`api/tests/spec.rs`): the module of examples, one
//! `pub const NAME: &str = r#"…"#;` each, the constants of cases, and the `#[test]`
//! functions that are one call a line (`assert_fits::<Model>(&constraints::X,
//! examples::X);`, `assert_rejects(.., r#"<cases, one a line>"#);`). A string is never
//! broken: a constant's goes on the next line when it fits there and not on the first;
//! a call's arguments go one a line when they are wider than a call's, the string of
//! cases last, its lines as written.

use super::assign::{argument_lines, is_atom};
use super::{
    CALL_WIDTH, INDENT, MAX_WIDTH, docs, is_identifier, is_path, spaces, starts_string, string_end,
};

/// A tests' table laid out, or `None` when it is not one or its layout is not certain.
pub fn item(item: &str) -> Option<String> {
    let text = item.trim_end();
    let first_code = text
        .lines()
        .position(|line| !line.starts_with("///"))
        .unwrap_or(0);
    let doc_lines: Vec<&str> = text.lines().take(first_code).collect();
    let mut out = Vec::new();
    docs(&doc_lines, 0, &mut out)?;
    let code_start = doc_lines.iter().map(|line| line.len() + 1).sum::<usize>();
    let code = text.get(code_start..)?;
    if let Some(body) = code
        .strip_prefix("mod examples {\n")
        .and_then(|rest| rest.strip_suffix("\n}"))
    {
        out.push("mod examples {".to_owned());
        for line in body.lines() {
            out.extend(constant(line.trim_start(), INDENT)?);
        }
        out.push("}".to_owned());
    } else if let Some(rest) = code.strip_prefix("#[test]\nfn ") {
        let (name, body) = rest.split_once("() {\n")?;
        let body = body.strip_suffix("}")?;
        if !is_identifier(name) {
            return None;
        }
        out.push("#[test]".to_owned());
        out.push(format!("fn {name}() {{"));
        let mut rest = body;
        while !rest.trim().is_empty() {
            let start = rest.len() - rest.trim_start().len();
            // A blank line `rustfmt` would keep between statements is not modelled.
            if rest[..start].contains("\n\n") {
                return None;
            }
            let end = start + statement_end(&rest[start..])?;
            out.extend(call_statement(&rest[start..end])?);
            rest = &rest[end..];
        }
        out.push("}".to_owned());
    } else {
        out.extend(constant(code, 0)?);
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `[pub ]const NAME: &str = "…";` at `indent`: on its line when it fits, else the string
/// on the next line when it fits there, else the line runs over; a string of several
/// lines starts on the first.
fn constant(line: &str, indent: usize) -> Option<Vec<String>> {
    let declaration = line.strip_suffix(';')?;
    let (lhs, value) = declaration.split_once(" = ")?;
    let name = lhs
        .strip_prefix("pub const ")
        .or_else(|| lhs.strip_prefix("const "))?
        .strip_suffix(": &str")?;
    // Widths are counted in bytes, which are columns only for ASCII; the lines of a string
    // after its first are kept as written, whatever their width.
    let first_line = line.lines().next()?;
    if !is_identifier(name) || string_end(value, 0)? != value.len() || !first_line.is_ascii() {
        return None;
    }
    let pad = spaces(indent);
    let first_line = format!("{pad}{first_line}");
    if value.contains('\n') {
        return (first_line.len() <= MAX_WIDTH).then(|| vec![format!("{pad}{line}")]);
    }
    let next_line = indent + INDENT + value.len() + 1;
    let head = indent + lhs.len() + 2;
    let name_line = format!("{pad}{}", lhs.strip_suffix(" &str")?);
    let typed_line = format!("{pad}{}&str = {value};", spaces(INDENT));
    // How `rustfmt` breaks the constant at each width, as observed.
    Some(match (head, first_line.len(), next_line) {
        (..=MAX_WIDTH, ..=MAX_WIDTH, _) => vec![first_line],
        (..=MAX_WIDTH, _, ..=MAX_WIDTH) => vec![
            format!("{pad}{lhs} ="),
            format!("{pad}{}{value};", spaces(INDENT)),
        ],
        // One column over, the choice depends on the name's width too.
        (..=MAX_WIDTH, _, 101) => return None,
        (..=MAX_WIDTH, _, _) => vec![first_line],
        // The name takes the line: the type goes to the next one, with the value when it
        // fits there (the value alone on a third line is not modelled).
        (101..=104, _, _) if typed_line.len() <= MAX_WIDTH => vec![name_line, typed_line],
        (101..=104, _, ..=MAX_WIDTH) => return None,
        (101..=104, _, _) => vec![name_line, typed_line],
        _ => vec![first_line],
    })
}

/// `head(args);` in a test function: on its line when it fits with arguments no wider than
/// a call's, else one argument a line (short ones packed); a string of several lines only
/// last, as written. With an argument too long for any line, the statement as written.
fn call_statement(statement: &str) -> Option<Vec<String>> {
    let pad = spaces(INDENT);
    let (head, rest) = statement.split_once('(')?;
    let inner = rest.strip_suffix(");")?;
    let is_head = match head.split_once("::<") {
        Some((function, generic)) => {
            is_path(function) && generic.strip_suffix('>').is_some_and(is_path)
        }
        None => is_path(head),
    };
    let args = arguments(inner)?;
    let (last, others) = args.split_last()?;
    let spread = last.contains('\n');
    let whole_string = starts_string(last, 0) && string_end(last, 0) == Some(last.len());
    let first_line_fits = last
        .lines()
        .next()
        .is_some_and(|line| line.is_ascii() && 2 * INDENT + line.len() <= MAX_WIDTH);
    let spread_string = spread && whole_string && first_line_fits;
    let simple = others.iter().all(|arg| is_atom(arg)) && (spread_string || is_atom(last));
    if !is_head || !simple {
        return None;
    }
    let one_line = format!("{pad}{statement}");
    if !spread && one_line.len() <= MAX_WIDTH && inner.len() <= CALL_WIDTH {
        return Some(vec![one_line]);
    }
    if !spread && args.len() == 1 {
        // A lone argument follows rules of its own.
        return None;
    }
    let mut lines = vec![format!("{pad}{head}(")];
    if spread {
        lines.extend(others.iter().map(|arg| format!("{pad}{pad}{arg},")));
        lines.push(format!("{pad}{pad}{last},"));
    } else {
        lines.extend(argument_lines(&args, 2 * INDENT));
    }
    lines.push(format!("{pad});"));
    // An argument too long for its line leaves `rustfmt` nothing that fits: it keeps the
    // statement as written.
    if lines[1..]
        .iter()
        .any(|line| !line.contains('\n') && line.len() > MAX_WIDTH)
    {
        return Some(vec![one_line]);
    }
    // The opening line with a generic may run two columns over, as observed; further on,
    // the generic goes on a line of its own, and further still the statement is kept.
    let generic = head
        .split_once("::<")
        .and_then(|(function, generic)| Some((function, generic.strip_suffix('>')?)));
    match (lines[0].len(), generic) {
        (..=MAX_WIDTH, _) | (101..=102, Some(_)) => Some(lines),
        (103..=111, Some((function, generic))) => {
            let generic_line = format!("{pad}{pad}{generic},");
            if generic_line.len() > MAX_WIDTH {
                return None;
            }
            let rest = format!("{pad}>({inner});");
            if !spread && inner.len() <= CALL_WIDTH && rest.len() <= MAX_WIDTH {
                // The arguments fit after the generic's line.
                lines = vec![rest];
            } else {
                lines[0] = format!("{pad}>(");
            }
            lines.splice(0..0, [format!("{pad}{function}::<"), generic_line]);
            Some(lines)
        }
        (112.., Some(_)) => Some(vec![one_line]),
        _ => None,
    }
}

/// The arguments of a call, split at their top-level commas, each trimmed; `None` when a
/// string or bracket does not close.
fn arguments(text: &str) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let mut args = Vec::new();
    let mut depth = 0_usize;
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'r' if starts_string(text, at) => at = string_end(text, at)? - 1,
            b'(' | b'<' => depth += 1,
            b')' | b'>' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                args.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    args.push(text[start..].trim());
    (depth == 0 && args.iter().all(|arg| !arg.is_empty())).then_some(args)
}

/// Where the statement starting `text` ends, after its `;`, outside strings.
fn statement_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'r' if starts_string(text, at) => at = string_end(text, at)?,
            b';' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests;
