//! The names stage's tests: identifiers from the spec's words, the order and scopes in
//! which names are given, and the names kept apart from the generated code's own.

use super::*;

#[test]
fn keywords_and_symbols_become_valid_identifiers() {
    assert_eq!(value_name("type", "field"), "type_");
    assert_eq!(value_name("@type", "field"), "type_");
    assert_eq!(value_name("$id", "field"), "id");
    assert_eq!(value_name("x-rate-limit", "field"), "x_rate_limit");
    assert_eq!(value_name("2fa", "field"), "field_2fa");
    assert_eq!(value_name("self", "field"), "self_");
    assert_eq!(value_name("foo", "field"), "foo_");
    assert_eq!(value_name("日本", "field"), "field");
    assert_eq!(value_name("userId", "field"), "user_id");
}

#[test]
fn type_names_avoid_prelude_and_digits() {
    assert_eq!(type_name("Result"), "ResultModel");
    assert_eq!(
        type_name("app"),
        "AppModel",
        "the service's own state is App"
    );
    assert_eq!(type_name("200_response"), "Model200Response");
    assert_eq!(type_name("list pets Response Item"), "ListPetsResponseItem");
    assert_eq!(type_name("user-profile.v2"), "UserProfileV2");
    assert_eq!(type_name(""), "Model");
}

#[test]
fn variants_of_enums_are_camel_case_and_never_empty() {
    assert_eq!(variant_name("in-progress"), "InProgress");
    assert_eq!(variant_name(""), "Empty");
    assert_eq!(variant_name("2xx"), "V2xx");
    assert_eq!(variant_name("self"), "SelfValue");
}

#[test]
fn taken_names_get_numeric_suffixes() {
    let mut names = UniqueNames::default();
    assert_eq!(names.claim("User".into()), "User");
    assert_eq!(names.claim("User".into()), "User2");
    assert_eq!(names.claim("User".into()), "User3");
    assert_eq!(names.claim("V2".into()), "V2");
    assert_eq!(names.claim("V2".into()), "V2_2");
}

#[test]
fn operation_shapes_are_named_apart_from_type_shapes() {
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /items:
    post:
      operationId: patterns
      parameters:
        - {name: sort, in: query, schema: {$ref: '#/components/schemas/Sort'}}
      requestBody:
        content:
          application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Body'}}}
      responses: {'204': {description: done}}
components:
  schemas:
    Sort: {type: string, enum: [asc, desc]}
    Sort2: {type: string}
    Body: {type: string}
";
    let api = named_model(spec);
    let type_shapes: Vec<&str> = api.types.iter().map(|t| t.shape_name.as_str()).collect();
    assert_eq!(type_shapes, ["SORT", "SORT2", "BODY"]);
    let operation = &api.operations[0];
    assert_eq!(operation.rust_name, "patterns");
    assert_eq!(operation.shapes_module, "patterns2");
    assert_eq!(operation.parameters[0].shape_name, "SORT3");
    let body = operation.body.as_ref().expect("a body");
    assert_eq!(body.shape_name, "BODY2");
    assert_eq!(operation.path_template_name, "PATH");
}

#[test]
fn a_path_template_is_named_apart_from_a_parameter_called_path() {
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /files/{path}:
    get:
      parameters:
        - {name: path, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: done}}
  /plain:
    post:
      responses: {'204': {description: done}}
";
    let api = named_model(spec);
    let [get, post] = &api.operations[..] else {
        panic!("two operations");
    };
    assert_eq!(get.parameters[0].shape_name, "PATH");
    assert_eq!(get.path_template_name, "PATH2");
    assert_eq!(
        post.path_template_name, "",
        "no parameters, no template to read"
    );
}

#[test]
fn operations_are_named_apart_from_the_routers_own_functions() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {operationId: router, responses: {'204': {description: ok}}}\n    post: {operationId: not_found, responses: {'204': {description: ok}}}\n";
    let api = named_model(spec);
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|operation| operation.rust_name.as_str())
        .collect();
    assert_eq!(names, ["router2", "not_found2"]);
}

#[test]
fn arguments_are_named_apart_from_the_generated_tests_own_names() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: value, in: query, schema: {type: string}}\n        - {name: client, in: header, schema: {type: string}}\n        - {name: status, in: query, schema: {type: string}}\n      responses: {'204': {description: ok}}\n";
    let api = named_model(spec);
    let names: Vec<&str> = api.operations[0]
        .parameters
        .iter()
        .map(|parameter| parameter.rust_name.as_str())
        .collect();
    assert_eq!(names, ["query_value", "header_client", "status"]);
}

#[test]
fn statuses_are_named_by_reason() {
    assert_eq!(status_variant(StatusKey::Code(201)), "Created");
    assert_eq!(status_variant(StatusKey::Code(299)), "Status299");
    assert_eq!(status_variant(StatusKey::Range(4)), "Status4xx");
    assert_eq!(status_variant(StatusKey::Default), "Default");
}
