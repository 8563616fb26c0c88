//! Regenerating after the spec changes: user code survives byte for byte, generated
//! files follow the spec, untouched files keep their modification time, hand-edited
//! generated files are refused, and a failed or interrupted write leaves the old tree.

mod support {
    pub mod workspace;
}

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

use support::workspace::{BUILDS, cargo};

/// A fresh folder holding a copy of `specs/users.yaml`, and the project generated from it.
fn project(name: &str) -> (PathBuf, PathBuf) {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("regen-{name}"));
    if folder.exists() {
        std::fs::remove_dir_all(&folder).expect("the old folder can be removed");
    }
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    std::fs::copy("specs/users.yaml", folder.join("users.yaml")).expect("the spec is copied");
    let output = specforge(
        &folder,
        &[
            "generate",
            "users.yaml",
            "--out",
            "svc",
            "--name",
            &format!("regen-{name}"),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (folder.join("users.yaml"), folder.join("svc"))
}

fn specforge(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("specforge runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("a readable file");
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).expect("a writable file");
}

/// Every file under `folder` (but `target/`) with its contents and modification time.
fn snapshot(folder: &Path) -> Snapshot {
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let modified = std::fs::metadata(&path)
                    .and_then(|metadata| metadata.modified())
                    .expect("a modification time");
                files.insert(
                    path.strip_prefix(folder).expect("inside").to_owned(),
                    (std::fs::read(&path).expect("readable"), modified),
                );
            }
        }
    }
    files
}

type Snapshot = BTreeMap<PathBuf, (Vec<u8>, SystemTime)>;

/// Fails, naming the files that differ, unless two snapshots are the same.
fn assert_same(before: &Snapshot, after: &Snapshot, why: &str) {
    let differing: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert!(differing.is_empty(), "{why}; these differ: {differing:?}");
}

const DELETE_USER: &str = "    delete:\n      tags: [users]\n      operationId: delete_user\n      parameters:\n        - {name: user_id, in: path, required: true, schema: {type: integer}}\n      responses:\n        '204': {description: Deleted.}\n  /profile:";

#[test]
fn regenerating_an_unchanged_spec_touches_no_file() {
    let (_, svc) = project("unchanged");
    let before = snapshot(&svc);
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("no operation changed"),
        "{}",
        text(&output)
    );
    assert_same(&before, &snapshot(&svc), "no file was written or touched");
    let check = specforge(&svc, &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}

/// A `rustfmt` that answers `--version` with `version` and fails on anything else: a
/// run that formats any file with it fails.
fn failing_rustfmt(folder: &Path, version: &str) -> String {
    let bin = folder.join("fake-bin");
    std::fs::create_dir_all(&bin).expect("a folder for the fake rustfmt");
    let script = bin.join("rustfmt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{version}'; exit 0; fi\necho 'formatted again' >&2\nexit 1\n"),
    )
    .expect("the fake rustfmt is written");
    let mut permissions = std::fs::metadata(&script)
        .expect("the script")
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&script, permissions).expect("the script is executable");
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn regenerating_formats_only_what_changed_with_the_same_rustfmt() {
    let (spec, svc) = project("formatting");
    let real = Command::new("rustfmt")
        .arg("--version")
        .output()
        .expect("rustfmt runs");
    let version = String::from_utf8_lossy(&real.stdout).trim().to_owned();
    let regenerate = |path: &str| {
        Command::new(env!("CARGO_BIN_EXE_specforge"))
            .arg("generate")
            .current_dir(&svc)
            .env("PATH", path)
            .output()
            .expect("specforge runs")
    };
    let folder = spec.parent().expect("the project's folder");
    let same = failing_rustfmt(&folder.join("same"), &version);
    let unchanged = regenerate(&same);
    assert!(
        unchanged.status.success(),
        "nothing to format: {}",
        text(&unchanged)
    );
    let other = failing_rustfmt(&folder.join("other"), "rustfmt 0.0.0-other");
    let reformatted = regenerate(&other);
    assert!(
        !reformatted.status.success(),
        "another rustfmt formats everything again"
    );
    edit(&spec, "summary: List users", "summary: List the users");
    let changed = regenerate(&same);
    assert!(
        text(&changed).contains("formatted again"),
        "a changed file is formatted: {}",
        text(&changed)
    );
}

#[test]
fn spec_changes_update_the_api_crate_and_never_the_users_code() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (spec, svc) = project("changes");
    let handlers = svc.join("service/src/handlers/users.rs");
    edit(
        &handlers,
        "Ok(GetUserResponse::Ok(",
        "// my own logic\n        Ok(GetUserResponse::Ok(",
    );
    let users_code = std::fs::read(&handlers).expect("readable");
    let before = snapshot(&svc);

    // Add an operation, a required field, rename a schema, remove an operation (and its tag).
    edit(&spec, "  /profile:", DELETE_USER);
    edit(
        &spec,
        "      required: [email, name, age]\n      properties:\n",
        "      required: [email, name, age, password]\n      properties:\n        password: {type: string, minLength: 8}\n",
    );
    edit(&spec, "HTTPError:", "Problem:");
    std::fs::write(
        &spec,
        std::fs::read_to_string(&spec)
            .expect("readable")
            .replace("schemas/HTTPError'", "schemas/Problem'"),
    )
    .expect("writable");
    let profile_start = std::fs::read_to_string(&spec).expect("readable");
    let (head, rest) = profile_start
        .split_once("  /profile:")
        .expect("the profile path");
    let (_, tail) = rest.split_once("components:").expect("components");
    std::fs::write(&spec, format!("{head}components:{tail}")).expect("writable");

    let check = specforge(&svc, &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("+    fn delete_user("),
        "{}",
        text(&check)
    );
    assert_same(&before, &snapshot(&svc), "--check writes nothing");
    let dry_run = specforge(&svc, &["generate", "--dry-run"]);
    assert!(
        text(&dry_run).contains("delete  api/src/handlers/profile.rs"),
        "{}",
        text(&dry_run)
    );
    assert_same(&before, &snapshot(&svc), "--dry-run writes nothing");

    let output = specforge(&svc, &["generate"]);
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("added   DELETE /users/{user_id}: write `UsersApi::delete_user` in service/src/handlers/users.rs"), "{report}");
    assert!(
        report.contains(
            "async fn delete_user(&self, user_id: i64) -> Result<DeleteUserResponse, ApiError>"
        ),
        "{report}"
    );
    assert!(report.contains("removed GET /profile: delete `ProfileApi::get_profile` from service/src/handlers/profile.rs"), "{report}");

    let after = snapshot(&svc);
    assert_eq!(
        std::fs::read(&handlers).expect("readable"),
        users_code,
        "the user's code survives byte for byte"
    );
    for (path, (contents, modified)) in &before {
        if path.starts_with("service") || path.ends_with("Cargo.toml") && !path.starts_with("api") {
            assert!(
                after.get(path) == Some(&(contents.clone(), *modified)),
                "{} is the user's and must be untouched",
                path.display()
            );
        }
    }
    assert!(
        after[Path::new("api/src/validation.rs")] == before[Path::new("api/src/validation.rs")],
        "an unchanged generated file keeps its mtime"
    );
    assert!(
        !after.contains_key(Path::new("api/src/handlers/profile.rs")),
        "a file no longer generated is removed"
    );
    let models = String::from_utf8_lossy(&after[Path::new("api/src/models.rs")].0).into_owned();
    assert!(
        models.contains("pub password: String")
            && models.contains("pub struct Problem")
            && !models.contains("HttpError"),
        "{models}"
    );

    // The user follows the summary: drops the removed tag, writes the new handler.
    std::fs::remove_file(svc.join("service/src/handlers/profile.rs")).expect("removable");
    edit(
        &svc.join("service/src/handlers/mod.rs"),
        "mod profile;\n",
        "",
    );
    edit(
        &handlers,
        "use regen_changes_api::{",
        "use regen_changes_api::{DeleteUserResponse, ",
    );
    edit(
        &handlers,
        "impl UsersApi for App {\n",
        "impl UsersApi for App {\n    async fn delete_user(&self, _user_id: i64) -> Result<DeleteUserResponse, ApiError> {\n        Ok(DeleteUserResponse::NoContent)\n    }\n\n",
    );
    cargo(&svc, &["build"]);
}

#[test]
fn a_new_tag_gets_its_handler_file_and_module_line_and_still_builds() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (spec, svc) = project("new-tag");
    let main_before = std::fs::read(svc.join("service/src/main.rs")).expect("readable");
    edit(
        &spec,
        "components:",
        "  /health:\n    get:\n      tags: [ops]\n      operationId: health\n      responses:\n        '204': {description: up}\ncomponents:",
    );
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("added `mod ops;` to service/src/handlers/mod.rs"),
        "{}",
        text(&output)
    );
    let modules =
        std::fs::read_to_string(svc.join("service/src/handlers/mod.rs")).expect("readable");
    assert!(
        modules.starts_with("//! One file per tag") && modules.ends_with("mod users;\nmod ops;\n"),
        "{modules}"
    );
    assert!(svc.join("service/src/handlers/ops.rs").exists());
    assert_eq!(
        std::fs::read(svc.join("service/src/main.rs")).expect("readable"),
        main_before
    );
    cargo(&svc, &["build"]);
}

#[test]
fn a_new_security_scheme_is_reported_and_the_service_still_builds() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (spec, svc) = project("new-scheme");
    let checks_before =
        std::fs::read(svc.join("service/src/handlers/security.rs")).expect("readable");
    edit(
        &spec,
        "      security:\n        - bearerAuth: []",
        "      security:\n        - bearerAuth: []\n        - apiKey: []",
    );
    edit(
        &spec,
        "  securitySchemes:\n",
        "  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-API-Key}\n",
    );
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains(
            "added   security scheme apiKey: write `Security::authenticate_api_key` in service/src/handlers/security.rs"
        ),
        "{}",
        text(&output)
    );
    assert_eq!(
        std::fs::read(svc.join("service/src/handlers/security.rs")).expect("readable"),
        checks_before,
        "the user's checks are not touched"
    );
    cargo(&svc, &["build"]);
}

#[test]
fn a_hand_edited_generated_file_stops_the_run_unless_forced() {
    let (spec, svc) = project("hand-edit");
    let router = svc.join("api/src/router.rs");
    edit(
        &router,
        "//! Routes every operation",
        "// my tweak\n//! Routes every operation",
    );
    edit(&spec, "  /profile:", DELETE_USER);
    let before = snapshot(&svc);
    let refused = specforge(&svc, &["generate"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused).contains("api/src/router.rs: edited by hand since it was generated"),
        "{}",
        text(&refused)
    );
    assert_same(
        &before,
        &snapshot(&svc),
        "nothing is written when a run is refused",
    );
    let forced = specforge(&svc, &["generate", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(
        !std::fs::read_to_string(&router)
            .expect("readable")
            .contains("my tweak")
    );
}

#[test]
fn a_failed_write_leaves_the_old_tree() {
    let (spec, svc) = project("failed-write");
    edit(&spec, "  /profile:", DELETE_USER);
    let before = snapshot(&svc);
    // A file where the staging folder goes makes the write step fail.
    std::fs::write(svc.join(".specforge/staging"), "in the way").expect("writable");
    let failed = specforge(&svc, &["generate"]);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed));
    std::fs::remove_file(svc.join(".specforge/staging")).expect("removable");
    assert_same(&before, &snapshot(&svc), "the old tree is intact");
}

#[test]
fn a_run_killed_between_the_two_renames_is_repaired_by_the_next() {
    let (_, svc) = project("killed");
    let before = snapshot(&svc);
    // What a kill after moving the old api/ aside, before moving the new one in, leaves.
    std::fs::rename(svc.join("api"), svc.join(".specforge/previous-api")).expect("renamable");
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert_same(
        &before,
        &snapshot(&svc),
        "the previous tree is restored, untouched",
    );
}

#[test]
fn regenerating_outside_a_project_needs_a_spec() {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regen-nowhere");
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let output = specforge(&folder, &["generate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("has no specforge.toml"),
        "{}",
        text(&output)
    );
}

/// A new project's first tests are the user's: kept as edited, and once deleted (or in a
/// project generated before they existed) not written again, as handler files would be.
#[test]
fn the_first_tests_are_written_once_and_never_again() {
    let (_, svc) = project("first-tests");
    let tests = svc.join("service/tests/api.rs");
    let handlers = svc.join("service/src/handlers/users.rs");
    edit(&tests, "#[tokio::test]", "// my own test\n#[tokio::test]");
    let edited = std::fs::read(&tests).expect("readable");
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(std::fs::read(&tests).expect("readable"), edited);

    std::fs::remove_file(&tests).expect("removable");
    std::fs::remove_file(&handlers).expect("removable");
    let dry_run = specforge(&svc, &["generate", "--dry-run"]);
    assert!(
        !text(&dry_run).contains("service/tests/api.rs"),
        "{}",
        text(&dry_run)
    );
    let output = specforge(&svc, &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(!tests.exists(), "a deleted first test is not written again");
    assert!(handlers.exists(), "a deleted handler file is");
}

#[test]
fn the_input_rules_are_kept_until_given_again() {
    let (_, out) = project("input-rules");
    let router = out.join("api/src/router.rs");
    let reads_by_spec = || {
        let text = std::fs::read_to_string(&router).expect("the router is there");
        assert_ne!(
            text.contains("Issues::by_spec()"),
            text.contains("Issues::new()"),
            "one reading throughout"
        );
        text.contains("Issues::by_spec()")
    };
    assert!(!reads_by_spec(), "FastAPI's reading is the default");
    let given = specforge(&out, &["generate", "--input-rules", "spec"]);
    assert!(given.status.success(), "{}", text(&given));
    assert!(reads_by_spec());
    let config = std::fs::read_to_string(out.join("specforge.toml")).expect("the config");
    assert!(config.contains("input_rules = \"spec\""), "{config}");
    let again = specforge(&out, &["generate"]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(reads_by_spec(), "specforge.toml keeps the rules");
    let back = specforge(&out, &["generate", "--input-rules", "fastapi"]);
    assert!(back.status.success(), "{}", text(&back));
    assert!(!reads_by_spec());
    let config = std::fs::read_to_string(out.join("specforge.toml")).expect("the config");
    assert!(!config.contains("input_rules"), "{config}");
}
