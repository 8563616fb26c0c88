//! The credential check of specs/users.yaml as a user would write it, for the outside
//! tester: one token is accepted (schemathesis.toml presents it), any other refused.

use API_CRATE::{ApiError, Security};

use crate::App;

impl Security for App {
    type Principal = String;

    async fn authenticate_bearer_auth(
        &self,
        token: String,
        _scopes: &'static [&'static str],
    ) -> Result<String, ApiError> {
        if token == "schemathesis-token" {
            Ok("schemathesis".to_owned())
        } else {
            Err(ApiError::unauthorized("Invalid authentication credentials"))
        }
    }
}
