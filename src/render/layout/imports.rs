//! The head of a service's handler file: its inner doc comment, if any, then groups of
//! `use` statements (`use api::models::*;`, `use api::{ Names, .. };`, `use crate::App;`).
//! `rustfmt` sorts a braced list of names and packs it on as few lines as fit; both are
//! done here for lists of plain names, and the statements of a group are taken only in
//! the order `rustfmt` was seen to keep.

use std::cmp::Ordering;

use super::{INDENT, MAX_WIDTH, is_path, spaces};

/// The head laid out, or `None` when it is not one or its layout is not certain.
pub fn item(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().collect();
    let doc_lines = lines
        .iter()
        .take_while(|line| line.starts_with("//!"))
        .count();
    let (docs, rest) = lines.split_at(doc_lines);
    if docs.iter().any(|line| line.trim_end() != *line) {
        return None;
    }
    let mut out: Vec<String> = docs.iter().map(|line| (*line).to_owned()).collect();
    // The doc comment is followed by a blank line, as the templates write it.
    let statements = match rest {
        ["", statements @ ..] if !docs.is_empty() => statements,
        _ if docs.is_empty() => rest,
        _ => return None,
    };
    if statements
        .first()
        .is_none_or(|line| !line.starts_with("use "))
    {
        return None;
    }
    for (index, group) in statements.split(|line| line.is_empty()).enumerate() {
        if index > 0 || !docs.is_empty() {
            out.push(String::new());
        }
        for statement in ordered_group(group)? {
            out.extend(statement_lines(statement)?);
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// The statements of a group in the order `rustfmt` keeps: one statement, or a glob and
/// then a braced list under the same path.
fn ordered_group<'a>(group: &'a [&'a str]) -> Option<&'a [&'a str]> {
    match group {
        [_] => Some(group),
        [glob, list] => {
            let glob_path = glob.strip_prefix("use ")?.strip_suffix("::*;")?;
            let (glob_base, _) = glob_path.rsplit_once("::")?;
            let (list_base, _) = list.strip_prefix("use ")?.split_once("::{")?;
            (glob_base == list_base).then_some(group)
        }
        _ => None,
    }
}

/// `use path;` as it is, or `use path::{ names };` with its names sorted, on one line when
/// it fits, else packed on lines of their own.
fn statement_lines(statement: &str) -> Option<Vec<String>> {
    let path = statement.strip_prefix("use ")?.strip_suffix(';')?;
    let Some((base, list)) = path.split_once("::{") else {
        let plain = path.strip_suffix("::*").unwrap_or(path);
        return is_path(plain).then(|| vec![statement.to_owned()]);
    };
    let mut names: Vec<&str> = list.strip_suffix('}')?.split(',').map(str::trim).collect();
    let plain_names = names
        .iter()
        .all(|name| !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric()));
    // A lone name loses its braces, and leading zeros and repeats sort by rules not kept
    // here: left to `rustfmt`.
    let leading_zero = names.iter().any(|name| has_leading_zero(name));
    if !is_path(base) || names.len() < 2 || !plain_names || leading_zero {
        return None;
    }
    names.sort_by(|a, b| version_order(a, b));
    if names.windows(2).any(|pair| pair[0] == pair[1]) {
        return None;
    }
    let one_line = format!("use {base}::{{{}}};", names.join(", "));
    // Observed: a statement of 99 or 100 columns is broken too.
    if one_line.len() <= MAX_WIDTH - 2 {
        return Some(vec![one_line]);
    }
    let mut lines = vec![format!("use {base}::{{")];
    let pad = spaces(INDENT);
    let mut line = String::new();
    let lone_line = format!("{pad}{},", names.join(", "));
    // All the names on one line may reach the edge; packed on several, `rustfmt` counts a
    // space after each name, and a line ends a column short of it.
    let limit = if lone_line.len() <= MAX_WIDTH {
        MAX_WIDTH
    } else {
        MAX_WIDTH - 1
    };
    for name in names {
        if !line.is_empty() && line.len() + 1 + name.len() + 1 > limit {
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            line = format!("{pad}{name},");
        } else {
            line.push_str(&format!(" {name},"));
        }
    }
    lines.push(line);
    lines.push("};".to_owned());
    lines
        .iter()
        .all(|line| line.len() <= MAX_WIDTH)
        .then_some(lines)
}

/// `rustfmt`'s version sorting of names: runs of digits compare as numbers, everything else
/// character by character.
fn version_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (runs(a), runs(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(left), Some(right)) => {
                let digits = |run: &str| run.bytes().all(|byte| byte.is_ascii_digit());
                let order = if digits(left) && digits(right) {
                    left.len().cmp(&right.len()).then_with(|| left.cmp(right))
                } else {
                    left.cmp(right)
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// `text` cut into runs of digits and runs of other characters.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = *bytes.get(start)?;
        let length = bytes[start..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit() == first.is_ascii_digit())
            .count();
        let run = &text[start..start + length];
        start += length;
        Some(run)
    })
}

/// Whether a run of digits in `name` starts with a zero and goes on.
fn has_leading_zero(name: &str) -> bool {
    runs(name).any(|run| run.len() > 1 && run.starts_with('0'))
}

#[cfg(test)]
mod tests;
