#!/usr/bin/env bash
# Runs specforge on API descriptions written by others: every OpenAPI 3.0 and 3.1 document
# of two public npm packages (ReadMe's collection of edge cases, and GitHub's full REST API).
# Each must generate; the workspaces generated from ReadMe's collection must also pass
# their own checks: clippy with warnings denied, cargo test, and cargo fmt --check.
# Prints the counts; exits 1 if any document breaks the generator or its output.
#   scripts/real-world.sh            generate all, check ReadMe's
#   BUILD_GITHUB=1 scripts/real-world.sh   also check GitHub's (~15 min, ~12 GB of memory)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/real-world"
packages=("@readme/oas-examples@8.2.2" "@octokit/openapi@23.0.2")
mkdir -p "$work/packages" "$work/out"

for package in "${packages[@]}"; do
  folder="$work/packages/$(echo "$package" | tr '@/' '__')"
  if [ ! -d "$folder" ]; then
    tarball=$(cd "$work/packages" && npm pack --silent "$package" | tail -n 1)
    mkdir -p "$folder"
    tar -xzf "$work/packages/$tarball" -C "$folder"
  fi
done

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
specforge="$root/target/release/specforge"
readme="$work/packages/_readme_oas-examples_8.2.2/package"
github="$work/packages/_octokit_openapi_23.0.2/package/generated/api.github.com.json"

generated=0; refused=0; passed=0; broken=0; warnings=0
to_check=()
for spec in $(find "$readme/3.0" "$readme/3.1" -name '*.yaml' -o -name '*.json' | sort) "$github"; do
  version=$(basename "$(dirname "$(dirname "$spec")")" | tr -d .)
  slug=$version-$(basename "$(dirname "$spec")")-$(basename "$spec" | sed 's/\.[a-z]*$//' | tr '.A-Z' '-a-z')
  out="$work/out/$slug"
  rm -rf "$out"
  if "$specforge" generate "$spec" --out "$out" --name "rw-$slug" > "$work/out/$slug.log" 2>&1; then
    generated=$((generated + 1))
    warnings=$((warnings + $(grep -c ': warning: ' "$work/out/$slug.log" || true)))
    case "$spec" in *"/yaml/"*) to_check+=("$out") ;; esac
  else
    refused=$((refused + 1))
    echo "refused: ${spec#"$work/packages/"}"
    head -n 5 "$work/out/$slug.log" | sed 's/^/    /'
  fi
  if grep -q 'panicked' "$work/out/$slug.log"; then
    echo "specforge panicked on $spec"; cat "$work/out/$slug.log"; exit 1
  fi
done
if [ "${BUILD_GITHUB:-}" = 1 ]; then
  to_check+=("$work/out/package-generated-api-github-com")
fi

source "$root/scripts/generated-build-env.sh"
check_workspace() {
  cargo clippy --quiet --all-targets -- -D warnings && cargo test --quiet && cargo fmt --check
}
# Once checked, a workspace's own artifacts go: only the shared dependencies are worth
# keeping, and fifty workspaces' test binaries would fill a small disk.
drop_artifacts() {
  local crate
  crate=rw-$(basename "$1")
  (cd "$1" && cargo clean --quiet -p "$crate" -p "$crate-api")
}
for out in "${to_check[@]}"; do
  checked=0
  (cd "$out" && check_workspace > "$out.check.log" 2>&1) && checked=1
  drop_artifacts "$out"
  if [ "$checked" = 1 ]; then
    passed=$((passed + 1))
  else
    broken=$((broken + 1))
    echo "fails its checks: $out"
    grep -E '^(error|warning)|FAILED|panicked|^Diff' -A 6 "$out.check.log" | head -n 30 | sed 's/^/    /'
  fi
done

echo "real-world: $generated generated, $refused refused, $warnings warnings; $passed passed clippy, test and fmt, $broken failed"
[ "$broken" = 0 ]
