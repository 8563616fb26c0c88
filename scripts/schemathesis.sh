#!/usr/bin/env bash
# An outside tester: schemathesis (PyPI) against the running service of every spec in
# specs/ — its handlers the stubs as generated, its credential checks written as a user
# would, so that secured operations are reachable (tests/schemathesis/<spec>/: the check
# and the credentials schemathesis presents; specs/secured.yaml and users-fastapi.json
# take the checks of their end-to-end and parity tests) — with every phase (examples,
# coverage, fuzzing, stateful) and every check but those that need real state. Services
# are generated with `--input-rules spec`: FastAPI's lax reading (`"30"` and `false` are
# integers) accepts what the spec refuses, which schemathesis rightly reports. Where
# schemathesis misreads a request as HTTP and OpenAPI write it, tests/schemathesis/hooks.py
# drops the failure (its summary counts them); per-spec settings are in
# tests/schemathesis/<spec>/schemathesis.toml.
# SCHEMATHESIS_SECONDS bounds each spec's run (default 60); SCHEMATHESIS_SPECS names the
# specs to run (default: all, by file name without extension). Prints each spec's count
# of test cases; exits 1 on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/schemathesis"
source "$root/scripts/generated-service.sh"
mkdir -p "$work"
venv="$work/venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/schemathesis/requirements.txt"
seconds=${SCHEMATHESIS_SECONDS:-60}
# Checks that need state a stub does not keep: a deleted resource gone, a created one there.
stateful_checks=use_after_free,ensure_resource_availability,object_level_authorization

# The user's credential check for spec NAME, written into the workspace DIR of CRATE.
#   write_security NAME DIR CRATE
write_security() {
  local check
  case "$1" in
    secured) check="$root/tests/e2e_secured/security.rs" ;;
    users-fastapi) check="$root/tests/parity/security.rs" ;;
    *) check="$root/tests/schemathesis/$1/security.rs" ;;
  esac
  [ -f "$check" ] || return 0
  local library=${3//-/_}_api
  sed -e "s/API_CRATE/$library/g" -e "s/e2e_secured_api/$library/g" "$check" \
    > "$2/service/src/handlers/security.rs"
}

failed=()
for spec in "$root"/specs/*; do
  name=$(basename "$spec")
  name=${name%.*}
  if [ -n "${SCHEMATHESIS_SPECS:-}" ] && [[ " $SCHEMATHESIS_SPECS " != *" $name "* ]]; then
    continue
  fi
  crate="st-$name"
  generate_workspace "$spec" "$work/$name" "$crate" --input-rules spec
  write_security "$name" "$work/$name" "$crate"
  build_workspace "$work/$name"
  port=$(free_port)
  PORT=$port HOST=127.0.0.1 RUST_LOG=error "$CARGO_TARGET_DIR/debug/$crate" &
  service=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/openapi.json" && break
    sleep 0.1
  done
  config=()
  [ -f "$root/tests/schemathesis/$name/schemathesis.toml" ] &&
    config=(--config-file "$root/tests/schemathesis/$name/schemathesis.toml")
  echo "== $name"
  # Run from the work folder, where schemathesis keeps its cache (.schemathesis/). One
  # worker: under CPython 3.11, Hypothesis describing lambdas in two threads at once can
  # fail with "AST constructor recursion depth mismatch", an error of the tester's.
  if ! (cd "$work" && PYTHONPATH="$root/tests/schemathesis" SCHEMATHESIS_HOOKS=hooks "$venv/bin/schemathesis" "${config[@]}" run "http://127.0.0.1:$port/openapi.json" \
      --phases examples,coverage,fuzzing,stateful --checks all \
      --exclude-checks "$stateful_checks" --max-time "$seconds" --workers 1 \
      --suppress-health-check all --no-color --output-sanitize false > "$work/$name.log" 2>&1); then
    failed+=("$name")
  fi
  kill "$service" 2> /dev/null || true
  wait "$service" 2> /dev/null || true
  grep -E "generated, " "$work/$name.log" | tail -n 1 || true
done
if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "schemathesis found failures in specs/$name (target/schemathesis/$name.log):"
    grep -E -A 20 "^_+ .* _+$" "$work/$name.log" | head -n 80
  done
  exit 1
fi
echo "schemathesis: no failures"
