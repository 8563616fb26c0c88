//! `router_with_body_limit` as `router.rs` renders it, with paths, handlers and methods
//! of every width, laid out here and by `rustfmt`.

use super::item;
use crate::render::layout::tests::{Draws, assert_laid_out_as_rustfmt};

fn route(draws: &mut Draws) -> String {
    let path: Vec<String> = (0..draws.below(9)).map(|_| draws.name(1, 14)).collect();
    if draws.below(5) == 0 {
        let shared = draws.name(3, 70);
        return format!(
            "routes = routes.route(\"/{}\", on::any(shared_routes::{shared}::<A>));\n",
            path.join("/")
        );
    }
    let mut methods = vec!["get", "post", "put", "delete", "patch"];
    let count = draws.between(1, 4);
    let mut chosen = Vec::new();
    for _ in 0..count {
        chosen.push(methods.remove(draws.below(methods.len())));
    }
    let mut chain = String::from("on::");
    for (index, method) in chosen.iter().enumerate() {
        if index > 0 {
            chain.push('.');
        }
        chain.push_str(&format!("{method}({}::<A>)", draws.name(3, 90)));
    }
    let allowed: Vec<String> = chosen.iter().map(|m| m.to_ascii_uppercase()).collect();
    format!(
        "routes = routes.route(\"/{}\", {chain}.fallback(allow_only(\"{}\")));\n",
        path.join("/"),
        allowed.join(", ")
    )
}

fn rendered_function(draws: &mut Draws) -> String {
    let mut text = String::from(
        "/// [`router`] with a body limit of `body_limit` bytes.\npub fn router_with_body_limit<A>(api: Arc<A>, body_limit: usize) -> Router\nwhere\n    A: Handlers,\n{\n    // One statement a route.\nlet mut routes: Router<ServiceState<A>> = Router::new();\n",
    );
    for _ in 0..draws.between(1, 6) {
        text.push_str(&route(draws));
    }
    text.push_str("routes\n        .fallback(not_found)\n        .with_state(ServiceState { api, body_limit })\n");
    if draws.below(2) == 0 {
        text.push_str(".merge(crate::docs::routes())\n");
    }
    text.push_str("}\n");
    text
}

#[test]
fn route_tables_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x7ab1_2026_1130);
    let rendered: Vec<String> = (0..1500).map(|_| rendered_function(&mut draws)).collect();
    assert_laid_out_as_rustfmt(&rendered, item, 34);
}

#[test]
fn routes_in_parts_are_left_to_rustfmt() {
    let parts = "/// Routes.\npub fn router_with_body_limit<A>(api: Arc<A>, body_limit: usize) -> Router\nwhere\n    A: Handlers,\n{\nlet mut routes: Router<ServiceState<A>> = Router::new();\nroutes = route_parts::part_1(routes);\nroutes\n.fallback(not_found)\n}\n";
    assert_eq!(item(parts), None);
}
