#!/usr/bin/env python3
"""The same search handler as search_after.py and search_before.py, with its hot path swapped
for one call into fareflow's Python module: the payload bytes and a v1 request go to
`fareflow.search`, and the handler returns the answer's `.json()` bytes as they are — what a
Python service or Lambda handler that adopts fareflow would do.

With --dicts the handler instead turns the answer into Python objects (`result.to_dict()`) and
serializes them with the standard library's json, as a handler that post-processes the answer in
Python would: the difference between the two runs is the cost of dicts over bytes.

    PYTHONPATH=build/python search_fareflow.py --payload amadeus:a.json ... [--repeat N] [--dicts]
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fareflow  # noqa: E402  (<build>/python on PYTHONPATH)

import common  # noqa: E402
from common import Payload, SearchOutput, SearchRequest  # noqa: E402

# The dates of the benchmark workloads' trip (tools/payloadgen); common.SearchRequest names the
# route, passengers, currency and page, which the Python versions need no dates for.
DEPARTURE_DATES = ("2026-12-20", "2026-12-27")


def v1_request(request: SearchRequest) -> dict[str, Any]:
    """common.SearchRequest as the v1 request (docs/api.md), cheapest first as the Python
    versions sort."""
    body: dict[str, Any] = {
        "slices": [{"origin": o, "destination": d, "departure_date": day}
                   for (o, d), day in zip(request.slices, DEPARTURE_DATES)],
        "passengers": {"adults": request.adults},
        "currency": request.currency,
        "sort": "cheapest",
        "limit": request.limit,
    }
    if request.children:
        body["passengers"]["children"] = request.children
    filters: dict[str, Any] = {}
    if request.max_stops is not None:
        filters["max_stops"] = request.max_stops
    if request.max_price_minor is not None:
        filters["max_price"] = common.format_minor(request.max_price_minor, request.currency)
    if request.exclude_airlines:
        filters["exclude_airlines"] = list(request.exclude_airlines)
    if filters:
        body["filters"] = filters
    return body


def search(request: SearchRequest, payloads: list[Payload]) -> "fareflow.Result":
    return fareflow.search(v1_request(request), [(p.kind, p.body) for p in payloads])


def output(result: "fareflow.Result", body: Any, currency: str) -> SearchOutput:
    """The answer with the offer count and cheapest price scripts/bench checks every
    implementation against. Sorted cheapest first, the page's first offer is the cheapest."""
    first = next(iter(result), None)
    cheapest = None
    if first is not None:
        cheapest = common.parse_minor(first["price"]["amount"], common.MINOR_DIGITS[currency])
    return SearchOutput(body, result.counts["deduplicated"], cheapest)


# Milliseconds each call spent turning its result into the body, apart from the search: the
# cost of dicts over bytes without the search's own run-to-run spread in it.
CONVERT_MS: list[float] = []


def timed_body(make_body: Any) -> Any:
    start = time.perf_counter()
    body = make_body()
    CONVERT_MS.append((time.perf_counter() - start) * 1e3)
    return body


def handle(request: SearchRequest, payloads: list[Payload]) -> SearchOutput:
    result = search(request, payloads)
    return output(result, timed_body(result.json), request.currency)


def handle_dicts(request: SearchRequest, payloads: list[Payload]) -> SearchOutput:
    result = search(request, payloads)
    return output(result, timed_body(lambda: json.dumps(result.to_dict())), request.currency)


if __name__ == "__main__":
    common.main("fareflow: fareflow.search, .json() bytes", handle, variants={
        "--dicts": ("fareflow: fareflow.search, .to_dict() and json.dumps", handle_dicts)},
        extra=lambda: {"convert_ms": CONVERT_MS})
