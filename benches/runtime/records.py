"""The API of the runtime benchmark (scripts/bench-runtime.sh): the guide's FastAPI app
(tests/fastapi/app.py) with one more route, `POST /records`, whose body is a record of
100 scalar fields and two nested arrays, so that the cost of validating a large body is
measured too. The generated service under test is generated from this app's exported
spec, and benches/runtime/bare-axum declares the same record.

Run from this folder with tests/fastapi on PYTHONPATH:
    python records.py export SPEC    writes the app's OpenAPI document
    python records.py body           prints a valid record
"""

import json
import sys

from fastapi import status
from pydantic import BaseModel, Field, create_model

from app import UserCreate, app, store

# Each uvicorn worker is a process with a store of its own: each starts with user 1, so that
# GET /users/1 answers 200 whichever worker takes it, even one that saw no POST.
store.add(UserCreate(email="ada@example.com", name="Ada", age=36))

TEXTS = [f"s{index:02}" for index in range(40)]
COUNTS = [f"n{index:02}" for index in range(40)]
FLAGS = [f"b{index:02}" for index in range(10)]
AMOUNTS = [f"x{index:02}" for index in range(10)]


class Item(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    quantity: int = Field(ge=1, le=1000)
    prices: list[float]


class RecordReceipt(BaseModel):
    id: int
    items: int


Record = create_model(
    "Record",
    **{name: (str, Field(max_length=200)) for name in TEXTS},
    **{name: (int, Field(ge=0, le=1_000_000)) for name in COUNTS},
    **{name: (bool, ...) for name in FLAGS},
    **{name: (float, Field(ge=0)) for name in AMOUNTS},
    tags=(list[str], Field(max_length=20)),
    items=(list[Item], ...),
)


@app.post("/records", status_code=status.HTTP_201_CREATED, tags=["records"], operation_id="create_record")
def create_record(record: Record) -> RecordReceipt:
    return RecordReceipt(id=1, items=len(record.items))


def valid_record():
    """A record every service accepts: each field within its bounds."""
    record = {name: f"text of field {name}" for name in TEXTS}
    record.update({name: index * 1000 for index, name in enumerate(COUNTS)})
    record.update({name: index % 2 == 0 for index, name in enumerate(FLAGS)})
    record.update({name: index * 1.25 for index, name in enumerate(AMOUNTS)})
    record["tags"] = [f"tag{index}" for index in range(10)]
    record["items"] = [
        {"name": f"item {index}", "quantity": index + 1, "prices": [1.5, 2.25, 3.0]}
        for index in range(10)
    ]
    return record


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"]:
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            json.dump(app.openapi(), out, indent=2)
    elif sys.argv[1:2] == ["body"]:
        print(json.dumps(valid_record()))
    else:
        sys.exit(__doc__)
