"""A Result outlives the request, the payloads and the Result it was refined from; it holds the
payloads it parsed in place until it is collected, and no longer."""

import gc
import sys

import fareflow
import helpers


def _search_and_forget():
    request = helpers.round_trip_request(limit=0)
    payloads = helpers.round_trip_payloads()
    views = [("amadeus", memoryview(payloads[0][1])), ("duffel", bytearray(payloads[1][1]))]
    result = fareflow.search(request, views)
    del request, payloads, views
    gc.collect()
    return result


def test_a_result_outlives_its_request_and_payloads(round_trip):
    request, payloads = round_trip
    request["limit"] = 0
    expected = fareflow.search(request, payloads)
    result = _search_and_forget()
    gc.collect()
    assert result.json(timings=False) == expected.json(timings=False)
    assert list(result) == list(expected)
    assert helpers.without_timings(result.to_dict()) == \
        helpers.without_timings(expected.to_dict())
    assert result.refine(sort="cheapest", limit=3).json(timings=False) == \
        expected.refine(sort="cheapest", limit=3).json(timings=False)


def test_refined_results_outlive_their_parent(round_trip):
    request, payloads = round_trip
    expected = fareflow.search(request, payloads)
    want_first = expected.refine(sort="fastest", limit=4)
    want_second = want_first.refine(sort="cheapest", max_stops=0)
    parent = _search_and_forget()
    first = parent.refine(sort="fastest", limit=4)
    del parent
    gc.collect()
    second = first.refine(sort="cheapest", max_stops=0)
    del first
    gc.collect()
    assert second.json(timings=False) == want_second.json(timings=False)
    assert list(second) == list(want_second)
    third = second.refine(sort="fastest", limit=4)
    del second
    gc.collect()
    assert third.json(timings=False) == want_second.refine(sort="fastest", limit=4).json(
        timings=False)


def test_an_iterator_outlives_its_result(round_trip):
    request, payloads = round_trip
    request["limit"] = 0
    expected = list(fareflow.search(request, payloads))
    offers = iter(_search_and_forget())
    gc.collect()
    assert list(offers) == expected


def test_the_payloads_are_released_with_the_last_result(round_trip):
    request, payloads = round_trip
    data = [bytes(bytearray(d)) for _, d in payloads]  # objects no one else refers to
    baseline = [sys.getrefcount(d) for d in data]
    for _ in range(3):
        result = fareflow.search(request, [("amadeus", data[0]), ("duffel", memoryview(data[1]))])
        refined = result.refine(sort="cheapest")
        offers = list(refined)
        del result
        gc.collect()
        assert refined.counts["returned"] == len(offers)
        del refined, offers
        gc.collect()
        assert [sys.getrefcount(d) for d in data] == baseline


def test_read_only_payloads_are_held_not_copied(round_trip):
    """bytes are parsed in place, so the Result refers to them (but for the rare buffer ending
    too near a page's end, which is copied: at least 4 of 8 are held whatever their addresses)."""
    request, payloads = round_trip
    data = [bytes(bytearray(payloads[0][1])) for _ in range(8)]
    baseline = [sys.getrefcount(d) for d in data]
    result = fareflow.search(request, [("amadeus", d) for d in data])
    held = sum(sys.getrefcount(d) > b for d, b in zip(data, baseline))
    assert held >= 4
    del result
    gc.collect()
    assert [sys.getrefcount(d) for d in data] == baseline
