{{ header }}
//! The API description the service was generated from, served at `/openapi.json` with the
//! responses the framework itself adds (422 validation errors, 401 on secured operations)
//! documented, and Swagger UI at `/docs` — its assets compiled into the binary, so the page
//! loads nothing from the internet.

use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use swagger_ui_dist::{ApiDefinition, OpenApiSource};

/// The spec as JSON.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// Where Swagger UI's scripts and styles are served.
const ASSETS: &str = "/docs/assets";

/// The Swagger UI page: local assets only, and no online validator badge (Swagger UI's
/// default fetches one from swagger.io).
const DOCS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title_html }} - Swagger UI</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
</script>
</body>
</html>
"##;

pub fn routes() -> Router {
    let assets = ApiDefinition { uri_prefix: ASSETS, api_definition: OpenApiSource::Uri("/openapi.json"), title: None };
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(|| async { Html(DOCS_PAGE) }))
        .merge(swagger_ui_dist::generate_routes(assets))
}

async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
