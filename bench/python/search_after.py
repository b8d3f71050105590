#!/usr/bin/env python3
"""fareflow's search job in Python, written the way the talk's tuned "after" was: plain dicts
typed with TypedDict instead of models, one combined pass that parses and enriches each offer
and precomputes every field later stages read (price in the requested currency, durations,
stops, dedupe key), payloads parsed on threads, and the garbage collector disabled while the
handler runs and run once after the answer is made (as the talk does after the Lambda handler
returns).

    search_after.py --payload amadeus:a.json --payload duffel:d.json [--repeat N]
"""

from __future__ import annotations

import gc
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional, TypedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
from common import Payload, SearchOutput, SearchRequest  # noqa: E402

AIRPORTS = common.AIRPORTS
AIRLINES = common.AIRLINES
MINOR_DIGITS = common.MINOR_DIGITS
parse_duration = common.parse_duration_minutes
local_minutes = common.local_minutes


class Segment(TypedDict):
    carrier: str
    carrier_name: Optional[str]
    number: str
    operating_carrier: str
    origin: str
    destination: str
    origin_name: Optional[str]
    destination_name: Optional[str]
    departure: str
    arrival: str
    duration_minutes: int
    distance_km: int
    co2_grams: int
    cabin: Optional[str]
    aircraft: Optional[str]


class Slice(TypedDict):
    origin: str
    destination: str
    segments: list[Segment]
    duration_minutes: int
    stops: int
    layover_minutes: list[int]
    fare_brand: Optional[str]


class Offer(TypedDict):
    supplier: int
    supplier_name: str
    offer_id: str
    total: str
    currency: str
    price_minor: int  # in the requested currency
    per_adult_minor: int
    slices: list[Slice]
    cabin: Optional[str]
    fare_brand: Optional[str]
    duration_minutes: int
    max_stops: int
    carriers: frozenset[str]
    co2_grams: int
    key: tuple


# Built once per process, like a Lambda's init code.
POOL = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))


class Context:
    """What the combined pass needs about the request, computed once per search."""

    def __init__(self, request: SearchRequest) -> None:
        self.currency = request.currency
        self.seated = max(1, request.adults + request.children)
        self.routes = [
            (common.expand_location(a), common.expand_location(b)) for a, b in request.slices
        ]


def make_segment(
    carrier: str,
    number: str,
    operating: Optional[str],
    origin: str,
    destination: str,
    departure: str,
    arrival: str,
    duration: int,
    cabin: Optional[str],
    aircraft: Optional[str],
) -> Segment:
    a = AIRPORTS.get(origin)
    b = AIRPORTS.get(destination)
    if duration < 0:
        duration = local_minutes(arrival) - local_minutes(departure)
    km = common.distance_km(a, b) if a and b else 0
    return {
        "carrier": carrier,
        "carrier_name": AIRLINES.get(carrier),
        "number": number,
        "operating_carrier": operating or carrier,
        "origin": origin,
        "destination": destination,
        "origin_name": a.name if a else None,
        "destination_name": b.name if b else None,
        "departure": departure,
        "arrival": arrival,
        "duration_minutes": duration,
        "distance_km": km,
        "co2_grams": common.co2_grams(km, cabin or "economy"),
        "cabin": cabin,
        "aircraft": aircraft,
    }


def finish_slice(segments: list[Segment], brand: Optional[str]) -> Optional[Slice]:
    """The slice's derived fields; None when its connections go back in time."""
    layovers = []
    for i in range(1, len(segments)):
        minutes = local_minutes(segments[i]["departure"]) - local_minutes(segments[i - 1]["arrival"])
        if minutes < 0:
            return None
        layovers.append(minutes)
    return {
        "origin": segments[0]["origin"],
        "destination": segments[-1]["destination"],
        "segments": segments,
        "duration_minutes": sum(s["duration_minutes"] for s in segments) + sum(layovers),
        "stops": len(segments) - 1,
        "layover_minutes": layovers,
        "fare_brand": brand,
    }


def finish_offer(
    ctx: Context,
    supplier: int,
    name: str,
    offer_id: str,
    total: str,
    currency: str,
    slices: list[Slice],
    brand: Optional[str],
) -> Optional[Offer]:
    """Route check, price conversion and every precomputed field; None to drop the offer."""
    if len(slices) != len(ctx.routes):
        return None
    for sl, (origins, destinations) in zip(slices, ctx.routes):
        if sl["origin"] not in origins or sl["destination"] not in destinations:
            return None
    try:
        price = common.convert_minor(
            common.parse_minor(total, MINOR_DIGITS[currency]), currency, ctx.currency
        )
    except (KeyError, ValueError):
        return None
    cabin, longest, co2 = None, -1, 0
    key: list[Any] = []
    carriers = set()
    for sl in slices:
        key.append(len(sl["segments"]))
        for s in sl["segments"]:
            if s["duration_minutes"] > longest:
                cabin, longest = s["cabin"], s["duration_minutes"]
            co2 += s["co2_grams"]
            carriers.add(s["carrier"])
            digits = "".join(c for c in s["number"] if c.isdigit())
            key.append((s["carrier"], int(digits or 0), s["origin"], s["destination"], s["departure"][:16]))
    key.append(cabin)
    key.append((brand or "").lower())
    return {
        "supplier": supplier,
        "supplier_name": name,
        "offer_id": offer_id,
        "total": total,
        "currency": currency,
        "price_minor": price,
        "per_adult_minor": round(price / ctx.seated),
        "slices": slices,
        "cabin": cabin,
        "fare_brand": brand,
        "duration_minutes": sum(sl["duration_minutes"] for sl in slices),
        "max_stops": max(sl["stops"] for sl in slices),
        "carriers": frozenset(carriers),
        "co2_grams": co2,
        "key": tuple(key),
    }


def parse_amadeus(ctx: Context, supplier: int, payload: Payload) -> tuple[int, list[Offer]]:
    doc = json.loads(payload.body)
    out: list[Offer] = []
    data = doc.get("data") or []
    for o in data:
        try:
            travelers = o.get("travelerPricings") or []
            chosen = next(
                (t for t in travelers if t.get("travelerType") in ("ADULT", "SENIOR")),
                travelers[0] if travelers else None,
            )
            details: dict[str, dict] = {}
            if chosen:
                for d in chosen.get("fareDetailsBySegment") or []:
                    details.setdefault(d["segmentId"], d)
            slices: list[Slice] = []
            for it in o["itineraries"]:
                segments = []
                brand = None
                for s in it["segments"]:
                    d = details.get(s["id"]) or {}
                    cabin = d.get("cabin")
                    brand = brand or d.get("brandedFareLabel") or d.get("brandedFare")
                    segments.append(
                        make_segment(
                            s["carrierCode"],
                            s["number"],
                            (s.get("operating") or {}).get("carrierCode"),
                            s["departure"]["iataCode"],
                            s["arrival"]["iataCode"],
                            s["departure"]["at"],
                            s["arrival"]["at"],
                            parse_duration(s.get("duration")),
                            cabin.lower() if cabin else None,
                            (s.get("aircraft") or {}).get("code"),
                        )
                    )
                sl = finish_slice(segments, brand) if segments else None
                if sl is None:
                    break
                slices.append(sl)
            else:
                price = o["price"]
                offer = finish_offer(
                    ctx,
                    supplier,
                    payload.name,
                    o["id"],
                    price.get("grandTotal") or price["total"],
                    price["currency"],
                    slices,
                    slices[0]["fare_brand"] if slices else None,
                )
                if offer is not None:
                    out.append(offer)
        except (KeyError, TypeError, ValueError):
            pass  # a malformed offer is dropped
    return len(data), out


def parse_duffel(ctx: Context, supplier: int, payload: Payload) -> tuple[int, list[Offer]]:
    doc = json.loads(payload.body)
    data = doc.get("data")
    offers = data if isinstance(data, list) else (data or {}).get("offers") or []
    out: list[Offer] = []
    for o in offers:
        try:
            slices: list[Slice] = []
            for sl in o["slices"]:
                segments = []
                for s in sl["segments"]:
                    p = (s.get("passengers") or [{}])[0]
                    cabin = p.get("cabin_class") or (p.get("cabin") or {}).get("name")
                    segments.append(
                        make_segment(
                            s["marketing_carrier"]["iata_code"],
                            s["marketing_carrier_flight_number"],
                            (s.get("operating_carrier") or {}).get("iata_code"),
                            s["origin"]["iata_code"],
                            s["destination"]["iata_code"],
                            s["departing_at"],
                            s["arriving_at"],
                            parse_duration(s.get("duration")),
                            cabin.lower() if cabin else None,
                            (s.get("aircraft") or {}).get("iata_code"),
                        )
                    )
                finished = finish_slice(segments, sl.get("fare_brand_name")) if segments else None
                if finished is None:
                    break
                slices.append(finished)
            else:
                offer = finish_offer(
                    ctx,
                    supplier,
                    payload.name,
                    o["id"],
                    o["total_amount"],
                    o["total_currency"],
                    slices,
                    slices[0]["fare_brand"] if slices else None,
                )
                if offer is not None:
                    out.append(offer)
        except (KeyError, TypeError, ValueError):
            pass
    return len(offers), out


def page_offer(o: Offer, currency: str) -> dict:
    return {
        "id": f"{o['supplier_name']}:{o['offer_id']}",
        "price": common.format_minor(o["price_minor"], currency),
        "currency": currency,
        "duration_minutes": o["duration_minutes"],
        "cabin": o["cabin"],
        "fare_brand": o["fare_brand"],
        "co2_grams": o["co2_grams"],
        "slices": o["slices"],
    }


def handle(request: SearchRequest, payloads: list[Payload]) -> SearchOutput:
    gc.disable()
    ctx = Context(request)
    futures = [
        POOL.submit(parse_amadeus if p.kind == "amadeus" else parse_duffel, ctx, i, p)
        for i, p in enumerate(payloads)
    ]
    received = 0
    best: dict[tuple, Offer] = {}
    for f in futures:
        n, offers = f.result()
        received += n
        for o in offers:
            seen = best.get(o["key"])
            if seen is None or (o["price_minor"], o["supplier"], o["offer_id"]) < (
                seen["price_minor"],
                seen["supplier"],
                seen["offer_id"],
            ):
                best[o["key"]] = o
    unique = list(best.values())
    excluded = set(request.exclude_airlines)
    matching = [
        o
        for o in unique
        if (request.max_stops is None or o["max_stops"] <= request.max_stops)
        and (request.max_price_minor is None or o["price_minor"] <= request.max_price_minor)
        and not (excluded and o["carriers"] & excluded)
    ]
    matching.sort(key=lambda o: (o["price_minor"], o["duration_minutes"], o["max_stops"], o["offer_id"]))
    first = matching[: request.limit]
    body = json.dumps(
        {
            "counts": {
                "received": received,
                "deduplicated": len(unique),
                "matching": len(matching),
                "returned": len(first),
            },
            "offers": [page_offer(o, request.currency) for o in first],
        }
    )
    cheapest = min((o["price_minor"] for o in unique), default=None)
    return SearchOutput(body, len(unique), cheapest)


def after_response() -> None:
    """The collection the handler put off, once the answer is out."""
    gc.enable()
    gc.collect()


if __name__ == "__main__":
    common.main("after: TypedDict, one pass, threads, GC off in the handler", handle, after_response)
