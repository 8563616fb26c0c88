//! End to end, specs/collisions.yaml: names that collide once cased or placed, paths that
//! collide in axum's router, a handler that panics and one that never returns.

// The helpers are shared with tests/e2e.rs, which uses the rest of them.
#[allow(dead_code)]
mod support {
    pub mod generated;
    pub mod http;
    pub mod workspace;
}

use serde_json::json;
use support::generated::{check_edited_workspace, generate, write_user_file};
use support::http::{Service, issue, send};
use support::workspace::BUILDS;

#[test]
fn collisions_service_checks_each_input_and_outlives_panics_and_stuck_handlers() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = generate("collisions.yaml", "e2e-collisions");
    for file in ["alerts", "files", "items"] {
        write_user_file(
            &workspace,
            &format!("service/src/handlers/{file}.rs"),
            &std::fs::read_to_string(format!("tests/e2e_collisions/{file}.rs"))
                .expect("the test's handler file"),
        );
    }
    check_edited_workspace(&workspace);
    let mut service = Service::start_with("e2e-collisions", &[("SHUTDOWN_GRACE", "2")]);

    // `color` is a list of the component `Color`, `sort` the component `Sort` itself.
    let answer = service.request("GET", "/items?color=red&color=blue&sort=asc", &[], b"");
    assert_eq!(answer.status, 200, "{answer:?}");
    let answer = service.request("GET", "/items?color=purple", &[], b"");
    assert_eq!(answer.status, 422, "{answer:?}");
    assert_eq!(
        answer.issues(),
        vec![issue("enum", json!(["query", "color", 0]))]
    );
    let answer = service.request("GET", "/items?sort=up", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("enum", json!(["query", "sort"]))]
    );
    let answer = service.request(
        "GET",
        "/items?page-size=50&result=failed",
        &[
            ("status", "shut"),
            ("cookie", "sort=sideways"),
            ("page_size", "11"),
        ],
        b"",
    );
    assert_eq!(
        answer.issues(),
        vec![
            issue("enum", json!(["header", "status"])),
            issue("enum", json!(["cookie", "sort"])),
            issue("less_than_equal", json!(["header", "page_size"])),
        ]
    );
    let answer = service.request("GET", "/alerts/7", &[], b"");
    assert_eq!(answer.json(), json!({"number": 7, "state": "open"}));
    let answer = service.request("GET", "/alerts/0", &[], b"");
    assert_eq!(
        answer.issues(),
        vec![issue("greater_than_equal", json!(["path", "alert_number"]))]
    );
    let answer = service.json(
        "PUT",
        "/items/labels?code=ABC",
        r#"["ok", "x", "fine", "more"]"#,
    );
    // An overlong list is reported alone, as Pydantic reports it.
    assert_eq!(answer.issues(), vec![issue("too_long", json!(["body"]))]);
    let answer = service.json("PUT", "/items/labels?code=abcd", r#"["ok"]"#);
    assert_eq!(
        answer.issues(),
        vec![issue("string_pattern_mismatch", json!(["query", "code"]))]
    );
    // A look-ahead: ECMA-262, run by regress.
    let answer = service.json("PUT", "/items/labels?code=ABC&owner=admins", r#"["ok"]"#);
    assert_eq!(
        answer.issues(),
        vec![issue("string_pattern_mismatch", json!(["query", "owner"]))]
    );
    let answer = service.json("PUT", "/items/labels?code=ABC&owner=ann", r#"["ok"]"#);
    assert_eq!(
        answer.status, 501,
        "valid, so the handler (left unwritten) is reached"
    );
    let answer = service.json(
        "POST",
        "/items",
        r#"{"color": "red", "sort": "asc", "result": "maybe", "itemId": 0, "item_id": "long", "type": "huge", "option": {"value": "toolong"}, "body": ["x"]}"#,
    );
    assert_eq!(
        answer.issues(),
        vec![
            issue("enum", json!(["body", "result"])),
            issue("string_too_long", json!(["body", "option", "value"])),
            issue("greater_than_equal", json!(["body", "itemId"])),
            issue("string_too_long", json!(["body", "item_id"])),
            issue("enum", json!(["body", "type"])),
            issue("string_too_short", json!(["body", "body", 0])),
        ]
    );

    paths_axum_cannot_tell_apart_are_routed(&service);

    // A handler that panics is answered as FastAPI answers an unhandled exception, and
    // the service goes on.
    let answer = service.request("GET", "/items?page-size=13", &[], b"");
    assert_eq!(
        (answer.status, answer.json()),
        (500, json!({"detail": "Internal Server Error"}))
    );
    let answer = service.request("GET", "/items?page-size=12", &[], b"");
    assert_eq!((answer.status, answer.json()), (200, json!([])));

    // A request stuck in its handler does not hold the service's shutdown hostage.
    let port = service.port;
    let in_flight = std::thread::spawn(move || send(port, "GET", "/alerts/999", &[], b""));
    std::thread::sleep(std::time::Duration::from_millis(500));
    service.send_sigterm();
    let stopped = service.wait_for_exit_within(std::time::Duration::from_secs(20));
    let unanswered = in_flight
        .join()
        .expect("the request thread ends with the service");
    assert_eq!(
        unanswered.status, 0,
        "the stuck request got no answer: {unanswered:?}"
    );
    let status =
        stopped.expect("the service stops within its grace period, not the handler's 600 s");
    assert!(
        !status.success(),
        "a forced stop is not a clean exit: {status:?}"
    );
}

/// Segments mixing parameters and text, templates differing only in parameter names, and
/// operations told apart by their query each reach their own handler (which answers its
/// name and values), with their parameters validated; Starlette's 404 and 405 otherwise.
fn paths_axum_cannot_tell_apart_are_routed(service: &Service) {
    let reached = |method: &str, path: &str| {
        let answer = service.request(method, path, &[], b"");
        assert_eq!(answer.status, 200, "{method} {path}: {answer:?}");
        answer.json()
    };
    let matched =
        |operation: &str, values: &[&str]| json!({"operation": operation, "values": values});
    assert_eq!(
        reached("GET", "/files/rep.v2.json"),
        matched("get_file_json", &["rep.v2"])
    );
    assert_eq!(
        reached("DELETE", "/files/5"),
        matched("delete_file", &["5"])
    );
    assert_eq!(reached("PUT", "/files/6"), matched("replace_file", &["6"]));
    assert_eq!(
        reached("GET", "/ranges/3-10"),
        matched("get_range", &["3", "10"])
    );
    assert_eq!(
        reached("POST", "/v1/job7:cancel"),
        matched("cancel_job", &["job7"])
    );
    assert_eq!(
        reached("GET", "/rest?method=files.list"),
        matched("rest_list", &[])
    );
    assert_eq!(
        reached("GET", "/rest?method=files.count"),
        matched("rest_count", &[])
    );
    assert_eq!(
        reached("GET", "/weather?city=Oslo"),
        matched("weather_by_city", &["Oslo"])
    );
    assert_eq!(
        reached("GET", "/weather?lat=10&lon=5.5"),
        matched("weather_by_place", &["10", "5.5"])
    );
    assert_eq!(
        reached("GET", "/buckets/photos?acl"),
        matched("get_bucket_acl", &["photos"])
    );
    assert_eq!(
        reached("GET", "/buckets/photos"),
        matched("get_bucket", &["photos"])
    );
    let head = service.request("HEAD", "/files/report.json", &[], b"");
    assert_eq!((head.status, head.body.as_str()), (200, ""));

    let refused = [
        (
            "GET",
            "/files/toolongname.json",
            "string_too_long",
            json!(["path", "name"]),
        ),
        ("DELETE", "/files/abc", "int_parsing", json!(["path", "id"])),
        ("GET", "/ranges/3-x", "int_parsing", json!(["path", "to"])),
        (
            "GET",
            "/weather?city=O",
            "string_too_short",
            json!(["query", "city"]),
        ),
        (
            "GET",
            "/weather?lat=100&lon=5",
            "less_than_equal",
            json!(["query", "lat"]),
        ),
    ];
    for (method, path, kind, loc) in refused {
        let answer = service.request(method, path, &[], b"");
        assert_eq!(answer.issues(), vec![issue(kind, loc)], "{method} {path}");
    }
    for path in ["/ranges/3", "/rest?method=other", "/weather", "/v1/job7"] {
        let answer = service.request("GET", path, &[], b"");
        assert_eq!(
            (answer.status, answer.json()),
            (404, json!({"detail": "Not Found"})),
            "{path}"
        );
    }
    for (method, path, allow) in [
        ("GET", "/files/5", "DELETE, PUT"),
        ("POST", "/rest?method=files.list", "GET, HEAD"),
        ("GET", "/v1/job7:cancel", "POST"),
    ] {
        let answer = service.request(method, path, &[], b"");
        assert_eq!(
            (answer.status, answer.header("allow")),
            (405, Some(allow)),
            "{method} {path}"
        );
    }
}
