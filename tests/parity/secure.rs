//! The handlers of the routes secured by each scheme: they answer who the check let in.

use API_CRATE::{
    ApiError, SecureApi, SecureBasicResponse, SecureCookieKeyResponse, SecureDigestResponse,
    SecureHeaderKeyResponse, SecureOauth2CodeResponse, SecureOauth2Response, SecureOpenidResponse,
    SecureQueryKeyResponse,
};

use crate::App;

impl SecureApi for App {
    async fn secure_basic(&self, me: Self::Principal) -> Result<SecureBasicResponse, ApiError> {
        Ok(SecureBasicResponse::Ok(me))
    }

    async fn secure_header_key(
        &self,
        me: Self::Principal,
    ) -> Result<SecureHeaderKeyResponse, ApiError> {
        Ok(SecureHeaderKeyResponse::Ok(me))
    }

    async fn secure_query_key(
        &self,
        me: Self::Principal,
    ) -> Result<SecureQueryKeyResponse, ApiError> {
        Ok(SecureQueryKeyResponse::Ok(me))
    }

    async fn secure_cookie_key(
        &self,
        me: Self::Principal,
    ) -> Result<SecureCookieKeyResponse, ApiError> {
        Ok(SecureCookieKeyResponse::Ok(me))
    }

    async fn secure_oauth2(&self, me: Self::Principal) -> Result<SecureOauth2Response, ApiError> {
        Ok(SecureOauth2Response::Ok(me))
    }

    async fn secure_oauth2_code(
        &self,
        me: Self::Principal,
    ) -> Result<SecureOauth2CodeResponse, ApiError> {
        Ok(SecureOauth2CodeResponse::Ok(me))
    }

    async fn secure_digest(&self, me: Self::Principal) -> Result<SecureDigestResponse, ApiError> {
        Ok(SecureDigestResponse::Ok(me))
    }

    async fn secure_openid(&self, me: Self::Principal) -> Result<SecureOpenidResponse, ApiError> {
        Ok(SecureOpenidResponse::Ok(me))
    }
}
