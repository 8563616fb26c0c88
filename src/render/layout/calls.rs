//! Nested calls of one argument each (`Ok(Name::Variant(lib::from_example(r#"…"#)?))`,
//! `&Shape::Array(&ArrayRules::of(&ITEM))`) as `rustfmt` lays them out: on one line when it fits, else each call either keeps its
//! argument's first line beside its `(` ("overflows" it) or puts the argument on lines of
//! its own, one indent deeper. The choice follows `rustfmt`'s: an argument that is itself a
//! call gets at most [`CALL_WIDTH`] columns to overflow in; a callee shorter than an indent
//! (`Ok`) overflows any argument; a string literal may run past the line when it stands
//! alone, a path may not.

use super::{CALL_WIDTH, INDENT, MAX_WIDTH, is_path, spaces};

/// An expression of nested one-argument calls.
#[derive(Debug, PartialEq)]
pub enum Expr<'a> {
    Call {
        callee: &'a str,
        argument: Box<Expr<'a>>,
    },
    Try(Box<Expr<'a>>),
    /// A string literal or a path: never broken. (A call without arguments is not read:
    /// `rustfmt` overflows it as a call, which is not modelled.)
    Atom {
        text: &'a str,
        is_string: bool,
    },
}

impl<'a> Expr<'a> {
    /// `text` read as nested calls, when it is nothing else: each call's callee a path,
    /// each literal one string whose delimiter does not recur inside it. A string that is
    /// not ASCII must be too long for any line whatever its letters' widths, which the
    /// layout then need not know.
    pub fn parse(text: &'a str) -> Option<Self> {
        if let Some(inner) = text.strip_suffix('?') {
            return Some(Self::Try(Box::new(Self::parse(inner)?)));
        }
        if is_string(text) && (text.is_ascii() || text.chars().count() > MAX_WIDTH) {
            return Some(Self::Atom {
                text,
                is_string: true,
            });
        }
        if is_path(unborrowed(text)) {
            return Some(Self::Atom {
                text,
                is_string: false,
            });
        }
        let (callee, rest) = text.split_once('(')?;
        let argument = rest.strip_suffix(')')?;
        is_path(unborrowed(callee)).then_some(())?;
        Some(Self::Call {
            callee,
            argument: Box::new(Self::parse(argument)?),
        })
    }

    fn is_call(&self) -> bool {
        match self {
            Self::Call { .. } => true,
            Self::Try(inner) => inner.is_call(),
            Self::Atom { .. } => false,
        }
    }
}

/// `text` without the `&` that borrows it: `rustfmt` lays out `&call(..)` as the call one
/// column further on.
fn unborrowed(text: &str) -> &str {
    text.strip_prefix('&').unwrap_or(text)
}

/// A plain or raw string literal: `"…"` without quotes or escapes inside, or `r#"…"#`
/// whose closing delimiter appears only at its end.
fn is_string(text: &str) -> bool {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let closing = format!("\"{}", "#".repeat(hashes));
        let inside = raw[hashes..]
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix(closing.as_str()));
        return inside.is_some_and(|inside| !inside.contains(closing.as_str()));
    }
    text.len() >= 2
        && text.starts_with('"')
        && text.ends_with('"')
        && !text[1..text.len() - 1].contains(['"', '\\'])
}

/// `expr` as the statement of a block at `indent`, each line with its indent; `None` when
/// `rustfmt` would find no layout and keep it as written.
pub fn statement(expr: &Expr, indent: usize) -> Option<Vec<String>> {
    let mut lines = lay(expr, indent, MAX_WIDTH.checked_sub(indent)?, 0)?;
    lines[0].insert_str(0, &spaces(indent));
    Some(lines)
}

/// `expr` as an argument on lines of its own at `indent`, followed by a comma.
pub fn argument(expr: &Expr, indent: usize) -> Option<Vec<String>> {
    let mut lines = lay(expr, indent, MAX_WIDTH.checked_sub(indent)?, 1)?;
    lines[0].insert_str(0, &spaces(indent));
    lines.last_mut()?.push(',');
    Some(lines)
}

/// `expr` starting where `width` columns are left, with `trailing` columns to follow its
/// last line: its first line without indent, the others with theirs.
fn lay(expr: &Expr, indent: usize, width: usize, trailing: usize) -> Option<Vec<String>> {
    match expr {
        Expr::Atom { text, .. } => (text.len() + trailing <= width).then(|| vec![text.to_string()]),
        Expr::Try(inner) => {
            let mut lines = lay(inner, indent, width, trailing + 1)?;
            lines.last_mut()?.push('?');
            Some(lines)
        }
        Expr::Call { callee, argument } => call(callee, argument, indent, width, trailing),
    }
}

/// `callee(argument)`: the argument overflowed when its first line fits beside the `(`,
/// else on the call's line when all of it fits there, else on lines of its own.
fn call(
    callee: &str,
    argument: &Expr,
    indent: usize,
    width: usize,
    trailing: usize,
) -> Option<Vec<String>> {
    let one_line = width.saturating_sub(callee.len() + 2 + trailing);
    let overflows = callee.len() < INDENT || argument.is_call();
    if overflows && one_line > 0 {
        let room = if argument.is_call() {
            one_line.min(CALL_WIDTH)
        } else {
            one_line
        };
        if let Some(mut lines) = lay(argument, indent, room, 0)
            && lines[0].len() <= one_line.min(CALL_WIDTH)
        {
            lines[0].insert_str(0, &format!("{callee}("));
            lines.last_mut()?.push(')');
            return Some(lines);
        }
    }
    let nested_indent = indent + INDENT;
    let nested = lay(
        argument,
        nested_indent,
        MAX_WIDTH.saturating_sub(nested_indent),
        1,
    );
    let mut lines = match nested {
        Some(lines) if lines.len() == 1 && lines[0].len() <= one_line => {
            return Some(vec![format!("{callee}({})", lines[0])]);
        }
        Some(lines) => lines,
        None => match argument {
            Expr::Atom {
                text,
                is_string: true,
            } => vec![text.to_string()],
            _ => return None,
        },
    };
    if callee.len() + 1 > width {
        return None;
    }
    lines[0].insert_str(0, &spaces(nested_indent));
    lines.last_mut()?.push(',');
    lines.insert(0, format!("{callee}("));
    lines.push(format!("{})", spaces(indent)));
    Some(lines)
}

#[cfg(test)]
mod tests;
