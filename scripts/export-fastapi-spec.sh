#!/usr/bin/env bash
# Re-exports specs/users-fastapi.json from the FastAPI app of tests/fastapi (OpenAPI 3.1,
# as FastAPI writes it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/target/parity/venv"
"$root/scripts/fastapi-env.sh" "$venv"
(cd "$root/tests/fastapi" && "$venv/bin/python" export.py "$root/specs/users-fastapi.json")
echo "wrote specs/users-fastapi.json"
