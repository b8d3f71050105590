"""Every supplier status a payload in memory can produce, reported as in the v1 answer (never as
an exception), with `partial` true exactly when a supplier is not ok; and each answer equal to
the one `fareflow search` gives for the same payload written to a file."""

import json

import pytest

import fareflow
import helpers

AMADEUS = (helpers.ROUND_TRIP_DIR / "amadeus.json").read_bytes()
DUFFEL = (helpers.ROUND_TRIP_DIR / "duffel.json").read_bytes()
AMADEUS_ERROR = json.dumps({"errors": [{
    "status": 400, "code": 477, "title": "INVALID FORMAT", "detail": "bad date",
    "source": {"parameter": "departureDate"}}]}).encode()


def _amadeus_dropping_two():
    data = json.loads(AMADEUS)
    del data["data"][0]["price"]  # missing_field
    data["data"][1]["itineraries"][0]["segments"][0]["departure"]["iataCode"] = "QQQ"
    return json.dumps(data).encode()


def _duffel_dropping_one():
    data = json.loads(DUFFEL)
    del data["data"]["offers"][0]["total_amount"]  # missing_field
    return json.dumps(data).encode()


# (id, kind, payload, status, what `error` starts with (None: no error), offers kept)
CASES = [
    ("amadeus_ok", "amadeus", AMADEUS, "ok", None, 12),
    ("duffel_ok", "duffel", DUFFEL, "ok", None, 8),
    ("amadeus_offers_dropped", "amadeus", _amadeus_dropping_two(), "ok", None, 10),
    ("duffel_offer_dropped", "duffel", _duffel_dropping_one(), "ok", None, 7),
    ("amadeus_no_offers", "amadeus", b'{"data":[]}', "ok", None, 0),
    ("duffel_no_offers", "duffel", b'{"data":{"offers":[]}}', "ok", None, 0),
    ("amadeus_truncated", "amadeus", AMADEUS[: len(AMADEUS) // 2], "malformed", "amadeus", 0),
    ("duffel_truncated", "duffel", DUFFEL[: len(DUFFEL) // 2], "malformed", "duffel", 0),
    ("amadeus_not_json", "amadeus", b"garbage", "malformed", "amadeus payload", 0),
    ("duffel_not_json", "duffel", b"garbage", "malformed", "duffel response", 0),
    ("amadeus_empty", "amadeus", b"", "malformed", "amadeus payload is not valid JSON", 0),
    ("duffel_empty", "duffel", b"", "malformed", "duffel response is not valid JSON", 0),
    ("amadeus_top_level_array", "amadeus", b"[1,2]", "malformed", "amadeus payload", 0),
    ("amadeus_error_envelope", "amadeus", AMADEUS_ERROR, "malformed",
     "amadeus error 477 INVALID FORMAT: bad date", 0),
    ("amadeus_given_a_duffel_answer", "amadeus", DUFFEL, "malformed", "amadeus payload", 0),
    ("duffel_given_an_amadeus_answer", "duffel", AMADEUS, "ok", None, 0),  # offers dropped
] + [
    (f"duffel_{path.stem}", "duffel", path.read_bytes(), "malformed", "duffel ", 0)
    for path in sorted(helpers.DUFFEL_ERRORS_DIR.glob("*.json"))
]


@pytest.mark.parametrize("kind,payload,status,error,kept", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_supplier_status(kind, payload, status, error, kept, cli):
    request = helpers.round_trip_request()
    result = fareflow.search(request, [(kind, payload)])
    (supplier,) = result.suppliers
    assert supplier["name"] == f"{kind}-1"
    assert supplier["kind"] == kind
    assert supplier["status"] == status
    assert supplier["bytes"] == len(payload)
    assert supplier["offers_kept"] == kept
    if error is None:
        assert "error" not in supplier
    else:
        assert supplier["error"].startswith(error), supplier["error"]
    assert result.partial is (status != "ok")
    assert result.counts["deduplicated"] <= kept
    assert result.json(timings=False) + b"\n" == cli(request, [(kind, payload)])


def test_offers_dropped_are_counted_by_reason():
    result = fareflow.search(helpers.round_trip_request(),
                             [("amadeus", _amadeus_dropping_two())])
    (supplier,) = result.suppliers
    assert supplier["offers_dropped"] == {"missing_field": 1, "route_mismatch": 1}
    assert result.counts["received"] == 12
    assert result.counts["dropped"] == 2
    assert not result.partial


def test_a_failed_supplier_makes_the_answer_partial_and_the_others_still_answer(cli):
    request = helpers.round_trip_request(limit=0)
    payloads = [("amadeus", AMADEUS), ("duffel", DUFFEL[:1000]), ("amadeus", b"garbage")]
    result = fareflow.search(request, payloads)
    assert result.partial is True
    assert [(s["name"], s["status"]) for s in result.suppliers] == [
        ("amadeus-1", "ok"), ("duffel-1", "malformed"), ("amadeus-2", "malformed")]
    alone = fareflow.search(request, [("amadeus", AMADEUS)])
    assert alone.partial is False
    assert helpers.offer_ids(result) == helpers.offer_ids(alone)
    assert len(result) == 12
    assert result.json(timings=False) + b"\n" == cli(request, payloads)


def test_suppliers_are_named_by_kind_and_order():
    payloads = [("duffel", DUFFEL), ("amadeus", AMADEUS), ("amadeus", AMADEUS),
                ("duffel", DUFFEL)]
    result = fareflow.search(helpers.round_trip_request(), payloads)
    assert [s["name"] for s in result.suppliers] == [
        "duffel-1", "amadeus-1", "amadeus-2", "duffel-2"]
    assert all(s["status"] == "ok" for s in result.suppliers)
    assert result.counts["received"] == 40
