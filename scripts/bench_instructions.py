#!/usr/bin/env python3
"""User-space instructions a request, counted by valgrind's callgrind, for the generated
service and bare axum: a figure that does not move with the machine's load, beside wrk's
throughput, which does. Each service runs twice under valgrind, answering one request
for 2 and then for 8 seconds (wrk, 1 thread, 8 connections); the difference of the two
counts over the difference of the requests answered leaves start-up out.

With --cache, cachegrind also simulates the first-level caches (valgrind's model of this
machine's): instructions, and the code and data fetched past the first level, a request.
A miss costs a dozen cycles or so: where two services differ by more time than their
instructions explain, these say how much of it is the code and data each touches.

With --bare-mimalloc, also bare axum built on the generated service's allocator.

Called by scripts/bench-runtime.sh with RUNTIME_MEASURE=instructions or cache.
"""

import argparse
import os
import re
import sys

from bench_runtime import SAME_ALLOCATOR, add_service_arguments, measured_requests, running, send, wrk


def counted_run(binary, method, path, body, seconds, work, cache):
    """({event: count}, requests answered) of `binary` answering the request for
    `seconds`: callgrind's instructions, or with `cache` cachegrind's events."""
    output = os.path.join(work, "valgrind.out")
    tool = (["--tool=cachegrind", "--cache-sim=yes", f"--cachegrind-out-file={output}"]
            if cache else ["--tool=callgrind", f"--callgrind-out-file={output}"])
    valgrind = ["valgrind", *tool, binary]
    # Stopped by SIGTERM: the generated service gracefully, bare axum at once; valgrind
    # writes its counts either way.
    with running(lambda port: valgrind) as (_, base):
        send(base + path, method, body)
        result = wrk(base + path, method, body, seconds, 8, work)
        answered = int(re.search(r"(\d+) requests in", result).group(1))
    with open(output) as counts:
        text = counts.read()
    os.unlink(output)
    events = re.search(r"^events: (.+)$", text, re.M).group(1).split()
    totals = re.search(r"^(?:summary|totals): ([\d ]+)$", text, re.M).group(1).split()
    return dict(zip(events, map(int, totals))), answered


# What each mode reports a request: (heading, events summed).
FIGURES = {
    False: [("instructions", ["Ir"])],
    True: [("instructions", ["Ir"]), ("L1 code misses", ["I1mr"]),
           ("L1 data misses", ["D1mr", "D1mw"])],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", action="store_true",
                        help="simulate the caches: their misses a request too (cachegrind)")
    add_service_arguments(parser)
    args = parser.parse_args()
    services = {"generated": args.generated, "bare axum": args.bare}
    if args.bare_mimalloc:
        services[SAME_ALLOCATOR] = args.bare_mimalloc
    figures = FIGURES[args.cache]
    same = (f" {SAME_ALLOCATOR} | generated / it |", "---|---|") if args.bare_mimalloc else ("", "")
    print(f"| request | figure | generated | bare axum | generated / bare axum |{same[0]}")
    print(f"|---|---|---|---|---|{same[1]}")
    for label, method, path, body, _ in measured_requests(args.fastapi, args.fastapi_path):
        per_request = {}
        for name, binary in services.items():
            short, few = counted_run(binary, method, path, body, 2, args.work, args.cache)
            long, many = counted_run(binary, method, path, body, 8, args.work, args.cache)
            if many <= few:
                sys.exit(f"{name}: {label} answered no more requests in 8 s than in 2 s")
            per_request[name] = {
                heading: sum(long[event] - short[event] for event in events) / (many - few)
                for heading, events in figures
            }
            for heading, count in per_request[name].items():
                print(f"  {name:<10} {label:<26} {count:>10,.0f} {heading} a request",
                      file=sys.stderr)
        for heading, _ in figures:
            generated, bare = per_request["generated"][heading], per_request["bare axum"][heading]
            columns = f"| {label} | {heading} | {generated:,.0f} | {bare:,.0f} | {generated / bare:.2f}x |"
            if args.bare_mimalloc:
                equal = per_request[SAME_ALLOCATOR][heading]
                columns += f" {equal:,.0f} | {generated / equal:.2f}x |"
            print(columns)


if __name__ == "__main__":
    main()
