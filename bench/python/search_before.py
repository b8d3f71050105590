#!/usr/bin/env python3
"""fareflow's search job in Python, written the way the talk's "before" was: Pydantic models
(v1, Debian 12's python3-pydantic 1.10) for every supplier payload and for the normalised offer,
the standard library's json, and one pass per concern over the nested data — parse, validate to
models, normalise, enrich segments, enrich slices, convert prices, compute dedupe keys, dedupe,
filter, sort, page — with derived values recomputed where a later stage needs them.

    search_before.py --payload amadeus:a.json --payload duffel:d.json [--repeat N]
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import Any, Dict, List, Optional, Union

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pydantic  # noqa: E402
from pydantic import BaseModel, Field  # noqa: E402

import common  # noqa: E402
from common import Payload, SearchOutput, SearchRequest  # noqa: E402

if not pydantic.VERSION.startswith("1."):
    sys.exit(f"search_before.py is written for Pydantic 1.x (Debian 12), found {pydantic.VERSION}")


# --- Amadeus Flight Offers Search v2 -------------------------------------------------------


class AmadeusEndpoint(BaseModel):
    iataCode: str
    terminal: Optional[str] = None
    at: datetime


class AmadeusAircraft(BaseModel):
    code: Optional[str] = None


class AmadeusOperating(BaseModel):
    carrierCode: Optional[str] = None


class AmadeusSegment(BaseModel):
    id: str
    departure: AmadeusEndpoint
    arrival: AmadeusEndpoint
    carrierCode: str = Field(min_length=2, max_length=2)
    number: str
    aircraft: Optional[AmadeusAircraft] = None
    operating: Optional[AmadeusOperating] = None
    duration: Optional[str] = None
    numberOfStops: int = 0
    blacklistedInEU: bool = False
    co2Emissions: Optional[List[Dict[str, Any]]] = None


class AmadeusItinerary(BaseModel):
    duration: Optional[str] = None
    segments: List[AmadeusSegment]


class AmadeusFee(BaseModel):
    amount: str
    type: str


class AmadeusPrice(BaseModel):
    currency: str = Field(min_length=3, max_length=3)
    total: str
    base: Optional[str] = None
    fees: List[AmadeusFee] = []
    grandTotal: Optional[str] = None


class AmadeusPricingOptions(BaseModel):
    fareType: List[str] = []
    includedCheckedBagsOnly: bool = False
    refundableFare: Optional[bool] = None


class AmadeusBags(BaseModel):
    quantity: Optional[int] = None
    weight: Optional[int] = None
    weightUnit: Optional[str] = None


class AmadeusFareDetail(BaseModel):
    segmentId: str
    cabin: Optional[str] = None
    fareBasis: Optional[str] = None
    brandedFare: Optional[str] = None
    brandedFareLabel: Optional[str] = None
    booking_class: Optional[str] = Field(None, alias="class")
    includedCheckedBags: Optional[AmadeusBags] = None
    includedCabinBags: Optional[AmadeusBags] = None


class AmadeusTravelerPrice(BaseModel):
    currency: Optional[str] = None
    total: Optional[str] = None
    base: Optional[str] = None


class AmadeusTravelerPricing(BaseModel):
    travelerId: str
    fareOption: Optional[str] = None
    travelerType: str
    price: Optional[AmadeusTravelerPrice] = None
    fareDetailsBySegment: List[AmadeusFareDetail] = []


class AmadeusOffer(BaseModel):
    type: str = "flight-offer"
    id: str
    source: Optional[str] = None
    instantTicketingRequired: bool = False
    nonHomogeneous: bool = False
    oneWay: bool = False
    lastTicketingDate: Optional[str] = None
    numberOfBookableSeats: Optional[int] = None
    itineraries: List[AmadeusItinerary]
    price: AmadeusPrice
    pricingOptions: Optional[AmadeusPricingOptions] = None
    validatingAirlineCodes: List[str] = []
    travelerPricings: List[AmadeusTravelerPricing] = []


class AmadeusResponse(BaseModel):
    meta: Optional[Dict[str, Any]] = None
    data: List[AmadeusOffer]
    dictionaries: Optional[Dict[str, Any]] = None


# --- Duffel v2 offers ------------------------------------------------------------------------


class DuffelCity(BaseModel):
    iata_code: Optional[str] = None
    iata_country_code: Optional[str] = None
    id: Optional[str] = None
    name: Optional[str] = None
    type: Optional[str] = None


class DuffelPlace(BaseModel):
    id: Optional[str] = None
    type: Optional[str] = None
    iata_code: str
    iata_city_code: Optional[str] = None
    iata_country_code: Optional[str] = None
    icao_code: Optional[str] = None
    name: Optional[str] = None
    city_name: Optional[str] = None
    city: Optional[DuffelCity] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    time_zone: Optional[str] = None


class DuffelCarrier(BaseModel):
    id: Optional[str] = None
    iata_code: Optional[str] = None
    name: Optional[str] = None
    logo_lockup_url: Optional[str] = None
    logo_symbol_url: Optional[str] = None
    conditions_of_carriage_url: Optional[str] = None


class DuffelAircraft(BaseModel):
    id: Optional[str] = None
    iata_code: Optional[str] = None
    name: Optional[str] = None


class DuffelBaggage(BaseModel):
    type: str
    quantity: int


class DuffelCabin(BaseModel):
    name: Optional[str] = None
    marketing_name: Optional[str] = None
    amenities: Optional[Dict[str, Any]] = None


class DuffelSegmentPassenger(BaseModel):
    passenger_id: Optional[str] = None
    cabin_class: Optional[str] = None
    cabin_class_marketing_name: Optional[str] = None
    cabin: Optional[DuffelCabin] = None
    fare_basis_code: Optional[str] = None
    baggages: List[DuffelBaggage] = []


class DuffelSegment(BaseModel):
    id: str
    origin: DuffelPlace
    destination: DuffelPlace
    origin_terminal: Optional[str] = None
    destination_terminal: Optional[str] = None
    departing_at: datetime
    arriving_at: datetime
    duration: Optional[str] = None
    distance: Optional[str] = None
    marketing_carrier: DuffelCarrier
    marketing_carrier_flight_number: str
    operating_carrier: Optional[DuffelCarrier] = None
    operating_carrier_flight_number: Optional[str] = None
    aircraft: Optional[DuffelAircraft] = None
    passengers: List[DuffelSegmentPassenger] = []
    stops: List[Dict[str, Any]] = []


class DuffelSlice(BaseModel):
    id: Optional[str] = None
    origin: DuffelPlace
    destination: DuffelPlace
    origin_type: Optional[str] = None
    destination_type: Optional[str] = None
    duration: Optional[str] = None
    fare_brand_name: Optional[str] = None
    comparison_key: Optional[str] = None
    conditions: Optional[Dict[str, Any]] = None
    segments: List[DuffelSegment]


class DuffelOfferPassenger(BaseModel):
    id: str
    type: Optional[str] = None
    age: Optional[int] = None
    given_name: Optional[str] = None
    family_name: Optional[str] = None


class DuffelOffer(BaseModel):
    id: str
    total_amount: str
    total_currency: str = Field(min_length=3, max_length=3)
    base_amount: Optional[str] = None
    base_currency: Optional[str] = None
    tax_amount: Optional[str] = None
    tax_currency: Optional[str] = None
    total_emissions_kg: Optional[str] = None
    owner: Optional[DuffelCarrier] = None
    slices: List[DuffelSlice]
    passengers: List[DuffelOfferPassenger] = []
    conditions: Optional[Dict[str, Any]] = None
    available_services: Optional[List[Dict[str, Any]]] = None
    expires_at: Optional[datetime] = None
    created_at: Optional[datetime] = None
    live_mode: Optional[bool] = None
    partial: Optional[bool] = None


class DuffelOfferRequestData(BaseModel):
    id: Optional[str] = None
    offers: List[DuffelOffer]


class DuffelOfferRequest(BaseModel):
    data: DuffelOfferRequestData


class DuffelOffersPage(BaseModel):
    data: List[DuffelOffer]
    meta: Optional[Dict[str, Any]] = None


# --- the normalised offer --------------------------------------------------------------------


class Layover(BaseModel):
    airport: str
    minutes: int
    change_of_airport: bool
    overnight: bool


class FlightSegment(BaseModel):
    marketing_carrier: str
    marketing_carrier_name: Optional[str] = None
    flight_number: str
    operating_carrier: Optional[str] = None
    origin: str
    destination: str
    origin_name: Optional[str] = None
    destination_name: Optional[str] = None
    departure_local: datetime
    arrival_local: datetime
    duration_minutes: int = -1
    distance_km: int = 0
    co2_grams: int = 0
    cabin: Optional[str] = None
    fare_brand: Optional[str] = None
    aircraft: Optional[str] = None
    stops: int = 0


class FlightSlice(BaseModel):
    segments: List[FlightSegment]
    stated_duration_minutes: int = -1
    fare_brand: Optional[str] = None
    origin: Optional[str] = None
    destination: Optional[str] = None
    duration_minutes: int = 0
    stops: int = 0
    layovers: List[Layover] = []


class FlightOffer(BaseModel):
    supplier: int
    supplier_name: str
    offer_id: str
    total_minor: int
    currency: str
    passenger_count: int
    slices: List[FlightSlice]
    validating_carrier: Optional[str] = None
    cabin: Optional[str] = None
    fare_brand: Optional[str] = None
    total_requested_minor: int = 0
    per_adult_requested_minor: int = 0
    co2_grams: int = 0
    dedupe_key: Optional[str] = None
    sellers: List[str] = []


# --- the passes ------------------------------------------------------------------------------


def parse(payloads: List[Payload]) -> List[Any]:
    return [json.loads(p.body) for p in payloads]


def validate(payloads: List[Payload], documents: List[Any]) -> List[BaseModel]:
    models: List[BaseModel] = []
    for p, doc in zip(payloads, documents):
        if p.kind == "amadeus":
            models.append(AmadeusResponse.parse_obj(doc))
        elif isinstance(doc.get("data"), list):
            models.append(DuffelOffersPage.parse_obj(doc))
        else:
            models.append(DuffelOfferRequest.parse_obj(doc))
    return models


def longest_cabin(segments: List[FlightSegment]) -> Optional[str]:
    cabin, longest = None, None
    for s in segments:
        length = s.duration_minutes
        if length < 0:
            length = common.local_minutes(s.arrival_local.isoformat()) - common.local_minutes(
                s.departure_local.isoformat()
            )
        if longest is None or length > longest:
            cabin, longest = s.cabin, length
    return cabin


def normalise_amadeus(index: int, name: str, response: AmadeusResponse) -> List[FlightOffer]:
    offers = []
    for o in response.data:
        # The first adult's fare details describe the segments.
        travelers = o.travelerPricings
        chosen = next((t for t in travelers if t.travelerType in ("ADULT", "SENIOR")), None)
        if chosen is None and travelers:
            chosen = travelers[0]
        details: Dict[str, AmadeusFareDetail] = {}
        if chosen is not None:
            for d in chosen.fareDetailsBySegment:
                details.setdefault(d.segmentId, d)
        slices = []
        for it in o.itineraries:
            segments = []
            for s in it.segments:
                d = details.get(s.id)
                segments.append(
                    FlightSegment(
                        marketing_carrier=s.carrierCode,
                        flight_number=s.number,
                        operating_carrier=s.operating.carrierCode if s.operating else None,
                        origin=s.departure.iataCode,
                        destination=s.arrival.iataCode,
                        departure_local=s.departure.at,
                        arrival_local=s.arrival.at,
                        duration_minutes=common.parse_duration_minutes(s.duration),
                        cabin=d.cabin.lower() if d and d.cabin else None,
                        fare_brand=(d.brandedFareLabel or d.brandedFare) if d else None,
                        aircraft=s.aircraft.code if s.aircraft else None,
                        stops=s.numberOfStops,
                    )
                )
            brand = next((s.fare_brand for s in segments if s.fare_brand), None)
            slices.append(
                FlightSlice(
                    segments=segments,
                    stated_duration_minutes=common.parse_duration_minutes(it.duration),
                    fare_brand=brand,
                )
            )
        all_segments = [s for sl in slices for s in sl.segments]
        total = o.price.grandTotal or o.price.total
        offers.append(
            FlightOffer(
                supplier=index,
                supplier_name=name,
                offer_id=o.id,
                total_minor=common.parse_minor(total, common.MINOR_DIGITS[o.price.currency]),
                currency=o.price.currency,
                passenger_count=max(1, len(travelers)),
                slices=slices,
                validating_carrier=o.validatingAirlineCodes[0]
                if o.validatingAirlineCodes
                else None,
                cabin=longest_cabin(all_segments),
                fare_brand=slices[0].fare_brand if slices else None,
            )
        )
    return offers


def normalise_duffel(index: int, name: str, offers_in: List[DuffelOffer]) -> List[FlightOffer]:
    offers = []
    for o in offers_in:
        slices = []
        for sl in o.slices:
            segments = []
            for s in sl.segments:
                p = s.passengers[0] if s.passengers else None
                cabin = None
                if p is not None:
                    cabin = p.cabin_class or (p.cabin.name if p.cabin else None)
                segments.append(
                    FlightSegment(
                        marketing_carrier=s.marketing_carrier.iata_code,
                        flight_number=s.marketing_carrier_flight_number,
                        operating_carrier=s.operating_carrier.iata_code
                        if s.operating_carrier
                        else None,
                        origin=s.origin.iata_code,
                        destination=s.destination.iata_code,
                        departure_local=s.departing_at,
                        arrival_local=s.arriving_at,
                        duration_minutes=common.parse_duration_minutes(s.duration),
                        cabin=cabin.lower() if cabin else None,
                        fare_brand=sl.fare_brand_name,
                        aircraft=s.aircraft.iata_code if s.aircraft else None,
                        stops=len(s.stops),
                    )
                )
            slices.append(
                FlightSlice(
                    segments=segments,
                    stated_duration_minutes=common.parse_duration_minutes(sl.duration),
                    fare_brand=sl.fare_brand_name,
                )
            )
        all_segments = [s for sl in slices for s in sl.segments]
        offers.append(
            FlightOffer(
                supplier=index,
                supplier_name=name,
                offer_id=o.id,
                total_minor=common.parse_minor(
                    o.total_amount, common.MINOR_DIGITS[o.total_currency]
                ),
                currency=o.total_currency,
                passenger_count=max(1, len(o.passengers)),
                slices=slices,
                validating_carrier=o.owner.iata_code if o.owner else None,
                cabin=longest_cabin(all_segments),
                fare_brand=slices[0].fare_brand if slices else None,
            )
        )
    return offers


def normalise(payloads: List[Payload], models: List[BaseModel]) -> List[FlightOffer]:
    offers: List[FlightOffer] = []
    for i, (p, m) in enumerate(zip(payloads, models)):
        if isinstance(m, AmadeusResponse):
            offers.extend(normalise_amadeus(i, p.name, m))
        elif isinstance(m, DuffelOffersPage):
            offers.extend(normalise_duffel(i, p.name, m.data))
        elif isinstance(m, DuffelOfferRequest):
            offers.extend(normalise_duffel(i, p.name, m.data.offers))
    return offers


def route_matches(request: SearchRequest, offers: List[FlightOffer]) -> List[FlightOffer]:
    wanted = [
        (common.expand_location(a), common.expand_location(b)) for a, b in request.slices
    ]
    kept = []
    for o in offers:
        if len(o.slices) != len(wanted):
            continue
        if all(
            sl.segments
            and sl.segments[0].origin in w[0]
            and sl.segments[-1].destination in w[1]
            for sl, w in zip(o.slices, wanted)
        ):
            kept.append(o)
    return kept


def enrich_segments(offers: List[FlightOffer]) -> None:
    for o in offers:
        for sl in o.slices:
            for s in sl.segments:
                s.marketing_carrier_name = common.AIRLINES.get(s.marketing_carrier)
                a = common.AIRPORTS.get(s.origin)
                b = common.AIRPORTS.get(s.destination)
                s.origin_name = a.name if a else None
                s.destination_name = b.name if b else None
                s.distance_km = common.distance_km(a, b) if a and b else 0
                if s.operating_carrier is None:
                    s.operating_carrier = s.marketing_carrier
                if s.duration_minutes < 0:
                    s.duration_minutes = int(
                        (s.arrival_local - s.departure_local).total_seconds() // 60
                    )


def enrich_slices(offers: List[FlightOffer]) -> List[FlightOffer]:
    kept = []
    for o in offers:
        ok = True
        for sl in o.slices:
            sl.origin = sl.segments[0].origin
            sl.destination = sl.segments[-1].destination
            sl.stops = len(sl.segments) - 1 + sum(s.stops for s in sl.segments)
            layovers = []
            for a, b in zip(sl.segments, sl.segments[1:]):
                minutes = int((b.departure_local - a.arrival_local).total_seconds() // 60)
                if minutes < 0:
                    ok = False
                layovers.append(
                    Layover(
                        airport=a.destination,
                        minutes=minutes,
                        change_of_airport=a.destination != b.origin,
                        overnight=a.arrival_local.date() != b.departure_local.date(),
                    )
                )
            sl.layovers = layovers
            sl.duration_minutes = sum(s.duration_minutes for s in sl.segments) + sum(
                l.minutes for l in layovers
            )
        if ok:
            kept.append(o)
    return kept


def enrich_co2(offers: List[FlightOffer]) -> None:
    for o in offers:
        total = 0
        for sl in o.slices:
            for s in sl.segments:
                s.co2_grams = common.co2_grams(s.distance_km, s.cabin or o.cabin or "economy")
                total += s.co2_grams
        o.co2_grams = total


def convert_prices(request: SearchRequest, offers: List[FlightOffer]) -> List[FlightOffer]:
    kept = []
    for o in offers:
        try:
            o.total_requested_minor = common.convert_minor(
                o.total_minor, o.currency, request.currency
            )
        except KeyError:
            continue
        seated = max(1, request.adults + request.children)
        o.per_adult_requested_minor = round(o.total_requested_minor / seated)
        kept.append(o)
    return kept


def dedupe_key(o: FlightOffer) -> str:
    parts = []
    for sl in o.slices:
        parts.append(str(len(sl.segments)))
        for s in sl.segments:
            digits = "".join(c for c in s.flight_number if c.isdigit())
            parts.append(
                f"{s.marketing_carrier}{int(digits or 0)}{s.origin}{s.destination}"
                f"{s.departure_local.isoformat(timespec='minutes')}"
            )
    parts.append(o.cabin or "")
    parts.append((o.fare_brand or "").lower())
    return "|".join(parts)


def compute_keys(offers: List[FlightOffer]) -> None:
    for o in offers:
        o.dedupe_key = dedupe_key(o)


def dedupe(offers: List[FlightOffer]) -> List[FlightOffer]:
    groups: Dict[str, List[FlightOffer]] = {}
    for o in offers:
        groups.setdefault(o.dedupe_key or "", []).append(o)
    kept = []
    for group in groups.values():
        group.sort(key=lambda x: (x.total_requested_minor, x.supplier, x.offer_id))
        best = group[0]
        best.sellers = [f"{g.supplier_name}:{g.offer_id}" for g in group]
        kept.append(best)
    return kept


def total_duration(o: FlightOffer) -> int:
    return sum(sl.duration_minutes for sl in o.slices)


def max_stops(o: FlightOffer) -> int:
    return max(len(sl.segments) - 1 for sl in o.slices)


def filter_offers(request: SearchRequest, offers: List[FlightOffer]) -> List[FlightOffer]:
    out = []
    for o in offers:
        if request.max_stops is not None and max_stops(o) > request.max_stops:
            continue
        if request.max_price_minor is not None and o.total_requested_minor > request.max_price_minor:
            continue
        if any(
            s.marketing_carrier in request.exclude_airlines for sl in o.slices for s in sl.segments
        ):
            continue
        out.append(o)
    return out


def sort_offers(offers: List[FlightOffer]) -> List[FlightOffer]:
    return sorted(
        offers,
        key=lambda o: (o.total_requested_minor, total_duration(o), max_stops(o), o.offer_id),
    )


def page(request: SearchRequest, offers: List[FlightOffer], received: int, deduped: int) -> str:
    first = offers[: request.limit]
    answer = {
        "counts": {
            "received": received,
            "deduplicated": deduped,
            "matching": len(offers),
            "returned": len(first),
        },
        "offers": [
            dict(
                o.dict(exclude={"dedupe_key"}),
                price=common.format_minor(o.total_requested_minor, request.currency),
                total_duration_minutes=total_duration(o),
            )
            for o in first
        ],
    }
    return json.dumps(answer, default=str)


def handle(request: SearchRequest, payloads: List[Payload]) -> SearchOutput:
    documents = parse(payloads)
    models = validate(payloads, documents)
    offers = normalise(payloads, models)
    received = len(offers)
    offers = route_matches(request, offers)
    enrich_segments(offers)
    offers = enrich_slices(offers)
    enrich_co2(offers)
    offers = convert_prices(request, offers)
    compute_keys(offers)
    unique = dedupe(offers)
    matching = sort_offers(filter_offers(request, unique))
    body = page(request, matching, received, len(unique))
    cheapest = min((o.total_requested_minor for o in unique), default=None)
    return SearchOutput(body, len(unique), cheapest)


if __name__ == "__main__":
    common.main("before: Pydantic models, separate passes", handle)
