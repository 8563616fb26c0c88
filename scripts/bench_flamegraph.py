#!/usr/bin/env python3
"""Where a request's time goes: flamegraphs of the generated service and of bare axum,
one per measured request, sampled by `perf record` (the machine's clock, with call
stacks unwound from DWARF) while wrk sends that request, drawn by inferno.

Called by scripts/bench-runtime.sh with RUNTIME_MEASURE=flamegraph; writes
`<out>/<service>-<request>.svg` and prints, per graph, the share of samples in the
service's own work on requests (routing, middleware, validation, the handler).
"""

import argparse
import os
import re
import subprocess
import sys

from bench_runtime import add_service_arguments, measured_requests, running, send, wrk

# The frame under which a service answers a request, calling it and polling its answer
# (hyper_util's glue, the same in both services): what is left is hyper's reading and
# writing, tokio's scheduler and the kernel's network path.
SERVICE_FRAME = re.compile(r"hyper_util::service::oneshot::Oneshot")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def record(binary, method, path, body, status, seconds, work, data):
    """Samples `binary` answering the request for `seconds` into the perf file `data`,
    once it answered the request with `status` (a graph of errors shows nothing)."""
    with running(lambda port: [binary], {"SHUTDOWN_GRACE": "0"}) as (service, base):
        answered = send(base + path, method, body)
        if answered != status:
            sys.exit(f"{binary}: {method} {path} answered {answered}, not {status}")
        perf = subprocess.Popen(
            ["perf", "record", "-F", "999", "--call-graph", "dwarf,32768", "-p",
             str(service.pid), "-o", data, "--", "sleep", str(seconds)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wrk(base + path, method, body, seconds, 32, work)
        perf.wait()


def draw(data, title, svg):
    """The flamegraph of the perf file `data` into `svg`; the folded stacks returned."""
    script = subprocess.run(["perf", "script", "-i", data], capture_output=True, check=True)
    folded = subprocess.run(["inferno-collapse-perf"], input=script.stdout,
                            capture_output=True, check=True).stdout
    with open(svg, "wb") as out:
        subprocess.run(["inferno-flamegraph", "--title", title, "--minwidth", "0.2"],
                       input=folded, stdout=out, check=True)
    return folded.decode(errors="replace")


def share_under(folded, frame):
    """The share of samples whose stack passes through a frame matching `frame`."""
    total = under = 0
    for line in folded.splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        if frame.search(stack):
            under += samples
    return under / total if total else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_service_arguments(parser)
    parser.add_argument("--out", required=True, help="where the SVG files go")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--label", default="", help="added to each graph's title")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    services = {"generated": args.generated, "bare axum": args.bare}
    for label, method, path, body, status in measured_requests(args.fastapi, args.fastapi_path):
        for name, binary in services.items():
            data = os.path.join(args.work, "perf.data")
            record(binary, method, path, body, status, args.seconds, args.work, data)
            svg = os.path.join(args.out, f"{slug(name)}-{slug(label)}.svg")
            title = f"{name}: {label}{' ' + args.label if args.label else ''}"
            folded = draw(data, title, svg)
            os.unlink(data)
            share = share_under(folded, SERVICE_FRAME)
            print(f"{svg}: {share:.0%} of samples in the service's own work on requests")


if __name__ == "__main__":
    main()
