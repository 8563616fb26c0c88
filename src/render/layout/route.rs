//! Route functions, as `router.rs` renders them: a doc comment, an
//! `async fn name<A: Trait>(..) -> Ret {` signature, and statements that are a `use`, a
//! `let` of a call (optionally awaited), a `let … else` over `Some` patterns, or a short
//! line. Each is laid out by `rustfmt`'s width rules (`max_width` 100, `fn_call_width`
//! 60, short simple arguments packed on a line). Wherever a rule is not certain — a width
//! on the boundary where `rustfmt`'s choice was not observed, a method call it would split
//! at the dot, anything else — the function is left to `rustfmt`.

use super::assign::{Call, Doubt, Laid, assign, split_arguments};
use super::{INDENT, MAX_WIDTH, docs, is_identifier, is_path, parameters, spaces};

/// A line this short, without a block or closure, has nothing `rustfmt` would break.
const PLAIN_LINE: usize = 60;

/// `item` as `rustfmt` formats it, ending in a newline, when it is a route function laid
/// out with certainty; `None` when it is not, for `rustfmt` to format.
pub fn function(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().map(str::trim_start).collect();
    let mut out = Vec::new();
    // Code lines lose their trailing blanks, as `rustfmt` removes them.
    let code: Vec<&str> = docs(&lines, 0, &mut out)?
        .iter()
        .map(|line| line.trim_end())
        .collect();
    let (opening, rest) = code.split_first()?;
    if !opening.starts_with("async fn ") {
        return None;
    }
    let (params, rest) = parameters(rest)?;
    let (closing, body) = rest.split_first()?;
    signature(opening, &params, closing, &mut out)?;
    let (last, statements) = body.split_last()?;
    if *last != "}" {
        return None;
    }
    block(statements, &mut out).ok()?;
    out.push("}".to_owned());
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `async fn name<A: Trait>(params) -> Ret {`, on one line when it fits, else one
/// parameter a line; generics too long for the first line get lines of their own.
fn signature(opening: &str, params: &[&str], closing: &str, out: &mut Vec<String>) -> Option<()> {
    let generics = opening.strip_prefix("async fn ")?.strip_suffix(">(")?;
    let (name, bound) = generics.split_once('<')?;
    let (parameter, bound) = bound.split_once(": ")?;
    if !is_identifier(name) || !is_identifier(parameter) || !is_path(bound) {
        return None;
    }
    let returns = closing.strip_prefix(") -> ")?.strip_suffix(" {")?;
    if returns.contains(['(', '{', '[']) || params.iter().any(|param| !is_parameter(param)) {
        return None;
    }
    let one_line = format!("{opening}{}{closing}", params.join(", "));
    match one_line.len() {
        ..=MAX_WIDTH => out.push(one_line),
        _ => {
            if opening.len() <= MAX_WIDTH - 3 {
                out.push(opening.to_owned());
            } else {
                out.push(format!("async fn {name}<"));
                out.push(format!("{}{parameter}: {bound},", spaces(INDENT)));
                out.push(">(".to_owned());
            }
            out.extend(
                params
                    .iter()
                    .map(|param| format!("{}{param},", spaces(INDENT))),
            );
            out.push(closing.to_owned());
        }
    }
    Some(())
}

/// The statements of a function's body, at one indent.
fn block(statements: &[&str], out: &mut Vec<String>) -> Result<(), Doubt> {
    let mut rest = statements;
    while let Some((&line, after)) = rest.split_first() {
        rest = after;
        if line.is_empty() {
            // `rustfmt` keeps one blank line between statements, none at a block's ends.
            if out
                .last()
                .is_some_and(|last| !last.is_empty() && !last.ends_with('{'))
                && rest.first().is_some_and(|next| !next.is_empty())
            {
                out.push(String::new());
            }
            continue;
        }
        if let Some(opening) = line.strip_suffix(" else {") {
            let (arm, after) = else_arm(rest)?;
            rest = after;
            let_else(opening, arm, out)?;
        } else {
            statement(line, out)?;
        }
    }
    Ok(())
}

/// The lines of a `let … else {` block up to its `};`, and the statements after it.
fn else_arm<'a>(rest: &'a [&'a str]) -> Result<(&'a str, &'a [&'a str]), Doubt> {
    match rest {
        [arm, "};", after @ ..] if arm.starts_with("return ") && is_plain(arm) => Ok((arm, after)),
        _ => Err(Doubt::GiveUp),
    }
}

/// One statement on its own line(s).
fn statement(line: &str, out: &mut Vec<String>) -> Result<(), Doubt> {
    let pad = spaces(INDENT);
    if let Some(path) = line.strip_prefix("use ") {
        if path.contains(['{', '*']) || !path.ends_with(';') {
            return Err(Doubt::GiveUp);
        }
        out.push(format!("{pad}{line}"));
        return Ok(());
    }
    if let Some(assignment) = line.strip_prefix("let ")
        && let Some((binding, value)) = assignment.split_once(" = ")
        && let Some(call) = value.strip_suffix(';').and_then(Call::parse)
        && is_binding(binding)
    {
        let laid = assign(&format!("let {binding}"), &call, INDENT, 1)?;
        out.extend(laid);
        if let Some(last) = out.last_mut() {
            last.push(';');
        }
        return Ok(());
    }
    if is_plain(line) && INDENT + line.len() <= MAX_WIDTH {
        out.push(format!("{pad}{line}"));
        return Ok(());
    }
    Err(Doubt::GiveUp)
}

/// `let PATTERN = VALUE else {` with its one-line arm and `};`.
fn let_else(opening: &str, arm: &str, out: &mut Vec<String>) -> Result<(), Doubt> {
    let pad = spaces(INDENT);
    let assignment = opening.strip_prefix("let ").ok_or(Doubt::GiveUp)?;
    let (pattern, value) = assignment.split_once(" = ").ok_or(Doubt::GiveUp)?;
    let one_line = format!("{pad}let {pattern} = {value} else {{");
    let laid = if let Some(name) = pattern
        .strip_prefix("Some(")
        .and_then(|p| p.strip_suffix(')'))
    {
        if !is_identifier(name) || !is_identifier(value) || one_line.len() > MAX_WIDTH - 2 {
            return Err(Doubt::GiveUp);
        }
        vec![one_line]
    } else {
        let patterns = tuple_items(pattern)?;
        let values = tuple_items(value)?;
        if !patterns.iter().all(|p| is_some_pattern(p)) || !values.iter().all(|v| is_identifier(v))
        {
            return Err(Doubt::GiveUp);
        }
        let one_line = format!(
            "{pad}let ({}) = ({}) else {{",
            patterns.join(", "),
            values.join(", ")
        );
        tuple_let_else(&patterns, &values, &one_line)?
    };
    out.extend(laid);
    out.push(format!("{pad}{pad}{arm}"));
    out.push(format!("{pad}}};"));
    Ok(())
}

/// `let (Some(a), ..) = (a, ..) else {`: the pattern on one line when it fits, else one
/// a line; the value after `=` as any right-hand side; `else {` after a lone `)` of the
/// value when the pattern took one line, else on a line of its own.
fn tuple_let_else(patterns: &[&str], values: &[&str], one_line: &str) -> Laid {
    let pad = spaces(INDENT);
    match one_line.len() {
        width if width <= MAX_WIDTH - 2 => return Ok(vec![one_line.to_owned()]),
        width if width <= MAX_WIDTH => return Err(Doubt::GiveUp),
        _ => {}
    }
    let pattern_line = format!("{pad}let ({})", patterns.join(", "));
    let tuple = Call {
        head: "",
        args: values.to_vec(),
        suffix: "",
    };
    let mut laid = match pattern_line.len() {
        width if width < MAX_WIDTH => assign(pattern_line.trim_start(), &tuple, INDENT, 0)?,
        MAX_WIDTH => return Err(Doubt::GiveUp),
        _ => {
            let mut lines = vec![format!("{pad}let (")];
            lines.extend(patterns.iter().map(|p| format!("{pad}{pad}{p},")));
            lines.extend(assign(")", &tuple, INDENT, 0)?);
            lines.push(format!("{pad}else {{"));
            return Ok(lines);
        }
    };
    // The whole did not fit on a line, so `else {` goes on one of its own, unless the
    // value ends in a lone `)` at the `let`'s indent.
    let several = laid.len() > 1;
    let closing = format!("{pad})");
    match laid.last_mut() {
        Some(last) if several && *last == closing => last.push_str(" else {"),
        _ => laid.push(format!("{pad}else {{")),
    }
    Ok(laid)
}

/// The items of a parenthesized tuple, at least two.
fn tuple_items(text: &str) -> Result<Vec<&str>, Doubt> {
    let inner = text
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .ok_or(Doubt::GiveUp)?;
    let items = split_arguments(inner).ok_or(Doubt::GiveUp)?;
    if items.len() < 2 {
        return Err(Doubt::GiveUp);
    }
    Ok(items)
}

/// A line with nothing `rustfmt` could break or respace: short, made of names, calls,
/// borrows and `=`, spaced as `rustfmt` spaces them.
fn is_plain(line: &str) -> bool {
    let bytes = line.as_bytes();
    let spaced = |at: usize| at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' ');
    line.len() <= PLAIN_LINE
        && !line.contains("  ")
        && bytes.iter().enumerate().all(|(at, &byte)| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.' | b'(' | b')' | b'&' | b'?' => {
                true
            }
            b';' => at + 1 == bytes.len(),
            b',' => bytes.get(at + 1) == Some(&b' '),
            b'=' => spaced(at),
            b':' => bytes.get(at + 1) == Some(&b':') || (at > 0 && bytes[at - 1] == b':'),
            b' ' => {
                let before = bytes[at - 1];
                let after = bytes.get(at + 1).copied().unwrap_or(b' ');
                before != b'(' && before != b'&' && !matches!(after, b')' | b',' | b';' | b'.')
            }
            _ => false,
        })
}

fn is_binding(binding: &str) -> bool {
    is_identifier(binding)
        || binding
            .strip_prefix('(')
            .and_then(|rest| rest.strip_suffix(')'))
            .is_some_and(|inner| {
                inner
                    .split(", ")
                    .all(|name| name == "_" || is_identifier(name))
            })
}

fn is_some_pattern(pattern: &str) -> bool {
    pattern
        .strip_prefix("Some(")
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(is_identifier)
}

/// A parameter of a route function: `name: Type` or `State(state): State<..>`.
fn is_parameter(param: &str) -> bool {
    param.is_ascii() && !param.contains(['{', '[', '"', ',']) && !param.contains("  ")
}

#[cfg(test)]
mod tests;
