//! A right-hand side that is a call of simple arguments (`lhs = path(args).suffix`), as
//! `rustfmt` places it: on the same line when it fits there, else on the next line or
//! broken after `(`, whichever `rustfmt` prefers. Shared by the route functions' `let`
//! statements and the statics of `constraints.rs`.

use super::{CALL_WIDTH, INDENT, MAX_WIDTH, is_identifier, is_path, spaces, string_end};

/// Why a layout was not found.
#[derive(Debug)]
pub enum Doubt {
    /// This placement does not work; the expression may still fit on a line of its own.
    TryNextLine,
    /// `rustfmt` would do something not modelled here.
    GiveUp,
}

pub type Laid = Result<Vec<String>, Doubt>;

/// `rustfmt`'s `short_array_element_width_threshold`: arguments this short (and simple)
/// are packed several to a line when a call is broken.
const SHORT_ITEM: usize = 10;
/// `lhs = value` at `indent`, the value on the same line when it fits there on one line,
/// else on the next line (four further in) when it fits there on one line or takes
/// fewer lines there, as `rustfmt` chooses. `tail` is what follows the value (`;`).
pub fn assign(lhs: &str, value: &Call<'_>, indent: usize, tail: usize) -> Laid {
    let pad = spaces(indent);
    let start = indent + lhs.len() + 3;
    if start + 2 > MAX_WIDTH {
        return Err(Doubt::GiveUp);
    }
    let same_line = match value.lay(start, indent, tail) {
        Ok(lines) if lines.len() == 1 => return Ok(vec![format!("{pad}{lhs} = {}", lines[0])]),
        Ok(lines) => Some(lines),
        Err(Doubt::TryNextLine) => None,
        Err(Doubt::GiveUp) => return Err(Doubt::GiveUp),
    };
    let next = indent + INDENT;
    let next_line = match value.lay(next, next, tail) {
        Ok(lines) => Some(lines),
        Err(Doubt::TryNextLine) => None,
        Err(Doubt::GiveUp) => return Err(Doubt::GiveUp),
    };
    let take_next = match (&same_line, &next_line) {
        (None, None) => return Err(Doubt::GiveUp),
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(same), Some(next)) => {
            next.len() == 1
                || same.len() > next.len() + 1
                || (same[0].ends_with('(') && !next[0].ends_with('('))
        }
    };
    Ok(match (take_next, same_line, next_line) {
        (true, _, Some(next_lines)) => {
            let mut lines = vec![format!("{pad}{lhs} =")];
            let mut next_lines = next_lines.into_iter();
            if let Some(first) = next_lines.next() {
                lines.push(format!("{}{first}", spaces(next)));
            }
            lines.extend(next_lines);
            lines
        }
        (_, Some(same), _) => {
            let mut same = same.into_iter();
            let first = same.next().unwrap_or_default();
            std::iter::once(format!("{pad}{lhs} = {first}"))
                .chain(same)
                .collect()
        }
        _ => return Err(Doubt::GiveUp),
    })
}

/// A call `head(args)suffix` as rendered; a tuple is a call without a head.
pub struct Call<'a> {
    pub head: &'a str,
    pub args: Vec<&'a str>,
    pub suffix: &'a str,
}

impl<'a> Call<'a> {
    /// A call of a path or of a method on a name, with simple arguments, optionally
    /// followed by `.await`, `.await?` or `?`.
    pub fn parse(text: &'a str) -> Option<Self> {
        let (text, suffix) = [".await?", ".await", "?"]
            .into_iter()
            .find_map(|suffix| Some((text.strip_suffix(suffix)?, suffix)))
            .unwrap_or((text, ""));
        let open = text.find('(')?;
        let close = closing_paren(text, open)?;
        let head = &text[..open];
        let args = &text[open + 1..close];
        let (suffix, method_args) = match &text[close + 1..] {
            "" => (suffix, ""),
            method if suffix.is_empty() => method_call(method)?,
            _ => return None,
        };
        let receiver_and_method = head.split_once('.');
        let head_is_simple = match receiver_and_method {
            Some((receiver, method)) => is_identifier(receiver) && is_identifier(method),
            None => is_path(head),
        };
        let method_args = split_arguments(method_args)?;
        let args = split_arguments(args)?;
        let atoms = args.iter().chain(&method_args).all(|arg| is_atom(arg));
        (head_is_simple && atoms).then_some(Self { head, args, suffix })
    }

    fn is_method(&self) -> bool {
        self.head.contains('.')
    }

    /// The call's lines, its first starting at column `start`, the next at `indent`; the
    /// first without its indent, the others with theirs.
    fn lay(&self, start: usize, indent: usize, tail: usize) -> Laid {
        if self.suffix.is_empty() {
            return self.lay_parenthesized(start, indent, tail);
        }
        // `?` is no link of a chain: it stays on the call's closing parenthesis.
        if self.suffix == "?" {
            let mut lines = self.lay_parenthesized(start, indent, tail + 1)?;
            if let Some(last) = lines.last_mut() {
                last.push('?');
            }
            return Ok(lines);
        }
        let parent = self.lay_parenthesized(start, indent, 1)?;
        let Some(call) = parent.first().filter(|_| parent.len() == 1) else {
            let mut lines = parent;
            lines.push(format!("{}{}", spaces(indent), self.suffix));
            return Ok(lines);
        };
        if start + call.len() + self.suffix.len() + tail <= MAX_WIDTH {
            return Ok(vec![format!("{call}{}", self.suffix)]);
        }
        // A suffix too long for a line of its own would have its own arguments broken.
        if self.is_method() || indent + INDENT + self.suffix.len() + tail > MAX_WIDTH {
            return Err(Doubt::GiveUp);
        }
        Ok(vec![
            call.clone(),
            format!("{}{}", spaces(indent + INDENT), self.suffix),
        ])
    }

    /// `head(args)`: on one line when it fits and its arguments are no wider than
    /// `fn_call_width` (a lone argument may be wider); else broken after `(`, short simple
    /// arguments packed on lines, others one a line.
    fn lay_parenthesized(&self, start: usize, indent: usize, tail: usize) -> Laid {
        let inner = self.args.join(", ");
        let one_line = format!("{}({inner})", self.head);
        let fits = start + one_line.len() + tail <= MAX_WIDTH;
        let lone = self.args.len() == 1;
        if fits && (lone || inner.len() <= CALL_WIDTH) {
            // A lone argument stays beside the call whatever its width when the line fits.
            return Ok(vec![one_line]);
        }
        if lone && indent + INDENT + inner.len() + 1 > MAX_WIDTH {
            // Nor would it fit on a line of its own.
            return Err(Doubt::GiveUp);
        }
        // Broken, the call's first line is `head(`, and what follows goes on its last; the
        // parent of a chain, and a method call, keep room for the rest, as observed (a
        // method call that does not fit is broken at its dot instead: not modelled).
        let reserved = if matches!(self.suffix, "" | "?") && !self.is_method() {
            0
        } else {
            tail
        };
        if start + self.head.len() + 1 + reserved > MAX_WIDTH {
            return Err(if self.is_method() {
                Doubt::GiveUp
            } else {
                Doubt::TryNextLine
            });
        }
        // A string may run past the edge on a line of its own; a path may not, and then
        // this placement does not work.
        let too_long = self
            .args
            .iter()
            .any(|arg| !arg.starts_with('"') && indent + INDENT + arg.len() + 1 > MAX_WIDTH);
        if too_long {
            return Err(Doubt::TryNextLine);
        }
        let arguments = argument_lines(&self.args, indent + INDENT);
        let mut lines = vec![format!("{}(", self.head)];
        lines.extend(arguments);
        lines.push(format!("{})", spaces(indent)));
        Ok(lines)
    }
}

/// Arguments of a broken call at `indent`, each followed by a comma: packed on as few
/// lines as fit when all are short (every atom is a simple expression to `rustfmt`), else
/// one a line.
pub fn argument_lines(args: &[&str], indent: usize) -> Vec<String> {
    let pad = spaces(indent);
    let packed = args.len() > 1 && args.iter().all(|arg| arg.len() <= SHORT_ITEM);
    if !packed {
        return args.iter().map(|arg| format!("{pad}{arg},")).collect();
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for (index, arg) in args.iter().enumerate() {
        // A separator `, ` follows every argument but the last, which only its comma does.
        let room = if index + 1 == args.len() { 0 } else { 1 };
        if !line.is_empty() && indent + line.len() + 1 + arg.len() + 1 + room > MAX_WIDTH {
            lines.push(format!("{pad}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(arg);
        line.push(',');
    }
    lines.push(format!("{pad}{line}"));
    lines
}

/// Where the `)` that closes the `(` at `open` is, past strings and nested brackets.
fn closing_paren(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut at = open;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => at = string_end(text, at)? - 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// A method called on the call, `.name(args)`: the whole as a suffix, and its arguments.
fn method_call(text: &str) -> Option<(&str, &str)> {
    let (name, rest) = text.strip_prefix('.')?.split_once('(')?;
    let args = rest.strip_suffix(')')?;
    is_identifier(name).then_some((text, args))
}

/// Arguments split at their top-level commas (a trailing comma allowed); `None` when
/// their brackets or strings do not close. A raw string (`r#"…"#`, an example's JSON) is
/// passed over whole: its quotes and backslashes are its text.
pub fn split_arguments(text: &str) -> Option<Vec<&str>> {
    let mut args = Vec::new();
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    let mut raw_end = 0;
    for (at, byte) in text.bytes().enumerate() {
        if at < raw_end {
            continue;
        }
        if !in_string && let Some(length) = raw_string_length(text, at) {
            raw_end = at + length;
            continue;
        }
        match byte {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'(' if !in_string => depth += 1,
            b')' if !in_string => depth = depth.checked_sub(1)?,
            b',' if !in_string && depth == 0 => {
                args.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    if in_string || depth != 0 {
        return None;
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        args.push(last);
    }
    args.iter().all(|arg| !arg.is_empty()).then_some(args)
}

/// The length of the raw string literal starting at `at` (`r"…"`, `r#"…"#`), when one
/// does: an `r` that no name's letter precedes, then its hashes and quote, to the quote
/// and hashes that close it.
fn raw_string_length(text: &str, at: usize) -> Option<usize> {
    if text.as_bytes().get(at) != Some(&b'r') {
        return None;
    }
    let preceded_by_name = text[..at]
        .bytes()
        .next_back()
        .is_some_and(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
    let rest = text[at..].strip_prefix('r').filter(|_| !preceded_by_name)?;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let inside = rest[hashes..].strip_prefix('"')?;
    let closing = format!("\"{}", "#".repeat(hashes));
    let end = inside.find(closing.as_str())?;
    Some(1 + hashes + 1 + end + closing.len())
}

/// An argument `rustfmt` cannot break: a string, or a path or name, maybe borrowed or
/// with fields.
pub fn is_atom(arg: &str) -> bool {
    if arg.starts_with('"') {
        return arg.is_ascii() && string_end(arg, 0) == Some(arg.len());
    }
    let bare = arg
        .trim_start_matches('&')
        .trim_start_matches("mut ")
        .trim_start_matches('*');
    !bare.is_empty()
        && bare
            .split("::")
            .flat_map(|part| part.split('.'))
            .all(is_identifier)
}

#[cfg(test)]
mod tests;
