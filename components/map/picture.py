"""The map as a picture for print and publication: PNG, SVG or PDF, drawn with matplotlib.

The same arcs as the browser map (great circles with the dataset-wide fan-out, coloured by
level, dashed by stage, styles from map/elements.py), on the Natural Earth outlines, with place
dots, labels of the busiest places, the legend, the sentence of what is shown as a title, the
date of the data and a credit line. Sizes are in points, chosen for a printed page. In the SVG
each arc is an element whose id is the partnership id, and text stays text.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # no display: the picture is drawn on the server
from matplotlib import patheffects, rc_context  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402

from components.i18n.translator import N_, Translate, untranslated  # noqa: E402
from components.map.build import REGION, arc_features, place_features  # noqa: E402
from components.map.elements import (ARC_OPACITY, FADED_PLACE, FOCUSED_PLACE,  # noqa: E402
                                     LEGEND_LINE_COLOUR, OTHER_COLOUR, OUTLINE_STYLE, PLACE_STYLE,
                                     SELECTED_ARC, STAGE_LINES, LEVEL_COLOURS, style_config)
from components.map.fonts import font_families, needs_cjk  # noqa: E402
from components.map.outlines import load_outlines  # noqa: E402
from components.map.picture_layers import (arc_opacity, draw_provinces, faded_legend,  # noqa: E402
                                           focus_extra_weight, shape_path, shading_legend)
from components.models import Partnership, Place, PlaceRef  # noqa: E402

FORMATS = ("png", "svg", "pdf")
SIZE_INCHES = (11.0, 7.6)  # a landscape page; at the default dpi the PNG is 1,760 px wide
DEFAULT_DPI = 160
PT_PER_PX = 0.6  # the map's screen pixels to printed points: lines stay fine on paper
MAX_LABELS = 12
LEGEND_WRAP = 24  # characters per legend line (Latin scripts; Chinese labels are short)
MIN_SPAN_DEG = 18.0  # the narrowest view, so a single short arc still shows its region
CREDIT = N_("Kembar · data: sources listed per partnership · outlines: Natural Earth")
MAP_BOX = (0.02, 0.08, 0.75, 0.80)  # left, bottom, width, height of the map in the figure


@dataclass(frozen=True)
class Captions:
    """The words around the map: the title sentence, a note under it, the data's date."""

    title: str
    note: str = ""
    data_date: str = ""
    credit: str = ""  # "" means the translated CREDIT


@dataclass(frozen=True)
class PictureInput:
    """Everything a picture shows: the partnerships, where their places are, how they bend."""

    partnerships: Sequence[Partnership]
    places: Mapping[PlaceRef, Place]
    bends: Mapping[str, float] = field(default_factory=dict)
    selected: str | None = None
    lang: str = "en"
    focused: frozenset[str] | None = None  # a focus's ties (the rest fade); None: no focus
    focus: str | None = None  # the focused place's key (components.focus), its marker ringed
    shading: Mapping[str, Any] | None = None  # map.provinces.shading_config, or no shading


def mercator_y(lat: float) -> float:
    """Web Mercator's y in degree-like units, as Leaflet projects it (so shapes match the map)."""
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _xy(coordinates: Sequence[Sequence[float]]) -> tuple[list[float], list[float]]:
    return [c[0] for c in coordinates], [mercator_y(c[1]) for c in coordinates]


def _draw_outlines(ax: Any) -> None:
    style = OUTLINE_STYLE
    path = shape_path((f["geometry"] for f in load_outlines()["features"]), _xy)
    ax.add_patch(PathPatch(path, facecolor=style["fillColor"], edgecolor=style["color"],
                           linewidth=style["weight"], zorder=1, gid="outlines"))


def _dashes(dash_array: str | None) -> tuple[float, tuple[float, ...]] | str:
    """Leaflet's dashArray ("8 6", in pixels) as matplotlib's (offset, on-off points)."""
    if not dash_array:
        return "solid"
    return (0.0, tuple(float(v) * PT_PER_PX for v in dash_array.split()))


def _draw_arcs(ax: Any, features: list[dict[str, Any]], selected: str | None,
               focused: frozenset[str] | None = None) -> None:
    def order(f: dict[str, Any]) -> tuple[bool, bool]:  # focused ties, then the selection, on top
        pid = f["properties"]["id"]
        return pid == selected, focus_extra_weight(pid, focused) > 0

    for feature in sorted(features, key=order):
        p = feature["properties"]
        line = STAGE_LINES.get(p["stage"], STAGE_LINES["exploration"])
        chosen = p["id"] == selected
        state = "selected" if chosen else ("disputed" if p.get("disputed") else "shown")
        weight = line["weight"] + (SELECTED_ARC["extraWeight"] if chosen else
                                   focus_extra_weight(p["id"], focused))
        xs, ys = _xy(feature["geometry"]["coordinates"])
        artist = Line2D(xs, ys, color=SELECTED_ARC["color"] if chosen else
                        LEVEL_COLOURS.get(p["level"], OTHER_COLOUR),
                        linewidth=weight * PT_PER_PX, linestyle=_dashes(line["dashArray"]),
                        alpha=arc_opacity(p["id"], state, focused), solid_capstyle="round",
                        dash_capstyle="round",
                        zorder=4 if chosen else 3)
        artist.set_gid(p["id"])  # the SVG element's id: designers find each partnership by it
        ax.add_line(artist)


def _place_label(properties: Mapping[str, Any], lang: str) -> str:
    if lang == "zh" and properties.get("name_zh"):
        return str(properties["name_zh"])
    return str(properties["name"])


def _label_box(ax: Any, feature: dict[str, Any], text: str, size: float) -> tuple[float, ...]:
    """The label's box in points from the axes' corner (text width estimated per character)."""
    lon, lat = feature["geometry"]["coordinates"]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = ax.get_position()
    width_pt, height_pt = box.width * SIZE_INCHES[0] * 72, box.height * SIZE_INCHES[1] * 72
    x, y = (lon - x0) / (x1 - x0) * width_pt, (mercator_y(lat) - y0) / (y1 - y0) * height_pt
    wide = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text) * size
    return (x + _offset(feature), y, x + _offset(feature) + wide, y + size * 1.2)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_labels(ax: Any, points: list[dict[str, Any]], lang: str, size: float = 7.5) -> None:
    """Name the busiest places, up to MAX_LABELS, skipping any label that would overlap."""
    ranked = sorted(points, key=lambda f: (-f["properties"]["count"], f["properties"]["name"]))
    halo = [patheffects.withStroke(linewidth=2.4, foreground="white")]
    boxes: list[tuple[float, ...]] = []
    for feature in ranked:
        text = _place_label(feature["properties"], lang)
        box = _label_box(ax, feature, text, size)
        if any(_overlaps(box, other) for other in boxes):
            continue
        boxes.append(box)
        lon, lat = feature["geometry"]["coordinates"]
        ax.annotate(text, (lon, mercator_y(lat)), xytext=(_offset(feature), 0),
                    textcoords="offset points", fontsize=size, va="bottom", color="#222222",
                    zorder=6, path_effects=halo)
        if len(boxes) == MAX_LABELS:
            break


def _offset(feature: dict[str, Any]) -> float:
    """How far right of its place a label starts, in points: clear of the dot."""
    return feature["properties"]["radius"] * PT_PER_PX + 2


def _ends(arcs: list[dict[str, Any]], focused: frozenset[str] | None) -> set[str] | None:
    """The keys of the places at either end of a focus's ties (None without a focus)."""
    if focused is None:
        return None
    return {f["properties"][end] for f in arcs if f["properties"]["id"] in focused
            for end in ("id_place", "cn_place")}


def _draw_places(ax: Any, points: list[dict[str, Any]], bright: set[str] | None = None,
                 focus: str | None = None) -> None:
    """The place markers, as arcs_layer.js styles them: with a focus, the focused place ringed
    and the places that are not in `bright` (the ends of its ties) dimmed."""
    if not points:
        return

    def style(place: str) -> dict[str, Any]:
        return {**PLACE_STYLE, **(FOCUSED_PLACE if place == focus else {}),
                **(FADED_PLACE if bright is not None and place not in bright else {})}

    styles = [style(f["properties"]["place"]) for f in points]
    xs, ys = _xy([f["geometry"]["coordinates"] for f in points])
    sizes = [(2 * f["properties"]["radius"] * PT_PER_PX) ** 2 for f in points]
    ax.scatter(xs, ys, s=sizes, zorder=5, gid="places",
               facecolors=[to_rgba(x["fillColor"], x["fillOpacity"]) for x in styles],
               edgecolors=[to_rgba(x["color"], x["opacity"]) for x in styles],
               linewidths=[x["weight"] * PT_PER_PX for x in styles])


def _frame(ax: Any, features: list[dict[str, Any]]) -> None:
    """Fit the view to the shown arcs (the whole region when none), filling the map's box."""
    points = [c for f in features for c in f["geometry"]["coordinates"]]
    if points:
        west, east = min(c[0] for c in points), max(c[0] for c in points)
        south, north = min(c[1] for c in points), max(c[1] for c in points)
    else:
        (south, west), (north, east) = REGION
    grow = max(0.0, MIN_SPAN_DEG - (east - west)) / 2 + (east - west) * 0.06
    lift = max(0.0, MIN_SPAN_DEG - (north - south)) / 2 + (north - south) * 0.06
    x0, x1 = west - grow, east + grow
    y0, y1 = mercator_y(south - lift), mercator_y(north + lift)
    ratio = (MAP_BOX[2] * SIZE_INCHES[0]) / (MAP_BOX[3] * SIZE_INCHES[1])  # width / height
    if (x1 - x0) / (y1 - y0) < ratio:  # too tall for the box: widen around the middle
        extra = ((y1 - y0) * ratio - (x1 - x0)) / 2
        x0, x1 = x0 - extra, x1 + extra
    else:
        extra = ((x1 - x0) / ratio - (y1 - y0)) / 2
        y0, y1 = y0 - extra, y1 + extra
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")


def _legend(fig: Figure, translate: Translate, view: PictureInput) -> None:
    cfg = style_config(translate)
    handles: list[Line2D] = []
    headers: list[str] = []

    def wrap(text: str) -> str:
        return "\n".join(textwrap.wrap(text, LEGEND_WRAP)) if not needs_cjk([text]) else text

    def header(text: str) -> None:
        headers.append(text)
        handles.append(Line2D([], [], linestyle="none", label=text))

    header(cfg["text"]["level"])
    for key, label in cfg["levels"].items():
        handles.append(Line2D([], [], color=cfg["colours"][key], linewidth=4 * PT_PER_PX, label=wrap(label)))
    header(cfg["text"]["stage"])
    for key, label in cfg["stages"].items():
        line = STAGE_LINES[key]
        handles.append(Line2D([], [], color=LEGEND_LINE_COLOUR, linewidth=line["weight"] * PT_PER_PX,
                              linestyle=_dashes(line["dashArray"]),
                              dash_capstyle="round", label=wrap(label)))
    handles.append(Line2D([], [], color=LEGEND_LINE_COLOUR, alpha=ARC_OPACITY["disputed"],
                          linewidth=3 * PT_PER_PX, label=wrap(cfg["text"]["disputed"])))
    if view.focused is not None:
        handles.append(faded_legend(wrap(cfg["text"]["faded"])))
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7,
                          markerfacecolor=PLACE_STYLE["fillColor"],
                          markeredgecolor=PLACE_STYLE["color"], label=wrap(cfg["text"]["places"])))
    if view.shading is not None:
        handles += shading_legend(view.shading, header)
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.785, 0.88),
                        frameon=False, fontsize=8, handlelength=3.2, alignment="left")
    legend.set_gid("legend")
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")


def _captions(fig: Figure, captions: Captions, translate: Translate) -> None:
    fig.text(0.02, 0.975, captions.title, fontsize=14, fontweight="bold", va="top", wrap=True,
             gid="title")
    if captions.note:
        fig.text(0.02, 0.05, captions.note, fontsize=8.5, color="#444444", gid="note")  # under the map: a long title may take two lines
    fig.text(0.02, 0.025, captions.data_date, fontsize=8, color="#444444", gid="data-date")
    fig.text(0.98, 0.025, captions.credit or translate(CREDIT), fontsize=8, color="#444444", ha="right",
             gid="credit")


def build_figure(view: PictureInput, captions: Captions, *,
                 translate: Translate = untranslated) -> Figure:
    """The whole picture as a matplotlib Figure (not yet written anywhere)."""
    texts = [captions.title, captions.note, captions.credit or translate(CREDIT)]
    texts += [_place_label(f["properties"], view.lang)
              for f in place_features(view.partnerships, view.places)]
    families = font_families(texts, view.lang)
    with rc_context({"font.family": families, "lines.scale_dashes": False}):
        fig = Figure(figsize=SIZE_INCHES, facecolor="white")
        ax = fig.add_axes(MAP_BOX)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor(OUTLINE_STYLE["color"])
            spine.set_linewidth(0.5)
        features = arc_features(view.partnerships, view.places, bends=view.bends or None)
        _draw_outlines(ax)
        if view.shading is not None:
            draw_provinces(ax, view.shading, _xy)
        _draw_arcs(ax, features, view.selected, view.focused)
        points = place_features(view.partnerships, view.places)
        bright = _ends(features, view.focused)
        _draw_places(ax, points, bright, view.focus)
        _frame(ax, features)
        # With a focus, as on the map, only the places of its ties are named.
        _draw_labels(ax, points if bright is None else
                     [f for f in points if f["properties"]["place"] in bright], view.lang)
        _legend(fig, translate, view)
        _captions(fig, captions, translate)
    fig.kembar_families = families  # type: ignore[attr-defined]  # for saving with the same fonts
    return fig


def picture_bytes(fig: Figure, fmt: str, *, dpi: int = DEFAULT_DPI) -> bytes:
    """The figure as PNG, SVG (text as text, arcs with ids) or PDF (vector, fonts embedded)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown picture format {fmt!r}; expected one of {', '.join(FORMATS)}")
    families = getattr(fig, "kembar_families", ["DejaVu Sans"])
    buffer = io.BytesIO()
    with rc_context({"font.family": families, "svg.fonttype": "none", "pdf.fonttype": 42,
                     "svg.hashsalt": "kembar"}):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any]:
    """Fixed metadata so the same view gives the same file (no creation date in it)."""
    if fmt == "svg":
        return {"Date": None, "Title": "Kembar"}
    if fmt == "pdf":
        return {"CreationDate": None, "Title": "Kembar"}
    return {"Software": "Kembar (matplotlib)"}


def write_picture(fig: Figure, path: Path, *, dpi: int = DEFAULT_DPI) -> None:
    """Write the figure to `path`, its format taken from the suffix (.png, .svg or .pdf)."""
    path.write_bytes(picture_bytes(fig, path.suffix.lower().lstrip("."), dpi=dpi))
