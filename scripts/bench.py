"""The benchmark of issue #11, run by scripts/bench.sh: generation time and peak memory
(specforge beside OpenAPI Generator's rust-axum), generated lines per file kind, and
compile times and peak memory of generated workspaces. Everything is measured side by
side in one run and printed as ratios too, since this machine is shared and noisy.

  BENCH_SHORT=1       users and GitHub generation only (what .ci/run runs)
  BENCH_NO_COMPILE=1  everything but the compile table (which takes most of the time)
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
SPECFORGE = ROOT / "target" / "release" / "specforge"
GITHUB = Path(sys.argv[1])
SHORT = os.environ.get("BENCH_SHORT") == "1"
NO_COMPILE = os.environ.get("BENCH_NO_COMPILE") == "1"
# specforge's generation is timed this many times before OpenAPI Generator's run and as
# many after it, the median of all kept: a run takes a second, OpenAPI Generator's a
# minute, and this machine's speed drifts from one minute to the next, so specforge is
# timed on both sides of the other's run.
RUNS = 3
# Paths (each with two operations) and schemas of the synthetic spec at 1x.
SYNTHETIC_PATHS = 250
SYNTHETIC_SCHEMAS = 500
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def measure(command, cwd=None, env=None, quiet=True, must_succeed=True):
    """Runs `command`, returning its wall time in seconds and the peak memory in MB of the
    largest process it or its descendants ran (wait4's rusage covers waited descendants);
    `None` for a command allowed to fail that failed."""
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        if must_succeed:
            sys.exit(f"failed: {' '.join(map(str, command))}\n{error[-3000:]}")
        print(f"<!-- failed: {' '.join(map(str, command))}: {error.strip().splitlines()[:1]} -->")
        return None
    return elapsed, usage.ru_maxrss / 1024


def synthetic_spec(scale):
    """A spec of `scale` times the base size: operations with path, query and header
    parameters and JSON bodies, over schemas of every kind of field."""
    paths_count = SYNTHETIC_PATHS * scale
    schemas = SYNTHETIC_SCHEMAS * scale
    components = {}
    for index in range(schemas):
        # References chain ten schemas deep, as real specs nest: one chain through all of
        # them makes OpenAPI Generator run out of memory.
        other = f"#/components/schemas/Item{index + 1 if (index + 1) % 10 else index - 9}"
        components[f"Item{index}"] = {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "minimum": 1},
                "name": {"type": "string", "minLength": 1, "maxLength": 80},
                "email": {"type": "string", "format": "email"},
                "created": {"type": "string", "format": "date-time"},
                "state": {"type": "string", "enum": ["open", "closed", f"state{index % 7}"]},
                "score": {"type": "number", "maximum": 100},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
                "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
                "next": {"$ref": other},
                "meta": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    paths = {}
    for index in range(paths_count):
        schema = {"$ref": f"#/components/schemas/Item{index % schemas}"}
        parameters = [
            {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
            {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
            {"name": "x-trace", "in": "header", "schema": {"type": "string"}},
        ]
        answer = {"200": {"description": "The item.", "content": {"application/json": {"schema": schema}}},
                  "404": {"description": "Not found."}}
        paths[f"/group{index % 20}/items{index}/{{item_id}}"] = {
            "get": {"operationId": f"get_item{index}", "tags": [f"group{index % 20}"],
                    "parameters": parameters, "responses": answer},
            "put": {"operationId": f"put_item{index}", "tags": [f"group{index % 20}"],
                    "parameters": parameters[:1],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
                    "responses": answer},
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Synthetic {scale}x", "version": "1"},
        "paths": paths,
        "components": {"schemas": components},
    }


def generate(spec, out, runs=1):
    """The wall times and peaks of `runs` generations from scratch."""
    results = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        results.append(measure([SPECFORGE, "generate", spec, "--out", out, "--name", out.name]))
    return results


def median_and_peak(results):
    """The median wall time of the runs, and their largest peak."""
    times = sorted(seconds for seconds, _ in results)
    middle = len(times) // 2
    median = times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2
    return median, max(peak for _, peak in results)


def openapi_generator(spec, out):
    shutil.rmtree(out, ignore_errors=True)
    return measure(["openapi-generator-cli", "generate", "-g", "rust-axum", "-i", spec, "-o", out,
                    "--skip-validate-spec"], must_succeed=False)


def lines_by_kind(out):
    kinds = {}
    for file in sorted(out.rglob("*.rs")):
        relative = file.relative_to(out).as_posix()
        if "/handlers/" in relative:
            kind = ("service" if relative.startswith("service/") else "api") + " handlers"
        else:
            kind = relative
        kinds[kind] = kinds.get(kind, 0) + sum(1 for _ in file.open(encoding="utf-8"))
    return kinds


def row(*cells):
    print("| " + " | ".join(str(cell) for cell in cells) + " |")


def generation_table(specs):
    print("\n## Generation\n")
    with_other = not SHORT and shutil.which("openapi-generator-cli")
    header = ["spec", "specforge s", "peak MB", "regenerate unchanged s"]
    if with_other:
        header += ["OpenAPI Generator s", "peak MB", "ratio"]
    row(*header)
    row(*["---"] * len(header))
    for name, spec in specs:
        out = WORK / "out" / name
        runs = generate(spec, out, RUNS)
        again, _ = measure([SPECFORGE, "generate", "--out", out])
        other = openapi_generator(spec, WORK / "other" / name) if with_other else None
        if with_other:
            runs += generate(spec, out, RUNS)
        seconds, peak = median_and_peak(runs)
        cells = [name, f"{seconds:.2f}", f"{peak:.0f}", f"{again:.2f}"]
        if with_other and other is None:
            cells += ["failed", "", ""]
        elif with_other:
            other_seconds, other_peak = other
            cells += [f"{other_seconds:.2f}", f"{other_peak:.0f}", f"{other_seconds / seconds:.1f}x"]
        row(*cells)


def lines_table(names):
    print("\n## Generated lines\n")
    tables = {name: lines_by_kind(WORK / "out" / name) for name in names}
    kinds = sorted({kind for table in tables.values() for kind in table},
                   key=lambda kind: -max(table.get(kind, 0) for table in tables.values()))
    row("file", *names)
    row(*["---"] * (len(names) + 1))
    for kind in kinds:
        row(kind, *(f"{tables[name].get(kind, 0):,}" for name in names))
    row("**all**", *(f"{sum(tables[name].values()):,}" for name in names))


def change_one_operation(spec, out):
    """Rewrites the description of the spec's first operation and regenerates: a change
    that leaves every signature, and so the user's handlers, as they were."""
    text = Path(spec).read_text()
    document = json.loads(text) if str(spec).endswith(".json") else yaml.safe_load(text)
    item = next(iter(document["paths"].values()))
    operation = next(value for key, value in item.items() if key in METHODS)
    operation["description"] = "Changed by the benchmark."
    changed = WORK / "changed.json"
    changed.write_text(json.dumps(document))
    measure([SPECFORGE, "generate", changed, "--out", out])


def compile_table(names_and_specs):
    print("\n## Compile (dependencies already built, in cargo's target cache)\n")
    env = dict(os.environ, CARGO_TARGET_DIR=str(ROOT / "target" / "tmp" / "e2e-target"),
               CARGO_INCREMENTAL="0", CARGO_PROFILE_DEV_DEBUG="0")
    # Users build with incremental compilation (cargo's default for dev builds); the
    # shared target folder goes without it, to keep its size down, but for one figure.
    incremental = dict(env, CARGO_INCREMENTAL="1")
    row("spec", "cold check s", "peak MB", "cold build s", "peak MB", "rebuild after a one-operation change s", "peak MB",
        "the same, incremental s", "peak MB")
    row(*["---"] * 9)
    for name, spec in names_and_specs:
        out = WORK / "out" / name
        generate(spec, out)
        packages = ["-p", name, "-p", f"{name}-api"]
        measure(["cargo", "build", "--quiet"], cwd=out, env=env)  # dependencies, if not yet built
        measure(["cargo", "clean", "--quiet", *packages], cwd=out, env=env)
        check = measure(["cargo", "check", "--quiet"], cwd=out, env=env)
        measure(["cargo", "clean", "--quiet", *packages], cwd=out, env=env)
        build = measure(["cargo", "build", "--quiet"], cwd=out, env=env)
        change_one_operation(spec, out)
        rebuild = measure(["cargo", "build", "--quiet"], cwd=out, env=env)
        generate(spec, out)
        measure(["cargo", "build", "--quiet"], cwd=out, env=incremental)
        change_one_operation(spec, out)
        incremental_rebuild = measure(["cargo", "build", "--quiet"], cwd=out, env=incremental)
        measure(["cargo", "clean", "--quiet", *packages], cwd=out, env=incremental)
        row(name, *(f"{value:.1f}" if index % 2 == 0 else f"{value:.0f}"
                    for index, value in enumerate([*check, *build, *rebuild, *incremental_rebuild])))


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    specs = [("users", ROOT / "specs" / "users.yaml")]
    if not SHORT:
        specs.append(("petstore", ROOT / "specs" / "petstore.yaml"))
    specs.append(("github", GITHUB))
    if not SHORT:
        for scale in (1, 2, 4):
            spec = WORK / f"synthetic-{scale}x.json"
            spec.write_text(json.dumps(synthetic_spec(scale)))
            specs.append((f"synthetic-{scale}x", spec))
    generation_table(specs)
    lines_table([name for name, _ in specs if not name.startswith("synthetic")])
    if not SHORT and not NO_COMPILE:
        compile_table([("users", ROOT / "specs" / "users.yaml"), ("github", GITHUB)])


if __name__ == "__main__":
    main()
