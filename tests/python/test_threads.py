"""16 Python threads searching at once, and refining or iterating one shared Result at once,
answer exactly what the same calls answer one after another."""

import threading

import fareflow
import helpers

THREADS = 16
SORTS = ["best", "cheapest", "fastest", "earliest_departure", "latest_arrival"]
CURRENCIES = ["EUR", "GBP", "USD"]


def _run_at_once(calls):
    """Runs every call on its own thread, all released together; returns their answers in
    order, or raises the first exception one of them raised."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)
    errors = []

    def run(i, call):
        try:
            barrier.wait()
            answers[i] = call()
        except BaseException as e:  # re-raised below, on the test's thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a thread did not finish in 120 s"
    if errors:
        raise errors[0]
    return answers


def _search_call(i):
    request = helpers.round_trip_request(sort=SORTS[i % len(SORTS)], limit=i % 7)
    payloads = helpers.round_trip_payloads()
    if i % 4 == 3:
        payloads = payloads[:1] + [("duffel", payloads[1][1][:5000])]  # malformed: partial
    currency = CURRENCIES[i % len(CURRENCIES)]
    return lambda: fareflow.search(request, payloads, currency=currency).json(timings=False)


def test_sixteen_threads_searching_at_once_answer_as_serially():
    calls = [_search_call(i) for i in range(THREADS)]
    serial = [call() for call in calls]
    assert len(set(serial)) > 8  # the calls differ, so a mixed-up answer is seen
    for _ in range(3):
        assert _run_at_once(calls) == serial


def _refine_call(result, i):
    kwargs = {"sort": SORTS[i % len(SORTS)], "limit": i % 5}
    if i % 3 == 1:
        kwargs["max_stops"] = 0
    if i % 3 == 2:
        kwargs["airlines"] = ["BA", "AA", "UA", "DL"]
    return lambda: result.refine(**kwargs).json(timings=False)


def test_sixteen_threads_refining_one_result_at_once_answer_as_serially(round_trip):
    request, payloads = round_trip
    shared = fareflow.search(request, payloads)
    calls = [_refine_call(shared, i) for i in range(THREADS)]
    serial = [call() for call in calls]
    assert len(set(serial)) > 8
    for _ in range(3):
        assert _run_at_once(calls) == serial


def test_sixteen_threads_reading_one_result_at_once_read_the_same(round_trip):
    request, payloads = round_trip
    request["limit"] = 0
    shared = fareflow.search(request, payloads)

    def read():
        return (list(shared), len(shared), shared.to_dict(), shared.counts, shared.suppliers,
                shared.facets, shared.json(timings=False))

    serial = read()
    assert _run_at_once([read] * THREADS) == [serial] * THREADS
