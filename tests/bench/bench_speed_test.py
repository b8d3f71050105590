"""Tests of the speed target rows of the benchmark report (bench/bench_speed.py). Standard library
only; run by ctest."""

import os
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.dont_write_bytecode = True

import bench_speed  # noqa: E402


class RatioTextTest(unittest.TestCase):
    def test_a_ratio_that_would_read_as_its_limit_gets_one_more_digit(self):
        self.assertEqual(bench_speed._x(1.7977, limit=1.8), "1.798×")
        self.assertEqual(bench_speed._x(1.5031, limit=1.5), "1.503×")

    def test_other_ratios_keep_two_digits(self):
        self.assertEqual(bench_speed._x(1.7977), "1.80×")
        self.assertEqual(bench_speed._x(1.68, limit=1.8), "1.68×")
        self.assertEqual(bench_speed._x(1.8, limit=1.8), "1.80×")
        self.assertEqual(bench_speed._x(None, limit=1.8), "not measured")


class PerOfferTableTest(unittest.TestCase):
    def test_each_workload_is_given_per_offer_and_per_kilobyte(self):
        def workload(offers, size, e2e_ms):
            return {"offers": offers, "bytes": size,
                    "gbench": {bench_speed.E2E: {"median": e2e_ms},
                               bench_speed.PARSE: {"median": e2e_ms * 0.9},
                               bench_speed.DOM: {"median": e2e_ms * 1.1}}}
        # W1k: 4 kB offers at 2 µs each; W20k: 8 kB offers at 5 µs each.
        s = {"workloads": {"W1k": workload(1000, 4_000_000, 2.0),
                           "W20k": workload(20000, 160_000_000, 100.0)}}
        rows = bench_speed.per_offer_table(s)
        self.assertIn("bytes per offer", rows[0])
        self.assertIn("end to end per kB", rows[0])
        self.assertEqual(len(rows), 4)
        cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]
        self.assertEqual(cells[0][0], "W1k")
        self.assertEqual(cells[0][3], "4.0 kB")
        self.assertEqual(cells[0][4], "2.00 µs")
        self.assertEqual(cells[0][7], "0.500 µs")
        self.assertEqual(cells[1][3], "8.0 kB")
        self.assertEqual(cells[1][4], "5.00 µs")
        self.assertEqual(cells[1][7], "0.625 µs")


class PoolTableTest(unittest.TestCase):
    def test_the_cpu_time_of_all_threads_is_given_against_one_thread(self):
        g = {bench_speed.E2E: {"median": 90.0, "search_p50_ms": 88.0},
             bench_speed.POOL_THREADS[1]: {"median": 95.0},
             bench_speed.POOL_THREADS[2]: {"median": 55.0, "all_threads_cpu_ms": 99.0},
             bench_speed.POOL: {"median": 50.0, "search_p50_ms": 44.0}}
        rows = bench_speed.pool_table({"workloads": {"W20k": {"gbench": g}}})
        self.assertIn("median search", rows[0])
        self.assertIn("CPU time of all threads", rows[0])
        cells = [c.strip() for c in rows[2].strip("|").split("|")]
        self.assertEqual(len(cells), 9)
        self.assertEqual(cells[0], "W20k")
        self.assertEqual(cells[6], "1.80×")
        self.assertEqual(cells[7], "2.00× (88.0 ms → 44.0 ms)")
        self.assertEqual(cells[8], "99.0 ms (10 % more than 1 thread)")

    def test_a_run_without_the_counter_says_so(self):
        g = {bench_speed.E2E: {"median": 90.0}, bench_speed.POOL_THREADS[2]: {"median": 55.0}}
        rows = bench_speed.pool_table({"workloads": {"W5k": {"gbench": g}}})
        cells = [c.strip() for c in rows[2].strip("|").split("|")]
        self.assertEqual(cells[7:], ["not measured", "not measured"])


if __name__ == "__main__":
    unittest.main()
