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


class TargetsFromPairsTest(unittest.TestCase):
    """The floor and pool targets read the adjacent pairs' median ratios, not the ratio of two
    benchmarks' medians."""

    def speed(self, pool_pairs=True):
        floor = {"median": 90.0, "pairs": 150, "dom_ms": 30.0, "parse_enrich_ms": 24.0,
                 "end_to_end_ms": 27.0, "parse_enrich_ratio": 0.79, "end_to_end_ratio": 0.93}
        g5 = {bench_speed.DOM: {"median": 40.0}, bench_speed.PARSE: {"median": 20.0},
              bench_speed.E2E: {"median": 20.0}, bench_speed.POOL: {"median": 5.0},
              bench_speed.PAIRS_FLOOR: floor}
        if pool_pairs:
            g5[bench_speed.PAIRS_POOL] = {"median": 45.0, "pairs": 80, "one_thread_ms": 28.0,
                                          "pool_ms": 16.0, "gain": 1.79, "threads": 2}
        return {"cores": 2, "workloads": {"W5k": {"gbench": g5, "offers": 5000}}}

    def rows(self, s):
        return {name: (value, met) for name, value, met in bench_speed.targets(s)}

    def find(self, rows, start):
        return next(v for k, v in rows.items() if k.startswith(start))

    def test_parse_enrich_and_end_to_end_are_the_pairs_medians(self):
        rows = self.rows(self.speed())
        value, met = self.find(rows, "parse+enrich of W5k")
        self.assertEqual(value, "0.79× (24.0 ms vs 30.0 ms, median of 150 adjacent pairs)")
        self.assertTrue(met)
        value, met = self.find(rows, "end to end of W5k")
        self.assertEqual(value, "0.93× (27.0 ms, median of 150 adjacent pairs)")
        self.assertFalse(met)

    def test_the_pool_gain_is_the_pairs_median(self):
        value, met = self.find(self.rows(self.speed()), "worker pool on 2 cores ≥ 1.8× the "
                               "1-thread end to end, W5k")
        self.assertEqual(value, "1.79× (28.0 ms → 16.0 ms, 2 threads, "
                                "median of 80 adjacent pairs)")
        self.assertFalse(met)

    def test_the_pool_gain_is_given_beside_the_ceiling_of_the_same_turns(self):
        s = self.speed()
        s["workloads"]["W5k"]["gbench"][bench_speed.PAIRS_POOL].update(
            {"apart_ms": 30.0, "ceiling": 1.87})
        value, met = self.find(self.rows(s), "worker pool on 2 cores ≥ 1.8× the 1-thread end "
                               "to end, W5k")
        self.assertEqual(value, "1.79× (28.0 ms → 16.0 ms, 2 threads, median of 80 adjacent "
                                "pairs; 2 searches at once, one per thread: 1.87×)")
        self.assertFalse(met)

    def test_without_pairs_a_target_is_not_measured(self):
        rows = self.rows(self.speed(pool_pairs=False))
        pool = "worker pool on 2 cores ≥ 1.8× the 1-thread end to end, "
        self.assertEqual(self.find(rows, pool + "W5k"), ("not measured", None))
        self.assertEqual(self.find(rows, pool + "W20k"), ("not measured", None))

    def test_without_floor_pairs_the_floor_targets_keep_their_names(self):
        s = self.speed()
        del s["workloads"]["W5k"]["gbench"][bench_speed.PAIRS_FLOOR]
        rows = self.rows(s)
        self.assertEqual(rows["parse+enrich of W5k, 1 thread, ≤ 0.8× simdjson's DOM parse of "
                              "the same bytes"], ("not measured", None))
        self.assertEqual(rows["end to end of W5k (bytes in, first page out), 1 thread, ≤ 0.9× "
                              "the DOM parse"], ("not measured", None))


if __name__ == "__main__":
    unittest.main()
