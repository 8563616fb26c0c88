//! The profile handler of the parity test: answers who the bearer check let in.

use API_CRATE::{ApiError, GetProfileResponse, ProfileApi};

use crate::App;

impl ProfileApi for App {
    async fn get_profile(&self, principal: Self::Principal) -> Result<GetProfileResponse, ApiError> {
        Ok(GetProfileResponse::Ok(principal))
    }
}
