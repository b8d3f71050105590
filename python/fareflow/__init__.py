"""fareflow: flight search over supplier answers you already have (docs/python.md).

    import fareflow
    result = fareflow.search(request, [("amadeus", amadeus_bytes), ("duffel", duffel_bytes)])
    body = result.json()            # the v1 answer, as bytes
    cheapest = next(iter(result.refine(sort="cheapest", limit=1)))

The work is done by the same C++ library as the `fareflow` binary, without the GIL; this layer
only turns Python values into what it takes and its answers into Python values.
"""

from __future__ import annotations

import copy as _copy
import datetime as _dt
import decimal as _decimal
import json as _json
import os as _os
import re as _re
from typing import Any, Iterator, Mapping, Optional, Sequence, Tuple, Union

from . import _fareflow

__all__ = ["InvalidRequest", "Result", "search", "set_cursor_key", "__version__"]
__version__: str = _fareflow.__version__

Buffer = Union[bytes, bytearray, memoryview]


class InvalidRequest(ValueError):
    """A request fareflow would answer with a 400: `field` is the JSON pointer of the value at
    fault ("/slices/0/origin"), or the refine parameter's name ("max_stops")."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message
        self.field = field


_fareflow._init(InvalidRequest)


class Result:
    """One search's answer (docs/python.md). Immutable and thread-safe; it keeps the search's
    offers, and the payload buffers parsed in place, until the last Result of the search is
    collected."""

    __slots__ = ("_answer", "_summary")

    def __init__(self, answer: Any) -> None:
        self._answer = answer
        self._summary: Optional[dict] = None

    def json(self, *, timings: bool = True) -> bytes:
        """The v1 answer's JSON; `timings=False` leaves timings_ms out."""
        return self._answer.json(timings, True)

    def to_dict(self) -> dict:
        """The v1 answer as Python objects."""
        return _json.loads(self._answer.json(True, True))

    def _head(self) -> dict:
        # The answer without its offers, read once: counts, suppliers, facets, highlights, page.
        if self._summary is None:
            self._summary = _json.loads(self._answer.json(True, False))
        return self._summary

    def _part(self, name: str) -> Any:
        # A copy, so that what a caller changes does not change later reads.
        return _copy.deepcopy(self._head()[name])

    @property
    def counts(self) -> dict:
        return self._part("counts")

    @property
    def suppliers(self) -> list:
        return self._part("suppliers")

    @property
    def facets(self) -> dict:
        return self._part("facets")

    @property
    def highlights(self) -> dict:
        return self._part("highlights")

    @property
    def page(self) -> dict:
        return self._part("page")

    @property
    def partial(self) -> bool:
        return bool(self._head()["partial"])

    def __len__(self) -> int:
        return self._answer.page_size()

    def __iter__(self) -> Iterator[dict]:
        """The offers of the page, each built as a dict when it is reached."""
        answer = self._answer
        for i in range(answer.page_size()):
            yield _json.loads(answer.offer_json(i))

    def refine(
        self,
        *,
        sort: Optional[str] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        **filters: Any,
    ) -> "Result":
        """A new answer over the same offers with the parameters of
        GET /v1/searches/{id}/offers, without parsing again. Relative to this answer: its sort
        and filters apply unless given (filters given replace all of them)."""
        params: list[Tuple[str, str]] = []
        if sort is not None:
            params.append(("sort", _text("sort", sort)))
        if limit is not None:
            params.append(("limit", _text("limit", limit)))
        if cursor is not None:
            params.append(("cursor", _text("cursor", cursor)))
        for name, value in filters.items():
            if value is None:
                continue
            if name in _REPEATED and isinstance(value, (list, tuple)):
                params.extend((name, _text(name, v)) for v in value)
            else:
                params.append((name, _text(name, value)))
        return Result(self._answer.refine(params))

    def __repr__(self) -> str:
        c = self.counts
        return (f"<fareflow.Result {c['returned']} of {c['matching']} matching offers, "
                f"{c['deduplicated']} deduplicated>")


# Refine parameters given once per slice rather than as one comma list.
_REPEATED = frozenset({"departure_window", "arrival_window"})


def _text(name: str, value: Any) -> str:
    """A refine parameter's value as its query string form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str, _decimal.Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(_text(name, v) for v in value)
    raise InvalidRequest(f"has a value of type {type(value).__name__}", name)


def _request_bytes(request: Union[Mapping[str, Any], str, bytes], currency: Optional[str]) -> bytes:
    if currency is not None:
        if not isinstance(currency, str):
            raise TypeError("currency must be a str")
        if not isinstance(request, Mapping):
            try:
                request = _json.loads(request)
            except (ValueError, TypeError):
                currency = None  # the native decoder names what is wrong with the request
        if currency is not None and isinstance(request, Mapping):
            request = {**request, "currency": currency}
    if isinstance(request, Mapping):
        return _json.dumps(request, default=_json_default).encode()
    if isinstance(request, str):
        return request.encode()
    if isinstance(request, (bytes, bytearray, memoryview)):
        return bytes(request)
    raise TypeError("request must be a dict, str or bytes of the v1 search request")


def _json_default(value: Any) -> Any:
    if isinstance(value, _decimal.Decimal):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _fx_text(fx: Union[None, Mapping[str, Any], str, "_os.PathLike[str]"]) -> Optional[str]:
    """Exchange rates as the text of a rates file (`fareflow search --fx-file`)."""
    if fx is None:
        return None
    if isinstance(fx, _os.PathLike):
        with open(fx, encoding="utf-8") as f:
            return f.read()
    if isinstance(fx, str):
        return fx
    if isinstance(fx, Mapping):
        lines = [f"as_of {_dt.date.today().isoformat()}"]
        for code, rate in fx.items():
            if not isinstance(code, str) or not _CURRENCY.fullmatch(code):
                raise InvalidRequest(f"{code!r} is not an ISO 4217 currency code", "fx")
            text = _rate_text(rate)
            if text is None:
                raise InvalidRequest(f"the rate of {code} is not a positive decimal number", "fx")
            lines.append(f"{code} {text}")
        return "\n".join(lines) + "\n"
    raise TypeError("fx must be a mapping of currency to rate per EUR, a rates file's text or path")


_CURRENCY = _re.compile(r"[A-Z]{3}")
_DECIMAL = _re.compile(r"[0-9]+(\.[0-9]+)?")


def _rate_text(rate: Any) -> Optional[str]:
    """A rate of an fx mapping as a rates file writes it, or None when it is not a positive
    decimal number."""
    if isinstance(rate, bool):
        return None
    if isinstance(rate, float):
        if not (rate > 0 and rate != float("inf")):
            return None
        text = format(_decimal.Decimal(repr(rate)), "f")
    elif isinstance(rate, (int, _decimal.Decimal)):
        text = format(_decimal.Decimal(rate), "f") if rate > 0 else ""
    elif isinstance(rate, str):
        text = rate.strip()
    else:
        return None
    return text if _DECIMAL.fullmatch(text) else None


def search(
    request: Union[Mapping[str, Any], str, bytes],
    payloads: Optional[Sequence[Tuple[str, Buffer]]] = None,
    *,
    currency: Optional[str] = None,
    fx: Union[None, Mapping[str, Any], str, "_os.PathLike[str]"] = None,
) -> Result:
    """Searches `payloads`, the supplier answers as (kind, data) pairs with kind "amadeus" or
    "duffel", for the v1 `request`; with no payloads, asks the built-in supplier. Raises
    InvalidRequest for a request fareflow would answer 400; a supplier answer that does not
    parse is its status in the result, not an exception."""
    body = _request_bytes(request, currency)
    try:
        return Result(_fareflow.search(body, [] if payloads is None else payloads, _fx_text(fx)))
    except InvalidRequest as e:
        if currency is not None and e.field == "/currency":
            # The argument replaced the request's currency: it is the value at fault.
            raise InvalidRequest(e.message, "currency") from None
        raise


def set_cursor_key(key: str) -> None:
    """Signs page cursors with `key` (hex or base64 of 32 to 64 bytes) instead of the public key
    `fareflow search` uses. Once, before the first search."""
    _fareflow.set_cursor_key(key)
