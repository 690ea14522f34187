#!/usr/bin/env python3
"""Prints the performance budget from the results scripts/bench.sh left in a folder: each figure,
what was measured, its target and whether it was met, as a Markdown table, then the comparison
with the other tools and the machine.

Usage: budget.py RESULTS_FOLDER (target/bench)
"""

import json
import pathlib
import re
import sys


def criterion(results):
    """The median of every criterion benchmark run since the stamp, in milliseconds, by its id."""
    root = results.parent / "criterion"
    stamp = results / "criterion.stamp"
    if not stamp.exists():
        # No run of the criterion benchmarks by scripts/bench.sh: older results are not this run's.
        return {}
    since = stamp.stat().st_mtime
    medians = {}
    for benchmark in root.glob("**/new/benchmark.json"):
        estimates = benchmark.with_name("estimates.json")
        if not estimates.exists() or estimates.stat().st_mtime < since:
            continue
        full_id = json.loads(benchmark.read_text())["full_id"]
        medians[full_id] = json.loads(estimates.read_text())["median"]["point_estimate"] / 1e6
    return medians


def pairs(path):
    values = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, _, value = line.partition("=")
            values[key] = value
    return values


def read(path):
    return path.read_text() if path.exists() else ""


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    results = pathlib.Path(sys.argv[1])
    medians = criterion(results)
    app = json.loads((results / "app.json").read_text()) if (results / "app.json").exists() else None
    machine = pairs(results / "machine.txt")
    compare = pairs(results / "compare.txt")

    rows = []

    def row(figure, measured, target, met):
        verdict = "" if met is None else ("pass" if met else "FAIL")
        rows.append((figure, measured, target, verdict))

    def bench(figure, key, limit):
        value = medians.get(key)
        if value is None:
            row(figure, "not measured", f"≤ {limit:g} ms" if limit else "—", None)
        else:
            row(figure, f"{value:.2f} ms", f"≤ {limit:g} ms" if limit else "—", value <= limit if limit else None)

    if app is not None:
        empty, ours = app["empty"], app["app"]
        row(
            "start to library painted (10,000 reports) / empty window",
            f"{app['start_ratio']:.2f}× ({ours['start_ms_median']:.0f} / {empty['start_ms_median']:.0f} ms)",
            "≤ 1.2×",
            app["start_ratio"] <= 1.2,
        )
        row(
            "PSS of all processes, 10,000 reports open / empty window",
            f"{app['pss_ratio']:.2f}× ({ours['pss_mib_median']:.0f} / {empty['pss_mib_median']:.0f} MiB)",
            "≤ 1.25×",
            app["pss_ratio"] <= 1.25,
        )
        same = app.get("empty_same_setting")
        if same is not None:
            row(
                "start / empty window with the app's WebKit setting (no compositing)",
                f"{app['start_ratio_same_setting']:.2f}× ({ours['start_ms_median']:.0f} / {same['start_ms_median']:.0f} ms)",
                "—",
                None,
            )
            row(
                "PSS / empty window with the app's WebKit setting (no compositing)",
                f"{app['pss_ratio_same_setting']:.2f}× ({ours['pss_mib_median']:.0f} / {same['pss_mib_median']:.0f} MiB)",
                "—",
                None,
            )
        save = app["save"]
        row(f"save, page to committed, p99 of {save['count']}", f"{save['p99_ms']:.2f} ms", "≤ 10 ms", save["p99_ms"] <= 10)
        row(f"save, page to committed, p50 of {save['count']}", f"{save['p50_ms']:.2f} ms", "—", None)
        sync = app.get("disk_sync")
        if sync is not None:
            row(
                f"of which the disk's sync (fsync of a 4 KiB append), p99 of {sync['count']} (p50)",
                f"{sync['p99_ms']:.2f} ms ({sync['p50_ms']:.2f} ms)",
                "—",
                None,
            )
    else:
        row("the app under Xvfb", "not measured", "", None)
    bench("lint of 100 KB (`lint/report/100KB`)", "lint/report/100KB", 2)
    bench("internal PDF, 10 pages (`pdf/internal_10_pages`)", "pdf/internal_10_pages", 300)
    processor = re.search(r"internal PDF: (\d+) ms of processor time", read(results / "pdf.txt"))
    if processor:
        row("internal PDF, 10 pages, processor time (all threads)", f"{processor.group(1)} ms", "—", None)
    # The app asks for pages: the library's first 100 rows, a search's first 25 with snippets.
    searches = {key: value for key, value in medians.items() if key.startswith("history/10k/page/search ")}
    if searches:
        slowest = max(searches, key=searches.get)
        row(
            "search page, 10,000 reports (slowest of the queries)",
            f"{searches[slowest]:.1f} ms ({slowest.split('page/search ', 1)[1]})",
            "≤ 10 ms",
            searches[slowest] <= 10,
        )
    else:
        row("search, 10,000 reports", "not measured", "≤ 10 ms", None)
    bench("Markdown export, 10 pages", "markdown/internal/10 pages", 5)
    bench("library page, 10,000 reports", "history/10k/page/list", 20)
    bench("related incidents, 10,000 reports", "history/10k/related", 50)
    bench("trends, 10,000 reports", "history/10k/trends/all", 100)
    bench("save of one report, 10,000 reports", "history/10k/save", 10)
    bench("store open, 10,000 reports", "history/10k/open", None)

    print("| figure | measured | target | met |")
    print("| --- | ---: | ---: | :---: |")
    for figure, measured, target, verdict in rows:
        print(f"| {figure} | {measured} | {target} | {verdict} |")

    print()
    print("| comparison (100 KB text / 10-page report) | ours | other | other / ours |")
    print("| --- | ---: | ---: | ---: |")
    ours_lint = medians.get("lint/report/100KB")

    def ratio(other, mine):
        return f"{other / mine:,.0f}×" if other and mine else "—"

    for tool in ("alex", "proselint"):
        path = results / f"{tool}.json"
        if path.exists():
            other = json.loads(path.read_text())["median_ms"]
            mine = f"{ours_lint:.2f} ms" if ours_lint else "not measured"
            print(f"| {tool}, one lint in process | {mine} | {other:,.0f} ms | {ratio(other, ours_lint)} |")
    ours_whole = number(compare.get("ours_whole_ms"))
    for tool in ("alex", "proselint"):
        other = number(compare.get(f"{tool}_whole_ms"))
        if other and ours_whole:
            print(f"| {tool}, whole command | {ours_whole:,.0f} ms | {other:,.0f} ms | {other / ours_whole:,.1f}× |")
    ours_pdf = number(compare.get("ours_pdf_whole_ms"))
    pandoc_pdf = number(compare.get("pandoc_pdf_whole_ms"))
    if pandoc_pdf and ours_pdf:
        print(f"| pandoc to PDF (pdflatex), whole command | {ours_pdf:,.0f} ms | {pandoc_pdf:,.0f} ms | {pandoc_pdf / ours_pdf:,.1f}× |")
    elif ours_pdf:
        reason = compare.get("pandoc_pdf_error") or "pandoc is not installed"
        print(f"| pandoc to PDF, whole command | {ours_pdf:,.0f} ms | did not run: {reason} | — |")
    pandoc_html = number(compare.get("pandoc_html_whole_ms"))
    if pandoc_html:
        print(f"| (side note) pandoc to standalone HTML, whole command | — | {pandoc_html:,.0f} ms | — |")

    print()
    print(
        f"Machine: {machine.get('nproc', '?')} cores, {machine.get('cpu', '?')}, "
        f"{machine.get('memory_gib', '?')} GiB; commit {machine.get('commit', '?')}, started "
        f"{machine.get('started', '?')}. Load average (1, 5, 15 min): at the start "
        f"{machine.get('load_start', '?')}, after criterion {machine.get('load_after_criterion', '?')}, "
        f"after the app {machine.get('load_after_app', '?')}, at the end {machine.get('load_end', '?')}."
    )


if __name__ == "__main__":
    main()
