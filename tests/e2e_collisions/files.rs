//! The user's handlers for the files of the end-to-end test of specs/collisions.yaml: each
//! answers its own name and the values it was given, so the test sees which operation a
//! request reached and what its parameters were.

use e2e_collisions_api::models::Matched;
use e2e_collisions_api::{
    ApiError, CancelJobResponse, DeleteFileResponse, FilesApi, GetBucketAclResponse,
    GetBucketResponse, GetFileJsonResponse, GetRangeResponse, ReplaceFileResponse,
    RestCountResponse, RestListResponse, WeatherByCityResponse, WeatherByPlaceResponse,
};

use crate::App;

fn matched(operation: &str, values: &[&dyn ToString]) -> Matched {
    Matched {
        operation: operation.to_owned(),
        values: values.iter().map(|value| value.to_string()).collect(),
    }
}

impl FilesApi for App {
    async fn get_file_json(&self, name: String) -> Result<GetFileJsonResponse, ApiError> {
        Ok(GetFileJsonResponse::Ok(matched("get_file_json", &[&name])))
    }

    async fn delete_file(&self, id: i64) -> Result<DeleteFileResponse, ApiError> {
        Ok(DeleteFileResponse::Ok(matched("delete_file", &[&id])))
    }

    async fn replace_file(&self, file_id: i64) -> Result<ReplaceFileResponse, ApiError> {
        Ok(ReplaceFileResponse::Ok(matched(
            "replace_file",
            &[&file_id],
        )))
    }

    async fn get_range(&self, from: i64, to: i64) -> Result<GetRangeResponse, ApiError> {
        Ok(GetRangeResponse::Ok(matched("get_range", &[&from, &to])))
    }

    async fn cancel_job(&self, name: String) -> Result<CancelJobResponse, ApiError> {
        Ok(CancelJobResponse::Ok(matched("cancel_job", &[&name])))
    }

    async fn rest_list(&self) -> Result<RestListResponse, ApiError> {
        Ok(RestListResponse::Ok(matched("rest_list", &[])))
    }

    async fn rest_count(&self) -> Result<RestCountResponse, ApiError> {
        Ok(RestCountResponse::Ok(matched("rest_count", &[])))
    }

    async fn weather_by_city(&self, city: String) -> Result<WeatherByCityResponse, ApiError> {
        Ok(WeatherByCityResponse::Ok(matched(
            "weather_by_city",
            &[&city],
        )))
    }

    async fn weather_by_place(
        &self,
        lat: f64,
        lon: f64,
    ) -> Result<WeatherByPlaceResponse, ApiError> {
        Ok(WeatherByPlaceResponse::Ok(matched(
            "weather_by_place",
            &[&lat, &lon],
        )))
    }

    async fn get_bucket_acl(&self, bucket: String) -> Result<GetBucketAclResponse, ApiError> {
        Ok(GetBucketAclResponse::Ok(matched(
            "get_bucket_acl",
            &[&bucket],
        )))
    }

    async fn get_bucket(&self, bucket: String) -> Result<GetBucketResponse, ApiError> {
        Ok(GetBucketResponse::Ok(matched("get_bucket", &[&bucket])))
    }
}
