//! The user's crate: `main.rs`, the dependencies struct and one handlers file per tag,
//! each stub answering the spec's example. Written once; see [`crate::workspace::Owner::User`].

use askama::Template;

use super::add;
use super::operations::OperationView;
use super::rust::{Patterns, string_literal};
use super::security::{self, SchemeView};
use crate::ir::{self, Api, BodyKind, Operation, Response, SchemeKind, StatusKey};
use crate::names::SECURITY_MODULE;
use crate::workspace::OperationRecord;
use crate::workspace::{Database, Files, Owner, Settings};

#[derive(Template)]
#[template(path = "Cargo.toml", escape = "none")]
struct WorkspaceFile<'a> {
    spec_file: &'a str,
}

#[derive(Template)]
#[template(path = "specforge.toml", escape = "none")]
struct SpecforgeFile {
    spec_path: String,
    name: String,
    strict: bool,
    db: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "service/Cargo.toml", escape = "none")]
struct ServiceCargoFile<'a> {
    crate_name: &'a str,
    sqlx_feature: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "service/src/main.rs", escape = "none")]
struct MainFile<'a> {
    title: &'a str,
    lib: String,
    database: Option<DatabaseView>,
}

/// How the user's `main.rs` connects to the database of `--db`.
struct DatabaseView {
    pool: &'static str,
    /// `None` where the database cannot be guessed and `DATABASE_URL` is required.
    default_url: Option<&'static str>,
    /// The readiness check's path: the first of [`READY_PATHS`] the spec leaves free.
    ready_path: &'static str,
}

/// Where the readiness check may be served, in order of preference.
const READY_PATHS: [&str; 3] = ["/ready", "/readyz", "/_ready"];

/// The first migration of a service with a database.
const FIRST_MIGRATION: &str = include_str!("../../templates/service/migrations/0001_init.sql");
/// The build script that recompiles the migrations into the service when they change.
const MIGRATIONS_BUILD_SCRIPT: &str = include_str!("../../templates/service/build.rs");

#[derive(Template)]
#[template(path = "service/src/handlers/mod.rs", escape = "none")]
struct HandlersModFile {
    modules: Vec<String>,
}

#[derive(Template)]
#[template(path = "service/src/handlers/tag.rs", escape = "none")]
struct HandlersFile<'a> {
    tag_name: &'a str,
    lib: String,
    uses_models: bool,
    imports: Vec<String>,
    trait_name: &'a str,
    stubs: Vec<Stub>,
}

#[derive(Template)]
#[template(path = "service/src/handlers/security.rs", escape = "none")]
struct SecurityStubFile {
    lib: String,
    imports: Vec<&'static str>,
    schemes: Vec<SchemeView>,
}

struct Stub {
    name: String,
    many_arguments: bool,
    arguments: Vec<(String, String)>,
    response_enum: String,
    body: String,
}

pub fn render(api: &Api, settings: &Settings, files: &mut Files) -> anyhow::Result<()> {
    let lib = settings.api_lib();
    add(
        files,
        "Cargo.toml",
        WorkspaceFile {
            spec_file: &settings.spec_file,
        }
        .render()?,
        Owner::User,
    );
    let specforge = SpecforgeFile {
        spec_path: string_literal(&settings.spec_path),
        name: string_literal(&settings.crate_name),
        strict: settings.strict,
        db: settings.database.map(Database::as_str),
    };
    add(
        files,
        "specforge.toml",
        specforge.render()?,
        Owner::Generator,
    );
    add(
        files,
        "service/Cargo.toml",
        ServiceCargoFile {
            crate_name: &settings.crate_name,
            sqlx_feature: settings.database.map(Database::as_str),
        }
        .render()?,
        Owner::User,
    );
    add(
        files,
        "service/src/main.rs",
        MainFile {
            title: &api.title,
            lib: lib.clone(),
            database: settings
                .database
                .map(|database| database_view(api, database)),
        }
        .render()?,
        Owner::User,
    );
    if settings.database.is_some() {
        add(
            files,
            "service/migrations/0001_init.sql",
            FIRST_MIGRATION.to_owned(),
            Owner::User,
        );
        add(
            files,
            "service/build.rs",
            MIGRATIONS_BUILD_SCRIPT.to_owned(),
            Owner::User,
        );
    }
    let mut modules: Vec<String> = api.tags.iter().map(|tag| tag.module_name.clone()).collect();
    if api.uses_security() {
        modules.push(SECURITY_MODULE.to_owned());
        let has_basic = api
            .security_schemes
            .iter()
            .any(|scheme| scheme.kind == SchemeKind::Basic);
        let imports = match (api.security_schemes.is_empty(), has_basic) {
            (true, _) => vec!["Security"],
            (false, true) => vec!["ApiError", "BasicCredentials", "Security"],
            (false, false) => vec!["ApiError", "Security"],
        };
        let stub = SecurityStubFile {
            lib: lib.clone(),
            imports,
            schemes: api
                .security_schemes
                .iter()
                .map(security::scheme_view)
                .collect(),
        };
        add(
            files,
            format!("service/src/handlers/{SECURITY_MODULE}.rs"),
            stub.render()?,
            Owner::User,
        );
    }
    add(
        files,
        "service/src/handlers/mod.rs",
        HandlersModFile { modules }.render()?,
        Owner::User,
    );

    let mut patterns = Patterns::default();
    for (index, tag) in api.tags.iter().enumerate() {
        let operations: Vec<&Operation> = api
            .operations
            .iter()
            .filter(|operation| operation.tag == index)
            .collect();
        let views: Vec<OperationView> = operations
            .iter()
            .map(|operation| OperationView::new(api, operation, &mut patterns))
            .collect();
        let stubs: Vec<Stub> = operations
            .iter()
            .zip(&views)
            .map(|(operation, view)| stub(api, &lib, operation, view))
            .collect();
        let mut imports = vec!["ApiError".to_owned(), tag.trait_name.clone()];
        imports.extend(
            operations
                .iter()
                .map(|operation| operation.response_enum.clone()),
        );
        if stubs.iter().any(|stub| stub.body.contains("StatusCode::")) {
            imports.push("StatusCode".to_owned());
        }
        if stubs
            .iter()
            .any(|stub| stub.arguments.iter().any(|(_, ty)| ty == "Bytes"))
        {
            imports.push("Bytes".to_owned());
        }
        let handlers = HandlersFile {
            tag_name: &tag.name,
            lib: lib.clone(),
            uses_models: views.iter().any(|view| view.uses_models),
            imports,
            trait_name: &tag.trait_name,
            stubs,
        };
        add(
            files,
            format!("service/src/handlers/{}.rs", tag.module_name),
            handlers.render()?,
            Owner::User,
        );
    }
    Ok(())
}

/// Each operation as the user meets it — the handler method, its signature and its file —
/// and each security scheme's verifying method, so that a scheme added to or removed from
/// the spec is reported like an operation.
pub fn operation_records(api: &Api) -> Vec<OperationRecord> {
    let mut patterns = Patterns::default();
    let schemes = api.security_schemes.iter().map(|scheme| {
        let (argument, argument_type) = security::credential_argument(&scheme.kind);
        let method = security::method_name(scheme);
        OperationRecord {
            route: format!("security scheme {}", scheme.key),
            handler: format!("Security::{method}"),
            signature: format!(
                "async fn {method}(&self, {argument}: {argument_type}, scopes: &'static [&'static str]) -> Result<Self::Principal, ApiError>"
            ),
            file: format!("service/src/handlers/{SECURITY_MODULE}.rs"),
        }
    });
    api.operations
        .iter()
        .map(|operation| {
            let tag = &api.tags[operation.tag];
            let view = OperationView::new(api, operation, &mut patterns);
            let arguments: String = view
                .arguments
                .iter()
                .map(|argument| format!(", {}: {}", argument.name, argument.user_ty))
                .collect();
            OperationRecord {
                route: format!("{} {}", operation.method.as_str(), operation.path),
                handler: format!("{}::{}", tag.trait_name, operation.rust_name),
                signature: format!(
                    "async fn {}(&self{arguments}) -> Result<{}, ApiError>",
                    operation.rust_name, operation.response_enum
                ),
                file: format!("service/src/handlers/{}.rs", tag.module_name),
            }
        })
        .chain(schemes)
        .collect()
}

fn stub(api: &Api, lib: &str, operation: &Operation, view: &OperationView) -> Stub {
    Stub {
        name: view.name.clone(),
        many_arguments: view.many_arguments,
        arguments: view
            .arguments
            .iter()
            .map(|argument| (argument.name.clone(), argument.user_ty.clone()))
            .collect(),
        response_enum: view.response_enum.clone(),
        body: stub_body(api, lib, operation),
    }
}

/// `Ok(...)` with the success response built from its example, or 501 when there is no
/// success response or nothing can be built for it.
fn stub_body(api: &Api, lib: &str, operation: &Operation) -> String {
    let not_implemented = "Err(ApiError::not_implemented())".to_owned();
    let Some(response) = success_response(operation) else {
        return not_implemented;
    };
    let variant = format!("{}::{}", operation.response_enum, response.rust_name);
    let status = match response.status {
        StatusKey::Code(_) => String::new(),
        StatusKey::Range(_) | StatusKey::Default => "StatusCode::OK, ".to_owned(),
    };
    let payload = match &response.body {
        None => None,
        Some(body) => match body.kind {
            BodyKind::Json | BodyKind::Form => {
                match ir::example_for(api, &body.schema, body.example.as_ref()) {
                    Some(example) => Some(format!(
                        "{lib}::from_example({})?",
                        raw_string(&example.to_string())
                    )),
                    None => return not_implemented,
                }
            }
            BodyKind::Text => Some(format!(
                "{}.to_owned()",
                string_literal(
                    body.example
                        .as_ref()
                        .and_then(|example| example.as_str())
                        .unwrap_or("example")
                )
            )),
            BodyKind::Bytes => Some("Default::default()".to_owned()),
        },
    };
    match (payload, status.is_empty()) {
        (None, true) => format!("Ok({variant})"),
        (None, false) => format!("Ok({variant}(StatusCode::OK))"),
        (Some(payload), _) => format!("Ok({variant}({status}{payload}))"),
    }
}

/// The response a stub answers with: the first 2xx, else the `2XX` range, else `default`.
fn success_response(operation: &Operation) -> Option<&Response> {
    let success = |response: &&Response| matches!(response.status, StatusKey::Code(200..=299));
    operation
        .responses
        .iter()
        .find(success)
        .or_else(|| {
            operation
                .responses
                .iter()
                .find(|response| response.status == StatusKey::Range(2))
        })
        .or_else(|| {
            operation
                .responses
                .iter()
                .find(|response| response.status == StatusKey::Default)
        })
}

/// A raw string literal holding `text`, with enough `#`s that nothing inside ends it.
pub fn raw_string(text: &str) -> String {
    let hashes = (0..)
        .find(|count| !text.contains(&format!("\"{}", "#".repeat(*count))))
        .unwrap_or(0);
    let fence = "#".repeat(hashes.max(1));
    format!("r{fence}\"{text}\"{fence}")
}

fn database_view(api: &Api, database: Database) -> DatabaseView {
    let ready_path = READY_PATHS
        .into_iter()
        .find(|path| {
            !api.operations
                .iter()
                .any(|operation| operation.path == *path)
        })
        .unwrap_or(READY_PATHS[READY_PATHS.len() - 1]);
    match database {
        Database::Sqlite => DatabaseView {
            pool: "sqlx::SqlitePool",
            default_url: Some("sqlite://data.db?mode=rwc"),
            ready_path,
        },
        Database::Postgres => DatabaseView {
            pool: "sqlx::PgPool",
            default_url: None,
            ready_path,
        },
    }
}
