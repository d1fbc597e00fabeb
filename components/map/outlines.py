"""Country outlines for the offline base map: read data/outlines.geojson; generate it once.

The file is made from Natural Earth's 1:110m admin-0 countries (public domain) by
`python -m components.map.outlines SOURCE.shp` (needs the dev-only package pyshp); see
data/OUTLINES.md for where SOURCE.shp comes from. At run time only the GeoJSON is read.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence
from components import DATA_DIR

OUTLINES_PATH = DATA_DIR / "outlines.geojson"
# West, south, east, north: Indonesia, China and their neighbours, with room around the view.
REGION = (30.0, -47.0, 180.0, 72.0)
DIGITS = 2  # about 1 km; the 1:110m source is far coarser than that

Ring = list[list[float]]


@lru_cache(maxsize=4)
def load_outlines(path: Path = OUTLINES_PATH) -> dict[str, Any]:
    """The outlines FeatureCollection (cached and shared: callers must not modify it)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _clip_edge(ring: Ring, inside, cross) -> Ring:
    """One Sutherland–Hodgman pass: keep what is inside one edge of the region."""
    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def _at(axis: int, value: float):
    """The point where segment (a, b) meets the line `coordinate[axis] == value`."""
    def cross(a: list[float], b: list[float]) -> list[float]:
        t = (value - a[axis]) / (b[axis] - a[axis])
        return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    return cross


def clip_ring(ring: Ring, region: Sequence[float] = REGION) -> Ring:
    """A closed ring cut to the region's rectangle, rounded; [] when nothing is left."""
    west, south, east, north = region
    if max(p[0] for p in ring) - min(p[0] for p in ring) > 180:
        return []  # wraps across ±180°: would draw a line across the whole map
    points = [list(p) for p in ring[:-1]] if ring[0] == ring[-1] else [list(p) for p in ring]
    for inside, cross in ((lambda p: p[0] >= west, _at(0, west)),
                          (lambda p: p[0] <= east, _at(0, east)),
                          (lambda p: p[1] >= south, _at(1, south)),
                          (lambda p: p[1] <= north, _at(1, north))):
        if not points:
            return []
        points = _clip_edge(points, inside, cross)
    rounded: Ring = []
    for lon, lat in points:
        pair = [round(lon, DIGITS), round(lat, DIGITS)]
        if not rounded or rounded[-1] != pair:
            rounded.append(pair)
    if len(rounded) < 3:
        return []
    return rounded + [rounded[0]]


def clip_polygons(polygons: list[list[Ring]], region: Sequence[float] = REGION) -> list[list[Ring]]:
    """Each polygon (outer ring, then holes) cut to the region; empty ones left out."""
    clipped = []
    for rings in polygons:
        outer = clip_ring(rings[0], region)
        if outer:
            holes = [hole for hole in (clip_ring(r, region) for r in rings[1:]) if hole]
            clipped.append([outer, *holes])
    return clipped


def outline_feature(name: str, iso_a3: str, geometry: dict[str, Any]) -> dict[str, Any] | None:
    """A country's feature cut to the region, or None when none of it lies inside."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    kept = clip_polygons(polygons)
    if not kept:
        return None
    shape = {"type": "MultiPolygon", "coordinates": kept} if len(kept) > 1 else \
        {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "Feature", "properties": {"name": name, "iso_a3": iso_a3}, "geometry": shape}


def read_natural_earth(source: Path) -> dict[str, Any]:
    """Natural Earth admin-0 shapefile -> clipped FeatureCollection (needs pyshp)."""
    import shapefile  # dev-only: pyshp is not an app dependency

    features = []
    with shapefile.Reader(str(source)) as reader:
        fields = [f[0].lower() for f in reader.fields[1:]]
        for item in reader.iterShapeRecords():
            record = dict(zip(fields, item.record))
            name = record.get("name") or record.get("admin") or ""
            feature = outline_feature(str(name), str(record.get("iso_a3", "")),
                                      item.shape.__geo_interface__)
            if feature is not None:
                features.append(feature)
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    """Command line: write data/outlines.geojson from a Natural Earth shapefile."""
    parser = argparse.ArgumentParser(prog="python -m components.map.outlines", description=__doc__)
    parser.add_argument("source", type=Path, help="Natural Earth 1:110m admin-0 .shp file")
    parser.add_argument("--out", type=Path, default=OUTLINES_PATH, help="output GeoJSON")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: no such file", file=sys.stderr)
        return 2
    collection = read_natural_earth(args.source)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} countries, {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
