//! Runs the {{ title }} service.
//!
//! specforge wrote this file once and will never overwrite it: it is yours.

mod handlers;

use std::sync::Arc;

use {{ lib }}::BackgroundTasks;
use tracing_subscriber::EnvFilter;

/// The service's dependencies — database pools, HTTP clients, settings — shared by every
/// handler through `&self`: the Rust form of FastAPI's `Depends`.
#[derive(Debug, Default)]
pub struct App {
    /// Work handlers start after answering (`self.tasks.spawn(...)`); a stopping service
    /// waits for it.
    pub tasks: BackgroundTasks,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let settings = {{ lib }}::Settings::from_env()?;
    let app = Arc::new(App::default());
    let router = {{ lib }}::service(Arc::clone(&app), &settings);
    {{ lib }}::serve(router, &settings, &app.tasks).await?;
    Ok(())
}
