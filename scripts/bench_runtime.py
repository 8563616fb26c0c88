#!/usr/bin/env python3
"""Runs wrk against the generated service, bare axum and FastAPI in turn, and prints
req/s and p99 latency per request, with the generated service's ratios to the others.

Called by scripts/bench-runtime.sh, which builds the three services. Each service is
started alone, every request checked once for the status it must answer (a benchmark of
errors measures nothing), then measured; a run that sees any other status fails. The
services take turns for several rounds and the medians are reported: on a shared machine
one slow minute moves a single run's ratio by several points.

With --pace-ms, each connection waits that long between requests: every service gets the
same load, below what saturates it, and p99 compares latency at that load. Unpaced, wrk
drives each service as fast as it answers; on a machine whose cores wrk shares, p99 then
measures how close the service runs to the cores' limit as much as its code.

With --pin, wrk runs on the first core and the services on the others (taskset): the
service then has cores of its own, and p99 measures its queue rather than how the
scheduler shares cores with wrk.

With --control-ns, bare axum runs a second time with that many nanoseconds of busy work a
request (its EXTRA_NS): a control showing how far the saturated run's p99 moves for a
small cost a request, with the same code otherwise.

With --bare-mimalloc, bare axum also runs built on the generated service's allocator: the
generated service's ratio to it is that of its own code alone.

With --workers, each service runs that many workers (tokio's TOKIO_WORKER_THREADS,
uvicorn's --workers) instead of one a core (FastAPI: two).

Each round's line also gives how often the service's threads went to sleep, a hundred
requests: a service that keeps up with wrk sleeps between its bursts, one that falls
behind runs from one to the next, and its p99 then has it waiting for the cores. And the
processor time the service took a request, in user space and in the kernel (from /proc):
where the user time of two services differs by more than their instructions (see
RUNTIME_MEASURE=instructions), the difference is in how fast the processor runs them.
"""

import argparse
import contextlib
import json
import os
import re
import statistics
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# Bare axum built with the `mimalloc` feature.
SAME_ALLOCATOR = "bare axum, mimalloc"

USER = {"email": "test@example.com", "name": "Test", "age": 30}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def send(url, method, body):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(url):
    for _ in range(200):
        try:
            send(url, "GET", None)
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing answers at {url}")


def add_service_arguments(parser):
    """The arguments naming the services measured, their work folder and records.py's."""
    parser.add_argument("--work", required=True)
    parser.add_argument("--generated", required=True, help="the generated service's binary")
    parser.add_argument("--bare", required=True, help="bare axum's binary")
    parser.add_argument("--bare-mimalloc",
                        help="bare axum built on the generated service's allocator (mimalloc)")
    parser.add_argument("--fastapi", required=True, help="the Python with FastAPI and uvicorn")
    parser.add_argument("--fastapi-path", required=True, help="PYTHONPATH of benches/runtime/records.py")


def measured_requests(python, fastapi_path):
    """The requests measured: (label, method, path, body, status). The record of 100
    fields is made by benches/runtime/records.py, run with `python`."""
    record = json.loads(subprocess.run(
        [python, "records.py", "body"], cwd=fastapi_path.split(":")[0],
        env=dict(os.environ, PYTHONPATH=fastapi_path), capture_output=True, text=True,
        check=True).stdout)
    # POST /users first: FastAPI's two workers each keep their own users, and the GET
    # finds user 1 in whichever worker answers once both have taken some.
    return [
        ("POST /users", "POST", "/users", USER, 201),
        ("GET /users/1", "GET", "/users/1", None, 200),
        ("POST /records (100 fields)", "POST", "/records", record, 201),
    ]


def wrk_script(method, body, pace_ms):
    """A wrk Lua script sending `body` as JSON, or a plain GET, each connection waiting
    `pace_ms` between requests (none when 0)."""
    pace = f"function delay() return {pace_ms} end\n" if pace_ms else ""
    if body is None:
        return pace
    text = json.dumps(body)
    return (f'wrk.method = "{method}"\n'
            f'wrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = [==[{text}]==]\n" + pace)


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


@contextlib.contextmanager
def running(command, env=None, cwd=None):
    """Runs `command(port)` listening on a free port of loopback (RUST_LOG=warn, with
    `env`) and yields its process and base URL once it answers; stops it (SIGTERM) after."""
    port = free_port()
    full_env = dict(os.environ, **(env or {}), PORT=str(port), HOST="127.0.0.1",
                    RUST_LOG="warn")
    process = subprocess.Popen(command(port), env=full_env, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/users/1")
        yield process, base
    finally:
        process.terminate()
        process.wait()


def wrk(url, method, body, seconds, connections, work, *options, pace_ms=0, prefix=()):
    """wrk's report of one thread and `connections` connections sending the request for
    `seconds` (its Lua script written in `work`), paced as `wrk_script` paces, run after
    `prefix` (a taskset pinning it, or nothing)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=work, delete=False) as script:
        script.write(wrk_script(method, body, pace_ms))
    command = [*prefix, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", *options,
               "-s", script.name, url]
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)


def sleeps(pid):
    """How often the threads of process `pid` and its children have gone to sleep
    (voluntary context switches), from /proc."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as status:
                total += sum(int(line.split()[1]) for line in status
                             if line.startswith("voluntary_ctxt_switches"))
            with open(f"/proc/{pid}/task/{task}/children") as children:
                total += sum(sleeps(int(child)) for child in children.read().split())
        except FileNotFoundError:
            pass
    return total


def processor_ticks(pid):
    """(user, kernel) clock ticks the process `pid` and its children have run, from /proc."""
    user = kernel = 0
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The fields after the command's name, which is in parentheses.
            fields = stat.read().rsplit(")", 1)[1].split()
        user, kernel = int(fields[11]), int(fields[12])
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    child_user, child_kernel = processor_ticks(int(child))
                    user, kernel = user + child_user, kernel + child_kernel
    except FileNotFoundError:
        pass
    return user, kernel


def run_wrk(url, method, body, seconds, work, pace_ms, prefix):
    output = wrk(url, method, body, seconds, 32, work, "--latency", pace_ms=pace_ms,
                 prefix=prefix)
    if "Non-2xx or 3xx responses" in output:
        sys.exit(f"{method} {url} answered errors under load:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    return rate, p99


def measure(name, command, env, cwd, requests, seconds, work, pace_ms, wrk_prefix):
    with running(command, env, cwd) as (process, base):
        results = {}
        for label, method, path, body, status in requests:
            answered = send(base + path, method, body)
            if answered != status:
                sys.exit(f"{name}: {label} answered {answered}, not {status}")
            before = sleeps(process.pid)
            ticks_before = processor_ticks(process.pid)
            results[label] = run_wrk(base + path, method, body, seconds, work, pace_ms,
                                     wrk_prefix)
            rate, p99 = results[label]
            served = rate * seconds
            slept = (sleeps(process.pid) - before) / served * 100
            tick = 1e6 / os.sysconf("SC_CLK_TCK")
            user, kernel = (
                (after - earlier) * tick / served
                for after, earlier in zip(processor_ticks(process.pid), ticks_before))
            print(f"  {name:<10} {label:<22} {rate:>9,.0f} req/s  p99 {p99:.2f} ms  "
                  f"{slept:5.1f} sleeps a hundred requests  {user:5.1f} us user "
                  f"{kernel:5.1f} us kernel a request", file=sys.stderr)
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of every service in turn; each figure is their median")
    parser.add_argument("--pace-ms", type=int, default=0,
                        help="milliseconds each connection waits between requests (0: none)")
    parser.add_argument("--pin", action="store_true",
                        help="wrk on the first core, the services on the others")
    parser.add_argument("--workers", type=int, default=0,
                        help="workers of each service (0: tokio's one a core, FastAPI's two)")
    parser.add_argument("--control-ns", type=int, default=0,
                        help="also run bare axum with this much busy work a request (0: not)")
    add_service_arguments(parser)
    args = parser.parse_args()

    requests = measured_requests(args.fastapi, args.fastapi_path)
    tokio = {"TOKIO_WORKER_THREADS": str(args.workers)} if args.workers else {}
    services = {
        "generated": (lambda port: [args.generated], tokio, None),
        "bare axum": (lambda port: [args.bare], tokio, None),
        "FastAPI": (lambda port: [args.fastapi, "-m", "uvicorn", "records:app",
                                  "--workers", str(args.workers or 2),
                                  "--loop", "uvloop", "--http", "httptools", "--host", "127.0.0.1",
                                  "--port", str(port), "--log-level", "warning"],
                    {"PYTHONPATH": args.fastapi_path}, args.fastapi_path.split(":")[0]),
    }
    if args.bare_mimalloc:
        services[SAME_ALLOCATOR] = (lambda port: [args.bare_mimalloc], tokio, None)
    control = None
    if args.control_ns:
        control = f"bare +{args.control_ns} ns"
        services[control] = (lambda port: [args.bare],
                             {**tokio, "EXTRA_NS": str(args.control_ns)}, None)
    wrk_prefix = ()
    if args.pin:
        cores = os.cpu_count() or 1
        if cores < 2:
            sys.exit("--pin needs two cores or more")
        wrk_prefix = ("taskset", "-c", "0")
        service_cores = ["taskset", "-c", f"1-{cores - 1}"]
        services = {name: (lambda port, run=command: service_cores + run(port), env, cwd)
                    for name, (command, env, cwd) in services.items()}
    rounds = {name: [] for name in services}
    for _ in range(args.rounds):
        for name, (command, env, cwd) in services.items():
            rounds[name].append(measure(name, command, env, cwd, requests, args.seconds, args.work,
                                        args.pace_ms, wrk_prefix))
    results = {
        name: {
            label: tuple(statistics.median(run[label][figure] for run in runs) for figure in (0, 1))
            for label, *_ in requests
        }
        for name, runs in rounds.items()
    }

    paced = f"each waiting {args.pace_ms} ms between requests, " if args.pace_ms else ""
    if args.pin:
        paced += "wrk on core 0 and the services on the others, "
    if args.workers:
        paced += f"{args.workers} worker{'s' * (args.workers > 1)} a service, "
    print(f"\nwrk 1 thread, 32 connections, {paced}{args.seconds} s per request and service, "
          f"loopback; medians of {args.rounds} rounds\n")
    print("| request | generated | bare axum | FastAPI | generated / bare axum | generated / FastAPI | p99 generated / bare axum |")
    print("|---|---|---|---|---|---|---|")
    for label, *_ in requests:
        generated, bare, fastapi = (results[name][label]
                                    for name in ("generated", "bare axum", "FastAPI"))
        print(f"| {label} | {generated[0]:,.0f} req/s, p99 {generated[1]:.2f} ms "
              f"| {bare[0]:,.0f} req/s, p99 {bare[1]:.2f} ms "
              f"| {fastapi[0]:,.0f} req/s, p99 {fastapi[1]:.2f} ms "
              f"| {generated[0] / bare[0]:.0%} | {generated[0] / fastapi[0]:.1f}x "
              f"| {generated[1] / bare[1]:.2f}x |")
    if args.bare_mimalloc:
        print(f"\nOn equal terms, {SAME_ALLOCATOR} (the generated service's allocator):\n")
        print("| request | bare axum, mimalloc | generated / it | p99 generated / it |")
        print("|---|---|---|---|")
        for label, *_ in requests:
            same, generated = results[SAME_ALLOCATOR][label], results["generated"][label]
            print(f"| {label} | {same[0]:,.0f} req/s, p99 {same[1]:.2f} ms "
                  f"| {generated[0] / same[0]:.0%} | {generated[1] / same[1]:.2f}x |")
    if control:
        print(f"\nThe control, bare axum with {args.control_ns} ns of busy work a request:\n")
        print(f"| request | {control} | its req/s / bare axum's | its p99 / bare axum's |")
        print("|---|---|---|---|")
        for label, *_ in requests:
            extra, bare = results[control][label], results["bare axum"][label]
            print(f"| {label} | {extra[0]:,.0f} req/s, p99 {extra[1]:.2f} ms "
                  f"| {extra[0] / bare[0]:.0%} | {extra[1] / bare[1]:.2f}x |")


if __name__ == "__main__":
    main()
