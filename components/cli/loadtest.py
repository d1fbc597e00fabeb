"""`python -m components loadtest [--sessions 12] [--seconds 60]`: many browsers on one server.

Starts the app on 127.0.0.1, opens the sessions as pages of one headless Chromium (each on its
own shareable link) and has each change its search filter until the time is up. Prints a
table (per session and totals: errors, p50/p95 time of a filter change, server memory) and
writes the same figures as JSON. Needs playwright and /usr/bin/chromium; loopback only.
Exit status: 0 no errors and every count exact, 1 otherwise, 2 the run could not start.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from components.bench.loadtest import percentile
from components import settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `loadtest` command."""
    parser = subparsers.add_parser(
        "loadtest", help="load-test the app: N browser sessions changing filters at once",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=12, help="concurrent pages (default 12)")
    parser.add_argument("--seconds", type=float, default=60,
                        help="how long each session changes filters (default 60)")
    parser.add_argument("--data", type=Path, default=None, metavar="CSV",
                        help="partnerships file the server loads (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--json", type=Path, default=Path("loadtest.json"), metavar="FILE",
                        help="where to write the figures (default: loadtest.json)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the load test; return 0 (clean), 1 (errors) or 2 (could not run)."""
    from components.bench.loadtest import run_loadtest

    if not 1 <= args.sessions <= 64 or not 0 < args.seconds <= 3600:
        print("loadtest: --sessions must be 1..64 and --seconds 0..3600")
        return 2
    try:
        summary = run_loadtest(args.sessions, args.seconds,
                               data_path=args.data or settings.current().data)
    except (RuntimeError, ValueError, OSError, ImportError) as error:
        print(f"loadtest: cannot run: {error}")
        return 2
    print(table(summary))
    args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0 if summary["errors"] == 0 else 1


def table(summary: dict) -> str:
    """The per-session lines and the totals, for a terminal."""
    lines = [f"{'link':<36} {'load s':>7} {'changes':>8} {'p95 s':>7} errors"]
    for r in summary["results"]:
        p95 = percentile(r["changes"], 0.95)
        load = f"{r['load_seconds']:.1f}" if r["load_seconds"] else "-"
        lines.append(f"{(r['link'] or '(all)')[:36]:<36} {load:>7} {len(r['changes']):>8} "
                     f"{(f'{p95:.2f}' if p95 is not None else '-'):>7} {len(r['errors'])}")
    fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
    lines += ["", f"sessions {summary['sessions']} × {summary['seconds']:.0f}s: "
              f"{summary['filter_changes']} filter changes, {summary['errors']} errors",
              f"filter change p50 {fmt(summary['change_p50_s'])} s, p95 {fmt(summary['change_p95_s'])} s,"
              f" max {fmt(summary['change_max_s'])} s; page load p95 {fmt(summary['load_p95_s'])} s",
              f"server RSS after warm-up {summary['rss_warm_mib']} MiB, peak {summary['rss_peak_mib']} MiB, "
              f"end {summary['rss_end_mib']} MiB, growth {summary['rss_growth_per_session_mib']} "
              f"MiB per session; server CPU {summary['server_cpu_s']} s"]
    return "\n".join(lines)
