{{ header }}
{%- macro add_route(route, prefix) -%}
{%- match route.target -%}
{%- when RouteTarget::Methods { handlers, allow } -%}
routes = routes.route({{ route.path }}, {% for (method, handler) in handlers %}{% if loop.first %}on::{% else %}.{% endif %}{{ method }}({{ prefix }}{{ handler }}::<A>){% endfor %}.fallback(allow_only({{ allow }})));
{%- when RouteTarget::Shared(function) -%}
routes = routes.route({{ route.path }}, on::any({{ prefix }}shared_routes::{{ function }}::<A>));
{%- endmatch -%}
{%- endmacro %}
{%- macro arguments(route) -%}
{%- if route.call_arguments.len() == 1 -%}
{{ route.call_arguments[0] }}
{%- else -%}
({% for name in route.call_arguments %}{{ name }}, {% endfor %})
{%- endif -%}
{%- endmacro %}
//! Routes every operation of the spec to its handler, validating the request first.
//! A route that validates reads its handler's arguments in a block of their own: what
//! they were read from is dropped before the handler is awaited, and the route's future,
//! moved and boxed on every request, is not made larger by it.

{% for import in imports -%}
use {{ import }};
{% endfor %}

/// Every path served: a request one slash off one of them is redirected to it.
const SERVED_PATHS: &[&str] = &[{% for path in served_paths %}{{ path }}, {% endfor %}];

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

/// Every handler trait of the spec: what a service implements for [`router`] to serve it.
pub trait Handlers: {{ bounds }} {}

impl<A: {{ bounds }}> Handlers for A {}

/// The service: every operation, `/openapi.json` and `/docs`, and JSON 404 and 405 answers.
pub fn router<A>(api: Arc<A>) -> Router
where
    A: Handlers,
{
    router_with_body_limit(api, crate::server::DEFAULT_BODY_LIMIT)
}

/// The whole service: [`router`] with the body limit of `settings`, wrapped in the
/// middleware of [`crate::middleware`].
pub fn service<A>(api: Arc<A>, settings: &crate::server::Settings) -> crate::middleware::Wrapped
where
    A: Handlers,
{
    crate::middleware::wrap(router_with_body_limit(api, settings.body_limit), settings)
}

/// [`router`] with a body limit of `body_limit` bytes.
pub fn router_with_body_limit<A>(api: Arc<A>, body_limit: usize) -> Router
where
    A: Handlers,
{
    // One statement a route: a chain of thousands of calls nests too deep for rustfmt and
    // rustc; a spec of thousands of paths adds its routes in parts.
{% if route_parts.is_empty() -%}
    let routes: Router<ServiceState<A>> = Router::new();
{% else -%}
    let mut routes: Router<ServiceState<A>> = Router::new();
{% endif -%}
{% if route_parts.len() == 1 -%}
{% for route in route_parts[0] -%}
    {% call add_route(route, "") %}{% endcall %}
{% endfor -%}
{% else -%}
{% for part in route_parts -%}
    routes = route_parts::part_{{ loop.index }}(routes);
{% endfor -%}
{% endif -%}
    routes
        .fallback_service(unrouted(SERVED_PATHS))
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
{% if route.request_use.takes_request() -%}
    request: Request,
{% endif -%}
) -> Result<Response, Response> {
{% if let Some(module) = route.shapes_module -%}
    use constraints::{{ module }} as {{ declared_module }};

{% endif -%}
{% if !route.extractions.is_empty() -%}
    let {% call arguments(route) %}{% endcall %} = {
{% endif -%}
{% match route.request_use -%}
{% when RequestUse::Nothing -%}
{% when RequestUse::Head -%}
    let (parts, _) = request.into_parts();
{% when RequestUse::Body -%}
    let body = request.into_body();
{% when RequestUse::HeadAndBody -%}
    let (parts, body) = request.into_parts();
{% endmatch -%}
{% if let Some(check) = route.security -%}
    let principal = {{ check.function }}(&*state.api, &parts, {{ check.policy }}).await?;
{% endif -%}
{% if route.request_use.reads_body() -%}
    let bytes = read_body(body, state.body_limit).await?;
{% endif -%}
{% if let Some(path_template) = route.path_template -%}
    let inputs = RequestInputs::new(&parts, &{{ path_template }})?;
{% endif -%}
{% if !route.extractions.is_empty() -%}
    let mut issues = {% if by_spec %}Issues::by_spec(){% else %}Issues::new(){% endif %};
{% for extraction in route.extractions -%}
{% match extraction -%}
{% when Extraction::Parameter { binding, declaration } -%}
    let {{ binding }} = inputs.read(&{{ declaration }}, &mut issues);
{% when Extraction::Body { reader, fallible, declaration } -%}
    let body = {{ reader }}(&bytes, &parts.headers, &{{ declaration }}, &mut issues){% if *fallible %}?{% endif %};
{% when Extraction::Text { presence, required } -%}
    let body = text_body(&bytes, {{ presence }}, &mut issues){% if *required %}.map(Option::unwrap_or_default){% endif %};
{% endmatch -%}
{% endfor -%}
{% if route.validated.len() == 1 -%}
    let Some({{ route.validated[0] }}) = {{ route.validated[0] }} else {
{% else -%}
    let ({% for name in route.validated %}Some({{ name }}), {% endfor %}) = ({% for name in route.validated %}{{ name }}, {% endfor %}) else {
{% endif -%}
        return Err(validation_failed(issues.into_vec()));
    };
{% endif -%}
{% if !route.extractions.is_empty() -%}
    {% call arguments(route) %}{% endcall %}
    };
{% endif -%}
    let answer = A::{{ operation.name }}(&state.api{% for argument in route.call_arguments %}, {{ argument }}{% endfor %}).await;
    Ok(answer.into_response())
}
{% endfor %}
{% if !shared_routes.is_empty() %}

/// Routes shared by operations that axum's router cannot tell apart: each request goes
/// to the first whose path and query it fits, most specific first.
mod shared_routes {
    use axum::extract::{Request, State};
    use axum::handler::Handler;
    use axum::http::Method;
    use axum::response::{IntoResponse, Response};

    use super::*;
    use crate::routing::{{ routing_imports }};
{% for shared in shared_routes %}

    /// {% for candidate in shared.candidates %}{% if !loop.first %}, {% endif %}`{{ candidate.method }} {{ candidate.path }}`{% endfor %}
    pub(super) async fn {{ shared.function }}<A>(State(state): State<ServiceState<A>>, request: Request) -> Response
    where
        A: Handlers,
    {
        const CANDIDATES: &[Candidate] = &[
{% for candidate in shared.candidates -%}
            Candidate { template: {{ candidate.template }}, conditions: &[{% for condition in candidate.conditions %}{% match condition %}{% when ConditionView::Present(name) %}Condition::Present({{ name }}){% when ConditionView::Equals(name, value) %}Condition::Equals({{ name }}, {{ value }}){% endmatch %}, {% endfor %}], method: Method::{{ candidate.method }} },
{% endfor -%}
        ];
        match pick(&request, CANDIDATES) {
{% for candidate in shared.candidates -%}
{% if loop.last -%}
            Ok(_) => super::{{ candidate.handler }}::<A>.call(request, state).await,
{% else -%}
            Ok({{ loop.index0 }}) => super::{{ candidate.handler }}::<A>.call(request, state).await,
{% endif -%}
{% endfor -%}
            Err(refusal) => refusal.into_response(),
        }
    }
{% endfor -%}
}
{% endif %}
{% if route_parts.len() > 1 %}

/// The routes, in parts: one function of thousands of statements is more than rustfmt
/// and rustc handle well.
mod route_parts {
    use super::*;
{% for part in route_parts %}

    pub(super) fn part_{{ loop.index }}<A>(mut routes: Router<ServiceState<A>>) -> Router<ServiceState<A>>
    where
        A: Handlers,
    {
{% for route in part -%}
        {% call add_route(route, "super::") %}{% endcall %}
{% endfor -%}
        routes
    }
{% endfor -%}
}
{% endif %}
