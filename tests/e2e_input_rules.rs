//! End to end, `--input-rules spec`: a service that reads requests by the spec's letter
//! refuses what FastAPI's lax reading converts (`false` or `"3"` for an integer, `0` for
//! a boolean), takes text that spells its type as JSON does, and keeps an empty form
//! field as the empty text. Its generated tests pass as they do under FastAPI's reading.

// The helpers are shared with tests/e2e.rs, which uses the rest of them.
#[allow(dead_code)]
mod support {
    pub mod generated;
    pub mod http;
    pub mod workspace;
}

use serde_json::json;
use support::generated::{generate_with, lint_test_build};
use support::http::{Service, issue};
use support::workspace::BUILDS;

const FORM: &str = "application/x-www-form-urlencoded";

#[test]
fn a_service_read_by_the_spec_takes_only_the_spec_types() {
    let _build = BUILDS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = generate_with(
        "petstore.yaml",
        "e2e-input-rules",
        &["--input-rules", "spec"],
    );
    lint_test_build(&workspace);
    let service = Service::start("e2e-input-rules");
    json_values_have_their_declared_types(&service);
    text_spells_its_type_as_json_does(&service);
    form_fields_spell_their_types_and_may_be_empty(&service);
}

fn json_values_have_their_declared_types(service: &Service) {
    let pet = |age: &str| {
        format!(
            r#"{{"name": "Rex", "photoUrls": ["https://example.com/rex.jpg"], "ageInMonths": {age}}}"#
        )
    };
    assert_eq!(service.json("POST", "/pets", &pet("3")).status, 201);
    assert_eq!(service.json("POST", "/pets", &pet("3.0")).status, 201);
    for refused in ["false", "\"3\""] {
        let answer = service.json("POST", "/pets", &pet(refused));
        let at = json!(["body", "ageInMonths"]);
        assert_eq!(answer.issues(), [issue("int_type", at)], "{refused}");
    }
}

fn text_spells_its_type_as_json_does(service: &Service) {
    for limit in ["5", "5.0"] {
        let answer = service.request("GET", &format!("/pets?limit={limit}"), &[], b"");
        assert_eq!(answer.status, 200, "{limit}: {answer:?}");
    }
    for refused in ["%2B5", "5_0", "0x5"] {
        let answer = service.request("GET", &format!("/pets?limit={refused}"), &[], b"");
        let at = json!(["query", "limit"]);
        assert_eq!(answer.issues(), [issue("int_parsing", at)], "{refused}");
    }
    let answer = service.request("GET", "/pets?limit=5&limit=6", &[], b"");
    let at = json!(["query", "limit"]);
    assert_eq!(
        answer.issues(),
        [issue("int_type", at)],
        "a single value sent twice"
    );
    let answer = service.request("GET", "/pets/007", &[], b"");
    let at = json!(["path", "petId"]);
    assert_eq!(answer.issues(), [issue("int_parsing", at)]);
}

fn form_fields_spell_their_types_and_may_be_empty(service: &Service) {
    let order = |complete: &str| {
        let body = format!("petId=1&quantity=2&complete={complete}&priority=3");
        service.request(
            "POST",
            "/store/orders",
            &[("content-type", FORM)],
            body.as_bytes(),
        )
    };
    assert_eq!(order("true").status, 201, "{:?}", order("true"));
    for refused in ["0", "yes", ""] {
        let at = json!(["body", "complete"]);
        assert_eq!(
            order(refused).issues(),
            [issue("bool_parsing", at)],
            "{refused:?}"
        );
    }
}
