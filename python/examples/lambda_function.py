"""An AWS Lambda handler in Python whose search is one call of fareflow: an API Gateway (HTTP API
or REST API) or function URL event carrying a v1 search request in, the v1 answer out.

Where the supplier answers come from is the service's own business; a handler adopting fareflow
already has them as bytes from its HTTP client. This example reads recorded ones once, at init,
from the files in FAREFLOW_PAYLOAD_DIR (default: payloads/ beside this file, packaged with the
function): each file is a supplier's answer, its kind the start of its name (amadeus_1.json,
duffel_1.json, as fareflow-payloadgen names them). With no such files, fareflow's built-in
supplier answers (then the request's dates must not be in the past).

The module comes from a layer (docs/python.md, "AWS Lambda": /opt/python/fareflow/) or from the
function's own zip. Run it locally with the module on PYTHONPATH:

    PYTHONPATH=build/python FAREFLOW_PAYLOAD_DIR=build/workloads/W5k \\
        python3 python/examples/lambda_function.py [request.json]
"""

from __future__ import annotations

import base64
import json
import os
import sys
from datetime import date, timedelta
from typing import Any

import fareflow

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("amadeus", "duffel")


def load_payloads(directory: str) -> list[tuple[str, bytes]]:
    """The supplier answers in `directory`, in name order, as fareflow.search takes them. Read-only
    `bytes`, so fareflow parses them in place; they stay in memory across invocations."""
    if not os.path.isdir(directory):
        return []
    out = []
    for name in sorted(os.listdir(directory)):
        kind = next((k for k in KINDS if name.startswith(k)), None)
        if kind is None or not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            out.append((kind, f.read()))
    return out


# Init, once per execution environment: Lambda runs this before the first event, and reuses it.
PAYLOADS = load_payloads(os.environ.get("FAREFLOW_PAYLOAD_DIR", os.path.join(HERE, "payloads")))

JSON = {"content-type": "application/json"}


def answer(status: int, body: bytes | str, headers: dict[str, str] | None = None
           ) -> dict[str, Any]:
    """A proxy answer; API Gateway and function URLs take the same four keys."""
    return {"statusCode": status, "headers": dict(JSON, **(headers or {})),
            "body": body.decode() if isinstance(body, bytes) else body,
            "isBase64Encoded": False}


def error(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """fareflow's error shape (docs/api.md, Errors)."""
    e: dict[str, Any] = {"code": code, "message": message}
    if field:
        e["field"] = field
    return answer(status, json.dumps({"error": e}))


def method_of(event: dict[str, Any]) -> str:
    """HTTP API and function URLs (payload 2.0) name it in requestContext.http; REST APIs
    (payload 1.0) at the top."""
    return (event.get("requestContext", {}).get("http", {}).get("method")
            or event.get("httpMethod") or "")


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if method_of(event) != "POST":
        return answer(405, json.dumps({"error": {
            "code": "method_not_allowed", "message": "POST a v1 search request"}}),
            {"allow": "POST"})
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        try:
            body = base64.b64decode(body, validate=True)
        except ValueError:
            return error(400, "invalid_argument", "the body is not valid base64")
    try:
        # The body goes to fareflow as it came: it reads and checks the JSON itself.
        result = fareflow.search(body, PAYLOADS)
    except fareflow.InvalidRequest as e:
        return error(400, "invalid_argument", e.message, e.field)
    # A supplier whose answer is unusable is a status inside the answer (partial), not an error.
    return answer(200, result.json())


def main(argv: list[str]) -> int:
    """Answers one search locally, as Lambda would: the request file given in an HTTP API event,
    by default an LHR-JFK round trip for two adults (on the dates of fareflow-payloadgen's
    workloads when payloads are loaded, else a month from today for the built-in supplier).
    Prints the suppliers' statuses, the counts and the cheapest offer."""
    if len(argv) > 1:
        with open(argv[1], encoding="utf-8") as f:
            request = f.read()
    else:
        out, back = (date(2026, 12, 20), date(2026, 12, 27)) if PAYLOADS else (
            date.today() + timedelta(days=30), date.today() + timedelta(days=37))
        request = json.dumps({
            "slices": [{"origin": "LHR", "destination": "JFK", "departure_date": str(out)},
                       {"origin": "JFK", "destination": "LHR", "departure_date": str(back)}],
            "passengers": {"adults": 2}, "currency": "EUR", "limit": 20})
    event = {"version": "2.0", "rawPath": "/v1/searches",
             "requestContext": {"http": {"method": "POST", "path": "/v1/searches"}},
             "headers": {"content-type": "application/json"}, "body": request,
             "isBase64Encoded": False}
    response = lambda_handler(event, None)
    body = json.loads(response["body"])
    print(response["statusCode"], file=sys.stderr)
    if response["statusCode"] != 200:
        print(json.dumps(body), file=sys.stderr)
        return 1
    print(json.dumps({"suppliers": {s["name"]: s["status"] for s in body["suppliers"]},
                      "counts": body["counts"], "cheapest": body["highlights"]["cheapest"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
