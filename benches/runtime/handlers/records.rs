//! The records handler of the runtime benchmark: the validated record in, a receipt out.
//! `API_CRATE` is replaced with the api crate's name.

use API_CRATE::models::*;
use API_CRATE::{ApiError, CreateRecordResponse, RecordsApi};

use crate::App;

impl RecordsApi for App {
    async fn create_record(&self, body: Record) -> Result<CreateRecordResponse, ApiError> {
        Ok(CreateRecordResponse::Created(RecordReceipt {
            id: 1,
            items: i64::try_from(body.items.len()).unwrap_or(i64::MAX),
        }))
    }
}
