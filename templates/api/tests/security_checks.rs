impl {{ lib }}::Security for {{ stand_in }} {
    type Principal = ();
{% for check in checks -%}
    async fn {{ check.method }}(&self, {{ check.argument }}: {{ check.argument_type }}, _scopes: &'static [&'static str]) -> Result<(), {{ lib }}::ApiError> { if {% match check.accepts %}{% when Accepted::Basic { username, password } %}{{ check.argument }}.username == {{ username }} && {{ check.argument }}.password == {{ password }}{% when Accepted::Text(credential) %}{{ check.argument }} == {{ credential }}{% endmatch %} { Ok(()) } else { Err({{ lib }}::ApiError::unauthorized("Invalid credentials")) } }
{% endfor -%}
}
