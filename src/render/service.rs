//! The user's crate: the workspace manifest, `main.rs` with the dependencies struct, the
//! credential checks and one handlers file per tag (see [`stubs`]). Written once; see
//! [`crate::workspace::Owner::User`].

use askama::Template;

use super::operations::OperationView;
use super::rust::string_literal;
use super::security::{self, SchemeView};
use super::{add, stubs};
use crate::ir::{Api, SchemeKind};
use crate::names::SECURITY_MODULE;
use crate::workspace::{Database, Files, InputRules, Owner, Settings};

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
    /// Whether requests are read by the spec's letter (`--input-rules spec`).
    by_spec: bool,
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
    service_lib: String,
    database: Option<DatabaseView>,
}

#[derive(Template)]
#[template(path = "service/src/lib.rs", escape = "none")]
struct ServiceLibFile<'a> {
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
#[template(path = "service/src/handlers/security.rs", escape = "none")]
struct SecurityStubFile {
    lib: String,
    imports: Vec<&'static str>,
    schemes: Vec<SchemeView>,
}

pub fn render(
    api: &Api,
    views: &[OperationView],
    settings: &Settings,
    files: &mut Files,
) -> anyhow::Result<()> {
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
        by_spec: settings.input_rules == InputRules::Spec,
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
    let database = || {
        settings
            .database
            .map(|database| database_view(api, database))
    };
    add(
        files,
        "service/src/main.rs",
        MainFile {
            title: &api.title,
            lib: lib.clone(),
            service_lib: settings.service_lib(),
            database: database(),
        }
        .render()?,
        Owner::User,
    );
    add(
        files,
        "service/src/lib.rs",
        ServiceLibFile {
            title: &api.title,
            lib: lib.clone(),
            database: database(),
        }
        .render()?,
        Owner::Starter,
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
        add(
            files,
            format!("service/src/handlers/{SECURITY_MODULE}.rs"),
            security_stub(api, &lib).render()?,
            Owner::User,
        );
    }
    add(
        files,
        "service/src/handlers/mod.rs",
        HandlersModFile { modules }.render()?,
        Owner::User,
    );
    stubs::render(api, views, &lib, files)
}

/// The user's credential checks, one method per scheme, each refusing everyone.
fn security_stub(api: &Api, lib: &str) -> SecurityStubFile {
    let has_basic = api
        .security_schemes
        .iter()
        .any(|scheme| scheme.kind == SchemeKind::Basic);
    let imports = match (api.security_schemes.is_empty(), has_basic) {
        (true, _) => vec!["Security"],
        (false, true) => vec!["ApiError", "BasicCredentials", "Security"],
        (false, false) => vec!["ApiError", "Security"],
    };
    SecurityStubFile {
        lib: lib.to_owned(),
        imports,
        schemes: api
            .security_schemes
            .iter()
            .map(security::scheme_view)
            .collect(),
    }
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
