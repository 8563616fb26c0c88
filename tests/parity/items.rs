//! The items handlers of the parity test: each answers with what it was given, as the
//! FastAPI app's do, so the comparison sees what validation handed on.

use API_CRATE::models::*;
use API_CRATE::{
    ApiError, CreateItemResponse, ItemsApi, LoginResponse, PlaceItemResponse, SearchItemsResponse,
    UploadFileResponse,
};

use crate::App;

impl ItemsApi for App {
    async fn search_items(
        &self,
        q: Vec<String>,
        min_price: Option<f64>,
        in_stock: bool,
        color: Option<Color>,
        x_request_tag: Option<String>,
        theme: Option<String>,
    ) -> Result<SearchItemsResponse, ApiError> {
        Ok(SearchItemsResponse::Ok(ItemSearch {
            q,
            min_price,
            in_stock,
            color,
            request_tag: x_request_tag,
            theme,
        }))
    }

    async fn create_item(&self, body: ItemCreate) -> Result<CreateItemResponse, ApiError> {
        Ok(CreateItemResponse::Created(body))
    }

    async fn place_item(
        &self,
        color: Color,
        shelf: i64,
        x_token: String,
    ) -> Result<PlaceItemResponse, ApiError> {
        Ok(PlaceItemResponse::Ok(ItemPlace {
            color,
            shelf,
            token: x_token,
        }))
    }

    async fn upload_file(&self, body: BodyUploadFile) -> Result<UploadFileResponse, ApiError> {
        Ok(UploadFileResponse::Ok(Upload {
            size: body.file.size() as i64,
            filename: body.file.filename,
            content_type: body.file.content_type,
            caption: body.caption,
            copies: body.copies.unwrap_or(1),
            extras: body.extras.map_or(0, |extras| extras.len() as i64),
        }))
    }

    async fn login(&self, body: BodyLogin) -> Result<LoginResponse, ApiError> {
        Ok(LoginResponse::Ok(Login {
            username: body.username,
            remember: body.remember.unwrap_or_default(),
            scopes: body.scopes.unwrap_or_default(),
        }))
    }
}
