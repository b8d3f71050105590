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


if __name__ == "__main__":
    unittest.main()
