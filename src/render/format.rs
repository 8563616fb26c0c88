//! Formatting the rendered Rust with `rustfmt`, so that generated code passes
//! `cargo fmt --check`. Formatting is most of a large spec's generation time, and most of
//! that is starting `rustfmt` (it loads the compiler's libraries), so files are formatted
//! in batches: one `rustfmt` a core, each given many files at once, in a scratch folder.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use anyhow::Context;

use crate::workspace::{File, Files, FormattedBefore, content_hash};

const MISSING_RUSTFMT: &str = "cannot run rustfmt; install it with `rustup component add rustfmt`";

/// The `rustfmt` that formats the generated code, as its `--version` names it.
pub fn formatter_version() -> anyhow::Result<String> {
    let output = Command::new("rustfmt")
        .arg("--version")
        .output()
        .context(MISSING_RUSTFMT)?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Formats every Rust file, as many batches at once as the machine has cores. A file whose
/// rendered text was formatted `before` is not formatted again, nor a user file that is
/// kept.
pub fn format_rust(files: &mut Files, before: &FormattedBefore) -> anyhow::Result<()> {
    let mut pending: Vec<(&String, &mut File)> = Vec::new();
    for (path, file) in files.iter_mut().filter(|(path, _)| path.ends_with(".rs")) {
        if before.kept.contains(path) {
            continue;
        }
        let rendered_hash = content_hash(file.contents.as_bytes());
        let formatted = before.texts.get(&rendered_hash);
        file.rendered_hash = Some(rendered_hash);
        match formatted {
            Some(formatted) => file.contents.clone_from(formatted),
            None => pending.push((path, file)),
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let queue = Mutex::new(batches(pending, workers).into_iter());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let next = queue
                            .lock()
                            .map_err(|_| anyhow::anyhow!("a formatter failed"))?
                            .next();
                        let Some(mut batch) = next else {
                            return Ok(());
                        };
                        format_batch(&mut batch)?;
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("a formatter thread panicked"))?
        })
    })
}

type Batch<'a> = Vec<(&'a String, &'a mut File)>;

/// `pending` in `workers` batches of about equal size, plus a batch of its own for each file
/// that declares a module in another file: `rustfmt` given a file's path formats the
/// modules it declares too, which are not in the scratch folder.
fn batches(pending: Batch<'_>, workers: usize) -> Vec<Batch<'_>> {
    let (mut leaves, declaring): (Batch<'_>, Batch<'_>) = pending
        .into_iter()
        .partition(|(_, file)| !declares_module_file(&file.contents));
    // Largest first, each to the lightest batch, so that no core is left with the end.
    leaves.sort_by_key(|(_, file)| std::cmp::Reverse(file.contents.len()));
    let mut batches: Vec<(usize, Batch<'_>)> = (0..workers).map(|_| (0, Vec::new())).collect();
    for leaf in leaves {
        if let Some((size, batch)) = batches.iter_mut().min_by_key(|(size, _)| *size) {
            *size += leaf.1.contents.len();
            batch.push(leaf);
        }
    }
    batches
        .into_iter()
        .map(|(_, batch)| batch)
        .filter(|batch| !batch.is_empty())
        .chain(declaring.into_iter().map(|file| vec![file]))
        .collect()
}

/// Whether `source` has a `mod name;` line, whose module lives in a file of its own.
fn declares_module_file(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("mod ").is_some_and(|rest| {
            rest.trim_end()
                .strip_suffix(';')
                .is_some_and(|name| name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        })
    })
}

/// Formats a batch in one `rustfmt`, or a file alone through its input. A batch that
/// `rustfmt` refuses is formatted file by file, so the error names the file.
fn format_batch(batch: &mut Batch<'_>) -> anyhow::Result<()> {
    if let [(path, file)] = batch.as_mut_slice() {
        file.contents = rustfmt(&file.contents).with_context(|| format!("formatting {path}"))?;
        return Ok(());
    }
    let scratch = tempfile::tempdir().context("cannot make a scratch folder for rustfmt")?;
    if format_in_scratch(batch, scratch.path()).is_err() {
        for (path, file) in batch.iter_mut() {
            file.contents =
                rustfmt(&file.contents).with_context(|| format!("formatting {path}"))?;
        }
    }
    Ok(())
}

/// Writes the batch to `scratch`, formats it there in one `rustfmt`, and reads it back.
fn format_in_scratch(batch: &mut Batch<'_>, scratch: &Path) -> anyhow::Result<()> {
    let paths: Vec<_> = (0..batch.len())
        .map(|index| scratch.join(format!("{index}.rs")))
        .collect();
    for ((_, file), path) in batch.iter().zip(&paths) {
        std::fs::write(path, &file.contents)?;
    }
    let output = Command::new("rustfmt")
        .args(["--edition", "2024", "--quiet"])
        .args(&paths)
        .output()
        .context(MISSING_RUSTFMT)?;
    anyhow::ensure!(output.status.success(), "rustfmt refused the batch");
    for ((_, file), path) in batch.iter_mut().zip(&paths) {
        file.contents = std::fs::read_to_string(path)?;
    }
    Ok(())
}

/// Formats one file's source through `rustfmt`'s input.
fn rustfmt(source: &str) -> anyhow::Result<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context(MISSING_RUSTFMT)?;
    let mut stdin = child
        .stdin
        .take()
        .context("rustfmt's input is not available")?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().context("rustfmt did not finish")?;
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("writing to rustfmt failed"))?;
    // A rustfmt that stops early closes its input: its own message says why.
    if !output.status.success() {
        anyhow::bail!(
            "rustfmt rejected the generated code (a bug in specforge): {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    written.context("writing to rustfmt failed")?;
    String::from_utf8(output.stdout).context("rustfmt wrote something that is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_files_are_told_from_inline_modules_and_text() {
        assert!(declares_module_file("//! doc\n\nmod handlers;\n"));
        assert!(declares_module_file("pub mod models;\n"));
        assert!(!declares_module_file(
            "pub mod op {\n    use super::*;\n}\n"
        ));
        assert!(!declares_module_file("/// mod handlers;\nfn f() {}\n"));
    }
}
