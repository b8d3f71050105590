"""bench/python/search_fareflow.py, the benchmark's handler calling fareflow's Python module,
answers the benchmark's search as `fareflow search` does on the same payloads, returning `.json()`
bytes and, with --dicts, the same answer through Python objects. Standard library only; run by ctest
with the build directory (which holds fareflow, fareflow-payloadgen and python/fareflow/):

    search_fareflow_test.py BUILD_DIR
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True

from bench_plots_test import ROOT, load_bench_script  # noqa: E402

BUILD = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(ROOT, "build")
SCRIPT = os.path.join(ROOT, "bench", "python", "search_fareflow.py")
ENV = dict(os.environ, PYTHONPATH=os.path.join(BUILD, "python"))
bench = load_bench_script()


def setUpModule():
    global WORKLOAD, PAYLOAD_ARGS, CLI
    WORKLOAD = tempfile.mkdtemp(prefix="fareflow-search-fareflow-test-")
    subprocess.run([os.path.join(BUILD, "tools", "fareflow-payloadgen"), "--workload", "W1k",
                    "--out-dir", WORKLOAD], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(WORKLOAD, "workload.json")) as f:
        payloads = json.load(f)["payloads"]
    PAYLOAD_ARGS = [a for p in payloads
                    for a in ("--payload", f"{p['kind']}:{os.path.join(WORKLOAD, p['name'])}")]
    CLI = json.loads(subprocess.run([os.path.join(BUILD, "fareflow"), "search"] + PAYLOAD_ARGS
                                    + bench.SEARCH_FLAGS, check=True,
                                    capture_output=True).stdout)


def tearDownModule():
    for name in os.listdir(WORKLOAD):
        os.unlink(os.path.join(WORKLOAD, name))
    os.rmdir(WORKLOAD)


def handler(*flags):
    """The handler's process on W1k: its answer (printed by --print-answer) and its result line."""
    out = subprocess.run([sys.executable, "-B", SCRIPT] + PAYLOAD_ARGS
                         + ["--repeat", "2", "--print-answer"] + list(flags),
                         check=True, capture_output=True, text=True, env=ENV).stdout
    lines = out.strip().splitlines()
    return json.loads(lines[0]), json.loads(lines[-1])


class SearchFareflowTest(unittest.TestCase):
    def check(self, answer, result):
        self.assertEqual(result["deduplicated"], CLI["counts"]["deduplicated"])
        self.assertEqual(result["cheapest"], CLI["offers"][0]["price"]["amount"])
        self.assertEqual(len(result["times_ms"]), 2)
        self.assertEqual(answer["counts"], CLI["counts"])
        self.assertEqual([o["id"] for o in answer["offers"]], [o["id"] for o in CLI["offers"]])
        self.assertEqual(answer["offers"], CLI["offers"])

    def test_json_bytes_are_the_answer_of_fareflow_search(self):
        answer, result = handler()
        self.check(answer, result)
        self.assertIn(".json()", result["impl"])

    def test_dicts_are_the_same_answer_through_python_objects(self):
        answer, result = handler("--dicts")
        self.check(answer, result)
        self.assertIn("to_dict", result["impl"])

    def test_the_handler_finds_what_the_python_versions_find(self):
        # scripts/bench's check: the same count and cheapest price as the tuned Python.
        out = subprocess.run([sys.executable, "-B", os.path.join(ROOT, "bench", "python",
                                                                 "search_after.py")]
                             + PAYLOAD_ARGS, check=True, capture_output=True, text=True).stdout
        after = json.loads(out.strip().splitlines()[-1])
        _, result = handler()
        self.assertEqual((result["deduplicated"], result["cheapest"]),
                         (after["deduplicated"], after["cheapest"]))


class V1RequestTest(unittest.TestCase):
    def setUp(self):
        sys.path.insert(0, os.path.join(BUILD, "python"))
        sys.path.insert(0, os.path.join(ROOT, "bench", "python"))
        import search_fareflow
        self.module = search_fareflow

    def test_the_benchmark_search_is_the_clis(self):
        self.assertEqual(self.module.v1_request(self.module.SearchRequest()), {
            "slices": [{"origin": "LHR", "destination": "JFK", "departure_date": "2026-12-20"},
                       {"origin": "JFK", "destination": "LHR", "departure_date": "2026-12-27"}],
            "passengers": {"adults": 2}, "currency": "EUR", "sort": "cheapest", "limit": 20})

    def test_filters_of_the_python_versions_are_v1_filters_fareflow_accepts(self):
        request = self.module.SearchRequest(max_stops=0, max_price_minor=150000,
                                            exclude_airlines=("BA",))
        self.assertEqual(self.module.v1_request(request)["filters"], {
            "max_stops": 0, "max_price": "1500.00", "exclude_airlines": ["BA"]})
        with open(os.path.join(WORKLOAD, "amadeus_1.json"), "rb") as f:
            payload = self.module.Payload("amadeus", "amadeus_1.json", f.read())
        result = self.module.search(request, [payload])
        self.assertLess(result.counts["matching"], result.counts["deduplicated"])
        for offer in result:
            self.assertEqual(offer["stops"], 0)


if __name__ == "__main__":
    unittest.main()
