//! A struct literal of validation rules at the end of nested one-argument calls
//! (`&Shape::String(&StringRules { max_length: Some(5), ..StringRules::of(Format::None) })`).
//! Its fields and base are always wider together than `rustfmt`'s `struct_lit_width`, so it
//! is broken one field a line, the calls around it kept on its first line and closed after
//! its brace.

use super::assign::split_arguments;
use super::{CALL_WIDTH, INDENT, MAX_WIDTH, is_identifier, is_path, spaces};

/// `rustfmt`'s `struct_lit_width`: the widest body of a struct literal kept on one line.
const STRUCT_LITERAL_WIDTH: usize = 18;
/// The most calls around a literal laid out here: around four, `rustfmt` was seen to break
/// the calls instead.
const MAX_CALLS: usize = 3;

/// A struct literal of rules inside `expression`, split around its body.
pub struct RulesLiteral<'a> {
    /// Everything up to the opening brace: `&Shape::String(&StringRules`.
    pub opening: &'a str,
    /// The fields, then the base after `..`.
    fields: Vec<&'a str>,
    /// The closing parentheses after the brace.
    closing: &'a str,
}

impl<'a> RulesLiteral<'a> {
    /// `expression` read as calls of one argument around a struct literal whose fields are
    /// flat and whose base comes last; `None` for anything else.
    pub fn parse(expression: &'a str) -> Option<Self> {
        let (opening, rest) = expression.split_once(" { ")?;
        let closing_at = rest.rfind(" }")?;
        let (body, closing) = (&rest[..closing_at], &rest[closing_at + 2..]);
        let calls = opening.matches('(').count();
        if closing.len() != calls || closing.bytes().any(|byte| byte != b')') {
            return None;
        }
        let callees_are_paths = opening
            .split('(')
            .all(|callee| is_path(callee.strip_prefix('&').unwrap_or(callee)));
        let fields = split_arguments(body)?;
        let (base, named) = fields.split_last()?;
        let flat_fields = named.iter().all(|field| {
            field
                .split_once(": ")
                .is_some_and(|(name, value)| is_identifier(name) && is_flat(value))
        });
        let flat_base = base.strip_prefix("..").is_some_and(is_flat);
        (callees_are_paths && flat_fields && flat_base && body.len() > STRUCT_LITERAL_WIDTH)
            .then_some(Self {
                opening,
                fields,
                closing,
            })
    }

    /// The literal's lines with its first at `indent`, the first line's text after
    /// `first_line_head` (what comes before the expression on its line); the last line
    /// ends with the closing parentheses, for the caller to end.
    pub fn lines(&self, first_line_head: &str, indent: usize) -> Option<Vec<String>> {
        let pad = spaces(indent);
        let mut lines = vec![format!("{pad}{first_line_head}{} {{", self.opening)];
        let field_pad = spaces(indent + INDENT);
        let (base, named) = self.fields.split_last()?;
        lines.extend(named.iter().map(|field| format!("{field_pad}{field},")));
        lines.push(format!("{field_pad}{base}"));
        lines.push(format!("{pad}}}{}", self.closing));
        // The first line leaves a column for each call it opens and one more, as observed
        // (deeper calls are broken otherwise); the last gets at most `);` or `),` after it.
        let calls = self.closing.len();
        let fits = calls <= MAX_CALLS
            && lines[0].len() < MAX_WIDTH - calls
            && lines.iter().all(|line| line.len() <= MAX_WIDTH)
            && lines.last().is_some_and(|last| last.len() + 2 <= MAX_WIDTH);
        fits.then_some(lines)
    }
}

/// A value `rustfmt` keeps on its line when the line fits: no brackets or braces, calls
/// balanced, each with arguments no wider than a call's.
pub fn is_flat(value: &str) -> bool {
    let mut openings = Vec::new();
    let mut widest = 0;
    for (at, byte) in value.bytes().enumerate() {
        match byte {
            b'(' => openings.push(at),
            b')' => match openings.pop() {
                Some(opening) => widest = widest.max(at - opening - 1),
                None => return false,
            },
            _ => {}
        }
    }
    let plain = value.bytes().all(|byte| {
        byte.is_ascii_alphanumeric()
            || matches!(byte, b'_' | b':' | b'.' | b'&' | b'(' | b')' | b'-')
    }) || value
        .strip_prefix('"')
        .and_then(|text| text.strip_suffix('"'))
        .is_some_and(|text| !text.contains(['"', '\\']));
    !value.is_empty() && openings.is_empty() && widest <= CALL_WIDTH && plain
}

#[cfg(test)]
mod tests;
