//! The statics of `constraints.rs` whose value is one call of simple arguments, maybe
//! followed by one method call (`Parameter::query("page", &Shape::INTEGER).optional()`,
//! `Shape::Ref(&OTHER)`): at the top level, or in an operation's module of parameters.
//! The value is placed as [`assign`] places a right-hand side. An object's shape, a list
//! of fields too long for a line, is broken one field a line, as `rustfmt` breaks it, and
//! a literal's list of members one member a line. A struct literal of rules is broken one
//! field a line ([`super::rules`]), and an argument of nested calls too long for its line
//! as [`calls`] breaks it. Other nested values (unions, objects with rules of their own)
//! are left to `rustfmt`, and with them their module.

use super::assign::{Call, assign, is_atom, split_arguments};
use super::calls::{self, Expr};
use super::rules::{RulesLiteral, is_flat};
use super::{CALL_WIDTH, INDENT, MAX_WIDTH, docs, is_identifier, is_path, spaces};

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
    if indent == 0
        && let Some(lines) = object_shape(line)
            .or_else(|| closed_object_shape(line))
            .or_else(|| literal_shape(line))
    {
        out.extend(lines);
        return Some(());
    }
    let declaration = line.strip_prefix("pub static ")?.strip_suffix(';')?;
    let (name, rest) = declaration.split_once(": ")?;
    let (ty, value) = rest.split_once(" = ")?;
    if !is_identifier(name) || !is_identifier(ty) {
        return None;
    }
    let head = format!("pub static {name}: {ty} = ");
    if indent == 0 && head.len() > MAX_WIDTH + 1 {
        out.extend(long_named_static(line, &head, value)?);
        return Some(());
    }
    if let Some(literal) = RulesLiteral::parse(value) {
        out.extend(rules_static(&head, &literal, indent)?);
        return Some(());
    }
    if let Some(lines) = call_with_rules(&head, value, indent) {
        out.extend(lines);
        return Some(());
    }
    let value = Call::parse(value)?;
    let mut laid = assign(&format!("pub static {name}: {ty}"), &value, indent, 1).ok()?;
    laid.last_mut()?.push(';');
    out.extend(laid);
    Some(())
}

/// The name of `pub static NAME: Shape = value;` and what follows `=`, with its `;`.
fn shape_static(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.strip_prefix("pub static ")?.split_once(": Shape = ")?;
    is_identifier(name).then_some((name, rest))
}

/// `pub static NAME: Shape = Shape::Object(&ObjectRules::new("Name", &[fields]));` too
/// long for a line, with arguments wider than a call's: the name and the list each on a
/// line, the fields one a line (a lone field inside the list's brackets); the value after
/// `=` to 98 columns, as observed, else on the next line, four further in.
fn object_shape(line: &str) -> Option<Vec<String>> {
    const CALLS: &str = "Shape::Object(&ObjectRules::new(";
    let (name, rest) = shape_static(line)?;
    let (title, fields) = object_arguments(rest.strip_prefix(CALLS)?.strip_suffix("));")?)?;
    if line.len() <= MAX_WIDTH {
        return None;
    }
    let (mut lines, indent) = value_head(name, CALLS)?;
    lines.extend(broken_object_arguments(title, &fields, indent + INDENT)?);
    lines.push(format!("{}));", spaces(indent)));
    Some(lines)
}

/// `pub static NAME: Shape = Shape::Object(&ObjectRules { extra: .., ..ObjectRules::new("Name",
/// &[fields]) });`: the literal broken one change a line, as [`RulesLiteral`] is, and its
/// base broken as an object's arguments are.
fn closed_object_shape(line: &str) -> Option<Vec<String>> {
    const OPENING: &str = "Shape::Object(&ObjectRules";
    let (name, rest) = shape_static(line)?;
    let body = rest
        .strip_prefix(OPENING)?
        .strip_prefix(" { ")?
        .strip_suffix(") });")?;
    let (changes, base) = body.split_once(", ..ObjectRules::new(")?;
    let changes = split_arguments(changes)?;
    let flat_changes = changes.iter().all(|change| {
        change
            .split_once(": ")
            .is_some_and(|(field, value)| is_identifier(field) && is_flat(value))
    });
    let (title, fields) = object_arguments(base)?;
    if !flat_changes {
        return None;
    }
    let head = format!("pub static {name}: Shape = {OPENING} {{");
    // One column for the call the first line opens and one more, as for rules.
    let (mut lines, indent) = if head.len() < MAX_WIDTH - 1 {
        (vec![head], 0)
    } else {
        let lhs = format!("pub static {name}: Shape =");
        let opening = format!("{}{OPENING} {{", spaces(INDENT));
        if lhs.len() > MAX_WIDTH || opening.len() >= MAX_WIDTH - 1 {
            return None;
        }
        (vec![lhs, opening], INDENT)
    };
    let inner = spaces(indent + INDENT);
    lines.extend(changes.iter().map(|change| format!("{inner}{change},")));
    lines.push(format!("{inner}..ObjectRules::new("));
    lines.extend(broken_object_arguments(
        title,
        &fields,
        indent + 2 * INDENT,
    )?);
    lines.push(format!("{inner})"));
    lines.push(format!("{}}});", spaces(indent)));
    lines
        .iter()
        .all(|line| line.len() <= MAX_WIDTH)
        .then_some(lines)
}

/// The title and fields of `"Name", &[fields]` when they are wider together than a call's
/// arguments may be on a line (narrower ones may stay on it: left to `rustfmt`).
fn object_arguments(text: &str) -> Option<(&str, Vec<&str>)> {
    let (title, fields) = text.strip_suffix(']')?.split_once(", &[")?;
    let fields = split_arguments(fields)?;
    let arguments = title.len() + 4 + fields.iter().map(|field| field.len() + 2).sum::<usize>();
    let wide = arguments > CALL_WIDTH + 2;
    (is_atom(title) && title.starts_with('"') && !fields.is_empty() && wide)
        .then_some((title, fields))
}

/// An object's title and list at `indent`, one a line, the list's fields one a line (a lone
/// field inside its brackets).
fn broken_object_arguments(title: &str, fields: &[&str], indent: usize) -> Option<Vec<String>> {
    let [inner, field_pad] = [indent, indent + INDENT].map(spaces);
    if inner.len() + title.len() + 1 > MAX_WIDTH {
        return None;
    }
    let mut lines = vec![format!("{inner}{title},")];
    let list_width = fields.iter().map(|field| field.len() + 2).sum::<usize>() - 2;
    if let [field] = fields {
        lines.extend(lone_field(field, inner.len())?);
    } else if list_width <= CALL_WIDTH + 2 {
        // A list about as narrow as an array may be stays on its line: left to `rustfmt`.
        return None;
    } else {
        lines.push(format!("{inner}&["));
        for field in fields {
            lines.extend(field_lines(field, field_pad.len())?);
        }
        lines.push(format!("{inner}],"));
    }
    Some(lines)
}

/// The list of one field at `indent`: `&[field],` on its line when it fits and is no
/// wider than an array may be on a line, else the field's arguments one a line inside
/// `&[Field::kind(` … `)],`.
fn lone_field(field: &str, indent: usize) -> Option<Vec<String>> {
    let pad = spaces(indent);
    let line = format!("{pad}&[{field}],");
    // `rustfmt`'s `array_width` is a call's width.
    if line.len() <= MAX_WIDTH && field.len() <= CALL_WIDTH && is_unbroken_call(field) {
        return Some(vec![line]);
    }
    let mut lines = call_lines(field, indent)?;
    let last = lines.len() - 1;
    lines[0] = format!("{pad}&[{}", lines[0].trim_start());
    lines[last] = format!("{pad})],");
    Some(lines)
}

/// `pub static NAME: Shape = Shape::Literal(&[members]);` too long for a line: one member
/// a line, the value after `=` as for an object.
fn literal_shape(line: &str) -> Option<Vec<String>> {
    const CALLS: &str = "Shape::Literal(&[";
    let (name, rest) = shape_static(line)?;
    let members = split_arguments(rest.strip_prefix(CALLS)?.strip_suffix("]);")?)?;
    // A short list may stay on one line after `=` or on the next: left to `rustfmt`.
    let short = members.iter().map(|member| member.len() + 2).sum::<usize>() <= CALL_WIDTH + 2;
    if line.len() <= MAX_WIDTH || short || members.len() < 2 {
        return None;
    }
    let (mut lines, indent) = value_head(name, CALLS)?;
    let inner = spaces(indent + INDENT);
    for member in members {
        let member_line = format!("{inner}{member},");
        if member_line.len() > MAX_WIDTH || !(is_atom(member) || is_unbroken_call(member)) {
            return None;
        }
        lines.push(member_line);
    }
    lines.push(format!("{}]);", spaces(indent)));
    Some(lines)
}

/// A static whose `pub static NAME: Type =` is too long for a line, as observed: the type
/// goes to the next line with the value when the name's line leaves three columns, and
/// the value fits there on one line; with a longer name, `rustfmt` finds no layout and
/// keeps the static as written.
fn long_named_static(line: &str, head: &str, value: &str) -> Option<Vec<String>> {
    Call::parse(value)?;
    let (name_line, ty) = head.trim_end().strip_suffix(" =")?.rsplit_once(' ')?;
    if name_line.len() > MAX_WIDTH - 3 {
        return Some(vec![line.to_owned()]);
    }
    let typed_line = format!("{}{ty} = {value};", spaces(INDENT));
    (typed_line.len() <= MAX_WIDTH).then(|| vec![name_line.to_owned(), typed_line])
}

/// A static whose value is a literal of rules inside calls of one argument
/// (`Shape::Kind(&Rules { .. })`): its first line after `=` when it fits there, else on the
/// next line, four further in.
fn rules_static(head: &str, literal: &RulesLiteral, indent: usize) -> Option<Vec<String>> {
    let mut lines = match literal.lines(head, indent) {
        Some(lines) => lines,
        None => {
            let lhs = format!("{}{}", spaces(indent), head.trim_end());
            if lhs.len() > MAX_WIDTH {
                return None;
            }
            let mut lines = vec![lhs];
            lines.extend(literal.lines("", indent + INDENT)?);
            lines
        }
    };
    lines.last_mut()?.push(';');
    Some(lines)
}

/// A static whose value is a call of several arguments, one of them a literal of rules,
/// maybe followed by one method call (`Parameter::query("page", &Shape::Integer(&NumberRules
/// { .. })).defaulted("1")`): the call opened after `=`, its arguments one a line, and the
/// method on the line after the call's closing parenthesis.
fn call_with_rules(head: &str, value: &str, indent: usize) -> Option<Vec<String>> {
    let (call, method) = match value.strip_suffix(')')?.rsplit_once(").") {
        Some((call, method)) if !method.contains('{') => (format!("{call})"), Some(method)),
        _ => (value.to_owned(), None),
    };
    let (_, arguments) = call.split_once('(')?;
    let args = split_arguments(arguments.strip_suffix(')')?)?;
    if args.len() < 2 || !args.iter().any(|arg| RulesLiteral::parse(arg).is_some()) {
        return None;
    }
    let pad = spaces(indent);
    let mut lines = call_lines(&call, indent)?;
    lines[0] = format!("{pad}{head}{}", lines[0].trim_start());
    if lines[0].len() > MAX_WIDTH {
        return None;
    }
    let last = lines.len() - 1;
    match method {
        None => lines[last] = format!("{pad});"),
        Some(method) => {
            let (name, method_arguments) = method.split_once('(')?;
            let simple = method_arguments.is_empty() || is_atom(method_arguments);
            let method_line = format!("{pad}.{method});");
            if method_line.len() > MAX_WIDTH || !is_identifier(name) || !simple {
                return None;
            }
            lines[last] = format!("{pad})");
            lines.push(method_line);
        }
    }
    Some(lines)
}

/// The first lines of a static whose value is broken after `calls`: on the `=`'s line to
/// 98 columns, as observed, else on the next line, four further in; and that indent.
fn value_head(name: &str, calls: &str) -> Option<(Vec<String>, usize)> {
    let same_line = format!("pub static {name}: Shape = {calls}");
    if same_line.len() <= MAX_WIDTH - 2 {
        return Some((vec![same_line], 0));
    }
    let lhs = format!("pub static {name}: Shape =");
    if lhs.len() > MAX_WIDTH - 2 {
        return None;
    }
    Some((vec![lhs, format!("{}{calls}", spaces(INDENT))], INDENT))
}

/// A field (`Field::required("name", &SHAPE)`) at `indent`, followed by a comma: on its
/// line when it fits there with arguments no wider than [`CALL_WIDTH`], else one argument
/// a line when each then fits on its own.
fn field_lines(field: &str, indent: usize) -> Option<Vec<String>> {
    let line = format!("{}{field},", spaces(indent));
    if line.len() <= MAX_WIDTH && is_unbroken_call(field) {
        return Some(vec![line]);
    }
    call_lines(field, indent)
}

/// `head(args),` at `indent` with its arguments one a line, each fitting unbroken.
fn call_lines(call: &str, indent: usize) -> Option<Vec<String>> {
    let (head, rest) = call.split_once('(')?;
    let args = split_arguments(rest.strip_suffix(')')?)?;
    if !is_path(head) {
        return None;
    }
    let mut lines = vec![format!("{}{head}(", spaces(indent))];
    for arg in args {
        if let Some(literal) = RulesLiteral::parse(arg) {
            lines.extend(literal.lines("", indent + INDENT)?);
            lines.last_mut()?.push(',');
            continue;
        }
        let arg_line = format!("{}{arg},", spaces(indent + INDENT));
        let unbroken = is_atom(arg) || arg.strip_prefix('&').is_some_and(is_unbroken_call);
        if arg_line.len() <= MAX_WIDTH && unbroken {
            lines.push(arg_line);
            continue;
        }
        // Nested calls too long for the line are broken as `rustfmt` breaks them.
        lines.extend(calls::argument(&Expr::parse(arg)?, indent + INDENT)?);
    }
    lines.push(format!("{}),", spaces(indent)));
    Some(lines)
}

/// A call `rustfmt` keeps on its line when the line fits: a path called with arguments no
/// wider than [`CALL_WIDTH`], each an atom or a borrowed call of the same kind.
fn is_unbroken_call(text: &str) -> bool {
    let Some((head, rest)) = text.split_once('(') else {
        return false;
    };
    let Some(args) = rest.strip_suffix(')') else {
        return false;
    };
    let simple = |arg: &&str| {
        is_atom(arg)
            || arg
                .strip_prefix('&')
                .is_some_and(|call| !call.starts_with('&') && is_unbroken_call(call))
    };
    is_path(head)
        && args.len() <= CALL_WIDTH
        && split_arguments(args).is_some_and(|args| args.iter().all(simple))
}

#[cfg(test)]
mod tests;
