"""Query parameters <-> view: good and bad links as a table, and the round trip as a property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.filters import Filters
from components.models import ID_LEVELS, STAGES
from components.viewstate import (
    LANGUAGES, MAX_QUERY_LENGTH, YEAR_MAX, YEAR_MIN, Choices, MapView, ViewState, params_from_view,
    view_from_params,
)
from tests.samples import PARTNERSHIPS

CHOICES = Choices.from_partnerships(PARTNERSHIPS)

GOOD_CASES = [
    ({}, ViewState()),
    ({"level": "city"}, ViewState(Filters(levels={"city"}))),
    ({"level": "City, regency"}, ViewState(Filters(levels={"city", "regency"}))),
    ({"level": ["city", "province"]}, ViewState(Filters(levels={"city", "province"}))),
    ({"level": ""}, ViewState()),
    ({"stage": "loi,MoU"}, ViewState(Filters(stages={"loi", "mou"}))),
    # narrowing the years leaves undated partnerships out unless the link asks for them
    ({"year_from": "2000", "year_to": "2025"},
     ViewState(Filters(year_from=2000, year_to=2025, include_undated=False))),
    ({"year_from": " 2010 "}, ViewState(Filters(year_from=2010, include_undated=False))),
    ({"year_from": ["1999", "2005"]}, ViewState(Filters(year_from=2005, include_undated=False))),
    ({"year_to": "2010", "undated": "1"}, ViewState(Filters(year_to=2010))),
    ({"undated": "0"}, ViewState(Filters(include_undated=False))),
    ({"undated": "1"}, ViewState()),
    ({"year_from": "2025", "years_on": "history"},
     ViewState(Filters(year_from=2025, include_undated=False, years_on="history"))),
    ({"years_on": "stage"}, ViewState()),
    ({"id_province": "jawa tengah,Banten"}, ViewState(Filters(id_provinces={"Jawa Tengah", "Banten"}))),
    ({"cn_province": "Fujian"}, ViewState(Filters(cn_provinces={"Fujian"}))),
    ({"field": "education;digital economy"}, ViewState(Filters(fields={"education", "digital economy"}))),
    ({"q": "Guangxi Zhuang"}, ViewState(Filters(query="Guangxi Zhuang"))),
    ({"q": "<script>alert(1)</script>"}, ViewState(Filters(query="<script>alert(1)</script>"))),
    ({"q": "  杭州  "}, ViewState(Filters(query="杭州"))),
    ({"as_of": "2010"}, ViewState(Filters(as_of=2010))),
    ({"selected": "serang-hangzhou"}, ViewState(selected="serang-hangzhou")),
    ({"lang": "zh"}, ViewState(lang="zh")),
    ({"shade": "provinces"}, ViewState(shade=True)),
    ({"view": "-6.5,107,7"}, ViewState(map_view=MapView(-6.5, 107.0, 7.0))),
    ({"view": " 14.04613,103.51944,3.25 "}, ViewState(map_view=MapView(14.0461, 103.5194, 3.25))),
    ({"utm_source": "newsletter", "embed": "true"}, ViewState()),  # unknown names are not ours
    ({"place": "Provinsi Jawa Tengah"}, ViewState(place="Provinsi Jawa Tengah")),
    ({"place": "  杭州 "}, ViewState(place="杭州")),  # resolved later, by components.focus
    ({"place": "Jawa\x00 Tengah\n"}, ViewState(place="Jawa Tengah")),  # control characters go
    ({"place": ""}, ViewState()),
]


@pytest.mark.parametrize(("params", "expected"), GOOD_CASES)
def test_good_params(params, expected):
    assert view_from_params(params, choices=CHOICES) == (expected, ())


BAD_CASES = [
    ({"level": "town"}, ViewState(), ["Ignored level=town: unknown value."]),
    ({"level": "city,town"}, ViewState(Filters(levels={"city"})), ["Ignored level=town: unknown value."]),
    ({"stage": "loi,foo"}, ViewState(Filters(stages={"loi"})), ["Ignored stage=foo: unknown value."]),
    ({"year_from": "abc"}, ViewState(), ["Ignored year_from=abc: not a year from 1950 to 2100."]),
    ({"year_from": "1800"}, ViewState(), ["Ignored year_from=1800: not a year from 1950 to 2100."]),
    ({"year_to": "20100"}, ViewState(), ["Ignored year_to=20100: not a year from 1950 to 2100."]),
    ({"year_to": "２０１０"}, ViewState(), ["Ignored year_to=２０１０: not a year from 1950 to 2100."]),
    ({"as_of": "-2010"}, ViewState(), ["Ignored as_of=-2010: not a year from 1950 to 2100."]),
    ({"year_from": "2025", "year_to": "2000"},
     ViewState(Filters(year_from=2000, year_to=2025, include_undated=False)),
     ["Swapped year_from=2025 and year_to=2000: the range was reversed."]),
    ({"undated": "maybe"}, ViewState(), ["Ignored undated=maybe: expected 1 or 0."]),
    ({"years_on": "milestones"}, ViewState(), ["Ignored years_on=milestones: expected stage or history."]),
    ({"id_province": "Atlantis"}, ViewState(), ["Ignored id_province=Atlantis: unknown value."]),
    ({"field": "education,tourism"}, ViewState(), ["Ignored field=education,tourism: unknown value."]),
    ({"selected": "nope"}, ViewState(), ["Ignored selected=nope: no partnership has this id."]),
    ({"lang": "fr"}, ViewState(), ["Ignored lang=fr: the language must be id, en or zh."]),
    ({"shade": "cities"}, ViewState(), ["Ignored shade=cities: the map can only shade provinces."]),
    ({"view": "1,2"}, ViewState(), ["Ignored view=1,2: expected latitude,longitude,zoom."]),
    ({"view": "91,100,4"}, ViewState(), ["Ignored view=91,100,4: expected latitude,longitude,zoom."]),
    ({"view": "nan,100,4"}, ViewState(), ["Ignored view=nan,100,4: expected latitude,longitude,zoom."]),
    ({"view": "0,0,99"}, ViewState(), ["Ignored view=0,0,99: expected latitude,longitude,zoom."]),
    ({"level": "town", "stage": "signed", "selected": "nope"}, ViewState(),
     ["Ignored level=town: unknown value.", "Ignored stage=signed: unknown value.",
      "Ignored selected=nope: no partnership has this id."]),
    ({"level": "\x1b[31mtown\x00"}, ViewState(), ["Ignored level= [31mtown : unknown value."]),
    ({"selected": "x" * 500}, ViewState(), [f"Ignored selected={'x' * 59}…: no partnership has this id."]),
    ({"q": "a" * 300}, ViewState(Filters(query="a" * MAX_QUERY_LENGTH)),
     [f"Shortened q to its first {MAX_QUERY_LENGTH} characters."]),
    ({"place": "x" * 300}, ViewState(), [f"Ignored place={'x' * 59}…: too long for a place name."]),
]


@pytest.mark.parametrize(("params", "expected", "notices"), BAD_CASES)
def test_bad_params_are_dropped_with_a_notice(params, expected, notices):
    assert view_from_params(params, choices=CHOICES) == (expected, tuple(notices))


def test_notices_go_through_translate():
    view, notices = view_from_params({"level": "town", "year_from": "x"}, choices=CHOICES,
                                     translate=lambda s: "‹" + s + "›")
    assert view == ViewState()
    assert notices == ("‹Ignored level=town: unknown value.›", "‹Ignored year_from=x: not a year from 1950 to 2100.›")


@pytest.mark.parametrize(("view", "params"), [
    (ViewState(), {}),
    (ViewState(Filters(levels={"regency", "city"})), {"level": "city,regency"}),
    (ViewState(Filters(stages={"agreement", "loi"}, year_from=2000)),
     {"stage": "loi,agreement", "year_from": "2000", "undated": "1"}),
    (ViewState(Filters(year_from=2000, include_undated=False, years_on="history")),
     {"year_from": "2000", "years_on": "history"}),
    (ViewState(Filters(include_undated=False, fields={"trade", "digital economy"})),
     {"undated": "0", "field": "digital economy;trade"}),
    (ViewState(Filters(query="杭州", as_of=2010), selected="serang-hangzhou", lang="id"),
     {"q": "杭州", "as_of": "2010", "selected": "serang-hangzhou", "lang": "id"}),
    (ViewState(place="Provinsi Jawa Tengah", lang="zh"), {"place": "Provinsi Jawa Tengah", "lang": "zh"}),
    (ViewState(shade=True), {"shade": "provinces"}),
    (ViewState(map_view=MapView(-6.5, 107.12345, 7.25)), {"view": "-6.5,107.1235,7.25"}),
])
def test_params_from_view_gives_only_non_defaults(view, params):
    assert params_from_view(view) == params


_years = st.one_of(st.none(), st.integers(YEAR_MIN, YEAR_MAX))


@st.composite
def views(draw) -> ViewState:
    year_from, year_to = draw(_years), draw(_years)
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    filters = Filters(
        levels=draw(st.frozensets(st.sampled_from(ID_LEVELS))),
        stages=draw(st.frozensets(st.sampled_from(STAGES))),
        year_from=year_from, year_to=year_to,
        include_undated=draw(st.booleans()),
        id_provinces=draw(st.frozensets(st.sampled_from(sorted(CHOICES.id_provinces)))),
        cn_provinces=draw(st.frozensets(st.sampled_from(sorted(CHOICES.cn_provinces)))),
        fields=draw(st.frozensets(st.sampled_from(sorted(CHOICES.fields)))),
        query=draw(st.text(max_size=MAX_QUERY_LENGTH)),
        as_of=draw(_years),
        years_on=draw(st.sampled_from(["stage", "history"])),
    )
    selected = draw(st.one_of(st.none(), st.sampled_from(sorted(CHOICES.ids))))
    place = draw(st.one_of(st.none(), st.sampled_from(["Provinsi Jawa Tengah", "杭州", "Kota Bogor"])))
    map_view = draw(st.one_of(st.none(), st.builds(
        MapView, st.floats(-85, 85), st.floats(-180, 180), st.floats(0, 18))))
    return ViewState(filters, selected, draw(st.one_of(st.none(), st.sampled_from(LANGUAGES))), place,
                     shade=draw(st.booleans()), map_view=map_view)


@settings(max_examples=300, deadline=None)
@given(views())
def test_round_trip(view):
    assert view_from_params(params_from_view(view), choices=CHOICES) == (view, ())


_names = st.sampled_from(["level", "stage", "year_from", "year_to", "undated", "years_on", "id_province",
                          "cn_province", "field", "q", "as_of", "selected", "lang", "place", "shade",
                          "view", "other"])
_values = st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_names, _values))
def test_any_params_give_a_view_and_never_raise(params):
    view, notices = view_from_params(params, choices=CHOICES)
    assert isinstance(view, ViewState)
    assert all(isinstance(n, str) and "\x00" not in n for n in notices)
    again, _ = view_from_params(params_from_view(view), choices=CHOICES)
    assert again == view
