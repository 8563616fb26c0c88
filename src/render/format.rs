//! Formatting the rendered Rust with `rustfmt`, so that generated code passes
//! `cargo fmt --check`. Formatting is most of a large spec's generation time, and much of
//! that is starting `rustfmt` (it loads the compiler's libraries), so files are formatted
//! in batches: one `rustfmt` a core, each given many files at once, in a scratch folder.
//! A large file is cut into pieces between its top-level items, formatted apart and joined
//! again: `rustfmt` formats each top-level item on its own, so the pieces come out as the
//! whole would, and the cores share a file of half a million lines. Items whose layout
//! is certain skip `rustfmt` altogether ([`layout`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use anyhow::Context;

use super::layout;
use crate::workspace::{File, Files, FormattedBefore, content_hash};

const MISSING_RUSTFMT: &str = "cannot run rustfmt; install it with `rustup component add rustfmt`";

/// Pieces are cut once they pass this size: small enough for the cores to share the work
/// evenly, large enough that writing them to the scratch folder costs little.
const PIECE_BYTES: usize = 512 * 1024;

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
    let formatted = format_files(&pending, workers)?;
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

/// Each file formatted, cut in pieces and joined again; `None` for a file with a piece
/// `rustfmt` refused. The items [`layout`] lays out need no `rustfmt`.
fn format_files(
    files: &[(&String, &mut File)],
    workers: usize,
) -> anyhow::Result<Vec<Option<String>>> {
    let mut pieces = Vec::new();
    let mut layouts = Vec::new();
    for (_, file) in files {
        if module_files(&file.contents).is_none() {
            pieces.push(Piece {
                text: &file.contents,
                alone: true,
            });
            layouts.push(vec![Part::Piece(pieces.len() - 1)]);
        } else {
            layouts.push(split(&file.contents, &mut pieces));
        }
    }
    let mut formatted: Vec<Option<String>> = format_pieces(&pieces, workers)?;
    Ok(layouts
        .into_iter()
        .map(|parts| {
            let texts: Option<Vec<String>> = parts
                .into_iter()
                .map(|part| match part {
                    Part::Laid(text) => Some(text),
                    Part::Piece(index) => formatted[index].take(),
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

/// `source` cut between its top-level items: each item [`layout`] lays out is a part of
/// its own, and the items between are gathered into pieces of about [`PIECE_BYTES`] for
/// `rustfmt`.
fn split<'a>(source: &'a str, pieces: &mut Vec<Piece<'a>>) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    let mut start = 0;
    let mut flush = |pending: &mut Option<(usize, usize)>, parts: &mut Vec<Part>| {
        if let Some((start, end)) = pending.take() {
            pieces.push(Piece {
                text: &source[start..end],
                alone: false,
            });
            parts.push(Part::Piece(pieces.len() - 1));
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

/// Part of a file to format: the whole file, or some of its top-level items.
struct Piece<'a> {
    text: &'a str,
    /// Formatted through `rustfmt`'s input, alone: the file declares a module in another
    /// file inside an inline module, which `rustfmt` given its path would look for in a
    /// folder of its own.
    alone: bool,
}

/// Formats the pieces, as many batches at once as there are `workers`: each piece
/// formatted, or `None` where its batch was refused.
fn format_pieces(pieces: &[Piece<'_>], workers: usize) -> anyhow::Result<Vec<Option<String>>> {
    let queue = Mutex::new(batches(pieces, workers).into_iter());
    let results = Mutex::new(vec![None; pieces.len()]);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let next = queue
                            .lock()
                            .map_err(|_| anyhow::anyhow!("a formatter failed"))?
                            .next();
                        let Some(batch) = next else {
                            return Ok(());
                        };
                        let texts: Vec<&str> =
                            batch.iter().map(|&index| pieces[index].text).collect();
                        // A refused batch leaves its pieces unformatted: their files
                        // are formatted again whole.
                        let Ok(formatted) = format_batch(&texts) else {
                            continue;
                        };
                        let mut results = results
                            .lock()
                            .map_err(|_| anyhow::anyhow!("a formatter failed"))?;
                        for (index, text) in batch.into_iter().zip(formatted) {
                            results[index] = Some(text);
                        }
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("a formatter thread panicked"))?
        })
    })?;
    results
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a formatter failed"))
}

/// The pieces' indices in `workers` batches of about equal size, after a batch of its own
/// for each piece to be formatted alone: those are small, and taken first they leave the
/// large batches to end together.
fn batches(pieces: &[Piece<'_>], workers: usize) -> Vec<Vec<usize>> {
    let mut shared: Vec<usize> = (0..pieces.len())
        .filter(|&index| !pieces[index].alone)
        .collect();
    // Largest first, each to the lightest batch, so that no core is left with the end.
    shared.sort_by_key(|&index| std::cmp::Reverse(pieces[index].text.len()));
    let mut batches: Vec<(usize, Vec<usize>)> = (0..workers).map(|_| (0, Vec::new())).collect();
    for index in shared {
        if let Some((size, batch)) = batches.iter_mut().min_by_key(|(size, _)| *size) {
            *size += pieces[index].text.len();
            batch.push(index);
        }
    }
    (0..pieces.len())
        .filter(|&index| pieces[index].alone)
        .map(|index| vec![index])
        .chain(
            batches
                .into_iter()
                .map(|(_, batch)| batch)
                .filter(|batch| !batch.is_empty()),
        )
        .collect()
}

/// `source` cut at blank lines between top-level items once a piece holds `size` bytes;
/// the pieces are joined again with one blank line, which is what `rustfmt` leaves
/// between items. A blank line is between items when it is outside every bracket, string
/// and comment, and neither an attribute nor a doc comment comes before it.
fn cut(source: &str, size: usize) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut depth = 0_usize;
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        at = match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => line_end(source, at),
            b'/' if bytes.get(at + 1) == Some(&b'*') => source[at + 2..]
                .find("*/")
                .map_or(bytes.len(), |end| at + 2 + end + 2),
            b'"' => string_end(bytes, at + 1),
            b'r' if raw_string_opens(bytes, at) => raw_string_end(source, at),
            b'\'' => char_end(source, at),
            b'{' | b'(' | b'[' => {
                depth += 1;
                at + 1
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                at + 1
            }
            b'\n' if depth == 0 && bytes.get(at + 1) == Some(&b'\n') => {
                let next = at + 2;
                let rest = &source[next..];
                if next - start > size
                    && ends_an_item(&source[start..at])
                    && !rest.starts_with("use ")
                    && !rest.trim().is_empty()
                {
                    pieces.push(&source[start..next]);
                    start = next;
                }
                next
            }
            _ => at + 1,
        };
    }
    pieces.push(&source[start..]);
    pieces
}

/// Whether the text before a blank line ends an item rather than leading into one.
fn ends_an_item(before: &str) -> bool {
    let last_line = before.rsplit('\n').next().unwrap_or("").trim_start();
    !last_line.starts_with("///") && !last_line.starts_with("#[")
}

/// Where the line holding `at` ends (its newline, or the end).
fn line_end(source: &str, at: usize) -> usize {
    source[at..].find('\n').map_or(source.len(), |end| at + end)
}

/// Past the closing quote of a string whose text starts at `at`.
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Whether `r` at `at` opens a raw string (`r"`, `r#"`), not ends a name.
fn raw_string_opens(bytes: &[u8], at: usize) -> bool {
    let after_name = at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
    let quote = bytes[at + 1..].iter().position(|&byte| byte != b'#');
    !after_name && quote.is_some_and(|quote| bytes[at + 1 + quote] == b'"')
}

/// Past the end of the raw string opening at `at`.
fn raw_string_end(source: &str, at: usize) -> usize {
    let hashes = source[at + 1..]
        .bytes()
        .take_while(|&byte| byte == b'#')
        .count();
    let text = at + 1 + hashes + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    source[text..]
        .find(&closing)
        .map_or(source.len(), |end| text + end + closing.len())
}

/// Past a character literal at `at`, or past the quote of a lifetime.
fn char_end(source: &str, at: usize) -> usize {
    let rest = &source[at + 1..];
    if rest.starts_with('\\') {
        // The escaped character may itself be a quote: `'\''`.
        return rest
            .get(2..)
            .and_then(|after| after.find('\''))
            .map_or(source.len(), |end| at + 3 + end + 1);
    }
    match rest.chars().next() {
        Some(c) if rest[c.len_utf8()..].starts_with('\'') => at + 1 + c.len_utf8() + 1,
        _ => at + 1,
    }
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

    #[test]
    fn files_are_cut_only_between_top_level_items() {
        let source = "use a::b;\n\nfn one() {\n    let x = 1;\n\n    let y = '{';\n}\n\n/// Two.\n\nfn two() {}\n\nconst T: &str = r#\"{\n\nfn no() {}\"#;\n\n#[test]\n\nfn three() {}\n\nfn four<'a>(x: &'a str) -> char {\n    '\\''\n}\n";
        let pieces = cut(source, 0);
        assert_eq!(pieces.concat(), source);
        assert_eq!(
            pieces,
            [
                "use a::b;\n\n",
                "fn one() {\n    let x = 1;\n\n    let y = '{';\n}\n\n",
                "/// Two.\n\nfn two() {}\n\n",
                "const T: &str = r#\"{\n\nfn no() {}\"#;\n\n",
                "#[test]\n\nfn three() {}\n\n",
                "fn four<'a>(x: &'a str) -> char {\n    '\\''\n}\n",
            ]
        );
        assert_eq!(cut(source, source.len()), [source]);
        assert_eq!(
            cut("fn a() {}\n\n\n", 0),
            ["fn a() {}\n\n\n"],
            "no empty last piece"
        );
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
