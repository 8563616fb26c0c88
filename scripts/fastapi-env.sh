#!/usr/bin/env bash
# Makes (or reuses) a virtualenv at $1 with the pinned FastAPI of tests/fastapi, from PyPI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$1
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/fastapi/requirements.txt"
