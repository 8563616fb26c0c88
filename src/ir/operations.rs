//! One operation → an [`Operation`]: typed parameters, one request body, and the
//! closed set of responses a handler may return.

use indexmap::IndexMap;
use openapiv3::{MediaType, ParameterSchemaOrContent, QueryStyle, ReferenceOr};
use serde_json::Value;

use super::path::{ConditionValue, PathTemplate};
use super::schemas::TypeSpace;
use super::{
    BodyKind, HttpMethod, Operation, Parameter, ParameterLocation, ParameterStyle, RequestBody,
    Response, ResponseBody, ResponseHeader, Schema, StatusKey, StringFormat, Ty,
};
use crate::diagnostics::{Diagnostic, pointer_join};

/// Headers that OpenAPI says are described elsewhere and must be ignored as parameters.
const RESERVED_HEADERS: [&str; 3] = ["accept", "content-type", "authorization"];

/// Lowers one operation, with the type space its inline schemas are named into.
pub(super) struct OperationLowering<'s, 'a> {
    pub(super) space: &'s mut TypeSpace<'a>,
    pub(super) pointer: &'s str,
    /// The words inline types of this operation are named from.
    pub(super) place: String,
}

impl OperationLowering<'_, '_> {
    pub(super) fn lower(
        mut self,
        path: &str,
        template: &PathTemplate,
        method: &str,
        path_parameters: &[ReferenceOr<openapiv3::Parameter>],
        operation: &openapiv3::Operation,
    ) -> Operation {
        let parameters = self.parameters(template, path_parameters, &operation.parameters);
        let body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.request_body(body));
        let responses = self.responses(&operation.responses);
        Operation {
            pointer: self.pointer.to_owned(),
            operation_id: operation.operation_id.clone(),
            method: http_method(method),
            path: path.to_owned(),
            template: template.clone(),
            tag: 0,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            parameters,
            body,
            responses,
            security: None,
            rust_name: String::new(),
            response_enum: String::new(),
            shapes_module: String::new(),
            path_template_name: String::new(),
        }
    }

    /// Path-item parameters, overridden by the operation's own of the same name and place.
    fn parameters(
        &mut self,
        template: &PathTemplate,
        shared: &[ReferenceOr<openapiv3::Parameter>],
        own: &[ReferenceOr<openapiv3::Parameter>],
    ) -> Vec<Parameter> {
        let shared_pointer = self
            .pointer
            .rsplit_once('/')
            .map_or("", |(item, _)| item)
            .to_owned();
        let mut parameters: Vec<Parameter> = Vec::new();
        let sources = shared
            .iter()
            .enumerate()
            .map(|(index, parameter)| {
                (
                    pointer_join(&shared_pointer, &["parameters", &index.to_string()]),
                    parameter,
                )
            })
            .chain(own.iter().enumerate().map(|(index, parameter)| {
                (
                    pointer_join(self.pointer, &["parameters", &index.to_string()]),
                    parameter,
                )
            }));
        for (pointer, parameter) in sources {
            let Some(parameter) = self.parameter(parameter, &pointer) else {
                continue;
            };
            parameters.retain(|existing| {
                !(existing.name == parameter.name && existing.location == parameter.location)
            });
            parameters.push(parameter);
        }
        for parameter in &mut parameters {
            if parameter.location == ParameterLocation::Path
                && let Some(query_name) = template.query_name_of(&parameter.name)
            {
                parameter.location = ParameterLocation::Query;
                parameter.name = query_name.to_owned();
            }
        }
        let templated = template
            .parameter_names()
            .map(|name| (name, ParameterLocation::Path))
            .chain(template.conditions.iter().filter_map(|condition| {
                matches!(condition.value, ConditionValue::Parameter(_))
                    .then_some((condition.name.as_str(), ParameterLocation::Query))
            }));
        for (name, location) in templated.collect::<Vec<_>>() {
            let declared = parameters
                .iter()
                .any(|parameter| parameter.location == location && parameter.name == name);
            if !declared {
                self.space.diagnostics.push(Diagnostic::warning(
                    self.pointer,
                    format!(
                        "parameter `{name}` of the path is not declared; it is taken as a string"
                    ),
                ));
                parameters.push(Parameter {
                    name: name.to_owned(),
                    location,
                    required: true,
                    schema: Schema::of(Ty::String(StringFormat::Plain)),
                    style: ParameterStyle::Form,
                    explode: true,
                    doc: None,
                    example: None,
                    rust_name: String::new(),
                    shape_name: String::new(),
                });
            }
        }
        parameters
    }

    fn parameter(
        &mut self,
        parameter: &ReferenceOr<openapiv3::Parameter>,
        pointer: &str,
    ) -> Option<Parameter> {
        let (parameter, pointer) = match self.space.resolver().resolve(parameter, pointer) {
            Ok(resolved) => resolved,
            Err(diagnostic) => {
                self.space.diagnostics.push(diagnostic);
                return None;
            }
        };
        let (location, style) = match parameter.as_ref() {
            openapiv3::Parameter::Query { style, .. } => (
                ParameterLocation::Query,
                match style {
                    QueryStyle::Form => ParameterStyle::Form,
                    QueryStyle::SpaceDelimited => ParameterStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParameterStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParameterStyle::DeepObject,
                },
            ),
            openapiv3::Parameter::Header { .. } => {
                (ParameterLocation::Header, ParameterStyle::Simple)
            }
            openapiv3::Parameter::Path { .. } => (ParameterLocation::Path, ParameterStyle::Simple),
            openapiv3::Parameter::Cookie { .. } => {
                (ParameterLocation::Cookie, ParameterStyle::Form)
            }
        };
        let data = parameter.parameter_data_ref();
        if location == ParameterLocation::Header
            && RESERVED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
        {
            return None;
        }
        let place = vec![self.place.clone(), data.name.clone()];
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.space
                    .lower(schema, &pointer_join(&pointer, &["schema"]), &place)
            }
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((
                    media_type,
                    MediaType {
                        schema: Some(schema),
                        ..
                    },
                )) => {
                    let schema_pointer = pointer_join(&pointer, &["content", media_type, "schema"]);
                    self.space.lower(schema, &schema_pointer, &place)
                }
                _ => Schema::of(Ty::String(StringFormat::Plain)),
            },
        };
        let example = data.example.clone().or_else(|| {
            data.examples
                .values()
                .find_map(|example| self.example_value(example))
        });
        Some(Parameter {
            name: data.name.clone(),
            location,
            required: data.required || location == ParameterLocation::Path,
            schema,
            style,
            // OpenAPI: `form` explodes unless told otherwise, every other style does not.
            explode: data.explode.unwrap_or(style == ParameterStyle::Form),
            doc: data.description.clone(),
            example,
            rust_name: String::new(),
            shape_name: String::new(),
        })
    }

    fn request_body(&mut self, body: &ReferenceOr<openapiv3::RequestBody>) -> Option<RequestBody> {
        let pointer = pointer_join(self.pointer, &["requestBody"]);
        let (body, pointer) = match self.space.resolver().resolve(body, &pointer) {
            Ok(resolved) => resolved,
            Err(diagnostic) => {
                self.space.diagnostics.push(diagnostic);
                return None;
            }
        };
        let place = vec![self.place.clone(), "Request".to_owned()];
        let (media_type, kind, schema, example) = self.content(&body.content, &pointer, &place)?;
        let part_types = body
            .content
            .get(&media_type)
            .map(|media| {
                media
                    .encoding
                    .iter()
                    .filter_map(|(part, encoding)| {
                        Some((part.clone(), encoding.content_type.clone()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(RequestBody {
            media_type,
            kind,
            schema,
            required: body.required,
            example,
            part_types,
            json_parts: Vec::new(),
            shape_name: String::new(),
        })
    }

    fn responses(&mut self, responses: &openapiv3::Responses) -> Vec<Response> {
        let declared = responses
            .responses
            .iter()
            .map(|(status, response)| {
                let key = match status {
                    openapiv3::StatusCode::Code(code) => StatusKey::Code(*code),
                    openapiv3::StatusCode::Range(digit) => StatusKey::Range(*digit as u8),
                };
                (key, status.to_string(), response)
            })
            .chain(
                responses
                    .default
                    .iter()
                    .map(|response| (StatusKey::Default, "default".to_owned(), response)),
            );
        let mut lowered = Vec::new();
        for (status, label, response) in declared {
            let pointer = pointer_join(self.pointer, &["responses", &label]);
            let (response, pointer) = match self.space.resolver().resolve(response, &pointer) {
                Ok(resolved) => resolved,
                Err(diagnostic) => {
                    self.space.diagnostics.push(diagnostic);
                    continue;
                }
            };
            let place = vec![self.place.clone(), label.clone(), "Response".to_owned()];
            let body = self.content(&response.content, &pointer, &place).map(
                |(media_type, kind, schema, example)| ResponseBody {
                    media_type,
                    kind,
                    schema,
                    example,
                },
            );
            let headers = self.response_headers(&response.headers, &pointer, &place);
            lowered.push(Response {
                status,
                description: response.description.clone(),
                body,
                headers,
                rust_name: String::new(),
                headers_type: String::new(),
            });
        }
        lowered.sort_by_key(|response| response.status);
        lowered
    }

    /// The headers a response declares, but `Content-Type`, which OpenAPI says to ignore
    /// (the body's media type sets it).
    fn response_headers(
        &mut self,
        headers: &IndexMap<String, ReferenceOr<openapiv3::Header>>,
        pointer: &str,
        place: &[String],
    ) -> Vec<ResponseHeader> {
        let mut lowered = Vec::new();
        for (name, header) in headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header_pointer = pointer_join(pointer, &["headers", name]);
            let (header, header_pointer) =
                match self.space.resolver().resolve(header, &header_pointer) {
                    Ok(resolved) => resolved,
                    Err(diagnostic) => {
                        self.space.diagnostics.push(diagnostic);
                        continue;
                    }
                };
            let mut place = place.to_vec();
            place.push(name.clone());
            let schema = match &header.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.space
                        .lower(schema, &pointer_join(&header_pointer, &["schema"]), &place)
                }
                ParameterSchemaOrContent::Content(_) => Schema::of(Ty::String(StringFormat::Plain)),
            };
            let example = header.example.clone().or_else(|| {
                header
                    .examples
                    .values()
                    .find_map(|example| self.example_value(example))
            });
            lowered.push(ResponseHeader {
                name: name.clone(),
                schema,
                required: header.required,
                doc: header.description.clone(),
                example,
                rust_name: String::new(),
            });
        }
        lowered
    }

    /// Picks the media type a generated service speaks — JSON first, then form, text and
    /// finally raw bytes — and converts its schema.
    fn content(
        &mut self,
        content: &IndexMap<String, MediaType>,
        pointer: &str,
        place: &[String],
    ) -> Option<(String, BodyKind, Schema, Option<Value>)> {
        let (media_type, media, kind) = content
            .iter()
            .map(|(media_type, media)| (media_type, media, body_kind(media_type)))
            .min_by_key(|(_, _, kind)| match kind {
                BodyKind::Json => 0,
                BodyKind::Form => 1,
                BodyKind::Multipart => 2,
                BodyKind::Text => 3,
                BodyKind::Bytes => 4,
            })?;
        let media_pointer = pointer_join(pointer, &["content", media_type]);
        let schema = match (&media.schema, kind) {
            (Some(schema), BodyKind::Json | BodyKind::Form | BodyKind::Multipart) => self
                .space
                .lower(schema, &pointer_join(&media_pointer, &["schema"]), place),
            (_, BodyKind::Text) => Schema::of(Ty::String(StringFormat::Plain)),
            (_, BodyKind::Bytes) => Schema::of(Ty::String(StringFormat::Bytes)),
            (None, _) => Schema::of(Ty::Any),
        };
        let example = media.example.clone().or_else(|| {
            media
                .examples
                .values()
                .find_map(|example| self.example_value(example))
        });
        Some((media_type.clone(), kind, schema, example))
    }

    fn example_value(&mut self, example: &ReferenceOr<openapiv3::Example>) -> Option<Value> {
        match self.space.resolver().resolve(example, self.pointer) {
            Ok((example, _)) => example.value.clone(),
            Err(diagnostic) => {
                self.space.diagnostics.push(diagnostic);
                None
            }
        }
    }
}

pub(super) fn body_kind(media_type: &str) -> BodyKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "multipart/form-data" {
        BodyKind::Multipart
    } else if essence == "text/event-stream" {
        // Events are sent as they happen: raw bytes, which a response can stream.
        BodyKind::Bytes
    } else if essence.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Bytes
    }
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => HttpMethod::Get,
    }
}
