"""Tables, SVG plots and docs/benchmarks.md from the results scripts/bench collects.
Standard library only: the SVG is written by hand."""

from __future__ import annotations

import json
import math
import os
import re
import statistics
from typing import Any, Optional
from xml.sax.saxutils import escape

COLORS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#c53030", "#718096"]


def _fmt_ms(ms: float) -> str:
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 10:
        return f"{ms:.1f} ms"
    if ms >= 0.1:
        return f"{ms:.2f} ms"
    return f"{ms * 1000:.0f} µs"


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _range(xs: list[float]) -> str:
    return f"{_fmt_ms(min(xs))} – {_fmt_ms(max(xs))}"


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _mib(kb: float) -> str:
    return f"{kb / 1024:.1f} MiB"


# --- SVG -------------------------------------------------------------------------------------


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n'
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">'
        f"{escape(title)}</text>\n" + "\n".join(body) + "\n</svg>\n"
    )


def _log_ticks(lo: float, hi: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def bar_chart(title: str, groups: list[tuple[str, list[Optional[float]]]], series: list[str],
              unit: str, log: bool = False) -> str:
    """Horizontal bars: one group per label, one bar per series (None: not measured)."""
    label_w, plot_w, bar_h, gap = 250, 520, 16, 12
    n = len(series)
    top = 40 + (18 if n > 1 else 0)
    height = top + len(groups) * (n * bar_h + gap) + 40
    values = [v for _, vs in groups for v in vs if v is not None and v > 0]
    hi = max(values) * (1.15 if not log else 1)
    if log:
        ticks = _log_ticks(min(values), hi)
        lo, hi = ticks[0], ticks[-1]

        def x(v: float) -> float:
            return label_w + plot_w * (math.log10(v) - math.log10(lo)) / (
                math.log10(hi) - math.log10(lo))
    else:
        step = 10 ** math.floor(math.log10(hi))
        if hi / step < 3:
            step /= 2
        ticks = [i * step for i in range(int(hi / step) + 1)]

        def x(v: float) -> float:
            return label_w + plot_w * v / hi

    body = []
    if n > 1:
        lx = label_w
        for i, s in enumerate(series):
            body.append(f'<rect x="{lx}" y="30" width="12" height="12" fill="{COLORS[i]}"/>'
                        f'<text x="{lx + 16}" y="40">{escape(s)}</text>')
            lx += 24 + 7 * len(s)
    bottom = height - 30
    for t in ticks:
        tx = x(t) if t > 0 or not log else label_w
        label = _fmt_ms(t) if unit == "ms" else f"{t:g}"
        body.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{bottom}" '
                    f'stroke="#e2e8f0"/><text x="{tx:.1f}" y="{bottom + 14}" '
                    f'text-anchor="middle" fill="#4a5568">{escape(label)}</text>')
    y = top
    for label, vs in groups:
        body.append(f'<text x="{label_w - 8}" y="{y + n * bar_h / 2 + 4}" text-anchor="end">'
                    f"{escape(label)}</text>")
        for i, v in enumerate(vs):
            if v is not None and v > 0:
                w = max(1.0, x(v) - label_w)
                text = _fmt_ms(v) if unit == "ms" else f"{v:.3g}"
                body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                            f'fill="{COLORS[i % len(COLORS)]}"/><text x="{label_w + w + 4:.1f}" '
                            f'y="{y + bar_h - 5}" font-size="11">{escape(text)}</text>')
            y += bar_h
        y += gap
    return _svg(label_w + plot_w + 90, height, body, title)


def line_chart(title: str, xs: list[str], series: list[tuple[str, list[Optional[float]]]],
               y_label: str) -> str:
    """Categories along x, log-scaled y, one line per series."""
    left, plot_w, top, plot_h = 80, 560, 60, 300
    values = [v for _, vs in series for v in vs if v is not None and v > 0]
    ticks = _log_ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + plot_h * (1 - (math.log10(v) - math.log10(lo)) / (
            math.log10(hi) - math.log10(lo)))

    def x(i: int) -> float:
        return left + plot_w * (i + 0.5) / len(xs)

    body = []
    for t in ticks:
        body.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{left + plot_w}" y2="{y(t):.1f}" '
                    f'stroke="#e2e8f0"/><text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" '
                    f'fill="#4a5568">{t:g}</text>')
    for i, label in enumerate(xs):
        body.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
                    f"{escape(label)}</text>")
    body.append(f'<text x="16" y="{top + plot_h / 2}" transform="rotate(-90 16 '
                f'{top + plot_h / 2})" text-anchor="middle">{escape(y_label)}</text>')
    lx = left
    for k, (name, vs) in enumerate(series):
        color = COLORS[k % len(COLORS)]
        points = [(x(i), y(v)) for i, v in enumerate(vs) if v is not None and v > 0]
        if len(points) > 1:
            body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="'
                        + " ".join(f"{px:.1f},{py:.1f}" for px, py in points) + '"/>')
        for (px, py), v in zip(points, [v for v in vs if v is not None and v > 0]):
            body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"/>'
                        f'<text x="{px + 6:.1f}" y="{py - 6:.1f}" font-size="10" '
                        f'fill="{color}">{v:.3g}</text>')
        body.append(f'<rect x="{lx}" y="32" width="12" height="12" fill="{color}"/>'
                    f'<text x="{lx + 16}" y="42">{escape(name)}</text>')
        lx += 30 + 7 * len(name)
    return _svg(left + plot_w + 40, top + plot_h + 40, body, title)


# --- the numbers -----------------------------------------------------------------------------

STAGES = [
    ("BM_SimdjsonDomParse_All", "simdjson DOM parse, all payloads (the floor)"),
    ("BM_ParseEnrich_All", "parse + enrich, all payloads"),
    ("BM_ParseEnrich_Amadeus", "parse + enrich, Amadeus payloads"),
    ("BM_ParseEnrich_Duffel", "parse + enrich, Duffel payload"),
    ("BM_Dedupe", "dedupe"),
    ("BM_Filter", "filter"),
    ("BM_ScoreAndSort", "score + sort"),
    ("BM_Facets", "facets"),
    ("BM_SerializePage20", "serialize one page of 20 offers"),
    ("BM_SerializeAll", "serialize every offer"),
    ("BM_EndToEnd", "end to end: bytes in, first page out"),
    ("BM_EndToEndPool", "end to end with the worker pool (wall time)"),
]


def _floor_of(g: dict[str, Any], name: str) -> Optional[float]:
    for suffix in ("_Amadeus", "_Duffel"):
        if name.endswith(suffix):
            f = g.get("BM_SimdjsonDomParse" + suffix)
            return f["median"] if f else None
    f = g.get("BM_SimdjsonDomParse_All")
    return f["median"] if f else None


def headline(results: dict[str, Any]) -> dict[str, Any]:
    """The numbers the README and the targets quote, all on W5k."""
    w = results["workloads"]["W5k"]
    g = results["gbench_W5k"]
    pairs = g.get("BM_Pairs_Floor", {})
    paired = "end_to_end_ratio" in pairs
    if paired:
        # The floor and the end to end in adjacent pairs (bench/end_to_end_bench.cc): on a machine
        # whose speed changes over seconds, steadier than the ratio of two benchmarks' medians.
        e2e, floor = pairs["end_to_end_ms"], pairs["dom_ms"]
        e2e_ratio, parse_enrich_ratio = pairs["end_to_end_ratio"], pairs["parse_enrich_ratio"]
    else:
        e2e = g["BM_EndToEnd"]["median"]
        floor = g["BM_SimdjsonDomParse_All"]["median"]
        e2e_ratio = e2e / floor
        parse_enrich_ratio = g["BM_ParseEnrich_All"]["median"] / floor
    cli = w["fareflow_cli"]
    after = _median(w["python_after"]["times_ms"])
    before = _median(w["python_before"]["times_ms"]) if "python_before" in w else None
    rss_kb = max(cli["maxrss_kb"])
    return {
        "bytes": w["bytes"],
        "offers": w["offers"],
        "e2e_ms": e2e,
        "floor_ms": floor,
        "e2e_ratio": e2e_ratio,
        "parse_enrich_ratio": parse_enrich_ratio,
        "paired": paired,
        "cli_ms": _median(cli["wall_ms"]),
        "after_ms": after,
        "before_ms": before,
        "after_x": after / e2e,
        "pool_ms": g["BM_EndToEndPool"]["median"] if "BM_EndToEndPool" in g else None,
        "pool_threads": int(g["BM_EndToEndPool"].get("threads", 0)) if "BM_EndToEndPool" in g
        else 0,
        "after_cli_x": after / _median(cli["wall_ms"]),
        "before_x": before / e2e if before else None,
        "rss_kb": rss_kb,
        "rss_budget_kb": (3 * w["bytes"] + 16 * 1024 * 1024) / 1024,
        "serve_ms": _median(results["serve_start"]["ms"]),
        "lambda_ms": _median(results["lambda_start"]["ms"]) if "lambda_start" in results else None,
        "python_start_ms": _median(results["python_start"]["ms"])
        if "python_start" in results else None,
        "refine_p50_ms": results["refine"]["runs"][0].get("p50_ms") if results.get("refine")
        else None,
        "refine_p99_ms": results["refine"]["runs"][0].get("p99_ms") if results.get("refine")
        else None,
    }


def headline_table(results: dict[str, Any]) -> str:
    h = headline(results)
    w = results["workloads"]["W5k"]
    rows = [
        ("W5k: 5,000 offers, 3 Amadeus + 1 Duffel payloads", _mb(h["bytes"]), ""),
        ("simdjson DOM parse of the same bytes (the floor, 1 thread)", _fmt_ms(h["floor_ms"]),
         "1.00"),
        ("**fareflow end to end**, bytes in, first page out (1 thread)", _fmt_ms(h["e2e_ms"]),
         f"**{h['e2e_ratio']:.2f}**"),
    ]
    if h["pool_ms"] is not None:
        rows.append((f"fareflow end to end with the worker pool ({h['pool_threads']} threads, "
                     "wall time)", _fmt_ms(h["pool_ms"]), f"{h['pool_ms'] / h['floor_ms']:.2f}"))
    rows += [
        ("fareflow CLI, whole process (`fareflow search`, cold start, reads the files)",
         _fmt_ms(h["cli_ms"]), ""),
        ("Python \"after\": TypedDict, one pass, threads, GC off (handler)", _fmt_ms(h["after_ms"]),
         f"{h['after_ms'] / h['floor_ms']:.0f}"),
    ]
    if h["before_ms"]:
        rows.append(("Python \"before\": Pydantic models, separate passes (handler)",
                     _fmt_ms(h["before_ms"]), f"{h['before_ms'] / h['floor_ms']:.0f}"))
    rows.append(("peak RSS of `fareflow search` on W5k", _mib(h["rss_kb"]), ""))
    rows.append(("`fareflow serve`: exec to \"listening on\"", _fmt_ms(h["serve_ms"]), ""))
    if h["lambda_ms"] is not None:
        rows.append(("`fareflow lambda`: exec to its first `GET …/invocation/next`",
                     _fmt_ms(h["lambda_ms"]), ""))
    if h["python_start_ms"] is not None:
        rows.append(("Python \"after\": exec to ready (interpreter, imports, reference data)",
                     _fmt_ms(h["python_start_ms"]), ""))
    if h["refine_p50_ms"] is not None:
        rows.append(("refine/page of a 5,000-offer stored search over HTTP (p50, 1 connection)",
                     _fmt_ms(h["refine_p50_ms"]), ""))
    lines = ["| W5k (median) | time | × floor |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines.append("")
    if h["paired"]:
        lines.append("The floor and the end to end are measured in adjacent pairs (`BM_Pairs_Floor`"
                     "): their times are each side's median, the ratio the median of the pairs' "
                     "own.")
        lines.append("")
    pool = (f" ({h['after_ms'] / h['pool_ms']:.0f}× with the worker pool on "
            f"{h['pool_threads']} threads)" if h["pool_ms"] else "")
    lines.append(f"fareflow end to end is **{h['after_x']:.0f}×** faster than the tuned Python{pool} "
                 f"and {h['before_x']:.0f}× faster than the Pydantic version; the whole "
                 f"`fareflow search` process is {h['after_cli_x']:.0f}× faster than the tuned "
                 "Python handler alone." if h["before_x"] else "")
    del w
    return "\n".join(lines)


def _targets(results: dict[str, Any]) -> list[str]:
    h = headline(results)
    rows = [
        ("W5k end to end, single-threaded, within 1.5× of simdjson's own parse",
         f"{h['e2e_ratio']:.2f}×", h["e2e_ratio"] <= 1.5),
        ("≥ 50× faster than the Python \"after\" (end to end, in process)",
         f"{h['after_x']:.0f}× (1 thread)" + (
             f", {h['after_ms'] / h['pool_ms']:.0f}× (worker pool, {h['pool_threads']} threads)"
             if h["pool_ms"] else ""),
         h["after_x"] >= 50 or bool(h["pool_ms"] and h["after_ms"] / h["pool_ms"] >= 50)),
        ("process start to ready < 10 ms (`fareflow serve`)", _fmt_ms(h["serve_ms"]),
         h["serve_ms"] < 10),
        ("process start to ready < 10 ms (`fareflow lambda`, to its first `GET …/next`)",
         _fmt_ms(h["lambda_ms"]) if h["lambda_ms"] is not None else "not measured",
         h["lambda_ms"] is not None and h["lambda_ms"] < 10),
        ("refine/page on a 5,000-offer stored search < 1 ms (HTTP on loopback, p50 / p99, "
         "1 connection)",
         f"{_fmt_ms(h['refine_p50_ms'])} / {_fmt_ms(h['refine_p99_ms'])}"
         if h["refine_p50_ms"] is not None else "not measured",
         h["refine_p50_ms"] is not None and h["refine_p50_ms"] < 1),
        ("peak RSS for W5k < 3× input bytes + 16 MB",
         f"{_mib(h['rss_kb'])} (budget {_mib(h['rss_budget_kb'])})",
         h["rss_kb"] < h["rss_budget_kb"]),
    ]
    out = ["| target | measured | met |", "|---|---:|:---:|"]
    out += [f"| {a} | {b} | {'yes' if ok else '**no**'} |" for a, b, ok in rows]
    return out


def build_flags(m: dict[str, Any]) -> str:
    """How the measured build was compiled, as both pages say it."""
    pgo = ", profile-guided (`scripts/pgo-profile`)" if m.get("pgo") else ""
    lto = ", link-time optimised" if m.get("lto") else ""
    return f"`-O3 -march=native`{pgo}{lto}"


def write_docs(results: dict[str, Any], docs: str) -> None:
    plots = os.path.join(docs, "benchmarks")
    os.makedirs(plots, exist_ok=True)
    m = results["machine"]
    g = results["gbench_W5k"]
    ws = results["workloads"]
    names = list(ws)

    # Plots.
    stage_rows = [(label, [g[k]["median"]]) for k, label in STAGES if k in g]
    with open(os.path.join(plots, "stages.svg"), "w") as f:
        f.write(bar_chart("W5k: time per stage, single thread (median CPU time)", stage_rows,
                          ["median"], "ms"))
    groups = []
    for n in names:
        w = ws[n]
        groups.append((n, [
            w["gbench"]["BM_EndToEnd"]["median"],
            _median(w["fareflow_cli"]["wall_ms"]),
            _median(w["python_after"]["times_ms"]),
            _median(w["python_before"]["times_ms"]) if "python_before" in w else None,
        ]))
    series = ["fareflow, 1 thread", "fareflow CLI process", "Python after", "Python before"]
    with open(os.path.join(plots, "fareflow_vs_python.svg"), "w") as f:
        f.write(bar_chart("One search: fareflow vs Python (log scale, median)", groups, series,
                          "ms", log=True))
    per_offer = [
        ("fareflow, 1 thread", [ws[n]["gbench"]["BM_EndToEnd"]["median"] * 1e3 / ws[n]["offers"]
                                for n in names]),
        ("simdjson parse (floor)",
         [ws[n]["gbench"]["BM_SimdjsonDomParse_All"]["median"] * 1e3 / ws[n]["offers"]
          for n in names]),
        ("fareflow CLI process", [_median(ws[n]["fareflow_cli"]["wall_ms"]) * 1e3 / ws[n]["offers"]
                                  for n in names]),
        ("Python after", [_median(ws[n]["python_after"]["times_ms"]) * 1e3 / ws[n]["offers"]
                          for n in names]),
        ("Python before", [_median(ws[n]["python_before"]["times_ms"]) * 1e3 / ws[n]["offers"]
                           if "python_before" in ws[n] else None for n in names]),
    ]
    with open(os.path.join(plots, "time_per_offer.svg"), "w") as f:
        f.write(line_chart("Time per offer across workloads (median, log scale)", names,
                           per_offer, "µs per offer"))

    # The page.
    quick = results["mode"] == "quick"
    noisy = _busy(m)
    L: list[str] = []
    L.append("# Benchmarks")
    L.append("")
    L.append("Written by `scripts/bench`, which `make bench` runs after `make build` (`make bench "
             "BENCH_ARGS=--quick` for a run of about a minute); do not edit by hand, run it "
             f"again. This page is from a **{results['mode']}** run (`{results['command']}`)"
             + (": fewer repetitions and only W1k and W5k." if quick else ".") + "")
    L.append("")
    L.append("## Machine")
    L.append("")
    L.append("| | |\n|---|---|")
    L.append(f"| date | {m['date']} |")
    L.append(f"| CPU | {m.get('cpu')} |")
    L.append(f"| cores | {m['cores']} |")
    L.append(f"| RAM | {m.get('ram_gb')} GB |")
    L.append(f"| OS, kernel | {m.get('os')}, Linux {m['kernel']} |")
    L.append(f"| compiler | {m.get('compiler')} (Release: {build_flags(m)}) |")
    L.append(f"| load average (1 min) at start, end | {m['loadavg_start']:.2f}, "
             f"{m.get('loadavg_end', 0):.2f} (the end counts the benchmark's own server and wrk) |")
    L.append("")
    if noisy:
        L.append("The machine was busy with other work when this run started (load average above "
                 "half its cores): expect the times to be noisier and somewhat slower than on an idle "
                 "machine; the min–max columns show how much.")
        L.append("")
    L.append("## Headline (W5k)")
    L.append("")
    L.append(headline_table(results))
    L.append("")
    L.append("Targets (reported, not asserted):")
    L.append("")
    L += _targets(results)
    h = headline(results)
    ceiling = h["after_ms"] / h["floor_ms"]
    if ceiling < 50:
        L.append("")
        L.append(f"The Python \"after\" version takes {ceiling:.0f}× as long as simdjson's own "
                 "parse of the same bytes. A single-threaded implementation that reads every byte "
                 f"once can therefore be at most about {ceiling:.0f}× faster than it on this "
                 "machine, whatever it does after parsing: the 50× target needs more cores for "
                 "the worker pool than this machine's "
                 f"{results['machine']['cores']}.")
    L.append("")
    if results.get("cache"):
        L += [CACHE_BEGIN] + cache_section(dict(results["cache"], in_results=True)) + [CACHE_END]
        L.append("")
    page_rows = search_page_rows(os.path.join(docs, "benchmarks.md"))
    if page_rows:
        L += page_rows + [""]
    L.append("## Workloads")
    L.append("")
    L.append("`fareflow-payloadgen --workload W --out-dir DIR`: an LHR–JFK round trip for two "
             "adults; three Amadeus Flight Offers Search v2 payloads (EUR, EUR, USD) and one "
             "Duffel offer request (GBP), each a quarter of the offers; 10% of the offers are "
             "resold by Duffel at a price within 4% of an Amadeus one, so dedupe has work.")
    L.append("")
    L.append("| workload | offers | payload bytes | after dedupe | cheapest (EUR) |")
    L.append("|---|---:|---:|---:|---:|")
    for n in names:
        w = ws[n]
        L.append(f"| {n} | {w['offers']:,} | {_mb(w['bytes'])} "
                 f"({', '.join(_mb(p['bytes']) for p in w['payloads'])}) | "
                 f"{w['fareflow_cli']['deduplicated']:,} | {w['fareflow_cli']['cheapest']} |")
    L.append("")
    L.append("Every Python version run finds the same number of offers after dedupe and the "
             "same cheapest price as fareflow on every workload; `scripts/bench` fails if not.")
    L.append("")
    L.append("## Stages on W5k (Google Benchmark, single thread)")
    L.append("")
    L.append("![stages](benchmarks/stages.svg)")
    L.append("")
    L.append("| stage | median CPU time | min – max | × floor |")
    L.append("|---|---:|---:|---:|")
    for k, label in STAGES:
        if k not in g:
            continue
        r = g[k]
        floor = _floor_of(g, k)
        ratio = f"{r['median'] / floor:.2f}" if floor and (k.startswith("BM_ParseEnrich") or k in (
            "BM_EndToEnd", "BM_SimdjsonDomParse_All")) else ""
        L.append(f"| {label} | {_fmt_ms(r['median'])} | {_fmt_ms(r['min'])} – "
                 f"{_fmt_ms(r['max'])} | {ratio} |")
    L.append("")
    L.append(f"{g['BM_EndToEnd']['n']} repetitions. Parse + enrich of one format is compared with "
             "simdjson's parse of that format's bytes; the rest with the parse of all payloads.")
    L.append("")
    L.append("## fareflow vs Python, every workload")
    L.append("")
    L.append("![fareflow vs Python](benchmarks/fareflow_vs_python.svg)")
    L.append("")
    L.append("| workload | fareflow, 1 thread | fareflow, worker pool | fareflow CLI process | "
             "Python after | Python before | after ÷ fareflow | before ÷ after |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        w = ws[n]
        e2e = w["gbench"]["BM_EndToEnd"]["median"]
        pool = w["gbench"].get("BM_EndToEndPool", {}).get("median")
        cli = w["fareflow_cli"]["wall_ms"]
        after = w["python_after"]["times_ms"]
        before = w.get("python_before", {}).get("times_ms")
        L.append(f"| {n} | {_fmt_ms(e2e)} | {_fmt_ms(pool) if pool else 'not run'} | "
                 f"{_fmt_ms(_median(cli))} ({_range(cli)}) | "
                 f"{_fmt_ms(_median(after))} ({_range(after)}) | "
                 + (f"{_fmt_ms(_median(before))} ({_range(before)})" if before else "not run")
                 + f" | {_median(after) / e2e:.0f}× | "
                 + (f"{_median(before) / _median(after):.1f}×" if before else "") + " |")
    L.append("")
    L.append("- *fareflow, 1 thread*: `BM_EndToEnd`, the payload bytes already in memory, parsed "
             "one after another on one thread, through the whole pipeline to the first page of "
             "20 as JSON.")
    L.append("- *fareflow, worker pool*: `BM_EndToEndPool`, the same with each payload parsed on a "
             "thread of the worker pool (one per hardware thread), as a live search does; wall "
             "time.")
    L.append("- *fareflow CLI process*: wall time of a fresh `fareflow search` process on the "
             "payload files (start, read, parse on one thread per payload up to the cores, "
             "pipeline, print, exit).")
    L.append("- *Python*: the handler's wall time in one long-lived process (bytes already in "
             "memory, reference data loaded at start, as in a warm Lambda), answering the same "
             "search with the same page of 20. `bench/python/search_before.py` is the talk's "
             "starting point (Pydantic 1.10 models, separate passes); "
             "`bench/python/search_after.py` has its fixes (TypedDict, one combined "
             "parse+enrich pass, precomputed fields, threads, GC disabled in the handler). The "
             "after version's `gc.collect()` after the answer is not counted, as in the talk; it "
             "took a median of "
             + ", ".join(f"{_fmt_ms(_median(ws[n]['python_after']['after_response_ms']))} on {n}"
                         for n in names if ws[n]["python_after"]["after_response_ms"]) + ".")
    if any("python_before" not in ws[n] for n in names):
        L.append("- The Pydantic version runs on "
                 + ("W5k only in a quick run" if quick else "W1k and W5k only")
                 + ": at about a second per 1,000 offers it would take minutes on the larger "
                 "workloads.")
    py = ws["W5k"]["python_after"]["python"]
    L.append(f"- Python {py} (`/usr/bin/python3`, Debian), Pydantic 1.10 (`python3-pydantic`).")
    L.append("")
    # scripts/bench writes this run's Python module rows into the section kept here
    # (bench_python.py).
    python_rows = kept_rows(os.path.join(docs, "benchmarks.md"), PYTHON_BEGIN, PYTHON_END)
    if python_rows:
        L += python_rows + [""]
    L.append("## Time per offer")
    L.append("")
    L.append("![time per offer](benchmarks/time_per_offer.svg)")
    L.append("")
    L.append("| workload | offers | fareflow, 1 thread | floor | CLI process | Python after | "
             "Python before |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    for i, n in enumerate(names):
        cells = []
        for _, vs in per_offer:
            v = vs[i]
            cells.append("" if v is None else f"{v:.2f} µs" if v < 100 else f"{v:,.0f} µs")
        L.append(f"| {n} | {ws[n]['offers']:,} | " + " | ".join(
            [cells[0], cells[1], cells[2], cells[3], cells[4]]) + " |")
    L.append("")
    builtin = sorted(((int(k.split("/")[1]), v) for k, v in g.items()
                      if k.startswith("BM_BuiltinSearch/")), key=lambda kv: kv[0])
    if builtin:
        L.append("## The built-in supplier in process")
        L.append("")
        L.append("The same search answered by the built-in supplier, as `fareflow serve` does "
                 "without a configuration: offers generated straight into the request's arena "
                 "(no JSON to parse), enriched, then the whole pipeline and the first page "
                 "(`BM_BuiltinSearch/N`, single thread, CPU time).")
        L.append("")
        L.append("| offers asked | offers | median | min – max | per offer |")
        L.append("|---:|---:|---:|---:|---:|")
        for asked, v in builtin:
            kept = int(v.get("offers", asked)) or asked
            L.append(f"| {asked:,} | {kept:,} | {_fmt_ms(v['median'])} | "
                     f"{_fmt_ms(v['min'])} – {_fmt_ms(v['max'])} | "
                     f"{v['median'] * 1e3 / kept:.2f} µs |")
        L.append("")
    L.append("## Memory: peak RSS against input bytes")
    L.append("")
    L.append("| workload | input bytes | `fareflow search` peak RSS | ÷ input | budget 3× input + "
             "16 MB | Python after process peak RSS |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for n in names:
        w = ws[n]
        rss = max(w["fareflow_cli"]["maxrss_kb"])
        budget = (3 * w["bytes"] + 16 * 1024 * 1024) / 1024
        L.append(f"| {n} | {_mb(w['bytes'])} | {_mib(rss)} | {rss * 1024 / w['bytes']:.2f} | "
                 f"{_mib(budget)} | {_mib(w['python_after']['maxrss_kb'])} |")
    L.append("")
    L.append("Peak RSS is the child's `ru_maxrss` from `wait4`, the largest over the runs.")
    L.append("")
    L.append("## Server")
    L.append("")
    s = results["serve_start"]["ms"]
    L.append(f"- `fareflow serve --port 0`, exec to the \"listening on\" line on standard output: "
             f"median **{_fmt_ms(_median(s))}** ({_range(s)}, {len(s)} starts).")
    http = results.get("http")
    if http:
        L.append(f"- `POST /v1/searches` under load from `wrk` ({http['connections']} connections, "
                 f"one wrk thread, {http['seconds']} s, built-in supplier, LON–NYC round trip, "
                 f"two adults, a page of 20): **{http['requests_per_s']:.0f} searches/s**, "
                 f"latency p50 {_fmt_ms(http.get('p50_ms', 0))}, p90 "
                 f"{_fmt_ms(http.get('p90_ms', 0))}, p99 {_fmt_ms(http.get('p99_ms', 0))}; "
                 f"{http['non_2xx']} answers other than 2xx. The server and wrk share the "
                 f"machine's {m['cores']} cores.")
    else:
        L.append("- HTTP load not measured (`wrk` missing; `scripts/install-deps --bench`).")
    refine = results.get("refine")
    if refine:
        for r in refine["runs"]:
            L.append(f"- `GET /v1/searches/{{id}}/offers` on a stored search of "
                     f"{refine['offers']:,} offers (built-in supplier, `max_offers` 5000), "
                     f"{len(refine['paths'])} refine and page calls in turn (other sorts, "
                     f"filters, the second page by cursor), {r['connections']} "
                     f"connection{'s' if r['connections'] > 1 else ''}, {r['seconds']} s: "
                     f"**{r['requests_per_s']:.0f} calls/s**, latency p50 "
                     f"{_fmt_ms(r.get('p50_ms', 0))}, p90 {_fmt_ms(r.get('p90_ms', 0))}, p99 "
                     f"{_fmt_ms(r.get('p99_ms', 0))}.")
    ls = results.get("lambda_start")
    if ls:
        L.append(f"- `fareflow lambda`, exec to its first `GET …/invocation/next` on a loopback "
                 f"socket standing in for the Runtime API: median **{_fmt_ms(_median(ls['ms']))}** "
                 f"({_range(ls['ms'])}, {len(ls['ms'])} starts).")
    ps = results.get("python_start")
    if ps:
        L.append(f"- The Python \"after\" version, exec to ready (interpreter, imports, reference "
                 f"data; `--ready`): median **{_fmt_ms(_median(ps['ms']))}** ({_range(ps['ms'])}, "
                 f"{len(ps['ms'])} starts).")
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("```sh")
    b = results["build_dir"]
    L.append(results["command"] + "   # runs everything below")
    L.append(f"# per workload W: {b}/workloads/W/, kept while newer than the generator")
    L.append(f"{b}/tools/fareflow-payloadgen --workload W5k --out-dir {b}/workloads/W5k")
    L.append(f"{b}/bench/fareflow_bench --workload-dir={b}/workloads/W5k "
             f"--benchmark_repetitions={g['BM_EndToEnd']['n']}")
    L.append(f"{b}/bench/fareflow_bench --workload-dir={b}/workloads/W1k "
             "--benchmark_filter='BM_EndToEnd|BM_SimdjsonDomParse_All' --benchmark_repetitions=3")

    def rel(cmd: list[str]) -> str:
        root = os.path.dirname(docs) + "/"
        return " ".join(c.replace(root, "") for c in cmd)

    L.append(rel(ws["W5k"]["fareflow_cli"]["cmd"]))
    L.append(rel(ws["W5k"]["python_after"]["cmd"]))
    if "python_before" in ws["W5k"]:
        L.append(rel(ws["W5k"]["python_before"]["cmd"]))
    L.append(f"{b}/fareflow serve --port 0   # timed to its first line, then SIGTERM")
    if ls:
        L.append(f"AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT {b}/fareflow lambda   # timed to the "
                 "request line of its first GET, then killed")
    if ps:
        L.append(rel(ps["cmd"]) + "   # timed to its \"ready\" line")
    if http:
        L.append(rel(http["cmd"]).replace(http["cmd"][-2], "post.lua") + "   # post.lua: wrk.method "
                 "= \"POST\", wrk.body = the request below")
        L.append("# " + http["body"])
    if refine:
        for r in refine["runs"]:
            L.append(rel(r["cmd"]).replace(r["cmd"][-2], "refine.lua") + "   # refine.lua: "
                     "the calls below in turn")
        L.append("# after POST /v1/searches of the request above with a configuration of "
                 "{\"suppliers\":[{\"name\":\"builtin\",\"kind\":\"builtin\",\"max_offers\":5000}]}:")
        for path in refine["paths"]:
            L.append("#   GET " + path)
    L.append("```")
    L.append("")
    L.append(f"Raw numbers of the last run: `{b}/bench-results/results.json` and the Google "
             "Benchmark JSON next to it.")
    L.append("")
    with open(os.path.join(docs, "benchmarks.md"), "w") as f:
        f.write("\n".join(L))


README_BEGIN = "<!-- make bench writes from here -->"
README_END = "<!-- to here -->"


def _busy(m: dict[str, Any]) -> bool:
    """Whether other work was running when the run started. The load average at the end counts
    the benchmark's own processes (the server and wrk keep both cores busy), so it says
    nothing about other work."""
    return m["loadavg_start"] > 0.5 * (m["cores"] or 1)


def write_readme(results: dict[str, Any], readme: str) -> bool:
    """Replaces the README's measured block (between the two markers) with this run's headline
    table, plot and provenance. False when the README has no markers."""
    with open(readme) as f:
        text = f.read()
    begin, end = text.find(README_BEGIN), text.find(README_END)
    if begin < 0 or end < begin:
        return False
    m = results["machine"]
    noisy = _busy(m)
    block = [
        README_BEGIN,
        headline_table(results),
        "",
        "![fareflow vs Python](docs/benchmarks/fareflow_vs_python.svg)",
        "",
        f"Measured by one {results['mode']} run of `{results['command']}` (what `make bench` "
        f"runs) on {m['date']}: {m.get('cpu')}, {m['cores']} cores, {m.get('os')}, "
        f"{m.get('compiler')}, {build_flags(m)}; load average {m['loadavg_start']:.2f} when "
        "it started"
        + (" (other work shared the cores: read the ratios, measured side by side, rather than "
           "the absolute times)." if noisy else ", nothing else running."),
    ]
    old = text[begin:end]
    if PYTHON_BEGIN in old and PYTHON_END in old:
        # scripts/bench writes this run's Python module rows here afterwards (bench_python.py).
        block += ["", old[old.find(PYTHON_BEGIN):old.find(PYTHON_END) + len(PYTHON_END)]]
    if results.get("cache"):
        block += ["", CACHE_BEGIN] + readme_cache_block(results["cache"]) + [CACHE_END, ""]
    elif CACHE_BEGIN in old and CACHE_END in old:
        # Rows of an earlier `--only cache` run stay until a run measures them again.
        block += ["", old[old.find(CACHE_BEGIN):old.find(CACHE_END) + len(CACHE_END)], ""]
    block.append(README_END)
    text = text[:begin] + "\n".join(block) + text[end + len(README_END):]
    with open(readme, "w") as f:
        f.write(text)
    return True



# --- cache of supplier answers and price calendar --------------------------------------------

# The cache and price calendar rows sit between these markers, in docs/benchmarks.md and inside
# the README's measured block, so that `scripts/bench --only cache` can rewrite them alone.
CACHE_BEGIN = "<!-- scripts/bench writes the cache and price calendar rows from here -->"
CACHE_END = "<!-- to here: cache and price calendar -->"
CACHE_TARGET_EXCESS_MS = 2.0

# The search page's paint timings, written by tests/browser/paint_timing.mjs (it drives a browser,
# which scripts/bench does not), and kept as they are when a full run rewrites the page.
SEARCH_PAGE_BEGIN = "<!-- tests/browser/paint_timing.mjs writes the search page rows from here -->"
SEARCH_PAGE_END = "<!-- to here: search page -->"


# The rows of fareflow's Python module (bench/bench_python.py writes them), in docs/benchmarks.md
# and inside the README's measured block, so that `scripts/bench --only python` can rewrite them
# alone; a whole run without the module keeps them as they are.
PYTHON_BEGIN = "<!-- scripts/bench writes the Python module rows from here -->"
PYTHON_END = "<!-- to here: Python module -->"


def search_page_rows(path: str) -> list[str]:
    """The search page section of the docs/benchmarks.md at `path`, markers included; [] when
    it has none."""
    return kept_rows(path, SEARCH_PAGE_BEGIN, SEARCH_PAGE_END)


def kept_rows(path: str, begin_marker: str, end_marker: str) -> list[str]:
    """The lines of the file at `path` from `begin_marker` to `end_marker`, markers included;
    [] when it has none."""
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return []
    begin, end = text.find(begin_marker), text.find(end_marker)
    if begin < 0 or end < begin:
        return []
    return text[begin:end + len(end_marker)].split("\n")
CALENDAR_WARM_TARGET_MS = 10.0
CALENDAR_COLD_TARGET_X = 2.0


def _p99(xs: list[float]) -> float:
    """Nearest rank: with fewer than 100 values, the largest."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-99 * len(s) // 100) - 1))]


def _p50_p99(xs: list[float]) -> str:
    return f"{_fmt_ms(_median(xs))} / {_fmt_ms(_p99(xs))}"


CALENDARS = [("one_way_31", "31-day one-way calendar"),
             ("grid_7x7", "7×7 round-trip grid (7 departure days × 3–9 nights)")]


def cache_rows(c: dict[str, Any]) -> list[tuple[str, str, str, Optional[bool]]]:
    """(measurement, value, target, met: None when the row has no target)."""
    s = c["search"]
    live, cached, proc = s["live_ms"], s["cached_ms"], s["processing_ms"]
    excess = s["excess_ms"]
    rows: list[tuple[str, str, str, Optional[bool]]] = [
        (f"W5k-size search live (`\"cache\":\"bypass\"`, emulators without latency): server "
         f"time p50 / p99, {len(live)} runs", _p50_p99(live), "", None),
    ]
    storing = s.get("live_storing_ms")
    if storing:
        rows.append((f"the same search live, storing the answers (`\"cache\":\"refresh\"`): "
                     f"server time p50 / p99, {len(storing)} runs", _p50_p99(storing), "", None))
    rows += [
        (f"the same search from a warm cache (`\"cache\":\"prefer\"`): server time p50 / p99, "
         f"{len(cached)} runs", _p50_p99(cached) + f" ({_median(live) / _median(cached):.1f}× "
         "faster than live)", "", None),
        ("processing alone: the same payload bytes through `fareflow search` in process, "
         "p50 / p99", _p50_p99(proc), "", None),
        ("cached p50 − processing alone p50 (both without serializing the page)",
         f"{excess:+.2f} ms (cached ÷ processing "
         f"{_median(s['cached_no_serialize_ms']) / _median(proc):.2f})",
         f"within {CACHE_TARGET_EXCESS_MS:g} ms", excess <= CACHE_TARGET_EXCESS_MS),
    ]
    with_read = [p + r for p, r in zip(proc, s["read_ms"])]
    cached_p50 = _median(s["cached_no_serialize_ms"])
    rows.append(("cached p50 − `fareflow search` p50 with reading its payload files (mapped, "
                 "the largest one's time added back)",
                 f"{cached_p50 - _median(with_read):+.2f} ms (cached ÷ CLI "
                 f"{cached_p50 / _median(with_read):.2f})", "", None))
    cal = c.get("calendar")
    if not cal:
        rows.append(("price calendar", "not measured: the server has no `POST /v1/calendars`",
                     "", None))
        return rows
    single = _median(cal["single_call_ms"])
    lat = cal["latency_ms"]
    rows.append((f"slowest single supplier call: one live search (`bypass`), emulators answering "
                 f"after {lat['amadeus']} / {lat['duffel']} ms, wall time, median of "
                 f"{len(cal['single_call_ms'])}", _fmt_ms(single), "", None))
    for name, label in CALENDARS:
        r = cal["calendars"].get(name)
        if not r:
            continue
        grid = name == "grid_7x7"
        cc, wc = r["cold_coverage"], r["warm_coverage"]
        ratio = r["cold_wall_ms"] / single
        cpu = r.get("cold_cpu_ms")
        rows.append((f"{label}, cold (`fill` on an empty cache): wall time; supplier calls; "
                     "cells filled" + ("; CPU time of the emulators and of fareflow" if cpu
                                       else ""),
                     f"{_fmt_ms(r['cold_wall_ms'])} ({ratio:.2f}× the slowest call); "
                     f"{cc['supplier_calls']} calls; {cc['filled']} / {cc['cells']}"
                     + (f"; {_fmt_ms(cpu['emulators'])}, {_fmt_ms(cpu['fareflow'])}" if cpu
                        else ""),
                     f"within {CALENDAR_COLD_TARGET_X:g}× the slowest single supplier call, "
                     "every cell filled" if grid else "",
                     (ratio <= CALENDAR_COLD_TARGET_X and cc["filled"] == cc["cells"])
                     if grid else None))
        warm = r["warm_ms"]
        rows.append((f"{label}, warm (`cached`): server time p50 / p99, {len(warm)} runs; "
                     "supplier calls; cells filled",
                     f"{_p50_p99(warm)} (client wall p50 {_fmt_ms(_median(r['warm_wall_ms']))}); "
                     f"{wc['supplier_calls']} calls; "
                     f"{wc['filled']} / {wc['cells']}",
                     f"under {CALENDAR_WARM_TARGET_MS:g} ms" if grid else "",
                     (_median(warm) < CALENDAR_WARM_TARGET_MS and wc["supplier_calls"] == 0)
                     if grid else None))
    return rows


def cache_table(c: dict[str, Any]) -> list[str]:
    out = ["| measurement | value | target | met |", "|---|---:|---|:---:|"]
    for a, b, target, ok in cache_rows(c):
        met = "" if ok is None else "yes" if ok else "**no**"
        out.append(f"| {a} | {b} | {target} | {met} |")
    return out


def measured_by(m: dict[str, Any], python: str = "") -> str:
    """The sentence under a partial run's rows: its command, date, Python (when it ran one), load
    and CPU (a partial run's machine may not be the full run's), and a warning to read ratios
    when other work shared the cores."""
    return (f"Measured by one {m['mode']} run of `{m['command']}` on {m['date']}"
            + (f": Python {python} (`/usr/bin/python3`)," if python else ";")
            + f" load average {m['loadavg_start']:.2f} when it started and "
            f"{m['loadavg_end']:.2f} at its end, {m['cores']} cores"
            + (f" of {m['cpu']}" if m.get("cpu") else "")
            + (" (other work shared the cores: read the ratios, measured side by side, rather "
               "than the absolute times)." if _busy(m) else "."))


def _cache_provenance(c: dict[str, Any]) -> str:
    return measured_by(c)


def cache_section(c: dict[str, Any]) -> list[str]:
    """docs/benchmarks.md's "Cache and price calendar", between CACHE_BEGIN and CACHE_END."""
    s = c["search"]
    b = c.get("build_dir", "build")

    def rel(cmd: list[str]) -> str:
        out = []
        for a in cmd:
            a = re.sub(r"^.*/(" + re.escape(b) + r"/)", r"\1", a)
            a = re.sub(r"^(amadeus|duffel):.*/", r"\1:PAYLOADS/", a)
            out.append(a)
        return " ".join(out)

    def config(cfg: dict[str, Any]) -> str:
        return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", json.dumps(cfg))

    t = s["cached_timings"]
    stage = {k: _median([x.get(k, 0) for x in t]) for k in ("suppliers", "serialize")}
    cli_suppliers = _median([x["suppliers"] for x in s["cli_timings"]])
    mb = {k: v / 1e6 for k, v in s["payload_bytes"].items()}
    L = ["## Cache and price calendar", "", _cache_provenance(c), ""]
    L += cache_table(c)
    L.append("")
    L.append(f"- **Search**: `fareflow serve` with two suppliers, the Amadeus emulator (its "
             f"{s['amadeus_offers']} offers, Amadeus's most) and the Duffel emulator "
             f"(`--offers-cap {s['duffel_offers']}`), answering at once: {s['offers']:,} offers "
             f"per search ({s['deduplicated']:,} after dedupe), "
             f"{sum(mb.values()):.1f} MB of payloads (Amadeus {mb.get('amadeus', 0):.1f} MB, "
             f"Duffel {mb.get('duffel', 0):.1f} MB); a London to New York (LON–NYC) round trip 30 days "
             "ahead for two adults, a page of 20 (the request below).")
    L.append("- *Server time*: the stages of the answer's `Server-Timing` header added up "
             "(decode, suppliers, dedupe, filter, rank, facets, serialize; `parse_enrich` is CPU "
             "time inside `suppliers`' wall time), from the decoded request to the written "
             "answer. Wall time at the client (Python on loopback, the answer read whole): live "
             f"p50 {_fmt_ms(_median(s['live_wall_ms']))}, cached p50 "
             f"{_fmt_ms(_median(s['cached_wall_ms']))}.")
    L.append("- *From a warm cache*: after one search with `\"cache\":\"prefer\"` stored both "
             "answers; every cached answer says `cache.source` `cache` for both suppliers and has "
             "the live answer's offers, counts and facets (checked).")
    L.append("- *Processing alone*: the payloads fetched from the same emulators with the "
             "requests fareflow sends (the same bytes: sizes checked), then "
             "`fareflow search --payload …` on them, alternating with the cached searches. Its "
             "answer's `timings_ms`: `suppliers` (each payload read, parsed and enriched on its "
             "own thread; wall time) + `dedupe` + `filter` + `rank` + `facets`, minus the time to "
             "read the largest payload file as the CLI does, mapped with its pages read in "
             "(timed by the bench right after each run, median "
             f"{_fmt_ms(_median(s['read_ms']))}): parse and enrich from bytes in memory "
             "through the pipeline, without writing the answer; so the cached side of the "
             "comparison leaves out the server's "
             f"`serialize` too (median {_fmt_ms(stage['serialize'])}). The cached search's "
             f"`suppliers` stage (cache lookup, decompression, parse and enrich) took a median "
             f"of {_fmt_ms(stage['suppliers'])}; the CLI's, file reading included, "
             f"{_fmt_ms(cli_suppliers)}."
             + ("" if s.get("cli_same_first_page") else " (The CLI's first page differs from "
                "the server's: offer ids differ.)"))
    cal = c.get("calendar")
    if cal:
        lat = cal["latency_ms"]
        L.append(f"- **Price calendars**: the emulators answering after {lat['amadeus']} ms "
                 f"(Amadeus) and {lat['duffel']} ms (Duffel), {cal['offers']} offers an answer "
                 "(a calendar keeps only each answer's cheapest fares); MAD to LON for one adult "
                 "in EUR, departures from 30 days ahead. *Cold*: a new `fareflow serve` process "
                 "(an empty cache), `\"mode\":\"fill\"` with `max_calls` = cells × 2 suppliers "
                 "(the configuration's cap, `calendar.max_calls`, allows it; no supplier call "
                 "budget). *Warm*: the same calendar again, `\"mode\":\"cached\"`. Wall time is "
                 "the client's, from sending the request to the answer's last byte; server time "
                 "is the `Server-Timing: total` of the answer. The slowest single supplier call "
                 "is the wall time of one live one-way search (`\"cache\":\"bypass\"`) against "
                 "the same emulators. The CPU times are what each process used during the cold "
                 "calendar (from /proc): the emulators making the answers and fareflow share the "
                 f"machine's {c['cores']} cores, so the emulators' share of it is time a "
                 "deployment's suppliers would spend on their own machines.")
    L.append("")
    L.append("```sh")
    L.append(f"{c['command']}   # runs everything below")
    for cmd in s["emulators"]:
        L.append(rel(cmd))
    L.append(f"{b}/fareflow serve --port 0 --config CONFIG   # FF_BENCH_AMADEUS_ID, "
             "FF_BENCH_AMADEUS_SECRET, FF_BENCH_DUFFEL_TOKEN: the emulators' credentials")
    L.append("# CONFIG: " + config(s["config"]))
    L.append("# POST /v1/searches, \"cache\":\"bypass\" (live), then \"prefer\" (cached):")
    L.append("# " + s["body"])
    L.append(rel(s["cli_cmd"]) + "   # PAYLOADS: the emulators' answers to fareflow's requests")
    if cal:
        for cmd in cal["emulators"]:
            L.append(rel(cmd))
        L.append("# CONFIG: " + config(cal["config"]))
        L.append("# POST /v1/searches " + cal["probe"])
        for name, _ in CALENDARS:
            r = cal["calendars"].get(name)
            if r:
                L.append("# POST /v1/calendars " + r["body_cold"] + "   # cold, then warm:")
                L.append("# POST /v1/calendars " + r["body_warm"])
    L.append("```")
    L.append("")
    L.append(f"Raw numbers: `{b}/bench-results/"
             + ("results.json` (`cache`)" if c.get("in_results") else "cache.json`") + ".")
    return L


def _replace_between(text: str, begin: str, end: str, block: list[str],
                     before: Optional[str]) -> Optional[str]:
    """`text` with the lines from `begin` to `end` replaced by `block` (markers included);
    without the markers, `block` goes just before the first `before` (or at the end). None
    when `before` is given but absent and the markers are too."""
    new = "\n".join([begin] + block + [end])
    i, j = text.find(begin), text.find(end)
    if i >= 0 and j > i:
        return text[:i] + new + text[j + len(end):]
    if before is None:
        return text.rstrip("\n") + "\n\n" + new + "\n"
    k = text.find(before)
    if k < 0:
        return None
    head = text[:k] if text[:k].endswith("\n\n") or k == 0 else text[:k].rstrip("\n") + "\n\n"
    return head + new + "\n\n" + text[k:]


def update_cache_section(c: dict[str, Any], path: str) -> None:
    """Rewrites only the cache and price calendar section of docs/benchmarks.md (inserted before
    "## Workloads" the first time)."""
    with open(path) as f:
        text = f.read()
    new = _replace_between(text, CACHE_BEGIN, CACHE_END, cache_section(c), "## Workloads\n")
    if new is None:
        new = _replace_between(text, CACHE_BEGIN, CACHE_END, cache_section(c), None)
    with open(path, "w") as f:
        f.write(new)


def readme_cache_block(c: dict[str, Any]) -> list[str]:
    return (["The cache of supplier answers and the price calendar, against the supplier "
             "emulators ([docs/benchmarks.md](docs/benchmarks.md#cache-and-price-calendar) says "
             "how):", ""] + cache_table(c) + ["", _cache_provenance(c)])


def update_readme_rows(readme: str, begin_marker: str, end_marker: str, rows: list[str],
                       before: Optional[str] = None) -> bool:
    """Rewrites only the rows between `begin_marker` and `end_marker` inside the README's measured
    block; the first time, they go before the marker `before` when the block holds it, else at
    the block's end. False when the README has no measured block."""
    with open(readme) as f:
        text = f.read()
    begin, end = text.find(README_BEGIN), text.find(README_END)
    if begin < 0 or end < begin:
        return False
    place = before if before and before in text[begin:end] else README_END
    new = _replace_between(text, begin_marker, end_marker, rows, place)
    with open(readme, "w") as f:
        f.write(new)
    return True


def update_readme_cache(c: dict[str, Any], readme: str) -> bool:
    """The cache and price calendar rows of the README's measured block (update_readme_rows)."""
    return update_readme_rows(readme, CACHE_BEGIN, CACHE_END, readme_cache_block(c))
