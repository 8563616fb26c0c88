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

/// The app's `refuse(scheme)`: 401 (the check's scheme is named in its challenge).
fn refuse() -> ApiError {
    ApiError::unauthorized("Invalid credentials")
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
        if (credentials.username.as_str(), credentials.password.as_str()) == ("ada", "secret") {
            Ok(me())
        } else {
            Err(refuse())
        }
    }

    async fn authenticate_api_key_header(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if key == "header-key" { Ok(me()) } else { Err(refuse()) }
    }

    async fn authenticate_api_key_query(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if key == "query-key" { Ok(me()) } else { Err(refuse()) }
    }

    async fn authenticate_api_key_cookie(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if key == "cookie-key" { Ok(me()) } else { Err(refuse()) }
    }

    async fn authenticate_o_auth2_password_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if token == "parity-token" {
            Ok(me())
        } else {
            Err(refuse())
        }
    }

    async fn authenticate_o_auth2_authorization_code_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if token == "parity-token" { Ok(me()) } else { Err(refuse()) }
    }

    async fn authenticate_http_digest(
        &self,
        credentials: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if credentials == "parity-token" { Ok(me()) } else { Err(refuse()) }
    }

    async fn authenticate_open_id_connect(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if token == "parity-token" { Ok(me()) } else { Err(refuse()) }
    }
}
