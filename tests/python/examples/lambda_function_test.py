"""python/examples/lambda_function.py, the example AWS Lambda handler calling fareflow, answers
API Gateway and function URL events as fareflow answers the same search, in the proxy answer's
shape, with the v1 errors for what a client can get wrong. Standard library only (pytest runs it
too); run by ctest with the build directory holding python/fareflow/:

    lambda_function_test.py BUILD_DIR
"""

import base64
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
BUILD = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 and __name__ == "__main__" \
    else os.environ.get("FAREFLOW_BUILD_DIR", os.path.join(ROOT, "build"))
EXAMPLE = os.path.join(ROOT, "python", "examples", "lambda_function.py")
CASE = os.path.join(ROOT, "tests", "golden", "round_trip_two_suppliers")
sys.path.insert(0, os.path.join(BUILD, "python"))


def load_handler(payload_dir):
    """The example as Lambda loads it: its init reads the payloads of `payload_dir`."""
    os.environ["FAREFLOW_PAYLOAD_DIR"] = payload_dir
    try:
        spec = importlib.util.spec_from_file_location("lambda_function", EXAMPLE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        del os.environ["FAREFLOW_PAYLOAD_DIR"]
    return module


def read(path):
    with open(path, "rb") as f:
        return f.read()


def http_api_event(body, method="POST"):
    return {"version": "2.0", "rawPath": "/v1/searches",
            "requestContext": {"domainName": "abc.lambda-url.eu-west-1.on.aws",
                               "http": {"method": method, "path": "/v1/searches"}},
            "headers": {"content-type": "application/json"}, "body": body,
            "isBase64Encoded": False}


def without_timings(answer):
    answer.pop("timings_ms", None)
    for s in answer["suppliers"]:
        s.pop("ms", None)
    return answer


class LambdaFunctionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.handler = load_handler(CASE)
        cls.request = read(os.path.join(CASE, "request.json")).decode()
        cls.expected = json.loads(read(os.path.join(CASE, "expected.json")))

    def test_a_function_url_event_gets_fareflows_answer_to_the_same_search(self):
        response = self.handler.lambda_handler(http_api_event(self.request), None)
        self.assertEqual(response["statusCode"], 200)
        self.assertEqual(response["headers"]["content-type"], "application/json")
        self.assertFalse(response["isBase64Encoded"])
        self.assertIsInstance(response["body"], str)
        self.assertEqual(without_timings(json.loads(response["body"])), self.expected)

    def test_a_rest_api_event_with_a_base64_body_gets_the_same_answer(self):
        event = {"resource": "/v1/searches", "path": "/v1/searches", "httpMethod": "POST",
                 "headers": {}, "isBase64Encoded": True,
                 "body": base64.b64encode(self.request.encode()).decode()}
        response = self.handler.lambda_handler(event, None)
        self.assertEqual(response["statusCode"], 200)
        self.assertEqual(without_timings(json.loads(response["body"])), self.expected)

    def test_a_request_fareflow_rejects_is_a_400_naming_the_field(self):
        request = json.loads(self.request)
        request["slices"][0]["origin"] = "QQQ"
        response = self.handler.lambda_handler(http_api_event(json.dumps(request)), None)
        self.assertEqual(response["statusCode"], 400)
        error = json.loads(response["body"])["error"]
        self.assertEqual(error["code"], "invalid_argument")
        self.assertEqual(error["field"], "/slices/0/origin")
        self.assertIn("QQQ", error["message"])

    def test_a_body_that_is_not_json_is_a_400(self):
        response = self.handler.lambda_handler(http_api_event("{not json"), None)
        self.assertEqual(response["statusCode"], 400)
        self.assertEqual(json.loads(response["body"])["error"]["code"], "invalid_argument")

    def test_a_bad_base64_body_is_a_400(self):
        event = dict(http_api_event("!!!"), isBase64Encoded=True)
        response = self.handler.lambda_handler(event, None)
        self.assertEqual(response["statusCode"], 400)
        self.assertIn("base64", json.loads(response["body"])["error"]["message"])

    def test_another_method_is_a_405(self):
        response = self.handler.lambda_handler(http_api_event("", method="GET"), None)
        self.assertEqual(response["statusCode"], 405)
        self.assertEqual(response["headers"]["allow"], "POST")

    def test_a_truncated_supplier_answer_is_a_partial_answer_not_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            shutil.copy(os.path.join(CASE, "duffel.json"), d)
            with open(os.path.join(d, "amadeus.json"), "wb") as f:
                f.write(read(os.path.join(CASE, "amadeus.json"))[:1000])
            handler = load_handler(d)
        self.assertEqual([kind for kind, _ in handler.PAYLOADS], ["amadeus", "duffel"])
        response = handler.lambda_handler(http_api_event(self.request), None)
        self.assertEqual(response["statusCode"], 200)
        answer = json.loads(response["body"])
        self.assertTrue(answer["partial"])
        self.assertEqual([s["status"] for s in answer["suppliers"]], ["malformed", "ok"])
        self.assertGreater(answer["counts"]["returned"], 0)

    def test_run_locally_it_answers_from_the_built_in_supplier_without_payloads(self):
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, PYTHONPATH=os.path.join(BUILD, "python"),
                       FAREFLOW_PAYLOAD_DIR=d)
            p = subprocess.run([sys.executable, "-B", EXAMPLE], env=env, capture_output=True,
                               text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual(list(out["suppliers"].values()), ["ok"])
        self.assertGreater(out["counts"]["returned"], 0)
        self.assertIn("price", out["cheapest"])


if __name__ == "__main__":
    unittest.main()
