"""With no payloads the search asks the built-in supplier, as `fareflow search` without
--payload does; its dates must then not be in the past."""

import datetime
import json

import pytest

import fareflow
import helpers


@pytest.mark.parametrize("payloads", [None, []], ids=["none", "empty_list"])
def test_no_payloads_ask_the_builtin_supplier(payloads):
    result = fareflow.search(helpers.future_request(limit=10), payloads)
    (supplier,) = result.suppliers
    assert supplier["status"] == "ok"
    assert supplier["offers_received"] == result.counts["received"] == 2000
    assert result.partial is False
    assert len(result) == 10
    assert all(offer["slices"][0]["origin"]["city"] == "London" for offer in result)


def test_builtin_answer_is_the_command_lines(cli):
    request = helpers.future_request(sort="cheapest", limit=20)
    result = fareflow.search(request)
    assert result.json(timings=False) + b"\n" == cli(request, [])
    assert json.loads(result.json())["suppliers"][0]["name"] == \
        json.loads(cli(request, []))["suppliers"][0]["name"]


def test_builtin_search_is_the_same_every_time():
    request = helpers.future_request(days=100, nights=3, limit=0)
    assert fareflow.search(request).json(timings=False) == \
        fareflow.search(json.dumps(request)).json(timings=False)


def test_a_date_in_the_past_is_invalid_for_the_builtin_supplier():
    request = helpers.future_request()
    yesterday = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)
    request["slices"][0]["departure_date"] = yesterday.isoformat()
    with pytest.raises(fareflow.InvalidRequest) as caught:
        fareflow.search(request)
    assert caught.value.field == "/slices/0/departure_date"
    # recorded payloads may be of any date
    assert fareflow.search(request, helpers.round_trip_payloads()).suppliers[0]["status"] == "ok"
