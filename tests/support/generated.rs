//! Generating the example specs into workspaces of their own and holding them to a user's
//! CI (`cargo fmt`, clippy with warnings denied, `cargo test`, a build).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::workspace::cargo;

/// Generates `specs/<spec>` into a fresh folder, with crate names of its own.
pub fn generate(spec: &str, name: &str) -> PathBuf {
    generate_with(spec, name, &[])
}

/// [`generate`] with more options of `specforge generate`.
pub fn generate_with(spec: &str, name: &str, options: &[&str]) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-{name}"));
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("the old workspace can be removed");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", &format!("specs/{spec}"), "--out"])
        .arg(&out)
        .args(["--name", name])
        .args(options)
        .output()
        .expect("specforge runs");
    assert!(
        output.status.success(),
        "specforge generate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The checks every generated workspace must pass with no edits, with the api crate's
/// `http-client` feature off (as generated) and on.
pub fn check_workspace(spec: &str, name: &str) -> std::path::PathBuf {
    let workspace = generate(spec, name);
    cargo(&workspace, &["fmt", "--check"]);
    lint_test_build(&workspace);
    let feature = format!("{name}-api/http-client");
    cargo(
        &workspace,
        &[
            "clippy",
            "--all-targets",
            "--features",
            &feature,
            "--",
            "-D",
            "warnings",
        ],
    );
    workspace
}

/// The checks of a workspace whose user files a test has written: formatted as a user's
/// editor would, then held to the same lints and tests.
pub fn check_edited_workspace(workspace: &Path) {
    cargo(workspace, &["fmt"]);
    lint_test_build(workspace);
}

pub fn lint_test_build(workspace: &Path) {
    cargo(
        workspace,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(workspace, &["test"]);
    cargo(workspace, &["build"]);
}

/// Replaces a user file of a generated workspace, as a user writing their service would.
pub fn write_user_file(workspace: &Path, path: &str, contents: &str) {
    std::fs::write(workspace.join(path), contents).expect("the user's file can be written");
}
