#!/usr/bin/env bash
# The FastAPI parity test: runs the FastAPI app of tests/fastapi (installed from PyPI into
# a virtualenv) and the specforge service generated from its exported spec side by side,
# sends both the same requests — hand-picked ones, then thousands drawn by Hypothesis —
# and compares what the framework decides (tests/parity/differential.py).
# Also checks that specs/users-fastapi.json is what the app exports
# (scripts/export-fastapi-spec.sh rewrites it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/parity"
"$root/scripts/fastapi-env.sh" "$work/venv"
python="$work/venv/bin/python"

(cd "$root/tests/fastapi" && "$python" export.py "$work/exported.json")
if ! diff -q "$work/exported.json" "$root/specs/users-fastapi.json" > /dev/null; then
  echo "specs/users-fastapi.json is not what the FastAPI app exports; run scripts/export-fastapi-spec.sh"
  diff "$root/specs/users-fastapi.json" "$work/exported.json" | head -n 20
  exit 1
fi

source "$root/scripts/generated-service.sh"
generate_workspace "$root/specs/users-fastapi.json" "$work/service" parity
for file in users profile items secure security; do
  sed 's/API_CRATE/parity_api/g' "$root/tests/parity/$file.rs" > "$work/service/service/src/handlers/$file.rs"
done
build_workspace "$work/service"

fastapi_port=$(free_port)
specforge_port=$(free_port)
# FastAPI's own failures (a 500 on NaN, on the deliberate list) go to its log, not here.
(cd "$root/tests/fastapi" && exec "$python" -m uvicorn app:app --host 127.0.0.1 --port "$fastapi_port" --log-level warning > "$work/fastapi.log" 2>&1) &
fastapi=$!
PORT=$specforge_port HOST=127.0.0.1 RUST_LOG=warn "$CARGO_TARGET_DIR/debug/parity" &
specforge=$!
trap 'kill $fastapi $specforge 2> /dev/null || true' EXIT
for port in "$fastapi_port" "$specforge_port"; do
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/openapi.json" && break
    sleep 0.1
  done
done

(cd "$root/tests/parity" && "$python" differential.py "http://127.0.0.1:$fastapi_port" "http://127.0.0.1:$specforge_port")
