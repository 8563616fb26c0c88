//! The generated crate `<name>-api`: everything but the user's handlers.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use askama::Template;

use super::models::{ConstraintsFile, ModelsFile, ShapeStatic};
use super::operations::{OperationView, ResponsesKey, Signature};
use super::router::RouterFile;
use super::rust::doc_lines;
use super::security::SecurityFile;
use super::shapes::ShapeWriter;
use super::{GENERATED_HEADER, GENERATED_TOML_HEADER, add, openapi};
use crate::ir::{Api, SchemeKind};
use crate::workspace::{Files, Owner, Settings};

/// Runtime files that do not depend on the spec, copied as they are. They are kept as
/// `rustfmt` formats them (a test checks it), so they are not formatted again.
pub const STATIC_FILES: [(&str, &str); 32] = [
    (
        "api/src/macros.rs",
        include_str!("../../templates/api/src/macros.rs"),
    ),
    (
        "api/src/bodies.rs",
        include_str!("../../templates/api/src/bodies.rs"),
    ),
    (
        "api/src/binary.rs",
        include_str!("../../templates/api/src/binary.rs"),
    ),
    (
        "api/src/multipart.rs",
        include_str!("../../templates/api/src/multipart.rs"),
    ),
    (
        "api/src/headers.rs",
        include_str!("../../templates/api/src/headers.rs"),
    ),
    (
        "api/src/spreads.rs",
        include_str!("../../templates/api/src/spreads.rs"),
    ),
    (
        "api/src/uploads.rs",
        include_str!("../../templates/api/src/uploads.rs"),
    ),
    (
        "api/src/validation.rs",
        include_str!("../../templates/api/src/validation.rs"),
    ),
    (
        "api/src/validation_issues.rs",
        include_str!("../../templates/api/src/validation_issues.rs"),
    ),
    (
        "api/src/validation_objects.rs",
        include_str!("../../templates/api/src/validation_objects.rs"),
    ),
    (
        "api/src/numbers.rs",
        include_str!("../../templates/api/src/numbers.rs"),
    ),
    (
        "api/src/number_rules.rs",
        include_str!("../../templates/api/src/number_rules.rs"),
    ),
    (
        "api/src/shape.rs",
        include_str!("../../templates/api/src/shape.rs"),
    ),
    (
        "api/src/dates.rs",
        include_str!("../../templates/api/src/dates.rs"),
    ),
    (
        "api/src/email_address.rs",
        include_str!("../../templates/api/src/email_address.rs"),
    ),
    (
        "api/src/email_domain.rs",
        include_str!("../../templates/api/src/email_domain.rs"),
    ),
    (
        "api/src/email_idna.rs",
        include_str!("../../templates/api/src/email_idna.rs"),
    ),
    (
        "api/src/email_punycode.rs",
        include_str!("../../templates/api/src/email_punycode.rs"),
    ),
    (
        "api/src/email_plain.rs",
        include_str!("../../templates/api/src/email_plain.rs"),
    ),
    (
        "api/src/formats.rs",
        include_str!("../../templates/api/src/formats.rs"),
    ),
    (
        "api/src/routing.rs",
        include_str!("../../templates/api/src/routing.rs"),
    ),
    (
        "api/src/on.rs",
        include_str!("../../templates/api/src/on.rs"),
    ),
    (
        "api/src/json_input.rs",
        include_str!("../../templates/api/src/json_input.rs"),
    ),
    (
        "api/src/valid_json.rs",
        include_str!("../../templates/api/src/valid_json.rs"),
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
        "api/src/connections.rs",
        include_str!("../../templates/api/src/connections.rs"),
    ),
    (
        "api/src/middleware.rs",
        include_str!("../../templates/api/src/middleware.rs"),
    ),
    (
        "api/src/tasks.rs",
        include_str!("../../templates/api/src/tasks.rs"),
    ),
    (
        "api/src/client.rs",
        include_str!("../../templates/api/src/client.rs"),
    ),
    (
        "api/src/answers.rs",
        include_str!("../../templates/api/src/answers.rs"),
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
    /// Email addresses are checked: the `email` feature is on.
    checks_email: bool,
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
    responses: Vec<ResponseEnum<'a>>,
    /// Some operation's responses are an enum of this file (rather than all another's).
    defines_responses: bool,
}

/// An operation's response enum, or an alias of the earlier one with the same responses:
/// large specs repeat the same few (GitHub: 853 sets among 1,223 operations).
struct ResponseEnum<'a> {
    signature: &'a Signature,
    /// The earlier enum, as this file names it.
    same_as: Option<String>,
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
    raw_spec: serde_json::Value,
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    // First, so that the spec's tree, as large as the rest together, is freed early.
    let document = openapi::served_document(api, raw_spec);
    add(
        files,
        "api/src/openapi.json",
        serde_json::to_string_pretty(&document)?,
        Owner::Generator,
    );
    drop(document);
    let constraints = constraints_file(api, views, shapes);
    render_crate_files(api, settings, constraints.checks_email, files)?;
    add(
        files,
        "api/src/models.rs",
        ModelsFile::new(api).render()?,
        Owner::Generator,
    );
    add(
        files,
        "api/src/constraints.rs",
        constraints.render()?,
        Owner::Generator,
    );
    render_handlers(api, views, settings, files)?;
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
        RouterFile::new(api, views, settings.input_rules).render()?,
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
    Ok(())
}

/// Whether the file at `path` is one of the runtime's [`STATIC_FILES`].
pub fn is_static_file(path: &str) -> bool {
    STATIC_FILES
        .iter()
        .any(|(static_path, _)| *static_path == path)
}

/// The crate's manifest, its `lib.rs`, and the runtime files copied as they are.
fn render_crate_files(
    api: &Api,
    settings: &Settings,
    checks_email: bool,
    files: &mut Files,
) -> anyhow::Result<()> {
    let has_basic = api
        .security_schemes
        .iter()
        .any(|scheme| scheme.kind == SchemeKind::Basic);
    let cargo = CargoFile {
        header_toml: GENERATED_TOML_HEADER,
        crate_name: &settings.crate_name,
        spec_file: &settings.spec_file,
        checks_email,
    };
    add(files, "api/Cargo.toml", cargo.render()?, Owner::Generator);
    let lib = LibFile {
        header: GENERATED_HEADER,
        title: &api.title,
        version: &api.version,
        spec_file: &settings.spec_file,
        modules: api.tags.iter().map(|tag| tag.module_name.clone()).collect(),
        security_exports: match (api.uses_security(), has_basic) {
            (false, _) => None,
            (true, false) => Some("Security"),
            (true, true) => Some("{BasicCredentials, Security}"),
        },
    };
    add(files, "api/src/lib.rs", lib.render()?, Owner::Generator);
    for (path, contents) in STATIC_FILES {
        add(files, path, contents.to_owned(), Owner::Generator);
    }
    Ok(())
}

/// `constraints.rs`: the operations' shapes (already spelled by `shapes`), then the types'.
fn constraints_file(api: &Api, views: &[OperationView], shapes: ShapeWriter) -> ConstraintsFile {
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
                    ty: shape.ty,
                    value: shape.value.clone(),
                })
                .collect(),
        })
        .collect();
    ConstraintsFile::new(api, operation_shapes, shapes)
}

/// One handler trait per tag, and the module that declares them.
fn render_handlers(
    api: &Api,
    views: &[OperationView],
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
    add(
        files,
        "api/src/handlers/mod.rs",
        HandlersModFile {
            header: GENERATED_HEADER,
            modules: api.tags.iter().map(|tag| tag.module_name.clone()).collect(),
        }
        .render()?,
        Owner::Generator,
    );
    let same_as = earlier_responses(api, views);
    for (index, tag) in api.tags.iter().enumerate() {
        let tagged = || {
            api.operations
                .iter()
                .zip(views)
                .zip(&same_as)
                .filter(move |((operation, _), _)| operation.tag == index)
                .map(|((_, view), same_as)| (&view.signature, same_as))
        };
        let defined = || {
            tagged()
                .filter(|(_, same_as)| same_as.is_none())
                .map(|(signature, _)| signature)
        };
        let handlers = HandlersFile {
            header: GENERATED_HEADER,
            strict: settings.strict,
            uses_status_code: defined().any(|signature| {
                signature
                    .responses
                    .iter()
                    .any(|response| response.code.is_some())
            }),
            tag_name: &tag.name,
            tag_doc: doc_lines(tag.description.as_deref()),
            trait_name: &tag.trait_name,
            secured: api.uses_security(),
            operations: tagged().map(|(signature, _)| signature).collect(),
            responses: tagged()
                .map(|(signature, same_as)| ResponseEnum {
                    signature,
                    same_as: same_as.clone(),
                })
                .collect(),
            defines_responses: defined().next().is_some(),
        };
        add(
            files,
            format!("api/src/handlers/{}.rs", tag.module_name),
            handlers.render()?,
            Owner::Generator,
        );
    }
    Ok(())
}

/// For each operation, the earlier operation's response enum with the same responses, as
/// the operation's file names it; `None` for the first of each set.
fn earlier_responses(api: &Api, views: &[OperationView]) -> Vec<Option<String>> {
    let mut first_with: HashMap<ResponsesKey, (&str, &str)> = HashMap::new();
    api.operations
        .iter()
        .zip(views)
        .map(|(operation, view)| {
            let module = api.tags[operation.tag].module_name.as_str();
            match first_with.entry(view.signature.responses_key()) {
                Entry::Occupied(first) => {
                    let (first_module, name) = *first.get();
                    Some(if first_module == module {
                        name.to_owned()
                    } else {
                        format!("super::{first_module}::{name}")
                    })
                }
                Entry::Vacant(slot) => {
                    slot.insert((module, view.signature.response_enum.as_str()));
                    None
                }
            }
        })
        .collect()
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
