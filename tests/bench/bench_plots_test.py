"""Tests of the headline, cache and price calendar rows of the benchmark report
(bench/bench_plots.py) and of the helpers scripts/bench reads server times with. Standard library only; run by ctest."""

import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.dont_write_bytecode = True

import bench_plots  # noqa: E402


def load_bench_script():
    loader = importlib.machinery.SourceFileLoader("bench_script",
                                                  os.path.join(ROOT, "scripts", "bench"))
    spec = importlib.util.spec_from_loader("bench_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def calendar(cold_wall_ms, filled, warm_ms):
    coverage = {"cells": 49, "filled": filled, "supplier_calls": 98, "calls_refused": 0}
    return {"cells": 49, "body_cold": "{}", "body_warm": "{}", "cold_wall_ms": cold_wall_ms,
            "cold_server_ms": cold_wall_ms, "cold_coverage": coverage,
            "warm_ms": warm_ms, "warm_wall_ms": [w + 0.5 for w in warm_ms],
            "warm_coverage": dict(coverage, supplier_calls=0)}


def results(cached_ms=20.0, processing_ms=19.0, grid=None, with_calendar=True):
    search = {
        "offers": 5000, "deduplicated": 4750, "payload_bytes": {"amadeus": 10**6, "duffel": 4 * 10**7},
        "amadeus_offers": 250, "duffel_offers": 4750,
        "live_ms": [900.0, 1000.0, 1100.0], "live_wall_ms": [901.0, 1001.0, 1101.0],
        "cached_ms": [cached_ms] * 3, "cached_wall_ms": [cached_ms + 1] * 3,
        "cached_no_serialize_ms": [cached_ms] * 3,
        "cached_timings": [{"suppliers": cached_ms - 1, "serialize": 0.0}] * 3,
        "processing_ms": [processing_ms] * 3, "read_ms": [5.0] * 3,
        "cli_timings": [{"suppliers": processing_ms + 4}] * 3,
        "cli_cmd": ["/x/build/fareflow", "search", "--payload", "duffel:/tmp/p/duffel.json"],
        "cli_same_first_page": True, "emulators": [["/x/build/tools/fareflow-supplier"]],
        "config": {"suppliers": []}, "body": "{}",
        "excess_ms": cached_ms - processing_ms}
    cal = None
    if with_calendar:
        cal = {"latency_ms": {"amadeus": 300, "duffel": 600}, "offers": 50,
               "emulators": [], "config": {}, "probe": "{}", "single_call_ms": [600.0] * 3,
               "calendars": {"grid_7x7": grid or calendar(1000.0, 49, [2.0, 3.0])}}
    return {"date": "2026-12-05 04:00 UTC", "cores": 2, "loadavg_start": 0.1,
            "loadavg_end": 1.5, "mode": "quick", "command": "scripts/bench --only cache",
            "build_dir": "build", "search": search, "calendar": cal}


def met(c, label_start):
    rows = [r for r in bench_plots.cache_rows(c) if r[0].startswith(label_start)]
    assert len(rows) == 1, rows
    return rows[0][3]


class CacheRowsTest(unittest.TestCase):
    def test_cached_search_within_2_ms_of_processing_alone_meets_the_target(self):
        self.assertTrue(met(results(cached_ms=20.0, processing_ms=18.5), "cached p50 − processing alone"))
        self.assertFalse(met(results(cached_ms=20.0, processing_ms=17.5), "cached p50 − processing alone"))

    def test_cold_grid_meets_its_target_within_twice_the_slowest_call_with_every_cell(self):
        self.assertTrue(met(results(grid=calendar(1150.0, 49, [2.0])), "7×7 round-trip grid (7 "
                            "departure days × 3–9 nights), cold"))
        self.assertFalse(met(results(grid=calendar(1250.0, 49, [2.0])), "7×7 round-trip grid (7 "
                             "departure days × 3–9 nights), cold"))
        self.assertFalse(met(results(grid=calendar(1150.0, 40, [2.0])), "7×7 round-trip grid (7 "
                             "departure days × 3–9 nights), cold"))

    def test_warm_grid_meets_its_target_under_10_ms(self):
        self.assertTrue(met(results(grid=calendar(1000.0, 49, [9.0, 9.5, 30.0])),
                            "7×7 round-trip grid (7 departure days × 3–9 nights), warm"))
        self.assertFalse(met(results(grid=calendar(1000.0, 49, [10.0, 11.0, 1.0])),
                             "7×7 round-trip grid (7 departure days × 3–9 nights), warm"))

    def test_the_cold_grid_row_names_the_cpu_time_of_each_side_when_measured(self):
        grid = dict(calendar(1000.0, 49, [2.0]),
                    cold_cpu_ms={"emulators": 470.0, "fareflow": 80.0})
        row = [r for r in bench_plots.cache_rows(results(grid=grid)) if "cold" in r[0]][0]
        self.assertIn("470.0 ms, 80.0 ms", row[1])
        self.assertIn("CPU time", row[0])

    def test_the_live_search_that_stores_has_its_own_row_when_measured(self):
        c = results()
        c["search"]["live_storing_ms"] = [950.0, 1050.0, 1250.0]
        rows = [r for r in bench_plots.cache_rows(c) if "storing" in r[0]]
        self.assertEqual(len(rows), 1)
        self.assertIn("refresh", rows[0][0])
        self.assertEqual(rows[0][1], "1.05 s / 1.25 s")
        self.assertFalse([r for r in bench_plots.cache_rows(results()) if "storing" in r[0]])

    def test_a_server_without_calendars_says_so(self):
        rows = bench_plots.cache_rows(results(with_calendar=False))
        self.assertIn("not measured", rows[-1][1])


PAGE = "# Benchmarks\n\n## Headline (W5k)\n\nnumbers\n\n## Workloads\n\nmore numbers\n"
README = ("# fareflow\n\n" + bench_plots.README_BEGIN + "\n| headline |\n\nMeasured by ...\n"
          + bench_plots.README_END + "\n\nrest\n")


class TempFiles:
    """Mixin: temporary Markdown files removed after the test."""

    def write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".md", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def read(self, path):
        with open(path) as f:
            return f.read()


class PartialUpdateTest(TempFiles, unittest.TestCase):
    def test_only_the_cache_section_of_the_page_is_written(self):
        path = self.write(PAGE)
        bench_plots.update_cache_section(results(cached_ms=50.0), path)
        bench_plots.update_cache_section(results(cached_ms=20.0), path)
        with open(path) as f:
            text = f.read()
        self.assertEqual(text.count("## Cache and price calendar"), 1)
        self.assertIn("20.0 ms / 20.0 ms", text)
        self.assertNotIn("50.0 ms", text)
        begin = text.index(bench_plots.CACHE_BEGIN)
        end = text.index(bench_plots.CACHE_END) + len(bench_plots.CACHE_END)
        self.assertEqual(text[:begin] + text[end:].lstrip("\n"), PAGE)
        self.assertLess(begin, text.index("## Workloads"))

    def test_only_the_cache_rows_of_the_readme_block_are_written(self):
        path = self.write(README)
        self.assertTrue(bench_plots.update_readme_cache(results(cached_ms=50.0), path))
        self.assertTrue(bench_plots.update_readme_cache(results(cached_ms=20.0), path))
        with open(path) as f:
            text = f.read()
        self.assertEqual(text.count(bench_plots.CACHE_BEGIN), 1)
        self.assertNotIn("50.0 ms", text)
        begin = text.index(bench_plots.CACHE_BEGIN)
        end = text.index(bench_plots.CACHE_END) + len(bench_plots.CACHE_END)
        self.assertLess(text.index(bench_plots.README_BEGIN), begin)
        self.assertLess(end, text.index(bench_plots.README_END))
        # The rows stand apart from the paragraph before them by a blank line.
        self.assertTrue(text[:begin].endswith("Measured by ...\n\n"))
        self.assertEqual(text[:begin].rstrip("\n") + "\n" + text[end:].lstrip("\n"), README)

    def test_the_search_page_rows_of_the_page_outlive_a_full_run(self):
        # tests/browser/paint_timing.mjs writes them; a full run of scripts/bench keeps them.
        block = [bench_plots.SEARCH_PAGE_BEGIN, "## Search page: offers painted", "",
                 "| a | b |", bench_plots.SEARCH_PAGE_END]
        path = self.write(PAGE.replace("## Workloads", "\n".join(block) + "\n\n## Workloads"))
        self.assertEqual(bench_plots.search_page_rows(path), block)
        self.assertEqual(bench_plots.search_page_rows(self.write(PAGE)), [])
        self.assertEqual(bench_plots.search_page_rows(path + ".absent"), [])

    def test_a_readme_without_a_measured_block_is_left_alone(self):
        path = self.write("# fareflow\n")
        self.assertFalse(bench_plots.update_readme_cache(results(), path))
        with open(path) as f:
            self.assertEqual(f.read(), "# fareflow\n")


class ServerTimingTest(unittest.TestCase):
    bench = load_bench_script()

    def test_a_search_is_the_sum_of_its_stages_without_the_parse_cpu_time(self):
        timing = self.bench.server_timing(
            "decode;dur=0.04, suppliers;dur=3.10, parse_enrich;dur=5.00, dedupe;dur=0.50, "
            "serialize;dur=0.36")
        self.assertEqual(timing["parse_enrich"], 5.0)
        self.assertAlmostEqual(self.bench.server_ms(timing), 4.0)

    def test_an_answer_with_a_total_is_its_total(self):
        self.assertEqual(self.bench.server_ms(self.bench.server_timing("total;dur=1.25")), 1.25)

    def test_cpu_time_of_a_process_grows_as_it_works(self):
        before = self.bench.cpu_ms(os.getpid())
        end = time.process_time() + 0.05
        while time.process_time() < end:
            pass
        self.assertGreater(self.bench.cpu_ms(os.getpid()), before)

    def test_p99_of_fewer_than_100_runs_is_the_largest(self):
        self.assertEqual(self.bench.percentile([5.0, 1.0, 3.0], 99), 5.0)
        self.assertEqual(self.bench.percentile([float(i) for i in range(1, 201)], 99), 198.0)


class MeasuredByTest(unittest.TestCase):
    def test_names_the_cpu_of_the_run_when_it_was_recorded(self):
        run = results(cached_ms=20.0, processing_ms=18.5)
        self.assertTrue(bench_plots.measured_by(run).endswith("2 cores."))
        run["cpu"] = "Intel(R) Xeon(R) Processor"
        self.assertIn("2 cores of Intel(R) Xeon(R) Processor", bench_plots.measured_by(run))


class HeadlineTest(unittest.TestCase):
    """The README's headline takes the floor and the end to end from the adjacent pairs when the
    run has them, and from the two benchmarks' medians otherwise."""

    def results(self, pairs):
        g = {"BM_EndToEnd": {"median": 30.0}, "BM_SimdjsonDomParse_All": {"median": 20.0},
             "BM_ParseEnrich_All": {"median": 28.0}}
        if pairs:
            g["BM_Pairs_Floor"] = {"median": 80.0, "dom_ms": 26.0, "end_to_end_ms": 25.0,
                                   "parse_enrich_ms": 24.0, "end_to_end_ratio": 0.97,
                                   "parse_enrich_ratio": 0.93}
        w5k = {"bytes": 34_800_000, "offers": 5000,
               "fareflow_cli": {"wall_ms": [50.0], "maxrss_kb": [90_000]},
               "python_after": {"times_ms": [970.0]}}
        return {"workloads": {"W5k": w5k}, "gbench_W5k": g, "serve_start": {"ms": [7.0]}}

    def test_the_pairs_give_the_ratios_when_measured(self):
        h = bench_plots.headline(self.results(pairs=True))
        self.assertEqual((h["floor_ms"], h["e2e_ms"]), (26.0, 25.0))
        self.assertEqual((h["e2e_ratio"], h["parse_enrich_ratio"]), (0.97, 0.93))
        self.assertTrue(h["paired"])

    def test_without_pairs_the_ratios_are_of_the_medians(self):
        h = bench_plots.headline(self.results(pairs=False))
        self.assertEqual((h["floor_ms"], h["e2e_ms"]), (20.0, 30.0))
        self.assertAlmostEqual(h["e2e_ratio"], 1.5)
        self.assertAlmostEqual(h["parse_enrich_ratio"], 1.4)
        self.assertFalse(h["paired"])


if __name__ == "__main__":
    unittest.main()
