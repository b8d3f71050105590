"""The golden cases of tests/golden/ answer from Python byte for byte what `fareflow search
--no-timings` answers (tests/app/golden_test.cc), whichever form the request takes."""

import json

import pytest

import fareflow
import helpers

CASES = helpers.golden_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_answer_is_byte_identical(case):
    result = fareflow.search(case.request, case.payloads, **case.kwargs)
    assert result.json(timings=False) + b"\n" == case.expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_request_as_dict_str_or_bytes_answers_the_same(case):
    as_dict = json.loads(case.request)
    for request in (as_dict, case.request.decode(), case.request):
        result = fareflow.search(request, case.payloads, **case.kwargs)
        assert result.json(timings=False) + b"\n" == case.expected, type(request)


def test_there_are_golden_cases():
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_request_for_the_compact_form_answers_the_same_offers_compact(case):
    request = json.loads(case.request)
    request["answer_form"] = "compact"
    result = fareflow.search(request, case.payloads, **case.kwargs)
    compact = json.loads(result.json(timings=False))
    expected = json.loads(case.expected)
    assert set(compact["dictionaries"]) == {"locations", "carriers", "aircraft", "itineraries"}
    rebuilt = helpers.rebuild_full_offers(compact)
    assert [json.dumps(o) for o in rebuilt] == [json.dumps(o) for o in expected["offers"]]
    del compact["dictionaries"], compact["offers"], expected["offers"]
    assert compact == expected
