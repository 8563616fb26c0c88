"""Where the generated service decides differently from FastAPI, on purpose: one list,
each entry with its reason. The differential test (differential.py)
counts these apart and fails on every other difference. README's parity section lists
the same entries.
"""

import collections
import json
import re
import unicodedata
from urllib.parse import unquote

Rule = collections.namedtuple("Rule", "name reason applies")

# The bounds of a Rust i64, as the generated service names them in a 422.
I64_BOUNDS = ("9223372036854775807", "-9223372036854775808")
BOUND_TYPES = ("less_than", "less_than_equal", "greater_than", "greater_than_equal")


def errors(answer):
    """The (type, loc, msg) of a 422's errors, or None for any other answer."""
    detail = answer.content.get("detail") if isinstance(answer.content, dict) else None
    if answer.status != 422 or not isinstance(detail, list):
        return None
    return [(error["type"], error["loc"], error["msg"]) for error in detail]


def head_is_served(request, expected, answered):
    _, method, _, _, _ = request
    return method == "HEAD" and expected.status == 405 and answered.status != 405


def allow_lists_every_method(request, expected, answered):
    if expected.status != 405 or answered.status != 405 or expected.content != answered.content:
        return False
    listed = lambda answer: set(answer.headers.get("allow", "").replace(" ", "").split(","))
    return listed(expected) <= listed(answered)


def integers_are_64_bit(request, expected, answered):
    """Specforge's list, without the errors citing an i64 bound, is FastAPI's answer; a
    number literal beyond 64 bits that FastAPI calls `int_parsing_size` is refused by its
    bound instead (serde_json reads `1e30` and its digits alike)."""
    ours = errors(answered)
    if ours is None:
        return False
    beyond = [error for error in ours if error[0] in BOUND_TYPES and error[2].endswith(I64_BOUNDS)]
    if not beyond and not any(error[0] in BOUND_TYPES for error in ours):
        return False
    # In `int | str` FastAPI takes the integer: the other members' errors go with it.
    unions = [error[1][:-1] for error in beyond if error[1][-1:] == ["int"]]
    rest = [error for error in ours if error not in beyond and error[1][:-1] not in unions]
    theirs = errors(expected)
    if theirs is None:
        return not rest and expected.status < 500
    sized = [error[1] for error in theirs if error[0] == "int_parsing_size"]
    theirs = [error for error in theirs if error[0] != "int_parsing_size" and error[1][:-1] not in unions]
    rest = [error for error in rest if not (error[0] in BOUND_TYPES and error[1] in sized)]
    return rest == theirs


NON_FINITE = re.compile(r"(?i)\b(inf|infinity|nan)\b|\d[eE]\+?\d{3}")


def numbers_are_finite(request, expected, answered):
    """Specforge refuses a number that is no finite double (`inf`, `nan`, `1e400`) where
    Pydantic reads one: its other answers are FastAPI's."""
    _, _, path, _, body = request
    ours = errors(answered)
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body or ""
    if ours is None or not NON_FINITE.search(unquote(path) + text):
        return False
    refused = [error[1] for error in ours if error[0] == "float_parsing"]
    if not refused:
        return False
    rest = [error for error in ours if error[1] not in refused]
    theirs = errors(expected)
    if theirs is None:
        return not rest and expected.status < 500
    return rest == [error for error in theirs if error[1] not in refused]


def strict_json(request, expected, answered):
    ours = errors(answered)
    failed = expected.status == 500 or expected.content == {"detail": "There was an error parsing the body"}
    return failed and ours is not None and [error[0] for error in ours] == ["json_invalid"]


def openid_is_bearer(request, expected, answered):
    _, _, path, _, _ = request
    return path.startswith("/secure/openid") and expected.status == answered.status == 401


def encoded_slash(request, expected, answered):
    """Starlette routed the decoded path elsewhere (404, or a redirect); we kept the %2F."""
    _, _, path, _, _ = request
    return "%2f" in path.split("?")[0].lower() and expected.status in (404, 307)


# Characters whose direction Unicode changed between Python 3.11's unicodedata (14.0) and
# Unicode 18 (DerivedBidiClass.txt).
REDIRECTED = {0x1B3A, 0x1B3C, 0x1B42, 0x1171E, 0x1D6C1, 0x1D6FB, 0x1D735, 0x1D76F, 0x1D7A9}


def judged_by_newer_unicode(c):
    """A character Python's unicodedata knows otherwise than Unicode 18 does."""
    return unicodedata.category(c) == "Cn" or ord(c) in REDIRECTED


def newer_unicode(request, expected, answered):
    """The answers differ only in the email's error, for an address with a character that
    Python's Unicode data does not know as Unicode 18 knows it."""
    _, _, _, _, body = request
    try:
        email = json.loads(body).get("email")
    except (TypeError, ValueError, AttributeError):
        return False
    if not isinstance(email, str) or not any(map(judged_by_newer_unicode, email)):
        return False
    without_email = lambda answer: [error for error in errors(answer) or [] if error[1] != ["body", "email"]]
    if expected.status == answered.status == 422:
        return without_email(expected) == without_email(answered)
    refused = expected if expected.status == 422 else answered
    return {expected.status, answered.status} <= {201, 422} and not without_email(refused)


DELIBERATE = [
    Rule(
        "HEAD is served wherever GET is",
        "HTTP (RFC 9110) asks every server that answers GET to answer HEAD; FastAPI's routes "
        "answer 405.",
        head_is_served,
    ),
    Rule(
        "a 405 lists every method of the path",
        "Starlette's Allow lists only the first route that matched the path; a client told to "
        "use another method should learn all it may use.",
        allow_lists_every_method,
    ),
    Rule(
        "integers are 64-bit",
        "Python's integers are unbounded; the handler's i64 is not. Beyond it a 422 names the "
        "bound the value breaks: the declared one, else the i64's.",
        integers_are_64_bit,
    ),
    Rule(
        "numbers are finite",
        "JSON cannot carry an infinity or NaN back: text that reads as one ('inf', 'nan', "
        "'1e400') is refused as float_parsing, where Pydantic hands it to the handler and "
        "FastAPI answers it with null.",
        numbers_are_finite,
    ),
    Rule(
        "JSON is strict",
        "NaN, Infinity and numbers beyond a double are not JSON (RFC 8259), nor is text other "
        "than UTF-8: a 422 json_invalid where Python's json module reads them (FastAPI then "
        "fails with 500) or guesses UTF-16 from a NUL byte (and answers 400).",
        strict_json,
    ),
    Rule(
        "OpenID Connect sends a bearer token",
        "A spec's openIdConnect scheme is read as `Authorization: Bearer <token>`, the token "
        "handed to the check and a header without one answered 401 Not authenticated; "
        "FastAPI's OpenIdConnect hands any Authorization header to the check, which refuses it.",
        openid_is_bearer,
    ),
    Rule(
        "an encoded slash stays in its segment",
        "RFC 3986 makes %2F data, not a delimiter: /users/a%2Fb is user 'a/b'. Starlette "
        "decodes the path before routing it, and answers 404 or a redirect.",
        encoded_slash,
    ),
    Rule(
        "email addresses are judged by Unicode 18",
        "email-validator reads characters with Python's unicodedata (Unicode 14 on Python "
        "3.11) and domains with the idna package's tables (Unicode 18); the service reads "
        "both with Unicode 18. A character assigned since Python's version is unsafe to "
        "FastAPI and judged by its properties here; FastAPI's own answer changes with the "
        "Python it runs on.",
        newer_unicode,
    ),
]
