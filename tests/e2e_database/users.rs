//! The user's handlers for the end-to-end tests of `--db`: the users API kept in the
//! database pool that `App` holds. `API_CRATE` is replaced with the api crate's name.

use API_CRATE::models::*;
use API_CRATE::{ApiError, CreateUserResponse, GetUserResponse, ListUsersResponse, UsersApi};

use crate::App;

type UserRow = (i64, String, String);

fn user(row: UserRow) -> UserResponse {
    let (id, email, name) = row;
    UserResponse { id, email, name }
}

impl UsersApi for App {
    async fn list_users(&self, limit: i64, offset: i64) -> Result<ListUsersResponse, ApiError> {
        let rows: Vec<UserRow> =
            sqlx::query_as("SELECT id, email, name FROM users ORDER BY id LIMIT $1 OFFSET $2")
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.db)
                .await?;
        Ok(ListUsersResponse::Ok(rows.into_iter().map(user).collect()))
    }

    async fn create_user(&self, body: UserCreate) -> Result<CreateUserResponse, ApiError> {
        let row: UserRow = sqlx::query_as(
            "INSERT INTO users (email, name, age) VALUES ($1, $2, $3) RETURNING id, email, name",
        )
        .bind(&body.email)
        .bind(&body.name)
        .bind(body.age)
        .fetch_one(&self.db)
        .await?;
        Ok(CreateUserResponse::Created(user(row)))
    }

    async fn get_user(&self, user_id: i64) -> Result<GetUserResponse, ApiError> {
        let row: Option<UserRow> = sqlx::query_as("SELECT id, email, name FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.db)
            .await?;
        match row {
            Some(row) => Ok(GetUserResponse::Ok(user(row))),
            None => Err(ApiError::not_found("User not found")),
        }
    }
}
