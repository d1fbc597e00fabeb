"""The page's notices, filters, details, table and overview through Streamlit's AppTest.

What only a browser can show (the language switch, the broken-rows page, the year inputs) is in
test_ui_browser.py; expected values come from the dataset through the app's own functions.
"""

from __future__ import annotations

import csv
import io

import pytest

from components.view.notes import download_stem
from components.filters import Filters, apply_filters
from components.history import timeline
from components.pipeline import prepare
from components.ui.details import all_sources, partner_line
from components.ui.tabs import excel_csv
from tests.apptest import open_section, run_app
from tests.samples import write_copy

DATA = prepare(online=False)
TOTAL = len(DATA.partnerships)


def text_of(at) -> str:
    """Every markdown, caption, alert and html text of the page, Markdown escapes removed."""
    parts = [e.value for kind in ("markdown", "caption", "warning", "info", "error") for e in getattr(at, kind)]
    parts += [str(getattr(e, "value", "")) for e in at.main.get("html")]
    return " ".join(parts).replace("\\", "")


def test_a_links_notices_are_one_message_and_dismiss_hides_it():
    at = run_app(level="town", year_from="abc", selected="nope")
    notices = [w.value.replace("\\", "") for w in at.warning if "level=town" in w.value.replace("\\", "")]
    assert len(notices) == 1
    assert "year_from=abc" in notices[0] and "selected=nope" in notices[0]
    at.button(key="dismiss_notices").click().run()
    assert not any("level=town" in w.value.replace("\\", "") for w in at.warning)


def test_broken_rows_are_said_above_the_map_against_the_files_rows(tmp_path, monkeypatch):
    path, rows = write_copy(tmp_path, {2: ("stage", "signed"), 5: ("id_level", "village")})
    monkeypatch.setenv("KEMBAR_DATA", str(path))
    at = run_app(selected=rows[2]["id"])
    text = text_of(at)
    assert f"2 of the {len(rows)} rows of partnerships.csv could not be used" in text
    assert f"Cannot open {rows[2]['id']}: its row (line 4) has a problem" in text
    assert "no partnership has this id" not in text


def test_a_dataset_without_milestones_says_the_histories_are_missing(tmp_path, monkeypatch):
    path, _ = write_copy(tmp_path, {}, milestones=False)
    monkeypatch.setenv("KEMBAR_DATA", str(path))
    assert "There is no milestones.csv beside partnerships.csv" in text_of(run_app())


def test_the_whole_dataset_says_nothing_is_missing():
    text = text_of(run_app())
    assert "could not be used" not in text and "milestones.csv" not in text


def test_an_empty_result_names_the_filter_to_drop():
    at = run_app(level="province", q="Serang")
    shown_without_search = len(apply_filters(DATA.partnerships, Filters(levels={"province"})))
    assert f"Without the search, {shown_without_search} partnerships would be shown." in text_of(at)


def test_reset_filters_shows_everything_again():
    at = run_app(level="city", stage="mou", q="Kota")
    at.button(key="reset_filters").click().run()
    assert not at.exception
    assert at.multiselect(key="f_levels").value == [] and at.text_input(key="f_q").value == ""
    assert "level" not in at.query_params and "q" not in at.query_params
    assert f"{TOTAL} of {TOTAL} partnerships" in text_of(at)


def _step_years(p) -> set[int]:
    return {s.year for s in timeline(p, DATA.milestones_by_id.get(p.id, ())) if s.year}


def test_years_on_the_history_find_older_ties_with_a_recent_step():
    # a year in which some older partnership has a later step (the 2025 document)
    year = max(y for p in DATA.partnerships for y in _step_years(p) if p.year and y > p.year)
    on_stage = run_app(year_from=str(year), year_to=str(year))
    on_history = run_app(year_from=str(year), year_to=str(year), years_on="history")
    def count(at) -> int:
        return len(at.selectbox(key="selected").options) - 1
    expected = [p for p in DATA.partnerships if year in _step_years(p)]
    assert count(on_history) == len(expected) > count(on_stage)
    assert on_history.radio(key="f_years_on").value == "history"


def test_typing_years_moves_the_slider_and_leaves_the_undated_out():
    at = run_app()
    _, high = at.slider(key="f_years").value
    at.number_input(key="f_year_from").set_value(high - 2).run()
    assert at.slider(key="f_years").value == (high - 2, high)
    assert at.checkbox(key="f_undated").value is False
    assert at.query_params["year_from"] == str(high - 2) and "undated" not in at.query_params


def test_play_steps_a_year_and_pause_stops_at_once():
    at = run_app(as_of="2000")
    at.button(key="play").click().run()
    assert at.session_state["playing"] is True
    assert at.slider(key="f_asof").value == 2000  # the first step waits for the timer
    at.button(key="play").click().run()
    assert at.session_state["playing"] is False
    at.run()
    assert at.slider(key="f_asof").value == 2000, "a queued step moved the year after Pause"


def test_history_steps_cite_the_numbers_of_the_sources_list():
    p = next(p for p in DATA.partnerships if len(DATA.milestones_by_id.get(p.id, ())) >= 2)
    steps = timeline(p, DATA.milestones_by_id[p.id])
    cited = all_sources(p, steps)
    at = run_app(selected=p.id)
    markdown = [m.value for m in at.markdown]
    sources = next(m for m in markdown if m.startswith("1. "))
    assert sources.count("\n") == len(cited) - 1
    lines = [m for m in markdown if m.startswith("- **") and "\\[" in m]
    late = [cited.index(s) + 1 for step in steps for s in step.sources]
    assert lines and any(f"\\[{n}\\]" in " ".join(lines) for n in late if n > 1)


def test_a_seeds_source_is_shown_by_its_articles_title():
    p = next(p for p in DATA.partnerships if any(s.startswith("seeds/") for s in p.sources))
    article = next(a for a in DATA.articles if a.source in p.sources)
    sources = next(m.value for m in run_app(selected=p.id).markdown if m.value.startswith("1. "))
    assert article.url in sources and "seeds/" not in sources


@pytest.mark.parametrize(("parts", "expected"), [
    (("福建省", "Fujian", "省", "Fujian"), "福建省 · Fujian · 省"),
    (("Provinsi Jawa Tengah", "province", "Jawa Tengah"), "Provinsi Jawa Tengah · province"),
    (("Kota Semarang", "city", "Jawa Tengah"), "Kota Semarang · city · Jawa Tengah"),
    (("", "Nanjing", "市", "Jiangsu"), "Nanjing · 市 · Jiangsu"),
])
def test_the_partner_line_says_each_name_once(parts, expected):
    assert partner_line(*parts) == expected


def test_the_csv_opens_in_excel_and_is_named_after_the_filters():
    data = excel_csv(DATA.partnerships[:2], DATA.dataset.columns)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [p.id for p in DATA.partnerships[:2]]
    assert download_stem(Filters()) == "kembar-all"
    assert download_stem(Filters(levels={"city"}, stages={"mou"}, year_from=2020, year_to=2025,
                                 cn_provinces={"Fujian"})) == "kembar-city-mou-2020-2025-fujian"


def test_the_table_puts_names_first_and_the_id_last_with_dates_as_the_details_say():
    at = open_section(run_app(selected="serang-hangzhou"), "table")
    table = next(d for d in at.dataframe if "id_name" in d.value.columns).value
    assert list(table.columns)[0] == "id_name" and list(table.columns)[-1] == "id"
    row = table[table["id"] == "serang-hangzhou"].iloc[0]
    assert row["date"] == "5 Sep 2025"


def test_the_overview_has_no_empty_duration_card():
    at = open_section(run_app(stage="exploration"), "overview")
    assert at.main.get("vega_lite_chart"), "the overview drew no chart"
    assert not any("measured on 0" in c.value for c in at.caption)
    assert not [m for m in at.metric if "Median time" in m.label]


def test_a_row_kept_with_a_bad_date_is_flagged_above_the_map_and_in_its_details(tmp_path, monkeypatch):
    path, rows = write_copy(tmp_path, {3: ("date", "2025-13-01")})
    monkeypatch.setenv("KEMBAR_DATA", str(path))
    at = run_app(selected=rows[3]["id"])
    text = text_of(at)
    assert "1 row of partnerships.csv is shown with a problem flagged" in text
    assert "could not be used" not in text
    assert at.selectbox(key="selected").value == rows[3]["id"]
    assert "Row 5 of partnerships.csv has a problem" in text and "month 13 does not exist" in text


def test_follow_on_problems_are_grouped_under_the_row_left_out(tmp_path, monkeypatch):
    index = next(i for i, p in enumerate(DATA.partnerships) if len(DATA.milestones_by_id.get(p.id, ())) >= 2)
    path, rows = write_copy(tmp_path, {index: ("stage", "signed")})
    monkeypatch.setenv("KEMBAR_DATA", str(path))
    at = open_section(run_app(), "problems")
    tables = [d.value for d in at.dataframe if "message" in d.value.columns]
    causes = next(f for f in tables if "follow_ons" in f.columns)
    followers = next(f for f in tables if "cause" in f.columns)
    own = len(DATA.milestones_by_id[rows[index]["id"]])
    assert list(causes["line"]) == [index + 2] and list(causes["follow_ons"]) == [own]
    assert len(followers) == own and set(followers["cause"]) == {f"partnerships.csv:{index + 2}"}
    assert "Data problems (1)" in at.segmented_control(key="section").format_func("problems")
