"""What the tests of the Python module share: the repository's golden cases and recorded payloads,
requests, and the `fareflow search` command line to compare answers with.

Paths come from the environment ctest sets (tests/CMakeLists.txt): FAREFLOW_SOURCE_DIR and
FAREFLOW_BINARY; run by hand, the source tree is the one this file is in and the binary
`<source>/build/fareflow`.
"""

import datetime
import json
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("FAREFLOW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GOLDEN_DIR = SOURCE_DIR / "tests" / "golden"
ROUND_TRIP_DIR = GOLDEN_DIR / "round_trip_two_suppliers"
DUFFEL_ERRORS_DIR = SOURCE_DIR / "tests" / "fixtures" / "duffel" / "ruby-fixtures" / "errors"
FAREFLOW_BINARY = Path(os.environ.get("FAREFLOW_BINARY", SOURCE_DIR / "build" / "fareflow"))


class GoldenCase:
    """One folder of tests/golden/ as tests/app/golden_test.cc reads it: request.json,
    payloads.txt (KIND:FILE a line, FILE relative to the folder), args.txt (more command-line
    arguments, optional) and expected.json (the answer of `fareflow search --no-timings`)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.name = self.folder.name
        self.request = (self.folder / "request.json").read_bytes()
        self.payloads = []
        for line in (self.folder / "payloads.txt").read_text().splitlines():
            if line:
                kind, _, file = line.partition(":")
                self.payloads.append((kind, (self.folder / file).read_bytes()))
        self.expected = (self.folder / "expected.json").read_bytes()
        args_file = self.folder / "args.txt"
        self.kwargs = search_kwargs(args_file.read_text() if args_file.exists() else "")


def search_kwargs(args):
    """The keyword arguments of fareflow.search that mean what a golden case's args.txt asks of
    `fareflow search`. An argument without a Python counterpart fails the case rather than being
    ignored."""
    kwargs = {}
    words = shlex.split(args)
    while words:
        flag = words.pop(0)
        if flag == "--currency" and words:
            kwargs["currency"] = words.pop(0)
        elif flag == "--fx-file" and words:
            kwargs["fx"] = Path(words.pop(0))
        else:
            raise AssertionError(f"args.txt: {flag} has no fareflow.search counterpart here")
    return kwargs


def golden_cases():
    return [GoldenCase(d) for d in sorted(GOLDEN_DIR.iterdir()) if d.is_dir()]


def round_trip_request(**changes):
    """The golden round trip LON-NYC 2026-12-20/27 (recorded payloads: any date), as a dict."""
    request = json.loads((ROUND_TRIP_DIR / "request.json").read_bytes())
    request.update(changes)
    return request


def round_trip_payloads():
    """Fresh bytes objects of the golden round trip's Amadeus and Duffel answers (20 offers)."""
    return [("amadeus", (ROUND_TRIP_DIR / "amadeus.json").read_bytes()),
            ("duffel", (ROUND_TRIP_DIR / "duffel.json").read_bytes())]


def future_request(days=40, nights=7, origin="LON", destination="NYC", **changes):
    """A round trip `days` from today (UTC), which the built-in supplier answers."""
    depart = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=days)
    back = depart + datetime.timedelta(days=nights)
    request = {
        "slices": [
            {"origin": origin, "destination": destination, "departure_date": depart.isoformat()},
            {"origin": destination, "destination": origin, "departure_date": back.isoformat()},
        ],
        "passengers": {"adults": 1},
    }
    request.update(changes)
    return request


def cli_answer(request, payloads, extra_args=()):
    """`fareflow search --no-timings` over the same request and payloads, written to files: the
    bytes the module must answer."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "request.json").write_bytes(
            request if isinstance(request, bytes) else json.dumps(request).encode())
        command = [str(FAREFLOW_BINARY), "search", "--no-timings",
                   "--request", str(tmp / "request.json")]
        for i, (kind, data) in enumerate(payloads):
            path = tmp / f"payload_{i}.json"
            path.write_bytes(bytes(data))
            command += ["--payload", f"{kind}:{path}"]
        run = subprocess.run(command + list(extra_args), capture_output=True, timeout=120)
        assert run.returncode == 0, run.stderr.decode()
        return run.stdout


def offer_ids(result):
    return [offer["id"] for offer in result]


def without_timings(answer):
    """An answer's dict (Result.to_dict()) without what differs between two runs: timings_ms and
    each supplier's ms."""
    answer.pop("timings_ms", None)
    for supplier in answer["suppliers"]:
        supplier.pop("ms", None)
    return answer


def rebuild_full_offers(answer):
    """The offers of a compact answer (docs/api.md, "Compact answers") rebuilt in the full form."""
    dictionaries = answer["dictionaries"]
    currency = answer["search"]["currency"]

    def ref(value, dictionary):
        return dictionaries[dictionary][value] if isinstance(value, str) else value

    def money(value):
        return {"amount": value, "currency": currency} if isinstance(value, str) else value

    def segment(flight, fare):
        out = {}
        for key, value in flight.items():
            if key == "duration_minutes":
                out.update(fare)
            if key in ("origin", "destination"):
                value = ref(value, "locations")
            elif key in ("marketing_carrier", "operating_carrier"):
                value = ref(value, "carriers")
            elif key == "aircraft":
                value = ref(value, "aircraft")
            out[key] = value
        return out

    def slice_(compact):
        out = {}
        for key, value in dictionaries["itineraries"][compact["itinerary"]].items():
            if key == "segments":
                out["fare_brand"] = compact["fare_brand"]
                value = [segment(f, s) for f, s in zip(value, compact["segments"])]
            elif key in ("origin", "destination"):
                value = ref(value, "locations")
            out[key] = value
        return out

    def offer(compact):
        out = {}
        for key, value in compact.items():
            if key in ("price", "price_per_adult", "supplier_price"):
                value = money(value)
            elif key == "passenger_prices":
                value = [dict(p, price_each=money(p["price_each"])) for p in value]
            elif key == "validating_carrier":
                value = ref(value, "carriers")
            elif key == "conditions":
                value = dict(value, refund_penalty=money(value["refund_penalty"]),
                             change_penalty=money(value["change_penalty"]))
            elif key == "slices":
                value = [slice_(s) for s in value]
            elif key == "pricing_options":
                value = [dict(p, price=money(p["price"]), supplier_price=money(p["supplier_price"]))
                         for p in value]
            out[key] = value
        return out

    return [offer(o) for o in answer["offers"]]
