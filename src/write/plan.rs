//! What a run will do to the output folder, decided before anything is written: each
//! file's action, and the generated files that were edited by hand (which stop the run
//! unless `--force`).

use std::path::Path;

use anyhow::Context;

use super::manifest::Manifest;
use crate::workspace::{Files, OperationRecord, Owner, content_hash};

/// The user's file that declares one module per handler file.
pub const HANDLER_MODULES: &str = "service/src/handlers/mod.rs";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Unchanged,
    /// A user file that exists: left as it is.
    Keep,
    /// The user's module list gets these `mod` lines for new handler files; nothing in
    /// it changes.
    AppendModules(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub path: String,
    pub action: Action,
    pub owner: Owner,
}

/// A generated file that is not what specforge last wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub path: String,
    pub reason: &'static str,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub conflicts: Vec<Conflict>,
    pub files: Files,
    pub manifest: Manifest,
    pub previous: Option<Manifest>,
}

impl Plan {
    /// Compares `files` with the output folder and the manifest of the last run.
    /// `formatter` is the `rustfmt` that formatted the Rust files, for the manifest.
    pub fn new(
        out: &Path,
        files: Files,
        operations: Vec<OperationRecord>,
        formatter: &str,
    ) -> anyhow::Result<Self> {
        let previous = Manifest::read(out)?;
        let recorded = |path: &str| {
            previous
                .as_ref()
                .and_then(|manifest| manifest.files.get(path))
        };
        let mut steps = Vec::new();
        let mut conflicts = Vec::new();
        for (path, file) in &files {
            let on_disk = read(&out.join(path))?;
            let action = match (file.owner, on_disk) {
                (Owner::Starter, None) if previous.is_some() => continue,
                (_, None) => Action::Create,
                (Owner::User | Owner::Starter, Some(_)) => Action::Keep,
                (Owner::Generator, Some(bytes)) if bytes == file.contents.as_bytes() => {
                    Action::Unchanged
                }
                (Owner::Generator, Some(bytes)) => {
                    match recorded(path) {
                        Some(recorded) if *recorded == content_hash(&bytes) => {}
                        Some(_) => conflicts.push(Conflict {
                            path: path.clone(),
                            reason: "edited by hand since it was generated",
                        }),
                        None => conflicts.push(Conflict {
                            path: path.clone(),
                            reason: "exists, but specforge did not write it",
                        }),
                    }
                    Action::Update
                }
            };
            steps.push(Step {
                path: path.clone(),
                action,
                owner: file.owner,
            });
        }
        for (path, recorded_hash) in previous.iter().flat_map(|manifest| manifest.files.iter()) {
            if files.contains_key(path) {
                continue;
            }
            let Some(bytes) = read(&out.join(path))? else {
                continue;
            };
            if content_hash(&bytes) != *recorded_hash {
                conflicts.push(Conflict {
                    path: path.clone(),
                    reason: "no longer generated, and edited by hand",
                });
            }
            steps.push(Step {
                path: path.clone(),
                action: Action::Delete,
                owner: Owner::Generator,
            });
        }
        if let Some(step) = steps
            .iter_mut()
            .find(|step| step.path == HANDLER_MODULES && step.action == Action::Keep)
        {
            let declared = std::fs::read_to_string(out.join(HANDLER_MODULES))
                .with_context(|| format!("cannot read {HANDLER_MODULES}"))?;
            let missing = new_handler_modules(&files, &declared);
            if !missing.is_empty() {
                step.action = Action::AppendModules(missing);
            }
        }
        let manifest = Manifest {
            files: files
                .iter()
                .filter(|(_, file)| file.owner == Owner::Generator)
                .map(|(path, file)| (path.clone(), content_hash(file.contents.as_bytes())))
                .collect(),
            operations,
            formatter: formatter.to_owned(),
            rendered: files
                .iter()
                .filter(|(_, file)| file.owner == Owner::Generator)
                .filter_map(|(path, file)| Some((path.clone(), file.rendered_hash.clone()?)))
                .collect(),
        };
        Ok(Self {
            steps,
            conflicts,
            files,
            manifest,
            previous,
        })
    }

    /// Whether the run would change anything on disk.
    pub fn is_current(&self) -> bool {
        self.steps
            .iter()
            .all(|step| matches!(step.action, Action::Unchanged | Action::Keep))
            && self.previous.as_ref() == Some(&self.manifest)
    }

    pub fn count(&self, wanted: fn(&Action) -> bool) -> usize {
        self.steps
            .iter()
            .filter(|step| wanted(&step.action))
            .count()
    }
}

/// `mod` lines for the handler files the user's module list does not declare yet.
fn new_handler_modules(files: &Files, declared: &str) -> Vec<String> {
    let declared: Vec<&str> = declared.lines().map(str::trim).collect();
    files
        .keys()
        .filter_map(|path| {
            path.strip_prefix("service/src/handlers/")?
                .strip_suffix(".rs")
        })
        .filter(|module| *module != "mod")
        .filter(|module| {
            !declared.iter().any(|line| {
                *line == format!("mod {module};") || *line == format!("pub mod {module};")
            })
        })
        .map(|module| format!("mod {module};"))
        .collect()
}

fn read(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
}
