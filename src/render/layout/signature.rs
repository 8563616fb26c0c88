//! The parameters of a signature broken one a line, as `rustfmt` breaks one that is
//! still too long: shared by the handler traits and the service's stubs.

use super::{INDENT, MAX_WIDTH, is_path, spaces};

/// A parameter of a broken signature, on its line when it fits. Longer, as observed: the
/// type `Outer<Inner>` is broken around `Inner`, and so on inward, when each level then
/// fits; when the innermost does not, the whole runs over on one line, as does a plain
/// path. A type with several generic arguments is left to `rustfmt`.
pub fn parameter_lines(param: &str, out: &mut Vec<String>) -> Option<()> {
    let pad = spaces(2 * INDENT);
    let line = format!("{pad}{param},");
    if line.len() <= MAX_WIDTH || !param.contains('<') {
        out.push(line);
        return Some(());
    }
    let (name, ty) = param.split_once(": ")?;
    let (outer, inner) = generic(ty)?;
    match broken_type(inner, 3 * INDENT)? {
        Some(inner_lines) => {
            out.push(format!("{pad}{name}: {outer}<"));
            out.extend(inner_lines);
            out.push(format!("{pad}>,"));
        }
        None => out.push(line),
    }
    Some(())
}

/// `Outer<Inner>` split, when `Outer` is a path and `Inner` one type.
fn generic(ty: &str) -> Option<(&str, &str)> {
    let (outer, inner) = ty.strip_suffix('>')?.split_once('<')?;
    (is_path(outer) && !has_top_level_comma(inner)).then_some((outer, inner))
}

/// `ty,` at `indent`, broken around its one generic argument level by level until each
/// fits: `Some(None)` when the innermost does not fit anyway; `None` for a type with
/// several generic arguments.
fn broken_type(ty: &str, indent: usize) -> Option<Option<Vec<String>>> {
    let pad = spaces(indent);
    if indent + ty.len() < MAX_WIDTH {
        return Some(Some(vec![format!("{pad}{ty},")]));
    }
    if !ty.contains('<') {
        return Some(None);
    }
    let (outer, inner) = generic(ty)?;
    let Some(inner_lines) = broken_type(inner, indent + INDENT)? else {
        return Some(None);
    };
    let mut lines = vec![format!("{pad}{outer}<")];
    lines.extend(inner_lines);
    lines.push(format!("{pad}>,"));
    Some(Some(lines))
}

/// Whether `text` has a comma outside its angle brackets.
fn has_top_level_comma(text: &str) -> bool {
    let mut depth = 0_usize;
    text.chars().any(|c| {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        c == ',' && depth == 0
    })
}
