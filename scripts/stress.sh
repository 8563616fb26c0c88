#!/usr/bin/env bash
# Slow and many clients against a generated service (specs/users.yaml, stub handlers)
# started with a soft limit of 256 open files, all on loopback, bounded, stopping by
# itself:
#  1. scripts/stress.py holds SLOW slow-header connections (a request line and one header,
#     then nothing) for SECONDS and meanwhile times normal requests: all must be answered,
#     p99 under 100 ms;
#  2. wrk (Debian's, installed if absent) with WRK_CONNECTIONS connections for WRK_SECONDS:
#     no socket errors.
# Prints the figures and the service's peak memory; exits 1 on a failure.
#   scripts/stress.sh                full run: 2,000 slow connections for 10 s, wrk -c1000 20 s
#   STRESS_SHORT=1 scripts/stress.sh  the short form .ci/run uses
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/stress"
if [ -n "${STRESS_SHORT:-}" ]; then
  slow=${SLOW:-500} seconds=${SECONDS_SLOW:-7} wrk_connections=${WRK_CONNECTIONS:-300} wrk_seconds=${WRK_SECONDS:-4}
else
  slow=${SLOW:-2000} seconds=${SECONDS_SLOW:-10} wrk_connections=${WRK_CONNECTIONS:-1000} wrk_seconds=${WRK_SECONDS:-20}
fi

source "$root/scripts/generated-service.sh"
install_if_absent wrk wrk
rm -rf "$work" && mkdir -p "$work"
generate_workspace "$root/specs/users.yaml" "$work/service" stress
build_workspace "$work/service"

port=$(free_port)
# The soft limit of many deployments' defaults, lower still; the hard limit stays.
(ulimit -Sn 256 && exec env PORT=$port HOST=127.0.0.1 RUST_LOG=warn "$CARGO_TARGET_DIR/debug/stress") \
  > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2> /dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/users/1" -o /dev/null && break
  sleep 0.1
done

echo "service: soft limit 256 open files at start (hard $(ulimit -Hn)); $slow slow connections for ${seconds}s"
status=0
python3 "$root/scripts/stress.py" --port "$port" --slow "$slow" --seconds "$seconds" --path /users/1 --header-timeout 5 || status=1

ulimit -n "$(ulimit -Hn)"
wrk -t1 -c"$wrk_connections" -d"${wrk_seconds}s" "http://127.0.0.1:$port/users/1" > "$work/wrk.txt" 2>&1 || status=1
grep -E "Requests/sec|Latency|requests in" "$work/wrk.txt" | sed 's/^ */wrk: /'
if grep -q "Socket errors" "$work/wrk.txt"; then
  grep "Socket errors" "$work/wrk.txt" | sed 's/^ */wrk: FAILED: /'
  status=1
else
  echo "wrk: $wrk_connections connections for ${wrk_seconds}s, no socket errors"
fi
non_2xx=$(grep -oE "Non-2xx or 3xx responses: [0-9]+" "$work/wrk.txt" || true)
if [ -n "$non_2xx" ]; then
  echo "wrk: FAILED: $non_2xx"
  status=1
fi
echo "service peak memory: $(grep VmHWM /proc/$service/status | awk '{print $2, $3}')"
if ! kill -0 "$service" 2> /dev/null; then
  echo "FAILED: the service died; its log:" && tail -n 20 "$work/service.log"
  status=1
fi
exit $status
