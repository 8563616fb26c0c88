//! The generated crate `<name>-api`: everything but the user's handlers.

use std::collections::BTreeSet;

use askama::Template;

use super::models::{ConstraintsFile, ModelsFile, ShapeStatic};
use super::operations::OperationView;
use super::rust::{Patterns, string_literal};
use super::security::SecurityFile;
use super::{GENERATED_HEADER, GENERATED_TOML_HEADER, add, openapi};
use crate::ir::{Api, HttpMethod, Operation, PathSegment, SchemeKind};
use crate::workspace::{Files, Owner, Settings};

/// Runtime files that do not depend on the spec, copied as they are.
const STATIC_FILES: [(&str, &str); 6] = [
    (
        "api/src/validation.rs",
        include_str!("../../templates/api/src/validation.rs"),
    ),
    (
        "api/src/extract.rs",
        include_str!("../../templates/api/src/extract.rs"),
    ),
    (
        "api/src/error.rs",
        include_str!("../../templates/api/src/error.rs"),
    ),
    (
        "api/src/server.rs",
        include_str!("../../templates/api/src/server.rs"),
    ),
    (
        "api/src/middleware.rs",
        include_str!("../../templates/api/src/middleware.rs"),
    ),
    (
        "api/src/tasks.rs",
        include_str!("../../templates/api/src/tasks.rs"),
    ),
];

/// Paths the service itself serves; a spec that declares one (or one under `/docs/`)
/// keeps its own, and the service serves no docs.
const DOCS_PATHS: [&str; 2] = ["/openapi.json", "/docs"];

#[derive(Template)]
#[template(path = "api/src/docs.rs", escape = "none")]
struct DocsFile {
    header: &'static str,
    /// The API's title, escaped for HTML.
    title_html: String,
}

#[derive(Template)]
#[template(path = "api/Cargo.toml", escape = "none")]
struct CargoFile<'a> {
    header_toml: &'static str,
    crate_name: &'a str,
    spec_file: &'a str,
    /// HTTP basic credentials arrive base64-encoded.
    decodes_base64: bool,
}

#[derive(Template)]
#[template(path = "api/src/lib.rs", escape = "none")]
struct LibFile<'a> {
    header: &'static str,
    title: &'a str,
    version: &'a str,
    spec_file: &'a str,
    modules: Vec<String>,
    /// What `security` exports, when some operation checks credentials.
    security_exports: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "api/src/handlers/mod.rs", escape = "none")]
struct HandlersModFile {
    header: &'static str,
    modules: Vec<String>,
}

#[derive(Template)]
#[template(path = "api/src/handlers/tag.rs", escape = "none")]
struct HandlersFile<'a> {
    header: &'static str,
    strict: bool,
    /// Some response has a fixed status code.
    uses_status_code: bool,
    tag_name: &'a str,
    tag_doc: Vec<String>,
    trait_name: &'a str,
    /// The trait requires the service's credential checks.
    secured: bool,
    operations: Vec<&'a OperationView>,
}

#[derive(Template)]
#[template(path = "api/src/router.rs", escape = "none")]
struct RouterFile<'a> {
    header: &'static str,
    imports: Vec<String>,
    bounds: String,
    routes: Vec<Route>,
    operations: Vec<RoutedOperation<'a>>,
    serves_docs: bool,
}

struct Route {
    path: String,
    methods: String,
    allow: String,
}

struct RoutedOperation<'a> {
    name: &'a str,
    method: &'static str,
    path: &'a str,
    trait_name: &'a str,
    segments: String,
    view: &'a OperationView,
}

/// The operation modules of `constraints.rs`.
pub struct OperationShapes {
    /// The operation's handler method.
    pub operation: String,
    /// Its module in `constraints.rs`.
    pub module: String,
    pub shapes: Vec<ShapeStatic>,
}

pub fn render(
    api: &Api,
    raw_spec: &serde_json::Value,
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    let mut patterns = Patterns::default();
    let views: Vec<OperationView> = api
        .operations
        .iter()
        .map(|operation| OperationView::new(api, operation, &mut patterns))
        .collect();
    let modules: Vec<String> = api.tags.iter().map(|tag| tag.module_name.clone()).collect();

    let cargo = CargoFile {
        header_toml: GENERATED_TOML_HEADER,
        crate_name: &settings.crate_name,
        spec_file: &settings.spec_file,
        decodes_base64: api
            .security_schemes
            .iter()
            .any(|scheme| scheme.kind == SchemeKind::Basic),
    };
    add(files, "api/Cargo.toml", cargo.render()?, Owner::Generator);
    let lib = LibFile {
        header: GENERATED_HEADER,
        title: &api.title,
        version: &api.version,
        spec_file: &settings.spec_file,
        modules: modules.clone(),
        security_exports: match (
            api.uses_security(),
            api.security_schemes
                .iter()
                .any(|scheme| scheme.kind == SchemeKind::Basic),
        ) {
            (false, _) => None,
            (true, false) => Some("Security"),
            (true, true) => Some("{BasicCredentials, Security}"),
        },
    };
    add(files, "api/src/lib.rs", lib.render()?, Owner::Generator);
    for (path, contents) in STATIC_FILES {
        add(files, path, contents.to_owned(), Owner::Generator);
    }
    add(
        files,
        "api/src/models.rs",
        ModelsFile::new(api).render()?,
        Owner::Generator,
    );

    let operation_shapes = api
        .operations
        .iter()
        .zip(&views)
        .filter(|(_, view)| !view.local_shapes.is_empty())
        .map(|(operation, view)| OperationShapes {
            operation: operation.rust_name.clone(),
            module: operation.shapes_module.clone(),
            shapes: view
                .local_shapes
                .iter()
                .map(|shape| ShapeStatic {
                    doc: String::new(),
                    name: shape.name.clone(),
                    value: shape.value.clone(),
                })
                .collect(),
        })
        .collect();
    let constraints = ConstraintsFile::new(api, operation_shapes, patterns);
    add(
        files,
        "api/src/constraints.rs",
        constraints.render()?,
        Owner::Generator,
    );

    add(
        files,
        "api/src/handlers/mod.rs",
        HandlersModFile {
            header: GENERATED_HEADER,
            modules,
        }
        .render()?,
        Owner::Generator,
    );
    for (index, tag) in api.tags.iter().enumerate() {
        let operations = api
            .operations
            .iter()
            .zip(&views)
            .filter(|(operation, _)| operation.tag == index)
            .map(|(_, view)| view)
            .collect();
        let handlers = HandlersFile {
            header: GENERATED_HEADER,
            strict: settings.strict,
            uses_status_code: api
                .operations
                .iter()
                .filter(|operation| operation.tag == index)
                .any(|operation| {
                    operation
                        .responses
                        .iter()
                        .any(|response| matches!(response.status, crate::ir::StatusKey::Code(_)))
                }),
            tag_name: &tag.name,
            tag_doc: super::rust::doc_lines(tag.description.as_deref()),
            trait_name: &tag.trait_name,
            secured: api.uses_security(),
            operations,
        };
        add(
            files,
            format!("api/src/handlers/{}.rs", tag.module_name),
            handlers.render()?,
            Owner::Generator,
        );
    }
    if api.uses_security() {
        add(
            files,
            "api/src/security.rs",
            SecurityFile::new(api, settings.strict).render()?,
            Owner::Generator,
        );
    }
    add(
        files,
        "api/src/router.rs",
        router_file(api, &views).render()?,
        Owner::Generator,
    );

    add(
        files,
        "api/src/docs.rs",
        DocsFile {
            header: GENERATED_HEADER,
            title_html: html_escape(&api.title),
        }
        .render()?,
        Owner::Generator,
    );
    let document = openapi::served_document(api, raw_spec);
    add(
        files,
        "api/src/openapi.json",
        serde_json::to_string_pretty(&document)?,
        Owner::Generator,
    );
    Ok(())
}

fn router_file<'a>(api: &'a Api, views: &'a [OperationView]) -> RouterFile<'a> {
    let mut paths: Vec<&str> = Vec::new();
    for operation in &api.operations {
        if !paths.contains(&operation.path.as_str()) {
            paths.push(&operation.path);
        }
    }
    let routes = paths
        .iter()
        .map(|path| {
            let operations: Vec<&Operation> = api
                .operations
                .iter()
                .filter(|operation| operation.path == *path)
                .collect();
            let methods: Vec<String> = operations
                .iter()
                .map(|operation| {
                    format!(
                        "{}({}::<A>)",
                        operation.method.as_str().to_ascii_lowercase(),
                        operation.rust_name
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
            let first = methods
                .first()
                .map(|method| format!("::axum::routing::{method}"))
                .unwrap_or_default();
            let rest: String = methods
                .iter()
                .skip(1)
                .map(|method| format!(".{method}"))
                .collect();
            Route {
                path: string_literal(&route_path(operations[0])),
                methods: format!("{first}{rest}"),
                allow: string_literal(&allowed.join(", ")),
            }
        })
        .collect();
    let operations: Vec<RoutedOperation> = api
        .operations
        .iter()
        .zip(views)
        .map(|(operation, view)| RoutedOperation {
            name: &operation.rust_name,
            method: operation.method.as_str(),
            path: &operation.path,
            trait_name: &api.tags[operation.tag].trait_name,
            segments: path_segments(operation),
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
    RouterFile {
        header: GENERATED_HEADER,
        imports: router_imports(api, views),
        bounds,
        routes,
        operations,
        serves_docs,
    }
}

/// The router file's `use` lines: exactly what its operations need, so nothing is unused.
fn router_imports(api: &Api, views: &[OperationView]) -> Vec<String> {
    let code: String = views
        .iter()
        .flat_map(|view| view.extractions.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let mut imports = vec!["std::sync::Arc".to_owned(), "axum::Router".to_owned()];
    if api.operations.is_empty() {
        imports.push("crate::error::not_found".to_owned());
    } else {
        imports.push("crate::error::{method_not_allowed, not_found}".to_owned());
        imports.push("axum::extract::State".to_owned());
        imports.push("axum::response::{IntoResponse, Response}".to_owned());
        let traits: BTreeSet<String> = api
            .tags
            .iter()
            .map(|tag| format!("crate::handlers::{}::{}", tag.module_name, tag.trait_name))
            .collect();
        imports.extend(traits);
    }
    if views.iter().any(|view| view.takes_parts) {
        imports.push("axum::http::request::Parts".to_owned());
    }
    if views.iter().any(|view| view.reads_inputs) {
        imports.push("crate::extract::{RequestInputs, Segment}".to_owned());
    }
    let checks: Vec<&str> = views
        .iter()
        .filter_map(|view| view.security_check.as_deref())
        .collect();
    if !checks.is_empty() {
        let mut names = vec!["Policy"];
        if checks.iter().any(|code| code.contains("Scheme::")) {
            names.push("Scheme");
        }
        for check in ["authenticate", "require"] {
            if checks
                .iter()
                .any(|code| code.contains(&format!("{check}(&*state.api")))
            {
                names.push(check);
            }
        }
        imports.push(format!("crate::security::{{{}}}", names.join(", ")));
    }
    if views.iter().any(|view| !view.extractions.is_empty()) {
        imports.extend(
            [
                "crate::error::validation_failed",
                "crate::validation::Issues",
            ]
            .map(str::to_owned),
        );
    }
    if views.iter().any(|view| view.reads_body) {
        imports.extend(["axum::body::Body", "crate::extract::read_body"].map(str::to_owned));
    }
    if code.contains("constraints::") {
        imports.push("crate::constraints".to_owned());
    }
    for helper in ["Presence", "Spread", "json_body", "form_body", "text_body"] {
        if code.contains(helper) {
            imports.push(format!("crate::extract::{helper}"));
        }
    }
    imports
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

/// The path template as [`Segment`]s for the request extractor.
fn path_segments(operation: &Operation) -> String {
    operation
        .template
        .segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Parameter(name) => format!("Segment::Parameter({})", string_literal(name)),
            PathSegment::Literal(_) => "Segment::Literal".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` as HTML text or attribute content.
fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}
