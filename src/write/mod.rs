//! Stage 6: the file map → the output folder. [`plan::Plan`] decides every file's fate
//! before anything is written; [`apply::apply`] carries it out, all or nothing for the
//! generated tree.
//!
//! The rules: generated files (`api/`, `specforge.toml`) are rewritten only when their
//! contents change, so untouched files keep their modification time and cargo rebuilds
//! only what changed; generated files that are no longer generated are removed; a
//! generated file edited by hand stops the run unless `--force`; user files
//! (`service/`, the workspace `Cargo.toml`) are written once and never rewritten — for a
//! new tag, the user's handler module list only gains a `mod` line.

pub mod apply;
pub mod manifest;
pub mod plan;

pub use apply::{apply, recover};
pub use manifest::{Manifest, formatted_before, kept_user_files};
pub use plan::{Action, Conflict, Plan};
