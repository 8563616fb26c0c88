//! The bearer check of the parity test: the one token the FastAPI app accepts.

use API_CRATE::models::UserResponse;
use API_CRATE::{ApiError, Security};

use crate::App;

impl Security for App {
    type Principal = UserResponse;

    async fn authenticate_http_bearer(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<UserResponse, ApiError> {
        if token == "parity-token" {
            Ok(UserResponse {
                id: 0,
                email: "me@example.com".to_owned(),
                name: "Me".to_owned(),
            })
        } else {
            Err(ApiError::unauthorized("Invalid token"))
        }
    }
}
