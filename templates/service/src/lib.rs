//! The {{ title }} service: its dependencies ([`App`]) and its handlers, shared by the
//! binary (`main.rs`) and the tests (`tests/`).
//!
//! specforge wrote this file once and will never overwrite it: it is yours.

mod handlers;

use {{ lib }}::BackgroundTasks;

/// The service's dependencies — database pools, HTTP clients, settings — shared by every
/// handler through `&self`: the Rust form of FastAPI's `Depends`. A test builds its own,
/// with the dependencies it wants: the Rust form of `dependency_overrides`.
{% if let Some(db) = database -%}
#[derive(Debug)]
pub struct App {
    /// The database, from `DATABASE_URL`{% if let Some(url) = db.default_url %} (default `{{ url }}`){% endif %}.
    pub db: {{ db.pool }},
{% else -%}
#[derive(Debug, Default)]
pub struct App {
{% endif -%}
    /// Work handlers start after answering (`self.tasks.spawn(...)`); a stopping service
    /// waits for it, and a test can too (`app.tasks.finish(...)`).
    pub tasks: BackgroundTasks,
}
