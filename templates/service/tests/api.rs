//! Tests of the service, calling it as its clients do: [`TestClient`] drives the whole
//! service in-process — routes, validation, credential checks, middleware — with no port
//! and no network.
//!
//! specforge wrote this file once and will never overwrite it: it is yours. Each test
//! below calls one operation of a tag, typed, and passes against the service as
//! generated; change them as your handlers take shape.
{% if let Some(raw) = raw -%}
//!
//! The pattern of FastAPI's `TestClient`, with a raw request:
//!
//! ```ignore
//! let client = TestClient::new(app(){% if database.is_some() %}.await{% endif %});
//! let response = client.{{ raw.method }}({{ raw.uri }}){% if let Some(body) = raw.body %}.json(&serde_json::json!({{ body }})){% endif %}.send().await?;
//! assert_eq!(response.status(), {{ raw.status }});
//! let body: serde_json::Value = response.json()?;
//! ```
{% endif %}

{% macro new_client() -%}
{% match database -%}
{% when Some(Database::Postgres) -%}
    let Some(app) = app().await else { return };
    let client = TestClient::new(app);
{% when Some(Database::Sqlite) -%}
    let client = TestClient::new(app().await);
{% when None -%}
    let client = TestClient::new(app());
{% endmatch -%}
{% endmacro -%}
use std::sync::Arc;

{% if uses_status -%}
use {{ lib }}::StatusCode;
{% endif -%}
use {{ lib }}::{ {{ imports|join(", ") }} };
use {{ service_lib }}::App;

{% match database -%}
{% when Some(Database::Sqlite) -%}
/// The service with a database of its own: SQLite in memory, the migrations applied. One
/// connection, kept open: each connection to `sqlite::memory:` is a database of its own.
/// Build `App` with any other dependency a test replaces: the Rust form of FastAPI's
/// `dependency_overrides`.
async fn app() -> Arc<App> {
    let db = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    sqlx::migrate!().run(&db).await.expect("the migrations apply");
    Arc::new(App { db, tasks: {{ lib }}::BackgroundTasks::new() })
}
{% when Some(Database::Postgres) -%}
/// The service with the test database of `DATABASE_URL`, the migrations applied; `None`
/// (the test is skipped) without one. Build `App` with any other dependency a test
/// replaces: the Rust form of FastAPI's `dependency_overrides`.
async fn app() -> Option<Arc<App>> {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        eprintln!("skipped: DATABASE_URL names no test database");
        return None;
    };
    let db = sqlx::PgPool::connect(&url).await.expect("the test database answers");
    sqlx::migrate!().run(&db).await.expect("the migrations apply");
    Some(Arc::new(App { db, tasks: {{ lib }}::BackgroundTasks::new() }))
}
{% when None -%}
/// The service with its dependencies; build `App` with others where a test replaces
/// one: the Rust form of FastAPI's `dependency_overrides`.
fn app() -> Arc<App> {
    Arc::new(App::default())
}
{% endmatch -%}
{% if tests.is_empty() %}

/// The spec has no operation to call yet: the service serves its document.
#[tokio::test]
async fn serves_its_openapi_document() {
{% call new_client() %}{% endcall -%}
    let response = client.get("/openapi.json").send().await.expect("an answer");
    assert_eq!(response.status(), 200);
}
{% endif -%}
{% for test in tests %}

/// `{{ test.tag }}`
#[tokio::test]
async fn {{ test.name }}() {
{% call new_client() %}{% endcall -%}
{% for value in test.case.values -%}
{% match value.json -%}
{% when Some(json) -%}
    let {{ value.name }}: {{ value.ty }} = serde_json::from_str({{ json }}).expect("a valid {{ value.name }}");
{% when None -%}
    let {{ value.name }} = {{ lib }}::Bytes::new();
{% endmatch -%}
{% endfor -%}
{% match test.expected -%}
{% when Expected::Refused { status, reason } -%}
    // {{ reason }}.
{% when Expected::Answer(_) -%}
{% endmatch -%}
    let outcome = client{% for step in test.case.credentials %}.{{ step }}{% endfor %}.{{ test.case.call }}({% for value in test.case.values %}{{ value.lent }}{% if !loop.last %}, {% endif %}{% endfor %}).await;
{% match test.expected -%}
{% when Expected::Answer(pattern) -%}
    assert!(matches!(outcome, Ok({{ pattern }})), "{outcome:?}");
{% when Expected::Refused { status, reason } -%}
{# By its path: a parameter's value may be named `status`. -#}
    assert_eq!({{ lib }}::client::status(&outcome), Some(StatusCode::{{ status }}), "{outcome:?}");
{% endmatch -%}
}
{% endfor -%}
