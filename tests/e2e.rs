//! End to end: generate each example spec, check the workspace as a user's CI would
//! (`cargo fmt --check`, `cargo clippy -D warnings`, `cargo test`), run the service and
//! send it real HTTP requests.

mod support {
    pub mod http;
    pub mod workspace;
}

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;
use support::http::{Service, issue};
use support::workspace::{BUILDS, cargo};

/// Generates `specs/<spec>` into a fresh folder, with crate names of its own.
pub fn generate(spec: &str, name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-{name}"));
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("the old workspace can be removed");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", &format!("specs/{spec}"), "--out"])
        .arg(&out)
        .args(["--name", name])
        .output()
        .expect("specforge runs");
    assert!(
        output.status.success(),
        "specforge generate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The checks every generated workspace must pass with no edits.
fn check_workspace(spec: &str, name: &str) -> std::path::PathBuf {
    let workspace = generate(spec, name);
    cargo(&workspace, &["fmt", "--check"]);
    cargo(
        &workspace,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&workspace, &["test"]);
    cargo(&workspace, &["build"]);
    workspace
}

#[test]
fn users_service_validates_like_fastapi() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    check_workspace("users.yaml", "e2e-users");
    let service = Service::start("e2e-users");

    let answer = service.json(
        "POST",
        "/users",
        r#"{"email":"not-an-email","name":"","age":200}"#,
    );
    assert_eq!(
        answer.issues(),
        vec![
            issue("value_error", json!(["body", "email"])),
            issue("string_too_short", json!(["body", "name"])),
            issue("less_than_equal", json!(["body", "age"])),
        ]
    );
    let first = &answer.json()["detail"][0];
    assert_eq!(
        first["msg"],
        "value is not a valid email address: An email address must have an @-sign."
    );
    assert_eq!(answer.json()["detail"][2]["ctx"], json!({"le": 150}));
    assert_eq!(answer.json()["detail"][2]["input"], json!(200));

    let answer = service.json("POST", "/users", r#"{"email":"a@b.co","name":"x"}"#);
    assert_eq!(
        answer.issues(),
        vec![issue("missing", json!(["body", "age"]))]
    );
    assert_eq!(
        answer.json()["detail"][0]["input"],
        json!({"email": "a@b.co", "name": "x"})
    );

    let answer = service.json("POST", "/users", "{bad json");
    assert_eq!(
        answer.issues(),
        vec![issue("json_invalid", json!(["body", 1]))]
    );

    let answer = service.json(
        "POST",
        "/users",
        r#"{"email":"a@b.co","name":"x","age":"abc"}"#,
    );
    assert_eq!(
        answer.issues(),
        vec![issue("int_parsing", json!(["body", "age"]))]
    );

    let answer = service.json("POST", "/users", "");
    assert_eq!(answer.issues(), vec![issue("missing", json!(["body"]))]);

    let answer = service.request("GET", "/users/abc", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("int_parsing", json!(["path", "user_id"]))]
    );
    let answer = service.request("GET", "/users/%FF", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("string_unicode", json!(["path", "user_id"]))]
    );
    let answer = service.request("GET", "/users?limit=abc", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("int_parsing", json!(["query", "limit"]))]
    );
    let answer = service.request("GET", "/users?limit=0", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("greater_than_equal", json!(["query", "limit"]))]
    );
    let answer = service.request("GET", "/users?limit=0&offset=-1", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![
            issue("greater_than_equal", json!(["query", "limit"])),
            issue("greater_than_equal", json!(["query", "offset"]))
        ]
    );

    let answer = service.json(
        "POST",
        "/users",
        r#"{"email":"a@b.co","name":"Ada","age":36}"#,
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let created = answer.json();
    assert!(
        created["id"].is_i64() && created["email"].is_string() && created["name"].is_string(),
        "{created}"
    );

    let answer = service.request("GET", "/users/1", &[], b"");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.json()["id"].is_i64());
    assert_eq!(
        service.request("GET", "/users?limit=5", &[], b"").status,
        200
    );

    let answer = service.request("GET", "/nope", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (404, json!({"detail": "Not Found"}))
    );
    let answer = service.request("DELETE", "/users/1", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (405, json!({"detail": "Method Not Allowed"}))
    );
    assert_eq!(answer.header("allow"), Some("GET, HEAD"));

    let answer = service.request("GET", "/openapi.json", &[], b"");
    assert_eq!(answer.status, 200);
    let document = answer.json();
    assert_eq!(document["info"]["title"], "Users API");
    assert!(
        document["paths"]["/users"]["post"]["responses"]["422"].is_object(),
        "the 422 answer is documented"
    );
    assert!(document["components"]["schemas"]["HTTPValidationError"].is_object());
}

#[test]
fn petstore_service_handles_unions_forms_enums_and_limits() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    check_workspace("petstore.yaml", "e2e-petstore");
    let service = Service::start("e2e-petstore");

    let cat = r#"{"petType":"cat","name":"Tom"}"#;
    assert_eq!(service.json("POST", "/animals", cat).status, 201);
    let answer = service.json("POST", "/animals", r#"{"petType":"dog","name":"Rex"}"#);
    assert_eq!(
        answer.issues(),
        vec![issue("missing", json!(["body", "dog", "goodBoy"]))]
    );
    let answer = service.json("POST", "/animals", r#"{"petType":"cow","name":"Daisy"}"#);
    assert_eq!(
        answer.issues(),
        vec![issue("union_tag_invalid", json!(["body"]))]
    );
    let answer = service.json("POST", "/animals", r#"{"name":"Daisy"}"#);
    assert_eq!(
        answer.issues(),
        vec![issue("union_tag_not_found", json!(["body"]))]
    );

    let form = [("content-type", "application/x-www-form-urlencoded")];
    assert_eq!(
        service
            .request(
                "POST",
                "/store/orders",
                &form,
                b"petId=7&quantity=2&complete=true"
            )
            .status,
        201
    );
    let answer = service.request(
        "POST",
        "/store/orders",
        &form,
        b"petId=x&quantity=0&priority=5",
    );
    assert_eq!(
        answer.issues(),
        vec![
            issue("int_parsing", json!(["body", "petId"])),
            issue("greater_than_equal", json!(["body", "quantity"])),
            issue("enum", json!(["body", "priority"])),
        ]
    );
    assert_eq!(
        answer.json()["detail"][2]["msg"],
        "Input should be 1, 2 or 3"
    );

    assert_eq!(
        service
            .request("GET", "/pets?status=sold&tags=a&tags=b&limit=3", &[], b"")
            .status,
        200
    );
    let answer = service.request(
        "GET",
        "/pets?status=lost&limit=1000",
        &[("x-request-source", "BAD!")],
        b"",
    );
    assert_eq!(
        answer.issues(),
        vec![
            issue("less_than_equal", json!(["query", "limit"])),
            issue("enum", json!(["query", "status"])),
            issue(
                "string_pattern_mismatch",
                json!(["header", "X-Request-Source"])
            ),
        ]
    );
    assert_eq!(
        answer.json()["detail"][1]["msg"],
        "Input should be 'available', 'pending' or 'sold'"
    );

    let new_pet = r#"{"name":"Rex","photoUrls":["https://example.com/a.jpg","https://example.com/a.jpg"],"weight":0,"ageInMonths":4,"birthday":"2024-02-30","attributes":{"color":"a very long colour name indeed"},"category":{"name":"dogs","parent":{"name":"animals","parent":{}}}}"#;
    let answer = service.json("POST", "/pets", new_pet);
    assert_eq!(
        answer.issues(),
        vec![
            issue("unique_items", json!(["body", "photoUrls"])),
            issue(
                "missing",
                json!(["body", "category", "parent", "parent", "name"])
            ),
            issue("string_too_long", json!(["body", "attributes", "color"])),
            issue("date_parsing", json!(["body", "birthday"])),
            issue("greater_than", json!(["body", "weight"])),
            issue("multiple_of", json!(["body", "ageInMonths"])),
        ]
    );

    let answer = service.request(
        "PUT",
        "/pets/1/photo",
        &[("content-type", "image/png")],
        &[0x89, b'P', b'N', b'G'],
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some("text/plain; charset=utf-8")
    );

    assert_eq!(service.request("DELETE", "/pets/1", &[], b"").status, 204);
    assert_eq!(service.request("GET", "/health", &[], b"").body, "ok");
    assert_eq!(service.request("HEAD", "/health", &[], b"").status, 200);

    let huge = vec![b' '; 3 * 1024 * 1024];
    let answer = service.request(
        "POST",
        "/pets",
        &[("content-type", "application/json")],
        &huge,
    );
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json(), json!({"detail": "Request Entity Too Large"}));
}

#[test]
fn strict_workspace_builds_and_passes_its_tests() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = generate("users.yaml", "e2e-strict");
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", "--strict"])
        .current_dir(&workspace)
        .output()
        .expect("specforge runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let handlers =
        std::fs::read_to_string(workspace.join("api/src/handlers/users.rs")).expect("readable");
    assert!(
        handlers.contains("-> impl Future<Output = Result<CreateUserResponse, ApiError>> + Send;"),
        "{handlers}"
    );
    cargo(
        &workspace,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&workspace, &["test"]);
}
