//! The user's handlers for the end-to-end test of specs/profiles.yaml: each answers with
//! what it was handed, so the test can see every query style and multipart part arrive.

use e2e_profiles_api::models::*;
use e2e_profiles_api::{
    ApiError, Binary, CreateProfile201Headers, CreateProfileResponse, DeleteAvatar204Headers,
    DeleteAvatarResponse, DownloadAvatar200Headers, DownloadAvatarResponse,
    ProfileEventsResponse, ProfilesApi, SearchProfilesResponse, UploadAvatarResponse,
};

use crate::App;

/// The avatar every download answers: a PNG's signature, bytes that are not UTF-8.
const AVATAR: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

impl ProfilesApi for App {
    #[allow(clippy::too_many_arguments)] // one argument per parameter of the spec
    async fn search_profiles(
        &self,
        filter: Option<ProfileFilter>,
        ids: Option<Vec<i64>>,
        tags: Option<Vec<String>>,
        words: Option<Vec<String>>,
        page: Option<Page>,
        x_fields: Option<Vec<SearchProfilesXFieldsItem>>,
        x_viewer: Option<Viewer>,
        seen: Option<Vec<i64>>,
    ) -> Result<SearchProfilesResponse, ApiError> {
        let query = serde_json::json!({
            "filter": filter,
            "ids": ids,
            "tags": tags,
            "words": words,
            "page": page,
            "x_fields": x_fields,
            "x_viewer": x_viewer,
            "seen": seen,
        });
        let serde_json::Value::Object(query) = query else {
            return Err(ApiError::internal("the echo is an object"));
        };
        Ok(SearchProfilesResponse::Ok(ProfileSearch {
            profiles: Vec::new(),
            query,
        }))
    }

    async fn create_profile(&self, body: ProfileCreate) -> Result<CreateProfileResponse, ApiError> {
        let profile = Profile {
            id: 42,
            name: body.name,
            age: body.age,
            city: body.city,
        };
        let headers = CreateProfile201Headers {
            location: format!("/profiles/{}", profile.id),
            x_rate_limit_remaining: Some(9),
            x_profile_tags: None,
        };
        Ok(CreateProfileResponse::Created(profile, headers))
    }

    async fn profile_events(&self) -> Result<ProfileEventsResponse, ApiError> {
        let events = (1..=3).map(|number| Ok::<_, std::io::Error>(format!("data: {number}\n\n")));
        Ok(ProfileEventsResponse::Ok(Binary::from_stream(
            futures_util::stream::iter(events),
        )))
    }

    async fn delete_avatar(&self, _profile_id: i64) -> Result<DeleteAvatarResponse, ApiError> {
        let headers = DeleteAvatar204Headers { x_avatars_left: 0 };
        Ok(DeleteAvatarResponse::NoContent(headers))
    }

    async fn download_avatar(&self, profile_id: i64) -> Result<DownloadAvatarResponse, ApiError> {
        if profile_id != 7 {
            return Err(ApiError::not_found("No such avatar"));
        }
        // Streamed from a file, as a large one would be.
        let path = std::env::temp_dir().join(format!("e2e-avatar-{}.png", std::process::id()));
        std::fs::write(&path, AVATAR)?;
        let headers = DownloadAvatar200Headers {
            content_disposition: "attachment; filename=\"avatar.png\"".to_owned(),
        };
        Ok(DownloadAvatarResponse::Ok(Binary::file(&path).await?, headers))
    }

    async fn upload_avatar(
        &self,
        profile_id: i64,
        body: BodyUploadAvatarProfilesProfileIdAvatarPut,
    ) -> Result<UploadAvatarResponse, ApiError> {
        let file = body.file;
        let size = file.size() as i64;
        Ok(UploadAvatarResponse::Ok(Avatar {
            profile_id,
            filename: file.filename.unwrap_or_default(),
            content_type: file.content_type.unwrap_or_default(),
            size,
            caption: body.caption,
            width: body.width.unwrap_or(256),
            thumbnails: Some(body.thumbnails.map_or(0, |thumbnails| thumbnails.len() as i64)),
            crop: body.crop,
        }))
    }
}
