#!/usr/bin/env bash
# The benchmark of generation and compile cost (issue #11): installs what it compares
# against — OpenAPI Generator from PyPI's openapi-generator-cli (with a JRE from Debian's
# packages when java is absent) and GitHub's REST API description from npm — and prints
# one table: generation time and peak memory (users, petstore, GitHub, a synthetic spec
# at 1x, 2x and 4x) beside OpenAPI Generator's rust-axum, generated lines per file, and
# compile times and peak memory of the users and GitHub workspaces.
#   scripts/bench.sh                 everything (~20 min on 2 cores)
#   BENCH_SHORT=1 scripts/bench.sh   users and GitHub generation only (in .ci/run)
#   BENCH_NO_COMPILE=1 scripts/bench.sh   all but the compile table (~3 min)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
packages="$root/target/real-world/packages"
github="$packages/_octokit_openapi_23.0.2/package/generated/api.github.com.json"
if [ ! -f "$github" ]; then
  mkdir -p "$packages/_octokit_openapi_23.0.2"
  tarball=$(cd "$packages" && npm pack --silent "@octokit/openapi@23.0.2" | tail -n 1)
  tar -xzf "$packages/$tarball" -C "$packages/_octokit_openapi_23.0.2"
fi
python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml
if [ "${BENCH_SHORT:-}" != 1 ]; then
  command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
  command -v openapi-generator-cli >/dev/null || pip install --quiet openapi-generator-cli==7.26.0
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
echo "# specforge $(git -C "$root" rev-parse --short HEAD), $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB"
python3 "$root/scripts/bench.py" "$github"
