//! `.specforge/manifest.json`: what the last run generated — each generated file with the
//! hash of its contents, and each operation with the handler the user writes for it. It
//! tells a hand-edited generated file from an untouched one, a stale file from a user's,
//! and what changed for the user since the last run.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::workspace::OperationRecord;
use sha2::{Digest, Sha256};

/// Where the manifest lives, relative to the output folder.
pub const MANIFEST_PATH: &str = ".specforge/manifest.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Generated file → SHA-256 of its contents, hex.
    pub files: BTreeMap<String, String>,
    pub operations: Vec<OperationRecord>,
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

/// The hex SHA-256 of `bytes`.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
