"""scripts/bench's rows for the simulator's cost in its state size (`scripts/bench scale`).

Each figure is beside a baseline measured in the same run on the same machine:

- onboarding 1,000 customers (Benchmarks/lua/onboard.lua: precheck, provision, wait; no
  latency; concurrency 32) against `sim serve` holding 100,000 customers, in memory and with
  `--state`, against the same onboarding on an empty `sim serve` of the same kind;
- a find by externalId and the first page of the customer list with 100,000 customers stored,
  each read right after a write (a new customer), so no answer comes from a list kept since the
  last change; the baseline is the same reads against 1,000 customers;
- `sim serve --customers 100000`: seconds until it prints its URL, and its resident memory then
  and at its peak (after the onboarding), against an empty `sim serve`; the same for a new
  `--state` file, and for a restart on a saved state of that size.

Nothing is asserted: the rows print figures, ratios and the targets of issue 12.
"""
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

# Any bearer token will do: the simulator only requires one to be there, as the API does.
AUTH = {"Authorization": "Bearer wholesale-bench-token"}
STORED = int(os.environ.get("WHOLESALE_BENCH_STORED", "100000"))
ONBOARD = int(os.environ.get("WHOLESALE_BENCH_CUSTOMERS", "1000"))
RUNS = int(os.environ.get("WHOLESALE_BENCH_RUNS", "3"))
SMALL = 1000


class Server:
    """A `sim serve --no-seed-data` on a free port; `ready` is seconds until it printed its URL."""

    def __init__(self, bin, customers, state=None):
        args = [f"{bin}/wholesale", "sim", "serve", "--port", "0", "--no-seed-data", "--speed", "1000",
                "--customers", str(customers)] + (["--state", state] if state else [])
        t = time.perf_counter()
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = self.process.stdout.readline().strip()
        self.ready = time.perf_counter() - t
        if not self.url.startswith("http://"):
            sys.exit(f"bench: sim serve did not start ({' '.join(args)})")
        parts = urllib.parse.urlsplit(self.url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port)

    def memory(self):
        """(resident MB now, peak resident MB) from /proc."""
        with open(f"/proc/{self.process.pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def request(self, method, path, body=None):
        """(status, seconds) of one request on the kept-alive connection."""
        headers = dict(AUTH)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        t = time.perf_counter()
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - t

    def stop(self):
        self.connection.close()
        self.process.terminate()
        self.process.wait()


def customer(external_id):
    return {
        "provisioningId": "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk", "externalId": external_id, "packages": ["webex_meetings"],
        "address": {"addressLine1": "1 Main St", "city": "Springfield", "country": "US"},
        "customerInfo": {"name": external_id, "primaryEmail": f"admin@{external_id}.example.com"},
    }


def reads_after_writes(server, stored, rounds=200):
    """p50 and p99 (ms) of a find by externalId and of the list's first page, each right after a write."""
    rng = random.Random(7)
    finds, pages = [], []
    for i in range(rounds):
        status, _ = server.request("POST", "/v1/wholesale/customers", customer(f"scale-write-{i}"))
        assert status == 202, status
        status, seconds = server.request("GET", f"/v1/wholesale/customers?externalId=bulk-{rng.randint(1, stored):05d}")
        assert status == 200, status
        finds.append(seconds * 1000)
        status, _ = server.request("POST", "/v1/wholesale/customers", customer(f"scale-write-{i}-b"))
        status, seconds = server.request("GET", "/v1/wholesale/customers?max=100")
        assert status == 200, status
        pages.append(seconds * 1000)

    def cut(values):
        values = sorted(values)
        return statistics.median(values), values[int(len(values) * 0.99) - 1]
    return cut(finds), cut(pages)


def onboard(bin, server, work, csv_path):
    """Wall seconds of one onboarding of the CSV by `wholesale run` against `server`."""
    journal = os.path.join(work, f"journal-{time.monotonic_ns()}.sqlite")
    cmd = [f"{bin}/wholesale", "run", "Benchmarks/lua/onboard.lua", "--target", server.url, "--concurrency", "32",
           "--allow-dir", work, "--var", f"csv={csv_path}", "--journal", journal, "--log-level", "warn"]
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0 or f"onboarded {ONBOARD} of {ONBOARD}" not in done.stdout:
        sys.exit(f"bench: onboarding failed (exit {done.returncode}):\n{done.stdout}{done.stderr[-2000:]}")
    return seconds


def rows(bin):
    work = tempfile.mkdtemp(prefix="wholesale-scale-")
    csv_path = os.path.join(work, "customers.csv")
    subprocess.run([sys.executable, "Benchmarks/python/make_customers.py", str(ONBOARD), csv_path, "--prefix", "scale"], check=True)
    result = []

    # Onboarding, empty and full, in memory and in SQLite: best of RUNS fresh servers each.
    ready, memory = {}, None
    for label in ("memory", "SQLite"):
        times = {}
        for stored in (0, STORED):
            best = float("inf")
            for attempt in range(RUNS):
                state = os.path.join(work, f"state-{stored}-{attempt}.sqlite") if label == "SQLite" else None
                server = Server(bin, stored, state)
                ready[(label, stored)] = min(ready.get((label, stored), float("inf")), server.ready)
                try:
                    first = label == "memory" and stored == STORED and memory is None
                    at_ready = server.memory()[0] if first else None
                    best = min(best, onboard(bin, server, work, csv_path))
                    if first:
                        memory = (at_ready, server.memory()[1])
                finally:
                    server.stop()
                if state and stored == STORED and attempt == RUNS - 1:
                    kept = state  # reopened below: a restart of a full state
                elif state:
                    os.remove(state)
            times[stored] = best
        full, empty = times[STORED], times[0]
        result.append((f"onboard {ONBOARD:,}, no latency, c32, sim serve ({label}) with {STORED:,} stored",
                       f"{full:.2f} s (x{full / empty:.2f})", f"empty state {empty:.2f} s", "<= 1.2x empty"))

    # Reads right after writes, 100,000 stored against 1,000.
    figures = {}
    for stored in (SMALL, STORED):
        server = Server(bin, stored)
        try:
            figures[stored] = reads_after_writes(server, stored)
        finally:
            server.stop()
    for i, name in enumerate(("find by externalId", "first page of the customer list (max=100)")):
        (p50, p99), (bp50, bp99) = figures[STORED][i], figures[SMALL][i]
        result.append((f"{name}, {STORED:,} stored, after a write", f"p50 {p50:.2f} ms, p99 {p99:.2f} ms (x{p50 / bp50:.2f})",
                       f"{SMALL:,} stored: p50 {bp50:.2f} ms, p99 {bp99:.2f} ms", "p50 <= 1 ms"))

    # Start-up and memory.
    reopened = Server(bin, 0, kept)
    reopened_rss, _ = reopened.memory()
    reopened.stop()
    empty = Server(bin, 0)
    empty_rss, _ = empty.memory()
    empty.stop()
    rss, peak = memory
    result.append((f"sim serve --customers {STORED:,} (memory): ready", f"{ready[('memory', STORED)]:.2f} s",
                   f"empty {ready[('memory', 0)]:.2f} s", "<= 5 s"))
    result.append((f"sim serve --customers {STORED:,} (SQLite, a new file): ready", f"{ready[('SQLite', STORED)]:.2f} s",
                   f"empty {ready[('SQLite', 0)]:.2f} s", "report"))
    result.append((f"sim serve --state with {STORED + ONBOARD:,} customers saved: ready again", f"{reopened.ready:.2f} s, {reopened_rss:.0f} MB",
                   f"empty {ready[('SQLite', 0)]:.2f} s", "report"))
    result.append((f"sim serve --customers {STORED:,}: resident memory", f"{rss:.0f} MB when ready, peak {peak:.0f} MB (onboarding included)",
                   f"empty {empty_rss:.0f} MB", "<= 300 MB"))
    subprocess.run(["rm", "-rf", work])
    return result
