//! The generated crate `<name>-api`: everything but the user's handlers.

use askama::Template;

use super::models::{ConstraintsFile, ModelsFile, ShapeStatic};
use super::operations::{OperationView, Signature};
use super::router::RouterFile;
use super::security::SecurityFile;
use super::shapes::ShapeWriter;
use super::{GENERATED_HEADER, GENERATED_TOML_HEADER, add, openapi};
use crate::ir::{Api, SchemeKind};
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
    operations: Vec<&'a Signature>,
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
    views: &[OperationView],
    shapes: ShapeWriter,
    raw_spec: &serde_json::Value,
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
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
        .zip(views)
        .filter(|(_, view)| !view.route.local_shapes.is_empty())
        .map(|(operation, view)| OperationShapes {
            operation: operation.rust_name.clone(),
            module: operation.shapes_module.clone(),
            shapes: view
                .route
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
    let constraints = ConstraintsFile::new(api, operation_shapes, shapes);
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
            .zip(views)
            .filter(|(operation, _)| operation.tag == index)
            .map(|(_, view)| &view.signature)
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
        RouterFile::new(api, views).render()?,
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
