//! The IR stage's entry point: a loaded spec → the [`Api`], with every problem found on
//! the way. Components get their ids first; then every routable path's operations are
//! lowered; then recursion between types is settled, types that repeat an earlier one
//! become its aliases, and the examples are checked.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::operations::OperationLowering;
use super::path::PathTemplate;
use super::schemas::TypeSpace;
use super::security::SecurityLowering;
use super::{Api, Operation, Tag, examples, recursion, repeats, uploads};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::load::LoadedSpec;
use crate::resolve::Resolver;

/// The tag of operations that declare none.
const DEFAULT_TAG: &str = "default";

/// Builds the intermediate model of a loaded spec, with every problem found on the way.
pub fn build(spec: &LoadedSpec) -> (Api, Vec<Diagnostic>) {
    let document = &spec.document;
    let mut space = TypeSpace::new(&spec.raw, document);
    space.define_components(document);
    let security_resolver = Resolver::new(&spec.raw);
    let mut security = SecurityLowering::new(document, &security_resolver);

    let mut tags: Vec<Tag> = Vec::new();
    let declared_tags: IndexMap<&str, Option<String>> = document
        .tags
        .iter()
        .map(|tag| (tag.name.as_str(), tag.description.clone()))
        .collect();
    let mut operations = Vec::new();
    let mut operation_tags = Vec::new();
    let mut routes = HashMap::new();
    for (path, item) in &document.paths.paths {
        let item_pointer = pointer_join("#/paths", &[path]);
        let item = match space.resolver().resolve(item, &item_pointer) {
            Ok((item, _)) => item,
            Err(diagnostic) => {
                space.diagnostics.push(diagnostic);
                continue;
            }
        };
        let Some(template) = routable(&mut space.diagnostics, path, &item_pointer) else {
            continue;
        };
        for (method, operation) in item.iter() {
            let pointer = pointer_join(&item_pointer, &[method]);
            if collides(
                &mut space.diagnostics,
                &mut routes,
                &template,
                path,
                method,
                &pointer,
            ) {
                continue;
            }
            let tag_name = operation.tags.first().map_or(DEFAULT_TAG, String::as_str);
            if !tags.iter().any(|tag| tag.name == tag_name) {
                tags.push(Tag {
                    name: tag_name.to_owned(),
                    description: declared_tags.get(tag_name).cloned().flatten(),
                    trait_name: String::new(),
                    module_name: String::new(),
                });
            }
            operation_tags.push(tag_name.to_owned());
            let lowering = OperationLowering {
                space: &mut space,
                pointer: &pointer,
                place: operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{method} {path}")),
            };
            let mut lowered = lowering.lower(path, &template, method, &item.parameters, operation);
            lowered.security = security.policy(operation.security.as_deref(), &pointer);
            operations.push(lowered);
        }
    }
    order_tags(&mut tags, &declared_tags, &mut operations, &operation_tags);
    let mut diagnostics = spec.warnings.clone();
    diagnostics.append(&mut space.diagnostics);
    diagnostics.append(&mut security.diagnostics);
    let mut types = std::mem::take(&mut space.types);
    uploads::mark_parts(&mut types, &mut operations);
    diagnostics.extend(recursion::cut_bare_cycles(&mut types));
    repeats::alias_repeated_types(&mut types);
    recursion::mark_boxes(&mut types);
    let api = Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone(),
        types,
        tags,
        operations,
        security_schemes: security.schemes,
    };
    diagnostics.extend(examples::check_examples(&api));
    (api, diagnostics)
}

/// The template of `path`, or why no request can match it.
fn routable(
    diagnostics: &mut Vec<Diagnostic>,
    path: &str,
    item_pointer: &str,
) -> Option<PathTemplate> {
    match PathTemplate::parse(path) {
        Ok(template) => {
            for (first, second) in template.side_by_side() {
                diagnostics.push(Diagnostic::warning(
                    item_pointer,
                    format!("`{{{first}}}{{{second}}}` in `{path}`: two parameters side by side; FastAPI (Starlette), and the service after it, give `{second}` a single character and the rest of the text to `{first}`"),
                ));
            }
            Some(template)
        }
        Err(problem) => {
            diagnostics.push(Diagnostic::tolerated(
                item_pointer,
                format!("{problem}; the operations of this path are left out"),
            ));
            None
        }
    }
}

/// Whether an earlier operation answers the same requests (`routes`: each method and
/// template shape with its path), which is an error of the spec naming both paths (the
/// later one is left out); otherwise the operation is remembered.
fn collides(
    diagnostics: &mut Vec<Diagnostic>,
    routes: &mut HashMap<(String, String), String>,
    template: &PathTemplate,
    path: &str,
    method: &str,
    pointer: &str,
) -> bool {
    let key = (method.to_owned(), template.shape());
    if let Some(earlier) = routes.get(&key) {
        diagnostics.push(Diagnostic::tolerated(
            pointer,
            format!(
                "`{} {path}` answers the same requests as `{} {earlier}` (paths must differ in more than their parameters' names); only the first is served",
                method.to_ascii_uppercase(),
                method.to_ascii_uppercase()
            ),
        ));
        return true;
    }
    routes.insert(key, path.to_owned());
    false
}

/// Declared tags keep the spec's order; tags only found on operations follow. Each
/// operation then points at its tag.
fn order_tags(
    tags: &mut [Tag],
    declared_tags: &IndexMap<&str, Option<String>>,
    operations: &mut [Operation],
    operation_tags: &[String],
) {
    tags.sort_by_key(|tag| {
        declared_tags
            .get_index_of(tag.name.as_str())
            .unwrap_or(usize::MAX)
    });
    for (operation, tag_name) in operations.iter_mut().zip(operation_tags) {
        operation.tag = tags
            .iter()
            .position(|tag| tag.name == *tag_name)
            .unwrap_or(0);
    }
}
