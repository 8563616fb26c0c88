//! `securitySchemes` and `security` requirements → the [`SecurityPolicy`] of each operation.
//!
//! Every declared scheme becomes a [`SecurityScheme`], in the order of the spec.

use openapiv3::{APIKeyLocation, OpenAPI, SecurityRequirement};

use super::{ParameterLocation, SchemeKind, SchemeUse, SecurityPolicy, SecurityScheme};
use crate::diagnostics::{Diagnostic, pointer_join};
use crate::resolve::Resolver;

/// The declared schemes, and the policy of each operation over them.
pub struct SecurityLowering<'a> {
    document: &'a OpenAPI,
    resolver: &'a Resolver<'a>,
    pub schemes: Vec<SecurityScheme>,
    /// Keys already reported as unusable, so each is reported once.
    unusable: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> SecurityLowering<'a> {
    /// Lowers every declared scheme, used or not: the service's checks then do not change
    /// when an operation that used one goes away, so regenerating keeps the user's build.
    pub fn new(document: &'a OpenAPI, resolver: &'a Resolver<'a>) -> Self {
        let mut lowering = Self {
            document,
            resolver,
            schemes: Vec::new(),
            unusable: Vec::new(),
            diagnostics: Vec::new(),
        };
        let declared = document
            .components
            .iter()
            .flat_map(|components| components.security_schemes.keys());
        for key in declared {
            lowering.scheme_index(key, "#/components/securitySchemes");
        }
        lowering
    }

    /// The policy of an operation: its own `security`, else the document's. An empty list
    /// (`security: []`) opens the operation to anyone.
    pub fn policy(
        &mut self,
        own: Option<&[SecurityRequirement]>,
        pointer: &str,
    ) -> Option<SecurityPolicy> {
        let (requirements, pointer) = match own {
            Some(requirements) => (requirements, pointer_join(pointer, &["security"])),
            None => (self.document.security.as_deref()?, "#/security".to_owned()),
        };
        if requirements.is_empty() {
            return None;
        }
        let mut policy = SecurityPolicy {
            alternatives: Vec::new(),
            anonymous: false,
        };
        for (index, requirement) in requirements.iter().enumerate() {
            if requirement.is_empty() {
                policy.anonymous = true;
                continue;
            }
            let requirement_pointer = pointer_join(&pointer, &[&index.to_string()]);
            let uses: Option<Vec<SchemeUse>> = requirement
                .iter()
                .map(|(key, scopes)| {
                    let scheme = self.scheme_index(key, &requirement_pointer)?;
                    Some(SchemeUse {
                        scheme,
                        scopes: scopes.clone(),
                    })
                })
                .collect();
            // A requirement naming a scheme that cannot be checked can never be met; the
            // others still can, and if none can, nobody gets in.
            if let Some(uses) = uses {
                policy.alternatives.push(uses);
            }
        }
        Some(policy)
    }

    /// The index of scheme `key`, lowered the first time it is required.
    fn scheme_index(&mut self, key: &str, pointer: &str) -> Option<usize> {
        if let Some(index) = self.schemes.iter().position(|scheme| scheme.key == key) {
            return Some(index);
        }
        if self.unusable.iter().any(|unusable| unusable == key) {
            return None;
        }
        let index = self.lower_scheme(key, pointer);
        if index.is_none() {
            self.unusable.push(key.to_owned());
        }
        index
    }

    fn lower_scheme(&mut self, key: &str, pointer: &str) -> Option<usize> {
        let scheme_pointer = pointer_join("#/components/securitySchemes", &[key]);
        let Some(declared) = self
            .document
            .components
            .as_ref()
            .and_then(|components| components.security_schemes.get(key))
        else {
            self.diagnostics.push(Diagnostic::warning(
                pointer,
                format!(
                    "security scheme `{key}` is not declared in components.securitySchemes; \
                     requests cannot meet this requirement"
                ),
            ));
            return None;
        };
        let declared = match self.resolver.resolve(declared, &scheme_pointer) {
            Ok((declared, _)) => declared.into_owned(),
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let (kind, description) = match declared {
            openapiv3::SecurityScheme::APIKey {
                location,
                name,
                description,
                ..
            } => (
                SchemeKind::ApiKey {
                    location: match location {
                        APIKeyLocation::Query => ParameterLocation::Query,
                        APIKeyLocation::Header => ParameterLocation::Header,
                        APIKeyLocation::Cookie => ParameterLocation::Cookie,
                    },
                    name,
                },
                description,
            ),
            openapiv3::SecurityScheme::HTTP {
                scheme,
                description,
                ..
            } => (http_scheme_kind(&scheme), description),
            openapiv3::SecurityScheme::OAuth2 { description, .. } => {
                (SchemeKind::OAuth2, description)
            }
            openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                (SchemeKind::Bearer, description)
            }
        };
        if let SchemeKind::OtherHttp { scheme } = &kind {
            self.diagnostics.push(Diagnostic::warning(
                scheme_pointer,
                format!(
                    "HTTP scheme `{scheme}` is passed to the service as the raw credentials of \
                     `Authorization: {scheme} ...`; checking them is up to it"
                ),
            ));
        }
        self.schemes.push(SecurityScheme {
            key: key.to_owned(),
            kind,
            description,
            rust_name: String::new(),
        });
        Some(self.schemes.len() - 1)
    }
}

/// HTTP auth scheme names are case-insensitive (RFC 9110, 11.1).
fn http_scheme_kind(scheme: &str) -> SchemeKind {
    match scheme.to_ascii_lowercase().as_str() {
        "bearer" => SchemeKind::Bearer,
        "basic" => SchemeKind::Basic,
        _ => SchemeKind::OtherHttp {
            scheme: scheme.to_owned(),
        },
    }
}
