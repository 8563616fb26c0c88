//! The intermediate model of what specs written by others do: `allOf` through cycles and
//! copies, references outside components, enums and unions written loosely.

use serde_json::json;

use super::tests::{fields, model, named, named_schema};
use super::*;
use crate::diagnostics::Diagnostic;

#[test]
fn a_reference_beside_annotations_in_all_of_is_the_component_itself() {
    // As generated specs (APIs.guru's AWS ones) write every property; copying the
    // recursive component instead never ended.
    let (api, diagnostics) = model(
        "Node:\n  type: object\n  properties:\n    child:\n      allOf:\n        - $ref: '#/components/schemas/Node'\n        - description: The next node.\n          nullable: true\n",
        "",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let TypeKind::Struct(node) = &named(&api, "Node").kind else {
        panic!("Node is a struct");
    };
    let child = &node.fields[0].schema;
    assert_eq!(child.ty, Ty::Named(TypeId(0)));
    assert!(child.nullable, "the annotation's nullable is kept");
    assert_eq!(api.types.len(), 1, "no copy of Node is made");
}

#[test]
fn all_of_takes_each_member_once_through_cycles_and_shared_bases() {
    // Every level lists the next one twice: expanding members anew took 2^40 steps.
    let mut schemas: String = (0..40)
        .map(|level| {
            let next = level + 1;
            format!("L{level}:\n  allOf:\n    - $ref: '#/components/schemas/L{next}'\n    - $ref: '#/components/schemas/L{next}'\n    - properties: {{f{level}: {{type: string}}}}\n")
        })
        .collect();
    schemas.push_str("L40:\n  type: object\n  properties: {last: {type: string}}\nLoop:\n  allOf:\n    - $ref: '#/components/schemas/Loop'\n    - $ref: '#/components/schemas/Loop'\n");
    let (api, diagnostics) = model(&schemas, "");
    assert!(
        !diagnostics.iter().any(Diagnostic::is_error),
        "{diagnostics:?}"
    );
    assert_eq!(
        fields(named(&api, "L0")).len(),
        41,
        "every level's field, once"
    );
    assert!(matches!(named(&api, "Loop").kind, TypeKind::Alias(_)));
}

#[test]
fn schemas_that_copy_themselves_stop_at_a_bounded_depth() {
    let (api, diagnostics) = model(
        "Node:\n  type: object\n  properties:\n    child:\n      allOf:\n        - $ref: '#/components/schemas/Node'\n        - properties: {extra: {type: string}}\n",
        "",
    );
    assert!(
        diagnostics
            .iter()
            .any(|diagnostic| diagnostic.message.contains("nested more than")),
        "{diagnostics:?}"
    );
    assert!(!diagnostics.iter().any(Diagnostic::is_error));
    assert!(api.types.len() > 1);
}

#[test]
fn schemas_reached_by_reference_outside_components_are_converted_once() {
    // Azure's specs refer into other schemas' properties, which refer back: converting each
    // use anew took time exponential in the nesting.
    let (api, diagnostics) = model(
        "Gateway:\n  type: object\n  properties:\n    rules:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Gateway/properties/rules'}\n        name: {type: string}\n    first: {$ref: '#/components/schemas/Gateway/properties/rules'}\n    second: {$ref: '#/components/schemas/Gateway/properties/rules'}\n",
        "",
    );
    assert!(
        !diagnostics.iter().any(Diagnostic::is_error),
        "{diagnostics:?}"
    );
    let TypeKind::Struct(gateway) = &named(&api, "Gateway").kind else {
        panic!("Gateway is a struct");
    };
    let types_of = |name: &str| {
        gateway
            .fields
            .iter()
            .find(|field| field.json_name == name)
            .map(|field| field.schema.ty.clone())
    };
    assert_eq!(
        types_of("first"),
        types_of("second"),
        "one type for one target"
    );
    assert!(matches!(types_of("first"), Some(Ty::Named(_))));
}

#[test]
fn required_names_without_a_property_are_required_fields_of_any_value() {
    let (api, diagnostics) = model(
        "Order:\n  type: object\n  required: [id, reference]\n  properties: {id: {type: integer}}\nLoose:\n  type: object\n  required: [token]\n",
        "",
    );
    assert_eq!(
        fields(named(&api, "Order")),
        [("id", true), ("reference", true)]
    );
    assert_eq!(fields(named(&api, "Loose")), [("token", true)]);
    let TypeKind::Struct(order) = &named(&api, "Order").kind else {
        panic!("Order is a struct");
    };
    assert_eq!(order.fields[1].schema.ty, Ty::Any);
    assert!(diagnostics.iter().any(|diagnostic| {
        diagnostic
            .message
            .contains("`reference` is required but not declared")
            && !diagnostic.is_error()
    }));
}

#[test]
fn string_enums_take_values_of_other_types_as_their_json_text() {
    let (api, diagnostics) = model("Ratio:\n  type: string\n  enum: [969, '4:3', true]\n", "");
    let TypeKind::Enum(ratio) = &named(&api, "Ratio").kind else {
        panic!("Ratio is an enum");
    };
    let values: Vec<&Value> = ratio
        .variants
        .iter()
        .map(|variant| &variant.value)
        .collect();
    assert_eq!(values, [&json!("969"), &json!("4:3"), &json!("true")]);
    assert!(diagnostics.iter().all(|diagnostic| !diagnostic.is_error()));
}

#[test]
fn an_enum_no_value_of_its_type_could_fit_is_left_unchecked_with_a_warning() {
    let (api, diagnostics) = model(
        "Filters: {type: array, items: {type: string, enum: [a, b]}, enum: [a, b]}\nKinds: {type: array, items: {type: string}, enum: [[a], [b]]}",
        "",
    );
    let alias_constraints = |name: &str| match &named(&api, name).kind {
        TypeKind::Alias(schema) => schema.constraints.allowed.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(alias_constraints("Filters"), None);
    assert_eq!(
        alias_constraints("Kinds"),
        Some(vec![json!(["a"]), json!(["b"])])
    );
    assert!(
        diagnostics.iter().any(|diagnostic| diagnostic.pointer
            == "#/components/schemas/Filters/enum"
            && diagnostic.message.contains("none could fit")),
        "{diagnostics:?}"
    );
}

#[test]
fn an_arrays_enum_of_item_values_is_read_as_its_items_enum() {
    let (api, diagnostics) = model(
        "Regions: {type: array, items: {type: string}, enum: [EU, US]}\nCodes: {type: array, items: {type: integer}, enum: [1, x]}",
        "",
    );
    let array = |name: &str| match &named(&api, name).kind {
        TypeKind::Alias(schema) => match &schema.ty {
            Ty::Array(items) => (
                schema.constraints.allowed.clone(),
                items.constraints.allowed.clone(),
            ),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_eq!(
        array("Regions"),
        (None, Some(vec![json!("EU"), json!("US")]))
    );
    assert_eq!(array("Codes"), (None, None));
    let message = |name: &str| {
        let pointer = format!("#/components/schemas/{name}/enum");
        diagnostics
            .iter()
            .find(|diagnostic| diagnostic.pointer == pointer)
            .map(|diagnostic| diagnostic.message.clone())
    };
    assert!(message("Regions").is_some_and(|text| text.contains("each item")));
    assert!(message("Codes").is_some_and(|text| text.contains("none could fit")));
}

#[test]
fn a_property_the_alternatives_give_different_schemas_takes_any_value_checked_by_member() {
    let (api, diagnostics) = model(
        "Delay: {allOf: [{type: object, properties: {fixed: {type: integer}}}, {oneOf: [{type: object, properties: {type: {type: string, enum: [lognormal]}, median: {type: integer}}}, {type: object, properties: {type: {type: string, enum: [uniform]}, lower: {type: integer}}}]}]}",
        "",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let TypeKind::Struct(object) = &named(&api, "Delay").kind else {
        panic!("Delay is a struct");
    };
    let types: Vec<(&str, &Ty)> = object
        .fields
        .iter()
        .map(|field| (field.json_name.as_str(), &field.schema.ty))
        .collect();
    assert!(
        matches!(
            types[..],
            [
                ("fixed", Ty::Integer(_)),
                ("type", Ty::Any),
                ("median", Ty::Integer(_)),
                ("lower", Ty::Integer(_))
            ]
        ),
        "{types:?}"
    );
    let delay = named_schema(&api, "Delay");
    assert!(conforms(&api, &delay, &json!({"type": "uniform", "lower": 1})).is_ok());
    assert!(conforms(&api, &delay, &json!({"type": "lognormal"})).is_ok());
    assert!(conforms(&api, &delay, &json!({"type": "other"})).is_err());
}

#[test]
fn a_union_inside_all_of_lends_its_members_properties_and_is_matched_by_the_whole_object() {
    let (api, diagnostics) = model(
        "Common: {type: object, required: [name], properties: {name: {type: string}}}\nImport: {allOf: [{$ref: '#/components/schemas/Common'}, {type: object, oneOf: [{properties: {url: {type: string}}, required: [url]}, {$ref: '#/components/schemas/Magnet'}]}]}\nMagnet: {type: object, required: [magnet], properties: {magnet: {type: string}, name: {type: integer}}}",
        "",
    );
    let TypeKind::Struct(object) = &named(&api, "Import").kind else {
        panic!("Import is a struct");
    };
    let fields: Vec<(&str, bool)> = object
        .fields
        .iter()
        .map(|field| (field.json_name.as_str(), field.required))
        .collect();
    assert_eq!(fields, [("name", true), ("url", false), ("magnet", false)]);
    let name = &object.fields[0].schema.ty;
    assert!(
        matches!(name, Ty::String(_)),
        "the base's `name` is kept: {name:?}"
    );
    let [union] = &object.alternatives[..] else {
        panic!("one union to match: {:?}", object.alternatives);
    };
    let Ty::Named(id) = union.ty else {
        panic!("{union:?}");
    };
    let TypeKind::Union(members) = &api.type_def(id).kind else {
        panic!("the `oneOf` is a union");
    };
    assert_eq!(members.variants.len(), 2);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    // A value must take one of the members, and the example built takes the first.
    let import = named_schema(&api, "Import");
    assert!(conforms(&api, &import, &json!({"name": "n"})).is_err());
    assert!(conforms(&api, &import, &json!({"name": "n", "url": "u"})).is_ok());
    // `Magnet` declares `name` an integer, which the base's string never is.
    assert!(conforms(&api, &import, &json!({"name": "n", "magnet": "m"})).is_err());
    let example = example_for(&api, &import, None).expect("an example");
    assert_eq!(example["url"], json!("string"), "{example}");
}
