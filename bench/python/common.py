"""What both Python search implementations share: the reference data fareflow is built with
(read from data/*.inc, the same tables compiled into the C++ binary), exact money arithmetic,
ISO-8601 parsing, the search request of the benchmark workloads, and the command line that loads
payload files, runs a search handler repeatedly and prints one JSON line of results.

The reference data is loaded once at import, as a Lambda would at init, outside any timing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, NamedTuple, Optional, Union

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")

FX_SCALE = 100_000_000


def _rows(name: str) -> list[list[str]]:
    """The R(...) rows of a generated data/*.inc table, as lists of raw field texts."""
    rows = []
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("R("):
                fields = re.findall(r'"((?:[^"\\]|\\.)*)"|(-?[0-9.]+)', line[2:])
                rows.append([s if s or not n else n for s, n in fields])
    return rows


class Airport(NamedTuple):
    code: str
    name: str
    city: str
    country: str
    latitude: float
    longitude: float
    metro: str


def _load_airports() -> dict[str, Airport]:
    out = {}
    for r in _rows("airports.inc"):
        out[r[0]] = Airport(r[0], r[1], r[2], r[3], float(r[4]), float(r[5]), r[7])
    return out


AIRPORTS: dict[str, Airport] = _load_airports()
AIRLINES: dict[str, str] = {r[0]: r[1] for r in _rows("airlines.inc")}
MINOR_DIGITS: dict[str, int] = {r[0]: int(r[2]) for r in _rows("currencies.inc")}
# Units per 1 EUR scaled by 10^8, exactly as compiled into fareflow (data/fx_rates.inc).
FX_PER_EUR: dict[str, int] = {r[0]: int(r[1]) for r in _rows("fx_rates.inc")}
FX_PER_EUR["EUR"] = FX_SCALE


def expand_location(code: str) -> set[str]:
    """An airport code names itself; a metro city code names its airports."""
    airports = {a.code for a in AIRPORTS.values() if a.metro == code}
    if code in AIRPORTS:
        airports.add(code)
    return airports or {code}


def parse_minor(text: str, digits: int) -> int:
    """A decimal amount as integer minor units, rounded half away from zero (fareflow's
    ParseDecimalMinor)."""
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    whole, _, frac = text.partition(".")
    if not (whole or frac) or not (whole + frac).isdigit():
        raise ValueError(f"not an amount: {text!r}")
    kept = frac[:digits].ljust(digits, "0")
    minor = int(whole or "0") * 10**digits + int(kept or "0")
    if len(frac) > digits and frac[digits] >= "5":
        minor += 1
    return -minor if negative else minor


def convert_minor(minor: int, currency: str, to: str) -> int:
    """Converts minor units between currencies through the EUR rates, rounding half away from
    zero (fareflow's FxRates::Convert). KeyError for a currency without a rate."""
    if currency == to:
        return minor
    num = minor * FX_PER_EUR[to] * 10 ** MINOR_DIGITS[to]
    den = FX_PER_EUR[currency] * 10 ** MINOR_DIGITS[currency]
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return -q if num < 0 else q


def format_minor(minor: int, currency: str) -> str:
    digits = MINOR_DIGITS[currency]
    if digits == 0:
        return str(minor)
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def parse_duration_minutes(text: Optional[str]) -> int:
    """ISO-8601 duration (PT8H5M, PT08H05M, P1DT2H) in minutes; -1 when absent or malformed."""
    if not text:
        return -1
    m = _DURATION.match(text)
    if not m:
        return -1
    d, h, mi, _ = (int(g) if g else 0 for g in m.groups())
    return (d * 24 + h) * 60 + mi


_EPOCH = datetime(1970, 1, 1)


def local_minutes(text: str) -> int:
    """A local date-time (2026-12-20T16:45:00) as minutes since 1970-01-01 in that local time."""
    dt = datetime.fromisoformat(text[:19])
    return int((dt - _EPOCH).total_seconds()) // 60


def distance_km(a: Airport, b: Airport) -> int:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return int(2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) + 0.5)


_CABIN_FACTOR = {"premium_economy": 1500, "business": 2900, "first": 4000}


def co2_grams(km: int, cabin: str) -> int:
    """fareflow's per-segment CO2 estimate (enrich/co2_estimate.cc)."""
    if km <= 0:
        return 0
    per_km = 150 if km < 1000 else 110 if km <= 3700 else 95
    return km * 108 * per_km * _CABIN_FACTOR.get(cabin, 1000) // (100 * 1000)


@dataclass
class SearchRequest:
    """The search the benchmark workloads answer (tools/payloadgen): LHR-JFK round trip,
    two adults, economy, prices in EUR, cheapest first, a page of 20."""

    slices: list[tuple[str, str]] = field(default_factory=lambda: [("LHR", "JFK"), ("JFK", "LHR")])
    adults: int = 2
    children: int = 0
    currency: str = "EUR"
    limit: int = 20
    max_stops: Optional[int] = None
    max_price_minor: Optional[int] = None
    exclude_airlines: tuple[str, ...] = ()


@dataclass
class Payload:
    kind: str  # "amadeus" or "duffel"
    name: str
    body: bytes


class SearchOutput(NamedTuple):
    body: Union[str, bytes]  # the JSON answer: counts and the first page
    deduplicated: int
    cheapest_minor: Optional[int]


Handler = Callable[[SearchRequest, list[Payload]], SearchOutput]


def main(impl: str, handler: Handler, after_response: Optional[Callable[[], None]] = None,
         variants: Optional[dict[str, tuple[str, Handler]]] = None,
         extra: Optional[Callable[[], dict[str, Any]]] = None) -> None:
    """Loads the payload files, runs `handler` --repeat times and prints one JSON line: the
    handler's times, the answer's deduplicated count and cheapest price, and the peak RSS.
    `variants` maps a flag (--dicts) to the name and handler it runs instead; `extra` gives
    more members for the line once the runs are done."""
    ap = argparse.ArgumentParser(description=f"fareflow's search job in Python ({impl})")
    for flag, (name, _) in (variants or {}).items():
        ap.add_argument(flag, action="store_true", help=f"run {name!r} instead")
    ap.add_argument("--payload", action="append", default=[], help="KIND:FILE (amadeus, duffel)")
    ap.add_argument("--currency", default="EUR")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--print-answer", action="store_true", help="print the last answer's JSON")
    ap.add_argument("--ready", action="store_true",
                    help="print 'ready' once imported and set up, and exit (start-up time)")
    args = ap.parse_args()
    for flag, (name, variant) in (variants or {}).items():
        if getattr(args, flag.lstrip("-").replace("-", "_")):
            impl, handler = name, variant
    if args.ready:
        print("ready", flush=True)
        return
    payloads = []
    for spec in args.payload:
        kind, _, path = spec.partition(":")
        if kind not in ("amadeus", "duffel") or not path:
            sys.exit(f"--payload {spec!r}: want amadeus:FILE or duffel:FILE")
        with open(path, "rb") as f:
            payloads.append(Payload(kind, os.path.basename(path), f.read()))
    request = SearchRequest(currency=args.currency)
    times_ms: list[float] = []
    after_ms: list[float] = []
    out: Optional[SearchOutput] = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        out = handler(request, payloads)
        times_ms.append((time.perf_counter() - start) * 1e3)
        if after_response is not None:
            start = time.perf_counter()
            after_response()
            after_ms.append((time.perf_counter() - start) * 1e3)
    assert out is not None
    if args.print_answer:
        print(out.body if isinstance(out.body, str) else out.body.decode())
    result = {
        "impl": impl,
        "python": sys.version.split()[0],
        "bytes": sum(len(p.body) for p in payloads),
        "times_ms": times_ms,
        "after_response_ms": after_ms,
        "deduplicated": out.deduplicated,
        "cheapest": None
        if out.cheapest_minor is None
        else format_minor(out.cheapest_minor, request.currency),
        "currency": request.currency,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    if extra is not None:
        result.update(extra())
    print(json.dumps(result))
