"""Tests of the Python module rows of the benchmark report (bench/bench_python.py), of how a whole
run keeps them (bench/bench_plots.py) and of the parts of scripts/bench that measure them.
Standard library only; run by ctest."""

import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from bench_plots_test import TempFiles, load_bench_script  # noqa: E402

import bench_plots  # noqa: E402
import bench_python  # noqa: E402


def run(times_ms, rss_mib=100, impl="x"):
    return {"impl": impl, "python": "3.11.2", "times_ms": times_ms, "deduplicated": 950,
            "cheapest": "401.22", "process_maxrss_kb": rss_mib * 1024,
            "cmd": ["/usr/bin/python3", "-B", "/src/bench/python/search_fareflow.py", "--payload",
                    "amadeus:/src/build/workloads/W5k/amadeus-1.json", "--repeat", "20"]}


def results(fareflow_ms=10.0, dicts_ms=12.0, after_ms=400.0, before_ms=4000.0,
            loadavg_start=0.1):
    w5k = {"offers": 5000, "bytes": 34_800_000, "fareflow": run([fareflow_ms] * 3, 90),
           "fareflow_dicts": run([dicts_ms] * 3, 91), "after": run([after_ms] * 3, 190),
           "before": run([before_ms] * 3, 300) if before_ms else None}
    w20k = dict(w5k, offers=20000, bytes=160_000_000, before=None)
    return {"date": "2026-12-05 10:00 UTC", "cores": 2, "loadavg_start": loadavg_start,
            "loadavg_end": 1.0, "mode": "full", "command": "scripts/bench --only python",
            "build_dir": "build", "python": "3.11.2", "workloads": {"W5k": w5k, "W20k": w20k}}


def row(p, workload):
    rows = [r for r in bench_python.time_table(p, ranges=False) if r.startswith(f"| {workload} ")]
    assert len(rows) == 1, rows
    return [c.strip() for c in rows[0].strip("|").split("|")]


class TimeTableTest(unittest.TestCase):
    def test_speed_ups_are_the_python_versions_medians_over_the_modules(self):
        cells = row(results(fareflow_ms=10.0, after_ms=400.0, before_ms=4000.0), "W5k")
        self.assertEqual(cells[1], "**10.0 ms**")
        self.assertEqual(cells[6], "**40×**")
        self.assertEqual(cells[7], "400×")

    def test_dicts_cost_is_the_difference_of_the_medians_of_the_same_run(self):
        self.assertEqual(row(results(fareflow_ms=10.0, dicts_ms=12.5), "W5k")[3],
                         "+2.50 ms (1.25×)")
        self.assertEqual(bench_python.dicts_cost(results(10.0, 25.0)["workloads"]["W5k"]),
                         (15.0, 2.5))

    def test_with_conversion_times_the_dicts_cost_is_the_conversions_alone(self):
        w5k = results(fareflow_ms=10.0, dicts_ms=9.0)["workloads"]["W5k"]
        w5k["fareflow"]["convert_ms"] = [0.1, 0.2, 0.3]
        w5k["fareflow_dicts"]["convert_ms"] = [1.0, 1.2, 5.0]
        more, times = bench_python.dicts_cost(w5k)
        self.assertAlmostEqual(more, 1.0)
        self.assertAlmostEqual(times, 6.0)

    def test_a_version_not_run_on_a_workload_says_so(self):
        cells = row(results(), "W20k")
        self.assertEqual(cells[5], "not run")
        self.assertEqual(cells[7], "not run")

    def test_a_busy_machine_is_named_in_the_provenance(self):
        self.assertIn("other work shared the cores", bench_python.provenance(results(
            loadavg_start=1.5)))
        self.assertNotIn("other work", bench_python.provenance(results(loadavg_start=0.2)))

    def test_commands_are_shown_from_the_repository_root(self):
        text = "\n".join(bench_python.section(results()))
        self.assertIn("PYTHONPATH=build/python /usr/bin/python3 -B bench/python/search_fareflow.py "
                      "--payload amadeus:build/workloads/W5k/amadeus-1.json", text)
        self.assertNotIn("/src/", text)


PAGE = ("# Benchmarks\n\n## fareflow vs Python, every workload\n\ntable\n\n## Time per offer\n\n"
        "more\n\n## Workloads\n\nrest\n")
README = ("# fareflow\n\n" + bench_plots.README_BEGIN + "\n| headline |\n\nMeasured by ...\n\n"
          + bench_plots.CACHE_BEGIN + "\ncache rows\n" + bench_plots.CACHE_END + "\n\n"
          + bench_plots.README_END + "\n\nrest\n")


class PartialUpdateTest(TempFiles, unittest.TestCase):
    def test_only_the_python_section_of_the_page_is_written_before_time_per_offer(self):
        path = self.write(PAGE)
        bench_python.update_section(results(fareflow_ms=50.0), path)
        bench_python.update_section(results(fareflow_ms=20.0), path)
        text = self.read(path)
        self.assertEqual(text.count(bench_python.HEADING), 1)
        self.assertIn("| W5k | **20.0 ms (", text)
        self.assertNotIn("50.0 ms", text)
        begin = text.index(bench_plots.PYTHON_BEGIN)
        end = text.index(bench_plots.PYTHON_END) + len(bench_plots.PYTHON_END)
        self.assertEqual(text[:begin] + text[end:].lstrip("\n"), PAGE)
        self.assertLess(begin, text.index("## Time per offer"))
        self.assertLess(text.index("## fareflow vs Python"), begin)

    def test_only_the_python_rows_of_the_readme_block_are_written_before_the_cache_rows(self):
        path = self.write(README)
        self.assertTrue(bench_python.update_readme(results(fareflow_ms=50.0), path))
        self.assertTrue(bench_python.update_readme(results(fareflow_ms=20.0), path))
        text = self.read(path)
        self.assertEqual(text.count(bench_plots.PYTHON_BEGIN), 1)
        self.assertNotIn("50.0 ms", text)
        begin = text.index(bench_plots.PYTHON_BEGIN)
        end = text.index(bench_plots.PYTHON_END) + len(bench_plots.PYTHON_END)
        self.assertLess(text.index("Measured by ..."), begin)
        self.assertLess(end, text.index(bench_plots.CACHE_BEGIN))
        self.assertTrue(text[:begin].endswith("Measured by ...\n\n"))
        self.assertEqual(text[:begin] + text[end:].lstrip("\n"), README)

    def test_a_readme_without_a_measured_block_is_left_alone(self):
        path = self.write("# fareflow\n")
        self.assertFalse(bench_python.update_readme(results(), path))
        self.assertEqual(self.read(path), "# fareflow\n")

    def test_a_whole_run_keeps_the_python_rows_it_did_not_measure(self):
        path = self.write(PAGE)
        bench_python.update_section(results(fareflow_ms=20.0), path)
        kept = bench_plots.kept_rows(path, bench_plots.PYTHON_BEGIN, bench_plots.PYTHON_END)
        self.assertEqual(kept[0], bench_plots.PYTHON_BEGIN)
        self.assertEqual(kept[1], bench_python.HEADING)
        self.assertEqual(kept[-1], bench_plots.PYTHON_END)
        self.assertEqual(bench_plots.kept_rows(self.write(PAGE), bench_plots.PYTHON_BEGIN,
                                               bench_plots.PYTHON_END), [])


class BenchScriptTest(unittest.TestCase):
    bench = load_bench_script()

    def test_the_module_is_imported_from_the_build_directory_first(self):
        env = self.bench.module_env("/b")
        self.assertEqual(env["PYTHONPATH"].split(os.pathsep)[0], "/b/python")

    def test_a_module_run_finding_other_offers_than_fareflow_fails_the_bench(self):
        cli = {"deduplicated": 950, "cheapest": "401.22"}
        same = {"workloads": {"W1k": {"fareflow_cli": cli, "python_fareflow": dict(cli),
                                      "python_fareflow_dicts": dict(cli)}}}
        self.assertEqual(len(self.bench.check_same(same)), 1)
        for impl in ("python_fareflow", "python_fareflow_dicts"):
            other = {"workloads": {"W1k": dict(same["workloads"]["W1k"],
                                               **{impl: dict(cli, cheapest="401.23")})}}
            with self.assertRaises(SystemExit):
                self.bench.check_same(other)

    def test_processes_taking_turns_are_pooled_into_one_version(self):
        a = dict(run([1.0, 2.0], 90), maxrss_kb=10, process_maxrss_kb=90 * 1024)
        b = dict(run([3.0], 95), maxrss_kb=12, process_maxrss_kb=95 * 1024)
        p = self.bench.pooled([a, b])
        self.assertEqual(p["times_ms"], [1.0, 2.0, 3.0])
        self.assertEqual(p["process_maxrss_kb"], 95 * 1024)
        self.assertEqual(p["maxrss_kb"], 12)
        self.assertEqual(p["processes"], 2)
        with self.assertRaises(SystemExit):
            self.bench.pooled([a, dict(b, deduplicated=949)])

    def test_a_missing_module_is_reported_with_the_reason(self):
        why = self.bench.module_missing(sys.executable, tempfile.mkdtemp())
        self.assertIn("fareflow", why)

    def test_a_python_without_pydantic_1_stops_the_bench_before_it_measures(self):
        # A stand-in pydantic of each version, found first on the path of the checked interpreter.
        for version, stops in (("1.10.4", False), ("2.13.4", True)):
            with tempfile.TemporaryDirectory() as d:
                with open(os.path.join(d, "pydantic.py"), "w") as f:
                    f.write(f"VERSION = {version!r}\n")
                with mock.patch.dict(os.environ, {"PYTHONPATH": d}):
                    if stops:
                        with self.assertRaises(SystemExit):
                            self.bench.require_pydantic(sys.executable)
                    else:
                        self.bench.require_pydantic(sys.executable)
        with self.assertRaises(SystemExit):
            self.bench.require_pydantic("/bin/false")


if __name__ == "__main__":
    unittest.main()
