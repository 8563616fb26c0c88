//! Verifying credentials: how the service tells who is calling.
//!
//! specforge wrote this file once and will never overwrite it: it is yours. Until you write
//! the checks below, every credential is refused, so secured operations stay closed.

use {{ lib }}::{ {{ imports|join(", ") }} };

use crate::App;

impl Security for App {
    /// Who is calling, handed to the handlers of secured operations: here the caller's
    /// identity as text; make it your own type (a `User`) when handlers need more.
    type Principal = String;
{% for scheme in schemes %}
{% for line in scheme.doc -%}
    ///{% if !line.is_empty() %} {% endif %}{{ line }}
{% endfor -%}
    async fn {{ scheme.method }}(&self, _{{ scheme.argument }}: {{ scheme.argument_type }}, _scopes: &'static [&'static str]) -> Result<String, ApiError> {
        // Look the credential up (a token store, a JWT's signature, a password hash) and
        // answer whom it belongs to.
        Err(ApiError::unauthorized("Invalid authentication credentials"))
    }
{% endfor -%}
}
