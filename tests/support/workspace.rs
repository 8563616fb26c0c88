//! Running cargo in generated workspaces: one shared target folder, so dependencies
//! compile once, and one heavy build at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

/// One heavy cargo build at a time: the machine is small and the target folder shared.
pub static BUILDS: Mutex<()> = Mutex::new(());

/// The folder every generated workspace builds into, so dependencies compile once.
pub fn shared_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-target")
}

/// Runs cargo in `workspace` and fails the test with cargo's output if it fails.
pub fn cargo(workspace: &Path, args: &[&str]) {
    let output = cargo_output(workspace, args, &[]);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        workspace.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs cargo in `workspace` with extra environment variables, and answers what it did.
pub fn cargo_output(workspace: &Path, args: &[&str], environment: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", shared_target())
        // As scripts/generated-build-env.sh: the same settings keep the compiled
        // dependencies shared with the scripts, and the disk small.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env_remove("RUSTFLAGS")
        .envs(environment.iter().copied())
        .output()
        .expect("cargo runs")
}
