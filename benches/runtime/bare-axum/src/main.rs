//! The runtime benchmark's baseline: the same routes and models as the generated service
//! under test, each request body read through `Json<T>` into the same shape, and nothing
//! else — no validation beyond what deserializing does, no middleware. Listens on
//! `127.0.0.1:$PORT`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct UserCreate {
    email: String,
    name: String,
    age: i64,
}

#[derive(Serialize)]
struct UserResponse {
    id: i64,
    email: String,
    name: String,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "read whole, as Json<T> does")]
struct Item {
    name: String,
    quantity: i64,
    prices: Vec<f64>,
}

/// The wide record: 100 scalar fields and two nested arrays, as in
/// `benches/runtime/records.py`.
macro_rules! record {
    ($($text:ident)*; $($count:ident)*; $($flag:ident)*; $($amount:ident)*) => {
        #[derive(Deserialize)]
        #[allow(dead_code, reason = "read whole, as Json<T> does; only the items are counted")]
        struct Record {
            $($text: String,)*
            $($count: i64,)*
            $($flag: bool,)*
            $($amount: f64,)*
            tags: Vec<String>,
            items: Vec<Item>,
        }
    };
}

record!(
    s00 s01 s02 s03 s04 s05 s06 s07 s08 s09 s10 s11 s12 s13 s14 s15 s16 s17 s18 s19
    s20 s21 s22 s23 s24 s25 s26 s27 s28 s29 s30 s31 s32 s33 s34 s35 s36 s37 s38 s39;
    n00 n01 n02 n03 n04 n05 n06 n07 n08 n09 n10 n11 n12 n13 n14 n15 n16 n17 n18 n19
    n20 n21 n22 n23 n24 n25 n26 n27 n28 n29 n30 n31 n32 n33 n34 n35 n36 n37 n38 n39;
    b00 b01 b02 b03 b04 b05 b06 b07 b08 b09;
    x00 x01 x02 x03 x04 x05 x06 x07 x08 x09
);

#[derive(Serialize)]
struct RecordReceipt {
    id: i64,
    items: i64,
}

/// The benchmark's control: `EXTRA_NS` nanoseconds of busy work a request (none unless set),
/// to show how the saturated run's p99 moves with a small cost a request.
fn extra_work() {
    static EXTRA: OnceLock<Duration> = OnceLock::new();
    let extra = *EXTRA.get_or_init(|| {
        let nanos = std::env::var("EXTRA_NS")
            .ok()
            .and_then(|text| text.parse().ok());
        Duration::from_nanos(nanos.unwrap_or(0))
    });
    if !extra.is_zero() {
        let started = Instant::now();
        while started.elapsed() < extra {
            std::hint::spin_loop();
        }
    }
}

async fn create_user(Json(user): Json<UserCreate>) -> (StatusCode, Json<UserResponse>) {
    extra_work();
    let _ = user.age;
    let created = UserResponse {
        id: 1,
        email: user.email,
        name: user.name,
    };
    (StatusCode::CREATED, Json(created))
}

async fn get_user(Path(user_id): Path<i64>) -> Json<UserResponse> {
    extra_work();
    Json(UserResponse {
        id: user_id,
        email: "user@example.com".to_owned(),
        name: "User".to_owned(),
    })
}

async fn create_record(Json(record): Json<Record>) -> (StatusCode, Json<RecordReceipt>) {
    extra_work();
    let receipt = RecordReceipt {
        id: 1,
        items: i64::try_from(record.items.len()).unwrap_or(i64::MAX),
    };
    (StatusCode::CREATED, Json(receipt))
}

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".to_owned());
    let app = Router::new()
        .route("/users", post(create_user))
        .route("/users/{user_id}", get(get_user))
        .route("/records", post(create_record));
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    axum::serve(listener, app).await
}
