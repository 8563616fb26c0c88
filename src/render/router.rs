//! `api/src/router.rs`: a route per path, a function per operation that checks
//! credentials, extracts and validates the request, then calls the handler.

use askama::Template;
use indexmap::{IndexMap, IndexSet};

use super::operations::{DECLARED_MODULE, Extraction, OperationView, RequestUse};
use super::rust::string_literal;
use super::{GENERATED_HEADER, in_parts};
use crate::ir::{Api, ConditionValue, HttpMethod, Operation, PathSegment, Piece};
use crate::workspace::InputRules;

/// Paths the service itself serves; a spec that declares one (or one under `/docs/`)
/// keeps its own, and the service serves no docs.
const DOCS_PATHS: [&str; 2] = ["/openapi.json", "/docs"];

#[derive(Template)]
#[template(path = "api/src/router.rs", escape = "none")]
pub struct RouterFile<'a> {
    header: &'static str,
    imports: Vec<String>,
    bounds: String,
    /// The routes, in parts short enough for a function each.
    route_parts: Vec<Vec<Route>>,
    operations: Vec<RoutedOperation<'a>>,
    shared_routes: Vec<SharedRoute<'a>>,
    /// What the module of shared routes takes from `crate::routing`.
    routing_imports: String,
    serves_docs: bool,
    /// Every path the service serves, as string literals: the spec's templates, then the
    /// docs'. A request one slash off one of them is redirected to it.
    served_paths: Vec<String>,
    /// What a route function calls its operation's module of `constraints.rs`.
    declared_module: &'static str,
    /// Whether requests are read by the spec's letter rather than as FastAPI reads them.
    by_spec: bool,
}

struct Route {
    path: String,
    target: RouteTarget,
}

enum RouteTarget {
    /// Operations axum tells apart by method alone.
    Methods {
        /// Each method's routing function (`get`) and the operation's function.
        handlers: Vec<(String, String)>,
        allow: String,
    },
    /// Operations told apart by [`SharedRoute`]: its function.
    Shared(String),
}

/// An axum route shared by operations whose templates axum cannot tell apart.
struct SharedRoute<'a> {
    function: String,
    candidates: Vec<Candidate<'a>>,
}

struct Candidate<'a> {
    path: &'a str,
    method: &'static str,
    handler: &'a str,
    /// The spec's path, as a literal.
    template: &'a str,
    conditions: Vec<ConditionView>,
}

/// What a query string must hold, names and values as literals.
enum ConditionView {
    Present(String),
    Equals(String, String),
}

struct RoutedOperation<'a> {
    name: &'a str,
    method: &'static str,
    path: &'a str,
    trait_name: &'a str,
    view: &'a OperationView,
}

impl<'a> RouterFile<'a> {
    pub fn new(api: &'a Api, views: &'a [OperationView], input_rules: InputRules) -> Self {
        let mut by_route: IndexMap<String, Vec<(&Operation, &OperationView)>> = IndexMap::new();
        for (operation, view) in api.operations.iter().zip(views) {
            by_route
                .entry(route_shape(operation))
                .or_default()
                .push((operation, view));
        }
        let mut routes = Vec::new();
        let mut shared_routes = Vec::new();
        for group in by_route.values() {
            if group
                .iter()
                .all(|(operation, _)| operation.template.is_plain())
            {
                routes.push(route(group));
            } else {
                let function = format!("route_{}", shared_routes.len() + 1);
                routes.push(Route {
                    path: string_literal(&shared_route_path(group[0].0)),
                    target: RouteTarget::Shared(function.clone()),
                });
                shared_routes.push(shared_route(function, group));
            }
        }
        let operations = api
            .operations
            .iter()
            .zip(views)
            .map(|(operation, view)| RoutedOperation {
                name: &operation.rust_name,
                method: operation.method.as_str(),
                path: &operation.path,
                trait_name: &api.tags[operation.tag].trait_name,
                view,
            })
            .collect();
        let trait_names: Vec<&str> = api.tags.iter().map(|tag| tag.trait_name.as_str()).collect();
        let bounds = if trait_names.is_empty() {
            "Send + Sync + 'static".to_owned()
        } else {
            trait_names.join(" + ")
        };
        let serves_docs = !api.operations.iter().any(|operation| {
            DOCS_PATHS.contains(&operation.path.as_str()) || operation.path.starts_with("/docs/")
        });
        let mut served_paths: Vec<String> = views
            .iter()
            .map(|view| view.route.template.clone())
            .collect::<IndexSet<_>>()
            .into_iter()
            .collect();
        if serves_docs {
            served_paths.extend(DOCS_PATHS.iter().map(|path| string_literal(path)));
        }
        Self {
            header: GENERATED_HEADER,
            imports: imports(
                api,
                views,
                routes
                    .iter()
                    .any(|route| matches!(route.target, RouteTarget::Methods { .. })),
            ),
            bounds,
            route_parts: in_parts(routes),
            operations,
            routing_imports: routing_imports(&shared_routes),
            shared_routes,
            serves_docs,
            served_paths,
            declared_module: DECLARED_MODULE,
            by_spec: input_rules == InputRules::Spec,
        }
    }
}

/// The route of operations axum tells apart by method alone, and the `Allow` of its 405.
fn route(group: &[(&Operation, &OperationView)]) -> Route {
    let handlers = group
        .iter()
        .map(|(operation, _)| {
            (
                operation.method.as_str().to_ascii_lowercase(),
                operation.rust_name.clone(),
            )
        })
        .collect();
    let mut allowed: Vec<&str> = group
        .iter()
        .map(|(operation, _)| operation.method.as_str())
        .collect();
    if group
        .iter()
        .any(|(operation, _)| operation.method == HttpMethod::Get)
        && !allowed.contains(&"HEAD")
    {
        allowed.push("HEAD");
    }
    allowed.sort_unstable();
    Route {
        path: string_literal(&route_path(group[0].0)),
        target: RouteTarget::Methods {
            handlers,
            allow: string_literal(&allowed.join(", ")),
        },
    }
}

/// The operations sharing a route, most specific first: more query conditions, then
/// more text beside their parameters.
fn shared_route<'a>(
    function: String,
    group: &[(&'a Operation, &'a OperationView)],
) -> SharedRoute<'a> {
    let mut ordered = group.to_vec();
    ordered.sort_by_key(|(operation, _)| {
        let text: usize = operation
            .template
            .segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Pieces(pieces) => pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => text.len(),
                        Piece::Parameter(_) => 0,
                    })
                    .sum(),
                PathSegment::Literal(_) | PathSegment::Parameter(_) => 0,
            })
            .sum();
        std::cmp::Reverse((operation.template.conditions.len(), text))
    });
    let candidates = ordered
        .into_iter()
        .map(|(operation, view)| Candidate {
            path: &operation.path,
            method: operation.method.as_str(),
            handler: &operation.rust_name,
            template: &view.route.template,
            conditions: operation
                .template
                .conditions
                .iter()
                .map(|condition| match &condition.value {
                    ConditionValue::Equals(value) => ConditionView::Equals(
                        string_literal(&condition.name),
                        string_literal(value),
                    ),
                    ConditionValue::Present | ConditionValue::Parameter(_) => {
                        ConditionView::Present(string_literal(&condition.name))
                    }
                })
                .collect(),
        })
        .collect();
    SharedRoute {
        function,
        candidates,
    }
}

/// What decides which axum route a request takes: the literal segments, and where the
/// parameter-carrying ones are.
fn route_shape(operation: &Operation) -> String {
    spell_route(operation, |_| "{}".to_owned())
}

/// A shared route as axum matches it: each segment carrying parameters named by its place.
fn shared_route_path(operation: &Operation) -> String {
    spell_route(operation, |index| format!("{{segment_{index}}}"))
}

fn spell_route(operation: &Operation, parameter: impl Fn(usize) -> String) -> String {
    operation
        .template
        .segments
        .iter()
        .enumerate()
        .map(|(index, segment)| match segment {
            PathSegment::Literal(text) => format!("/{text}"),
            PathSegment::Parameter(_) | PathSegment::Pieces(_) => format!("/{}", parameter(index)),
        })
        .collect()
}

/// The names the module of shared routes takes from `crate::routing`.
fn routing_imports(shared_routes: &[SharedRoute]) -> String {
    let mut names = vec!["Candidate"];
    if shared_routes
        .iter()
        .flat_map(|route| &route.candidates)
        .any(|candidate| !candidate.conditions.is_empty())
    {
        names.push("Condition");
    }
    names.push("pick");
    format!("{{{}}}", names.join(", "))
}

/// The route as axum matches it: the spec's template with each parameter named as in Rust.
fn route_path(operation: &Operation) -> String {
    operation.template.spell(|name| {
        match operation
            .parameters
            .iter()
            .find(|parameter| parameter.name == name)
        {
            Some(parameter) => format!("{{{}}}", parameter.rust_name),
            None => format!("{{{name}}}"),
        }
    })
}

/// The file's `use` lines: exactly what its operations need, so nothing is unused.
/// `method_routes`: some route is told apart by method alone, answering 405 itself.
fn imports(api: &Api, views: &[OperationView], method_routes: bool) -> Vec<String> {
    let routes = || views.iter().map(|view| &view.route);
    let extractions = || routes().flat_map(|route| &route.extractions);
    let mut imports = vec!["std::sync::Arc".to_owned(), "axum::Router".to_owned()];
    if !api.operations.is_empty() {
        // `on::get(handler)`: the route is served on GET by the handler.
        imports.push("crate::on".to_owned());
    }
    if method_routes {
        imports.push("crate::error::allow_only".to_owned());
    }
    imports.push("crate::routing::unrouted".to_owned());
    if !api.operations.is_empty() {
        imports.push("axum::extract::State".to_owned());
        imports.push("axum::response::{IntoResponse, Response}".to_owned());
        let mut traits: Vec<String> = api
            .tags
            .iter()
            .map(|tag| format!("crate::handlers::{}::{}", tag.module_name, tag.trait_name))
            .collect();
        traits.sort();
        traits.dedup();
        imports.extend(traits);
    }
    if routes().any(|route| route.request_use.takes_request()) {
        imports.push("axum::extract::Request".to_owned());
    }
    if routes().any(|route| route.path_template.is_some()) {
        imports.push("crate::extract::RequestInputs".to_owned());
    }
    let checks: Vec<_> = routes()
        .filter_map(|route| route.security.as_ref())
        .collect();
    if !checks.is_empty() {
        let mut names = vec!["Policy"];
        if checks.iter().any(|check| check.names_scheme) {
            names.push("Scheme");
        }
        for function in ["authenticate", "require"] {
            if checks.iter().any(|check| check.function == function) {
                names.push(function);
            }
        }
        imports.push(format!("crate::security::{{{}}}", names.join(", ")));
    }
    if extractions().next().is_some() {
        imports.push("crate::error::validation_failed".to_owned());
        imports.push("crate::validation::Issues".to_owned());
    }
    if routes().any(|route| route.request_use.reads_body()) {
        imports.push("crate::bodies::read_body".to_owned());
    }
    if extractions().any(|extraction| !matches!(extraction, Extraction::Text { .. })) {
        imports.push("crate::constraints".to_owned());
    }
    let helpers = [
        (
            "extract::Presence",
            extractions().any(|e| matches!(e, Extraction::Text { .. })),
        ),
        (
            "bodies::json_body",
            extractions().any(|e| {
                matches!(
                    e,
                    Extraction::Body {
                        reader: "json_body",
                        ..
                    }
                )
            }),
        ),
        (
            "bodies::form_body",
            extractions().any(|e| {
                matches!(
                    e,
                    Extraction::Body {
                        reader: "form_body",
                        ..
                    }
                )
            }),
        ),
        (
            "bodies::text_body",
            extractions().any(|e| matches!(e, Extraction::Text { .. })),
        ),
    ];
    for (helper, used) in helpers {
        if used {
            imports.push(format!("crate::{helper}"));
        }
    }
    imports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::shapes::ShapeWriter;

    /// The router of a spec with `paths` paths, each with one operation.
    fn router_of(paths: usize) -> String {
        let mut text = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n");
        for index in 0..paths {
            text.push_str(&format!(
                "  /items{index}/{{id}}.json:\n    get:\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'204': {{description: ok}}}}\n"
            ));
        }
        let api = crate::names::named_model(&text);
        let mut shapes = ShapeWriter::default();
        let views: Vec<OperationView> = api
            .operations
            .iter()
            .map(|operation| OperationView::new(&api, operation, &mut shapes))
            .collect();
        RouterFile::new(&api, &views, InputRules::Fastapi)
            .render()
            .expect("the router renders")
    }

    #[test]
    fn thousands_of_routes_are_added_in_parts() {
        let small = router_of(3);
        assert!(!small.contains("mod route_parts"), "{small}");
        assert!(
            !small.contains("allow_only"),
            "only shared routes: nothing answers 405 by itself"
        );
        assert_eq!(small.matches("routes = routes.route(").count(), 3);
        let large = router_of(2_500);
        assert!(large.contains("routes = route_parts::part_3(routes);"));
        assert!(!large.contains("part_4"));
        assert_eq!(large.matches("routes = routes.route(").count(), 2_500);
        assert!(large.contains("on::any(super::shared_routes::route_2500::<A>)"));
    }
}
