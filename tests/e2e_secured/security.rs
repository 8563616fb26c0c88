//! The user's credential checks for the end-to-end test of specs/secured.yaml.

use e2e_secured_api::{ApiError, BasicCredentials, Security};

use crate::App;

impl Security for App {
    type Principal = String;

    async fn authenticate_bearer_auth(
        &self,
        token: String,
        scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        match token.as_str() {
            "writer-token" => Ok("writer".to_owned()),
            "reader-token" if !scopes.contains(&"notes:write") => Ok("reader".to_owned()),
            "reader-token" => Err(ApiError::forbidden("Not enough permissions")),
            _ => Err(ApiError::unauthorized("Invalid token")),
        }
    }

    async fn authenticate_header_key(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        if key == "header-key" {
            Ok("header key".to_owned())
        } else {
            Err(ApiError::unauthorized("Invalid key"))
        }
    }

    async fn authenticate_query_key(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        if key == "query-key" {
            Ok("query key".to_owned())
        } else {
            Err(ApiError::unauthorized("Invalid key"))
        }
    }

    async fn authenticate_session_cookie(
        &self,
        key: String,
        _scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        if key == "session-1" {
            Ok("session owner".to_owned())
        } else {
            Err(ApiError::unauthorized("Invalid session"))
        }
    }

    async fn authenticate_basic_auth(
        &self,
        credentials: BasicCredentials,
        _scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        if credentials.username == "admin" && credentials.password == "s3cret" {
            Ok("admin".to_owned())
        } else {
            Err(ApiError::unauthorized("Invalid user name or password"))
        }
    }
}
