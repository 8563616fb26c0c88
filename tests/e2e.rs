//! End to end: generate each example spec, check the workspace as a user's CI would
//! (`cargo fmt --check`, `cargo clippy -D warnings`, `cargo test`), run the service and
//! send it real HTTP requests.

// The helpers are shared with tests/e2e_collisions_service.rs, which uses the rest.
#[allow(dead_code)]
mod support {
    pub mod generated;
    pub mod http;
    pub mod workspace;
}

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::json;
use support::generated::{
    check_edited_workspace, check_workspace, generate, generate_with, write_user_file,
};
use support::http::{Service, issue};
use support::workspace::{BUILDS, cargo};

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
    check_what_fastapi_decides_at_the_edges(&service);
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

    let answer = service.request("GET", "/profile", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (401, json!({"detail": "Not authenticated"}))
    );
    assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    for no_token in ["Bearer", "Bearer   ", "Basic abc"] {
        let answer = service.request("GET", "/profile", &[("authorization", no_token)], b"");
        assert_eq!(
            (
                answer.status,
                answer.json(),
                answer.header("www-authenticate")
            ),
            (401, json!({"detail": "Not authenticated"}), Some("Bearer")),
            "`{no_token}` carries no bearer token, as FastAPI's HTTPBearer reads it"
        );
    }
    let answer = service.request("GET", "/profile", &[("authorization", "Bearer abc")], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (401, json!({"detail": "Invalid authentication credentials"})),
        "the stub's verdict until the user writes the check"
    );
    assert!(answer.header("x-process-time").is_some());
    assert!(answer.header("x-request-id").is_some());

    let sixteen_megabytes = vec![b'a'; 16 * 1024 * 1024];
    let answer = service.request(
        "POST",
        "/users",
        &[("content-type", "application/json")],
        &sixteen_megabytes,
    );
    assert_eq!(
        (answer.status, answer.json()),
        (413, json!({"detail": "Request Entity Too Large"}))
    );

    let docs = service.request("GET", "/docs", &[], b"");
    assert_eq!(docs.status, 200);
    assert!(docs.body.contains("SwaggerUIBundle"), "{}", docs.body);
    assert!(
        !docs.body.contains("http://") && !docs.body.contains("https://"),
        "the docs page loads nothing from elsewhere: {}",
        docs.body
    );
    for asset in [
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
    ] {
        let answer = service.request("GET", asset, &[], b"");
        assert_eq!(answer.status, 200, "{asset}");
        assert!(answer.body.len() > 10_000, "{asset} is served whole");
    }
}

/// The differences the differential parity test found (#16), each pinned once here (the
/// stubs answer their example, so what a handler is handed is checked by the runtime's
/// own tests and the parity test).
fn check_what_fastapi_decides_at_the_edges(service: &Service) {
    let answer = service.request("GET", "/users/?limit=5", &[], b"");
    assert_eq!(answer.status, 307, "a slash too many is redirected");
    let location = answer.header("location").unwrap_or_default();
    assert!(
        location.starts_with("http://") && location.ends_with("/users?limit=5"),
        "{location}"
    );

    let user = r#"{"email":"a@b.co","name":"x","age":1}"#;
    let answer = service.request(
        "POST",
        "/users",
        &[("content-type", "text/plain")],
        user.as_bytes(),
    );
    assert_eq!(
        answer.issues(),
        vec![issue("model_attributes_type", json!(["body"]))]
    );
    let answer = service.request("POST", "/users", &[], user.as_bytes());
    assert_eq!(
        answer.issues(),
        vec![issue("model_attributes_type", json!(["body"]))]
    );
    let answer = service.json("POST", "/users", "0..0");
    assert_eq!(
        answer.issues(),
        vec![issue("json_invalid", json!(["body", 1]))]
    );

    let answer = service.request("GET", "/users?limit=100000000000000000000", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("less_than_equal", json!(["query", "limit"]))]
    );
    let answer = service.json(
        "POST",
        "/users",
        r#"{"email":"Ada <ADA@Example.COM>","name":"x","age":true}"#,
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let answer = service.json(
        "POST",
        "/users",
        r#"{"email":"ada(x)@b.co","name":"x","age":1}"#,
    );
    assert_eq!(
        answer.json()["detail"][0]["msg"],
        "value is not a valid email address: The email address contains invalid characters before the @-sign: '(', ')'."
    );
}

/// `Adoption` is `allOf` a pet's id and an `anyOf` of an email or a phone: a body must
/// take one of the two at least, and hears what each lacks when it takes neither.
fn adoptions_take_one_way_to_reach_the_applicant(service: &Service) {
    for sent in [
        r#"{"petId": 7, "email": "ada@example.com"}"#,
        r#"{"petId": 7, "phone": "555-0100"}"#,
    ] {
        let answer = service.json("POST", "/animals/adoptions", sent);
        assert_eq!(answer.status, 201, "{sent}: {answer:?}");
    }
    let answer = service.json("POST", "/animals/adoptions", r#"{"petId": 7}"#);
    assert_eq!(
        answer.issues(),
        vec![
            issue("missing", json!(["body", "AdoptionAnyOfByEmail", "email"])),
            issue("missing", json!(["body", "AdoptionAnyOfByPhone", "phone"])),
        ]
    );
    // A field's own error is told once, not again by the member that declares it.
    let answer = service.json(
        "POST",
        "/animals/adoptions",
        r#"{"petId": 7, "phone": "5"}"#,
    );
    assert_eq!(
        answer.issues(),
        vec![issue("string_too_short", json!(["body", "phone"]))]
    );
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
    adoptions_take_one_way_to_reach_the_applicant(&service);

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
            issue("date_from_datetime_parsing", json!(["body", "birthday"])),
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

/// The workspace of specs/secured.yaml with the user's checks and handlers written in,
/// checked and built once per test run.
fn secured_workspace() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let workspace = generate("secured.yaml", "e2e-secured");
        for file in ["security", "notes", "admin"] {
            write_user_file(
                &workspace,
                &format!("service/src/handlers/{file}.rs"),
                &std::fs::read_to_string(format!("tests/e2e_secured/{file}.rs"))
                    .expect("the test's handler file"),
            );
        }
        check_edited_workspace(&workspace);
    });
}

#[test]
fn secured_service_checks_every_kind_of_scheme() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    secured_workspace();
    let service = Service::start("e2e-secured");

    let open = service.request("GET", "/health", &[], b"");
    assert_eq!(
        open.status, 200,
        "security: [] opts out of the global bearer"
    );

    let answer = service.request("GET", "/notes", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (401, json!({"detail": "Not authenticated"}))
    );
    assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    let answer = service.request("GET", "/notes", &[("authorization", "Bearer nope")], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (401, json!({"detail": "Invalid token"}))
    );
    assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    let answer = service.request(
        "GET",
        "/notes",
        &[("authorization", "bearer reader-token")],
        b"",
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()[0]["text"], "reader");
    let answer = service.request(
        "GET",
        "/notes?limit=0",
        &[("authorization", "Bearer reader-token")],
        b"",
    );
    assert_eq!(
        answer.issues(),
        vec![issue("greater_than_equal", json!(["query", "limit"]))]
    );
    let answer = service.request("GET", "/notes?limit=0", &[], b"");
    assert_eq!(
        answer.status, 401,
        "credentials are checked before validation"
    );

    let note = br#"{"text":"hello"}"#;
    let json_type = ("content-type", "application/json");
    let answer = service.request("POST", "/notes", &[json_type], note);
    assert_eq!(answer.status, 401);
    let challenges: Vec<&str> = answer
        .headers
        .iter()
        .filter(|(name, _)| name == "www-authenticate")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(challenges, vec!["Bearer", "APIKey"]);
    let answer = service.request(
        "POST",
        "/notes",
        &[json_type, ("authorization", "Bearer writer-token")],
        note,
    );
    assert_eq!(
        (answer.status, answer.json()["text"].clone()),
        (201, json!("writer: hello"))
    );
    let answer = service.request(
        "POST",
        "/notes",
        &[json_type, ("authorization", "Bearer reader-token")],
        note,
    );
    assert_eq!(
        (answer.status, answer.json()),
        (403, json!({"detail": "Not enough permissions"})),
        "the scopes an operation asks reach the check"
    );
    let answer = service.request(
        "POST",
        "/notes",
        &[json_type, ("x-api-key", "header-key")],
        note,
    );
    assert_eq!(
        (answer.status, answer.json()["text"].clone()),
        (201, json!("header key: hello")),
        "the second alternative is enough"
    );
    let answer = service.request(
        "POST",
        "/notes",
        &[
            json_type,
            ("authorization", "Bearer nope"),
            ("x-api-key", "header-key"),
        ],
        note,
    );
    assert_eq!(answer.status, 201, "one accepted alternative is enough");

    let answer = service.request("GET", "/notes/7", &[], b"");
    assert_eq!(
        (answer.status, answer.json()["text"].clone()),
        (200, json!("anonymous"))
    );
    let answer = service.request(
        "GET",
        "/notes/7",
        &[("authorization", "Bearer writer-token")],
        b"",
    );
    assert_eq!(answer.json()["text"], "writer");
    let answer = service.request("GET", "/notes/7", &[("authorization", "Bearer nope")], b"");
    assert_eq!(answer.status, 401, "a bad credential never counts as none");

    assert_eq!(service.request("GET", "/feed", &[], b"").status, 401);
    assert_eq!(
        service
            .request("GET", "/feed?api_key=wrong", &[], b"")
            .status,
        401
    );
    let answer = service.request("GET", "/feed?api_key=query-key", &[], b"");
    assert_eq!(answer.json()[0]["text"], "query key");

    let answer = service.request("GET", "/session", &[], b"");
    assert_eq!(
        (answer.status, answer.header("www-authenticate")),
        (401, Some("APIKey"))
    );
    let answer = service.request(
        "GET",
        "/session",
        &[("cookie", "theme=dark; session=session-1")],
        b"",
    );
    assert_eq!(answer.json()["status"], "session owner");

    let basic = "Basic YWRtaW46czNjcmV0"; // admin:s3cret
    let wrong_basic = "Basic YWRtaW46d3Jvbmc="; // admin:wrong
    let answer = service.request("GET", "/admin/audit", &[("authorization", basic)], b"");
    assert_eq!(answer.status, 401, "both schemes are required");
    let answer = service.request(
        "GET",
        "/admin/audit",
        &[("authorization", wrong_basic), ("x-api-key", "header-key")],
        b"",
    );
    assert_eq!(
        (answer.status, answer.header("www-authenticate")),
        (401, Some("Basic"))
    );
    let answer = service.request(
        "GET",
        "/admin/audit",
        &[("authorization", "Basic !!!"), ("x-api-key", "header-key")],
        b"",
    );
    assert_eq!(
        (answer.json(), answer.header("www-authenticate")),
        (json!({"detail": "Not authenticated"}), Some("Basic")),
        "credentials that do not decode are answered as FastAPI's HTTPBasic answers them"
    );
    let answer = service.request(
        "GET",
        "/admin/audit",
        &[("authorization", basic), ("x-api-key", "header-key")],
        b"",
    );
    assert_eq!(answer.json(), json!(["seen by admin"]));

    let document = service.request("GET", "/openapi.json", &[], b"").json();
    assert!(document["paths"]["/notes"]["get"]["responses"]["401"].is_object());
    assert!(document["paths"]["/health"]["get"]["responses"]["401"].is_null());
}

#[test]
fn secured_service_middleware_cors_timeout_and_graceful_shutdown() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    secured_workspace();
    let bearer = ("authorization", "Bearer writer-token");

    let service = Service::start_with(
        "e2e-secured",
        &[
            ("CORS_ORIGINS", "https://app.example.com"),
            ("CORS_ALLOW_CREDENTIALS", "true"),
            ("REQUEST_TIMEOUT", "1"),
        ],
    );
    let preflight = [
        ("origin", "https://app.example.com"),
        ("access-control-request-method", "POST"),
        (
            "access-control-request-headers",
            "authorization, content-type",
        ),
    ];
    let answer = service.request("OPTIONS", "/notes", &preflight, b"");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        answer.header("access-control-allow-credentials"),
        Some("true")
    );
    let denied = [
        ("origin", "https://evil.example.com"),
        ("access-control-request-method", "POST"),
    ];
    let answer = service.request("OPTIONS", "/notes", &denied, b"");
    assert_eq!(answer.header("access-control-allow-origin"), None);
    let answer = service.request(
        "GET",
        "/notes",
        &[bearer, ("origin", "https://app.example.com")],
        b"",
    );
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );

    let answer = service.request("GET", "/notes?limit=42", &[bearer], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (408, json!({"detail": "Request Timeout"}))
    );

    let answer = service.request("GET", "/health", &[("x-request-id", "trace-me-7")], b"");
    assert_eq!(answer.header("x-request-id"), Some("trace-me-7"));
    assert!(
        answer
            .header("x-process-time")
            .and_then(|seconds| seconds.parse::<f64>().ok())
            .is_some(),
        "{answer:?}"
    );
    let generated = service.request("GET", "/health", &[], b"");
    assert_eq!(
        generated.header("x-request-id").map(str::len),
        Some(36),
        "a request without an id gets a UUID"
    );
    drop(service);

    let plain = Service::start("e2e-secured");
    let answer = plain.request(
        "OPTIONS",
        "/notes",
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "GET"),
        ],
        b"",
    );
    assert_eq!(
        answer.header("access-control-allow-origin"),
        None,
        "CORS is off by default"
    );
    drop(plain);

    let outbox = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-secured-outbox.txt");
    let _ = std::fs::remove_file(&outbox);
    let mut service = Service::start_with(
        "e2e-secured",
        &[("NOTES_OUTBOX", outbox.to_str().expect("a UTF-8 path"))],
    );
    let created = service.request(
        "POST",
        "/notes",
        &[bearer, ("content-type", "application/json")],
        br#"{"text":"written after the answer"}"#,
    );
    assert_eq!(created.status, 201);
    assert!(!outbox.exists(), "the answer does not wait for the task");
    let in_flight = std::thread::scope(|scope| {
        let slow = scope.spawn(|| service.request("GET", "/notes?limit=42", &[bearer], b""));
        std::thread::sleep(std::time::Duration::from_millis(500));
        service.send_sigterm();
        slow.join().expect("the slow request returns")
    });
    assert_eq!(in_flight.status, 200, "the request in flight is finished");
    assert!(service.wait_for_exit(), "the service exits cleanly");
    assert_eq!(
        std::fs::read_to_string(&outbox).ok().as_deref(),
        Some("written after the answer"),
        "the background task finished before the service stopped"
    );
}

/// Generates specs/users.yaml with `--db <database>`, writes the user's handlers that keep
/// users in that database, checks and builds the workspace.
fn database_workspace(database: &str, name: &str) {
    let workspace = generate_with("users.yaml", name, &["--db", database]);
    let main = std::fs::read_to_string(workspace.join("service/src/main.rs")).expect("main.rs");
    assert!(main.contains("sqlx::migrate!()"), "{main}");
    let api_crate = format!("{}_api", name.replace('-', "_"));
    write_user_file(
        &workspace,
        "service/src/handlers/users.rs",
        &std::fs::read_to_string("tests/e2e_database/users.rs")
            .expect("the test's handler file")
            .replace("API_CRATE", &api_crate),
    );
    write_user_file(
        &workspace,
        "service/migrations/0002_users.sql",
        &std::fs::read_to_string(format!("tests/e2e_database/0002_users.{database}.sql"))
            .expect("the test's migration"),
    );
    check_edited_workspace(&workspace);
}

/// The users API answered from a database through the pool in `App`.
fn check_users_in_database(service: &Service) {
    let answer = service.request("GET", "/ready", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (200, json!({"status": "ready"}))
    );
    assert!(
        answer.header("x-request-id").is_some(),
        "the readiness check is inside the middleware"
    );
    let created = service.json(
        "POST",
        "/users",
        r#"{"email":"ada@example.com","name":"Ada","age":36}"#,
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("the database's id");
    let answer = service.request("GET", &format!("/users/{id}"), &[], b"");
    assert_eq!(
        answer.json(),
        json!({"id": id, "email": "ada@example.com", "name": "Ada"})
    );
    let answer = service.request("GET", "/users/999999", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (404, json!({"detail": "User not found"}))
    );
    let answer = service.request("GET", "/users?limit=10", &[], b"");
    assert_eq!(answer.json().as_array().map(Vec::len), Some(1));
}

#[test]
fn sqlite_service_keeps_users_in_its_database() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    database_workspace("sqlite", "e2e-sqlite");
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-sqlite.db");
    let _ = std::fs::remove_file(&file);
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let service = Service::start_with("e2e-sqlite", &[("DATABASE_URL", &url)]);
    check_users_in_database(&service);
    assert!(file.exists(), "the database file is created");
}

/// Runs against the PostgreSQL server of `scripts/with-postgres.sh` (which `.ci/run`
/// uses); without one it is skipped, except on CI, where that is a failure.
#[test]
fn postgres_service_keeps_users_in_its_database() {
    let Ok(url) = std::env::var("SPECFORGE_TEST_DATABASE_URL") else {
        assert!(
            std::env::var("CI").is_err(),
            "on CI this test needs PostgreSQL: run it under scripts/with-postgres.sh"
        );
        eprintln!("skipped: no PostgreSQL server; run under scripts/with-postgres.sh");
        return;
    };
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    database_workspace("postgres", "e2e-postgres");
    let service = Service::start_with("e2e-postgres", &[("DATABASE_URL", &url)]);
    check_users_in_database(&service);
}
