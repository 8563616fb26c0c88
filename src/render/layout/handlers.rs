//! The items of a handler module (`handlers/<tag>.rs`): the trait of the tag's handlers
//! with their default bodies, each operation's response enum and its `IntoResponse` impl. Their lines are fixed
//! but for names and types, so a line is kept as written when it fits, and laid out as
//! `rustfmt` breaks it where its choice was observed (on Microsoft Graph's and GitHub's
//! thousands): a long signature one parameter a line, its `{` on a line of its own past
//! 96 columns; a long match arm in a block.

use super::signature::parameter_lines;
use super::{
    CALL_WIDTH, CHAIN_WIDTH, INDENT, MAX_WIDTH, attribute, docs, fitting, is_identifier, is_spaced,
    parameters, spaces,
};

/// The default body of a handler method that is not written.
const NOT_IMPLEMENTED: &str = "async { Err(ApiError::not_implemented()) }";

/// A handler-module item laid out, or `None` when it is not one or its layout is not
/// certain.
pub fn item(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().map(str::trim_start).collect();
    let mut out = Vec::new();
    let rest = docs(&lines, 0, &mut out)?;
    let (first, _) = rest.split_first()?;
    if first.starts_with("pub trait ") {
        handler_trait(rest, &mut out)?;
    } else if first.starts_with("impl IntoResponse for ") {
        into_response(rest, &mut out)?;
    } else if first.starts_with("impl crate::client::Answer for ") {
        answer(rest, &mut out)?;
    } else {
        response_enum(rest, &mut out)?;
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `pub trait Name: Bounds {`, then each method with its docs, attribute and default body.
fn handler_trait(lines: &[&str], out: &mut Vec<String>) -> Option<()> {
    let (header, rest) = lines.split_first()?;
    let (closing, mut methods) = rest.split_last()?;
    if *closing != "}" || !header.ends_with(" {") || methods.is_empty() {
        return None;
    }
    // Past 92 columns, as observed, the bounds go on a line of their own.
    if header.len() <= MAX_WIDTH - 8 {
        fitting(header, 0, out)?;
    } else {
        let (name, bounds) = header.strip_suffix(" {")?.split_once(": ")?;
        out.push(format!("{name}:"));
        fitting(bounds, INDENT, out)?;
        out.push("{".to_owned());
    }
    while !methods.is_empty() {
        methods = method(methods, out)?;
    }
    out.push("}".to_owned());
    Some(())
}

/// One default method of the trait; the lines after it.
fn method<'a>(lines: &'a [&'a str], out: &mut Vec<String>) -> Option<&'a [&'a str]> {
    let lines = attribute(docs(lines, INDENT, out)?, INDENT, out)?;
    let (opening, rest) = lines.split_first()?;
    let name = opening.strip_prefix("fn ")?.strip_suffix('(')?;
    if !is_identifier(name) {
        return None;
    }
    let (params, rest) = parameters(rest)?;
    let [closing, body, end, after @ ..] = rest else {
        return None;
    };
    let returns = closing.strip_prefix(") -> ")?.strip_suffix(" {")?;
    if *body != NOT_IMPLEMENTED || *end != "}" {
        return None;
    }
    if !is_spaced(returns) || !params.iter().all(|param| is_spaced(param)) {
        return None;
    }
    signature(name, &params, returns, out)?;
    out.push(format!("{}{NOT_IMPLEMENTED}", spaces(2 * INDENT)));
    out.push(format!("{}}}", spaces(INDENT)));
    Some(after)
}

/// `fn name(params) -> Ret {` at the trait's indent: on one line to 97 columns, past 100
/// one parameter a line, then `{` after the return type to 96 columns, below it to 109
/// (`rustfmt` lets the line run over); a return type longer still is broken.
fn signature(name: &str, params: &[&str], returns: &str, out: &mut Vec<String>) -> Option<()> {
    let pad = spaces(INDENT);
    let one_line = format!("{pad}fn {name}({}) -> {returns} {{", params.join(", "));
    match one_line.len() {
        width if width <= MAX_WIDTH - 3 => out.push(one_line),
        width if width <= MAX_WIDTH => return None,
        _ => {
            let opening = format!("{pad}fn {name}(");
            if opening.len() > MAX_WIDTH {
                return None;
            }
            out.push(opening);
            for param in params {
                parameter_lines(param, out)?;
            }
            let output = returns
                .strip_prefix("impl Future<")
                .and_then(|rest| rest.strip_suffix("> + Send"))?;
            let closing = format!("{pad}) -> {returns}");
            // How `rustfmt` breaks this return type at each width, as observed.
            match closing.len() {
                ..=94 => out.push(format!("{closing} {{")),
                95..=107 => {
                    out.push(closing);
                    out.push(format!("{pad}{{"));
                }
                108 => {
                    out.push(format!("{pad}) -> impl Future<{output}>"));
                    out.push(format!("{pad}+ Send {{"));
                }
                _ => {
                    out.push(format!("{pad}) -> impl Future<"));
                    future_output(output, out)?;
                    out.push(format!("{pad}> + Send {{"));
                }
            }
        }
    }
    Some(())
}

/// `Output = Result<Name, ApiError>,` on a line of its own, or broken after `Result<` when
/// it does not fit.
fn future_output(output: &str, out: &mut Vec<String>) -> Option<()> {
    let line = format!("{output},");
    if 2 * INDENT + line.len() <= MAX_WIDTH {
        return fitting(&line, 2 * INDENT, out);
    }
    let response = output
        .strip_prefix("Output = Result<")?
        .strip_suffix(", ApiError>")?;
    out.push(format!("{}Output = Result<", spaces(2 * INDENT)));
    fitting(&format!("{response},"), 3 * INDENT, out)?;
    out.push(format!("{}ApiError,", spaces(3 * INDENT)));
    out.push(format!("{}>,", spaces(2 * INDENT)));
    Some(())
}

/// A response enum: its attributes, `pub enum Name {`, variants with their docs, `}`.
fn response_enum(lines: &[&str], out: &mut Vec<String>) -> Option<()> {
    let attributes = lines
        .iter()
        .take_while(|line| line.starts_with("#["))
        .count();
    for attribute in &lines[..attributes] {
        fitting(attribute, 0, out)?;
    }
    let (header, rest) = lines[attributes..].split_first()?;
    let (closing, mut variants) = rest.split_last()?;
    let is_enum = header.starts_with("pub enum ") && header.ends_with(" {");
    if !is_enum || *closing != "}" || variants.is_empty() {
        return None;
    }
    fitting(header, 0, out)?;
    while !variants.is_empty() {
        let (variant, rest) = docs(variants, INDENT, out)?.split_first()?;
        if !variant.ends_with(',') {
            return None;
        }
        variant_line(variant, out)?;
        variants = rest;
    }
    out.push("}".to_owned());
    Some(())
}

/// A variant: on its line, but one with several fields wider than an argument list may be
/// ([`CALL_WIDTH`]) one field a line. Near that width, where `rustfmt`'s choice was not observed,
/// the item is left to it.
fn variant_line(variant: &str, out: &mut Vec<String>) -> Option<()> {
    let Some((name, fields)) = variant
        .strip_suffix("),")
        .and_then(|rest| rest.split_once('('))
        .filter(|(_, fields)| fields.contains(", "))
    else {
        return fitting(variant, INDENT, out);
    };
    match fields.len() {
        width if width < CALL_WIDTH - 5 => fitting(variant, INDENT, out),
        width if width <= CALL_WIDTH + 5 => None,
        _ => {
            if !is_spaced(fields) || fields.contains(['(', '<']) {
                return None;
            }
            out.push(format!("{}{name}(", spaces(INDENT)));
            for field in fields.split(", ") {
                fitting(&format!("{field},"), 2 * INDENT, out)?;
            }
            out.push(format!("{}),", spaces(INDENT)));
            Some(())
        }
    }
}

/// `impl IntoResponse for Name`, its one method matching each variant to a response. An
/// operation that declares no response has a match without arms, which `rustfmt` closes on
/// its opening line; that rare form is left to it.
fn into_response(lines: &[&str], out: &mut Vec<String>) -> Option<()> {
    let [
        header,
        "fn into_response(self) -> Response {",
        "match self {",
        arms @ ..,
        "}",
        "}",
        "}",
    ] = lines
    else {
        return None;
    };
    if arms.is_empty() {
        return None;
    }
    fitting(header, 0, out)?;
    out.push(format!(
        "{}fn into_response(self) -> Response {{",
        spaces(INDENT)
    ));
    out.push(format!("{}match self {{", spaces(2 * INDENT)));
    for arm in arms {
        match_arm(arm, out)?;
    }
    for indent in [2, 1, 0] {
        out.push(format!("{}}}", spaces(indent * INDENT)));
    }
    Some(())
}

/// The status of a response, as `fn status` matches it.
const STATUS: &str = "fn status(&self) -> ::axum::http::StatusCode {";
/// The reading of an answer.
const READ: &str =
    "fn read(answer: crate::client::ClientResponse) -> Result<Self, crate::client::ClientError> {";

/// `impl crate::client::Answer for Name`: `status` matching each variant, then `read`
/// matching the status (or one expression, without a status of its own to match).
fn answer(lines: &[&str], out: &mut Vec<String>) -> Option<()> {
    let (header, rest) = lines.split_first()?;
    let [STATUS, rest @ ..] = rest else {
        return None;
    };
    fitting(header, 0, out)?;
    out.push(format!("{}{STATUS}", spaces(INDENT)));
    let rest = match rest {
        ["match *self {}", "}", "", rest @ ..] => {
            out.push(format!("{}match *self {{}}", spaces(2 * INDENT)));
            rest
        }
        ["match *self {", rest @ ..] => {
            out.push(format!("{}match *self {{", spaces(2 * INDENT)));
            let arms = rest.iter().take_while(|line| **line != "}").count();
            if arms == 0 {
                return None;
            }
            for arm in &rest[..arms] {
                match_arm(arm, out)?;
            }
            let ["}", "}", "", rest @ ..] = &rest[arms..] else {
                return None;
            };
            out.push(format!("{}}}", spaces(2 * INDENT)));
            rest
        }
        _ => return None,
    };
    out.push(format!("{}}}", spaces(INDENT)));
    out.push(String::new());
    out.push(format!("{}{READ}", spaces(INDENT)));
    match rest {
        [
            READ,
            "match answer.status().as_u16() {",
            arms @ ..,
            "}",
            "}",
            "}",
        ] => {
            out.push(format!(
                "{}match answer.status().as_u16() {{",
                spaces(2 * INDENT)
            ));
            for arm in arms {
                status_arm(arm, out)?;
            }
            out.push(format!("{}}}", spaces(2 * INDENT)));
        }
        [READ, expression, "}", "}"] if expression.len() <= CALL_WIDTH => {
            fitting(expression, 2 * INDENT, out)?;
        }
        _ => return None,
    }
    out.push(format!("{}}}", spaces(INDENT)));
    out.push("}".to_owned());
    Some(())
}

/// `pattern => value,`: on one line to 98 columns; past 100, the value in a block of its
/// own. A value longer than a chain may be on a line ([`CHAIN_WIDTH`]) is left to `rustfmt`.
fn match_arm(arm: &str, out: &mut Vec<String>) -> Option<()> {
    let (pattern, _) = arm.split_once(" => ")?;
    is_spaced(pattern).then_some(())?;
    place_arm(arm, out)
}

/// A match arm on a status code: `200`, `200..=299` (which [`is_spaced`] would refuse for
/// its `=`) or `_`.
fn status_arm(arm: &str, out: &mut Vec<String>) -> Option<()> {
    let (pattern, _) = arm.split_once(" => ")?;
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    let status = match pattern.split_once("..=") {
        Some((low, high)) => digits(low) && digits(high),
        None => digits(pattern) || pattern == "_",
    };
    status.then_some(())?;
    place_arm(arm, out)
}

/// An arm whose pattern is spaced as `rustfmt` spaces it, placed as [`match_arm`] says.
/// Past a chain's width, a response built from a tuple (`(status, headers, body)`) or an
/// answer's `Ok(..)` stays on a line while its tuple or argument fits an argument list:
/// the tuple's arm in a block when the line is too long, the `Ok`'s left to `rustfmt`.
fn place_arm(arm: &str, out: &mut Vec<String>) -> Option<()> {
    let indent = 3 * INDENT;
    let (pattern, value) = arm.split_once(" => ")?;
    let value = value.strip_suffix(',')?;
    let tuple = value
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(").into_response()"));
    let argument = value
        .strip_prefix("Ok(")
        .and_then(|rest| rest.strip_suffix(')'));
    let unbroken = match (tuple, argument) {
        _ if value.len() <= CHAIN_WIDTH => true,
        (Some(inside), _) | (_, Some(inside)) => inside.len() <= CALL_WIDTH,
        _ => false,
    };
    if !unbroken || !is_spaced(value) {
        return None;
    }
    match indent + arm.len() {
        width if width <= MAX_WIDTH - 2 => out.push(format!("{}{arm}", spaces(indent))),
        width if width <= MAX_WIDTH => return None,
        _ if argument.is_some() && value.len() > CHAIN_WIDTH => return None,
        _ => {
            out.push(format!("{}{pattern} => {{", spaces(indent)));
            out.push(format!("{}{value}", spaces(indent + INDENT)));
            out.push(format!("{}}}", spaces(indent)));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests;
