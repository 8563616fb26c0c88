//! specforge turns an OpenAPI document into a ready-to-run axum service.
//!
//! The pipeline, one module per stage:
//! [`load`] (read YAML/JSON, located errors) → [`resolve`] (`$ref`s) → [`ir`] (the
//! intermediate model) → [`names`] (Rust names) → [`render`] (askama templates, a map
//! of files) → [`write`] (the disk). Everything before `write` is pure, so tests and
//! `--check` see exactly what would be written.

pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod ir;
pub mod load;
pub mod locate;
pub mod names;
pub mod openapi31;
pub mod render;
pub mod resolve;
pub mod summary;
pub mod workspace;
pub mod write;

use std::path::Path;

use diagnostics::{Diagnostic, SpecErrors};
use workspace::{Files, FormattedBefore, OperationRecord, Settings};

/// The files of a generated workspace and what was noticed on the way.
#[derive(Debug)]
pub struct Generated {
    pub api: ir::Api,
    pub files: Files,
    /// Each operation's handler, for the summary of what changed.
    pub operations: Vec<OperationRecord>,
    /// The `rustfmt` that formatted the Rust files.
    pub formatter: String,
    /// Warnings only: any error stops generation.
    pub warnings: Vec<Diagnostic>,
}

/// Loads the spec at `spec_path` and renders the workspace, without touching the disk.
pub fn generate_files(spec_path: &Path, settings: &Settings) -> anyhow::Result<Generated> {
    render_files(spec_path, settings, None)
}

/// [`generate_files`] for the workspace in `out`, reading it only to skip formatting:
/// what its last run formatted and is still on disk as written is taken as it is, and
/// the user's files there are kept, so neither is formatted again.
pub fn regenerate_files(
    spec_path: &Path,
    settings: &Settings,
    out: &Path,
) -> anyhow::Result<Generated> {
    render_files(spec_path, settings, Some(out))
}

/// Load → model → render → format, formatting only what the workspace in `out` (if any)
/// does not already hold.
fn render_files(
    spec_path: &Path,
    settings: &Settings,
    out: Option<&Path>,
) -> anyhow::Result<Generated> {
    // What the workspace already holds is read while the spec is.
    let earlier = std::thread::spawn({
        let out = out.map(Path::to_owned);
        move || -> anyhow::Result<(String, FormattedBefore)> {
            let formatter = render::formatter_version()?;
            let before = match out {
                Some(out) => write::formatted_before(&out, &formatter)?,
                None => FormattedBefore::default(),
            };
            Ok((formatter, before))
        }
    });
    let (spec, api, warnings) = named_model(spec_path)?;
    // Rendering needs only the JSON tree it serves: the rest goes first.
    let raw = spec.into_served();
    let (formatter, mut before) = earlier
        .join()
        .map_err(|_| anyhow::anyhow!("reading the earlier workspace panicked"))??;
    let mut rendered = render::render_unformatted(&api, raw, settings)?;
    if let Some(out) = out {
        before.kept = write::kept_user_files(out, &rendered.files);
    }
    render::format_rust(&mut rendered.files, &before)?;
    Ok(Generated {
        api,
        files: rendered.files,
        operations: rendered.operations,
        formatter,
        warnings,
    })
}

/// The named model of the spec at `spec_path`; a spec with errors is refused.
pub fn load_api(spec_path: &Path) -> anyhow::Result<ir::Api> {
    named_model(spec_path).map(|(_, api, _)| api)
}

/// Load → intermediate model → names, refusing a spec with errors; the warnings are kept.
fn named_model(spec_path: &Path) -> anyhow::Result<(load::LoadedSpec, ir::Api, Vec<Diagnostic>)> {
    let spec = load::load(spec_path)?;
    let (mut api, mut diagnostics) = ir::build(&spec);
    let refused = diagnostics.iter().any(Diagnostic::stops_generation);
    // Locating the diagnostics reads the whole text again: it runs beside the naming.
    std::thread::scope(|scope| {
        scope.spawn(|| locate::locate(&spec.text, &mut diagnostics));
        if !refused {
            names::assign(&mut api);
        }
    });
    if refused {
        return Err(SpecErrors {
            file: spec_path.to_owned(),
            diagnostics,
        }
        .into());
    }
    let warnings = diagnostics
        .into_iter()
        .map(Diagnostic::for_generation)
        .collect();
    Ok((spec, api, warnings))
}

/// The changes from the spec at `old` to the one at `new`, breaking ones first.
pub fn diff_specs(old: &Path, new: &Path) -> anyhow::Result<Vec<diff::ApiChange>> {
    Ok(diff::diff(&load_api(old)?, &load_api(new)?))
}

/// Every problem of the spec at `spec_path`, errors first.
pub fn validate(spec_path: &Path) -> anyhow::Result<Vec<Diagnostic>> {
    let spec = match load::load(spec_path) {
        Ok(spec) => spec,
        Err(error) => match error.downcast::<SpecErrors>() {
            Ok(errors) => return Ok(errors.diagnostics),
            Err(error) => return Err(error),
        },
    };
    let (_, mut diagnostics) = ir::build(&spec);
    locate::locate(&spec.text, &mut diagnostics);
    diagnostics.sort_by_key(|diagnostic| !diagnostic.is_error());
    Ok(diagnostics)
}
