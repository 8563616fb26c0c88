//! The user's admin handler for the end-to-end test of specs/secured.yaml.

use e2e_secured_api::{AdminApi, ApiError, AuditResponse};

use crate::App;

impl AdminApi for App {
    async fn audit(&self, principal: Self::Principal) -> Result<AuditResponse, ApiError> {
        Ok(AuditResponse::Ok(vec![format!("seen by {principal}")]))
    }
}
