"""Writes the app's OpenAPI document (3.1, as FastAPI exports it) to the path given."""

import json
import sys

from app import app

with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(app.openapi(), out, indent=2)
    out.write("\n")
