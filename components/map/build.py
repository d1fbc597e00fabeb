"""The folium map: a base map built once (tiles, outlines, legend) and a layer of arcs.

The app caches the base map and sends only the arcs layer on a filter change
(`st_folium(base, feature_group_to_add=layer)`); the export joins both into one page.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

import folium
from folium.utilities import JsCode

from components.map.arcs import DIGITS, ArcEnds, arc_lonlats, fan_out
from components.focus import place_key
from components.map.elements import (ArcsGeoJson, IconImagePath, Legend, MapControls,
                                     OutlinesLayer, TileLayer, Translate, untranslated)
from components.models import Partnership, Place, PlaceRef
from components.map.outlines import load_outlines

CENTER = (12.0, 112.0)  # between Java and northern China
ZOOM = 4
REGION = ((-11.0, 92.0), (53.5, 152.0))  # Indonesia and China whole, with the Pacific for the legend
DEFAULT_TILES = "OpenStreetMap"
ASSET_BASE = "/app/static/kembar"


def drawable(partnerships: Iterable[Partnership],
             places: Mapping[PlaceRef, Place]) -> list[Partnership]:
    """The partnerships whose two places both have coordinates, in the given order."""
    def resolved(ref: PlaceRef) -> bool:
        place = places.get(ref)
        return place is not None and place.resolved

    return [p for p in partnerships if resolved(p.id_place) and resolved(p.cn_place)]


def _position(place: Place) -> tuple[float, float]:
    return (round(place.lat, DIGITS), round(place.lon, DIGITS))


def _arc_properties(p: Partnership, attributes: bool, bend: float) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": p.id, "id_name": p.id_name, "cn_name": p.cn_name, "cn_name_zh": p.cn_name_zh,
        "level": p.id_level, "stage": p.stage, "date": p.date, "disputed": p.disputed,
        "id_place": place_key(p.id_place), "cn_place": place_key(p.cn_place),
        "bend": round(bend, 4),
    }
    if attributes:
        properties.update({
            "id_level": p.id_level, "id_province": p.id_province, "cn_level": p.cn_level,
            "cn_province": p.cn_province, "sources": list(p.sources), "fields": list(p.fields),
            "confidence": p.confidence, "notes": p.notes, **dict(p.extra),
        })
    return properties


def _ends(p: Partnership, places: Mapping[PlaceRef, Place]) -> ArcEnds:
    return ArcEnds(place_key(p.id_place), place_key(p.cn_place),
                   _position(places[p.id_place]), _position(places[p.cn_place]))


def arc_bends(partnerships: Sequence[Partnership],
              places: Mapping[PlaceRef, Place]) -> dict[str, float]:
    """Fan-out bend by partnership id; compute over the whole dataset (and cache) so that an
    arc keeps its shape while filters hide its neighbours."""
    shown, ends = _drawn_ends(partnerships, places)
    arcs = [ArcEnds(start[0], finish[0], start[1], finish[1]) for start, finish in ends]
    return dict(zip((p.id for p in shown), fan_out(arcs)))


End = tuple[str, tuple[float, float]]  # a place's key and its rounded (lat, lon)


def _drawn_ends(partnerships: Iterable[Partnership], places: Mapping[PlaceRef, Place],
                ) -> tuple[list[Partnership], list[tuple[End, End]]]:
    """What `drawable` keeps, in its order, with both ends of each arc; each place's end is
    worked out once (30,000 rows name a few thousand places)."""
    known: dict[PlaceRef, End | None] = {}

    def end(ref: PlaceRef) -> End | None:
        found = known.get(ref, False)  # one lookup: most places recur
        if found is False:
            place = places.get(ref)
            found = known[ref] = ((place_key(ref), _position(place))
                                  if place is not None and place.resolved else None)
        return found

    shown, ends = [], []
    for p in partnerships:
        start, finish = end(p.id_place), end(p.cn_place)
        if start and finish:
            shown.append(p)
            ends.append((start, finish))
    return shown, ends


def arc_features(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                 attributes: bool = False,
                 bends: Mapping[str, float] | None = None) -> list[dict[str, Any]]:
    """One LineString per drawable partnership: the full curve, computed here in Python."""
    shown = drawable(partnerships, places)
    bends = bends if bends is not None else arc_bends(shown, places)
    features = []
    for p in shown:
        end, bend = _ends(p, places), round(bends.get(p.id, 0.0), 4)
        geometry = {"type": "LineString",
                    "coordinates": arc_lonlats(end.start, end.end, bend=bend)}
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": _arc_properties(p, attributes, bend)})
    return features


def place_features(partnerships: Sequence[Partnership],
                   places: Mapping[PlaceRef, Place]) -> list[dict[str, Any]]:
    """One Point per place of a drawable partnership, sized by its number of partnerships."""
    return _points(drawable(partnerships, places), places)


def _points(shown: Iterable[Partnership], places: Mapping[PlaceRef, Place]) -> list[dict[str, Any]]:
    """place_features of partnerships known to be drawable."""
    counts = Counter(ref for p in shown for ref in (p.id_place, p.cn_place))
    features = []
    for ref, count in counts.items():
        place = places[ref]
        lat, lon = _position(place)
        properties = {
            "place": place_key(ref), "name": ref.name,
            "name_zh": ref.name_zh or place.label_zh, "country": ref.country, "level": ref.level,
            "province": ref.province, "count": count, "radius": marker_radius(count),
        }
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return features


def marker_radius(count: int) -> float:
    """Marker radius in pixels: area grows with the number of partnerships, within bounds."""
    return round(min(16.0, 3.0 + 2.2 * count ** 0.5), 1)


def arcs_geojson(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                 attributes: bool = False,
                 bends: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The FeatureCollection of full arcs (LineStrings) and then places (Points)."""
    return {"type": "FeatureCollection",
            "features": arc_features(partnerships, places, attributes=attributes, bends=bends)
            + place_features(partnerships, places)}


def layer_geojson(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                  bends: Mapping[str, float] | None = None,
                  selected: str | None = None,
                  focused: frozenset[str] = frozenset()) -> dict[str, Any]:
    """What the page receives: each arc as its two endpoints plus `bend`, `a` and `b` (the
    indices of its places among the Points); the browser draws the curve and adds names.
    `focused`: the ids of the focused place's partnerships (drawn on top, the rest faded)."""
    shown, ends = _drawn_ends(partnerships, places)
    bends = bends if bends is not None else arc_bends(shown, places)
    points = _points(shown, places)
    index = {f["properties"]["place"]: i for i, f in enumerate(points)}
    arcs = []
    for p, ((start_key, start), (end_key, end)) in zip(shown, ends):
        properties = {"id": p.id, "level": p.id_level, "stage": p.stage, "date": p.date,
                      "bend": round(bends.get(p.id, 0.0), 4),  # as arc_features rounds it
                      "a": index[start_key], "b": index[end_key]}
        if p.disputed:
            properties["disputed"] = True
        if p.id == selected:
            properties["selected"] = True
        if p.id in focused:
            properties["focused"] = True
        coordinates = [[start[1], start[0]], [end[1], end[0]]]
        arcs.append({"type": "Feature", "properties": properties,
                     "geometry": {"type": "LineString", "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": arcs + points}


def build_arcs_layer(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                     translate: Translate = untranslated, selected: str | None = None,
                     bends: Mapping[str, float] | None = None,
                     focus: str | None = None,
                     focused: frozenset[str] = frozenset()) -> folium.FeatureGroup:
    """The layer the app swaps on each filter change: arcs and markers as ONE GeoJson.

    Pass `bends` (arc_bends of the whole dataset, cached) so arcs keep their shape under
    filtering; without it the fan-out is computed over `partnerships` alone. `focus` is
    the focused place's key and `focused` the ids of its partnerships (components.focus).
    """
    group = folium.FeatureGroup(name=translate("Partnerships"))
    data = layer_geojson(partnerships, places, bends=bends, selected=selected, focused=focused)
    view = {"focus": focus, "region": [list(REGION[0]), list(REGION[1])]}
    ArcsGeoJson(data, translate=translate, view=view).add_to(group)
    return group


def build_base_map(*, translate: Translate = untranslated, asset_base: str = ASSET_BASE,
                   center: tuple[float, float] = CENTER, zoom: int = ZOOM,
                   tiles: str | None = DEFAULT_TILES,
                   bounds: tuple[tuple[float, float], tuple[float, float]] | None = REGION,
                   outlines_url: str | None = None) -> folium.Map:
    """The part of the map that never changes with the filters: build once and cache.

    The first view fits `bounds` (Indonesia and China whole) when given, else center and zoom.
    The outlines come from `outlines_url` when given (a static file), else inline.
    """
    # One canvas for every vector layer (thousands of arcs draw fast), with a few pixels of
    # click tolerance so thin dotted arcs can be hit; a second canvas would swallow clicks.
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   zoom_snap=0.25, zoom_delta=0.5,  # fractional zoom: the region fills the frame
                   renderer=JsCode("L.canvas({padding: 0.5, tolerance: 6})"))
    # Per map instance, never folium's class-level lists: only Leaflet itself, served locally.
    m.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css")]
    IconImagePath(f"{asset_base}/leaflet/images/").add_to(m)
    OutlinesLayer(load_outlines(), url=outlines_url).add_to(m)
    if tiles:
        TileLayer(tiles, name=translate("Base map"), opacity=0.85).add_to(m)
    Legend(translate).add_to(m)
    MapControls([list(b) for b in (bounds or REGION)], translate, fit=bool(bounds)).add_to(m)
    return m


def build_full_map(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                   translate: Translate = untranslated, asset_base: str = ASSET_BASE,
                   tiles: str | None = DEFAULT_TILES) -> folium.Map:
    """Base map plus arcs in one folium.Map, for the standalone export."""
    m = build_base_map(translate=translate, asset_base=asset_base, tiles=tiles)
    layer = build_arcs_layer(partnerships, places, translate=translate)
    layer.add_to(m)
    points = [place for p in drawable(partnerships, places) for place in
              (places[p.id_place], places[p.cn_place])]
    if points:
        lats, lons = [p.lat for p in points], [p.lon for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    return m
