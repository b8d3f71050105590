"""The speed targets in the benchmark report: parse+enrich and end to end against simdjson's DOM
parse, time per offer from W1k to W100k, the worker pool's scaling, the `fareflow search`
process against its own in-process time, and the compact answer form. Each row has its measured
value and whether it is met, in docs/benchmarks.md and in the README's measured block, between
the SPEED_BEGIN and SPEED_END markers, so that `scripts/bench --only speed` rewrites them alone.
Standard library only.

The numbers come in one dict (`scripts/bench` writes it as bench-results/speed.json):
    {"date", "cores", "loadavg_start", "loadavg_end", "mode", "command", "build_dir",
     "workloads": {"W1k": {"offers", "bytes", "gbench": {name: {"median", "min", "max", "n",
                                                               counters...}}}},
     "one_core": {"W5k": {"gbench": {...}, "cmd"}},   # the pool benchmarks under taskset -c 0
     "cli": {"W5k": {"cmd", "wall_ms": [...], "in_process_ms": [...]}}}
"""

from __future__ import annotations

import os
import shlex
from typing import Any, Optional

from bench_plots import (PYTHON_BEGIN, _fmt_ms, _median, _mb, _replace_between, measured_by,
                         update_readme_rows)

SPEED_BEGIN = "<!-- scripts/bench writes the speed targets from here -->"
SPEED_END = "<!-- to here: speed targets -->"
HEADING = "## Speed targets"
ANCHOR = "speed-targets"

# The benchmarks of fareflow_bench (bench/*_bench.cc) the targets read.
DOM = "BM_SimdjsonDomParse_All"
PARSE = "BM_ParseEnrich_All"
E2E = "BM_EndToEnd"
POOL = "BM_EndToEndPool"                     # the worker pool, one thread per core (wall time)
POOL_THREADS = {1: "BM_EndToEndPoolThreads/1", 2: "BM_EndToEndPoolThreads/2"}
PAIRS_FLOOR = "BM_Pairs_Floor"              # DOM parse, parse+enrich, end to end in adjacent turns
PAIRS_POOL = "BM_Pairs_Pool"                # 1 thread and the pool in adjacent turns (wall time)
SERIALIZE_FULL = "BM_SerializeAll"
SERIALIZE_COMPACT = "BM_SerializeAllCompact"

# The stages of an answer's `timings_ms` that are wall time on the search's own path (parse_enrich
# is CPU time inside `suppliers`): their sum is the in-process end to end of `fareflow search`.
WALL_STAGES = ("decode", "suppliers", "dedupe", "filter", "rank", "facets", "serialize")

POOL_WORKLOADS = ("W5k", "W20k")


def _ms(g: dict[str, Any], name: str) -> Optional[float]:
    return g[name]["median"] if name in g else None


def _ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return a / b if a is not None and b else None


def _x(r: Optional[float], digits: int = 2, limit: Optional[float] = None) -> str:
    """`r` as "1.23×"; with one more digit when it would read as the target's `limit` itself
    (1.797 against ≥ 1.8 would show as 1.80× and "no")."""
    if r is None:
        return "not measured"
    if limit is not None and f"{r:.{digits}f}" == f"{limit:.{digits}f}" and r != limit:
        digits += 1
    return f"{r:.{digits}f}×"


def _pairs(b: dict[str, Any]) -> str:
    """How many adjacent pairs a ratio is the median of."""
    return f"median of {int(b.get('pairs', 0))} adjacent pairs"


def _us(ms: float) -> str:
    return f"{ms * 1e3:.2f} µs"


def per_offer(s: dict[str, Any], name: str) -> dict[str, float]:
    """Median time of benchmark `name` per offer, in ms, for every workload that ran it."""
    out = {}
    for w, r in s["workloads"].items():
        t = _ms(r["gbench"], name)
        if t is not None:
            out[w] = t / r["offers"]
    return out


def cli_ratio(s: dict[str, Any], w: str) -> Optional[tuple[float, float, float]]:
    """(process wall median, in-process median, ratio) of `fareflow search` on workload `w`."""
    c = s.get("cli", {}).get(w)
    if not c:
        return None
    wall, inside = _median(c["wall_ms"]), _median(c["in_process_ms"])
    return wall, inside, wall / inside


def targets(s: dict[str, Any]) -> list[tuple[str, str, Optional[bool]]]:
    """(target, measured, met) for each speed target; met is None when it was not measured."""
    g5 = s["workloads"]["W5k"]["gbench"]
    rows: list[tuple[str, str, Optional[bool]]] = []

    pe_target = "parse+enrich of W5k, 1 thread, ≤ 0.8× simdjson's DOM parse of the same bytes"
    e2e_target = "end to end of W5k (bytes in, first page out), 1 thread, ≤ 0.9× the DOM parse"
    floor = g5.get(PAIRS_FLOOR)
    if floor and "parse_enrich_ratio" in floor:
        pe = floor["parse_enrich_ratio"]
        rows.append((pe_target, f"{_x(pe, limit=0.8)} ({_fmt_ms(floor['parse_enrich_ms'])} vs "
                     f"{_fmt_ms(floor['dom_ms'])}, {_pairs(floor)})", pe <= 0.8))
        e2e = floor["end_to_end_ratio"]
        rows.append((e2e_target, f"{_x(e2e, limit=0.9)} ({_fmt_ms(floor['end_to_end_ms'])}, "
                     f"{_pairs(floor)})", e2e <= 0.9))
    else:
        rows.append((pe_target, "not measured", None))
        rows.append((e2e_target, "not measured", None))

    po = per_offer(s, E2E)
    if len(po) >= 2:
        lo, hi = min(po, key=po.get), max(po, key=po.get)
        spread = po[hi] / po[lo]
        rows.append((f"time per offer, end to end, 1 thread, within 1.5× from "
                     f"{next(iter(po))} to {list(po)[-1]}",
                     f"{_x(spread, limit=1.5)} ({lo} {_us(po[lo])}, {hi} {_us(po[hi])})",
                     spread <= 1.5))
    else:
        rows.append(("time per offer within 1.5× from W1k to W100k", "not measured", None))

    for w in POOL_WORKLOADS:
        r = s["workloads"].get(w)
        g = r["gbench"] if r else {}
        p = g.get(PAIRS_POOL)
        target = f"worker pool on {s['cores']} cores ≥ 1.8× the 1-thread end to end, {w}"
        if p and "gain" in p:
            threads = int(p.get("threads", 0))
            # What the machine gives that many threads for this work, in the same turns.
            ceiling = (f"; {threads} searches at once, one per thread: {p['ceiling']:.2f}×"
                       if "ceiling" in p else "")
            rows.append((target, f"{_x(p['gain'], limit=1.8)} ({_fmt_ms(p['one_thread_ms'])} → "
                         f"{_fmt_ms(p['pool_ms'])}, {threads} threads, {_pairs(p)}{ceiling})",
                         p["gain"] >= 1.8))
        else:
            rows.append((target, "not measured", None))

    c = cli_ratio(s, "W5k")
    rows.append(("`fareflow search` whole process ≤ 1.5× its own in-process end to end, W5k",
                 f"{_x(c[2], limit=1.5)} ({_fmt_ms(c[0])} vs {_fmt_ms(c[1])})"
                 if c else "not measured",
                 c[2] <= 1.5 if c else None))

    full, compact = g5.get(SERIALIZE_FULL), g5.get(SERIALIZE_COMPACT)
    if full and compact and compact.get("bytes_out"):
        smaller = full["bytes_out"] / compact["bytes_out"]
        rows.append(("compact answer of W5k, `limit: 0`: ≥ 3× fewer bytes than the full form",
                     f"{smaller:.2f}× ({_mb(full['bytes_out'])} → {_mb(compact['bytes_out'])})",
                     smaller >= 3))
        write = _ratio(compact["median"], _ms(g5, PARSE))
        rows.append(("writing the compact answer of W5k, `limit: 0`, no slower than parsing it",
                     f"{_fmt_ms(compact['median'])} vs parse+enrich {_fmt_ms(_ms(g5, PARSE))} "
                     f"({_x(write)})", write <= 1.0 if write else None))
    else:
        rows.append(("compact answer of W5k, `limit: 0`: ≥ 3× fewer bytes", "not measured", None))
    return rows


def target_table(s: dict[str, Any]) -> list[str]:
    out = ["| target | measured | met |", "|---|---|:---:|"]
    for name, value, met in targets(s):
        mark = "not measured" if met is None else ("yes" if met else "**no**")
        out.append(f"| {name} | {value} | {mark} |")
    return out


def formats_table(s: dict[str, Any]) -> list[str]:
    g = s["workloads"]["W5k"]["gbench"]
    out = ["| W5k, 1 thread (median CPU time) | fareflow | simdjson DOM parse | ratio |",
           "|---|---:|---:|---:|"]
    for label, suffix in (("all payloads", "All"), ("Amadeus payloads", "Amadeus"),
                          ("Duffel payload", "Duffel")):
        mine, floor = _ms(g, f"BM_ParseEnrich_{suffix}"), _ms(g, f"BM_SimdjsonDomParse_{suffix}")
        if mine is not None and floor is not None:
            out.append(f"| parse+enrich, {label} | {_fmt_ms(mine)} | {_fmt_ms(floor)} | "
                       f"{mine / floor:.2f} |")
    if _ms(g, E2E) is not None:
        out.append(f"| end to end, all payloads | {_fmt_ms(_ms(g, E2E))} | {_fmt_ms(_ms(g, DOM))} "
                   f"| {_ms(g, E2E) / _ms(g, DOM):.2f} |")
    return out


def per_offer_table(s: dict[str, Any]) -> list[str]:
    e2e, parse, dom = per_offer(s, E2E), per_offer(s, PARSE), per_offer(s, DOM)
    out = ["| workload | offers | bytes | bytes per offer | end to end per offer | "
           "parse+enrich per offer | DOM parse per offer | end to end per kB |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for w, r in s["workloads"].items():
        cells = [_us(d[w]) if w in d else "" for d in (e2e, parse, dom)]
        per_offer_bytes = r["bytes"] / r["offers"]
        per_kb = f"{e2e[w] * 1e3 / (per_offer_bytes / 1e3):.3f} µs" if w in e2e else ""
        out.append(f"| {w} | {r['offers']:,} | {_mb(r['bytes'])} | "
                   f"{per_offer_bytes / 1e3:.1f} kB | " + " | ".join(cells) + f" | {per_kb} |")
    return out


def _all_threads_cpu(g: dict[str, Any]) -> str:
    """The CPU time every thread of the pool of 2 spent per search, and how much more that is than
    the 1-thread end to end: what splitting payloads and handing them over costs."""
    pool = g.get(POOL_THREADS[2], {}).get("all_threads_cpu_ms")
    if pool is None:
        return "not measured"
    one = _ms(g, E2E)
    if not one:
        return _fmt_ms(pool)
    change = (pool / one - 1) * 100
    return f"{_fmt_ms(pool)} ({abs(change):.0f} % {'more' if change >= 0 else 'less'} than 1 thread)"


def _median_search_ratio(g: dict[str, Any]) -> str:
    """The 1-thread end to end over the pool's, each its median search (counter search_p50_ms,
    wall time), with both medians: a benchmark's time is the mean of its searches, which one
    search stretched by a stalled core moves."""
    one = g.get(E2E, {}).get("search_p50_ms")
    pool = g.get(POOL, {}).get("search_p50_ms")
    if one is None or pool is None:
        return "not measured"
    return f"{_x(_ratio(one, pool), limit=1.8)} ({_fmt_ms(one)} → {_fmt_ms(pool)})"


def pool_table(s: dict[str, Any]) -> list[str]:
    out = ["| workload | 1 thread, no pool | pool of 1 thread | pool of 2 threads | "
           "pool of 2 threads on 1 core (`taskset -c 0`) | pool, one thread per core |"
           " pool ÷ 1 thread | the same, median search | CPU time of all threads, pool of 2"
           " threads |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for w in POOL_WORKLOADS:
        if w not in s["workloads"]:
            continue
        g = s["workloads"][w]["gbench"]
        one = s.get("one_core", {}).get(w, {}).get("gbench", {})
        cells = [_fmt_ms(_ms(g, E2E)) if E2E in g else "",
                 _fmt_ms(_ms(g, POOL_THREADS[1])) if POOL_THREADS[1] in g else "not measured",
                 _fmt_ms(_ms(g, POOL_THREADS[2])) if POOL_THREADS[2] in g else "not measured",
                 _fmt_ms(_ms(one, POOL_THREADS[2])) if POOL_THREADS[2] in one else "not measured",
                 _fmt_ms(_ms(g, POOL)) if POOL in g else "not measured",
                 _x(_ratio(_ms(g, E2E), _ms(g, POOL)), limit=1.8),
                 _median_search_ratio(g),
                 _all_threads_cpu(g)]
        out.append(f"| {w} | " + " | ".join(cells) + " |")
    return out


def cli_table(s: dict[str, Any]) -> list[str]:
    out = ["| workload | `fareflow search` process (wall) | in-process end to end (its "
           "`timings_ms`) | ratio |", "|---|---:|---:|---:|"]
    for w in s.get("cli", {}):
        c = cli_ratio(s, w)
        if c:
            out.append(f"| {w} | {_fmt_ms(c[0])} | {_fmt_ms(c[1])} | {c[2]:.2f}× |")
    return out


def _rel(cmd: list[str]) -> str:
    """`cmd` as a shell line with the repository's absolute path taken out of every argument."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    return " ".join(shlex.quote(a.replace(root, "")) for a in cmd)


def provenance(s: dict[str, Any]) -> str:
    return measured_by(s)


def section(s: dict[str, Any]) -> list[str]:
    build = s["build_dir"]
    bench = f"{build}/bench/fareflow_bench"
    lines = [HEADING, "", provenance(s), ""]
    lines += target_table(s)
    lines += ["", "### Parse+enrich against the floor", ""] + formats_table(s)
    lines += ["", "### Time per offer, every workload", ""] + per_offer_table(s)
    lines += ["", "### The worker pool: scaling on 1 and 2 threads, and on one core", ""]
    lines += pool_table(s)
    lines += ["", "### `fareflow search` as a whole process", ""] + cli_table(s)
    lines += [
        "",
        f"- *1 thread*: `{E2E}`, the payload bytes in memory, parsed one after another, through "
        "the pipeline to the first page of 20 as JSON (CPU time). *Pool of N threads*: "
        f"`{POOL_THREADS[1].split('/')[0]}/N`, the same search on a worker pool of N threads, "
        "wall time; *one thread per core*: `" + POOL + "`. On one core, two threads take turns. "
        "Every benchmark parses with parsers kept from run to run, as a pool worker keeps its "
        "own from search to search: simdjson's buffers are sized and faulted in once (the pool "
        "benchmarks first have every worker parse the largest payload once, then run one "
        "untimed search, for the same reason). *Median search*: a benchmark's time is the mean "
        "of the searches it ran, so a search that a stalled core made ten times longer moves "
        "it; the ratio of the median searches (each benchmark's counter `search_p50_ms`, wall "
        "time on both sides) does not move with one. *CPU time of all "
        "threads*: the process's CPU time per search with the pool of 2 (its counter "
        "`all_threads_cpu_ms`), against the 1-thread end to end: the work that splitting the "
        "largest payloads adds (the tail's copy, and the head's index of bytes the tail reads "
        "again), and what this machine's cores lose when both run at once.",
        f"- *Adjacent pairs*: the targets' ratios of parse+enrich and end to end to the DOM parse "
        f"come from `{PAIRS_FLOOR}`, the pool's gain from `{PAIRS_POOL}`. Each of their "
        "iterations runs every side of the ratio once, back to back, in an order that turns, "
        "and the ratio is the median of the iterations' own ratios (the times beside it are "
        "each side's median). This machine's speed changes over seconds, so benchmarks run "
        "seconds apart can meet different speeds even when their repetitions take turns: the "
        "tables below, from the separate benchmarks, moved by a tenth or more from run to run "
        "where the pairs moved by a few hundredths. The pool's pairs are wall time; the floor's "
        "are the thread's CPU time. The pool's pairs take a third turn, one whole search on "
        "each of the pool's threads at once, none split and no stage shared (the counter "
        "`ceiling`: that many searches on one thread over their wall time together): the work "
        "shares only the machine, its memory and caches, so that is the most the pool could "
        "gain on this machine whatever it splits, and its gain is to be read against it.",
        "- *Time per offer*: the benchmark's median divided by the workload's offers. The DOM "
        "parse is simdjson's parse of the same bytes into its full tape, the least a parser that "
        "builds a DOM must do. The workloads' offers are not the same size: a route has few direct "
        "flights, so a larger workload draws more of its offers from connecting itineraries (its "
        "Amadeus offers have 2.15 segments on average in W1k, 2.90 in W5k, 3.61 in W20k). "
        "*End to end per kB* divides by the bytes instead, and shows how much of the spread per "
        "offer is the size of the offers.",
        "- *`fareflow search`*: the wall time of a fresh process (start, reading the payload files, "
        "parse, pipeline, print, exit), against the sum of the wall-time stages its own answer "
        f"reports in `timings_ms` ({', '.join(WALL_STAGES)}): the work between the decoded "
        "request and the written answer.",
        "",
        "```sh",
        f"{s.get('command', 'scripts/bench --only speed')}   # runs everything below",
    ]
    for w, r in s["workloads"].items():
        lines.append(f"{bench} --workload-dir={build}/workloads/{w} "
                     f"--benchmark_filter='{r.get('filter', '')}' --benchmark_repetitions="
                     f"{r['gbench'][DOM]['n'] if DOM in r['gbench'] else 3} "
                     "--benchmark_enable_random_interleaving=true")
    for w, o in s.get("one_core", {}).items():
        lines.append(_rel(o["cmd"]))
    for w, c in s.get("cli", {}).items():
        lines.append(_rel(c["cmd"]))
    lines += ["```", "", f"Raw numbers: `{build}/bench-results/speed.json`."]
    return lines


def readme_block(s: dict[str, Any]) -> list[str]:
    return ([f"Speed targets ([docs/benchmarks.md](docs/benchmarks.md#{ANCHOR}) has the details "
             "and commands):", ""] + target_table(s) + ["", provenance(s)])


def update_section(s: dict[str, Any], path: str) -> None:
    """Rewrites only the speed targets section of docs/benchmarks.md (placed before the Python
    module rows the first time, else before "## Workloads", else at the end)."""
    with open(path) as f:
        text = f.read()
    new = None
    for before in (PYTHON_BEGIN, "## Workloads\n", None):
        new = _replace_between(text, SPEED_BEGIN, SPEED_END, section(s), before)
        if new is not None:
            break
    with open(path, "w") as f:
        f.write(new)


def update_readme(s: dict[str, Any], readme: str) -> bool:
    """Rewrites only the speed target rows of the README's measured block (placed before the
    Python module rows the first time). False when the README has no measured block."""
    return update_readme_rows(readme, SPEED_BEGIN, SPEED_END, readme_block(s), PYTHON_BEGIN)
