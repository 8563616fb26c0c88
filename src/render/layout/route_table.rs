//! `router_with_body_limit` of `router.rs`: one statement a path,
//! `routes = routes.route("/path", on::get(..).post(..).fallback(allow_only("..")));`,
//! between lines that are the same in every spec. A statement stays on its line when its
//! arguments are no wider than a call's ([`CALL_WIDTH`]); otherwise the path and the
//! chain of methods get lines of their own, the chain on one line when it is the handler
//! and the fallback and fits, else one call a line, as observed on thousands of random
//! routes. Functions with routes of another form (shared paths, routes split in parts)
//! are left to `rustfmt`.

use super::{CALL_WIDTH, INDENT, MAX_WIDTH, is_identifier, spaces};

const SIGNATURE: &str =
    "pub fn router_with_body_limit<A>(api: Arc<A>, body_limit: usize) -> Router";

/// The function laid out, or `None` when it is not this function in a known form.
pub fn item(item: &str) -> Option<String> {
    let lines: Vec<&str> = item.trim_end().lines().map(str::trim_start).collect();
    let doc_lines = lines
        .iter()
        .take_while(|line| line.starts_with("///"))
        .count();
    let (docs, code) = lines.split_at(doc_lines);
    let [SIGNATURE, "where", "A: Handlers,", "{", body @ .., "}"] = code else {
        return None;
    };
    let pad = spaces(INDENT);
    let mut out: Vec<String> = docs.iter().map(|line| (*line).to_owned()).collect();
    out.extend([SIGNATURE, "where"].map(str::to_owned));
    out.push(format!("{pad}A: Handlers,"));
    out.push("{".to_owned());
    let comments = body
        .iter()
        .take_while(|line| line.starts_with("// "))
        .count();
    let (comment_lines, statements) = body.split_at(comments);
    let tail_at = statements.iter().position(|line| *line == "routes")?;
    let (statements, tail) = statements.split_at(tail_at);
    let (declaration, routes) = statements.split_first()?;
    let declared = matches!(
        *declaration,
        "let mut routes: Router<ServiceState<A>> = Router::new();"
            | "let routes: Router<ServiceState<A>> = Router::new();"
    );
    if !declared {
        return None;
    }
    for line in comment_lines.iter().chain([declaration]) {
        if INDENT + line.len() > MAX_WIDTH || line.trim_end() != *line {
            return None;
        }
        out.push(format!("{pad}{line}"));
    }
    for route in routes {
        out.extend(route_statement(route)?);
    }
    out.push(format!("{pad}routes"));
    for call in &tail[1..] {
        let known = matches!(
            *call,
            ".fallback(not_found)"
                | ".with_state(ServiceState { api, body_limit })"
                | ".merge(crate::docs::routes())"
        );
        if !known {
            return None;
        }
        out.push(format!("{pad}{pad}{call}"));
    }
    out.push("}".to_owned());
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

/// `routes = routes.route(PATH, CHAIN);` at the function's indent.
fn route_statement(line: &str) -> Option<Vec<String>> {
    let args = line
        .strip_prefix("routes = routes.route(")?
        .strip_suffix(");")?;
    let (path, chain) = args.split_once("\", ")?;
    let path = format!("{path}\"");
    if !path.starts_with('"') || path[1..path.len() - 1].contains(['"', '\\']) {
        return None;
    }
    let calls = chain_calls(chain)?;
    let pad = spaces(INDENT);
    if args.len() <= CALL_WIDTH {
        let one_line = format!("{pad}{line}");
        return (one_line.len() <= MAX_WIDTH).then(|| vec![one_line]);
    }
    let [inner, deeper] = [2 * INDENT, 3 * INDENT].map(spaces);
    // A path too long for a line of its own leaves `rustfmt` nothing that fits: it keeps
    // the statement as written.
    if inner.len() + path.len() + 1 > MAX_WIDTH {
        return Some(vec![format!("{pad}{line}")]);
    }
    let mut lines = vec![
        format!("{pad}routes = routes.route("),
        format!("{inner}{path},"),
    ];
    if calls.len() <= 2 && inner.len() + chain.len() < MAX_WIDTH {
        lines.push(format!("{inner}{chain},"));
    } else if calls.len() >= 2 && (calls.len() == 2 || chain.len() > CALL_WIDTH) {
        let mut chain_lines = vec![format!("{inner}{}", calls[0])];
        chain_lines.extend(calls[1..].iter().map(|call| format!("{deeper}{call}")));
        chain_lines.last_mut()?.push(',');
        // A call a column from the edge is broken inside, as observed of the first.
        if chain_lines.iter().any(|line| line.len() >= MAX_WIDTH) {
            return None;
        }
        lines.extend(chain_lines);
    } else {
        return None;
    }
    lines.push(format!("{pad});"));
    lines
        .iter()
        .all(|line| line.len() <= MAX_WIDTH)
        .then_some(lines)
}

/// `on::get(a::<A>).post(b::<A>).fallback(allow_only("GET, HEAD, POST"))` cut before each
/// method: the handlers' calls, then the fallback; a path's shared route
/// (`on::any(shared_routes::name::<A>)`) is one call.
fn chain_calls(chain: &str) -> Option<Vec<&str>> {
    const HANDLER_END: &str = "::<A>)";
    if let Some(shared) = chain
        .strip_prefix("on::any(shared_routes::")
        .and_then(|rest| rest.strip_suffix(HANDLER_END))
    {
        return is_identifier(shared).then(|| vec![chain]);
    }
    let (mut handlers, fallback) = chain.split_at(chain.find(".fallback(allow_only(\"")?);
    let allowed = fallback
        .strip_prefix(".fallback(allow_only(\"")?
        .strip_suffix("\"))")?;
    let allowed_is_plain = allowed
        .bytes()
        .all(|byte| byte.is_ascii_uppercase() || byte == b',' || byte == b' ');
    let mut calls = Vec::new();
    while !handlers.is_empty() {
        let end = handlers.find(HANDLER_END)? + HANDLER_END.len();
        let (call, rest) = handlers.split_at(end);
        let opener = if calls.is_empty() { "on::" } else { "." };
        let (method, handler) = call
            .strip_prefix(opener)?
            .strip_suffix(HANDLER_END)?
            .split_once('(')?;
        if !is_identifier(method) || !is_identifier(handler) {
            return None;
        }
        calls.push(call);
        handlers = rest;
    }
    calls.push(fallback);
    (allowed_is_plain && calls.len() >= 2).then_some(calls)
}

#[cfg(test)]
mod tests;
