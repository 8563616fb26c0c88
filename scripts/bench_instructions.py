#!/usr/bin/env python3
"""User-space instructions a request, counted by valgrind's callgrind, for the generated
service and bare axum: a figure that does not move with the machine's load, beside wrk's
throughput, which does. Each service runs twice under callgrind, answering one request
for 2 and then for 8 seconds (wrk, 1 thread, 8 connections); the difference of the two
counts over the difference of the requests answered leaves start-up out.

Called by scripts/bench-runtime.sh with RUNTIME_MEASURE=instructions.
"""

import argparse
import os
import re
import sys

from bench_runtime import add_service_arguments, measured_requests, running, send, wrk


def counted_run(binary, method, path, body, seconds, work):
    """(instructions, requests answered) of `binary` answering the request for `seconds`."""
    output = os.path.join(work, "callgrind.out")
    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}", binary]
    # Stopped by SIGTERM: the generated service gracefully, bare axum at once; callgrind
    # writes its counts either way.
    with running(lambda port: valgrind) as (_, base):
        send(base + path, method, body)
        result = wrk(base + path, method, body, seconds, 8, work)
        answered = int(re.search(r"(\d+) requests in", result).group(1))
    with open(output) as counts:
        totals = re.search(r"^(?:summary|totals): (\d+)", counts.read(), re.M)
    os.unlink(output)
    return int(totals.group(1)), answered


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_service_arguments(parser)
    args = parser.parse_args()
    services = {"generated": args.generated, "bare axum": args.bare}
    print("| request | generated | bare axum | generated / bare axum |")
    print("|---|---|---|---|")
    for label, method, path, body, _ in measured_requests(args.fastapi, args.fastapi_path):
        per_request = {}
        for name, binary in services.items():
            short, few = counted_run(binary, method, path, body, 2, args.work)
            long, many = counted_run(binary, method, path, body, 8, args.work)
            if many <= few:
                sys.exit(f"{name}: {label} answered no more requests in 8 s than in 2 s")
            per_request[name] = (long - short) / (many - few)
            print(f"  {name:<10} {label:<26} {per_request[name]:>10,.0f} instructions a request",
                  file=sys.stderr)
        generated, bare = per_request["generated"], per_request["bare axum"]
        print(f"| {label} | {generated:,.0f} | {bare:,.0f} | {generated / bare:.2f}x |")


if __name__ == "__main__":
    main()
