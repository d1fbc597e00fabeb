"""The province shading and the province-to-province grid as a user drives them (AppTest).

Expected values come from data/partnerships.csv and data/provinces.geojson, never by hand.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from components import DATA_DIR
from components.ui.grid import GRID_KEY
from components.ui.mappanel import PLACE_KEY
from components.ui.provinces import SHADE_KEY
from tests.apptest import open_section, run_app
from tests.apptest import click_on_map, map_element, shown_count

ROWS = list(csv.DictReader((DATA_DIR / "partnerships.csv").open(encoding="utf-8")))
SHAPES = json.loads((DATA_DIR / "provinces.geojson").read_text(encoding="utf-8"))


def expected_shading(rows) -> dict[str, int]:
    """Each shape's count: partnerships with a partner in any province it covers."""
    counts = Counter(("ID", r["id_province"]) for r in rows) + Counter(("CN", r["cn_province"]) for r in rows)
    return {f'{f["properties"]["country"]}|{f["properties"]["name"]}':
            sum(counts[f["properties"]["country"], name] for name in f["properties"]["covers"])
            for f in SHAPES["features"]}


def shading_sent(at: AppTest) -> dict[str, int] | None:
    """Each shape's count as the map component received it (None: no shading layer)."""
    script = json.loads(map_element(at).proto.json_args)["feature_group"]
    found = re.search(r"kembarProvincesLayer\((\{.*?\})\);\n", script)
    if not found:
        return None
    return {key: entry["n"] for key, entry in json.loads(found.group(1))["shapes"].items()}


def arc_ids_sent(at: AppTest) -> set[str]:
    args = map_element(at).proto.json_args
    return {r["id"] for r in ROWS if f'\\"{r["id"]}\\"' in args}


def select_grid_cell(at: AppTest, id_province: str, cn_province: str) -> None:
    """What the browser sends when a grid cell is clicked: the chart's selection event."""
    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)
    chart = next(c for c in walk(at._tree)
                 if str(getattr(getattr(c, "proto", None), "id", "")).endswith(f"-{GRID_KEY}"))
    states: WidgetStates = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    state.string_value = json.dumps({"selection": {"cell": [
        {"id_province": id_province, "cn_province": cn_province}]}})
    at._run(states)
    assert not at.exception, at.exception


def test_shade_link_draws_every_province_with_its_count():
    at = run_app(shade="provinces")
    assert at.checkbox(key=SHADE_KEY).value is True
    assert at.query_params["shade"] == "provinces"
    sent = shading_sent(at)
    assert sent == expected_shading(ROWS)
    assert sent["ID|Jawa Timur"] == sum(r["id_province"] == "Jawa Timur" for r in ROWS) > 0


def test_shading_follows_the_filters():
    at = run_app(shade="provinces", level="city")
    assert shading_sent(at) == expected_shading([r for r in ROWS if r["id_level"] == "city"])


def test_shading_is_off_by_default_and_the_checkbox_turns_it_on():
    at = run_app()
    assert shading_sent(at) is None
    assert "shade" not in at.query_params
    at.checkbox(key=SHADE_KEY).check().run()
    assert not at.exception
    assert shading_sent(at) == expected_shading(ROWS)
    assert at.query_params["shade"] == "provinces"


def test_a_click_on_a_province_focuses_it():
    at = run_app(shade="provinces")
    click_on_map(at, {"name": "Jawa Tengah", "country": "ID", "covers": ["Jawa Tengah"],
                      "partnerships": 8, "place": "ID|province|Jawa Tengah|Provinsi Jawa Tengah"})
    assert not at.exception
    assert at.session_state[PLACE_KEY] == "ID|province|Jawa Tengah|Provinsi Jawa Tengah"
    assert at.query_params["place"]  # the focus joins the link
    assert shown_count(at) == len(ROWS)  # a focus, not a filter
    assert at.selectbox(key="selected").value is None  # not the province's first partnership


def test_a_grid_cell_filters_the_map_to_its_partnerships():
    at = open_section(run_app(), "overview")
    pairs = Counter((r["id_province"], r["cn_province"]) for r in ROWS)
    (id_province, cn_province), n = pairs.most_common(1)[0]
    select_grid_cell(at, id_province, cn_province)
    assert at.multiselect(key="f_id_provinces").value == [id_province]
    assert at.multiselect(key="f_cn_provinces").value == [cn_province]
    assert shown_count(at) == n
    expected = {r["id"] for r in ROWS if (r["id_province"], r["cn_province"]) == (id_province, cn_province)}
    assert arc_ids_sent(at) == expected
    assert at.query_params["id_province"] == id_province


def test_the_grid_line_names_the_most_connected_pair():
    at = open_section(run_app(), "overview")
    pairs = Counter((r["id_province"], r["cn_province"]) for r in ROWS)
    (a, b), n = pairs.most_common(1)[0]
    line = next(c.value for c in at.caption if "Most connected" in c.value).replace("\\", "")
    assert f"{a} – {b} ({n})" in line
    partnered = {r["cn_province"] for r in ROWS}
    assert "Tibet" not in partnered and "Tibet" in line


def test_the_grid_in_chinese():
    at = open_section(run_app(lang="zh"), "overview")
    line = next(c.value for c in at.caption if "西藏" in c.value)
    assert "Tibet" not in line and "没有印尼合作方" in line and "联系最多" in line
    assert at.checkbox(key=SHADE_KEY).label == "按合作关系数为省份着色"


def test_the_geojson_download_carries_the_shaded_provinces_when_shading_is_on():
    from components.pipeline import prepare
    from components.ui.tabs import geojson_download

    data = prepare(online=False)
    shown = [p for p in data.partnerships if p.id_level == "city"]
    plain = json.loads(geojson_download(shown, data, shade=False))
    shaded = json.loads(geojson_download(shown, data, shade=True))
    assert not any("covers" in f["properties"] for f in plain["features"])
    provinces = {f'{f["properties"]["country"]}|{f["properties"]["name"]}': f["properties"]["partnerships"]
                 for f in shaded["features"] if "covers" in f["properties"]}
    assert provinces == expected_shading([r for r in ROWS if r["id_level"] == "city"])
    assert shaded["features"][:len(plain["features"])] == plain["features"]
