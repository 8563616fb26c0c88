#!/usr/bin/env bash
# The runtime benchmark (issue #12): the service generated from the guide's users API
# (plus a record of 100 fields, benches/runtime/records.py), with handlers written as a
# user would, beside the same API written with bare axum (benches/runtime/bare-axum; also
# built on the generated service's allocator, mimalloc, for the ratio of the generated
# code alone) and the FastAPI app itself (uvicorn, 2 workers, uvloop, httptools, from
# PyPI). wrk (Debian's) sends each the same requests in turn on loopback — 1 thread, 32
# connections — and the script prints req/s and p99 latency for each, and the ratios to
# bare axum and to FastAPI.
#   scripts/bench-runtime.sh                 8 s per request and service
#   WRK_SECONDS=2 scripts/bench-runtime.sh   shorter
#   WRK_ROUNDS=1 scripts/bench-runtime.sh    one round instead of three (medians reported)
#   WRK_PACE_MS=1 scripts/bench-runtime.sh   each connection waits 1 ms between requests:
#                                            p99 at one load for all, below saturation
#   WRK_PIN=1 scripts/bench-runtime.sh       wrk on the first core, the services on the
#                                            others: p99 of the service's own queue
#   WRK_WORKERS=1 scripts/bench-runtime.sh   one worker a service (TOKIO_WORKER_THREADS,
#                                            uvicorn's --workers) instead of one a core
#   WRK_CONTROL_NS=1000 scripts/bench-runtime.sh
#                                            also bare axum with 1 us of busy work a
#                                            request: how far p99 moves for that alone
#   RUNTIME_MEASURE=instructions scripts/bench-runtime.sh
#                                            user-space instructions a request instead,
#                                            counted by valgrind (Debian's), generated and
#                                            bare axum: steady where req/s is not
#   RUNTIME_MEASURE=cache scripts/bench-runtime.sh
#                                            the same with valgrind's cache model: also the
#                                            code and data fetched past the first-level
#                                            caches, a request
#   RUNTIME_MEASURE=flamegraph scripts/bench-runtime.sh
#                                            flamegraphs of both, a request each, into
#                                            target/bench-runtime/flamegraphs (perf from
#                                            Debian's linux-perf, inferno from crates.io)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/bench-runtime"
source "$root/scripts/generated-service.sh"
install_if_absent wrk wrk
"$root/scripts/fastapi-env.sh" "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check uvloop==0.23.0 httptools==0.9.0
python="$work/venv/bin/python"

(cd "$root/benches/runtime" && PYTHONPATH="$root/tests/fastapi" "$python" records.py export "$work/spec.json")
generate_workspace "$work/spec.json" "$work/service" bench
handlers="$work/service/service/src/handlers"
for file in "$root/benches/runtime/handlers/users.rs" "$root/benches/runtime/handlers/records.rs" \
  "$root/tests/parity/profile.rs" "$root/tests/parity/security.rs"; do
  sed 's/API_CRATE/bench_api/g' "$file" > "$handlers/$(basename "$file")"
done
source "$root/scripts/generated-build-env.sh"
(cd "$work/service" && cargo build --release --quiet)
# Bare axum twice: as written, and on the generated service's allocator (the same binary
# name, so the first is copied aside).
cargo build --release --quiet --manifest-path "$root/benches/runtime/bare-axum/Cargo.toml" --features mimalloc
cp "$CARGO_TARGET_DIR/release/bare-axum" "$work/bare-axum-mimalloc"
cargo build --release --quiet --manifest-path "$root/benches/runtime/bare-axum/Cargo.toml"

if [ "${RUNTIME_MEASURE:-}" = instructions ] || [ "${RUNTIME_MEASURE:-}" = cache ]; then
  install_if_absent valgrind valgrind
  cache=()
  [ "$RUNTIME_MEASURE" = cache ] && cache=(--cache)
  exec python3 "$root/scripts/bench_instructions.py" --work "$work" "${cache[@]}" \
    --generated "$CARGO_TARGET_DIR/release/bench" --bare "$CARGO_TARGET_DIR/release/bare-axum" \
    --bare-mimalloc "$work/bare-axum-mimalloc" --fastapi "$python" --fastapi-path "$root/benches/runtime:$root/tests/fastapi"
fi
if [ "${RUNTIME_MEASURE:-}" = flamegraph ]; then
  install_if_absent perf linux-perf
  command -v inferno-flamegraph > /dev/null || cargo install --quiet --locked inferno
  exec python3 "$root/scripts/bench_flamegraph.py" --work "$work" --out "$work/flamegraphs" \
    --generated "$CARGO_TARGET_DIR/release/bench" --bare "$CARGO_TARGET_DIR/release/bare-axum" \
    --fastapi "$python" --fastapi-path "$root/benches/runtime:$root/tests/fastapi"
fi
python3 "$root/scripts/bench_runtime.py" --seconds "${WRK_SECONDS:-8}" --rounds "${WRK_ROUNDS:-3}" \
  --pace-ms "${WRK_PACE_MS:-0}" --control-ns "${WRK_CONTROL_NS:-0}" \
  --workers "${WRK_WORKERS:-0}" ${WRK_PIN:+--pin} \
  --work "$work" \
  --generated "$CARGO_TARGET_DIR/release/bench" --bare "$CARGO_TARGET_DIR/release/bare-axum" \
  --bare-mimalloc "$work/bare-axum-mimalloc" --fastapi "$python" --fastapi-path "$root/benches/runtime:$root/tests/fastapi"
