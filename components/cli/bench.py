"""`python -m components bench [--sizes 64,1000,8000] [--scale 30000] [--rounds 5] [--out DIR] [--no-browser]`.

Measures Kembar against a naive streamlit-folium peer (one PolyLine per partnership, the map
rebuilt on every rerun) on the real dataset and on synthetic ones of the given sizes, prints a
markdown table with both and the ratios, checks the issue 7 targets, and writes the figures as
JSON to DIR/bench-<time>.json (default DIR: bench-results/). The scale sizes run Kembar alone,
server side only. The browser part needs /usr/bin/chromium; without it, or with --no-browser,
it is left out.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
from pathlib import Path
from typing import Any

from components import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# (key, label, format, better when lower?) of each row of the table.
METRICS = (
    ("load_s", "load + validate (s)", "{:.2f}"),
    ("geocode_s", "offline geocoding (s)", "{:.2f}"),
    ("first_run_s", "first page run, server, files never seen (s)", "{:.2f}"),
    ("restart_first_run_s", "first page run, fresh server, files seen before (s)", "{:.2f}"),
    ("sidebar_run_s", "next run, asked for by the drawn map: adds the sidebar (s)", "{:.2f}"),
    ("map_build_s", "map build + st_folium (s)", "{:.2f}"),
    ("map_bytes", "map payload sent (KB)", "kb"),
    ("bytes_per_arc", "payload per partnership (bytes)", "{:,.0f}"),
    ("filter_s", "filter change, server (s)", "{:.3f}"),
    ("map_kept", "map kept on filter change", "bool"),
    ("peak_rss_mb", "peak memory, AppTest process (MB)", "{:,.0f}"),
    ("browser_cold_s", "all arcs drawn, first visit (s)", "{:.1f}"),
    ("browser_warm_s", "all arcs drawn, warm server (s)", "{:.1f}"),
    ("click_s", "a click on an arc until its details show, warm (s)", "{:.2f}"),
    ("server_rss_mb", "peak memory, streamlit server (MB)", "{:,.0f}"),
)
TARGETS_AT = "8000"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `bench` command."""
    parser = subparsers.add_parser(
        "bench", help="benchmark Kembar against a naive streamlit-folium app",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, default=[64, 1000, 8000], metavar="N,N,…",
                        help="synthetic dataset sizes, both apps (default: 64,1000,8000)")
    parser.add_argument("--scale", type=_sizes, default=[30000], metavar="N,N,…",
                        help="sizes for Kembar alone, server side (default: 30000; 0 for none)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", metavar="DIR",
                        help="folder for the JSON (default: bench-results/)")
    parser.add_argument("--rounds", type=int, default=5, metavar="N",
                        help="warm visits per app for the real data's first screen (default: 5)")
    parser.add_argument("--no-browser", action="store_true", help="leave out the browser part")
    parser.set_defaults(func=run)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 64,1000,8000, got {text!r}")
    if any(size < 0 or size > 100_000 for size in sizes):
        raise argparse.ArgumentTypeError(f"sizes must lie between 0 and 100000, got {text!r}")
    return [size for size in sizes if size > 0]


def run(args: argparse.Namespace) -> int:
    """Run the benchmark, print the table and the targets, write the JSON."""
    from components.bench.run import run_bench

    browser = not args.no_browser and CHROMIUM.exists()
    if not args.no_browser and not browser:
        print(f"{CHROMIUM} is missing: the browser part is left out")
    report = run_bench(args.sizes, browser=browser, scale=args.scale,
                       rounds=max(1, getattr(args, "rounds", 5)))
    if report.get("first_screen"):
        print(format_first_screen(report["first_screen"]))
    print(format_table(report))
    for line in check_targets(report):
        print(line)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.out / f"bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"figures written to {path}")
    return 0


def _value(figures: dict[str, Any], key: str) -> Any:
    if key == "bytes_per_arc":
        return figures["map_bytes"] / figures["rows"] if figures.get("rows") else None
    return figures.get(key)


def _cell(value: Any, form: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if form == "bool":
        return "yes" if value else "no"
    if form == "kb":
        return f"{value / 1024:,.0f}"
    return form.format(value)


def _ratio(peer: Any, kembar: Any) -> str:
    if isinstance(peer, bool) or not peer or not kembar:
        return ""
    return f"{peer / kembar:.1f}×"


def format_table(report: dict[str, Any]) -> str:
    """The figures as one markdown table: size, metric, Kembar, peer, peer ÷ Kembar."""
    lines = ["| partnerships | measure | Kembar | naive peer | peer ÷ Kembar |",
             "| --- | --- | ---: | ---: | ---: |"]
    for row in report["results"]:
        kembar, peer = row.get("kembar", {}), row.get("peer", {})
        size = f"{row['size']} ({kembar.get('rows', '?')})" if row["size"] == "real" else row["size"]
        for key, label, form in METRICS:
            k, p = _value(kembar, key), _value(peer, key)
            if k is None and p is None:
                continue
            lines.append(f"| {size} | {label} | {_cell(k, form)} | {_cell(p, form)} | "
                         f"{_ratio(p, k)} |")
    return "\n".join(lines)


def format_first_screen(figures: dict[str, Any]) -> str:
    """The real data's first screen: seconds for the floor, the peer and Kembar, and the ratios."""
    lines = [f"| real data ({figures['arcs']['kembar']} arcs), page opened until… | floor: title shown | "
             "naive peer: all arcs | Kembar: all arcs | Kembar ÷ floor | peer ÷ Kembar |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for key, label in (("cold_s", "cold: first visit after the server starts (s)"),
                       ("warm_s", f"warm: median of {figures['rounds']} visits (s)")):
        row = figures[key]
        lines.append(f"| {label} | {row['floor']:.2f} | {row['peer']:.2f} | {row['kembar']:.2f} | "
                     f"{row['kembar'] / row['floor']:.2f}× | {row['peer'] / row['kembar']:.2f}× |")
    marks = figures.get("warm_marks_s")
    if marks:
        lines += ["", _format_marks(marks)]
    return "\n".join(lines)


SOONER_THAN_PEER = 1.5  # issue 16: the real data's warm first screen, against the naive peer
MARKS = (("title", "title shown"), ("frame", "map's frame created (streamlit-folium's iframe)"),
         ("seen", "every arc seen by the check (the floor: its title)"))


def _format_marks(marks: dict[str, dict[str, float]]) -> str:
    """The warm visits' page-clock times, and what they leave for being SOONER_THAN_PEER times
    sooner than the peer."""
    cell = lambda app, name: f"{marks[app][name]:.2f}" if name in marks.get(app, {}) else "–"
    lines = ["| warm, on the page's own clock (s from navigation, median) | floor | naive peer | Kembar |",
             "| --- | ---: | ---: | ---: |"]
    lines += [f"| {label} | {cell('floor', name)} | {cell('peer', name)} | {cell('kembar', name)} |"
              for name, label in MARKS]
    peer, kembar = marks.get("peer", {}), marks.get("kembar", {})
    if "seen" in peer and "frame" in kembar:
        goal = SOONER_THAN_PEER
        sentence = (f"Every arc {goal:g}× sooner than the peer means by {peer['seen'] / goal:.2f} "
                    f"s on this clock; Kembar's map frame, before which none of the map's code "
                    f"runs, is created at {kembar['frame']:.2f} s")
        if "seen" in kembar and "frame" in peer:
            sentence += (f", and from its frame to every arc takes {kembar['seen'] - kembar['frame']:.2f}"
                         f" s (the peer's: {peer['seen'] - peer['frame']:.2f} s)")
        lines += ["", sentence + "."]
    return "\n".join(lines)


def _first_screen_checks(figures: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """Issue 16's targets on the real data, warm server."""
    warm = figures["warm_s"]
    over_floor = warm["kembar"] / warm["floor"]
    return [("real data, warm: all arcs drawn ≤1.6× the floor", over_floor <= 1.6,
             f"{over_floor:.2f}×: {warm['kembar']:.2f} s against {warm['floor']:.2f} s"),
            _ratio_check(f"real data, warm: all arcs drawn ≥{SOONER_THAN_PEER:g}× sooner than "
                         "the peer", warm["peer"], warm["kembar"], SOONER_THAN_PEER)]


def _ratio_check(name: str, peer: float, kembar: float, goal: float) -> tuple[str, bool, str]:
    ratio = peer / kembar if kembar else float("inf")
    return name, ratio >= goal, f"{ratio:.1f}×, goal {goal:g}×"


def check_targets(report: dict[str, Any]) -> list[str]:
    """Issues 7's and 16's targets, each as a line starting 'met' or 'MISSED', with the figures behind it."""
    rows = {row["size"]: row for row in report["results"]}
    checks = []
    if TARGETS_AT in rows and "peer" in rows[TARGETS_AT]:
        k, p = rows[TARGETS_AT]["kembar"], rows[TARGETS_AT]["peer"]
        checks.append(_ratio_check("bytes ≥10× fewer at 8000", p["map_bytes"], k["map_bytes"], 10))
        checks.append(_ratio_check("filter change ≥10× less server time at 8000",
                                   p["filter_s"], k["filter_s"], 10))
        checks.append(("map keeps zoom and position at 8000", bool(k["map_kept"]),
                       "same map component before and after"))
        if "browser_warm_s" in k and "browser_warm_s" in p:
            checks.append(_ratio_check("all arcs drawn ≥6× faster at 8000, warm server",
                                       p["browser_warm_s"], k["browser_warm_s"], 6))
            checks.append(_ratio_check("all arcs drawn ≥6× sooner at 8000, cold server",
                                       p["browser_cold_s"], k["browser_cold_s"], 6))
    real = rows.get("real", {}).get("kembar", {})
    if real:
        checks.append(("real data: filter change < 0.1 s", real["filter_s"] < 0.1,
                       f"{real['filter_s']:.3f} s"))
        if "browser_warm_s" in real:
            checks.append(("real data: map drawn within 3 s", real["browser_warm_s"] <= 3,
                           f"{real['browser_warm_s']:.1f} s"))
    if report.get("first_screen"):
        checks += _first_screen_checks(report["first_screen"])
    for size, row in rows.items():
        if size.isdigit() and int(size) >= 30000:
            memory, k = row["kembar"]["peak_rss_mb"], row["kembar"]
            checks.append((f"{size}: server memory < 1 GB", memory < 1024, f"{memory:,.0f} MB"))
            for key, when in (("first_run_s", "files never seen"),
                              ("restart_first_run_s", "fresh server, files seen before")):
                if key in k:
                    checks.append((f"{size}: first page run ≤ 6 s, server, {when}", k[key] <= 6,
                                   f"{k[key]:.2f} s"))
    return [f"{'met' if ok else 'MISSED'}: {name} ({detail})" for name, ok, detail in checks]
