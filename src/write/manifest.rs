//! `.specforge/manifest.json`: what the last run generated — each generated file with the
//! hash of its contents, and each operation with the handler the user writes for it. It
//! tells a hand-edited generated file from an untouched one, a stale file from a user's,
//! and what changed for the user since the last run.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::workspace::{Files, FormattedBefore, OperationRecord, Owner, content_hash};

/// Where the manifest lives, relative to the output folder.
pub const MANIFEST_PATH: &str = ".specforge/manifest.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Generated file → SHA-256 of its contents, hex.
    pub files: BTreeMap<String, String>,
    pub operations: Vec<OperationRecord>,
    /// The `rustfmt` that formatted the Rust files (its `--version`).
    #[serde(default)]
    pub formatter: String,
    /// Generated Rust file → SHA-256 of its text as rendered, before formatting.
    #[serde(default)]
    pub rendered: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest of the last run in `out`, or `None` if there was none.
    pub fn read(out: &Path) -> anyhow::Result<Option<Self>> {
        let path = out.join(MANIFEST_PATH);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map(Some).with_context(|| {
                format!(
                    "{} is damaged; remove it to regenerate from scratch",
                    path.display()
                )
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn to_json(&self) -> anyhow::Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}

/// What formatting the files rendered for `out` can skip: the text of each generated
/// Rust file the last run formatted with this `formatter` and that is still on disk
/// exactly as written. Read before rendering; the user files are added by
/// [`kept_user_files`] once the files are known.
pub fn formatted_before(out: &Path, formatter: &str) -> anyhow::Result<FormattedBefore> {
    let mut before = FormattedBefore::default();
    let Some(manifest) = Manifest::read(out)? else {
        return Ok(before);
    };
    if manifest.formatter != formatter {
        return Ok(before);
    }
    for (path, rendered) in &manifest.rendered {
        let Ok(text) = std::fs::read_to_string(out.join(path)) else {
            continue;
        };
        if manifest.files.get(path) == Some(&content_hash(text.as_bytes())) {
            before.texts.insert(rendered.clone(), text);
        }
    }
    Ok(before)
}

/// The user files of `files` that `out` already holds: they are kept, so never formatted.
pub fn kept_user_files(out: &Path, files: &Files) -> HashSet<String> {
    files
        .iter()
        .filter(|(path, file)| file.owner != Owner::Generator && out.join(path).exists())
        .map(|(path, _)| path.clone())
        .collect()
}
