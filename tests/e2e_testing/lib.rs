//! The user's `src/lib.rs` for the end-to-end test of `TestClient`: `App` holds an
//! in-memory store of users. `API_CRATE` is replaced with the api crate's name.

mod handlers;

use std::sync::{Arc, Mutex};

use API_CRATE::BackgroundTasks;
use API_CRATE::models::UserResponse;

#[derive(Debug, Default)]
pub struct App {
    pub users: Mutex<Vec<UserResponse>>,
    /// Whom the background task of `create_user` has welcomed.
    pub welcomed: Arc<Mutex<Vec<String>>>,
    pub tasks: BackgroundTasks,
}
