"""`python -m components export [CSV] --html OUT.html --geojson OUT.geojson`: the map, to keep.

--html writes one self-contained page (Leaflet and the country outlines inlined) that opens
with no internet; --no-tiles leaves out the online base map so the page makes no request at
all. --geojson writes a LineString per partnership (every attribute) and a Point per place.
Partnerships with an unresolved place are left out of both and listed.
Exit status: 0 all written and complete, 1 written but some rows had problems or places were
unresolved, 2 the CSV (or the gazetteer) cannot be used or an output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from components import settings
from components.map.export import write_geojson, write_html
from components.errors import UnusableFile
from components.places.chain import online_from_env, resolve_places
from components.map.build import DEFAULT_TILES, drawable
from components.dataset.partnerships import load_partnerships



def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export", help="write the map as standalone HTML and/or the data as GeoJSON",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=None, metavar="CSV",
                        help="partnerships file (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--html", type=Path, metavar="OUT.html", help="standalone map page")
    parser.add_argument("--geojson", type=Path, metavar="OUT.geojson", help="GeoJSON data")
    parser.add_argument("--no-tiles", action="store_true",
                        help="no online base map: the page makes no network request")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, *, err: TextIO | None = None) -> int:
    """Write the requested files; return 0, 1 or 2 as the module doc says."""
    err = err or sys.stderr
    if not args.html and not args.geojson:
        print("export: nothing to do; give --html OUT.html and/or --geojson OUT.geojson", file=err)
        return 2
    args.csv = args.csv or settings.current().data
    dataset = load_partnerships(args.csv)
    for problem in dataset.problems:
        print(problem, file=err)
    if dataset.fatal:
        print(f"{args.csv}: cannot use this file", file=err)
        return 2
    try:
        resolution = resolve_places(dataset.partnerships, online=online_from_env())
    except UnusableFile as error:
        print(f"gazetteer unusable: {error}", file=err)
        return 2
    partnerships, places = dataset.partnerships, resolution.places
    for ref in resolution.unresolved:
        print(f"unresolved place, its partnerships are left out: {ref.country} {ref.level} "
              f"{ref.name!r} ({ref.province})", file=err)
    try:
        if args.html:
            write_html(args.html, partnerships, places,
                       tiles=None if args.no_tiles else DEFAULT_TILES)
        if args.geojson:
            write_geojson(args.geojson, partnerships, places)
    except OSError as error:
        print(f"cannot write {error.filename}: {error.strerror}", file=err)
        return 2
    shown = len(drawable(partnerships, places))
    written = " and ".join(str(path) for path in (args.html, args.geojson) if path)
    print(f"{written}: {shown} of {len(partnerships)} partnerships drawn "
          f"({dataset.rows_read - len(partnerships)} rows with problems skipped)", file=err)
    return 1 if dataset.problems or resolution.unresolved else 0
