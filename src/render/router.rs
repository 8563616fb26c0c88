//! `api/src/router.rs`: a route per path, a function per operation that checks
//! credentials, extracts and validates the request, then calls the handler.

use askama::Template;
use indexmap::IndexMap;

use super::GENERATED_HEADER;
use super::operations::{Extraction, OperationView};
use super::rust::string_literal;
use crate::ir::{Api, HttpMethod, Operation};

/// Paths the service itself serves; a spec that declares one (or one under `/docs/`)
/// keeps its own, and the service serves no docs.
const DOCS_PATHS: [&str; 2] = ["/openapi.json", "/docs"];

#[derive(Template)]
#[template(path = "api/src/router.rs", escape = "none")]
pub struct RouterFile<'a> {
    header: &'static str,
    imports: Vec<String>,
    bounds: String,
    routes: Vec<Route>,
    operations: Vec<RoutedOperation<'a>>,
    serves_docs: bool,
}

struct Route {
    path: String,
    /// Each method's routing function (`get`) and the operation's function.
    handlers: Vec<(String, String)>,
    allow: String,
}

struct RoutedOperation<'a> {
    name: &'a str,
    method: &'static str,
    path: &'a str,
    trait_name: &'a str,
    view: &'a OperationView,
}

impl<'a> RouterFile<'a> {
    pub fn new(api: &'a Api, views: &'a [OperationView]) -> Self {
        let mut by_path: IndexMap<&str, Vec<&Operation>> = IndexMap::new();
        for operation in &api.operations {
            by_path.entry(&operation.path).or_default().push(operation);
        }
        let routes = by_path
            .values()
            .map(|operations| route(operations))
            .collect();
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
        Self {
            header: GENERATED_HEADER,
            imports: imports(api, views),
            bounds,
            routes,
            operations,
            serves_docs,
        }
    }
}

/// The route of one path: every operation on it, and the `Allow` of its 405 answer.
fn route(operations: &[&Operation]) -> Route {
    let handlers = operations
        .iter()
        .map(|operation| {
            (
                operation.method.as_str().to_ascii_lowercase(),
                operation.rust_name.clone(),
            )
        })
        .collect();
    let mut allowed: Vec<&str> = operations
        .iter()
        .map(|operation| operation.method.as_str())
        .collect();
    if operations
        .iter()
        .any(|operation| operation.method == HttpMethod::Get)
        && !allowed.contains(&"HEAD")
    {
        allowed.push("HEAD");
    }
    allowed.sort_unstable();
    Route {
        path: string_literal(&route_path(operations[0])),
        handlers,
        allow: string_literal(&allowed.join(", ")),
    }
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
fn imports(api: &Api, views: &[OperationView]) -> Vec<String> {
    let routes = || views.iter().map(|view| &view.route);
    let extractions = || routes().flat_map(|route| &route.extractions);
    let mut imports = vec!["std::sync::Arc".to_owned(), "axum::Router".to_owned()];
    if api.operations.is_empty() {
        imports.push("crate::error::not_found".to_owned());
    } else {
        imports.push("crate::error::{method_not_allowed, not_found}".to_owned());
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
    if routes().any(|route| route.takes_parts) {
        imports.push("axum::http::request::Parts".to_owned());
    }
    if routes().any(|route| route.reads_inputs) {
        imports.push("crate::extract::{RequestInputs, Segment}".to_owned());
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
    if routes().any(|route| route.reads_body) {
        imports.push("axum::body::Body".to_owned());
        imports.push("crate::extract::read_body".to_owned());
    }
    if extractions().any(|extraction| !matches!(extraction, Extraction::Text { .. })) {
        imports.push("crate::constraints".to_owned());
    }
    let helpers = [
        (
            "Presence",
            extractions().any(|e| !matches!(e, Extraction::Path { .. })),
        ),
        (
            "Spread",
            extractions().any(|e| matches!(e, Extraction::Parameter { .. })),
        ),
        (
            "json_body",
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
            "form_body",
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
            "text_body",
            extractions().any(|e| matches!(e, Extraction::Text { .. })),
        ),
    ];
    for (helper, used) in helpers {
        if used {
            imports.push(format!("crate::extract::{helper}"));
        }
    }
    imports
}
