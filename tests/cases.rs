//! Specs that must be rejected or warned about, one folder each under `tests/cases/`:
//! the spec, and in `expected.txt` exactly what `specforge validate` prints for it.
//! A new bug report is a new folder. Set `UPDATE_CASES=1` to rewrite the expectations.

use std::path::Path;
use std::process::Command;

#[test]
fn every_case_prints_its_expected_report() {
    let mut folders: Vec<_> = std::fs::read_dir("tests/cases")
        .expect("tests/cases is readable")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    folders.sort();
    assert!(!folders.is_empty());
    let mut failures = Vec::new();
    for folder in folders {
        let spec = ["spec.yaml", "spec.json"]
            .iter()
            .map(|name| folder.join(name))
            .find(|path| path.exists())
            .expect("each case has a spec");
        let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
            .arg("validate")
            .arg(&spec)
            .output()
            .expect("specforge runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked"),
            "{}: specforge panicked: {stderr}",
            folder.display()
        );
        let report = format!(
            "exit {}\n{}{}",
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout),
            stderr
        );
        let expected_path = folder.join("expected.txt");
        if std::env::var_os("UPDATE_CASES").is_some() {
            std::fs::write(&expected_path, &report).expect("expected.txt is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if report != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{report}",
                folder.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generate_refuses_a_broken_spec_and_writes_nothing() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("refused");
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", "tests/cases/dangling-ref/spec.yaml", "--out"])
        .arg(&out)
        .output()
        .expect("specforge runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("#/paths/~1a/get/responses/200/content/application~1json/schema")
    );
    assert!(!out.exists(), "nothing is written for a refused spec");
}

/// Errors of the spec that concern one part of it (a pattern no engine compiles, a path
/// no request can match, two paths answering the same requests) fail `validate` but not
/// `generate`, which leaves that part out with a warning.
#[test]
fn generate_goes_past_errors_it_can_leave_out_with_a_warning() {
    let cases = [
        (
            "invalid-pattern",
            "#/components/schemas/Broken/pattern: warning: pattern `^[a-z` is not an ECMA-262",
        ),
        (
            "colliding-paths",
            "#/paths/~1items~1{item}/get: warning: `GET /items/{item}` answers the same requests",
        ),
    ];
    for (case, warning) in cases {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(case);
        let _ = std::fs::remove_dir_all(&out);
        let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
            .arg("generate")
            .arg(format!("tests/cases/{case}/spec.yaml"))
            .arg("--out")
            .arg(&out)
            .output()
            .expect("specforge runs");
        let printed = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{case}: {printed}");
        assert!(printed.contains(warning), "{case}: {printed}");
    }
    let constraints = std::fs::read_to_string(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("invalid-pattern/api/src/constraints.rs"),
    )
    .expect("constraints.rs");
    assert!(
        constraints.contains(r#"Pattern::ecma("^(?!admin).*$")"#),
        "{constraints}"
    );
}
