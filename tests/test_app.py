"""The app as a user drives it, through Streamlit's AppTest: filters, links, clicks, details."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.apptest import (FIRST_REPORT, ROOT, ROWS, TOTAL, click_on_map, first_screen,
                           map_reports, map_element, open_section, run_app, shown_count, summary)



def test_opens_with_every_partnership():
    at = run_app()
    assert shown_count(at) == TOTAL
    assert f"of {TOTAL} partnerships" in summary(at)


@pytest.mark.parametrize("level", ["province", "city", "regency"])
def test_level_link_shows_exactly_that_level(level):
    at = run_app(level=level)
    assert shown_count(at) == sum(r["id_level"] == level for r in ROWS)


def test_sidebar_filter_changes_the_set_and_the_link():
    at = run_app()
    at.multiselect(key="f_levels").set_value(["city"]).run()
    assert not at.exception
    assert shown_count(at) == sum(r["id_level"] == "city" for r in ROWS)
    assert at.query_params["level"] == "city"


def test_stage_and_year_link_round_trip():
    at = run_app(stage="loi,mou", year_from="2010", year_to="2020")
    # narrowed years leave the undated out unless the link asks for them (undated=1)
    expected = sum(r["stage"] in ("loi", "mou") and bool(r["date"]) and 2010 <= int(r["date"][:4]) <= 2020
                   for r in ROWS)
    assert shown_count(at) == expected
    assert at.query_params["stage"] == "loi,mou"
    assert at.query_params["year_from"] == "2010"


def test_search_finds_chinese_and_alias_names():
    at = run_app(q="杭州")
    assert shown_count(at) >= 1
    at.text_input(key="f_q").set_value("Jateng").run()
    jateng = sum(r["id_province"] == "Jawa Tengah" for r in ROWS)
    assert shown_count(at) == jateng


def test_selected_link_opens_the_details_with_the_article_sentence():
    at = run_app(selected="serang-hangzhou")
    assert at.selectbox(key="selected").value == "serang-hangzhou"
    page = " ".join(str(getattr(e, "value", "")) for e in at.main.get("html")) + " ".join(
        m.value for m in at.markdown)
    assert "Kota Serang" in page
    assert "5 September 2025" in page


def test_bad_query_values_are_ignored_with_a_notice():
    at = run_app(level="town", year_from="abc", selected="nope", q="<script>alert(1)</script>")
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "level" in notices and "year_from" in notices and "selected" in notices
    assert shown_count(at) == 0  # the query matches nothing, and it is shown as text


def test_a_click_on_an_arc_selects_its_partnership():
    at = run_app()
    click_on_map(at, {"id": "semarang-nanjing"})
    assert not at.exception
    assert at.selectbox(key="selected").value == "semarang-nanjing"
    assert at.query_params["selected"] == "semarang-nanjing"


def test_the_first_screen_sends_the_map_first_and_later_runs_the_details_first(monkeypatch):
    """The browser draws what it receives in order: on the first screen the map's frame should
    start soonest; after a click, the details should show before the arcs are redrawn."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    sent: list[str] = []
    enqueue = ScriptRunContext.enqueue

    def record(self, msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            if kind == "component_instance":
                sent.append("map")
            elif kind == "selectbox" and element.selectbox.id.endswith("-selected"):
                sent.append("partnership box")
            elif kind == "html" and 'kembar-to-follow-label">Partnership<' in element.html.body:
                sent.append("partnership look")
        return enqueue(self, msg)

    monkeypatch.setattr(ScriptRunContext, "enqueue", record)
    at = first_screen(selected="serang-hangzhou")
    assert sent == ["map", "partnership look"]
    for rerun in (lambda: map_reports(at, FIRST_REPORT),
                  lambda: click_on_map(at, {"id": "semarang-nanjing"})):
        sent.clear()
        rerun()
        assert not at.exception
        assert sent == ["partnership look", "partnership box", "map"]


def test_the_map_layer_holds_only_the_filtered_arcs():
    at = run_app(level="regency")
    element = map_element(at)
    assert element is not None, "the map component is missing"
    regency_ids = {r["id"] for r in ROWS if r["id_level"] == "regency"}
    args = element.proto.json_args
    assert all(i in args for i in regency_ids)
    assert not any(f'"{r["id"]}"' in args for r in ROWS if r["id_level"] == "city")


def test_as_of_link_draws_the_network_of_that_year():
    at = run_app(as_of="2010")
    assert at.toggle(key="f_asof_on").value is True
    assert at.slider(key="f_asof").value == 2010
    undated = sum(not r["date"] for r in ROWS)
    assert f"not shown: {undated}" in " ".join(c.value for c in at.caption).replace("\\", "")


def test_details_panel_shows_the_history_of_a_partnership():
    milestones = [r for r in csv.DictReader((ROOT / "data" / "milestones.csv").open(encoding="utf-8"))
                  if r["partnership"] == "semarang-nanjing"]
    assert len(milestones) >= 2, "the dataset should hold Semarang–Nanjing's steps"
    at = run_app(selected="semarang-nanjing")
    history = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- **")]
    for row in milestones:
        year = row["date"][:4]
        assert any(year in line for line in history), (row, history)
    assert any("Memorandum of understanding" in line for line in history)


@pytest.mark.parametrize("lang", ["id", "zh"])
def test_data_problems_are_listed_in_the_readers_language(tmp_path, monkeypatch, lang):
    from components.i18n.translator import get_translator

    broken = tmp_path / "partnerships.csv"
    rows = (ROOT / "data" / "partnerships.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace(",loi,2025-09-05,", ",loi,2025-13-01,")
    broken.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("KEMBAR_DATA", str(broken))
    at = open_section(run_app(lang=lang), "problems")
    table = next(d for d in at.dataframe if "message" in d.value.columns).value
    # the bad date, then the missing milestones.csv (nothing beside the copied file)
    assert list(table["line"]) == [2, 0] and list(table["column"]) == ["date", ""]
    translated = get_translator(lang)("month {month} does not exist").format(month=13)
    assert "month 13 does not exist" not in translated
    assert table["message"][0] == translated
    assert "milestones.csv" in table["message"][1] and "beside" not in table["message"][1]
    shown = next(d for d in open_section(at, "table").dataframe if "id_name" in d.value.columns).value
    assert len(shown) == TOTAL  # the row with the bad date is kept, its date unknown


@pytest.mark.parametrize("params", [
    {},
    {"level": "city,regency", "year_from": "1900", "year_to": "2015", "q": "Serang", "undated": "0"},
    {"lang": "zh", "stage": "mou", "as_of": "1990", "id_province": "Banten"},
    {"year_to": "2020", "selected": "serang-hangzhou", "as_of": "2010"},
    {"year_from": "2030"},  # beyond the data's last year: the widgets hold the last year
    {"year_from": "2024", "year_to": "2010"},  # the wrong way round: taken in order
])
def test_the_first_screen_stays_when_the_sidebar_arrives(monkeypatch, params):
    """The first run draws the first screen from the filters the URL seeds, without the
    sidebar; the run the map asks for once drawn adds the sidebar, whose widgets must report the
    same filters: the sentence and the map's arcs stay exactly as they were, with no third run."""
    import streamlit

    reruns = []
    monkeypatch.setattr(streamlit, "rerun", lambda *args, **kwargs: reruns.append(args))
    at = first_screen(**params)
    assert not at.sidebar.selectbox and not at.sidebar.multiselect
    assert not at.main.selectbox  # the details' boxes too: their look alone (standin.py)
    def sentence(at):
        return next(m.value for m in at.main.markdown if m.value.startswith("**"))

    before = (sentence(at), map_element(at).proto.json_args)
    map_reports(at, FIRST_REPORT)
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="lang") is not None and len(at.sidebar.multiselect) == 5
    assert (sentence(at), map_element(at).proto.json_args) == before
    assert reruns == []


def test_the_first_screen_leaves_the_picture_and_the_news_finder_unimported():
    """Their modules (matplotlib, the article reader) cost a fresh server's first visit a tenth
    of a second: they load when first used, never for the first screen."""
    code = ("import sys\nfrom tests.apptest import first_screen\nfirst_screen()\n"
            "print(sorted(m for m in ('matplotlib', 'components.news.candidates',"
            " 'components.news.reader.article') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
