"""The rows of fareflow's Python module in the benchmark report: a Python handler calling
`fareflow.search` (bench/python/search_fareflow.py) beside the two pure-Python versions of the
same job, on every workload of one run, in docs/benchmarks.md and in the README's measured block.
Both places hold them between the PYTHON_BEGIN and PYTHON_END markers of bench_plots, so that
`scripts/bench --only python` rewrites them alone. Standard library only.

The numbers come in one dict (`scripts/bench` writes it as bench-results/python.json):
    {"date", "cores", "loadavg_start", "loadavg_end", "mode", "command", "build_dir", "python",
     "workloads": {"W1k": {"offers", "bytes", "fareflow", "fareflow_dicts", "after",
                           "before" (absent when not run)}}}
where each of fareflow, fareflow_dicts, after and before is what one process of
bench/python/search_<impl>.py printed (`times_ms`, one per call of the handler), with the
command that ran it (`cmd`) and its peak RSS from wait4 (`process_maxrss_kb`).
"""

from __future__ import annotations

from typing import Any, Optional

from bench_plots import (PYTHON_BEGIN, PYTHON_END, _fmt_ms, measured_by, _mb, _median, _mib,
                         _range, _replace_between, update_readme_rows, CACHE_BEGIN)

HEADING = "## fareflow from Python: `fareflow.search` in a Python handler"
# The anchor of HEADING on GitHub, for the README's link.
ANCHOR = "fareflow-from-python-fareflowsearch-in-a-python-handler"


def _ms(r: Optional[dict[str, Any]]) -> Optional[float]:
    return _median(r["times_ms"]) if r else None


def _x(slow: Optional[float], fast: float) -> str:
    if slow is None:
        return "not run"
    return f"{slow / fast:.0f}×" if slow / fast >= 10 else f"{slow / fast:.1f}×"


def dicts_cost(w: dict[str, Any]) -> tuple[float, float]:
    """What turning the answer into Python objects and json.dumps costs over returning
    `.json()` bytes: (milliseconds more, times as long), medians of the same run."""
    if "convert_ms" in w["fareflow"] and "convert_ms" in w["fareflow_dicts"]:
        # The conversion alone, timed inside each call: free of the search's own spread.
        json_ms = _median(w["fareflow"]["convert_ms"])
        dicts_ms = _median(w["fareflow_dicts"]["convert_ms"])
    else:
        json_ms, dicts_ms = _ms(w["fareflow"]), _ms(w["fareflow_dicts"])
    return dicts_ms - json_ms, dicts_ms / json_ms


def time_table(p: dict[str, Any], ranges: bool) -> list[str]:
    """Handler times per workload, medians (with min – max when `ranges`)."""

    def cell(r: Optional[dict[str, Any]]) -> str:
        if r is None:
            return "not run"
        t = r["times_ms"]
        return _fmt_ms(_median(t)) + (f" ({_range(t)})" if ranges and len(t) > 1 else "")

    out = ["| workload | `fareflow.search`, `.json()` bytes | `fareflow.search`, `.to_dict()` + "
           "`json.dumps` | dicts cost | Python after | Python before | after ÷ fareflow | "
           "before ÷ fareflow |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, w in p["workloads"].items():
        module = _ms(w["fareflow"])
        more, times = dicts_cost(w)
        out.append(f"| {name} | **{cell(w['fareflow'])}** | {cell(w['fareflow_dicts'])} | "
                   f"{'+' if more >= 0 else '−'}{_fmt_ms(abs(more))} ({times:.2f}×) | "
                   f"{cell(w.get('after'))} | {cell(w.get('before'))} | "
                   f"**{_x(_ms(w.get('after')), module)}** | {_x(_ms(w.get('before')), module)} |")
    return out


def memory_table(p: dict[str, Any]) -> list[str]:
    out = ["| workload | input bytes | `fareflow.search`, `.json()` | `.to_dict()` + `json.dumps` "
           "| Python after | Python before |",
           "|---|---:|---:|---:|---:|---:|"]
    for name, w in p["workloads"].items():
        cells = [_mib(w[k]["process_maxrss_kb"]) if w.get(k) else "not run"
                 for k in ("fareflow", "fareflow_dicts", "after", "before")]
        out.append(f"| {name} | {_mb(w['bytes'])} | " + " | ".join(cells) + " |")
    return out


def provenance(p: dict[str, Any]) -> str:
    return measured_by(p, p["python"])


def section(p: dict[str, Any]) -> list[str]:
    """docs/benchmarks.md's section, between PYTHON_BEGIN and PYTHON_END."""
    b = p.get("build_dir", "build")
    names = list(p["workloads"])
    L = [HEADING, "", provenance(p), ""]
    L += time_table(p, ranges=True)
    L.append("")
    L.append("- *`fareflow.search`*: `bench/python/search_fareflow.py`, the same handler shape "
             "as the Python versions (`handle(request, payloads)`, run by "
             "`bench/python/common.py` in one long-lived process, the payload bytes already in "
             "memory as `bytes`), with its whole job one call: `fareflow.search(request, "
             "[(kind, bytes), ...])` with the v1 request of the same search (LHR–JFK round trip, "
             "two adults, EUR, cheapest first, a page of 20), returning `result.json()`. The "
             "payloads are parsed in place, on fareflow's worker pool, with the GIL released. "
             "The time includes turning the request dict into JSON and reading the offer count "
             "and the first offer back for the bench's check. Its calls on each workload come "
             "from a few processes that took turns with the `--dicts` ones below (`MODULE_ROUNDS`"
             " in `scripts/bench`), so that other work on the machine weighs on both alike.")
    L.append("- *`.to_dict()` + `json.dumps`*: the same handler run with `--dicts`: the answer "
             "as Python objects (`result.to_dict()`: counts, suppliers, the page of 20 offers, "
             "highlights, facets), serialized by the standard library's `json`, as a handler "
             "that edits the answer in Python would. *Dicts cost* is what the conversion alone "
             "costs over `.json()`, timed inside every call once the search has returned "
             "(medians; × is how many times as long the conversion takes), so the search's own "
             "spread from call to call is not in it.")
    L.append("- *Python after* and *before*: `bench/python/search_after.py` and "
             "`search_before.py` (described above), run again in the same run as the module. "
             "*after ÷ fareflow* is the speed-up a Python service gets by swapping its "
             "handler's body for the call.")
    L.append("- Every run finds the same number of offers after dedupe and the same cheapest "
             "price as `fareflow search` on every workload; `scripts/bench` fails if not.")
    L.append("")
    L.append("Peak RSS of each process (its `ru_maxrss` from `wait4`; the payload files are "
             "read into `bytes` by every version alike):")
    L.append("")
    L += memory_table(p)
    L.append("")
    L.append("```sh")
    L.append(f"{p['command']}   # runs everything below")
    shown = "W5k" if "W5k" in p["workloads"] else names[0]
    w = p["workloads"][shown]
    for k in ("fareflow", "fareflow_dicts", "after", "before"):
        if w.get(k):
            L.append((f"PYTHONPATH={b}/python " if k.startswith("fareflow") else "")
                     + _rel(w[k]["cmd"], b))
    others = ", ".join(n for n in names if n != shown)
    L.append(f"# and the same on {b}/workloads/W for W in {others}")
    L.append("```")
    L.append("")
    L.append(f"Raw numbers: `{b}/bench-results/python.json`.")
    return L


def _rel(cmd: list[str], build_dir: str) -> str:
    """`cmd` with the repository's path left out of the scripts and payload files."""
    out = []
    for a in cmd:
        for mark in ("/bench/python/", f"/{build_dir}/workloads/"):
            i = a.find(mark)
            if i > 0:
                kind = a[:a.find(":") + 1] if a.startswith(("amadeus:", "duffel:")) else ""
                a = kind + a[i + 1:]
                break
        out.append(a)
    return " ".join(out)


def readme_block(p: dict[str, Any]) -> list[str]:
    return ([f"fareflow from Python: a Python handler whose body is one call of `fareflow.search` "
             "(`import fareflow`, [docs/python.md](docs/python.md)) against the two Python "
             f"versions, on every workload ([docs/benchmarks.md](docs/benchmarks.md#{ANCHOR}) "
             "says how; handler time, median):", ""]
            + time_table(p, ranges=False)
            + ["", "Peak RSS of the process: " + "; ".join(
                f"{n}: fareflow {_mib(w['fareflow']['process_maxrss_kb'])}"
                + (f", after {_mib(w['after']['process_maxrss_kb'])}" if w.get("after") else "")
                for n, w in p["workloads"].items()) + ".", "", provenance(p)])


def update_section(p: dict[str, Any], path: str) -> None:
    """Rewrites only the Python module section of docs/benchmarks.md (placed before "## Time
    per offer" the first time, else before "## Workloads", else at the end)."""
    with open(path) as f:
        text = f.read()
    new = None
    for before in ("## Time per offer\n", "## Workloads\n", None):
        new = _replace_between(text, PYTHON_BEGIN, PYTHON_END, section(p), before)
        if new is not None:
            break
    with open(path, "w") as f:
        f.write(new)


def update_readme(p: dict[str, Any], readme: str) -> bool:
    """Rewrites only the Python module rows of the README's measured block (placed before the
    cache rows the first time). False when the README has no measured block."""
    return update_readme_rows(readme, PYTHON_BEGIN, PYTHON_END, readme_block(p), CACHE_BEGIN)
