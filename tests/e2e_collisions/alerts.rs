//! The user's handler for the end-to-end test of specs/collisions.yaml: alert 999 never
//! finishes, holding its worker thread as CPU-bound work that never yields would, so the
//! test can show that a stopping service does not wait for it past its grace period.

use std::time::Duration;

use e2e_collisions_api::models::*;
use e2e_collisions_api::{AlertsApi, ApiError, GetAlertResponse};

use crate::App;

/// The alert whose handler never returns.
const STUCK_ALERT: i64 = 999;

impl AlertsApi for App {
    async fn get_alert(&self, alert_number: AlertNumber) -> Result<GetAlertResponse, ApiError> {
        if alert_number == STUCK_ALERT {
            // Blocks the thread: no timer of the runtime can interrupt it.
            std::thread::sleep(Duration::from_secs(600));
        }
        Ok(GetAlertResponse::Ok(Alert {
            number: alert_number,
            state: Status::Open,
        }))
    }
}
