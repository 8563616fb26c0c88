//! Stage 6: the file map → the disk. Generated files are rewritten only when their
//! contents change (so untouched files keep their mtime and cargo rebuilds only what
//! changed); user files are written once and never again. Each file is written to a
//! temporary sibling and renamed into place, so a file is never left half-written.

use std::fs;
use std::path::Path;

use anyhow::Context;

use crate::render::{Files, Owner};

/// What happened to each file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: Vec<String>,
    /// User files that exist already and were left as they are.
    pub kept: Vec<String>,
}

pub fn write(out: &Path, files: &Files) -> anyhow::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (relative, file) in files {
        let path = out.join(relative);
        let existing = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        match (existing, file.owner) {
            (Some(_), Owner::User) => report.kept.push(relative.clone()),
            (Some(bytes), Owner::Generator) if bytes == file.contents.as_bytes() => {
                report.unchanged.push(relative.clone())
            }
            (existing, _) => {
                write_atomically(&path, &file.contents)?;
                if existing.is_some() {
                    report.updated.push(relative.clone());
                } else {
                    report.created.push(relative.clone());
                }
            }
        }
    }
    Ok(report)
}

fn write_atomically(path: &Path, contents: &str) -> anyhow::Result<()> {
    let parent = path.parent().context("a generated file has no folder")?;
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("file");
    let temporary = parent.join(format!(".{file_name}.specforge-tmp"));
    fs::write(&temporary, contents)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path)
        .with_context(|| format!("cannot move {} into place", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::File;

    fn files(entries: &[(&str, &str, Owner)]) -> Files {
        entries
            .iter()
            .map(|(path, contents, owner)| {
                (
                    (*path).to_owned(),
                    File {
                        contents: (*contents).to_owned(),
                        owner: *owner,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn user_files_are_never_overwritten_and_unchanged_files_are_not_rewritten() {
        let out = tempfile::tempdir().unwrap();
        let first = files(&[
            ("api/a.rs", "one", Owner::Generator),
            ("service/b.rs", "stub", Owner::User),
        ]);
        let report = write(out.path(), &first).unwrap();
        assert_eq!(report.created, vec!["api/a.rs", "service/b.rs"]);

        fs::write(out.path().join("service/b.rs"), "mine").unwrap();
        let second = files(&[
            ("api/a.rs", "one", Owner::Generator),
            ("service/b.rs", "new stub", Owner::User),
        ]);
        let report = write(out.path(), &second).unwrap();
        assert_eq!(report.unchanged, vec!["api/a.rs"]);
        assert_eq!(report.kept, vec!["service/b.rs"]);
        assert_eq!(
            fs::read_to_string(out.path().join("service/b.rs")).unwrap(),
            "mine"
        );

        let third = files(&[("api/a.rs", "two", Owner::Generator)]);
        assert_eq!(write(out.path(), &third).unwrap().updated, vec!["api/a.rs"]);
        assert_eq!(
            fs::read_to_string(out.path().join("api/a.rs")).unwrap(),
            "two"
        );
    }
}
