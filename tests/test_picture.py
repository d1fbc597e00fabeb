"""The map as a picture: what the figure holds, what each format keeps, and the command line."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest
from matplotlib.lines import Line2D

from components.__main__ import main
from components.filters import Filters
from components.map import fonts
from components.focus import partnerships_of_place
from components.map.elements import FADED_OPACITY, LEVEL_COLOURS, SELECTED_ARC
from components.i18n.translator import get_translator
from components.map.provinces import (SHADE_COLOURS, TEXT, class_breaks, shade_class,
                                      shaded_features)
from components.map.picture import CREDIT, picture_bytes
from components.pipeline import prepare
from components.provinces import count_by_province
from components.view.snapshot import view_figure, view_picture
from components.viewstate import ViewState

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def prepared():
    return prepare()


def arcs_of(fig) -> dict[str, Line2D]:
    ax = fig.axes[0]
    return {line.get_gid(): line for line in ax.get_lines()}


def texts_of(fig) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    found += [t.get_text() for ax in fig.axes for t in ax.texts]
    found += [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    return found


def test_every_shown_arc_is_drawn_once_with_its_level_colour(prepared):
    fig = view_figure(prepared, ViewState(Filters(), lang="en"))
    arcs = arcs_of(fig)
    assert set(arcs) == set(prepared.drawable_ids)
    for pid, line in arcs.items():
        assert line.get_color() == LEVEL_COLOURS[prepared.by_id[pid].id_level]
        assert len(line.get_xdata()) >= 8  # a great circle, not a straight segment


def test_title_legend_date_and_credit_are_on_the_picture(prepared):
    texts = texts_of(view_figure(prepared, ViewState(Filters(levels={"city"}), lang="en")))
    title = next(text for text in texts if " partnerships — " in text)
    assert "city level" in title
    assert CREDIT in texts
    assert any(text.startswith("Data as of ") for text in texts)
    assert {"Province", "City", "Regency", "Agreement"} <= set(texts)


def test_filters_and_selection_are_respected(prepared):
    fig = view_figure(prepared, ViewState(Filters(levels={"city"}, stages={"mou"}),
                                          selected="serang-hangzhou", lang="en"))
    arcs = arcs_of(fig)
    expected = {p.id for p in prepared.partnerships if p.id_level == "city" and p.stage == "mou"
                and p.id in prepared.drawable_ids}
    assert arcs and set(arcs) == expected
    chosen = view_figure(prepared, ViewState(Filters(), selected="serang-hangzhou", lang="en"))
    assert arcs_of(chosen)["serang-hangzhou"].get_color() == SELECTED_ARC["color"]


def test_as_of_year_and_place_narrow_the_picture(prepared):
    arcs = arcs_of(view_figure(prepared, ViewState(Filters(as_of=2010), lang="en")))
    assert arcs and all(prepared.by_id[pid].year is not None for pid in arcs)
    assert len(arcs) < len(prepared.drawable_ids)
    bali = arcs_of(view_figure(prepared, ViewState(lang="en"), place="Bali"))
    assert bali and all("Bali" in (prepared.by_id[pid].id_name + prepared.by_id[pid].id_province)
                        for pid in bali)


def png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


def test_png_is_wide_enough_to_print_and_grows_with_dpi(prepared):
    fig = view_figure(prepared, ViewState(Filters(levels={"province"}), lang="en"))
    assert png_width(picture_bytes(fig, "png")) >= 1600
    assert png_width(picture_bytes(fig, "png", dpi=300)) >= 3000


def test_svg_has_an_element_per_arc_named_by_id_and_keeps_text(prepared):
    view = ViewState(Filters(levels={"regency"}), lang="zh")
    root = ET.fromstring(view_picture(prepared, view, "svg"))
    ids = {element.get("id") for element in root.iter()}
    shown = {p.id for p in prepared.partnerships if p.id_level == "regency" and p.id in prepared.drawable_ids}
    assert shown and shown <= ids
    texts = "".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))
    assert "合作关系" in texts and "Natural Earth" in texts  # Chinese kept as text, not paths


def svg_styles(data: bytes) -> dict[str, str]:
    """Each SVG group's id -> the style of the first path inside it."""
    styles = {}
    for group in ET.fromstring(data).iter(f"{SVG}g"):
        path = next(group.iter(f"{SVG}path"), None)
        if group.get("id") and path is not None:
            styles[group.get("id")] = path.get("style", "")
    return styles


def shaded_ids(counts) -> set[str]:
    """The SVG ids of the province shapes with any partnership (map.provinces's own sums)."""
    return {f"province-{f['properties']['country']}-" + f["properties"]["name"].replace(" ", "-")
            for f in shaded_features(counts) if f["properties"]["partnerships"]}


def svg_texts(data: bytes) -> str:
    return " ".join("".join(e.itertext()) for e in ET.fromstring(data).iter(f"{SVG}text"))


def test_shading_fills_the_provinces_in_their_class_colours_with_its_legend(prepared):
    data = view_picture(prepared, ViewState(Filters(), lang="en", shade=True), "svg")
    styles = svg_styles(data)
    counts = count_by_province(prepared.partnerships)
    breaks = class_breaks(max(counts.values()))
    for country, name in (("ID", "Jawa Timur"), ("CN", "Guangxi"), ("ID", "Bali")):
        colour = SHADE_COLOURS[shade_class(counts[country, name], breaks)]
        style = styles["province-" + country + "-" + name.replace(" ", "-")]
        assert f"fill: {colour.lower()}" in style and "fill-opacity: 0.72" in style
    assert {key for key in styles if key.startswith("province-")} == shaded_ids(counts)
    texts = svg_texts(data)
    assert TEXT["title"] in texts and "16+" in texts
    indonesian = view_picture(prepared, ViewState(Filters(), lang="id", shade=True), "svg")
    title = get_translator("id")(TEXT["title"])
    assert title != TEXT["title"] and title in svg_texts(indonesian)  # the map legend's words


def test_shading_counts_only_the_shown_partnerships(prepared):
    styles = svg_styles(view_picture(prepared, ViewState(Filters(levels={"province"}), lang="en",
                                                         shade=True), "svg"))
    shown = count_by_province(p for p in prepared.partnerships if p.id_level == "province")
    everything = shaded_ids(count_by_province(prepared.partnerships))
    assert {key for key in styles if key.startswith("province-")} == shaded_ids(shown) < everything


def test_a_focus_fades_the_other_arcs_as_the_map_does(prepared):
    view = ViewState(Filters(), lang="en", place="Surabaya")
    styles = svg_styles(view_picture(prepared, view, "svg"))
    focus = prepared.place_index.resolve("Surabaya")[0]
    ties = {p.id for p in partnerships_of_place(focus, prepared.partnerships)}
    drawn = set(prepared.drawable_ids)
    assert ties & drawn and drawn - ties
    for pid in drawn:
        faded = f"stroke-opacity: {FADED_OPACITY}" in styles[pid]
        assert faded == (pid not in ties), pid
    assert "faded: not a tie of the focused place" in svg_texts(view_picture(prepared, view, "svg"))


def place_marker_styles(data: bytes) -> list[str]:
    """The style of each place marker (the "places" group's paths), in drawing order."""
    group = next(g for g in ET.fromstring(data).iter(f"{SVG}g") if g.get("id") == "places")
    return [path.get("style", "") for path in group.iter(f"{SVG}path")]


def test_a_focus_dims_the_other_places_and_rings_its_own_as_the_map_does(prepared):
    """arcs_layer.js: the focused place's marker takes the selection's colour and a 3 px ring;
    a place that is not an end of one of its ties is dimmed (map.elements.FADED_PLACE)."""
    focus = prepared.place_index.resolve("Surabaya")[0]
    ties = [p for p in partnerships_of_place(focus, prepared.partnerships)
            if p.id in prepared.drawable_ids]
    ends = {ref for p in ties for ref in (p.id_place, p.cn_place)}
    places = {ref for p in prepared.partnerships if p.id in prepared.drawable_ids
              for ref in (p.id_place, p.cn_place)}
    assert ends and places - ends
    styles = place_marker_styles(view_picture(
        prepared, ViewState(Filters(), lang="en", place="Surabaya"), "svg"))
    assert len(styles) == len(places)
    dimmed = [s for s in styles if "fill-opacity: 0.4" in s and "stroke-opacity: 0.4" in s]
    ringed = [s for s in styles if f"stroke: {SELECTED_ARC['color'].lower()}" in s]
    assert len(dimmed) == len(places - ends)
    assert len(ringed) == 1 and "stroke-width: 1.8" in ringed[0]  # 3 px at 0.6 pt a pixel
    figure = view_figure(prepared, ViewState(Filters(), lang="en", place="Surabaya"))
    named = {text.get_text() for ax in figure.axes for text in ax.texts}
    assert "Kota Surabaya" in named and named <= {ref.name for ref in ends}  # the ties' places alone
    unfocused = place_marker_styles(view_picture(prepared, ViewState(Filters(), lang="en"), "svg"))
    assert len(unfocused) == len(places)
    assert not any("opacity: 0.4" in s or "stroke-width: 1.8" in s for s in unfocused)


def test_without_shading_or_focus_nothing_is_added(prepared):
    data = view_picture(prepared, ViewState(Filters(), lang="en"), "svg")
    styles = svg_styles(data)
    assert not any(key.startswith("province-") for key in styles)
    assert not any(f"stroke-opacity: {FADED_OPACITY}" in style for style in styles.values())
    assert TEXT["title"] not in svg_texts(data) and "faded" not in svg_texts(data)
    unknown = view_picture(prepared, ViewState(Filters(), lang="en", place="Nowhere at all"), "svg")
    assert unknown == data  # a name that is no place focuses nothing


def test_pdf_is_vector(prepared):
    data = view_picture(prepared, ViewState(Filters(stages={"agreement"}), lang="id"), "pdf")
    assert data.startswith(b"%PDF")
    assert b"/Subtype /Image" not in data


def test_unknown_format_is_refused(prepared):
    with pytest.raises(ValueError, match="gif"):
        view_picture(prepared, ViewState(lang="en"), "gif")


def test_chinese_without_a_cjk_font_fails_clearly(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_family", lambda: None)
    with pytest.raises(fonts.FontMissing, match="fonts-noto-cjk"):
        fonts.font_families(["80 个合作关系"], "zh")
    with pytest.raises(fonts.FontMissing):
        fonts.font_families(["matching “杭州”"], "en")
    assert fonts.font_families(["Kota Serang"], "id") == [fonts.LATIN_FALLBACK]


def test_a_cjk_font_is_found_on_this_machine():
    assert fonts.cjk_family() in fonts.CJK_FAMILIES


def test_command_writes_each_format_for_the_view(tmp_path):
    out = {fmt: tmp_path / f"map.{fmt}" for fmt in ("png", "svg", "pdf")}
    status = main(["export", "--png", str(out["png"]), "--svg", str(out["svg"]),
                   "--pdf", str(out["pdf"]), "--level", "province", "--lang", "id"])
    assert status == 0
    assert png_width(out["png"].read_bytes()) >= 1600 and out["pdf"].read_bytes().startswith(b"%PDF")
    ids = {e.get("id") for e in ET.parse(out["svg"]).getroot().iter()}
    assert "serang-hangzhou" not in ids  # a city partnership, filtered out


def test_command_refuses_a_wrong_view_option(tmp_path, capsys):
    assert main(["export", "--png", str(tmp_path / "x.png"), "--stage", "signed"]) == 2
    assert "stage=signed" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_command_shades_and_focuses_as_the_url_does(tmp_path, prepared):
    out = tmp_path / "map.svg"
    assert main(["export", "--svg", str(out), "--shade", "provinces", "--focus", "Bali"]) == 0
    styles = svg_styles(out.read_bytes())
    assert {key for key in styles if key.startswith("province-")} == shaded_ids(
        count_by_province(prepared.partnerships))
    bali = {p.id for p in partnerships_of_place(prepared.place_index.resolve("Bali")[0],
                                                prepared.partnerships)}
    faded = {pid for pid in prepared.drawable_ids if f"stroke-opacity: {FADED_OPACITY}" in styles[pid]}
    assert faded and faded == set(prepared.drawable_ids) - bali
