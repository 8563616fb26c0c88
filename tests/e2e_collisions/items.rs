//! The user's handlers for the items of the end-to-end test of specs/collisions.yaml:
//! listing answers an empty list, except that a page size of 13 panics, as a bug in a
//! handler would (an index out of range), so the test sees the service answer it and go on.

use e2e_collisions_api::models::*;
use e2e_collisions_api::{ApiError, ItemsApi, ListItemsResponse};

use crate::App;

/// The page size whose listing panics.
const PANICKING_PAGE_SIZE: i64 = 13;

impl ItemsApi for App {
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
    async fn list_items(
        &self,
        _color: Vec<Color>,
        _sort: Option<Sort>,
        _status: Option<Status>,
        _cookie_sort: Option<Sort>,
        page_size: Option<i64>,
        _header_page_size: Option<i64>,
        _result: Option<ResultModel>,
    ) -> Result<ListItemsResponse, ApiError> {
        let items: Vec<Item> = Vec::new();
        if page_size == Some(PANICKING_PAGE_SIZE) {
            let index = items.len() + 1;
            return Ok(ListItemsResponse::Ok(vec![items[index].clone()]));
        }
        Ok(ListItemsResponse::Ok(items))
    }
}
