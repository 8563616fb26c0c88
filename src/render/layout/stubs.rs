//! The service's stubs (`service/src/handlers/<tag>.rs`): `impl TagApi for App` with one
//! `async fn` per operation, answering the spec's example or `not_implemented`. The
//! signature is laid out as observed on thousands of generated ones: on one line to 100
//! columns, else one parameter a line, the `{` after the return type to 96 columns and
//! below it to 104, past that the `Result` broken; the answer as [`calls`] lays it out.

use super::assign::split_arguments;
use super::calls::{self, Expr};
use super::signature::parameter_lines;
use super::{
    CALL_WIDTH, INDENT, MAX_WIDTH, attribute, fitting, is_identifier, is_spaced, parameters, spaces,
};

/// The answer of a stub without an example; short enough for its line.
const NOT_IMPLEMENTED: &str = "Err(ApiError::not_implemented())";

/// An `impl … for App` block of stubs laid out, or `None` when it is not one or its
/// layout is not certain.
pub fn item(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().map(str::trim_start).collect();
    let (header, rest) = lines.split_first()?;
    let trait_name = header.strip_prefix("impl ")?.strip_suffix(" for App {")?;
    if !is_identifier(trait_name) || header.len() > MAX_WIDTH {
        return None;
    }
    let (closing, mut methods) = rest.split_last()?;
    if *closing != "}" || methods.is_empty() {
        return None;
    }
    let mut out = vec![(*header).to_owned()];
    while !methods.is_empty() {
        if out.len() > 1 {
            out.push(String::new());
        }
        methods = method(methods, &mut out)?;
    }
    out.push("}".to_owned());
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// One stub, which the template follows with one blank line (`rustfmt` keeps one between
/// methods); the lines after that blank.
fn method<'a>(lines: &'a [&'a str], out: &mut Vec<String>) -> Option<&'a [&'a str]> {
    let rest = attribute(lines, INDENT, out)?;
    let (opening, after) = rest.split_first()?;
    let name = opening.strip_prefix("async fn ")?.strip_suffix('(')?;
    let (params, after) = parameters(after)?;
    let [closing, body, "}", "", after @ ..] = after else {
        return None;
    };
    let response = closing
        .strip_prefix(") -> Result<")?
        .strip_suffix(", ApiError> {")?;
    let [receiver, params @ ..] = params.as_slice() else {
        return None;
    };
    let spaced = params.iter().all(|param| is_spaced(param)) && is_spaced(response);
    if !is_identifier(name) || *receiver != "&self" || !spaced {
        return None;
    }
    signature(name, params, response, out)?;
    if *body == NOT_IMPLEMENTED {
        out.push(format!("{}{NOT_IMPLEMENTED}", spaces(2 * INDENT)));
    } else if let Some(fields) = several_fields(body) {
        answer_of_fields(body, fields, out)?;
    } else {
        out.extend(calls::statement(&Expr::parse(body)?, 2 * INDENT)?);
    }
    out.push(format!("{}}}", spaces(INDENT)));
    Some(after)
}

/// The variant and fields of an answer whose variant holds several (`Ok(R::Created(
/// body, headers))`); `None` for any other.
fn several_fields(body: &str) -> Option<(&str, Vec<&str>)> {
    let inside = body.strip_prefix("Ok(")?.strip_suffix("))")?;
    let (variant, fields) = inside.split_once('(')?;
    let fields = split_arguments(fields)?;
    (fields.len() > 1 && is_spaced(variant)).then_some((variant, fields))
}

/// `Ok(R::Variant(a, b))` as `rustfmt` lays it out: on its line while it fits and `Ok`'s
/// argument fits an argument list; else the fields one a line, each as an argument, with
/// `Ok` overflowing the variant's opening where it fits an argument list's width, or
/// both calls opened on lines of their own.
fn answer_of_fields(
    body: &str,
    (variant, fields): (&str, Vec<&str>),
    out: &mut Vec<String>,
) -> Option<()> {
    let indent = 2 * INDENT;
    // `Ok`'s argument, the variant with its fields, is an argument list of its own.
    let argument = body.len() - "Ok()".len();
    if indent + body.len() <= MAX_WIDTH && argument <= CALL_WIDTH && body.is_ascii() {
        out.push(format!("{}{body}", spaces(indent)));
        return Some(());
    }
    let overflows = variant.len() < CALL_WIDTH;
    let fields_indent = if overflows {
        out.push(format!("{}Ok({variant}(", spaces(indent)));
        indent + INDENT
    } else if indent + INDENT + variant.len() < MAX_WIDTH {
        out.push(format!("{}Ok(", spaces(indent)));
        out.push(format!("{}{variant}(", spaces(indent + INDENT)));
        indent + 2 * INDENT
    } else {
        return None;
    };
    for field in fields {
        out.extend(calls::argument(&Expr::parse(field)?, fields_indent)?);
    }
    if overflows {
        out.push(format!("{}))", spaces(indent)));
    } else {
        out.push(format!("{}),", spaces(indent + INDENT)));
        out.push(format!("{})", spaces(indent)));
    }
    Some(())
}

/// `async fn name(&self, params) -> Result<Response, ApiError> {` at the impl's indent.
fn signature(name: &str, params: &[&str], response: &str, out: &mut Vec<String>) -> Option<()> {
    let pad = spaces(INDENT);
    let returns = format!("Result<{response}, ApiError>");
    let receiver_and_params: Vec<&str> = std::iter::once("&self")
        .chain(params.iter().copied())
        .collect();
    let one_line = format!(
        "{pad}async fn {name}({}) -> {returns} {{",
        receiver_and_params.join(", ")
    );
    if one_line.len() <= MAX_WIDTH {
        out.push(one_line);
        return Some(());
    }
    let opening = format!("{pad}async fn {name}(");
    if opening.len() > MAX_WIDTH {
        return None;
    }
    out.push(opening);
    for param in receiver_and_params {
        parameter_lines(param, out)?;
    }
    let closing = format!("{pad}) -> {returns}");
    // How `rustfmt` places the `{` and breaks the return type at each width, as observed.
    match closing.len() + 2 {
        ..=96 => out.push(format!("{closing} {{")),
        97..=104 => {
            out.push(closing);
            out.push(format!("{pad}{{"));
        }
        _ => {
            out.push(format!("{pad}) -> Result<"));
            fitting(&format!("{response},"), 2 * INDENT, out)?;
            out.push(format!("{}ApiError,", spaces(2 * INDENT)));
            out.push(format!("{pad}> {{"));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests;
