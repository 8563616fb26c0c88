//! Runs the {{ title }} service.
//!
//! specforge wrote this file once and will never overwrite it: it is yours.

use std::sync::Arc;

{% if let Some(db) = database -%}
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
{% endif -%}
{% if database.is_some() -%}
use {{ lib }}::BackgroundTasks;
{% endif -%}
use {{ service_lib }}::App;
{% if database.is_some() -%}
use serde_json::json;
{% endif -%}
use tracing_subscriber::EnvFilter;

// mimalloc: it serves the small blocks each request takes and gives back in fewer
// instructions than the system's allocator (about a tenth of a request's, in specforge's
// benchmark). Remove this and `mimalloc` from Cargo.toml to use the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let settings = {{ lib }}::Settings::from_env()?;
{% if let Some(db) = database -%}
{% if let Some(url) = db.default_url -%}
    let database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "{{ url }}".to_owned());
{% else -%}
    let database_url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL must name the database, such as postgres://user:password@localhost/app")?;
{% endif -%}
    let db = {{ db.pool }}::connect(&database_url).await?;
    // The migrations of service/migrations, compiled in and applied in name order.
    sqlx::migrate!().run(&db).await?;
    let app = Arc::new(App { db, tasks: BackgroundTasks::new() });
    let readiness = axum::Router::new().route("{{ db.ready_path }}", get(ready)).with_state(Arc::clone(&app));
    // The readiness check joins the API's routes inside the middleware (request ids, logs).
    let routes = {{ lib }}::router_with_body_limit(Arc::clone(&app), settings.body_limit).merge(readiness);
    let router = {{ lib }}::middleware::wrap(routes, &settings);
{% else -%}
    let app = Arc::new(App::default());
    let router = {{ lib }}::service(Arc::clone(&app), &settings);
{% endif -%}
    {{ lib }}::serve(router, &settings, &app.tasks).await?;
    Ok(())
}
{% if let Some(db) = database %}

/// `GET {{ db.ready_path }}`: 200 when the database answers, 503 when it does not — for a
/// load balancer or an orchestrator's readiness probe.
async fn ready(State(app): State<Arc<App>>) -> Response {
    match sqlx::query("SELECT 1").execute(&app.db).await {
        Ok(_) => Json(json!({ "status": "ready" })).into_response(),
        Err(error) => {
            tracing::warn!(%error, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "detail": "Database unavailable" }))).into_response()
        }
    }
}
{% endif -%}
