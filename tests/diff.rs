//! `specforge diff`: which changes between two specs break clients, and which do not.

use std::path::PathBuf;

use specforge::diff::ApiChange;

const BASE: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    post:
      parameters:
        - {name: dry_run, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/UserCreate'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
        '409': {description: exists}
  /users/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
components:
  schemas:
    UserCreate:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 100}
        role: {type: string, enum: [admin, member]}
        age: {type: integer}
    User:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
"#;

fn changes(edit: impl Fn(&str) -> String) -> Vec<ApiChange> {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff");
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let id = std::thread::current()
        .name()
        .unwrap_or("test")
        .replace("::", "-");
    let (old, new) = (
        folder.join(format!("{id}-old.yaml")),
        folder.join(format!("{id}-new.yaml")),
    );
    std::fs::write(&old, BASE).expect("old spec written");
    std::fs::write(&new, edit(BASE)).expect("new spec written");
    specforge::diff_specs(&old, &new).expect("both specs load")
}

/// The single change an edit makes, as `(breaking, "operation: place: change")`.
fn only_change(edit: impl Fn(&str) -> String) -> (bool, String) {
    let found = changes(edit);
    assert_eq!(found.len(), 1, "expected one change, got {found:#?}");
    let change = &found[0];
    (
        change.breaking,
        format!("{}: {}: {}", change.operation, change.place, change.change),
    )
}

#[test]
fn an_unchanged_spec_has_no_changes() {
    assert!(changes(str::to_owned).is_empty());
}

#[test]
fn tightening_a_request_constraint_is_breaking_and_loosening_is_not() {
    assert_eq!(
        only_change(|spec| spec.replace("maxLength: 100", "maxLength: 50")),
        (
            true,
            "POST /users: request body `name`: maxLength tightened from 100 to 50".to_owned()
        )
    );
    assert_eq!(
        only_change(|spec| spec.replace("maxLength: 100", "maxLength: 200")),
        (
            false,
            "POST /users: request body `name`: maxLength loosened from 100 to 200".to_owned()
        )
    );
}

#[test]
fn removing_operations_and_responses_is_breaking_adding_them_is_not() {
    let (breaking, change) =
        only_change(|spec| spec.replace("        '409': {description: exists}\n", ""));
    assert_eq!(
        (breaking, change.as_str()),
        (true, "POST /users: response 409: removed")
    );
    let found = changes(|spec| {
        spec.replace("  /users/{id}:\n    get:", "  /users/{id}:\n    delete:\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}}\n      responses:\n        '204': {description: gone}\n    get:")
    });
    assert_eq!(found.len(), 1);
    assert!(
        !found[0].breaking && found[0].change == "operation added",
        "{found:?}"
    );
    let found = changes(|spec| {
        spec.replace("    get:\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/User'}\n", "    summary: none\n")
    });
    assert!(
        found.iter().any(|change| change.breaking
            && change.operation == "GET /users/{id}"
            && change.change == "operation removed"),
        "{found:?}"
    );
}

#[test]
fn a_union_an_object_must_match_is_breaking_when_added_to_a_request() {
    assert_eq!(
        only_change(|spec| {
            spec.replace(
                "    UserCreate:\n      type: object\n",
                "    UserCreate:\n      allOf:\n        - anyOf: [{required: [role]}, {required: [age]}]\n      type: object\n",
            )
        }),
        (
            true,
            "POST /users: request body: the `oneOf`/`anyOf`s of its `allOf` went from 0 to 1"
                .to_owned()
        )
    );
}

#[test]
fn newly_required_inputs_are_breaking() {
    assert_eq!(
        only_change(|spec| {
            spec.replace("      required: [name]\n      properties:\n        name: {type: string, maxLength: 100}", "      required: [name, age]\n      properties:\n        name: {type: string, maxLength: 100}")
        }),
        (
            true,
            "POST /users: request body `age`: now required".to_owned()
        )
    );
    assert_eq!(
        only_change(|spec| spec.replace(
            "{name: dry_run, in: query, schema: {type: boolean}}",
            "{name: dry_run, in: query, required: true, schema: {type: boolean}}"
        )),
        (
            true,
            "POST /users: query parameter `dry_run`: now required".to_owned()
        )
    );
    assert_eq!(
        only_change(|spec| {
            spec.replace("        - {name: dry_run, in: query, schema: {type: boolean}}\n", "        - {name: dry_run, in: query, schema: {type: boolean}}\n        - {name: trace, in: header, schema: {type: string}}\n")
        }),
        (
            false,
            "POST /users: header parameter `trace`: added, optional".to_owned()
        )
    );
}

#[test]
fn removed_enum_values_and_changed_types_are_breaking() {
    assert_eq!(
        only_change(|spec| spec.replace("enum: [admin, member]", "enum: [admin]")),
        (
            true,
            "POST /users: request body `role`: enum value \"member\" removed".to_owned()
        )
    );
    assert_eq!(
        only_change(|spec| spec.replace(
            "        age: {type: integer}",
            "        age: {type: string}"
        )),
        (
            true,
            "POST /users: request body `age`: type changed from integer (int64) to string (plain)"
                .to_owned()
        )
    );
}

#[test]
fn response_fields_removed_or_made_optional_are_breaking() {
    let found = changes(|spec| {
        spec.replace("      required: [id, name]\n      properties:\n        id: {type: integer}\n        name: {type: string}", "      required: [id]\n      properties:\n        id: {type: integer}")
    });
    assert!(found.iter().all(|change| change.breaking), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|change| change.place == "response 201 `name`" && change.change == "removed"),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|change| change.place == "response 200 `name`"),
        "{found:#?}"
    );
}

#[test]
fn the_command_fails_on_breaking_changes_only_when_asked() {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff-command");
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let (old, new) = (folder.join("old.yaml"), folder.join("new.yaml"));
    std::fs::write(&old, BASE).expect("written");
    std::fs::write(&new, BASE.replace("maxLength: 100", "maxLength: 50")).expect("written");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_specforge"))
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .args(extra)
            .output()
            .expect("specforge runs")
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let failed = run(&["--fail-on-breaking"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&failed.stdout).starts_with(
            "breaking changes:\n  POST /users: request body `name`: maxLength tightened"
        )
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--format", "json"]).stdout).expect("JSON output");
    assert_eq!(
        json["breaking"][0]["change"],
        "maxLength tightened from 100 to 50"
    );
    assert_eq!(json["non_breaking"], serde_json::json!([]));
}

#[test]
fn tightening_the_users_name_limit_fails_on_breaking() {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff-users");
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let tightened = folder.join("users.yaml");
    let spec = std::fs::read_to_string("specs/users.yaml").expect("specs/users.yaml");
    assert!(
        spec.contains("          minLength: 1\n          maxLength: 100"),
        "the users spec limits name to 100"
    );
    std::fs::write(
        &tightened,
        spec.replace(
            "          minLength: 1\n          maxLength: 100",
            "          minLength: 1\n          maxLength: 50",
        ),
    )
    .expect("written");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["diff", "specs/users.yaml"])
        .arg(&tightened)
        .arg("--fail-on-breaking")
        .output()
        .expect("specforge runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "breaking changes:\n  POST /users: request body `name`: maxLength tightened from 100 to 50\n"
    );
}
