//! Formatting the rendered Rust with `rustfmt`, so that generated code passes
//! `cargo fmt --check`. Formatting was most of a large spec's generation time, so:
//! - items whose layout is certain skip `rustfmt` altogether ([`layout`]), and the
//!   runtime's files are kept formatted in the repository;
//! - a file is cut into pieces between its top-level items, which `rustfmt` formats each
//!   on its own, so the pieces come out as the whole would and the cores share a file of
//!   half a million lines;
//! - the files are laid out on every core while the pieces left go, in batches of many,
//!   to one `rustfmt` a core (starting `rustfmt` loads the compiler's libraries), in a
//!   scratch folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard, OnceLock, mpsc};

use anyhow::Context;

use super::api_crate::is_static_file;
use super::layout;
use crate::workspace::{File, Files, FormattedBefore, content_hash};
use cut::cut;

const MISSING_RUSTFMT: &str = "cannot run rustfmt; install it with `rustup component add rustfmt`";

mod cut;

/// Pieces are cut once they pass this size, and a formatter takes pieces until its batch
/// passes [`BATCH_BYTES`]: batches small enough that `rustfmt` starts while the rest is
/// still laid out and the cores end together, large enough that starting `rustfmt` (about
/// 10 ms) costs little.
const PIECE_BYTES: usize = 32 * 1024;
const BATCH_BYTES: usize = 128 * 1024;

/// The `rustfmt` to run: the first on `PATH`, except that rustup's proxy, which costs a
/// second process start on each run, is asked once for the toolchain's own binary.
fn rustfmt_program() -> &'static Path {
    static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let on_path = std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path).find(|folder| folder.join("rustfmt").is_file())
        });
        let proxied = on_path.is_some_and(|folder| folder.join("rustup").is_file());
        proxied
            .then(toolchain_rustfmt)
            .flatten()
            .unwrap_or_else(|| PathBuf::from("rustfmt"))
    })
}

/// The `rustfmt` of the toolchain rustup picks here, as `rustup which` names it.
fn toolchain_rustfmt() -> Option<PathBuf> {
    let output = Command::new("rustup")
        .args(["which", "rustfmt"])
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let path = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
    path.is_file().then_some(path)
}

/// The `rustfmt` that formats the generated code, as its `--version` names it.
pub fn formatter_version() -> anyhow::Result<String> {
    let output = Command::new(rustfmt_program())
        .arg("--version")
        .output()
        .context(MISSING_RUSTFMT)?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Formats every Rust file, as many batches at once as the machine has cores. A file whose
/// rendered text was formatted `before` is not formatted again, nor a user file that is
/// kept, nor a file of the runtime, which is kept formatted.
pub fn format_rust(files: &mut Files, before: &FormattedBefore) -> anyhow::Result<()> {
    let mut pending: Vec<(&String, &mut File)> = Vec::new();
    for (path, file) in files.iter_mut().filter(|(path, _)| path.ends_with(".rs")) {
        if before.kept.contains(path) || is_static_file(path) {
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
    let sources: Vec<&str> = pending
        .iter()
        .map(|(_, file)| file.contents.as_str())
        .collect();
    let formatted = format_files(&sources, workers)?;
    for ((path, file), formatted) in pending.into_iter().zip(formatted) {
        // A file with a piece `rustfmt` refused is formatted again whole, and the error
        // names the file.
        file.contents = match formatted {
            Some(formatted) => formatted,
            None => rustfmt(&file.contents).with_context(|| format!("formatting {path}"))?,
        };
    }
    Ok(())
}

/// Each source formatted; `None` for one with a piece `rustfmt` refused. The sources are
/// laid out and cut on `workers` threads, and the pieces left to `rustfmt` go in batches to
/// `workers` formatters as they come, so that `rustfmt` runs while the rest is laid out.
fn format_files(sources: &[&str], workers: usize) -> anyhow::Result<Vec<Option<String>>> {
    let next_source = AtomicUsize::new(0);
    let pieces = Pieces::default();
    let layouts: Mutex<Vec<Vec<Part>>> = Mutex::new(sources.iter().map(|_| Vec::new()).collect());
    let (sender, receiver) = mpsc::channel::<(usize, &str)>();
    let receiver = Mutex::new(receiver);
    std::thread::scope(|scope| {
        let layouters: Vec<_> = (0..workers)
            .map(|_| {
                let sender = sender.clone();
                let (next_source, pieces, layouts) = (&next_source, &pieces, &layouts);
                scope.spawn(move || -> anyhow::Result<()> {
                    loop {
                        let index = next_source.fetch_add(1, Relaxed);
                        let Some(source) = sources.get(index) else {
                            return Ok(());
                        };
                        let parts = lay_out(source, pieces, &sender);
                        lock(layouts)?[index] = parts;
                    }
                })
            })
            .collect();
        drop(sender);
        let formatters: Vec<_> = (0..workers)
            .map(|_| scope.spawn(|| format_batches(&receiver, &pieces)))
            .collect();
        layouters
            .into_iter()
            .chain(formatters)
            .try_for_each(|handle| {
                handle
                    .join()
                    .map_err(|_| anyhow::anyhow!("a formatter thread panicked"))?
            })
    })?;
    let mut formatted = into_inner(pieces.formatted)?;
    let layouts = into_inner(layouts)?;
    Ok(layouts
        .into_iter()
        .map(|parts| {
            let texts: Option<Vec<String>> = parts
                .into_iter()
                .map(|part| match part {
                    Part::Laid(text) => Some(text),
                    Part::Piece(index) => formatted.get_mut(index)?.take(),
                })
                .collect();
            texts.map(|texts| texts.join("\n"))
        })
        .collect())
}

/// Where a part of a file comes from: laid out here, or a piece for `rustfmt`.
enum Part {
    Laid(String),
    Piece(usize),
}

/// The pieces handed to `rustfmt`, numbered as they are cut, and what it made of them.
#[derive(Default)]
struct Pieces {
    count: AtomicUsize,
    formatted: Mutex<Vec<Option<String>>>,
}

impl Pieces {
    fn next_number(&self) -> usize {
        self.count.fetch_add(1, Relaxed)
    }

    fn store(&self, number: usize, text: String) -> anyhow::Result<()> {
        let mut formatted = lock(&self.formatted)?;
        if formatted.len() <= number {
            formatted.resize(number + 1, None);
        }
        formatted[number] = Some(text);
        Ok(())
    }
}

/// `source`'s parts: its items laid out here, and pieces sent to the formatters. A file
/// that declares a module in another file inside an inline module is formatted whole,
/// here, through `rustfmt`'s input: given its path, `rustfmt` would look for that module
/// in a folder of its own.
fn lay_out<'a>(
    source: &'a str,
    pieces: &Pieces,
    sender: &mpsc::Sender<(usize, &'a str)>,
) -> Vec<Part> {
    if module_files(source).is_none() {
        let number = pieces.next_number();
        // A file `rustfmt` refuses is formatted again whole, where the error names it.
        if let Ok(formatted) = rustfmt(source) {
            pieces.store(number, formatted).ok();
        }
        return vec![Part::Piece(number)];
    }
    split(source, &mut |text| {
        let number = pieces.next_number();
        // With the formatters gone, the piece stays unformatted, and so its file is
        // formatted again whole.
        sender.send((number, text)).ok();
        number
    })
}

/// `source` cut between its top-level items: each item [`layout`] lays out is a part of
/// its own, and the items between are gathered into pieces of about [`PIECE_BYTES`],
/// each handed to `send`, which numbers it.
fn split<'a>(source: &'a str, send: &mut dyn FnMut(&'a str) -> usize) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    let mut start = 0;
    let mut flush = |pending: &mut Option<(usize, usize)>, parts: &mut Vec<Part>| {
        if let Some((start, end)) = pending.take() {
            parts.push(Part::Piece(send(&source[start..end])));
        }
    };
    for item in cut(source, 0) {
        let end = start + item.len();
        if item.trim().is_empty() {
            // Blank lines between items: the joins put back the one `rustfmt` keeps.
            start = end;
            continue;
        }
        if let Some(text) = layout::item(item.trim_start_matches('\n')) {
            flush(&mut pending, &mut parts);
            parts.push(Part::Laid(text));
            start = end;
            continue;
        }
        pending = match pending {
            Some((first, _)) if start - first <= PIECE_BYTES => Some((first, end)),
            Some(_) => {
                flush(&mut pending, &mut parts);
                Some((start, end))
            }
            None => Some((start, end)),
        };
        start = end;
    }
    flush(&mut pending, &mut parts);
    parts
}

/// A formatter: takes batches of pieces as they are cut and formats each in one `rustfmt`,
/// until the pieces run out. A refused batch leaves its pieces unformatted: their files
/// are formatted again whole.
fn format_batches(
    receiver: &Mutex<mpsc::Receiver<(usize, &str)>>,
    pieces: &Pieces,
) -> anyhow::Result<()> {
    loop {
        let batch = next_batch(receiver)?;
        if batch.is_empty() {
            return Ok(());
        }
        let texts: Vec<&str> = batch.iter().map(|(_, text)| *text).collect();
        if let Ok(formatted) = format_batch(&texts) {
            for ((number, _), text) in batch.into_iter().zip(formatted) {
                pieces.store(number, text)?;
            }
        }
    }
}

/// The next pieces, up to [`BATCH_BYTES`], waiting for them while they are cut; empty when
/// every piece is taken. One formatter gathers at a time, so batches fill in turn.
fn next_batch<'a>(
    receiver: &Mutex<mpsc::Receiver<(usize, &'a str)>>,
) -> anyhow::Result<Vec<(usize, &'a str)>> {
    let receiver = lock(receiver)?;
    let mut batch = Vec::new();
    let mut bytes = 0;
    while bytes < BATCH_BYTES {
        let Ok((number, text)) = receiver.recv() else {
            break;
        };
        bytes += text.len();
        batch.push((number, text));
    }
    Ok(batch)
}

fn lock<T>(mutex: &Mutex<T>) -> anyhow::Result<MutexGuard<'_, T>> {
    mutex
        .lock()
        .map_err(|_| anyhow::anyhow!("a formatter thread failed"))
}

fn into_inner<T>(mutex: Mutex<T>) -> anyhow::Result<T> {
    mutex
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a formatter thread failed"))
}

/// The modules `source` declares in files of their own (`mod name;` lines), for which
/// empty stand-ins go in the scratch folder; `None` when one is declared inside an inline
/// module, whose file `rustfmt` would look for in a folder of its own.
fn module_files(source: &str) -> Option<Vec<&str>> {
    let mut names = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        let code = code.strip_prefix("pub ").unwrap_or(code);
        let Some(name) = code
            .strip_prefix("mod ")
            .and_then(|rest| rest.trim_end().strip_suffix(';'))
            .filter(|name| name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        else {
            continue;
        };
        if line.starts_with(char::is_whitespace) {
            return None;
        }
        names.push(name);
    }
    Some(names)
}

/// Formats texts: one alone through `rustfmt`'s input, several as files of a scratch
/// folder in one `rustfmt`.
fn format_batch(texts: &[&str]) -> anyhow::Result<Vec<String>> {
    if let [text] = texts {
        return Ok(vec![rustfmt(text)?]);
    }
    let scratch = tempfile::tempdir().context("cannot make a scratch folder for rustfmt")?;
    format_in_scratch(texts, scratch.path())
}

/// Writes the texts to `scratch`, formats them there in one `rustfmt`, and reads them back.
fn format_in_scratch(texts: &[&str], scratch: &Path) -> anyhow::Result<Vec<String>> {
    let paths: Vec<_> = (0..texts.len())
        .map(|index| scratch.join(format!("{index}.rs")))
        .collect();
    for (text, path) in texts.iter().zip(&paths) {
        std::fs::write(path, text)?;
        // `rustfmt` follows a `mod name;` to its file: an empty one stands in.
        for name in module_files(text).unwrap_or_default() {
            let module = scratch.join(format!("{name}.rs"));
            if !module.exists() {
                std::fs::write(module, "")?;
            }
        }
    }
    let output = Command::new(rustfmt_program())
        .args(["--edition", "2024", "--quiet"])
        .args(&paths)
        .output()
        .context(MISSING_RUSTFMT)?;
    anyhow::ensure!(output.status.success(), "rustfmt refused the batch");
    paths
        .iter()
        .map(|path| Ok(std::fs::read_to_string(path)?))
        .collect()
}

/// Formats one file's source through `rustfmt`'s input.
fn rustfmt(source: &str) -> anyhow::Result<String> {
    let mut child = Command::new(rustfmt_program())
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
    use crate::render::api_crate::STATIC_FILES;

    #[test]
    fn the_runtime_files_are_kept_as_rustfmt_formats_them() {
        for (path, contents) in STATIC_FILES {
            let formatted = rustfmt(contents).expect("rustfmt formats the runtime");
            assert!(
                formatted == contents,
                "{path} is not as rustfmt formats it: run `rustfmt --edition 2024` on its template"
            );
        }
    }

    #[test]
    fn module_files_are_told_from_inline_modules_and_text() {
        assert_eq!(
            module_files("//! doc\n\nmod handlers;\npub mod models;\n"),
            Some(vec!["handlers", "models"])
        );
        assert_eq!(
            module_files("pub mod op {\n    use super::*;\n}\n"),
            Some(vec![])
        );
        assert_eq!(module_files("/// mod handlers;\nfn f() {}\n"), Some(vec![]));
        assert_eq!(module_files("mod outer {\n    mod inner;\n}\n"), None);
    }
}
