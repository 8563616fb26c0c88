#!/usr/bin/env bash
# Opens the /docs page of a generated service in a real headless browser (Debian's
# chromium) with every host but 127.0.0.1 unreachable, and checks that Swagger UI
# rendered every operation of the spec and that the page asked for nothing outside the
# service: no script, style sheet, image or frame from another origin.
#   scripts/docs-in-browser.sh [SPEC]      default specs/users.yaml; installs chromium if absent
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
spec=${1:-$root/specs/users.yaml}
work="$root/target/docs-check"

source "$root/scripts/generated-service.sh"
install_if_absent chromium chromium
rm -rf "$work" && mkdir -p "$work"
generate_workspace "$spec" "$work/service" docs-check
build_workspace "$work/service"

port=$(free_port)
PORT=$port HOST=127.0.0.1 RUST_LOG=info "$CARGO_TARGET_DIR/debug/docs-check" > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2> /dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/openapi.json" -o "$work/openapi.json" && break
  sleep 0.1
done

timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" \
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \
  --virtual-time-budget=15000 --dump-dom "http://127.0.0.1:$port/docs" \
  > "$work/docs.html" 2> "$work/chromium.log"

python3 - "$work/docs.html" "$work/openapi.json" "$port" <<'PY'
import json, sys
from html.parser import HTMLParser

dom_path, spec_path, port = sys.argv[1:]
local = f"http://127.0.0.1:{port}/"

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.paths, self.outside = [], []
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-path") is not None and "opblock-summary-path" in (attrs.get("class") or ""):
            self.paths.append(attrs["data-path"])
        loaded = {"script": "src", "img": "src", "iframe": "src", "link": "href"}.get(tag)
        url = attrs.get(loaded) if loaded else None
        if url and "://" in url and not url.startswith(local):
            self.outside.append(f"<{tag}> {url}")

page = Page()
page.feed(open(dom_path, encoding="utf-8").read())
spec = json.load(open(spec_path, encoding="utf-8"))
operations = [(path, method) for path, item in spec["paths"].items()
              for method in item if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")]
missing = sorted({path for path, _ in operations} - set(page.paths))
problems = []
if len(page.paths) != len(operations):
    problems.append(f"Swagger UI shows {len(page.paths)} operations; the spec has {len(operations)}")
if missing:
    problems.append(f"paths not shown: {missing}")
if page.outside:
    problems.append(f"resources from outside the service: {page.outside}")
if problems:
    sys.exit("docs check failed: " + "; ".join(problems))
print(f"docs check: /docs rendered all {len(operations)} operations in chromium, nothing loaded from outside")
PY
