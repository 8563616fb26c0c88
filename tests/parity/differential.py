"""The differential parity test: sends the same requests, in the same order, to the
FastAPI app of tests/fastapi and to the specforge service generated from its exported
spec, and compares what the framework decides. First the hand-picked requests of
cases.py, then as many as Hypothesis draws within the bounds (a fixed seed, so a run
repeats). Prints the counts by kind and each kind of difference with its first examples;
exits 1 on any difference that is not a deliberate one (deliberate.py).

    python differential.py http://127.0.0.1:8000 http://127.0.0.1:8001

Environment: PARITY_EXAMPLES (drawn requests, default 3000), PARITY_SECONDS (a bound on
the drawing, default 300), PARITY_SEED (default 20261129).
"""

import collections
import http.client
import json
import os
import sys
import time
from urllib.parse import urlsplit

from hypothesis import HealthCheck, Phase, given, seed, settings

from deliberate import DELIBERATE, errors
from cases import HAND_PICKED, REQUESTS

# The headers the framework sets on its own answers.
COMPARED_HEADERS = ("allow", "location", "www-authenticate")
EXAMPLES_SHOWN = 3


def send(base, method, path, headers, body):
    """The answer as compared: status, the compared headers and the body (JSON when it is)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        data = body.encode() if isinstance(body, str) else body
        if isinstance(headers, dict):
            # Header values go out as UTF-8 bytes: http.client would refuse what is not Latin-1.
            encoded = {name: value.encode() for name, value in headers.items()}
            connection.request(method, path, body=data, headers=encoded)
        else:
            # (name, value) pairs, a name given more than once sent as that many lines.
            connection.putrequest(method, path)
            for name, value in headers:
                connection.putheader(name, value.encode())
            if data is not None:
                connection.putheader("content-length", str(len(data)))
            connection.endheaders(data)
        response = connection.getresponse()
        raw = response.read()
        found = {name: response.getheader(name) for name in COMPARED_HEADERS}
        # The two services listen on different ports: a redirect is compared by its path.
        if found["location"] is not None and found["location"].startswith(base):
            found["location"] = found["location"][len(base) :]
        status = response.status
    finally:
        connection.close()
    try:
        content = json.loads(raw) if raw else None
    except ValueError:
        content = raw.decode(errors="replace")
    return Answer(status, {name: value for name, value in found.items() if value is not None}, content)


Answer = collections.namedtuple("Answer", "status headers content")


# The words of the parity handlers (app.py, tests/parity/*.rs): answers they give.
HANDLER_DETAILS = {"User not found", "Invalid token", "Invalid credentials"}


def from_handler(answer):
    detail = answer.content.get("detail") if isinstance(answer.content, dict) else None
    return 200 <= answer.status < 300 or (isinstance(detail, str) and detail in HANDLER_DETAILS)


def without_ids(content):
    """A handler's answer without the ids its store hands out."""
    if isinstance(content, dict):
        return {key: without_ids(value) for key, value in content.items() if key != "id"}
    if isinstance(content, list):
        return [without_ids(item) for item in content]
    return content


def decided(method, answer):
    """What the comparison looks at. The request reached a handler: that it did and, for a
    request that is no read, what the handler was given (echoed in its answer; a read
    answers with the store, which a difference already reported may have set apart). A
    422: the (type, loc, msg) of every error, in order. Anything else: the whole answer."""
    if from_handler(answer):
        return ("handler", None if method in ("GET", "HEAD") else without_ids(answer.content))
    listed = errors(answer)
    return (answer.status, answer.headers, answer.content if listed is None else listed)


def cause(expected, answered):
    """A short name for a difference, so that many requests with one cause read as one."""
    if expected.status != answered.status:
        return f"status {expected.status} vs {answered.status}"
    if expected.headers != answered.headers:
        return f"headers {sorted(expected.headers)} vs {sorted(answered.headers)}"
    if expected.status == 422:
        return "422 " + first_difference(errors(expected) or [], errors(answered) or [])
    return f"body of {expected.status}"


def first_difference(expected, answered):
    """The first error where two 422s part, its loc's indices and body positions blurred."""

    def shown(listed, index):
        if index >= len(listed):
            return "nothing"
        kind, loc, msg = listed[index]
        loc = ".".join("#" if isinstance(step, int) else str(step) for step in loc or [])
        return f"{kind} at {loc} ({msg if kind == 'value_error' else ''})".replace(" ()", "")

    index = 0
    while shown(expected, index) == shown(answered, index) and index < max(len(expected), len(answered)):
        index += 1
    return f"{shown(expected, index)} vs {shown(answered, index)}"


class Run:
    def __init__(self, fastapi, specforge):
        self.fastapi, self.specforge = fastapi, specforge
        self.sent = collections.Counter()
        self.deliberate = collections.Counter()
        self.differences = collections.defaultdict(list)

    def compare(self, request):
        kind, method, path, headers, body = request
        self.sent[kind] += 1
        expected = send(self.fastapi, method, path, headers, body)
        answered = send(self.specforge, method, path, headers, body)
        if decided(method, expected) == decided(method, answered):
            return
        for rule in DELIBERATE:
            if rule.applies(request, expected, answered):
                self.deliberate[rule.name] += 1
                return
        self.differences[(kind, cause(expected, answered))].append((request, expected, answered))

    def report(self):
        total = sum(self.sent.values())
        print(f"parity: {total} requests sent: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.sent.items())))
        for name, count in sorted(self.deliberate.items()):
            print(f"  deliberate ({name}): {count}")
        for (kind, why), found in sorted(self.differences.items()):
            print(f"DIFFERENT [{kind}] {why}: {len(found)} requests")
            for (_, method, path, headers, body), expected, answered in found[:EXAMPLES_SHOWN]:
                print(f"  {method} {path} {headers} {body!r}")
                print(f"    FastAPI:   {decided(method, expected)}")
                print(f"    specforge: {decided(method, answered)}")
        count = sum(len(found) for found in self.differences.values())
        print(f"parity: {count} differences")
        return count


def main():
    fastapi, specforge = sys.argv[1:3]
    examples = int(os.environ.get("PARITY_EXAMPLES", "3000"))
    deadline = time.monotonic() + float(os.environ.get("PARITY_SECONDS", "300"))
    run = Run(fastapi, specforge)
    for request in HAND_PICKED:
        run.compare(request)

    @seed(int(os.environ.get("PARITY_SEED", "20261129")))
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(request=REQUESTS)
    def drawn(request):
        if time.monotonic() < deadline:
            run.compare(request)

    drawn()
    sys.exit(1 if run.report() else 0)


main()
