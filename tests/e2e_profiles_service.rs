//! End to end, specs/profiles.yaml: every query, header and cookie style reaches the
//! handler as its typed argument, a multipart upload arrives as its files and fields,
//! what breaks either is answered as FastAPI answers it, the headers a response declares
//! are sent, and a download and events are streamed.

// The helpers are shared with tests/e2e.rs, which uses the rest of them.
#[allow(dead_code)]
mod support {
    pub mod generated;
    pub mod http;
    pub mod workspace;
}

use serde_json::json;
use support::generated::{check_edited_workspace, generate, write_user_file};
use support::http::{Service, issue};
use support::workspace::BUILDS;

const BOUNDARY: &str = "e2e-profiles-boundary";

/// Bytes that are not UTF-8: a PNG's signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// A part of a multipart body: a field, or a file when it has a file name.
struct Part<'a> {
    name: &'a str,
    file: Option<(&'a str, &'a str)>,
    content: &'a [u8],
}

fn field<'a>(name: &'a str, content: &'a str) -> Part<'a> {
    Part {
        name,
        file: None,
        content: content.as_bytes(),
    }
}

fn file<'a>(
    name: &'a str,
    filename: &'a str,
    content_type: &'a str,
    content: &'a [u8],
) -> Part<'a> {
    Part {
        name,
        file: Some((filename, content_type)),
        content,
    }
}

fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"",
                part.name
            )
            .as_bytes(),
        );
        if let Some((filename, content_type)) = part.file {
            body.extend_from_slice(
                format!("; filename=\"{filename}\"\r\nContent-Type: {content_type}").as_bytes(),
            );
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(part.content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

#[test]
fn profiles_service_reads_every_parameter_style_and_uploaded_files() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = generate("profiles.yaml", "e2e-profiles");
    write_user_file(
        &workspace,
        "service/src/handlers/profiles.rs",
        &std::fs::read_to_string("tests/e2e_profiles/profiles.rs").expect("the test's handlers"),
    );
    // As a user adds what builds the stream of events.
    let manifest = workspace.join("service/Cargo.toml");
    let cargo_toml = std::fs::read_to_string(&manifest).expect("the service's manifest");
    let cargo_toml = cargo_toml.replace(
        "[dependencies]\n",
        "[dependencies]\nfutures-util = { version = \"0.3\", default-features = false }\n",
    );
    std::fs::write(&manifest, cargo_toml).expect("the manifest can be written");
    check_edited_workspace(&workspace);
    let service = Service::start("e2e-profiles");
    parameters_arrive_in_every_style(&service);
    parameters_are_refused_where_they_break(&service);
    uploads_arrive_as_files_and_fields(&service);
    uploads_are_refused_as_fastapi_refuses_them(&service);
    declared_headers_are_sent(&service);
    binary_answers_are_streamed(&service);
}

fn binary_answers_are_streamed(service: &Service) {
    let answer = service.request("GET", "/profiles/7/avatar", &[], b"");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.header("content-type"), Some("image/png"));
    assert_eq!(
        answer.header("content-disposition"),
        Some("attachment; filename=\"avatar.png\"")
    );
    assert_eq!(answer.body, String::from_utf8_lossy(&PNG_SIGNATURE));
    let answer = service.request("GET", "/profiles/8/avatar", &[], b"");
    assert_eq!(answer.status, 404, "{answer:?}");
    let answer = service.request("GET", "/profiles/events", &[], b"");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.header("content-type"), Some("text/event-stream"));
    assert_eq!(answer.body, "data: 1\n\ndata: 2\n\ndata: 3\n\n");
}

fn declared_headers_are_sent(service: &Service) {
    let answer = service.json("POST", "/profiles/new", r#"{"name": "Ann", "age": 30}"#);
    assert_eq!(answer.status, 201, "{answer:?}");
    assert_eq!(answer.header("location"), Some("/profiles/42"));
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("9"));
    assert_eq!(
        answer.header("x-profile-tags"),
        None,
        "an optional header left out"
    );
    assert_eq!(answer.json()["name"], "Ann");
    let answer = service.request("DELETE", "/profiles/7/avatar", &[], b"");
    assert_eq!(answer.status, 204, "{answer:?}");
    assert_eq!(answer.header("x-avatars-left"), Some("0"));
}

fn parameters_arrive_in_every_style(service: &Service) {
    let answer = service.request(
        "GET",
        "/profiles?filter%5Bname%5D=ann&filter[age]=30&ids=1,2,3&tags=a|b&words=big%20red&offset=5",
        &[
            ("X-Fields", "name,city"),
            ("X-Viewer", "role=admin,team=blue"),
            ("cookie", "seen=4,5"),
        ],
        b"",
    );
    assert_eq!(answer.status, 200, "{answer:?}");
    let read = &answer.json()["query"];
    assert_eq!(read["filter"], json!({"name": "ann", "age": 30}));
    assert_eq!(read["ids"], json!([1, 2, 3]));
    assert_eq!(read["tags"], json!(["a", "b"]));
    assert_eq!(read["words"], json!(["big", "red"]));
    assert_eq!(read["page"]["offset"], json!(5));
    assert_eq!(read["x_fields"], json!(["name", "city"]));
    assert_eq!(read["x_viewer"], json!({"role": "admin", "team": "blue"}));
    assert_eq!(read["seen"], json!([4, 5]));
    let answer = service.request("GET", "/profiles", &[], b"");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json()["query"]["filter"], json!(null));
}

fn parameters_are_refused_where_they_break(service: &Service) {
    let answer = service.request(
        "GET",
        "/profiles?filter[age]=-1&ids=1,0&tags=A|b&limit=0",
        &[("X-Viewer", "team=blue")],
        b"",
    );
    assert_eq!(answer.status, 422, "{answer:?}");
    assert_eq!(
        answer.issues(),
        vec![
            issue("greater_than_equal", json!(["query", "filter", "age"])),
            issue("greater_than_equal", json!(["query", "ids", 1])),
            issue("string_pattern_mismatch", json!(["query", "tags", 0])),
            issue("greater_than_equal", json!(["query", "page", "limit"])),
            issue("missing", json!(["header", "X-Viewer", "role"])),
        ]
    );
    let answer = service.request("GET", "/profiles", &[("X-Viewer", "role,admin")], b"");
    assert_eq!(
        answer.issues(),
        vec![issue(
            "model_attributes_type",
            json!(["header", "X-Viewer"])
        )]
    );
}

fn uploads_arrive_as_files_and_fields(service: &Service) {
    let body = multipart(&[
        file("file", "me.png", "image/png", &PNG_SIGNATURE),
        field("caption", "On the beach"),
        file("thumbnails", "small.png", "image/png", &PNG_SIGNATURE[..4]),
        file("thumbnails", "tiny.png", "image/png", &PNG_SIGNATURE[..2]),
        field("crop", r#"{"x": 1, "y": 2, "size": 64}"#),
    ]);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let answer = service.request(
        "PUT",
        "/profiles/7/avatar",
        &[("content-type", &content_type)],
        &body,
    );
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        answer.json(),
        json!({
            "profile_id": 7,
            "filename": "me.png",
            "content_type": "image/png",
            "size": 8,
            "caption": "On the beach",
            "width": 256,
            "thumbnails": 2,
            "crop": {"x": 1, "y": 2, "size": 64},
        })
    );
    // FastAPI's `Form` fields may come URL-encoded too; then no file can.
    let answer = service.request(
        "PUT",
        "/profiles/7/avatar",
        &[("content-type", "application/x-www-form-urlencoded")],
        b"caption=hi",
    );
    assert_eq!(
        answer.issues(),
        vec![issue("missing", json!(["body", "file"]))]
    );
}

fn uploads_are_refused_as_fastapi_refuses_them(service: &Service) {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [("content-type", content_type.as_str())];
    let body = multipart(&[
        field("file", "not a file"),
        field("caption", &"x".repeat(101)),
        field("width", "8"),
        field("crop", r#"{"x": -1, "y": 0, "size": 1}"#),
    ]);
    let answer = service.request("PUT", "/profiles/7/avatar", &headers, &body);
    assert_eq!(answer.status, 422, "{answer:?}");
    assert_eq!(
        answer.issues(),
        vec![
            issue("value_error", json!(["body", "file"])),
            issue("string_too_long", json!(["body", "caption"])),
            issue("greater_than_equal", json!(["body", "width"])),
            issue("greater_than_equal", json!(["body", "crop", "x"])),
        ]
    );
    let body = multipart(&[field("caption", "no file")]);
    let answer = service.request("PUT", "/profiles/7/avatar", &headers, &body);
    assert_eq!(
        answer.issues(),
        vec![issue("missing", json!(["body", "file"]))]
    );
    let answer = service.request(
        "PUT",
        "/profiles/7/avatar",
        &headers,
        format!("--{BOUNDARY}\r\nno end").as_bytes(),
    );
    assert_eq!(answer.status, 400, "{answer:?}");
    assert_eq!(answer.json(), json!({"detail": "Invalid multipart data."}));
}
