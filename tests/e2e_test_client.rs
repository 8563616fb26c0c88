//! End to end, the guide's Testing section: a user writes the users handlers (an
//! in-memory store) and the guide's two tests with `TestClient`, raw and typed; they pass,
//! and fail when a handler answers the wrong status. The same typed calls then reach the
//! running service over HTTP, with the api crate's `http-client` feature on.

// The helpers are shared with tests/e2e.rs, which uses the rest of them.
#[allow(dead_code)]
mod support {
    pub mod generated;
    pub mod http;
    pub mod workspace;
}

use std::path::Path;

use support::generated::{check_edited_workspace, generate, write_user_file};
use support::http::Service;
use support::workspace::{BUILDS, cargo, cargo_output};

const NAME: &str = "e2e-testing";
const API_CRATE: &str = "e2e_testing_api";
const SERVICE_CRATE: &str = "e2e_testing";

/// Writes one of the test's user files, its crate names and `created` filled in.
fn write_from(workspace: &Path, path: &str, source: &str, created: &str) {
    let text = std::fs::read_to_string(format!("tests/e2e_testing/{source}"))
        .expect("the test's file")
        .replace("API_CRATE", API_CRATE)
        .replace("SERVICE_CRATE", SERVICE_CRATE)
        .replace("CREATED", created);
    write_user_file(workspace, path, &text);
}

#[test]
fn users_service_is_tested_as_fastapi_users_test_theirs() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = generate("users.yaml", NAME);
    assert!(
        workspace.join("service/tests/api.rs").exists(),
        "a new project gets its first tests"
    );
    let answers_created = "Ok(CreateUserResponse::Created(user))";
    write_from(&workspace, "service/src/lib.rs", "lib.rs", "");
    write_from(
        &workspace,
        "service/src/handlers/users.rs",
        "users.rs",
        answers_created,
    );
    write_from(&workspace, "service/tests/guide.rs", "guide.rs", "");
    write_from(&workspace, "service/tests/over_http.rs", "over_http.rs", "");
    // As a user turns the HTTP client on for their tests.
    let manifest = workspace.join("service/Cargo.toml");
    let mut cargo_toml = std::fs::read_to_string(&manifest).expect("the service's manifest");
    cargo_toml.push_str(&format!(
        "\n[dev-dependencies]\n{NAME}-api = {{ path = \"../api\", features = [\"http-client\"] }}\n"
    ));
    std::fs::write(&manifest, cargo_toml).expect("the manifest can be written");
    check_edited_workspace(&workspace);

    // A handler answering the wrong status fails the guide's test, raw and typed.
    write_from(
        &workspace,
        "service/src/handlers/users.rs",
        "users.rs",
        r#"Err(ApiError::conflict(format!("{} exists", user.email)))"#,
    );
    let output = cargo_output(&workspace, &["test", "--test", "guide"], &[]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "a wrong status must fail: {report}"
    );
    for failed in ["test_create_user ", "test_create_user_typed "] {
        assert!(
            report.contains(&format!("{failed}... FAILED")),
            "{failed} should fail: {report}"
        );
    }
    assert!(
        report.contains("test_get_nonexistent_user ... ok"),
        "{report}"
    );
    write_from(
        &workspace,
        "service/src/handlers/users.rs",
        "users.rs",
        answers_created,
    );
    // The failing run rebuilt the binary too (integration tests may run it).
    cargo(&workspace, &["build"]);

    let service = Service::start(NAME);
    let url = format!("http://127.0.0.1:{}", service.port);
    let output = cargo_output(
        &workspace,
        &["test", "--test", "over_http", "--", "--nocapture"],
        &[("SERVICE_URL", &url)],
    );
    let report = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}\n{errors}");
    assert!(!errors.contains("skipped"), "the test ran: {errors}");
    assert!(
        report.contains("the_running_service_answers_typed_calls ... ok"),
        "{report}"
    );
}
