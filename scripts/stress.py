#!/usr/bin/env python3
"""Slow clients against a running service on loopback: holds many connections that send a
request line and one header, then nothing (re-opening each one the service closes), and
meanwhile sends normal requests one at a time, timing each. Bounded in connections and
time; stops by itself. Prints the figures; exits 1 when a normal request fails, the p99
latency is 100 ms or more, or no slow connection was cut off although the run outlasted
the service's header timeout.

    stress.py --port 8080 --slow 2000 --seconds 10 --path /users/1 --header-timeout 5
"""

import argparse
import asyncio
import resource
import sys
import time

SLOW_HEAD = b"GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n"
P99_LIMIT_MS = 100.0
REQUEST_TIMEOUT_S = 5.0


class Slow:
    """Connections that never finish their request head."""

    def __init__(self):
        self.open = 0
        self.opened = 0
        self.closed_by_service = 0
        self.refused = 0
        self.held_samples = []

    async def hold(self, port, until):
        while time.monotonic() < until:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                self.refused += 1
                await asyncio.sleep(0.05)
                continue
            self.opened += 1
            self.open += 1
            try:
                writer.write(SLOW_HEAD)
                await writer.drain()
                remaining = until - time.monotonic()
                if remaining > 0:
                    # Reading returns when the service closes the connection.
                    await asyncio.wait_for(reader.read(), timeout=remaining)
                    self.closed_by_service += 1
            except (asyncio.TimeoutError, OSError):
                pass
            finally:
                self.open -= 1
                writer.close()


async def normal_request(port, path):
    """One request on a fresh connection; its latency in ms, or None when it failed."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), REQUEST_TIMEOUT_S
        )
        writer.write(
            f"GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT_S)
        writer.close()
    except (asyncio.TimeoutError, OSError):
        return None
    if not answer.startswith(b"HTTP/1.1 200"):
        return None
    return (time.monotonic() - started) * 1000.0


async def run(arguments):
    slow = Slow()
    until = time.monotonic() + arguments.seconds
    holders = [
        asyncio.create_task(slow.hold(arguments.port, until)) for _ in range(arguments.slow)
    ]
    # Let the slow connections pile up before measuring.
    await asyncio.sleep(min(1.0, arguments.seconds / 4))
    latencies, failures = [], 0
    while time.monotonic() < until - 0.2:
        slow.held_samples.append(slow.open)
        latency = await normal_request(arguments.port, arguments.path)
        if latency is None:
            failures += 1
        else:
            latencies.append(latency)
        await asyncio.sleep(0.02)
    await asyncio.gather(*holders)
    return slow, latencies, failures


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--slow", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--path", default="/users/1")
    parser.add_argument("--header-timeout", type=float, default=5.0,
                        help="the service's HEADER_TIMEOUT, in seconds")
    arguments = parser.parse_args()
    # This side needs a file per connection too.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    slow, latencies, failures = asyncio.run(run(arguments))
    held = sorted(slow.held_samples)
    p99 = percentile(latencies, 0.99)
    print(f"slow connections: {arguments.slow} wanted, {slow.opened} opened, "
          f"{slow.closed_by_service} closed by the service, {slow.refused} refused; "
          f"held while measuring: median {percentile(held, 0.5)}, min {held[0] if held else 0}")
    print(f"normal requests: {len(latencies)} answered, {failures} failed; "
          f"p50 {percentile(latencies, 0.5):.1f} ms, p99 {p99:.1f} ms, "
          f"max {max(latencies, default=float('nan')):.1f} ms")
    if failures or not latencies or p99 >= P99_LIMIT_MS:
        print(f"FAILED: every normal request must be answered, p99 under {P99_LIMIT_MS:.0f} ms")
        return 1
    if arguments.seconds > arguments.header_timeout + 1 and slow.closed_by_service == 0:
        print("FAILED: no slow connection was cut off after the header timeout")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
