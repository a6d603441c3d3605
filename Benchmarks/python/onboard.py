#!/usr/bin/env python3
"""Baseline for scripts/bench: Benchmarks/lua/onboard.lua's flow in Python (httpx + asyncio).

    python onboard.py --base-url http://127.0.0.1:PORT --csv customers.csv --concurrency 32

The same CSV (Benchmarks/python/make_customers.py), the same body, the same calls and the same
two pipelined phases: every row is prechecked (POST /v1/wholesale/customers/validate) and
provisioned (POST /v1/wholesale/customers), at most `concurrency` requests' worth of rows at
once; then every started customer is polled (GET /v1/wholesale/customers/{id}) at once, then
after 1 s, growing x1.5 up to 15 s, until its status is terminal. Each request sends
`Content-Type: application/json` (with a body), its own `TrackingID` and a bearer token (any
token: the simulator, like the API, answers 401 without one). Prints the elapsed
seconds and the number of requests; exits 1 if any row failed.

The pool allows `concurrency` connections. At high concurrency this baseline becomes CPU-bound
in httpcore's connection pool (1.0.9 rescans every connection on each request, and polls each
idle socket: encode/httpcore#1035); that is httpx as shipped, measured as it is.
"""
import argparse
import asyncio
import csv
import sys
import time
import uuid

import httpx

TERMINAL = {"provisioned", "provisioned_with_errors", "error"}


def body(row):
    return {
        "provisioningId": "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
        "externalId": row["externalId"],
        "packages": ["webex_meetings"],
        "address": {key: row[key] for key in ("addressLine1", "city", "stateOrProvince", "zipOrPostalCode", "country")},
        "customerInfo": {"name": row["name"], "primaryEmail": row["primaryEmail"], "language": row["language"]},
        "provisioningParameters": {"meetings": {"timezone": row["timezone"]}},
    }


class Onboarding:
    def __init__(self, client, concurrency):
        self.client = client
        self.slots = asyncio.Semaphore(concurrency)
        self.requests = 0

    async def call(self, method, path, json=None):
        headers = {"Accept": "application/json", "TrackingID": f"PYBENCH_{uuid.uuid4()}",
                   "Authorization": "Bearer wholesale-bench-token"}
        if json is not None:
            headers["Content-Type"] = "application/json"
        self.requests += 1
        return await self.client.request(method, path, json=json, headers=headers)

    async def start(self, row):
        """Precheck + provision: the new customer's id."""
        async with self.slots:
            customer = body(row)
            check = await self.call("POST", "/v1/wholesale/customers/validate", customer)
            if check.status_code != 200 or check.json().get("message") != "success":
                raise RuntimeError(f"precheck refused {row['externalId']}: HTTP {check.status_code} {check.text[:200]}")
            created = await self.call("POST", "/v1/wholesale/customers", customer)
            if created.status_code != 202:
                raise RuntimeError(f"provision {row['externalId']}: HTTP {created.status_code} {created.text[:200]}")
            location = created.headers.get("location") or created.json()["url"]
            return location.rstrip("/").rsplit("/", 1)[-1]

    async def wait(self, customer_id, timeout=900):
        """Polls at once, then after 1 s growing x1.5 to 15 s, until the status is terminal."""
        async with self.slots:
            deadline, pause = time.monotonic() + timeout, 1.0
            while True:
                answer = await self.call("GET", f"/v1/wholesale/customers/{customer_id}")
                answer.raise_for_status()
                status = answer.json().get("status")
                if status in TERMINAL:
                    if status != "provisioned":
                        raise RuntimeError(f"{customer_id} ended {status}")
                    return status
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{customer_id} is still {status!r} after {timeout} s")
                await asyncio.sleep(min(pause, left))
                pause = min(pause * 1.5, 15.0)


async def onboard(base_url, rows, concurrency):
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=httpx.Timeout(120.0)) as client:
        run = Onboarding(client, concurrency)
        started = await asyncio.gather(*(run.start(row) for row in rows), return_exceptions=True)
        ids = [s for s in started if isinstance(s, str)]
        waited = await asyncio.gather(*(run.wait(i) for i in ids), return_exceptions=True)
        failures = [r for r in started + waited if isinstance(r, BaseException)]
        return sum(1 for w in waited if w == "provisioned"), failures, run.requests


def main():
    parser = argparse.ArgumentParser(description="Onboard the customers of a CSV (httpx + asyncio baseline).")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    t = time.perf_counter()
    provisioned, failures, requests = asyncio.run(onboard(args.base_url, rows, args.concurrency))
    elapsed = time.perf_counter() - t
    print(f"onboarded {provisioned} of {len(rows)} customers; {requests} requests; {elapsed:.3f} s")
    if failures:
        for failure in failures[:5]:
            print(f"onboard.py: {failure!r}", file=sys.stderr)
        print(f"onboard.py: {len(failures)} of {len(rows)} rows failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
