"""Failures schemathesis reports where its reading of a request differs from HTTP's and
OpenAPI's, and so from every service's: each is dropped by `filter_failure` (the report
counts them as "dropped by `filter_failure`"), and only when the request as sent is also
a valid one. Loaded by scripts/schemathesis.sh (SCHEMATHESIS_HOOKS).
"""

import json
import re
import sys
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs, parse_qsl, unquote, urlsplit

import jsonschema_rs
import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoveragePhaseData, CoverageScenario
from schemathesis.openapi.checks import AllowHeaderMismatch, UnsupportedMethodResponse

NON_BODY = (ParameterLocation.QUERY, ParameterLocation.HEADER, ParameterLocation.COOKIE)
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Where schemathesis keeps the schemas a body's schema refers to.
BUNDLE = "x-bundled"


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if isinstance(failure, (AllowHeaderMismatch, UnsupportedMethodResponse)):
        misread = served_by_another_template(failure, case, response)
    elif isinstance(failure, AcceptedNegativeData) and case.meta is not None:
        misread = all(is_misread(negation, case, response) for negation in negations(case))
    else:
        misread = False
    if misread:
        # Each dropped failure is named in the run's log, to be read.
        request = response.request
        broken = ", ".join(f"{location} {name} {list(keywords)}" for location, name, keywords in negations(case))
        headers = {key: value for key, value in request.headers.items() if key.lower() not in ("user-agent", "accept", "accept-encoding", "connection", "content-length")}
        body = request.body[:300] if request.body else ""
        print(
            f"dropped by hooks.py: {failure.title}: {request.method} {request.url} {headers} "
            f"{body!r} (broken: {broken})",
            file=sys.stderr,
        )
    return not misread


def negations(case):
    """What the case breaks, as (location, parameter, keywords): the coverage phase breaks
    one thing, the others list their mutations."""
    data = case.meta.phase.data
    if isinstance(data, CoveragePhaseData):
        unexpected = data.scenario == CoverageScenario.OBJECT_UNEXPECTED_PROPERTIES
        keywords = ("additionalProperties",) if unexpected else ()
        return [(data.parameter_location, data.parameter, keywords)]
    mutations = [(m.parameter_location, m.parameter, m.keywords) for m in data.mutations]
    return mutations or [(data.parameter_location, data.parameter, ())]


def is_misread(negation, case, response):
    location, parameter, keywords = negation
    if location in NON_BODY and "additionalProperties" in keywords:
        # A query parameter, header or cookie the operation does not declare: services
        # ignore what they do not know (RFC 9110, 5.1).
        return True
    if location in NON_BODY:
        return parameter_as_sent_is_valid(case, response, location, parameter)
    if location == ParameterLocation.BODY:
        return form_as_sent_is_valid(case, response)
    return False


def parameter_as_sent_is_valid(case, response, location, name):
    """A parameter that, read from the request as its style writes it, is valid: a list
    sent empty (`X-Fields:`, `tags=`) is an empty list, not a list of one empty text;
    `filter[]=x` in a `deepObject` is an object with a property named ``; a text is the
    text or the JSON literal it spells. schemathesis judges the value it generated
    before writing it, and some values are written as valid others are."""
    parameter = next((p for p in case.operation.get_parameter_set(location) if p.name == name), None)
    if parameter is None:
        return False
    definition = parameter.definition
    schema = definition.get("schema", {})
    texts = sent_texts(response.request, location, name)
    default_style = "simple" if location == ParameterLocation.HEADER else "form"
    style = definition.get("style", default_style)
    explode = definition.get("explode", style == "form")
    # An object whose properties are pairs of their own (`offset=0&limit=10`).
    spread_object = style == "form" and explode and schema.get("type") == "object"
    if not texts and style != "deepObject" and not spread_object:
        # Not sent at all, whatever schemathesis generated for it: an optional
        # parameter left out is valid.
        return not definition.get("required", False)
    if style == "deepObject":
        value = deep_object(response.request, name, schema)
    elif spread_object:
        value = exploded_object(sent_pairs(response.request, location), schema)
    elif is_list(schema):
        if style == "simple" or not explode:
            delimiter = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
            texts = [item for text in texts for item in (text.split(delimiter) if text else [])]
        value = [read(text, schema.get("items", {}), schema) for text in texts]
    elif len(texts) == 1 and schema.get("type") != "object":
        value = read(texts[0], schema, schema)
    else:
        return False
    return value is not None and jsonschema_rs.validator_for(schema).is_valid(value)


def sent_texts(request, location, name):
    if location == ParameterLocation.HEADER:
        return [request.headers[name].strip(" \t")] if name in request.headers else []
    return [value for key, value in sent_pairs(request, location) if key == name]


def sent_pairs(request, location):
    """The query's or the cookies' (name, value) pairs, in the order sent."""
    if location == ParameterLocation.COOKIE:
        cookies = [pair.strip().partition("=") for pair in request.headers.get("Cookie", "").split(";")]
        return [(key, value) for key, _, value in cookies]
    return query_pairs(request)


def query_pairs(request):
    return parse_qsl(urlsplit(request.url).query, keep_blank_values=True)


def deep_object(request, name, schema):
    """`name[a]=x&name[b][]=y` read as {"a": x, "b": [y]}, texts as `read` takes them."""
    properties = schema.get("properties", {})
    value = {}
    for key, text in query_pairs(request):
        if not (key.startswith(f"{name}[") and key.endswith("]")):
            continue
        path = key[len(name) + 1 : -1].split("][")
        if len(path) != 1 and path != [path[0], ""]:
            return None
        field = resolved(properties.get(path[0], {}), schema)
        put(value, path[0], text, field, schema, listed=len(path) == 2)
    return value


def exploded_object(pairs, schema):
    """`offset=0&limit=10` read as {"offset": 0, "limit": 10}: each property of a
    form-exploded object is a pair of its own, and a pair named as the parameter itself
    (`page=x`) is not part of it. None where other pairs could be properties too."""
    if isinstance(schema.get("additionalProperties"), dict) or "patternProperties" in schema:
        return None
    properties = schema.get("properties", {})
    value = {}
    for key, text in pairs:
        if key not in properties:
            continue
        put(value, key, text, resolved(properties[key], schema), schema)
    return value


def put(value, name, text, field, schema, listed=False):
    """Sets property `name` of `value` to `text` as `field` reads it: appended where the
    property is a list (or sent as one, `name[]`), else replacing what came before."""
    if listed or is_list(field):
        value.setdefault(name, []).append(read(text, field.get("items", {}), schema))
    else:
        value[name] = read(text, field, schema)


def form_as_sent_is_valid(case, response):
    """A form body that, read as a form is read, is valid: a list field is its values
    (one value is a list of one), another field its last value, a text the text or the
    JSON literal it spells, a part with a file name a file, a part sent as JSON its JSON.
    schemathesis reads a list field sent once as a scalar, and a file part by the value
    it generated before sending it as the file's content."""
    media_type = (case.media_type or "").split(";")[0].strip().lower()
    declared = case.operation.get_body_for_media_type(case.media_type)
    if media_type not in (URLENCODED, MULTIPART) or declared is None:
        return False
    schema = declared.optimized_schema
    sent = sent_form(response.request, media_type)
    if sent is None:
        return False
    properties = resolved(schema, schema).get("properties", {})
    as_read = {}
    try:
        for name, values in sent.items():
            field = resolved(properties.get(name, {}), schema)
            if is_list(field):
                items = field.get("items", {})
                as_read[name] = [read(value, items, schema) for value in values]
            else:
                as_read[name] = read(values[-1], field, schema)
        return jsonschema_rs.validator_for(schema).is_valid(as_read)
    except (ValueError, TypeError):
        # A schema the validator cannot read: whether the form is valid is not known.
        return False


def sent_form(request, media_type):
    """The form's fields as sent, each a list of values: text, or ("json", value)."""
    body = request.body.encode() if isinstance(request.body, str) else request.body
    if not isinstance(body, bytes):
        return None
    if media_type == URLENCODED:
        return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    content_type = request.headers.get("Content-Type", "")
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
        if part.get_content_type() == "application/json":
            try:
                fields.setdefault(name, []).append(("json", json.loads(text)))
                continue
            except ValueError:
                pass
        fields.setdefault(name, []).append(text)
    return fields


def resolved(schema, root):
    """`schema`, its reference followed within the bundle schemathesis keeps at the root."""
    reference = schema.get("$ref", "") if isinstance(schema, dict) else ""
    if reference.startswith(f"#/{BUNDLE}/"):
        return root.get(BUNDLE, {}).get(reference.rsplit("/", 1)[1], {})
    return schema


def read(value, schema, root):
    if isinstance(value, tuple):
        return value[1]
    if jsonschema_rs.validator_for({**schema, BUNDLE: root.get(BUNDLE, {})}).is_valid(value):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def served_by_another_template(failure, case, response):
    """A URL that more than one path template matches (`/files/{id}` and
    `/files/{file_id}`, which OpenAPI calls identical; `/files/{name}.json` and
    `/files/{file_id}`): it is served by the methods of them all, where schemathesis
    reads each template alone. Dropped only when those methods are what the service
    answered: the `Allow` it sent, or a method one of them declares."""
    path = unquote(urlsplit(response.request.url).path)
    templates = case.operation.schema.raw_schema.get("paths", {})
    matching = [methods for template, methods in templates.items() if matches(template, path)]
    if len(matching) < 2:
        return False
    served = {method.upper() for methods in matching for method in methods if method in METHODS}
    if isinstance(failure, AllowHeaderMismatch):
        allow = response.headers.get("allow", [""])[0]
        advertised = {method.strip().upper() for method in allow.split(",") if method.strip()}
        return advertised - {"HEAD", "OPTIONS"} == served - {"HEAD", "OPTIONS"}
    return response.request.method.upper() in served


def matches(template, path):
    """Whether `path` is one of `template`'s: each `{name}` stands for text without `/`."""
    pattern = "".join(
        "[^/]+" if piece.startswith("{") else re.escape(piece)
        for piece in re.split(r"(\{[^}]*\})", template.split("?")[0])
    )
    return re.fullmatch(pattern, path) is not None


def is_list(schema):
    kind = schema.get("type") if isinstance(schema, dict) else None
    return kind == "array" or (isinstance(kind, list) and "array" in kind)
