//! The user's handlers for the end-to-end test of specs/secured.yaml: each answers with
//! the principal it was given, so the test sees who the checks let in.

use std::time::Duration;

use e2e_secured_api::models::*;
use e2e_secured_api::{
    ApiError, CreateNoteResponse, CurrentSessionResponse, FeedResponse, GetNoteResponse,
    HealthResponse, ListNotesResponse, NotesApi,
};

use crate::App;

impl NotesApi for App {
    async fn health(&self) -> Result<HealthResponse, ApiError> {
        Ok(HealthResponse::Ok(Status {
            status: "ok".to_owned(),
        }))
    }

    /// `limit=42` is slow: the test uses it for the timeout and for a request in flight
    /// during shutdown.
    async fn list_notes(
        &self,
        principal: Self::Principal,
        limit: Option<i64>,
    ) -> Result<ListNotesResponse, ApiError> {
        if limit == Some(42) {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        Ok(ListNotesResponse::Ok(vec![Note {
            id: 1,
            text: principal,
        }]))
    }

    /// Writes the note to `NOTES_OUTBOX` in the background, after answering.
    async fn create_note(
        &self,
        principal: Self::Principal,
        body: NoteCreate,
    ) -> Result<CreateNoteResponse, ApiError> {
        if let Ok(outbox) = std::env::var("NOTES_OUTBOX") {
            let text = body.text.clone();
            self.tasks.spawn_blocking(move || {
                std::thread::sleep(Duration::from_secs(1));
                if let Err(error) = std::fs::write(&outbox, text) {
                    tracing::error!(%error, "cannot write the outbox");
                }
            });
        }
        Ok(CreateNoteResponse::Created(Note {
            id: 2,
            text: format!("{principal}: {}", body.text),
        }))
    }

    async fn get_note(
        &self,
        principal: Option<Self::Principal>,
        note_id: i64,
    ) -> Result<GetNoteResponse, ApiError> {
        Ok(GetNoteResponse::Ok(Note {
            id: note_id,
            text: principal.unwrap_or_else(|| "anonymous".to_owned()),
        }))
    }

    async fn feed(&self, principal: Self::Principal) -> Result<FeedResponse, ApiError> {
        Ok(FeedResponse::Ok(vec![Note {
            id: 3,
            text: principal,
        }]))
    }

    async fn current_session(
        &self,
        principal: Self::Principal,
    ) -> Result<CurrentSessionResponse, ApiError> {
        Ok(CurrentSessionResponse::Ok(Status { status: principal }))
    }
}
