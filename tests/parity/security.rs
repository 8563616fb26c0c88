//! The credential checks of the parity test: each accepts the one credential the FastAPI
//! app's check accepts, and refuses any other as it does.

use API_CRATE::models::UserResponse;
use API_CRATE::{ApiError, BasicCredentials, Security};

use crate::App;

fn me() -> UserResponse {
    UserResponse {
        id: 0,
        email: "me@example.com".to_owned(),
        name: "Me".to_owned(),
    }
}

/// The app's checks: the one credential accepted, any other refused with its
/// `refuse(scheme)`, a 401 (the check's scheme is named in its challenge).
fn accept(given: &str, accepted: &str) -> Result<UserResponse, ApiError> {
    if given == accepted {
        Ok(me())
    } else {
        Err(ApiError::unauthorized("Invalid credentials"))
    }
}

impl Security for App {
    type Principal = UserResponse;

    async fn authenticate_http_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if token == "parity-token" {
            Ok(me())
        } else {
            Err(ApiError::unauthorized("Invalid token"))
        }
    }

    async fn authenticate_http_basic(
        &self,
        credentials: BasicCredentials,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        let given = format!("{}:{}", credentials.username, credentials.password);
        accept(&given, "ada:secret")
    }

    async fn authenticate_api_key_header(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&key, "header-key")
    }

    async fn authenticate_api_key_query(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&key, "query-key")
    }

    async fn authenticate_api_key_cookie(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&key, "cookie-key")
    }

    async fn authenticate_o_auth2_password_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&token, "parity-token")
    }

    async fn authenticate_o_auth2_authorization_code_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&token, "parity-token")
    }

    async fn authenticate_http_digest(
        &self,
        credentials: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&credentials, "parity-token")
    }

    async fn authenticate_open_id_connect(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        accept(&token, "parity-token")
    }
}
