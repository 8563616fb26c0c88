//! The intermediate model of small specs: what each construct becomes.

use serde_json::json;

use super::*;
use crate::diagnostics::Diagnostic;

/// Builds and names the model of a spec given as YAML: `components.schemas` and `paths`.
pub(super) fn model(schemas: &str, paths: &str) -> (Api, Vec<Diagnostic>) {
    let indent = |text: &str, by: usize| {
        text.lines()
            .map(|line| format!("{}{line}\n", " ".repeat(by)))
            .collect::<String>()
    };
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{}components:\n  schemas:\n{}",
        if paths.is_empty() {
            "  {}\n".to_owned()
        } else {
            indent(paths, 2)
        },
        if schemas.is_empty() {
            "    {}\n".to_owned()
        } else {
            indent(schemas, 4)
        }
    );
    let spec = crate::load::parse("spec.yaml".as_ref(), &text)
        .unwrap_or_else(|errors| panic!("{errors:?}\n{text}"));
    let (mut api, diagnostics) = build(&spec);
    crate::names::assign(&mut api);
    (api, diagnostics)
}

pub(super) fn named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|type_def| type_def.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

/// A use of the named type `name`.
pub(super) fn named_schema(api: &Api, name: &str) -> Schema {
    let position = api.types.iter().position(|type_def| type_def.name == name);
    Schema::of(Ty::Named(TypeId(
        position.unwrap_or_else(|| panic!("no type {name}")),
    )))
}

pub(super) fn fields(type_def: &TypeDef) -> Vec<(&str, bool)> {
    match &type_def.kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .map(|field| (field.json_name.as_str(), field.required))
            .collect(),
        other => panic!("{} is not a struct: {other:?}", type_def.name),
    }
}

#[test]
fn all_of_merges_properties_and_required_through_references() {
    let (api, _) = model(
        "Base:\n  type: object\n  required: [id]\n  properties: {id: {type: integer}}\nPet:\n  allOf:\n    - $ref: '#/components/schemas/Base'\n    - type: object\n      required: [name]\n      properties: {name: {type: string}}\n",
        "",
    );
    assert_eq!(
        fields(named(&api, "Pet")),
        vec![("id", true), ("name", true)]
    );
}

#[test]
fn all_of_of_one_type_merges_constraints() {
    let (api, diagnostics) = model(
        "Code:\n  allOf:\n    - {type: string, minLength: 2}\n    - {maxLength: 5, description: short}\n",
        "",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let TypeKind::Alias(schema) = &named(&api, "Code").kind else {
        panic!("Code is an alias")
    };
    assert_eq!(schema.ty, Ty::String(StringFormat::Plain));
    assert_eq!(
        (schema.constraints.min_length, schema.constraints.max_length),
        (Some(2), Some(5))
    );
}

#[test]
fn discriminated_union_takes_tags_from_mapping_or_component_names() {
    let (api, _) = model(
        "Cat: {type: object, properties: {kind: {type: string}}}\nDog: {type: object, properties: {kind: {type: string}}}\nPet:\n  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n  discriminator:\n    propertyName: kind\n    mapping: {kitty: '#/components/schemas/Cat'}\n",
        "",
    );
    let TypeKind::Union(union) = &named(&api, "Pet").kind else {
        panic!("Pet is a union")
    };
    assert_eq!(union.discriminator.as_deref(), Some("kind"));
    let tags: Vec<&[String]> = union
        .variants
        .iter()
        .map(|variant| variant.tags.as_slice())
        .collect();
    assert_eq!(
        tags,
        vec![&["kitty".to_owned()][..], &["Dog".to_owned()][..]]
    );
}

#[test]
fn only_by_value_recursion_is_boxed() {
    let (api, _) = model(
        "Node:\n  type: object\n  properties:\n    next: {$ref: '#/components/schemas/Node'}\n    children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n",
        "",
    );
    let TypeKind::Struct(object) = &named(&api, "Node").kind else {
        panic!()
    };
    let boxed: Vec<(&str, bool)> = object
        .fields
        .iter()
        .map(|field| (field.json_name.as_str(), field.boxed))
        .collect();
    assert_eq!(boxed, vec![("next", true), ("children", false)]);
}

#[test]
fn references_to_nullable_components_are_nullable() {
    let (api, _) = model(
        "User: {type: object, nullable: true, properties: {id: {type: integer}}}\nPost:\n  type: object\n  properties:\n    author: {$ref: '#/components/schemas/User'}\n",
        "",
    );
    let TypeKind::Struct(object) = &named(&api, "Post").kind else {
        panic!()
    };
    assert!(
        object.fields[0].schema.nullable,
        "{:?}",
        object.fields[0].schema
    );
}

#[test]
fn inline_types_are_named_from_their_place() {
    let paths = "/pets:\n  post:\n    operationId: createPet\n    requestBody:\n      content:\n        application/json:\n          schema: {type: object, properties: {name: {type: string}}}\n    responses:\n      '200':\n        description: ok\n        content:\n          application/json:\n            schema:\n              type: array\n              items: {type: object, properties: {id: {type: integer}}}\n";
    let (api, _) = model("", paths);
    let names: Vec<&str> = api
        .types
        .iter()
        .map(|type_def| type_def.name.as_str())
        .collect();
    assert_eq!(names, vec!["CreatePetRequest", "CreatePet200ResponseItem"]);
    assert_eq!(api.operations[0].response_enum, "CreatePetResponse");
    assert_eq!(api.operations[0].rust_name, "create_pet");
}

#[test]
fn names_avoid_keywords_prelude_and_collisions() {
    let (api, _) = model(
        "Result: {type: object, properties: {type: {type: string}, '@id': {type: string}, 2fa: {type: boolean}}}\nuser: {type: string}\nUser: {type: integer}\n",
        "",
    );
    let names: Vec<&str> = api
        .types
        .iter()
        .map(|type_def| type_def.name.as_str())
        .collect();
    assert_eq!(names, vec!["ResultModel", "User", "User2"]);
    let TypeKind::Struct(object) = &named(&api, "ResultModel").kind else {
        panic!()
    };
    let field_names: Vec<&str> = object
        .fields
        .iter()
        .map(|field| field.rust_name.as_str())
        .collect();
    assert_eq!(field_names, vec!["type_", "id", "field_2fa"]);
}

#[test]
fn string_and_integer_enums_become_rust_enums() {
    let (api, _) = model(
        "Size: {type: string, enum: [small, large, null]}\nLevel: {type: integer, enum: [1, -2]}\nMode: {type: integer, enum: [0, 1], x-enum-varnames: [Off, On]}\nRatio: {type: number, enum: [0.5, 1.5]}\n",
        "",
    );
    let variants = |name: &str| match &named(&api, name).kind {
        TypeKind::Enum(enumeration) => enumeration
            .variants
            .iter()
            .map(|variant| variant.rust_name.clone())
            .collect::<Vec<_>>(),
        other => panic!("{name} is not an enum: {other:?}"),
    };
    assert_eq!(variants("Size"), vec!["Small", "Large"]);
    assert_eq!(variants("Level"), vec!["V1", "Minus2"]);
    assert_eq!(variants("Mode"), vec!["Off", "On"]);
    let TypeKind::Alias(ratio) = &named(&api, "Ratio").kind else {
        panic!("numbers keep their type")
    };
    assert_eq!(
        ratio.constraints.allowed,
        Some(vec![json!(0.5), json!(1.5)])
    );
}

#[test]
fn built_examples_satisfy_their_constraints() {
    let (api, _) = model(
        "Thing:\n  type: object\n  required: [code, count, ratio, tags]\n  properties:\n    code: {type: string, pattern: '^[A-Z]+$', minLength: 4}\n    count: {type: integer, minimum: 10, maximum: 20, multipleOf: 7}\n    ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1}\n    tags: {type: array, minItems: 2, items: {type: string}}\n",
        "",
    );
    let id = TypeId(0);
    let example =
        example_for(&api, &Schema::of(Ty::Named(id)), None).expect("an example can be built");
    assert!(
        conforms(&api, &Schema::of(Ty::Named(id)), &example).is_ok(),
        "{example}"
    );
    assert_eq!(example["count"], json!(14));
}

#[test]
fn examples_that_break_their_schema_are_reported_and_replaced() {
    let (api, diagnostics) = model("Age: {type: integer, minimum: 0, example: -3}\n", "");
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0].message.contains("does not match its schema"),
        "{diagnostics:?}"
    );
    assert_eq!(
        example_for(&api, &Schema::of(Ty::Named(TypeId(0))), None),
        Some(json!(0))
    );
}

#[test]
fn read_only_properties_are_not_required_of_requests() {
    let (api, _) = model(
        "User:\n  type: object\n  required: [id, name]\n  properties:\n    id: {type: integer, readOnly: true}\n    name: {type: string}\n",
        "",
    );
    assert_eq!(
        fields(named(&api, "User")),
        vec![("id", false), ("name", true)]
    );
}

/// Builds and names the model of a whole spec given as YAML.
fn model_of(text: &str) -> (Api, Vec<Diagnostic>) {
    let spec = crate::load::parse("spec.yaml".as_ref(), text)
        .unwrap_or_else(|errors| panic!("{errors:?}\n{text}"));
    let (mut api, diagnostics) = build(&spec);
    crate::names::assign(&mut api);
    (api, diagnostics)
}

/// Every kind of scheme, and every form of requirement.
const SECURED_SPEC: &str = r"
openapi: 3.0.3
info: {title: t, version: '1'}
security: [{bearer: []}]
paths:
  /global: {get: {responses: {'200': {description: ok}}}}
  /open: {get: {security: [], responses: {'200': {description: ok}}}}
  /either:
    get:
      security: [{bearer: [read]}, {key: []}]
      responses: {'200': {description: ok}}
  /both:
    get:
      security: [{basic: [], key: []}]
      responses: {'200': {description: ok}}
  /maybe:
    get:
      security: [{}, {bearer: []}]
      responses: {'200': {description: ok}}
  /unknown:
    get:
      security: [{missing: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: Bearer}
    basic: {type: http, scheme: basic}
    key: {type: apiKey, in: cookie, name: sid}
    oauth: {type: oauth2, flows: {}}
";

#[test]
fn security_schemes_are_modelled_by_kind() {
    let (api, _) = model_of(SECURED_SPEC);
    let kinds: Vec<(&str, &SchemeKind)> = api
        .security_schemes
        .iter()
        .map(|scheme| (scheme.rust_name.as_str(), &scheme.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("bearer", &SchemeKind::Bearer),
            ("basic", &SchemeKind::Basic),
            (
                "key",
                &SchemeKind::ApiKey {
                    location: ParameterLocation::Cookie,
                    name: "sid".to_owned()
                }
            ),
            ("oauth", &SchemeKind::OAuth2),
        ],
        "every declared scheme, used or not"
    );
}

#[test]
fn security_requirements_become_policies() {
    let (api, diagnostics) = model_of(SECURED_SPEC);
    let policy = |path: &str| {
        api.operations
            .iter()
            .find(|operation| operation.path == path)
            .and_then(|operation| operation.security.clone())
    };
    let uses = |pairs: &[(usize, &[&str])]| -> Vec<SchemeUse> {
        pairs
            .iter()
            .map(|(scheme, scopes)| SchemeUse {
                scheme: *scheme,
                scopes: scopes.iter().map(|scope| (*scope).to_owned()).collect(),
            })
            .collect()
    };
    assert_eq!(
        policy("/global"),
        Some(SecurityPolicy {
            alternatives: vec![uses(&[(0, &[])])],
            anonymous: false
        })
    );
    assert_eq!(policy("/open"), None, "security: [] opts out");
    assert_eq!(
        policy("/either").map(|policy| policy.alternatives),
        Some(vec![uses(&[(0, &["read"])]), uses(&[(2, &[])])])
    );
    assert_eq!(
        policy("/both").map(|policy| policy.alternatives),
        Some(vec![uses(&[(1, &[]), (2, &[])])])
    );
    assert_eq!(
        policy("/maybe"),
        Some(SecurityPolicy {
            alternatives: vec![uses(&[(0, &[])])],
            anonymous: true
        })
    );
    assert_eq!(
        policy("/unknown"),
        Some(SecurityPolicy {
            alternatives: Vec::new(),
            anonymous: false
        }),
        "a requirement nobody can meet keeps the operation closed"
    );
    assert_eq!(
        diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.message.contains("`missing`"))
            .count(),
        1
    );
}

#[test]
fn openapi_31_documents_are_modelled_through_their_30_form() {
    let (api, diagnostics) = model_of(
        r##"
openapi: 3.1.0
info: {title: t, version: '1', summary: kept aside}
paths:
  /pets: {$ref: '#/components/pathItems/Pets', summary: a sibling of $ref}
webhooks:
  newPet: {post: {responses: {'200': {description: ok}}}}
components:
  pathItems:
    Pets:
      get:
        operationId: list_pets
        parameters:
          - {name: limit, in: query, schema: {type: [integer, 'null'], exclusiveMinimum: 0}}
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Pet', description: a sibling of $ref}
  schemas:
    Pet:
      type: object
      required: [kind, name]
      properties:
        kind: {const: cat}
        name: {type: string, examples: [Tom]}
        owner:
          anyOf: [{$ref: '#/components/schemas/Pet/$defs/Owner'}, {type: 'null'}]
        color: {$ref: '#/components/schemas/Color', description: The fur's color, default: black}
      $defs:
        Owner: {type: object, properties: {id: {type: integer}}}
    Color: {type: string, enum: [black, white]}
"##,
    );
    let list_pets = &api.operations[0];
    assert_eq!(
        list_pets.path, "/pets",
        "a path item from components.pathItems"
    );
    let limit = &list_pets.parameters[0].schema;
    assert!(limit.nullable);
    assert_eq!(
        limit
            .constraints
            .minimum
            .as_ref()
            .map(|bound| (bound.value, bound.exclusive)),
        Some((0.0, true))
    );
    let pet = named(&api, "Pet");
    let TypeKind::Struct(object) = &pet.kind else {
        panic!("Pet is a struct: {:?}", pet.kind);
    };
    let field = |name: &str| {
        object
            .fields
            .iter()
            .find(|field| field.json_name == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    assert!(
        matches!(field("kind").schema.ty, Ty::Named(_)),
        "const is a one-value enum"
    );
    assert_eq!(field("name").schema.example, Some(json!("Tom")));
    assert!(field("owner").schema.nullable);
    let color = field("color");
    let Ty::Named(color_type) = color.schema.ty else {
        panic!("color is a named type: {:?}", color.schema.ty);
    };
    assert_eq!(api.types[color_type.0].name, "Color");
    assert_eq!(
        (color.doc.as_deref(), &color.schema.default),
        (Some("The fur's color"), &Some(json!("black"))),
        "a $ref's siblings apply with it"
    );
    assert!(
        diagnostics
            .iter()
            .any(|diagnostic| diagnostic.pointer == "#/webhooks"),
        "{diagnostics:?}"
    );
}

#[test]
fn parameters_side_by_side_are_warned_of() {
    let (_, diagnostics) = model(
        "",
        "/blog/{page}{extension}:\n  get:\n    parameters:\n      - {name: page, in: path, required: true, schema: {type: string}}\n      - {name: extension, in: path, required: true, schema: {type: string, enum: ['.json']}}\n    responses: {'200': {description: ok}}\n",
    );
    assert!(
        diagnostics.iter().any(|diagnostic| {
            diagnostic
                .message
                .contains("`{page}{extension}` in `/blog/{page}{extension}`")
                && diagnostic
                    .message
                    .contains("give `extension` a single character")
        }),
        "{diagnostics:?}"
    );
}
