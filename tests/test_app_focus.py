"""Focus on a place under AppTest: ?place=, the Place box, a click on a marker, the portfolio."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from streamlit.testing.v1 import AppTest

from components.filters import Filters, apply_filters
from components.focus import partnerships_of_place
from components.map.wire import FOCUSED, SELECTED
from components.pipeline import Prepared, prepare
from tests.apptest import run_app
from tests.apptest import click_on_map, map_element

JATENG = "ID|province|Jawa Tengah|Provinsi Jawa Tengah"
HANGZHOU = "CN|city|Zhejiang|Hangzhou"


@lru_cache(maxsize=1)
def prepared() -> Prepared:
    return prepare(online=False)


def ties(key: str, filters: Filters = Filters()) -> list[str]:
    data = prepared()
    shown = apply_filters(data.partnerships, filters, search_index=data.search_index)
    return [p.id for p in partnerships_of_place(data.place_index.by_key[key], shown)]


def portfolio_ids(at: AppTest) -> list[str]:
    """The partnerships the portfolio lists, in order (each is a button keyed by its id)."""
    return [b.key.removeprefix("portfolio_") for b in at.button if b.key.startswith("portfolio_")]


def flagged(at: AppTest, bit: int) -> set[str]:
    """The ids of the arcs the map's layer carries with this flag (the packed rows' last field)."""
    group = json.loads(map_element(at).proto.json_args)["feature_group"]
    packed = re.search(r"kembarArcsLayer\((\{.*?\}), (\{.*\}), (\{.*?\})\);", group, re.S)
    return {row[0] for row in json.loads(packed.group(2))["arcs"] if row[-1] & bit}


def test_a_place_link_focuses_the_province_and_lists_its_ties_own_first():
    at = run_app(place="Provinsi Jawa Tengah")
    assert at.selectbox(key="place").value == JATENG
    expected = ties(JATENG)
    assert portfolio_ids(at) == expected
    own = [p.id for p in prepared().partnerships if p.id_name == "Provinsi Jawa Tengah"]
    assert own and portfolio_ids(at)[:len(own)] == own
    assert flagged(at, FOCUSED) == set(expected) & prepared().drawable_ids
    assert at.query_params["place"] == "Provinsi Jawa Tengah"


def test_any_name_of_the_place_finds_it_and_the_link_then_names_it_plainly():
    at = run_app(place="Jateng")
    assert at.selectbox(key="place").value == JATENG
    assert at.query_params["place"] == "Provinsi Jawa Tengah"


def test_a_chinese_name_lists_hangzhous_partners_in_chinese():
    at = run_app(place="杭州", lang="zh")
    assert at.selectbox(key="place").value == HANGZHOU
    assert "杭州市" in [h.value for h in at.subheader]
    assert portfolio_ids(at) == ties(HANGZHOU)


def test_an_ambiguous_name_offers_the_choice_and_a_choice_focuses():
    at = run_app(place="Tangerang")
    assert at.selectbox(key="place").value is None
    choices = [b for b in at.button if b.key.startswith("choose_")]
    assert {b.key for b in choices} == {"choose_ID|city|Banten|Kota Tangerang",
                                        "choose_ID|regency|Banten|Kabupaten Tangerang"}
    choices[0].click().run()
    assert not at.exception
    assert at.selectbox(key="place").value == choices[0].key.removeprefix("choose_")
    assert not [b for b in at.button if b.key.startswith("choose_")]


def test_an_unknown_name_is_a_notice_never_an_error():
    at = run_app(place="<b>Atlantis</b>")
    assert at.selectbox(key="place").value is None
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "place=<b>Atlantis</b>" in notices
    assert "place" not in at.query_params


def test_a_click_on_a_marker_focuses_that_place_and_never_selects_anothers_tie():
    at = run_app(selected="serang-hangzhou")
    click_on_map(at, {"place": "ID|city|Jawa Tengah|Kota Semarang", "name": "Kota Semarang"})
    assert not at.exception
    assert at.selectbox(key="place").value == "ID|city|Jawa Tengah|Kota Semarang"
    assert at.selectbox(key="selected").value is None  # Serang–Hangzhou is not Semarang's
    assert flagged(at, SELECTED) == set()


def test_a_province_level_marker_focuses_its_province():
    at = run_app()
    click_on_map(at, {"place": "CN|province|Fujian|Fujian", "name": "Fujian"})
    assert at.selectbox(key="place").value == "CN|province|Fujian|Fujian"
    assert portfolio_ids(at) == ties("CN|province|Fujian|Fujian")


def test_a_partner_in_the_portfolio_opens_its_details_and_the_highlight_follows():
    at = run_app(place="Provinsi Jawa Tengah")
    target = portfolio_ids(at)[-1]
    at.button(key=f"portfolio_{target}").click().run()
    assert at.selectbox(key="selected").value == target
    assert flagged(at, SELECTED) == {target} & prepared().drawable_ids


def test_a_click_on_an_arc_is_highlighted_in_the_same_rerun():
    at = run_app()
    click_on_map(at, {"id": "semarang-nanjing"})
    assert flagged(at, SELECTED) == {"semarang-nanjing"}
    click_on_map(at, {"id": "serang-hangzhou", "kembar_click": "2"})
    assert flagged(at, SELECTED) == {"serang-hangzhou"}


def test_the_focus_follows_the_filters():
    at = run_app(place="Provinsi Jawa Tengah", stage="agreement")
    expected = ties(JATENG, Filters(stages={"agreement"}))
    assert portfolio_ids(at) == expected
    hidden = len(ties(JATENG)) - len(expected)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert f"{hidden} more partnerships of this place are hidden by the filters" in captions


def test_clearing_the_focus_returns_to_the_full_map():
    at = run_app(place="Provinsi Jawa Tengah")
    at.button(key="clear_focus").click().run()
    assert at.selectbox(key="place").value is None
    assert flagged(at, FOCUSED) == set()
    assert "place" not in at.query_params


def test_the_focus_survives_a_language_switch():
    at = run_app(place="Jateng")
    at.selectbox(key="lang").select("zh").run()
    assert not at.exception
    assert at.selectbox(key="place").value == JATENG
    assert "中爪哇" in [h.value for h in at.subheader]
    assert at.query_params["place"] == "Provinsi Jawa Tengah"
