//! The users handlers of the parity test: the same tiny in-memory logic as
//! tests/fastapi/app.py. `API_CRATE` is replaced with the api crate's name.

use std::sync::Mutex;

use API_CRATE::models::*;
use API_CRATE::{ApiError, CreateUserResponse, GetUserResponse, ListUsersResponse, UsersApi};

use crate::App;

/// The users created so far; ids count up from 1, as in the FastAPI app.
static USERS: Mutex<Vec<UserResponse>> = Mutex::new(Vec::new());

fn users() -> std::sync::MutexGuard<'static, Vec<UserResponse>> {
    USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl UsersApi for App {
    async fn list_users(&self, limit: i64, offset: i64) -> Result<ListUsersResponse, ApiError> {
        let page = users()
            .iter()
            .skip(usize::try_from(offset).unwrap_or(0))
            .take(usize::try_from(limit).unwrap_or(0))
            .cloned()
            .collect();
        Ok(ListUsersResponse::Ok(page))
    }

    async fn create_user(&self, body: UserCreate) -> Result<CreateUserResponse, ApiError> {
        let mut users = users();
        let user = UserResponse {
            id: i64::try_from(users.len()).unwrap_or(i64::MAX) + 1,
            email: body.email,
            name: body.name,
        };
        users.push(user.clone());
        Ok(CreateUserResponse::Created(user))
    }

    async fn get_user(&self, user_id: i64) -> Result<GetUserResponse, ApiError> {
        let found = users().iter().find(|user| user.id == user_id).cloned();
        match found {
            Some(user) => Ok(GetUserResponse::Ok(user)),
            None => Err(ApiError::not_found("User not found")),
        }
    }
}
