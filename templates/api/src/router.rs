{{ header }}
//! Routes every operation of the spec to its handler, validating the request first.

{% for import in imports -%}
use {{ import }};
{% endfor %}

/// What every route shares: the user's handlers and the body limit.
pub struct ServiceState<A> {
    api: Arc<A>,
    body_limit: usize,
}

impl<A> Clone for ServiceState<A> {
    fn clone(&self) -> Self {
        Self { api: Arc::clone(&self.api), body_limit: self.body_limit }
    }
}

/// The service: every operation, `/openapi.json` and `/docs`, and JSON 404 and 405 answers.
pub fn router<A>(api: Arc<A>) -> Router
where
    A: {{ bounds }},
{
    router_with_body_limit(api, crate::server::DEFAULT_BODY_LIMIT)
}

/// The whole service: [`router`] with the body limit of `settings`, wrapped in the
/// middleware of [`crate::middleware`].
pub fn service<A>(api: Arc<A>, settings: &crate::server::Settings) -> Router
where
    A: {{ bounds }},
{
    crate::middleware::wrap(router_with_body_limit(api, settings.body_limit), settings)
}

/// [`router`] with a body limit of `body_limit` bytes.
pub fn router_with_body_limit<A>(api: Arc<A>, body_limit: usize) -> Router
where
    A: {{ bounds }},
{
    let routes: Router<ServiceState<A>> = Router::new()
{% for route in routes -%}
        .route({{ route.path }}, {% for (method, handler) in route.handlers %}{% if loop.first %}::axum::routing::{% else %}.{% endif %}{{ method }}({{ handler }}::<A>){% endfor %}.fallback(|| async { method_not_allowed({{ route.allow }}) }))
{% endfor -%}
        ;
    routes
        .fallback(not_found)
        .with_state(ServiceState { api, body_limit })
{% if serves_docs -%}
        .merge(crate::docs::routes())
{% endif -%}
}
{% for operation in operations %}
{% let route = operation.view.route %}

/// `{{ operation.method }} {{ operation.path }}`
async fn {{ operation.name }}<A: {{ operation.trait_name }}>(
    State(state): State<ServiceState<A>>,
{% if route.takes_parts -%}
    parts: Parts,
{% endif -%}
{% if route.reads_body -%}
    body: Body,
{% endif -%}
) -> Response {
{% if let Some(check) = route.security -%}
    let principal = match {{ check.function }}(&*state.api, &parts, {{ check.policy }}).await {
        Ok(principal) => principal,
        Err(error) => return error.into_response(),
    };
{% endif -%}
{% if route.reads_body -%}
    let bytes = match read_body(body, state.body_limit).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
{% endif -%}
{% if route.reads_inputs -%}
    let inputs = RequestInputs::new(&parts, &[{% for segment in route.segments %}{% match segment %}{% when Some(name) %}Segment::Parameter({{ name }}){% when None %}Segment::Literal{% endmatch %}, {% endfor %}]);
{% endif -%}
{% if !route.extractions.is_empty() -%}
    let mut issues = Issues::new();
{% for extraction in route.extractions -%}
{% match extraction -%}
{% when Extraction::Path { binding, ty, name, shape } -%}
    let {{ binding }} = inputs.path::<{{ ty.in_crate() }}>({{ name }}, {{ shape }}, &mut issues);
{% when Extraction::Parameter { binding, reader, ty, name, shape, spread, presence } -%}
    let {{ binding }} = inputs.{{ reader }}::<{{ ty.in_crate() }}>({{ name }}, {{ shape }}, {{ spread }}, {{ presence }}, &mut issues);
{% when Extraction::Body { reader, ty, shape, presence } -%}
    let body = {{ reader }}::<{{ ty.in_crate() }}>(&bytes, {{ shape }}, {{ presence }}, &mut issues);
{% when Extraction::Text { presence, required } -%}
    let body = text_body(&bytes, {{ presence }}, &mut issues){% if *required %}.map(Option::unwrap_or_default){% endif %};
{% endmatch -%}
{% endfor -%}
{% if route.validated.len() == 1 -%}
    let Some({{ route.validated[0] }}) = {{ route.validated[0] }} else {
{% else -%}
    let ({% for name in route.validated %}Some({{ name }}), {% endfor %}) = ({% for name in route.validated %}{{ name }}, {% endfor %}) else {
{% endif -%}
        return validation_failed(issues.into_vec());
    };
{% endif -%}
    match state.api.{{ operation.name }}({{ route.call_arguments|join(", ") }}).await {
        Ok(response) => response.into_response(),
        Err(error) => error.into_response(),
    }
}
{% endfor %}
