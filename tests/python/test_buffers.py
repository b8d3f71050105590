"""Payloads as bytes, bytearray, memoryview (of either, or a slice of a larger buffer) or a
read-only mmap answer the same; a later write to a writable buffer changes no result; a
non-contiguous buffer is refused."""

import mmap

import pytest

import fareflow
import helpers


def _forms(data):
    """Every form of buffer the module takes, holding the bytes `data`."""
    padded = b"#" * 7 + data + b"#" * 9
    return {
        "bytes": data,
        "bytearray": bytearray(data),
        "memoryview_of_bytes": memoryview(data),
        "memoryview_of_bytearray": memoryview(bytearray(data)),
        "memoryview_slice_of_bytes": memoryview(padded)[7:-9],
        "memoryview_slice_of_bytearray": memoryview(bytearray(padded))[7:-9],
    }


def test_every_buffer_form_answers_the_same(round_trip):
    request, payloads = round_trip
    request["limit"] = 0
    expected = fareflow.search(request, payloads).json(timings=False)
    amadeus, duffel = (data for _, data in payloads)
    for (name_a, form_a), (name_d, form_d) in zip(_forms(amadeus).items(),
                                                  _forms(duffel).items()):
        result = fareflow.search(request, [("amadeus", form_a), ("duffel", form_d)])
        assert result.json(timings=False) == expected, (name_a, name_d)
        assert [s["bytes"] for s in result.suppliers] == [len(amadeus), len(duffel)]


def test_writing_to_a_bytearray_after_the_search_changes_nothing(round_trip):
    request, payloads = round_trip
    request["limit"] = 0
    buffers = [(kind, bytearray(data)) for kind, data in payloads]
    views = [(kind, memoryview(bytearray(data))) for kind, data in payloads]
    from_bytearray = fareflow.search(request, buffers)
    from_view = fareflow.search(request, views)
    before = from_bytearray.json(timings=False)
    assert from_view.json(timings=False) == before
    for (_, buffer), (_, view) in zip(buffers, views):
        buffer[:] = b" " * len(buffer)
        view[:] = b"x" * len(view)
    assert from_bytearray.json(timings=False) == before
    assert from_view.json(timings=False) == before
    assert list(from_bytearray) == list(from_view)
    assert from_bytearray.refine(sort="cheapest").json(timings=False) == \
        fareflow.search(request, payloads).refine(sort="cheapest").json(timings=False)


def test_a_writable_buffer_is_not_held_after_the_search(round_trip):
    request, payloads = round_trip
    buffer = bytearray(payloads[0][1])
    result = fareflow.search(request, [("amadeus", buffer)])
    buffer.extend(b"more")  # a bytearray with an exported buffer cannot be resized
    assert result.suppliers[0]["status"] == "ok"


@pytest.mark.parametrize("view", [
    lambda data: memoryview(data)[::2],
    lambda data: memoryview(bytearray(data))[::-1],
], ids=["strided", "reversed"])
def test_a_non_contiguous_buffer_is_refused(round_trip, view):
    request, payloads = round_trip
    with pytest.raises(TypeError):
        fareflow.search(request, [("amadeus", view(payloads[0][1]))])


def test_a_payload_ending_at_the_end_of_a_mapped_page_is_read_safely(round_trip, tmp_path):
    """The parser reads up to 64 bytes past the end of what it parses: a read-only buffer that
    ends at the end of its last mapped page must be copied, not read past (which would crash)."""
    request, payloads = round_trip
    request["limit"] = 0
    expected = fareflow.search(request, payloads).json(timings=False)
    mapped = []
    for kind, data in payloads:
        pad = -len(data) % mmap.PAGESIZE
        path = tmp_path / f"{kind}.json"
        path.write_bytes(b" " * pad + data)  # leading blanks: the same JSON, page-sized file
        with open(path, "rb") as f:
            mapped.append((kind, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)))
    for mm in (m for _, m in mapped):
        assert len(mm) % mmap.PAGESIZE == 0
    result = fareflow.search(request, [(kind, memoryview(m)) for kind, m in mapped])
    assert [s["status"] for s in result.suppliers] == ["ok", "ok"]
    assert [s["bytes"] for s in result.suppliers] == [len(m) for _, m in mapped]
    assert _without_bytes(result.to_dict()) == _without_bytes(
        fareflow.search(request, payloads).to_dict())


def _without_bytes(answer):
    for supplier in answer["suppliers"]:
        del supplier["bytes"]
    return helpers.without_timings(answer)
