"""Sends the same requests, in the same order, to the FastAPI app and to the specforge
service generated from its exported spec, and compares what they answer: the status; for
a 422 the (type, loc) of every error, in order; for any other answer the JSON body. Prints each difference; exits 1 if
there is any.

    python compare.py http://127.0.0.1:8000 http://127.0.0.1:8001
"""

import json
import sys
import urllib.error
import urllib.request

JSON = {"content-type": "application/json"}
GOOD = {"authorization": "Bearer parity-token"}

# (method, path, headers, body): valid and invalid bodies, bad path and query parameters,
# a missing and a wrong credential, an unknown route, a wrong method.
REQUESTS = [
    ("POST", "/users", JSON, '{"email":"ada@example.com","name":"Ada","age":36}'),
    ("POST", "/users", JSON, '{"email":"not-an-email","name":"","age":200}'),
    ("POST", "/users", JSON, '{"email":"a@b.co","name":"x"}'),
    ("POST", "/users", JSON, "{bad json"),
    ("POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":"abc"}'),
    ("POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":1.5}'),
    ("POST", "/users", JSON, '{"email":"a@b.co","name":"x","age":"30"}'),
    ("POST", "/users", JSON, '{"email":"a@b.co","name":"' + "n" * 101 + '","age":-1}'),
    ("POST", "/users", JSON, '{"email":7,"name":null,"age":[]}'),
    ("POST", "/users", JSON, "[1, 2]"),
    ("POST", "/users", JSON, ""),
    ("POST", "/users", JSON, '{"email":"b@c.co","name":"Bo","age":5,"extra":true}'),
    ("GET", "/users/1", {}, None),
    ("GET", "/users/2", {}, None),
    ("GET", "/users/999", {}, None),
    ("GET", "/users/abc", {}, None),
    ("GET", "/users/1.5", {}, None),
    ("GET", "/users", {}, None),
    ("GET", "/users?limit=abc", {}, None),
    ("GET", "/users?limit=0", {}, None),
    ("GET", "/users?limit=101&offset=-1", {}, None),
    ("GET", "/users?limit=1&offset=1", {}, None),
    ("GET", "/profile", {}, None),
    ("GET", "/profile", {"authorization": "Bearer wrong-token"}, None),
    ("GET", "/profile", {"authorization": "Bearer"}, None),
    ("GET", "/profile", {"authorization": "Bearer    "}, None),
    ("GET", "/profile", {"authorization": "Basic parity-token"}, None),
    ("GET", "/profile", {"authorization": "bearer  parity-token "}, None),
    ("GET", "/profile", GOOD, None),
    ("GET", "/nope", {}, None),
    ("DELETE", "/users/1", {}, None),
    ("PUT", "/users", JSON, "{}"),
]


def send(base, method, path, headers, body):
    data = body.encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    if status != 422:
        return (status, json.loads(raw) if raw else None)
    errors = json.loads(raw)["detail"]
    return (status, [(error["type"], error["loc"]) for error in errors])


def main():
    fastapi, specforge = sys.argv[1:3]
    differences = 0
    for method, path, headers, body in REQUESTS:
        expected = send(fastapi, method, path, headers, body)
        answered = send(specforge, method, path, headers, body)
        if expected != answered:
            differences += 1
            print(f"DIFFERENT {method} {path} {body!r}\n  FastAPI:   {expected}\n  specforge: {answered}")
    print(f"parity: {len(REQUESTS)} requests, {differences} differences")
    sys.exit(1 if differences else 0)


main()
