"""Result.refine: the stored-search refine in process (sort, limit, cursor paging, filters that
replace the search's), its errors naming the parameter; and a Result's accessors agreeing with
its JSON."""

import json
from decimal import Decimal

import pytest

import fareflow
import helpers

SORTS = ["best", "cheapest", "fastest", "earliest_departure", "latest_arrival"]
FILTERED = next(c for c in helpers.golden_cases() if c.name == "filters_cheapest_whole_set")


@pytest.fixture
def everything(round_trip):
    """The round trip with every offer on one page."""
    request, payloads = round_trip
    request["limit"] = 0
    return fareflow.search(request, payloads)


@pytest.mark.parametrize("sort", SORTS)
def test_refine_sort_orders_as_a_search_with_that_sort(everything, round_trip, sort):
    request, payloads = round_trip
    searched = fareflow.search({**request, "sort": sort, "limit": 0}, payloads)
    refined = everything.refine(sort=sort)
    assert helpers.offer_ids(refined) == helpers.offer_ids(searched)
    assert refined.counts == searched.counts


def test_sorts_differ(everything):
    assert len({tuple(helpers.offer_ids(everything.refine(sort=s))) for s in SORTS}) >= 3


@pytest.mark.parametrize("limit", [1, 3, 5, 11, 12, 13, 0])
def test_refine_limit_cuts_the_page(everything, limit):
    refined = everything.refine(limit=limit)
    returned = 12 if limit in (0, 12, 13) else limit
    assert len(refined) == returned
    assert refined.counts["returned"] == returned
    assert refined.page["limit"] == limit
    assert helpers.offer_ids(refined) == helpers.offer_ids(everything)[:returned]
    assert (refined.page["next_cursor"] is None) == (limit == 0 or limit >= 12)


def _pages(result, **query):
    """Every page from `result` on, following next_cursor with the same query."""
    pages = [result]
    while pages[-1].page["next_cursor"] is not None:
        assert len(pages) < 1000, "cursors do not end"
        pages.append(result.refine(cursor=pages[-1].page["next_cursor"], **query))
    return pages


@pytest.mark.parametrize("sort,limit", [("best", 5), ("cheapest", 1), ("fastest", 7)])
def test_cursor_paging_walks_the_whole_set_once(everything, sort, limit):
    first = everything.refine(sort=sort, limit=limit)
    pages = _pages(first, sort=sort, limit=limit)
    walked = [offer_id for page in pages for offer_id in helpers.offer_ids(page)]
    assert walked == helpers.offer_ids(everything.refine(sort=sort, limit=0))
    assert len(set(walked)) == len(walked) == 12
    assert [p.page["offset"] for p in pages] == list(range(0, 12, limit))


def test_the_searchs_own_cursor_pages_it(round_trip):
    request, payloads = round_trip  # limit 5, sort best
    result = fareflow.search(request, payloads)
    second = result.refine(cursor=result.page["next_cursor"])
    everything = result.refine(limit=0)
    assert helpers.offer_ids(second) == helpers.offer_ids(everything)[5:10]
    assert second.page["offset"] == 5


def test_cursor_paging_over_the_builtin_supplier():
    result = fareflow.search(helpers.future_request(sort="cheapest", limit=250))
    pages = _pages(result)
    walked = [offer_id for page in pages for offer_id in helpers.offer_ids(page)]
    assert len(pages) > 2
    assert walked == helpers.offer_ids(result.refine(limit=0))
    assert len(set(walked)) == len(walked) == result.counts["matching"]


def test_a_cursor_of_another_query_is_invalid(everything):
    cursor = everything.refine(sort="cheapest", limit=2).page["next_cursor"]
    with pytest.raises(fareflow.InvalidRequest) as caught:
        everything.refine(sort="fastest", limit=2, cursor=cursor)
    assert caught.value.field == "cursor"


@pytest.fixture(scope="module")
def builtin():
    """The built-in supplier's 2,000 offers on one page, and the request that found them: Madrid
    to Los Angeles, whose offers have 0, 1 and 2 stops."""
    request = helpers.future_request(origin="MAD", destination="LAX", limit=0)
    return request, fareflow.search(request)


def _median(values):
    values = sorted(values)
    return values[len(values) // 2]


def _filters(offers):
    """(refine keywords, the request filters meaning the same), with bounds taken from the
    offers so that each keeps some of them and not all."""
    price = _median(Decimal(o["price"]["amount"]) for o in offers).quantize(Decimal(1))
    duration = _median(max(s["duration_minutes"] for s in o["slices"]) for o in offers)
    co2 = int(_median(o["co2_kg_per_passenger"] for o in offers))
    carriers = sorted({o["validating_carrier"]["code"] for o in offers})[:3]
    return [
        ({"max_stops": 0}, {"max_stops": 0}),
        ({"max_stops": 0, "checked_bag": False}, {"max_stops": 0}),
        ({"airlines": carriers}, {"include_airlines": carriers}),
        ({"airlines": ",".join(carriers)}, {"include_airlines": carriers}),
        ({"exclude_airlines": carriers[0]}, {"exclude_airlines": carriers[:1]}),
        ({"alliances": ["oneworld"]}, {"include_alliances": ["oneworld"]}),
        ({"exclude_alliances": "star_alliance,skyteam"},
         {"exclude_alliances": ["star_alliance", "skyteam"]}),
        ({"max_price": f"{price}.00"}, {"max_price": f"{price}.00"}),
        ({"max_price": price}, {"max_price": f"{price}.00"}),
        ({"max_price": int(price)}, {"max_price": f"{price}.00"}),
        ({"max_price": float(price)}, {"max_price": f"{price}.00"}),
        ({"checked_bag": True}, {"checked_bag_included": True}),
        ({"max_duration": duration}, {"max_duration_minutes": duration}),
        ({"max_co2_kg": co2}, {"max_co2_kg": co2}),
        ({"departure_window": "0:06:00-12:00"},
         {"slices": [{"departure_window": {"from": "06:00", "to": "12:00"}}]}),
        ({"departure_window": ["0:18:00-10:00", "1:00:00-14:00"],
          "arrival_window": "0:12:00-23:59"},
         {"slices": [{"departure_window": {"from": "18:00", "to": "10:00"},
                      "arrival_window": {"from": "12:00", "to": "23:59"}},
                     {"departure_window": {"from": "00:00", "to": "14:00"}}]}),
        ({"min_layover": 120, "max_layover": 300},
         {"min_layover_minutes": 120, "max_layover_minutes": 300}),
        ({"max_duration": duration, "exclude_airlines": [carriers[0]], "checked_bag": True},
         {"max_duration_minutes": duration, "exclude_airlines": carriers[:1],
          "checked_bag_included": True}),
    ]


FILTER_CASES = range(18)


@pytest.mark.parametrize("case", FILTER_CASES)
def test_refine_filters_match_the_request_filters(builtin, case):
    request, everything = builtin
    query, filters = _filters(list(everything))[case]
    searched = fareflow.search({**request, "filters": filters})
    refined = everything.refine(**query)
    assert 0 < refined.counts["matching"] < everything.counts["matching"], query
    assert helpers.offer_ids(refined) == helpers.offer_ids(searched), query
    assert refined.counts == searched.counts
    assert refined.facets == searched.facets


def test_every_filter_case_is_run(builtin):
    assert len(_filters(list(builtin[1]))) == len(FILTER_CASES)


def test_filters_given_replace_the_searchs_and_none_keep_them():
    result = fareflow.search(FILTERED.request, FILTERED.payloads)
    kept = result.refine(sort="fastest")
    assert kept.counts["matching"] == result.counts["matching"] == 4
    assert sorted(helpers.offer_ids(kept)) == sorted(helpers.offer_ids(result))
    replaced = result.refine(max_stops=3)  # the search's checked-bag, airline, window filters go
    assert replaced.counts["matching"] == 12
    request = json.loads(FILTERED.request)
    del request["filters"]
    unfiltered = fareflow.search(request, FILTERED.payloads)
    assert helpers.offer_ids(replaced) == helpers.offer_ids(unfiltered)
    assert replaced.refine().counts["matching"] == 12  # a refine's filters are its own


@pytest.mark.parametrize("query,field", [
    ({"sort": "sideways"}, "sort"),
    ({"limit": -1}, "limit"),
    ({"limit": 100001}, "limit"),
    ({"cursor": "garbage"}, "cursor"),
    ({"max_stops": 9}, "max_stops"),
    ({"max_stops": -1}, "max_stops"),
    ({"max_connections": 4}, "max_connections"),
    ({"airlines": ["B"]}, "airlines"),
    ({"exclude_airlines": "B,,"}, "exclude_airlines"),
    ({"alliances": "nope"}, "alliances"),
    ({"max_price": "abc"}, "max_price"),
    ({"max_price": -5}, "max_price"),
    ({"max_price": float("nan")}, "max_price"),
    ({"limit": True}, "limit"),
    ({"checked_bag": "yes"}, "checked_bag"),
    ({"departure_window": "5:06:00-12:00"}, "departure_window"),
    ({"arrival_window": "0:25:00-12:00"}, "arrival_window"),
    ({"max_duration": -1}, "max_duration"),
    ({"colour": "red"}, "colour"),
], ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={x!r}" for k, x in v.items()))
def test_a_bad_refine_parameter_is_invalid_and_named(everything, query, field):
    with pytest.raises(fareflow.InvalidRequest) as caught:
        everything.refine(**query)
    assert caught.value.field == field
    assert str(caught.value) == f"{field}: {caught.value.message}"


def test_iteration_and_len_are_the_page(round_trip):
    request, payloads = round_trip
    for limit in (0, 1, 5):
        result = fareflow.search({**request, "limit": limit}, payloads)
        offers = list(result)
        assert len(result) == len(offers) == result.counts["returned"]
        assert offers == result.to_dict()["offers"] == json.loads(result.json())["offers"]
        assert list(result) == offers  # iterating again starts again


def test_accessors_agree_with_the_json(round_trip):
    request, payloads = round_trip
    payloads.append(("duffel", b"{"))
    result = fareflow.search(request, payloads)
    answer = json.loads(result.json())
    assert "timings_ms" in answer
    assert "timings_ms" not in json.loads(result.json(timings=False))
    assert result.json(timings=False) == result.json(timings=False)
    assert helpers.without_timings(result.to_dict()) == helpers.without_timings(answer)
    assert result.counts == answer["counts"]
    assert [{k: v for k, v in s.items() if k != "ms"} for s in result.suppliers] == \
        [{k: v for k, v in s.items() if k != "ms"} for s in answer["suppliers"]]
    assert result.facets == answer["facets"]
    assert result.highlights == answer["highlights"]
    assert result.page == answer["page"]
    assert result.partial is answer["partial"] is True
    assert result.highlights["cheapest"]["id"] == helpers.offer_ids(
        result.refine(sort="cheapest", limit=1))[0]


def test_what_a_caller_changes_in_a_part_of_the_answer_does_not_change_later_reads(round_trip):
    result = fareflow.search(*round_trip)
    suppliers = result.suppliers
    suppliers[0]["cache"]["source"] = "changed"
    suppliers[0]["offers_dropped"]["changed"] = 1
    facets = result.facets
    facets.clear()
    assert result.suppliers == result.to_dict()["suppliers"]
    assert result.facets == result.to_dict()["facets"]
