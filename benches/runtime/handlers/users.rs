//! The users handlers of the runtime benchmark, written as a user would: each answer is
//! a constructed model, with no store to lock and no example to parse. `API_CRATE` is
//! replaced with the api crate's name.

use API_CRATE::models::*;
use API_CRATE::{ApiError, CreateUserResponse, GetUserResponse, ListUsersResponse, UsersApi};

use crate::App;

impl UsersApi for App {
    async fn list_users(&self, _limit: i64, _offset: i64) -> Result<ListUsersResponse, ApiError> {
        Ok(ListUsersResponse::Ok(Vec::new()))
    }

    async fn create_user(&self, body: UserCreate) -> Result<CreateUserResponse, ApiError> {
        Ok(CreateUserResponse::Created(UserResponse {
            id: 1,
            email: body.email,
            name: body.name,
        }))
    }

    async fn get_user(&self, user_id: i64) -> Result<GetUserResponse, ApiError> {
        Ok(GetUserResponse::Ok(UserResponse {
            id: user_id,
            email: "user@example.com".to_owned(),
            name: "User".to_owned(),
        }))
    }
}
