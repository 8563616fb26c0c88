//! Rust types as values: what a schema is held in, built once and spelled for the place
//! that names it (inside `models.rs`, elsewhere in the api crate, in the user's crate, or
//! in a crate that uses the api crate by name).

use std::fmt;

use crate::ir::{Api, IntegerFormat, NumberFormat, Schema, StringFormat, Ty, TypeId};

/// A Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// A type spelled the same everywhere: `i64`, `String`, `::uuid::Uuid`.
    Plain(&'static str),
    /// A type of `models.rs`, by its name.
    Model(String),
    /// Raw bytes: the api crate re-exports `Bytes` for the user's crate.
    Bytes,
    /// An uploaded file, the api crate's `UploadFile`.
    Upload,
    /// A response body of raw bytes, whole or streamed: the api crate's `Binary`.
    Binary,
    /// `Self::Principal`, the user's type for who is calling.
    Principal,
    Option(Box<RustType>),
    Vec(Box<RustType>),
    Box(Box<RustType>),
    /// `BTreeMap<String, T>`
    Map(Box<RustType>),
}

/// Where a type is named from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Inside `models.rs`.
    Models,
    /// Elsewhere in the api crate.
    Crate,
    /// The user's crate, which imports the models and `Bytes`.
    User,
    /// A crate that names the api crate's library, such as its tests.
    Library(&'a str),
}

impl RustType {
    /// The type holding a value of `schema` (an `Option` when it may be null).
    pub fn of(api: &Api, schema: &Schema) -> Self {
        let base = Self::of_ty(api, &schema.ty);
        if schema.nullable && schema.ty != Ty::Any {
            Self::Option(Box::new(base))
        } else {
            base
        }
    }

    fn of_ty(api: &Api, ty: &Ty) -> Self {
        match ty {
            Ty::Any => Self::Plain("::serde_json::Value"),
            Ty::FreeObject => Self::Plain("::serde_json::Map<String, ::serde_json::Value>"),
            Ty::Boolean => Self::Plain("bool"),
            Ty::Integer(IntegerFormat::Int32) => Self::Plain("i32"),
            Ty::Integer(IntegerFormat::Int64) => Self::Plain("i64"),
            Ty::Number(NumberFormat::Float) => Self::Plain("f32"),
            Ty::Number(NumberFormat::Double) => Self::Plain("f64"),
            Ty::String(StringFormat::DateTime) => Self::Plain("::chrono::DateTime<::chrono::Utc>"),
            Ty::String(StringFormat::Date) => Self::Plain("::chrono::NaiveDate"),
            Ty::String(StringFormat::Uuid) => Self::Plain("::uuid::Uuid"),
            Ty::String(_) => Self::Plain("String"),
            Ty::Array(items) => Self::Vec(Box::new(Self::of(api, items))),
            Ty::Map(values) => Self::Map(Box::new(Self::of(api, values))),
            Ty::Named(id) => Self::named(api, *id),
            Ty::File => Self::Upload,
        }
    }

    pub fn named(api: &Api, id: TypeId) -> Self {
        Self::Model(api.type_def(id).name.clone())
    }

    /// The type, or `Option` of it when `optional` (an `Option` stays as it is).
    pub fn optional_if(self, optional: bool) -> Self {
        match self {
            Self::Option(_) => self,
            other if optional => Self::Option(Box::new(other)),
            other => other,
        }
    }

    /// The type behind a `Box`, inside its `Option` if it has one.
    pub fn boxed(self) -> Self {
        match self {
            Self::Option(inner) => Self::Option(Box::new(Self::Box(inner))),
            other => Self::Box(Box::new(other)),
        }
    }

    /// Whether the type names a model, so that its file must import the models.
    pub fn names_model(&self) -> bool {
        match self {
            Self::Model(_) => true,
            Self::Plain(_) | Self::Bytes | Self::Upload | Self::Binary | Self::Principal => false,
            Self::Option(inner) | Self::Vec(inner) | Self::Box(inner) | Self::Map(inner) => {
                inner.names_model()
            }
        }
    }

    /// How many generic types are nested in it, as clippy counts its complexity.
    pub fn nesting(&self) -> usize {
        match self {
            Self::Plain(text) => text.matches('<').count(),
            Self::Model(_) | Self::Bytes | Self::Upload | Self::Binary | Self::Principal => 0,
            Self::Option(inner) | Self::Vec(inner) | Self::Box(inner) | Self::Map(inner) => {
                1 + inner.nesting()
            }
        }
    }

    /// The type as written from `scope`.
    pub fn in_scope<'a>(&'a self, scope: Scope<'a>) -> Spelled<'a> {
        Spelled { ty: self, scope }
    }

    /// The type as written in the api crate, outside `models.rs`.
    pub fn in_crate(&self) -> Spelled<'_> {
        self.in_scope(Scope::Crate)
    }

    /// The type as written in `models.rs`.
    pub fn in_models(&self) -> Spelled<'_> {
        self.in_scope(Scope::Models)
    }

    /// The type as written in the user's crate.
    pub fn for_user(&self) -> Spelled<'_> {
        self.in_scope(Scope::User)
    }

    /// The type as written in a crate that names the api crate's library `library`.
    pub fn in_library<'a>(&'a self, library: &'a str) -> Spelled<'a> {
        self.in_scope(Scope::Library(library))
    }
}

/// A type with the place it is written from: displays as Rust source.
#[derive(Debug, Clone, Copy)]
pub struct Spelled<'a> {
    ty: &'a RustType,
    scope: Scope<'a>,
}

impl<'a> fmt::Display for Spelled<'a> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = |ty: &'a RustType| Spelled {
            ty,
            scope: self.scope,
        };
        match self.ty {
            RustType::Plain(text) => out.write_str(text),
            RustType::Model(name) => match self.scope {
                Scope::Models | Scope::User => out.write_str(name),
                Scope::Crate => write!(out, "crate::models::{name}"),
                Scope::Library(library) => write!(out, "{library}::models::{name}"),
            },
            RustType::Bytes => match self.scope {
                Scope::User => out.write_str("Bytes"),
                _ => out.write_str("::axum::body::Bytes"),
            },
            RustType::Binary => match self.scope {
                Scope::Models | Scope::Crate => out.write_str("crate::Binary"),
                Scope::User => out.write_str("Binary"),
                Scope::Library(library) => write!(out, "{library}::Binary"),
            },
            RustType::Upload => match self.scope {
                Scope::Models | Scope::Crate => out.write_str("crate::UploadFile"),
                Scope::User => out.write_str("UploadFile"),
                Scope::Library(library) => write!(out, "{library}::UploadFile"),
            },
            RustType::Principal => out.write_str("Self::Principal"),
            RustType::Option(ty) => write!(out, "Option<{}>", inner(ty)),
            RustType::Vec(ty) => write!(out, "Vec<{}>", inner(ty)),
            RustType::Box(ty) => write!(out, "Box<{}>", inner(ty)),
            RustType::Map(ty) => {
                write!(out, "::std::collections::BTreeMap<String, {}>", inner(ty))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_spelled_for_their_place() {
        let ty = RustType::Vec(Box::new(RustType::Model("User".to_owned()))).optional_if(true);
        assert_eq!(ty.in_scope(Scope::Models).to_string(), "Option<Vec<User>>");
        assert_eq!(
            ty.in_scope(Scope::Crate).to_string(),
            "Option<Vec<crate::models::User>>"
        );
        assert_eq!(
            ty.in_scope(Scope::Library("users_api")).to_string(),
            "Option<Vec<users_api::models::User>>"
        );
        assert!(ty.names_model());
        assert_eq!(ty.nesting(), 2);
        assert_eq!(ty.clone().optional_if(true), ty);
        assert_eq!(
            ty.boxed().in_scope(Scope::Models).to_string(),
            "Option<Box<Vec<User>>>"
        );
        assert_eq!(RustType::Bytes.in_scope(Scope::User).to_string(), "Bytes");
    }
}
