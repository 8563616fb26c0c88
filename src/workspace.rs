//! What the stages hand each other about the workspace being generated: the settings it
//! is generated with, its files and who owns each, and the operations as the user meets
//! them. A leaf: it imports no stage, so every stage may import it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Who a file belongs to once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Rewritten on every regeneration.
    Generator,
    /// Written once, then never touched again.
    User,
    /// Written by the project's first generation only, then the user's: never
    /// overwritten, not written again once deleted, nor added to a project generated
    /// before it existed (whose other files it would not fit).
    Starter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub contents: String,
    pub owner: Owner,
    /// For a Rust file, the hash of its text as rendered, before formatting.
    pub rendered_hash: Option<String>,
}

/// The generated workspace: relative path → file.
pub type Files = BTreeMap<String, File>;

/// What an earlier run left that formatting can skip. The same text always formats the
/// same way with the same `rustfmt`, and formatting is most of a large spec's generation
/// time, so a regeneration formats only what changed.
#[derive(Debug, Default)]
pub struct FormattedBefore {
    /// Rust an earlier run formatted, still on disk as it was written: the hash of a
    /// file's text as rendered → the text `rustfmt` made of it.
    pub texts: HashMap<String, String>,
    /// User files already on disk: they are kept as they are, so never formatted.
    pub kept: HashSet<String>,
}

/// The hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What a workspace is generated with, besides the spec.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The service crate's name; the api crate is `<name>-api`.
    pub crate_name: String,
    /// The spec's path as `specforge.toml` records it (relative to the output folder).
    pub spec_path: String,
    /// The spec's file name, for headers and docs.
    pub spec_file: String,
    /// Handler methods without default bodies: the compiler demands every handler.
    pub strict: bool,
    /// The database whose pool the service's `App` holds, if any.
    pub database: Option<Database>,
    /// How the service reads request values.
    pub input_rules: InputRules,
}

/// How a generated service reads request values (`--input-rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum InputRules {
    /// As FastAPI reads them, with Pydantic's lax conversions (`"30"` is an integer).
    #[default]
    Fastapi,
    /// By the spec's letter: values of their JSON Schema types, text spelled as JSON.
    Spec,
}

/// The databases `--db` sets a service up for, through `sqlx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Database {
    /// A file next to the service; needs no setup.
    Sqlite,
    /// A server named by `DATABASE_URL`.
    Postgres,
}

impl Database {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

impl Settings {
    /// The api crate's library name, as Rust code names it.
    pub fn api_lib(&self) -> String {
        format!("{}_api", self.service_lib())
    }

    /// The user's crate as Rust code names its library.
    pub fn service_lib(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}

/// An operation as the user sees it: the method to write, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationRecord {
    /// `POST /users`
    pub route: String,
    pub handler: String,
    /// The method as the user writes it, without its body.
    pub signature: String,
    pub file: String,
}
