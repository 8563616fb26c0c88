//! The parameters of a signature broken one a line, as `rustfmt` breaks one that is
//! still too long: shared by the handler traits and the service's stubs.

use super::{INDENT, MAX_WIDTH, is_path, spaces};

/// A parameter of a broken signature, on its line when it fits. Longer, as observed: the
/// type `Outer<A, B>` is broken around its arguments, one a line, and so on inward, when
/// each level then fits; when an innermost does not, the whole runs over on one line, as
/// does a plain path.
pub fn parameter_lines(param: &str, out: &mut Vec<String>) -> Option<()> {
    let pad = spaces(2 * INDENT);
    let line = format!("{pad}{param},");
    if line.len() <= MAX_WIDTH || !param.contains('<') {
        out.push(line);
        return Some(());
    }
    let (name, ty) = param.split_once(": ")?;
    let (outer, arguments) = generic(ty)?;
    match broken_arguments(&arguments, 3 * INDENT)? {
        Some(argument_lines) => {
            out.push(format!("{pad}{name}: {outer}<"));
            out.extend(argument_lines);
            out.push(format!("{pad}>,"));
        }
        None => out.push(line),
    }
    Some(())
}

/// `Outer<A, B>` split into `Outer` and its arguments, when `Outer` is a path (maybe from
/// the root, `::std::..`).
fn generic(ty: &str) -> Option<(&str, Vec<&str>)> {
    let (outer, inner) = ty.strip_suffix('>')?.split_once('<')?;
    let relative = outer.strip_prefix("::").unwrap_or(outer);
    is_path(relative).then(|| (outer, top_level_arguments(inner)))
}

/// Generic arguments one a line at `indent`, each broken as [`broken_type`] breaks it:
/// `Some(None)` when one does not fit anyway.
fn broken_arguments(arguments: &[&str], indent: usize) -> Option<Option<Vec<String>>> {
    let mut lines = Vec::new();
    for argument in arguments {
        let Some(argument_lines) = broken_type(argument, indent)? else {
            return Some(None);
        };
        lines.extend(argument_lines);
    }
    Some(Some(lines))
}

/// `ty,` at `indent`, broken around its generic arguments level by level until each
/// fits: `Some(None)` when an innermost does not fit anyway; `None` for a type that is
/// not a path with generic arguments.
fn broken_type(ty: &str, indent: usize) -> Option<Option<Vec<String>>> {
    let pad = spaces(indent);
    if indent + ty.len() < MAX_WIDTH {
        return Some(Some(vec![format!("{pad}{ty},")]));
    }
    if !ty.contains('<') {
        return Some(None);
    }
    let (outer, arguments) = generic(ty)?;
    let Some(argument_lines) = broken_arguments(&arguments, indent + INDENT)? else {
        return Some(None);
    };
    let mut lines = vec![format!("{pad}{outer}<")];
    lines.extend(argument_lines);
    lines.push(format!("{pad}>,"));
    Some(Some(lines))
}

/// `text` split at its commas outside angle brackets, each part trimmed.
fn top_level_arguments(text: &str) -> Vec<&str> {
    let mut depth = 0_usize;
    let mut start = 0;
    let mut arguments = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                arguments.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    arguments.push(text[start..].trim());
    arguments
}
