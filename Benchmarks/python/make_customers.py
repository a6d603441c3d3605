#!/usr/bin/env python3
"""Writes a CSV of N customers that the simulator's validator and precheck accept.

    python3 Benchmarks/python/make_customers.py N OUT.csv [--prefix bench]

Each row is one meetings-only customer (provisioning template
c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk, packages {webex_meetings}, so no calling location is
needed) with a unique externalId and a unique primary email. Both onboard playbooks
(Benchmarks/lua/onboard.lua and Benchmarks/python/onboard.py) build the same body from a row.
"""
import argparse
import csv

COLUMNS = ["externalId", "name", "primaryEmail", "language", "addressLine1", "city",
           "stateOrProvince", "zipOrPostalCode", "country", "timezone"]

CITIES = [("Milpitas", "CA", "95035", "America/Los_Angeles"), ("Austin", "TX", "73301", "America/Chicago"),
          ("Boston", "MA", "02108", "America/New_York"), ("Denver", "CO", "80202", "America/Denver")]


def rows(n, prefix):
    for i in range(1, n + 1):
        city, state, zip_code, zone = CITIES[i % len(CITIES)]
        yield {
            "externalId": f"{prefix}-{i:06d}",
            "name": f"Bench Customer {i:06d}",
            "primaryEmail": f"admin-{prefix}-{i:06d}@bench.example.com",
            "language": "en",
            "addressLine1": f"{100 + i % 900} Alder Drive",
            "city": city,
            "stateOrProvince": state,
            "zipOrPostalCode": zip_code,
            "country": "US",
            "timezone": zone,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--prefix", default="bench")
    args = parser.parse_args()
    with open(args.out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(args.count, args.prefix))


if __name__ == "__main__":
    main()
