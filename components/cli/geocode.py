"""`python -m components geocode [CSV] [--online]`: where each partner lies, and who said so.

Prints a CSV (id,side,name,lat,lon,resolved_by) with one line per partner of each valid row;
`resolved_by` is cache, gazetteer, geonames, nominatim or unresolved (lat and lon then empty).
A summary goes to standard error. Offline by default; --online (or KEMBAR_ONLINE=1) also asks
Nominatim (KEMBAR_NOMINATIM_URL overrides the endpoint; KEMBAR_CACHE the cache file).
Exit status: 0 every partner resolved, 1 some unresolved, 2 the CSV cannot be used.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

from components import settings
from components.errors import UnusableFile
from components.places.chain import Resolution, online_from_env, resolve_places
from components.models import Partnership
from components.dataset.partnerships import load_partnerships

HEADER = ("id", "side", "name", "lat", "lon", "resolved_by")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `geocode` command."""
    parser = subparsers.add_parser(
        "geocode", help="resolve every partner to coordinates and print them as CSV",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=None, metavar="CSV",
                        help="partnerships file (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--online", action="store_true", default=None,
                        help="also ask Nominatim for places the offline sources do not know")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Geocode the file; return 0 (all resolved), 1 (some unresolved) or 2 (file unusable)."""
    out, err = out or sys.stdout, err or sys.stderr
    args.csv = args.csv or settings.current().data
    dataset = load_partnerships(args.csv)
    if dataset.fatal:
        for problem in dataset.problems:
            print(problem, file=err)
        print(f"{args.csv}: cannot use this file", file=err)
        return 2
    online = args.online if args.online is not None else online_from_env()
    try:
        resolution = resolve_places(dataset.partnerships, online=online)
    except UnusableFile as error:
        print(f"gazetteer unusable: {error}", file=err)
        return 2
    write_rows(dataset.partnerships, resolution, out)
    skipped = dataset.rows_read - len(dataset.partnerships)
    print(summary(resolution, len(dataset.partnerships), skipped), file=err)
    for warning in resolution.warnings:
        print(f"warning: {warning}", file=err)
    return 1 if resolution.unresolved else 0


def write_rows(partnerships: tuple[Partnership, ...], resolution: Resolution, out: TextIO) -> None:
    """The CSV: both partners of each row, in file order."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for partnership in partnerships:
        for side, ref in (("id", partnership.id_place), ("cn", partnership.cn_place)):
            place = resolution.places[ref]
            lat = f"{place.lat:.5f}" if place.resolved else ""
            lon = f"{place.lon:.5f}" if place.resolved else ""
            writer.writerow((partnership.id, side, ref.name, lat, lon, place.resolved_by))


def summary(resolution: Resolution, rows: int, skipped: int) -> str:
    """One line: rows, distinct places, and how many each source resolved."""
    counts = resolution.counts()
    parts = ", ".join(f"{count} {source}" for source, count in sorted(counts.items()))
    text = f"{rows} rows, {len(resolution.places)} distinct places: {parts or 'none'}"
    if skipped:
        text += f"; {skipped} rows with problems skipped (run `validate`)"
    return text
