//! The user's handlers for the end-to-end test of `TestClient`: the users API kept in
//! the store `App` holds. `API_CRATE` is replaced with the api crate's name; `CREATED`
//! with how a new user is answered.

use std::sync::{Arc, Mutex, MutexGuard};

use API_CRATE::models::*;
use API_CRATE::{ApiError, CreateUserResponse, GetUserResponse, ListUsersResponse, UsersApi};

use crate::App;

fn store(users: &Mutex<Vec<UserResponse>>) -> Result<MutexGuard<'_, Vec<UserResponse>>, ApiError> {
    users
        .lock()
        .map_err(|_| ApiError::internal("the store was left inconsistent"))
}

impl UsersApi for App {
    async fn list_users(&self, limit: i64, offset: i64) -> Result<ListUsersResponse, ApiError> {
        let users = store(&self.users)?;
        let page = users
            .iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(0))
            .cloned()
            .collect();
        Ok(ListUsersResponse::Ok(page))
    }

    async fn create_user(&self, body: UserCreate) -> Result<CreateUserResponse, ApiError> {
        let mut users = store(&self.users)?;
        let user = UserResponse {
            id: i64::try_from(users.len()).unwrap_or(i64::MAX) + 1,
            email: body.email,
            name: body.name,
        };
        users.push(user.clone());
        // Welcoming the user is work the answer does not wait for.
        let welcomed = Arc::clone(&self.welcomed);
        let email = user.email.clone();
        self.tasks.spawn(async move {
            if let Ok(mut welcomed) = welcomed.lock() {
                welcomed.push(email);
            }
        });
        CREATED
    }

    async fn get_user(&self, user_id: i64) -> Result<GetUserResponse, ApiError> {
        let users = store(&self.users)?;
        match users.iter().find(|user| user.id == user_id) {
            Some(user) => Ok(GetUserResponse::Ok(user.clone())),
            None => Ok(GetUserResponse::NotFound(HttpError {
                detail: "User not found".to_owned(),
            })),
        }
    }
}
