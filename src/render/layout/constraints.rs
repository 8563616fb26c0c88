//! The statics of `constraints.rs` whose value is one call of simple arguments, maybe
//! followed by one method call (`Parameter::query("page", &Shape::INTEGER).optional()`,
//! `Shape::Ref(&OTHER)`): at the top level, or in an operation's module of parameters.
//! The value is placed as [`assign`] places a right-hand side. Statics of nested values
//! (object shapes, unions, arrays) are left to `rustfmt`, and with them their module.

use super::assign::{Call, assign};
use super::{INDENT, docs, is_identifier, spaces};

/// A static or a module of statics laid out, or `None` when it is neither or its layout
/// is not certain.
pub fn item(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().map(str::trim_start).collect();
    let mut out = Vec::new();
    let rest = docs(&lines, 0, &mut out)?;
    match rest {
        [line] => static_item(line, 0, &mut out)?,
        [opening, "use super::*;", "", statics @ .., "}"] => {
            let name = opening.strip_prefix("pub mod ")?.strip_suffix(" {")?;
            if !is_identifier(name) || statics.is_empty() {
                return None;
            }
            out.push((*opening).to_owned());
            out.push(format!("{}use super::*;", spaces(INDENT)));
            out.push(String::new());
            for line in statics {
                static_item(line, INDENT, &mut out)?;
            }
            out.push("}".to_owned());
        }
        _ => return None,
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `pub static NAME: Type = value;` at `indent`.
fn static_item(line: &str, indent: usize, out: &mut Vec<String>) -> Option<()> {
    let declaration = line.strip_prefix("pub static ")?.strip_suffix(';')?;
    let (name, rest) = declaration.split_once(": ")?;
    let (ty, value) = rest.split_once(" = ")?;
    if !is_identifier(name) || !is_identifier(ty) {
        return None;
    }
    let value = Call::parse(value)?;
    let mut laid = assign(&format!("pub static {name}: {ty}"), &value, indent, 1).ok()?;
    laid.last_mut()?.push(';');
    out.extend(laid);
    Some(())
}

#[cfg(test)]
mod tests;
