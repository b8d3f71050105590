"""A request fareflow would answer with a 400 is fareflow.InvalidRequest naming the JSON pointer
of the value at fault; arguments of the wrong Python type are TypeError."""

from decimal import Decimal

import pytest

import fareflow
import helpers

PAYLOADS = helpers.round_trip_payloads()


def _slice0(**changes):
    request = helpers.round_trip_request()
    request["slices"][0].update(changes)
    return request


@pytest.mark.parametrize("request_,field", [
    (_slice0(origin="QQQ"), "/slices/0/origin"),
    (_slice0(destination=7), "/slices/0/destination"),
    (_slice0(departure_date="2026-02-30"), "/slices/0/departure_date"),
    (_slice0(departure_date="20/12/2026"), "/slices/0/departure_date"),
    (helpers.round_trip_request(passengers={"adults": 0}), "/passengers/adults"),
    (helpers.round_trip_request(sort="sideways"), "/sort"),
    (helpers.round_trip_request(colour="red"), "/colour"),
    (helpers.round_trip_request(slices=[]), "/slices"),
], ids=["bad_origin", "origin_not_a_string", "no_such_date", "date_not_iso", "no_adult",
        "bad_sort", "unknown_field", "no_slices"])
def test_invalid_request_names_the_field(request_, field):
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(request_, PAYLOADS)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.message
    assert str(error) == f"{field}: {error.message}"


@pytest.mark.parametrize("text", [b"{", b"", b"[]", "not json", b'{"slices": [}'])
def test_a_request_that_is_not_a_json_object_is_invalid(text):
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(text, PAYLOADS)
    assert caught.value.field == ""  # the pointer to the whole request
    assert caught.value.message
    assert "JSON" in caught.value.message


def test_unknown_payload_kind_names_its_index():
    payloads = PAYLOADS + [("sabre", b"{}")]
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(helpers.round_trip_request(), payloads)
    assert caught.value.field == "payloads/2/kind"
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(helpers.round_trip_request(), [("duffel", b"{}"), ("AMADEUS", b"{}")])
    assert caught.value.field == "payloads/1/kind"


@pytest.mark.parametrize("currency", ["KPW", "XXX", "EURO", ""])
def test_currency_without_a_rate_is_invalid(currency):
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(helpers.round_trip_request(), PAYLOADS, currency=currency)
    assert caught.value.field == "currency"
    assert currency in caught.value.message or "ISO 4217" in caught.value.message


def test_currency_argument_replaces_the_requests(cli):
    request = helpers.round_trip_request()
    result = fareflow.search(request, PAYLOADS, currency="USD")
    assert result.to_dict()["search"]["currency"] == "USD"
    assert {offer["price"]["currency"] for offer in result} == {"USD"}
    as_request = helpers.round_trip_request(currency="USD")
    assert result.json(timings=False) == fareflow.search(as_request, PAYLOADS).json(
        timings=False)


BAD_FX = pytest.mark.parametrize("fx", [{"USD": "not a number"}, {"USD": -1}, {"U$D": "1.1"},
                                        "USD 1.1 2.2 three", {"USD": float("nan")}])


@BAD_FX
def test_bad_fx_is_invalid(fx):
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(helpers.round_trip_request(), PAYLOADS, fx=fx)
    assert caught.value.field == "fx"


def test_fx_mapping_forms_answer_the_same():
    request = helpers.round_trip_request(currency="USD")
    answers = {fareflow.search(request, PAYLOADS, fx={"USD": rate, "GBP": "0.8571"}).json(
        timings=False) for rate in ("2", Decimal("2"), 2, 2.0)}
    assert len(answers) == 1
    default = fareflow.search(request, PAYLOADS).json(timings=False)
    assert answers != {default}


@pytest.mark.parametrize("call", [
    lambda: fareflow.search(42, PAYLOADS),
    lambda: fareflow.search(None, PAYLOADS),
    lambda: fareflow.search(helpers.round_trip_request(), 42),
    lambda: fareflow.search(helpers.round_trip_request(), [("amadeus",)]),
    lambda: fareflow.search(helpers.round_trip_request(), [("amadeus", b"{}", b"{}")]),
    lambda: fareflow.search(helpers.round_trip_request(), ["amadeus"]),
    lambda: fareflow.search(helpers.round_trip_request(), [("amadeus", "{}")]),
    lambda: fareflow.search(helpers.round_trip_request(), [("amadeus", 42)]),
    lambda: fareflow.search(helpers.round_trip_request(), [("amadeus", None)]),
    lambda: fareflow.search(helpers.round_trip_request(), [(b"amadeus", b"{}")]),
    lambda: fareflow.search(helpers.round_trip_request(), PAYLOADS, currency=840),
], ids=["request_int", "request_none", "payloads_int", "pair_too_short", "triple",
        "not_a_pair", "data_str", "data_int", "data_none", "kind_bytes", "currency_int"])
def test_wrong_python_types_are_type_errors(call):
    with pytest.raises(TypeError):
        call()


def test_fx_rates_replace_the_snapshot_so_a_currency_only_they_have_is_accepted():
    fx = {"KPW": "1300", "GBP": "0.8571", "USD": "1.0823"}
    result = fareflow.search(helpers.round_trip_request(), PAYLOADS, currency="KPW", fx=fx)
    assert {offer["price"]["currency"] for offer in result} == {"KPW"}


def test_more_payloads_than_a_search_reads_are_refused():
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(helpers.round_trip_request(), [("duffel", b"{}")] * 1025)
    assert caught.value.field == "payloads"
    answer = fareflow.search(helpers.round_trip_request(), [("duffel", b"{}")] * 1024)
    assert len(answer.suppliers) == 1024
    assert answer.suppliers[-1]["name"] == "duffel-1024"
