"""`python -m components export [CSV] --html OUT.html --geojson OUT.geojson --png OUT.png
--svg OUT.svg --pdf OUT.pdf`: the map, to keep or to publish.

--html writes one self-contained page (Leaflet and the country outlines inlined) that opens
with no internet; --no-tiles leaves out the online base map so the page makes no request at
all. --geojson writes a LineString per partnership (every attribute) and a Point per place.
--png, --svg and --pdf draw the map as a picture for print (--dpi sets the PNG's resolution).
The view options (--level, --stage, --year-from, --year-to, --as-of, --place, --lang, ...)
choose what is shown, exactly as the app's URL parameters do, for every output; --shade
provinces shades the provinces (pictures and HTML) and --focus NAME fades all but that place's
partnerships, as the app's Place box does (pictures), where --place leaves out the others.
Partnerships with an unresolved place are left out and listed.
Exit status: 0 all written and complete, 1 written but some rows had problems or places were
unresolved, 2 the CSV (or the gazetteer) cannot be used, a view option is wrong, or an output
cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from components import settings
from components.cli.viewargs import add_view_options, view_from_args
from components.errors import UnusableFile
from components.map.build import DEFAULT_TILES, drawable
from components.places.chain import online_from_env

PICTURES = ("png", "svg", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export", help="write the map as standalone HTML or a picture, the data as GeoJSON",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=None, metavar="CSV",
                        help="partnerships file (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--html", type=Path, metavar="OUT.html", help="standalone map page")
    parser.add_argument("--geojson", type=Path, metavar="OUT.geojson", help="GeoJSON data")
    for fmt in PICTURES:
        parser.add_argument(f"--{fmt}", type=Path, metavar=f"OUT.{fmt}",
                            help=f"the map as a {fmt.upper()} picture")
    parser.add_argument("--dpi", type=int, default=160,
                        help="PNG resolution in dots per inch (default 160: 1,760 px wide; 300 for print)")
    parser.add_argument("--no-tiles", action="store_true",
                        help="no online base map: the page makes no network request")
    add_view_options(parser)
    parser.set_defaults(func=run)


def _outputs(args: argparse.Namespace) -> list[Path]:
    return [path for path in (args.html, args.geojson, *(getattr(args, f) for f in PICTURES)) if path]


def run(args: argparse.Namespace, *, err: TextIO | None = None) -> int:
    """Write the requested files; return 0, 1 or 2 as the module doc says."""
    from components.pipeline import prepare  # imported when the command runs (heavy)

    err = err or sys.stderr
    if not _outputs(args):
        print("export: nothing to do; give --html, --geojson, --png, --svg and/or --pdf", file=err)
        return 2
    args.csv = args.csv or settings.current().data
    try:
        prepared = prepare(args.csv, online=online_from_env())
    except UnusableFile as error:
        print(f"gazetteer unusable: {error}", file=err)
        return 2
    dataset = prepared.dataset
    for problem in dataset.problems:
        print(problem, file=err)
    if dataset.fatal:
        print(f"{args.csv}: cannot use this file", file=err)
        return 2
    view, notices = view_from_args(args, prepared.choices)
    for notice in notices:
        print(f"export: {notice}", file=err)
    if notices:
        return 2
    for _, place in prepared.unresolved:
        ref = place.ref
        print(f"unresolved place, its partnerships are left out: {ref.country} {ref.level} "
              f"{ref.name!r} ({ref.province})", file=err)
    return _write(args, prepared, view, err)


def _write(args: argparse.Namespace, prepared, view, err: TextIO) -> int:
    from components.map.export import write_geojson, write_html
    from components.map.picture import write_picture
    from components.view.snapshot import FontMissing, view_figure, view_shown

    from components.i18n.translator import get_translator
    from components.view.shading import view_shading

    shown = view_shown(prepared, view, args.place)
    partnerships = list(shown.partnerships)
    try:
        if args.html:  # the page's words are English, its shading's legend too
            shading = view_shading(get_translator("en"), partnerships, prepared) if view.shade else None
            write_html(args.html, partnerships, prepared.places, provinces=shading,
                       tiles=None if args.no_tiles else DEFAULT_TILES)
        if args.geojson:
            write_geojson(args.geojson, partnerships, prepared.places)
        if any(getattr(args, fmt) for fmt in PICTURES):
            figure = view_figure(prepared, view, args.place, shown)
            for fmt in PICTURES:
                if getattr(args, fmt):
                    write_picture(figure, getattr(args, fmt), dpi=args.dpi)
    except FontMissing as error:
        print(f"export: {error}", file=err)
        return 2
    except OSError as error:
        print(f"cannot write {error.filename}: {error.strerror}", file=err)
        return 2
    drawn = len(drawable(partnerships, prepared.places))
    written = " and ".join(str(path) for path in _outputs(args))
    print(f"{written}: {drawn} of {len(prepared.partnerships)} partnerships drawn "
          f"({prepared.dataset.rows_read - len(prepared.partnerships)} rows with problems skipped)",
          file=err)
    return 1 if prepared.dataset.problems or prepared.unresolved else 0
