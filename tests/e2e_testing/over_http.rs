//! The typed client over HTTP, against the running service at `SERVICE_URL` (the
//! end-to-end test starts it); skipped without one. `API_CRATE` is replaced with the api
//! crate's name.

use API_CRATE::client::ClientError;
use API_CRATE::models::UserCreate;
use API_CRATE::{CreateUserResponse, GetUserResponse, HttpClient};

#[tokio::test]
async fn the_running_service_answers_typed_calls() -> Result<(), ClientError> {
    let Ok(url) = std::env::var("SERVICE_URL") else {
        eprintln!("skipped: SERVICE_URL names no running service");
        return Ok(());
    };
    let client = HttpClient::new(url);
    let body = UserCreate {
        email: "ada@example.com".to_owned(),
        name: "Ada".to_owned(),
        age: 36,
    };
    let CreateUserResponse::Created(user) = client.create_user(&body).await?;
    assert_eq!(client.get_user(user.id).await?, GetUserResponse::Ok(user));
    let missing = client.get_user(999_999).await?;
    assert!(matches!(missing, GetUserResponse::NotFound(_)), "{missing:?}");
    let response = client.get("/users").query("limit", "0").send().await?;
    assert_eq!(response.status(), 422);
    Ok(())
}
