//! How a parameter's value is spread over the request, from its OpenAPI `style` and
//! `explode` and the kind of value it holds: a list as `ids=1&ids=2` or `ids=1,2`, an
//! object as `filter[name]=x` or `name=x&age=3` or `name,x,age,3`.

use super::{Api, Parameter, ParameterLocation, Schema, Ty, TypeKind};

/// The `style` a parameter declares (or takes by default for its location).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterStyle {
    Form,
    Simple,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// How one parameter is written in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// One value as it is.
    Single,
    /// A list as the parameter repeated: `ids=1&ids=2`.
    Repeated,
    /// A list as one value joined by the character: `ids=1,2`, `ids=1|2`.
    Delimited(char),
    /// An object as its properties, each a query parameter of its own: `name=x&age=3`.
    Fields,
    /// An object as `filter[name]=x&filter[age]=3`.
    Deep,
    /// An object as one value of names and values joined by the character: `name,x,age,3`.
    Pairs(char),
    /// An object as one value of `name=value` joined by the character: `name=x,age=3`.
    KeyValues(char),
}

/// What a parameter holds, for deciding how it is spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Scalar,
    List,
    Object,
}

/// How deep aliases of aliases are followed before a schema counts as a single value.
const ALIAS_DEPTH: usize = 32;

impl Parameter {
    /// How this parameter's value is written in a request.
    pub fn spread(&self, api: &Api) -> Spread {
        let holds = holds(api, &self.schema, ALIAS_DEPTH);
        let delimiter = match self.style {
            ParameterStyle::SpaceDelimited => ' ',
            ParameterStyle::PipeDelimited => '|',
            _ => ',',
        };
        let in_query = self.location == ParameterLocation::Query;
        match (holds, self.style) {
            (Holds::Scalar, _) => Spread::Single,
            (Holds::Object, ParameterStyle::DeepObject) if in_query => Spread::Deep,
            (Holds::Object, ParameterStyle::Form) if in_query && self.explode => Spread::Fields,
            (Holds::Object, ParameterStyle::Simple) if self.explode => Spread::KeyValues(','),
            (Holds::Object, _) => Spread::Pairs(delimiter),
            (Holds::List, ParameterStyle::Form) if in_query && self.explode => Spread::Repeated,
            (Holds::List, _) => Spread::Delimited(delimiter),
        }
    }
}

fn holds(api: &Api, schema: &Schema, depth: usize) -> Holds {
    match &schema.ty {
        Ty::Array(_) => Holds::List,
        Ty::Map(_) | Ty::FreeObject => Holds::Object,
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(_) => Holds::Object,
            TypeKind::Alias(aliased) if depth > 0 => holds(api, aliased, depth - 1),
            TypeKind::Alias(_) => Holds::Scalar,
            TypeKind::Enum(_) | TypeKind::Union(_) => Holds::Scalar,
        },
        _ => Holds::Scalar,
    }
}
