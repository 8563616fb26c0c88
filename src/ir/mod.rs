//! Stage 3: the intermediate model. Everything the templates need to know about the API,
//! decided once: every schema is a [`Schema`] at its place or a named [`TypeDef`], every
//! operation a handler signature with typed inputs and a closed set of responses.
//!
//! Names are left empty here and filled in by [`crate::names`], so that naming can look at
//! the whole API at once.

mod build;
mod conform;
/// Dates, emails and formats exactly as the generated service reads them: the same files.
/// Their readers of JSON values other than strings serve the service's validator only (an
/// example must be text the stubs can parse).
#[path = "../../templates/api/src/dates.rs"]
mod dates;
#[cfg(feature = "email")]
#[path = "../../templates/api/src/email_address.rs"]
mod email_address;
mod examples;
#[path = "../../templates/api/src/formats.rs"]
#[expect(
    dead_code,
    reason = "read_json and read_by_spec serve the generated service only"
)]
mod formats;
mod operations;
mod path;
mod pattern;
mod reach;
#[cfg(test)]
mod real_spec_tests;
mod recursion;
mod repeats;
mod schemas;
mod security;
mod styles;
#[cfg(test)]
mod tests;
mod uploads;

use std::hash::{Hash, Hasher};

use serde_json::Value;

pub use build::build;
pub use conform::{conforms, is_multiple_of};
pub use examples::{LARGEST_BUILT, example_for, fitted_default};
pub use path::{ConditionValue, PathSegment, PathTemplate, Piece};
pub use pattern::{Pattern, PatternEngine};
pub use reach::{json_body_types, request_types, validated_types};
pub use styles::{ParameterStyle, Spread};

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub types: Vec<TypeDef>,
    pub tags: Vec<Tag>,
    pub operations: Vec<Operation>,
    /// The schemes of `components.securitySchemes`.
    pub security_schemes: Vec<SecurityScheme>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Whether the service checks credentials: the spec declares how to present them, or
    /// some operation requires them (even of schemes that cannot be checked).
    pub fn uses_security(&self) -> bool {
        !self.security_schemes.is_empty()
            || self
                .operations
                .iter()
                .any(|operation| operation.security.is_some())
    }
}

/// Index of a named type in [`Api::types`]. Ids are handed out before any schema is
/// converted, so forward and circular references need no special care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A Rust type of its own: a struct, an enum, a union or an alias.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub pointer: String,
    /// Where the name comes from: the component's own name, or the words of its place.
    pub name_source: NameSource,
    pub name: String,
    /// The static in `constraints.rs` that holds its validation shape.
    pub shape_name: String,
    pub doc: Option<String>,
    /// The schema's own `example`, if it has one.
    pub example: Option<Value>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameSource {
    Component(String),
    Place(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enumeration),
    Union(Union),
    /// A named schema that is not an object, enum or union: `type Tags = Vec<String>`.
    Alias(Box<Schema>),
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub additional: Additional,
    /// The Rust name of the map that keeps undeclared properties (with [`Additional::Keep`]).
    pub additional_rust_name: String,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// The `oneOf`s and `anyOf`s among the members of the `allOf` it merges: unions the
    /// object as a whole must match. Their members' properties are also its fields.
    pub alternatives: Vec<Schema>,
}

/// What happens to properties an object does not declare.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Additional {
    /// Dropped, as Pydantic does by default.
    Ignore,
    /// `additionalProperties: false`: rejected with `extra_forbidden`.
    Forbid,
    /// `additionalProperties: {schema}`: validated and kept.
    Keep(Box<Schema>),
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Field {
    pub json_name: String,
    pub rust_name: String,
    pub schema: Schema,
    pub required: bool,
    pub doc: Option<String>,
    /// Set when the field refers back to its own type by value, so it needs a `Box`.
    pub boxed: bool,
}

/// A string or integer `enum`: a Rust enum with one variant per value.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Enumeration {
    pub integer: bool,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct EnumVariant {
    /// A JSON string or integer.
    pub value: Value,
    /// The variant's name given by the spec (`x-enum-varnames`), if any.
    pub name_hint: Option<String>,
    pub rust_name: String,
}

/// `oneOf` / `anyOf`: exactly one Rust enum variant per member.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct UnionVariant {
    pub name_hint: String,
    pub rust_name: String,
    pub schema: Schema,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
    pub boxed: bool,
}

/// A schema at one place: its type and everything checked about a value there.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Schema {
    pub ty: Ty,
    pub nullable: bool,
    pub constraints: Constraints,
    pub default: Option<Value>,
    pub example: Option<Value>,
}

impl Schema {
    pub fn of(ty: Ty) -> Self {
        Self {
            ty,
            nullable: false,
            constraints: Constraints::default(),
            default: None,
            example: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Ty {
    /// Anything at all (no `type`, or a construct that only JSON can hold).
    Any,
    /// `type: object` with no declared properties: any JSON object.
    FreeObject,
    Boolean,
    Integer(IntegerFormat),
    Number(NumberFormat),
    String(StringFormat),
    Array(Box<Schema>),
    Map(Box<Schema>),
    Named(TypeId),
    /// An uploaded file: a binary property of a multipart body.
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegerFormat {
    Int32,
    Int64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    Float,
    Double,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StringFormat {
    Plain,
    DateTime,
    Date,
    Uuid,
    Email,
    Uri,
    Ipv4,
    Ipv6,
    /// `byte` and `binary`: carried as text in JSON.
    Bytes,
}

/// A numeric bound such as `minimum: 0` or `exclusiveMaximum`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// Hashes leave numbers out (`0.0 == -0.0` though their bits differ): equal values
/// still hash alike, which is all a hash owes equality.
impl Hash for Bound {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.exclusive.hash(state);
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<Pattern>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub multiple_of: Option<f64>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// Allowed values of a type that has no Rust enum of its own (integers, numbers).
    pub allowed: Option<Vec<Value>>,
}

/// Every rule but `multiple_of`, a number (see [`Bound`]'s hash).
impl Hash for Constraints {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.min_length.hash(state);
        self.max_length.hash(state);
        self.pattern.hash(state);
        self.minimum.hash(state);
        self.maximum.hash(state);
        self.min_items.hash(state);
        self.max_items.hash(state);
        self.unique_items.hash(state);
        self.min_properties.hash(state);
        self.max_properties.hash(state);
        self.allowed.hash(state);
    }
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
    pub trait_name: String,
    pub module_name: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub pointer: String,
    pub operation_id: Option<String>,
    pub method: HttpMethod,
    /// The path template as the spec writes it.
    pub path: String,
    pub template: PathTemplate,
    /// Index into [`Api::tags`].
    pub tag: usize,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// The credentials the operation requires; `None` when it is open to anyone.
    pub security: Option<SecurityPolicy>,
    pub rust_name: String,
    pub response_enum: String,
    /// Its module in `constraints.rs`, holding the shapes of its parameters and body.
    pub shapes_module: String,
    /// The static of that module holding its path template, read when compiled; named
    /// only for an operation with parameters, which reads its path.
    pub path_template_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParameterLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub schema: Schema,
    /// How its value is written, with `explode`: see [`Parameter::spread`].
    pub style: ParameterStyle,
    pub explode: bool,
    pub doc: Option<String>,
    pub example: Option<Value>,
    pub rust_name: String,
    /// The static holding its shape in the operation's module of `constraints.rs`.
    pub shape_name: String,
}

/// How a body travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Form,
    /// `multipart/form-data`: fields and files.
    Multipart,
    Text,
    /// Anything else: handed over as raw bytes.
    Bytes,
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub schema: Schema,
    pub required: bool,
    pub example: Option<Value>,
    /// The content types a multipart body's `encoding` declares for its parts.
    pub part_types: Vec<(String, String)>,
    /// The parts of a multipart body sent as JSON: declared so, or objects declared
    /// otherwise not at all (OpenAPI's default for them).
    pub json_parts: Vec<String>,
    /// The static holding its shape in the operation's module of `constraints.rs`, used
    /// when the body is not simply a named type.
    pub shape_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusKey {
    Code(u16),
    /// `2XX` and the like: the first digit.
    Range(u8),
    Default,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusKey,
    pub description: String,
    pub body: Option<ResponseBody>,
    /// The headers it declares, in the spec's order.
    pub headers: Vec<ResponseHeader>,
    pub rust_name: String,
    /// The struct holding its headers, when it declares some.
    pub headers_type: String,
}

/// A header a response declares: a field of its variant's headers.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    pub name: String,
    pub schema: Schema,
    pub required: bool,
    pub doc: Option<String>,
    pub example: Option<Value>,
    pub rust_name: String,
}

#[derive(Debug, Clone)]
pub struct ResponseBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub schema: Schema,
    pub example: Option<Value>,
}

/// A way of presenting credentials, from `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// Its key in `components.securitySchemes`.
    pub key: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
    /// The words of the trait method that verifies it: `authenticate_<rust_name>`.
    pub rust_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and the tokens of OpenID Connect,
    /// which travel the same way.
    Bearer,
    /// An OAuth 2 token, also `Authorization: Bearer <token>`; FastAPI's OAuth 2 classes
    /// hand on an empty token, where `HTTPBearer` refuses it.
    OAuth2,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// `Authorization: <scheme> <credentials>` for any other HTTP scheme.
    OtherHttp { scheme: String },
    ApiKey {
        location: ParameterLocation,
        name: String,
    },
}

/// The credentials an operation accepts: any one of `alternatives`, each a set of schemes
/// that must all be presented; `anonymous` when the spec also allows none (`{}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityPolicy {
    pub alternatives: Vec<Vec<SchemeUse>>,
    pub anonymous: bool,
}

/// One scheme of a requirement, with the scopes the operation asks of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeUse {
    /// Index into [`Api::security_schemes`].
    pub scheme: usize,
    pub scopes: Vec<String>,
}
