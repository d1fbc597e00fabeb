"""The sidebar and the page's notices in a real headless browser: what only a browser can show.

A language switch must keep the filters (Streamlit's browser side remembers a multiselect's
choice by its shown label, which a switch changes), a dataset with broken rows must say so above
the map, and the year inputs must narrow the years. Loopback only, as in test_app_browser.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from components import DATA_DIR
from components.filters import Filters, describe
from components.i18n.translator import LANGUAGES, get_translator
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_LABELS, field_label, sentence_case
from components.ui.page import list_joiner
from tests.browser import MAP_FRAME, StreamlitServer, require_chromium
from tests.browser.pages import (MARK_MAP, VIEW, WAIT, drawn_ids, filtered, map_frame, open_app, prepared,
                                 shot, summary, url_params, wait_for, wait_for_arcs, wait_for_param)


def pick(page, label: str, option: str, attempts: int = 3) -> None:
    """Choose one option in a sidebar multiselect (a React Aria combobox); a late rerun (the map
    reporting its size) can close the list before the click, so open it again then."""
    box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label, exact=True)
    for attempt in range(attempts):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            break
        except PlaywrightError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def busy_filters() -> Filters:
    """City level, MoU stage and the field most city MoUs share: a view with all three filters."""
    rows = filtered(Filters(levels={"city"}, stages={"mou"}))
    field = Counter(f for p in rows for f in p.fields).most_common(1)[0][0]
    return Filters(levels={"city"}, stages={"mou"}, fields={field})


@pytest.mark.timeout(240)
@pytest.mark.parametrize("target", ["id", "zh"])
def test_switching_language_in_the_sidebar_keeps_every_filter(app_server, guarded_page, tmp_path,
                                                            target):
    page = guarded_page
    view = busy_filters()
    (field,) = view.fields
    expected = filtered(view)
    chosen = expected[-1].id
    open_app(page, app_server, f"?lang=en&selected={chosen}")
    pick(page, "Level", sentence_case(LEVEL_LABELS["city"]))
    wait_for_param(page, "level", "city")  # one rerun at a time: a rerun closes an open list
    pick(page, "Stage", sentence_case(STAGE_LABELS["mou"]))
    wait_for_param(page, "stage", "mou")
    pick(page, "Cooperation field", sentence_case(field_label(str, field)))
    wait_for_param(page, "field", field)
    wait_for_arcs(page, drawn_ids(expected))
    before = summary(page)
    assert numbers(before)[:2] == [str(len(expected)), str(len(prepared().partnerships))], before
    shot(page, tmp_path, "before-switch")

    language = page.locator('[data-testid="stSidebar"]').get_by_role(
        "combobox", name="Language / Bahasa / 语言")
    language.click()
    page.get_by_role("option", name=LANGUAGES[target], exact=True).click()
    wait_for_param(page, "lang", target)
    heading = get_translator(target).gettext("Filters")
    page.locator('[data-testid="stSidebar"]').get_by_role("heading", name=heading).wait_for(timeout=WAIT)
    t = get_translator(target)
    wait_for(lambda: summary(page), describe(view, len(expected), len(prepared().partnerships),
                                             translate=t, ngettext=t.ngettext, join=list_joiner(t)),
             what="the sentence in the new language, same counts")
    shot(page, tmp_path, f"after-switch-{target}")
    params = url_params(page)
    assert (params.get("level"), params.get("stage"), params.get("field")) == (["city"], ["mou"], [field])
    assert params.get("selected") == [chosen], "the open partnership was dropped"
    assert sorted(numbers(summary(page))[:2]) == sorted(numbers(before)[:2])  # zh: total first
    wait_for_arcs(page, drawn_ids(expected))


def break_three_rows(folder: Path) -> list[str]:
    """A copy of the dataset with three rows broken beyond use; their ids."""
    rows = list(csv.DictReader((DATA_DIR / "partnerships.csv").open(encoding="utf-8")))
    rows[2]["stage"], rows[5]["id_level"], rows[9]["sources"] = "signed", "village", ""
    with (folder / "partnerships.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    shutil.copy(DATA_DIR / "milestones.csv", folder / "milestones.csv")
    return [rows[2]["id"], rows[5]["id"], rows[9]["id"]]


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    """The app reading a dataset with three broken rows."""
    require_chromium()
    folder = tmp_path_factory.mktemp("broken")
    broken = break_three_rows(folder)
    server = StreamlitServer(env={"KEMBAR_DATA": str(folder / "partnerships.csv")}).start(folder)
    server.broken = broken
    yield server
    server.stop()


@pytest.mark.timeout(180)
def test_broken_rows_are_counted_above_the_map_and_a_link_to_one_says_so(broken_server, guarded_page,
                                                                        tmp_path):
    page = guarded_page
    total = len(prepared().partnerships)
    first = broken_server.broken[0]
    open_app(page, broken_server, f"?selected={first}&level=town")
    main = page.locator('[data-testid="stMain"]')
    banner = main.get_by_text(f"3 of the {total} rows of partnerships.csv could not be used")
    banner.wait_for(timeout=WAIT)
    map_top = page.locator(MAP_FRAME).bounding_box()["y"]
    assert banner.bounding_box()["y"] < map_top, "the broken rows are not said above the map"
    assert numbers(summary(page))[:2] == [str(total - 3), str(total - 3)]
    notice = main.locator('[data-testid="stAlert"]').filter(has_text="level=town")
    assert notice.count() == 1, "the link's notices are not one message"
    assert f"Cannot open {first}: its row" in notice.inner_text()
    assert "no partnership has this id" not in notice.inner_text()
    shot(page, tmp_path, "broken-rows")
    main.get_by_role("button", name="Dismiss").click()
    wait_for(lambda: notice.count(), 0, what="the notice after Dismiss")
    assert banner.is_visible(), "dismissing the link's notice hid the broken rows' count"


@pytest.mark.timeout(180)
def test_the_year_inputs_narrow_the_years_and_leave_the_undated_out(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_app(page, app_server, "?lang=en")
    sidebar = page.locator('[data-testid="stSidebar"]')
    _, high = prepared().year_span
    start, end = high - 3, high - 1
    for label, year, param in (("From", start, "year_from"), ("To", end, "year_to")):
        box = sidebar.get_by_role("spinbutton", name=label, exact=True)
        box.fill(str(year))
        box.press("Enter")
        wait_for_param(page, param, str(year))  # one rerun at a time
    view = Filters(year_from=start, year_to=end, include_undated=False)
    expected = filtered(view)
    assert expected and len(expected) < len(prepared().partnerships)
    wait_for_param(page, "year_to", str(end))
    assert url_params(page).get("year_from") == [str(start)]
    assert "undated" not in url_params(page), "undated partnerships are named in the link"
    wait_for(lambda: summary(page), describe(view, len(expected), len(prepared().partnerships)),
             what="the sentence for the typed years")
    wait_for_arcs(page, drawn_ids(expected))
    assert not sidebar.get_by_role("checkbox", name="Include undated partnerships").is_checked()
    thumbs = sidebar.locator('[data-testid="stSlider"]').first.locator('input[type="range"]')
    assert [thumbs.nth(i).input_value() for i in range(2)] == [str(start), str(end)], "the slider did not follow"
    shot(page, tmp_path, "years-typed")

    sidebar.get_by_role("button", name="Reset filters").click()
    wait_for(lambda: summary(page), describe(Filters(), len(prepared().partnerships),
                                             len(prepared().partnerships)), what="the sentence after Reset")
    assert "year_from" not in url_params(page)


@pytest.mark.timeout(180)
def test_changing_lang_in_a_link_keeps_the_view(app_server, guarded_page, tmp_path):
    page = guarded_page
    view = busy_filters()
    (field,) = view.fields
    expected = filtered(view)
    chosen = expected[0].id
    query = f"?level=city&stage=mou&field={field}&selected={chosen}"
    t = get_translator("zh")
    open_app(page, app_server, query + "&lang=zh")
    wait_for(lambda: summary(page), describe(view, len(expected), len(prepared().partnerships),
                                             translate=t, ngettext=t.ngettext, join=list_joiner(t)),
             what="the Chinese sentence with the link's filters")
    wait_for_arcs(page, drawn_ids(expected))
    params = url_params(page)
    assert (params.get("level"), params.get("stage"), params.get("field"), params.get("selected")) == \
        (["city"], ["mou"], [field], [chosen])
    shot(page, tmp_path, "lang-link-zh")


@pytest.mark.timeout(180)
def test_a_notice_appearing_above_the_map_keeps_the_map_and_its_zoom(app_server, guarded_page):
    page = guarded_page
    frame = open_app(page, app_server, "?lang=en")
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    assert frame.evaluate(MARK_MAP)
    search = page.get_by_role("textbox", name="Search names")
    search.fill("zzzz")
    search.press("Enter")
    page.get_by_text("Nothing matches these filters.").wait_for(timeout=WAIT)
    wait_for_arcs(page, [])
    assert map_frame(page).evaluate(VIEW)["same"], "the notice above the map rebuilt the map"
