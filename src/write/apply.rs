//! Carries out a [`Plan`], all or nothing for the generated tree. The new `api/` is built
//! in `.specforge/staging` — unchanged files hard-linked, so they keep their modification
//! time — and swapped in with two renames; a run killed between them is repaired by
//! [`recover`] at the start of the next. User files are only ever created, and the user's
//! handler module list only ever gains lines.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::manifest::MANIFEST_PATH;
use super::plan::{Action, HANDLER_MODULES, Plan};
use crate::workspace::Owner;

/// The generated tree that is swapped as a whole.
const GENERATED_ROOT: &str = "api";
const STAGING: &str = ".specforge/staging";
const PREVIOUS: &str = ".specforge/previous-api";

/// Finishes or undoes a swap that a killed run left half done, and drops its staging.
pub fn recover(out: &Path) -> anyhow::Result<()> {
    let previous = out.join(PREVIOUS);
    if previous.exists() {
        if out.join(GENERATED_ROOT).exists() {
            fs::remove_dir_all(&previous)
                .with_context(|| format!("cannot remove {}", previous.display()))?;
        } else {
            fs::rename(&previous, out.join(GENERATED_ROOT))
                .context("cannot restore the previous api/ after an interrupted run")?;
        }
    }
    let staging = out.join(STAGING);
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    Ok(())
}

/// Writes what `plan` says. Nothing under `api/` changes unless the whole new tree could
/// be staged first.
pub fn apply(out: &Path, plan: &Plan) -> anyhow::Result<()> {
    recover(out)?;
    let staging = out.join(STAGING);
    let changes_tree = plan.steps.iter().any(|step| {
        step.path.starts_with("api/")
            && matches!(
                step.action,
                Action::Create | Action::Update | Action::Delete
            )
    });
    if changes_tree {
        if let Err(error) = stage_tree(out, &staging, plan) {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
        swap_tree(out, &staging)?;
    }
    for step in &plan.steps {
        let path = out.join(&step.path);
        match (&step.action, step.owner) {
            (_, _) if step.path.starts_with("api/") => {}
            (Action::Create | Action::Update, _) => {
                write_atomically(&path, &plan.files[&step.path].contents)?
            }
            (Action::Delete, Owner::Generator) => remove_file(&path)?,
            (Action::AppendModules(lines), Owner::User) if step.path == HANDLER_MODULES => {
                append_lines(&path, lines)?
            }
            _ => {}
        }
    }
    if plan.previous.as_ref() != Some(&plan.manifest) {
        write_atomically(&out.join(MANIFEST_PATH), &plan.manifest.to_json()?)?;
    }
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    Ok(())
}

/// The complete new `api/` in the staging folder: what stays is linked, what is new or
/// updated is written, what is deleted is left out.
fn stage_tree(out: &Path, staging: &Path, plan: &Plan) -> anyhow::Result<()> {
    let root = out.join(GENERATED_ROOT);
    let replaced: Vec<&str> = plan
        .steps
        .iter()
        .filter(|step| {
            matches!(
                step.action,
                Action::Create | Action::Update | Action::Delete
            )
        })
        .map(|step| step.path.as_str())
        .collect();
    for existing in files_under(&root)? {
        let relative = existing
            .strip_prefix(out)
            .context("a file outside the output folder")?;
        let relative_text = relative.to_string_lossy().replace('\\', "/");
        if replaced.contains(&relative_text.as_str()) {
            continue;
        }
        let target = staging.join(relative);
        create_parent(&target)?;
        if fs::hard_link(&existing, &target).is_err() {
            copy_keeping_mtime(&existing, &target)?;
        }
    }
    for step in &plan.steps {
        if step.path.starts_with("api/") && matches!(step.action, Action::Create | Action::Update) {
            let target = staging.join(&step.path);
            create_parent(&target)?;
            fs::write(&target, &plan.files[&step.path].contents)
                .with_context(|| format!("cannot stage {}", step.path))?;
        }
    }
    Ok(())
}

fn swap_tree(out: &Path, staging: &Path) -> anyhow::Result<()> {
    let root = out.join(GENERATED_ROOT);
    let previous = out.join(PREVIOUS);
    let had_tree = root.exists();
    if had_tree {
        fs::rename(&root, &previous).context("cannot move the previous api/ aside")?;
    }
    let staged = staging.join(GENERATED_ROOT);
    if let Err(error) = fs::rename(&staged, &root) {
        if had_tree {
            let _ = fs::rename(&previous, &root);
        }
        return Err(error).context("cannot move the new api/ into place");
    }
    if had_tree {
        fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove {}", previous.display()))?;
    }
    Ok(())
}

fn files_under(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(folder) = pending.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(error).with_context(|| format!("cannot list {}", folder.display()));
            }
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", folder.display()))?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    Ok(files)
}

fn copy_keeping_mtime(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::copy(from, to).with_context(|| format!("cannot copy {}", from.display()))?;
    let modified = fs::metadata(from)?.modified()?;
    fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(modified)?;
    Ok(())
}

fn create_parent(path: &Path) -> anyhow::Result<()> {
    let parent = path.parent().context("a file has no folder")?;
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))
}

fn remove_file(path: &Path) -> anyhow::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

fn append_lines(path: &Path, lines: &[String]) -> anyhow::Result<()> {
    let mut text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    write_atomically(path, &text)
}

/// Writes a file through a temporary sibling and a rename, so it is never half-written.
fn write_atomically(path: &Path, contents: &str) -> anyhow::Result<()> {
    create_parent(path)?;
    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("file");
    let temporary = path.with_file_name(format!(".{file_name}.specforge-tmp"));
    fs::write(&temporary, contents)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path)
        .with_context(|| format!("cannot move {} into place", path.display()))
}
