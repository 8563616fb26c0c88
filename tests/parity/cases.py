"""The requests of the differential parity test: hand-picked ones, then strategies that
Hypothesis draws thousands from. Each request is (kind, method, path, headers, body); the
kind only groups the counts and the differences in the report.

Values are drawn to sit on the edges FastAPI decides: numbers beyond 64 bits, numbers as
strings and floats, every JSON type where a field wants another, bounds and lengths one
off, the address forms `EmailStr` accepts and refuses, content types, trailing slashes,
credentials with the wrong scheme or no token.
"""

import base64
import json
from urllib.parse import quote

from hypothesis import strategies as st

JSON = {"content-type": "application/json"}
GOOD_TOKEN = "parity-token"

# (kind, method, path, headers, body): the requests every run sends first, in order.
HAND_PICKED = [
    ("body", "POST", "/users", JSON, '{"email":"ada@example.com","name":"Ada","age":36}'),
    ("body", "POST", "/users", JSON, '{"email":"not-an-email","name":"","age":200}'),
    ("body", "POST", "/users", JSON, '{"email":"a@b.co","name":"x"}'),
    ("body", "POST", "/users", JSON, "{bad json"),
    ("body", "POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":"abc"}'),
    ("body", "POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":1.5}'),
    ("body", "POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":"30"}'),
    ("body", "POST", "/users", JSON, '{"email":"a@b.co","name":"' + "n" * 101 + '","age":-1}'),
    ("body", "POST", "/users", JSON, '{"email":7,"name":null,"age":[]}'),
    ("body", "POST", "/users", JSON, "[1, 2]"),
    ("body", "POST", "/users", JSON, ""),
    ("body", "POST", "/users", JSON, '{"email":"b@c.co","name":"Bo","age":5,"extra":true}'),
    ("path", "GET", "/users/1", {}, None),
    ("path", "GET", "/users/2", {}, None),
    ("path", "GET", "/users/999", {}, None),
    ("path", "GET", "/users/abc", {}, None),
    ("path", "GET", "/users/1.5", {}, None),
    ("query", "GET", "/users", {}, None),
    ("query", "GET", "/users?limit=abc", {}, None),
    ("query", "GET", "/users?limit=0", {}, None),
    ("query", "GET", "/users?limit=101&offset=-1", {}, None),
    ("query", "GET", "/users?limit=1&offset=1", {}, None),
    ("security", "GET", "/profile", {}, None),
    ("security", "GET", "/profile", {"authorization": "Bearer wrong-token"}, None),
    ("security", "GET", "/profile", {"authorization": "Bearer"}, None),
    ("security", "GET", "/profile", {"authorization": "Bearer    "}, None),
    ("security", "GET", "/profile", {"authorization": "Basic parity-token"}, None),
    ("security", "GET", "/profile", {"authorization": "bearer  parity-token "}, None),
    ("security", "GET", "/profile", {"authorization": f"Bearer {GOOD_TOKEN}"}, None),
    ("routing", "GET", "/nope", {}, None),
    # A scalar header sent twice: Starlette reads its first value (a query's or a cookie's last).
    ("parameters", "GET", "/items", [("x-request-tag", "first"), ("x-request-tag", "second")], None),
    ("parameters", "GET", "/items/red/3", [("x-token", "abc"), ("x-token", "ab")], None),
    ("parameters", "GET", "/items/red/3", [("x-token", "ab"), ("x-token", "abc")], None),
    ("routing", "DELETE", "/users/1", {}, None),
    ("routing", "PUT", "/users", JSON, "{}"),
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b'--parity-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
     b'Content-Type: image/png\r\n\r\n\x89PNG\r\n--parity-boundary\r\nContent-Disposition: form-data; '
     b'name="caption"\r\n\r\nhello\r\n--parity-boundary--\r\n'),
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b'--parity-boundary\r\nContent-Disposition: form-data; name="file"\r\n\r\ntext\r\n'
     b'--parity-boundary\r\nContent-Disposition: form-data; name="copies"\r\n\r\n0\r\n--parity-boundary--\r\n'),
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b"--parity-boundary--\r\n"),
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b"--parity-boundary\r\nno end"),
    # Part names a strict header parser refuses: control characters, an escaped quote left
    # open, bytes that are no UTF-8. Starlette takes each as a field no model declares.
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b'--parity-boundary\r\nContent-Disposition: form-data; name="\x1bx\x05"\r\n\r\n{}\r\n'
     b'--parity-boundary\r\nContent-Disposition: form-data; name="\\"\r\n\r\n1\r\n'
     b'--parity-boundary\r\nContent-Disposition: form-data; name="\xff"\r\n\r\n2\r\n'
     b'--parity-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nPNG\r\n'
     b'--parity-boundary\r\nContent-Disposition: form-data; name="caption"\r\n\r\nhi \x1b\r\n'
     b"--parity-boundary--\r\n"),
    ("upload", "POST", "/uploads", {"content-type": "multipart/form-data; boundary=parity-boundary"},
     b'--parity-boundary\r\nContent-Disposition: form-data; filename="a.png"\r\n\r\nPNG\r\n'
     b"--parity-boundary--\r\n"),
]

# Integers on the edges: 64-bit bounds and beyond, where Python's integers keep going.
EDGE_INTEGERS = st.sampled_from(
    [0, 1, -1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, -(10**30)]
)
INTEGERS = st.one_of(st.integers(min_value=-200, max_value=200), EDGE_INTEGERS, st.integers())

# Floats one step from an integer, and integral floats where steps are halves or twos: read
# a step off, each is an integer or not by mistake.
EDGE_FLOATS = st.sampled_from(
    [0.9999999999999999, 1.0000000000000002, 30.000000000000004, 3850332095569514.0,
     3850332095569513.5, 4503599627370495.5, 2.0**53, 2.0**53 + 2, -(2.0**52) - 0.5]
)

# Text that reads as a number to someone: what lax conversions accept or refuse.
NUMBER_TEXT = st.one_of(
    INTEGERS.map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    EDGE_FLOATS.map(repr),
    st.sampled_from(
        ["", " ", "30", " 30", "30 ", "+30", "-0", "030", "30.0", "30.00", "30.5", "3e1", "1e400",
         "1_000", "0x1e", "٣٠", "３０", "30\n", "true", "null", "NaN", "inf", "-inf", "1" * 30]
    ),
)

# Addresses beyond ASCII, each on a rule of UTS #46, IDNA 2008 or normalization: mapped
# forms, label separators, Punycode (canonical or not), joiners, characters valid in context
# only, right-to-left labels, marks that compose with what precedes them.
INTERNATIONAL_EMAILS = [
    "josé@example.com", "用户@例子.广告", "user@BÜCHER.DE", "user@ＥＸＡＭＰＬＥ.com", "user@例子。广告",
    "user@example｡com", "user@ex\u00admple.com", "user@⒈example.com", "user@☕.com", "user@ǅ.com",
    "user@XN--BCHER-KVA.de", "user@xn---bbk.com", "user@xn--.com", "user@xn--a-.com",
    "user@xn--zz99.com", "user@xn--bcher-kva.xn--p1ai", "user@ß.de", "user@ς.gr", "user@l·l.com",
    "user@a·b.com", "user@\u0375α.gr", "user@\u0375a.com", "user@א\u05f3.com", "user@\u05f3.com",
    "user@・カ.jp", "user@・a.com", "user@١٢.com", "user@٠۰.com", "user@\u0915\u094d\u200d.com",
    "user@\u0628\u200c\u0628.com", "user@a\u200cb.com", "user@\u1100\u1161.com",
    "user@\u1100.com", "user@ᏣᎳᎩ.com", "user@ꭰ.com", "user@אב.com", "user@1.אב.com",
    "user@אב1.com", "user@א١1.com", "user@ab\u05d0.com", "user@\u0301a.com", "user@a\u0301.com",
    "a\u0301@example.com", "\u212b@example.com", "a<\u0338b@example.com", "ada@exam\u0338ple.com",
    "\"a\u0301\"@example.com", "Ａda@example.com", "ada@ex\u200bample.com", "ada@\ufe52com",
    "ada@a\ufe19b.com", "ada@" + "ü" * 60 + ".com", "ada@" + "ü" * 30 + "." + "ö" * 30 + ".com",
]
INTERNATIONAL_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list("aZ09-.äÜßςéאב١٢۱٠·͵׳・カあ漢ᏣꭰǅＡ．。｡\u0301\u0338\u200c\u200d\u094d\u0915\u0628\u00ad")
        ),
        st.characters(codec="utf-8"),
    ),
    min_size=1,
    max_size=8,
)
HAND_PICKED += [
    ("email", "POST", "/users", JSON, json.dumps({"email": email, "name": "Ada", "age": 36}, ensure_ascii=False))
    for email in INTERNATIONAL_EMAILS
]

# Addresses on the edges of what email-validator (EmailStr) accepts.
EMAILS = st.one_of(
    st.sampled_from(
        ["ada@example.com", "Ada@Example.COM", "ada+tag@example.com", "ada.b@sub.example.co",
         "Ada Lovelace <ada@example.com>", "<ada@example.com>", "ada@example", "ada@localhost",
         "ada@[127.0.0.1]", "\"ada\"@example.com", "ada..b@example.com", ".ada@example.com",
         "ada.@example.com", "ada@example.com.", "ada@-example.com", "ada@exa_mple.com",
         "ada@例え.jp", "ädä@example.com", "ada@xn--r8jz45g.jp", " ada@example.com",
         "ada@example.com ", "a@b.c", "a@b.co", "ada@@example.com", "@example.com", "ada@",
         "ada", "", "ada@example.com\n", "ada@" + "a" * 64 + ".com", "a" * 65 + "@example.com",
         "ada@example.invalid", "ada@example.test", "ada@sub.localhost", "ada(comment)@example.com",
         "ada@123.123.123.123", "ada@example.123", "ADA@EXAMPLE.COM", "ada!#$%&'*+/=?^_`{|}~@example.com"]
    ),
    st.builds(
        "{}@{}.{}".format,
        st.text(min_size=0, max_size=8),
        st.text(min_size=0, max_size=8),
        st.sampled_from(["com", "co", "c", "xn--p1ai", "рф", "123", ""]),
    ),
    st.sampled_from(INTERNATIONAL_EMAILS),
    st.builds(
        "{}@{}.{}".format,
        INTERNATIONAL_TEXT,
        INTERNATIONAL_TEXT,
        st.sampled_from(["com", "рф", "xn--p1ai", "中国", "ＣＯＭ", "קום", "com。", "١٢"]),
    ),
)


def json_values(leaf=None):
    """Any JSON value, small; leaf adds the values worth trying for one field."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        INTEGERS,
        st.floats(allow_nan=False, allow_infinity=False),
        EDGE_FLOATS,
        st.text(max_size=12),
        NUMBER_TEXT,
    )
    if leaf is not None:
        scalars = st.one_of(leaf, scalars)
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=4,
    )


def integral_floats(values):
    return values.map(float)


@st.composite
def user_bodies(draw):
    """A body for POST /users: each field valid, on a bound, of another type, or absent."""
    fields = {
        "email": st.one_of(EMAILS, json_values(EMAILS)),
        "name": st.one_of(
            st.text(min_size=1, max_size=100),
            st.sampled_from(["", "x", "n" * 100, "n" * 101, " ", "\u0000", "é" * 100, "é" * 101]),
            json_values(),
        ),
        "age": st.one_of(
            st.integers(min_value=-2, max_value=152),
            integral_floats(st.integers(min_value=-2, max_value=152)),
            json_values(NUMBER_TEXT),
        ),
    }
    body = {}
    for name, values in fields.items():
        if draw(st.integers(min_value=0, max_value=9)) > 0:
            body[name] = draw(values)
    if draw(st.booleans()):
        body.update(draw(st.dictionaries(st.text(max_size=6), json_values(), max_size=2)))
    return body


def encoded(body):
    return json.dumps(body, ensure_ascii=False)


# Bodies that are not an object, or not JSON at all.
ODD_BODIES = st.one_of(
    json_values().map(encoded),
    st.sampled_from(["", " ", "{", "{}", "null", "[]", '{"email":', "{'a': 1}", "\ufeff{}", '{"a":1}x',
                     '{"age": 1e999}', '{"age": NaN}', '{"age": Infinity}', "{\"age\": 1,}"]),
    st.text(max_size=20),
)

CONTENT_TYPES = st.sampled_from(
    [None, "application/json", "application/json; charset=utf-8", "Application/JSON",
     "application/vnd.api+json", "application/merge-patch+json", "application/problem+json",
     "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data",
     "application/jsonx", "application/xml", "application", "json", "*/*", "",
     "application/json; charset=latin-1", " application/json"]
)


@st.composite
def body_requests(draw):
    body = draw(st.one_of(user_bodies().map(encoded), user_bodies().map(encoded), ODD_BODIES))
    return ("body", "POST", "/users", JSON, body)


@st.composite
def content_type_requests(draw):
    body = draw(st.one_of(user_bodies().map(encoded), st.just("{bad json"), st.just("")))
    content_type = draw(CONTENT_TYPES)
    headers = {} if content_type is None else {"content-type": content_type}
    return ("content type", "POST", "/users", headers, body)


def as_parameter(values):
    return st.one_of(NUMBER_TEXT, values.map(str), st.text(max_size=6))


@st.composite
def path_requests(draw):
    user_id = draw(as_parameter(INTEGERS))
    return ("path", "GET", "/users/" + quote(user_id, safe=""), {}, None)


@st.composite
def query_requests(draw):
    pairs = []
    for name in draw(st.lists(st.sampled_from(["limit", "offset", "other"]), max_size=3)):
        value = draw(as_parameter(st.integers(min_value=-2, max_value=102)))
        pairs.append(quote(name) + "=" + quote(value, safe=""))
    query = "&".join(pairs)
    return ("query", "GET", "/users" + ("?" + query if query else ""), {}, None)


@st.composite
def security_requests(draw):
    scheme = draw(st.sampled_from(["Bearer", "bearer", "BEARER", "Basic", "Token", "", "Bearer\t"]))
    token = draw(st.one_of(st.just(GOOD_TOKEN), st.sampled_from(["", " ", "  " + GOOD_TOKEN + " ", "x y"]),
                           st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=8)))
    separator = draw(st.sampled_from([" ", "  ", "", "\t"]))
    value = scheme + separator + token
    headers = {"authorization": value} if draw(st.integers(min_value=0, max_value=9)) else {}
    return ("security", "GET", "/profile", headers, None)


ROUTES = ["/users", "/users/", "/users/1", "/users/1/", "/profile", "/profile/", "/", "/nope",
          "/users/1/x", "//users", "/Users", "/users//1", "/openapi.json/", "/items/", "/items/red/1/",
          "/secure/basic/", "/items/red", "/docs/"]


@st.composite
def routing_requests(draw):
    method = draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]))
    path = draw(st.sampled_from(ROUTES))
    query = draw(st.sampled_from(["", "?limit=1", "?a=b&c"]))
    headers = {"authorization": f"Bearer {GOOD_TOKEN}"} if path.startswith("/profile") else {}
    if method in ("POST", "PUT", "PATCH"):
        return ("routing", method, path + query, dict(headers, **JSON),
                '{"email":"r@example.com","name":"R","age":1}')
    return ("routing", method, path + query, headers, None)


# The items API: each field valid, on an edge, of another type, or absent.
COLORS = st.sampled_from(["red", "green", "blue", "Red", "RED", "purple", "", " red"])
DATES = st.sampled_from(
    ["2024-02-29", "2023-02-29", "2024-1-5", "2024-01-05T10:00:00", "2024-13-01", "20240105",
     "0001-01-01", "9999-12-31", "2024-01-05 ", "", "yesterday"]
)
NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False), INTEGERS, NUMBER_TEXT,
    st.sampled_from([0, 0.0, -0.0, 1e-300, 1000, 1000.0, 1000.0001, "1000", "0x10"]),
)


def maybe(draw, fields):
    """An object holding each of `fields` nine times in ten, with a stray key now and then."""
    body = {}
    for name, values in fields.items():
        if draw(st.integers(min_value=0, max_value=9)) > 0:
            body[name] = draw(values)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        body.update(draw(st.dictionaries(st.text(max_size=6), json_values(), max_size=2)))
    return body


@st.composite
def pets(draw):
    kind = draw(st.sampled_from(["cat", "dog", "Cat", "bird", None, 1]))
    fields = {"kind": st.just(kind)}
    if kind == "cat" or draw(st.booleans()):
        fields["lives"] = st.one_of(st.integers(min_value=0, max_value=10), json_values(NUMBER_TEXT))
    if kind == "dog" or draw(st.booleans()):
        fields["good"] = st.one_of(
            st.booleans(), st.sampled_from(["yes", "no", "true", "off", "y", 0, 1, 2, 0.0, "", None])
        )
    return draw(st.one_of(st.builds(dict), json_values()) if draw(st.integers(0, 9)) == 0 else st.just(maybe(draw, fields)))


@st.composite
def item_bodies(draw):
    name = st.one_of(
        st.from_regex(r"[a-z][a-z0-9-]{0,39}", fullmatch=True),
        st.sampled_from(["", "A", "a b", "a" * 40, "a" * 41, "9a", "a_b", "é"]),
        json_values(),
    )
    size = st.builds(
        lambda width, height: {"width": width, "height": height},
        NUMBERS, NUMBERS,
    )
    return maybe(draw, {
        "name": name,
        "price": NUMBERS,
        "tags": st.one_of(st.lists(st.text(max_size=4), max_size=4), json_values()),
        "color": st.one_of(COLORS, json_values()),
        "size": st.one_of(size, size.map(lambda size: {"width": size["width"]}), json_values()),
        "note": st.one_of(st.none(), st.text(max_size=6), json_values()),
        "released": st.one_of(DATES, json_values()),
        "pet": pets(),
        "code": json_values(),
        "ratings": st.one_of(st.lists(st.integers(min_value=0, max_value=6), max_size=4), json_values()),
        "variants": st.one_of(st.lists(st.one_of(size, json_values()), max_size=3), json_values()),
    })


@st.composite
def item_requests(draw):
    body = draw(st.one_of(item_bodies().map(encoded), ODD_BODIES))
    return ("items", "POST", "/items", JSON, body)


# Query and header values as text: what a client puts there, right or wrong.
TEXT = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=6), NUMBER_TEXT
)
# A header value can hold no line break.
HEADER_TEXT = TEXT.map(lambda value: value.replace("\r", "").replace("\n", ""))
BOOLEAN_TEXT = st.sampled_from(["true", "false", "1", "0", "yes", "no", "on", "off", "True", "t", "f", "y", "n", "2", "", "maybe"])


@st.composite
def search_requests(draw):
    pairs = []
    for name in draw(st.lists(st.sampled_from(["q", "min_price", "in_stock", "color", "other"]), max_size=5)):
        value = draw({"in_stock": BOOLEAN_TEXT, "color": COLORS}.get(name, TEXT))
        pairs.append(quote(name) + "=" + quote(value, safe=""))
    headers = {}
    if draw(st.booleans()):
        headers["x-request-tag"] = draw(HEADER_TEXT)
    if draw(st.booleans()):
        headers["cookie"] = draw(st.sampled_from(["theme=dark", "theme=", "theme=\"dark\"", "a=1; theme=light", "theme=dark; theme=light", "other=1", "theme"]))
    query = "&".join(pairs)
    return ("parameters", "GET", "/items" + ("?" + query if query else ""), headers, None)


@st.composite
def place_requests(draw):
    color = draw(COLORS)
    shelf = draw(as_parameter(st.integers(min_value=-1, max_value=22)))
    headers = {}
    if draw(st.integers(min_value=0, max_value=4)):
        headers["x-token"] = draw(st.one_of(st.sampled_from(["abc", "ab", "", "   ", "token"]), HEADER_TEXT))
    path = "/items/" + quote(color, safe="") + "/" + quote(shelf, safe="")
    return ("parameters", "GET", path, headers, None)


FORM = {"content-type": "application/x-www-form-urlencoded"}


@st.composite
def form_requests(draw):
    """A login form: each field absent, repeated, empty or odd; now and then not a form."""
    values = {
        "username": st.one_of(st.sampled_from(["ada", "ad", "", "  ada  "]), TEXT),
        "password": st.one_of(st.just("secret"), TEXT),
        "remember": BOOLEAN_TEXT,
        "scopes": st.one_of(st.sampled_from(["read", "write", ""]), TEXT),
        "other": TEXT,
    }
    pairs = []
    for name in draw(st.lists(st.sampled_from(list(values)), max_size=7)):
        pairs.append(quote(name) + "=" + quote(draw(values[name]), safe=""))
    body = "&".join(pairs)
    headers = draw(st.sampled_from([FORM, FORM, FORM, JSON, {}]))
    return ("form", "POST", "/login", headers, body)


BOUNDARY = "parity-boundary"


def multipart(parts):
    """A multipart body of (name, filename or None, content type or None, content) parts."""
    body = b""
    for name, filename, content_type, content in parts:
        body += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"'.encode()
        if filename is not None:
            body += f'; filename="{filename}"'.encode()
        if content_type is not None:
            body += f"\r\nContent-Type: {content_type}".encode()
        body += b"\r\n\r\n" + content + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()


@st.composite
def upload_requests(draw):
    """An upload: the file sent, sent as text, or left out; text fields absent, repeated,
    empty or odd; extra files; now and then a body that does not parse, or no multipart."""
    content = st.one_of(st.binary(max_size=40), st.just(b"\x89PNG\r\n"))
    file_part = st.tuples(
        st.just("file"),
        st.one_of(st.none(), st.sampled_from(["a.png", "notes.txt", ""])),
        st.sampled_from([None, "image/png", "text/plain"]),
        content,
    )
    text = st.one_of(st.sampled_from(["x", "", "twenty-one characters", "3", "0", "11", "-1", "1.5"]), TEXT)
    field_part = st.tuples(
        st.sampled_from(["caption", "copies", "other"]),
        st.none(),
        st.none(),
        text.map(lambda value: value.encode("utf-8", "surrogatepass")),
    )
    extra_part = st.tuples(st.just("extras"), st.just("more.bin"), st.just("application/octet-stream"), content)
    parts = draw(st.lists(st.one_of(file_part, field_part, extra_part), max_size=6))
    body = multipart(parts)
    kind = draw(st.integers(min_value=0, max_value=9))
    headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
    if kind == 0:
        body = body[: len(body) // 2]
    elif kind == 1:
        headers = draw(st.sampled_from([FORM, JSON, {}]))
    return ("upload", "POST", "/uploads", headers, body)


def basic_value(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@st.composite
def scheme_requests(draw):
    route = draw(st.sampled_from(
        ["basic", "header-key", "query-key", "cookie-key", "oauth2", "oauth2-code", "digest", "openid"]
    ))
    path, headers = "/secure/" + route, {}
    good = draw(st.booleans())
    if route == "basic":
        value = draw(st.one_of(
            st.just(basic_value("ada", "secret" if good else "wrong")),
            st.sampled_from(["Basic", "Basic ", "Basic !!!", "Basic YWRh", "basic YWRhOnNlY3JldA==",
                             "Bearer parity-token", "Basic YWRhOnNlY3JldA", "Basic w6k6w6k="]),
        ))
        headers["authorization"] = value
    elif route == "header-key":
        headers["x-api-key"] = draw(st.sampled_from(["header-key" if good else "wrong", "", " header-key"]))
    elif route == "query-key":
        path += "?api_key=" + draw(st.sampled_from(["query-key" if good else "wrong", "", "query-key&api_key=x"]))
    elif route == "cookie-key":
        headers["cookie"] = draw(st.sampled_from(["session=cookie-key" if good else "session=wrong", "session=", "other=1"]))
    elif route == "digest":
        headers["authorization"] = draw(st.sampled_from(
            [f"Digest {GOOD_TOKEN}" if good else "Digest wrong", "digest  x ", "Digest", "Digest ", "Bearer x"]
        ))
    else:
        headers["authorization"] = draw(st.sampled_from(
            [f"Bearer {GOOD_TOKEN}" if good else "Bearer wrong", "Bearer", "bearer " + GOOD_TOKEN, "Basic x"]
        ))
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        headers = {}
    return ("security", "GET", path, headers, None)


REQUESTS = st.one_of(
    body_requests(),
    content_type_requests(),
    path_requests(),
    query_requests(),
    security_requests(),
    routing_requests(),
    item_requests(),
    search_requests(),
    place_requests(),
    scheme_requests(),
    form_requests(),
    upload_requests(),
)
