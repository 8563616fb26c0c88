//! The guide's two tests, as a user of the users service writes them: with raw requests,
//! as FastAPI's `TestClient` sends them, and with typed calls. `API_CRATE` and
//! `SERVICE_CRATE` are replaced with the crates' names.

use std::sync::Arc;
use std::time::Duration;

use API_CRATE::client::ClientError;
use API_CRATE::models::UserCreate;
use API_CRATE::{CreateUserResponse, GetUserResponse, TestClient};
use SERVICE_CRATE::App;
use serde_json::{Value, json};

fn client() -> TestClient {
    TestClient::new(Arc::new(App::default()))
}

#[tokio::test]
async fn test_create_user() -> Result<(), ClientError> {
    let response = client()
        .post("/users")
        .json(&json!({"email": "test@example.com", "name": "Test", "age": 30}))
        .send()
        .await?;
    assert_eq!(response.status(), 201);
    assert_eq!(response.json::<Value>()?["email"], "test@example.com");
    Ok(())
}

#[tokio::test]
async fn test_get_nonexistent_user() -> Result<(), ClientError> {
    let response = client().get("/users/999").send().await?;
    assert_eq!(response.status(), 404);
    Ok(())
}

#[tokio::test]
async fn test_create_user_typed() -> Result<(), ClientError> {
    let client = client();
    let body = UserCreate {
        email: "test@example.com".to_owned(),
        name: "Test".to_owned(),
        age: 30,
    };
    let CreateUserResponse::Created(user) = client.create_user(&body).await?;
    assert_eq!(user.email, "test@example.com");
    assert_eq!(client.get_user(user.id).await?, GetUserResponse::Ok(user));
    Ok(())
}

#[tokio::test]
async fn test_get_nonexistent_user_typed() -> Result<(), ClientError> {
    let response = client().get_user(999).await?;
    assert!(matches!(response, GetUserResponse::NotFound(_)), "{response:?}");
    Ok(())
}

#[tokio::test]
async fn a_refused_request_reads_as_its_validation_errors() {
    let body = UserCreate {
        email: "not-an-email".to_owned(),
        name: String::new(),
        age: 200,
    };
    match client().create_user(&body).await {
        Err(ClientError::Invalid(errors)) => {
            let kinds: Vec<&str> = errors.iter().map(|error| error.kind.as_str()).collect();
            assert_eq!(kinds, ["value_error", "string_too_short", "less_than_equal"]);
            assert_eq!(errors[0].loc, [json!("body"), json!("email")]);
        }
        other => panic!("expected the validation errors, got {other:?}"),
    }
}

#[tokio::test]
async fn credentials_reach_the_check() {
    let client = client();
    let anonymous = client.get("/profile").send().await.map(|response| response.status());
    assert_eq!(anonymous, Ok(API_CRATE::StatusCode::UNAUTHORIZED));
    let refused = client.with_bearer("a-token").get_profile().await;
    assert_eq!(
        API_CRATE::client::status(&refused),
        Some(API_CRATE::StatusCode::UNAUTHORIZED)
    );
}

#[tokio::test]
async fn background_tasks_can_be_awaited() -> Result<(), ClientError> {
    let app = Arc::new(App::default());
    let client = TestClient::new(Arc::clone(&app));
    let body = UserCreate {
        email: "ada@example.com".to_owned(),
        name: "Ada".to_owned(),
        age: 36,
    };
    client.create_user(&body).await?;
    assert_eq!(app.tasks.finish(Duration::from_secs(5)).await, 0);
    let welcomed = app.welcomed.lock().map(|welcomed| welcomed.clone());
    assert_eq!(welcomed.ok(), Some(vec!["ada@example.com".to_owned()]));
    Ok(())
}
