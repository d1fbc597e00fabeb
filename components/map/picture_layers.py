"""The picture's optional layers, as the browser map draws them: provinces shaded by their ties
(map/provinces.js's fill and legend) and the focus on a place (arcs_layer.js's fading)."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from components.map.elements import ARC_OPACITY, FADED_OPACITY, LEGEND_LINE_COLOUR
from components.map.provinces import load_province_shapes

Project = Callable[[Sequence[Sequence[float]]], tuple[list[float], list[float]]]
SHADED_EDGE = "#5A5A5A"  # provinces.js: a shaded province's border, 0.7 px at opacity 0.8
PT_PER_PX = 0.6  # as map.picture: screen pixels to printed points


def arc_opacity(pid: str, state: str, focused: frozenset[str] | None) -> float:
    """An arc's opacity as arcs_layer.js's arcOpacity: the selection first, then the focus
    (its ties full, the rest FADED_OPACITY), else shown or disputed."""
    if state == "selected":
        return ARC_OPACITY["selected"]
    if focused is not None:
        return 1.0 if pid in focused else FADED_OPACITY
    return ARC_OPACITY[state]


def focus_extra_weight(pid: str, focused: frozenset[str] | None) -> float:
    """The focused place's arcs are one screen pixel thicker, as on the map."""
    return 1.0 if focused is not None and pid in focused else 0.0


def shape_path(geometries: Iterable[Mapping[str, Any]], project: Project) -> MplPath:
    """GeoJSON (Multi)Polygons as one matplotlib path, each ring projected by `project`."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for geometry in geometries:
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            xs, ys = project(ring)
            vertices += list(zip(xs, ys))
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)


def draw_provinces(ax: Any, shading: Mapping[str, Any], project: Project) -> None:
    """Fill each province with a shade class (map.provinces.shading_config) in its class's
    colour, over the country outlines and under the arcs; unshaded provinces are left out."""
    for feature in load_province_shapes()["features"]:
        p = feature["properties"]
        entry = shading["shapes"].get(f'{p["country"]}|{p["name"]}')
        if not entry or entry["c"] < 0:
            continue
        patch = PathPatch(shape_path([feature["geometry"]], project),
                          facecolor=to_rgba(shading["colours"][entry["c"]], shading["opacity"]),
                          edgecolor=to_rgba(SHADED_EDGE, 0.8), linewidth=0.7 * PT_PER_PX, zorder=2)
        patch.set_gid(f'province-{p["country"]}-' + p["name"].replace(" ", "-"))  # the SVG's id
        ax.add_patch(patch)


def shading_legend(shading: Mapping[str, Any], header: Callable[[str], None]) -> list[Any]:
    """The shading's legend entries: its title (through `header`), then a swatch per class."""
    header(shading["text"]["title"])
    return [Patch(facecolor=to_rgba(colour, shading["opacity"]), edgecolor="#777777",
                  linewidth=0.6, label=label)
            for colour, label in zip(shading["colours"], shading["classes"])]


def faded_legend(label: str) -> Line2D:
    """The legend's line for arcs outside the focus, as legend.js draws it."""
    return Line2D([], [], color=LEGEND_LINE_COLOUR, alpha=FADED_OPACITY, linewidth=3 * PT_PER_PX,
                  label=label)
