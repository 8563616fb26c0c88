//! `specforge.toml`: how a project was generated, so that `specforge generate` inside it
//! regenerates with the same spec and options.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

use crate::workspace::{Database, InputRules};

pub const CONFIG_FILE: &str = "specforge.toml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// The spec's path, relative to the project folder.
    pub spec: String,
    pub name: String,
    #[serde(default)]
    pub strict: bool,
    #[serde(default)]
    pub db: Option<Database>,
    #[serde(default)]
    pub input_rules: InputRules,
}

impl ProjectConfig {
    /// The configuration of the project in `folder`, if it is one.
    pub fn read(folder: &Path) -> anyhow::Result<Option<Self>> {
        let path = folder.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map(Some)
                .with_context(|| format!("{} is not readable", path.display())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// The spec's path as seen from where specforge runs.
    pub fn spec_path(&self, folder: &Path) -> PathBuf {
        folder.join(&self.spec)
    }
}
