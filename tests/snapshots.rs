//! Every generated file that depends on the spec, for every spec in `specs/`, pinned
//! with insta. Review a change with `cargo insta review`.

use std::path::Path;

use specforge::workspace::{Database, Settings};

/// Runtime files copied as they are, whatever the spec: their source is the template.
const SPEC_INDEPENDENT: [&str; 32] = [
    "api/src/macros.rs",
    "api/src/validation.rs",
    "api/src/validation_issues.rs",
    "api/src/validation_objects.rs",
    "api/src/numbers.rs",
    "api/src/number_rules.rs",
    "api/src/shape.rs",
    "api/src/dates.rs",
    "api/src/email_address.rs",
    "api/src/email_domain.rs",
    "api/src/email_idna.rs",
    "api/src/email_punycode.rs",
    "api/src/email_plain.rs",
    "api/src/formats.rs",
    "api/src/on.rs",
    "api/src/routing.rs",
    "api/src/json_input.rs",
    "api/src/valid_json.rs",
    "api/src/extract.rs",
    "api/src/bodies.rs",
    "api/src/uploads.rs",
    "api/src/spreads.rs",
    "api/src/headers.rs",
    "api/src/multipart.rs",
    "api/src/binary.rs",
    "api/src/error.rs",
    "api/src/server.rs",
    "api/src/connections.rs",
    "api/src/middleware.rs",
    "api/src/tasks.rs",
    "api/src/client.rs",
    "api/src/answers.rs",
];

#[test]
fn generated_files_match_their_snapshots() {
    let mut specs: Vec<_> = std::fs::read_dir("specs")
        .expect("specs/ is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "specs/ holds the example specs");
    for spec in specs {
        let stem = spec
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let settings = Settings {
            crate_name: stem.clone(),
            spec_path: format!(
                "../specs/{}",
                spec.file_name().expect("a file name").to_string_lossy()
            ),
            spec_file: spec
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned(),
            strict: false,
            database: None,
            input_rules: Default::default(),
        };
        let generated = specforge::generate_files(Path::new(&spec), &settings)
            .unwrap_or_else(|error| panic!("{}: {error:#}", spec.display()));
        for (path, file) in &generated.files {
            if SPEC_INDEPENDENT.contains(&path.as_str()) {
                continue;
            }
            insta::assert_snapshot!(
                format!("{stem}__{}", path.replace('/', "__")),
                file.contents
            );
        }
    }
}

/// Strict mode changes the handler traits (no 501 defaults) and the generated tests.
#[test]
fn strict_mode_files_match_their_snapshots() {
    let settings = Settings {
        crate_name: "users".to_owned(),
        spec_path: "../specs/users.yaml".to_owned(),
        spec_file: "users.yaml".to_owned(),
        strict: true,
        database: None,
        input_rules: Default::default(),
    };
    let generated = specforge::generate_files(Path::new("specs/users.yaml"), &settings)
        .expect("users.yaml generates");
    for path in [
        "api/src/handlers/users.rs",
        "api/tests/spec.rs",
        "specforge.toml",
    ] {
        insta::assert_snapshot!(
            format!("users-strict__{}", path.replace('/', "__")),
            generated.files[path].contents
        );
    }
}

/// `--db` shapes the user's `main.rs` (pool, migrations, readiness), the service's
/// dependencies, `specforge.toml` and the first migration.
#[test]
fn database_files_match_their_snapshots() {
    for database in [Database::Sqlite, Database::Postgres] {
        let settings = Settings {
            crate_name: "users".to_owned(),
            spec_path: "../specs/users.yaml".to_owned(),
            spec_file: "users.yaml".to_owned(),
            strict: false,
            database: Some(database),
            input_rules: Default::default(),
        };
        let generated = specforge::generate_files(Path::new("specs/users.yaml"), &settings)
            .expect("users.yaml generates");
        for path in [
            "service/src/main.rs",
            "service/Cargo.toml",
            "service/migrations/0001_init.sql",
            "service/build.rs",
            "specforge.toml",
        ] {
            insta::assert_snapshot!(
                format!("users-{}__{}", database.as_str(), path.replace('/', "__")),
                generated.files[path].contents
            );
        }
    }
}
