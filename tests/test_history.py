"""Tests for components.history: timelines, the network as of a year, durations; hand-built,
with one check of the year bounds against the real data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from components.history import (
    AsOf, Step, describe_as_of, durations, group_milestones, median_durations,
    latest_stage_milestone, latest_stage_step, midpoint, network_as_of, stage_counts_by_year, timeline, year_bounds,
)
from components.models import STAGES, Milestone, Partnership

DATA = Path(__file__).resolve().parent.parent / "data" / "partnerships.csv"


def pair(pid: str, stage: str = "mou", date: str = "2018") -> Partnership:
    """A partnership with only the fields the history logic reads set meaningfully."""
    return Partnership(id=pid, id_name=f"Kota {pid}", id_level="city", id_province="Jawa Tengah",
                       cn_name=pid.title(), cn_name_zh="", cn_level="city", cn_province="Jiangsu",
                       stage=stage, date=date, sources=(f"src-{pid}",))


def ms(pid: str, date: str, event: str, notes: str = "") -> Milestone:
    return Milestone(partnership=pid, date=date, event=event, sources=(f"{pid}-{event}",),
                     notes=notes)


SEMARANG = pair("semarang-nanjing", "mou", "2018-10-24")
SEMARANG_MS = (ms("semarang-nanjing", "2018-10-24", "mou"), ms("semarang-nanjing", "2016-10-23", "loi"))
PLAIN = pair("plain", "agreement", "2012")
UNDATED = pair("undated", "loi", "")
FUZHOU = pair("semarang-fuzhou", "agreement", "2023-05-10")
FUZHOU_MS = (ms("semarang-fuzhou", "2004", "loi"), ms("semarang-fuzhou", "2016", "renewal"),
             ms("semarang-fuzhou", "2023-05-10", "agreement"))
SIDOARJO = pair("sidoarjo-jinan", "agreement", "2012-09-21")
SIDOARJO_MS = (ms("sidoarjo-jinan", "2008", "contact"), ms("sidoarjo-jinan", "2010-04", "loi"),
               ms("sidoarjo-jinan", "2012-09-21", "agreement"))
BALI = pair("bali-hainan", "loi", "2023-02-19")
BALI_MS = (ms("bali-hainan", "2015-08-01", "mou"), ms("bali-hainan", "2023-02-19", "loi"))
CONTACT_ONLY = pair("contact-only", "loi", "2020")
CONTACT_ONLY_MS = (ms("contact-only", "2011", "contact"),)

NETWORK = (SEMARANG, PLAIN, UNDATED, FUZHOU, SIDOARJO, BALI, CONTACT_ONLY)
BY_ID = group_milestones(SEMARANG_MS + FUZHOU_MS + SIDOARJO_MS + BALI_MS + CONTACT_ONLY_MS)


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2016", datetime.date(2016, 7, 1)), ("2016-10", datetime.date(2016, 10, 15)),
    ("2016-10-23", datetime.date(2016, 10, 23)), ("", None),
])
def test_midpoint(value, expected):
    assert midpoint(value) == expected


# --- timeline --------------------------------------------------------------------------------

def test_timeline_orders_milestones_by_date():
    steps = timeline(SEMARANG, SEMARANG_MS)
    assert [(s.date, s.event, s.implicit) for s in steps] == [
        ("2016-10-23", "loi", False), ("2018-10-24", "mou", False)]
    assert steps[0].sources == ("semarang-nanjing-loi",)


def test_timeline_without_milestones_is_one_implicit_step():
    assert timeline(PLAIN, ()) == (Step("2012", "agreement", ("src-plain",), implicit=True),)


def test_timeline_ignores_other_partnerships_milestones():
    assert timeline(PLAIN, SEMARANG_MS) == timeline(PLAIN, ())


def test_timeline_with_only_a_contact_keeps_the_current_stage_as_implicit_step():
    steps = timeline(CONTACT_ONLY, CONTACT_ONLY_MS)
    assert [(s.date, s.event, s.implicit) for s in steps] == [
        ("2011", "contact", False), ("2020", "loi", True)]


def test_timeline_puts_an_undated_step_last():
    steps = timeline(pair("x", "mou", ""), (ms("x", "", "mou"), ms("x", "2009", "contact")))
    assert [s.date for s in steps] == ["2009", ""]


def test_timeline_keeps_input_order_on_equal_dates():
    steps = timeline(pair("x"), (ms("x", "2010", "loi", "a"), ms("x", "2010", "mou", "b")))
    assert [s.notes for s in steps] == ["a", "b"]


# --- stage as of a year ----------------------------------------------------------------------

LOI_2016_MOU_2018 = timeline(pair("p"), (ms("p", "2016", "loi"), ms("p", "2018", "mou")))


@pytest.mark.parametrize("year, expected", [
    (2015, None), (2016, "loi"), (2017, "loi"), (2018, "mou"), (2019, "mou"),
])
def test_stage_as_of_the_issue_table(year, expected):
    assert stage_as_of(LOI_2016_MOU_2018, year) == expected


@pytest.mark.parametrize("partnership, milestones, year, expected", [
    (FUZHOU, FUZHOU_MS, 2015, "loi"),  # LoI 2004
    (FUZHOU, FUZHOU_MS, 2016, "loi"),  # a renewal does not change the stage
    (FUZHOU, FUZHOU_MS, 2023, "agreement"),
    (SIDOARJO, SIDOARJO_MS, 2009, None),  # a contact alone does not begin the partnership
    (SIDOARJO, SIDOARJO_MS, 2011, "loi"),
    (BALI, BALI_MS, 2022, "mou"),
    (BALI, BALI_MS, 2023, "loi"),  # the latest stage-setting step counts, not the highest
    (PLAIN, (), 2011, None), (PLAIN, (), 2012, "agreement"),
    (UNDATED, (), 2100, None),
    (CONTACT_ONLY, CONTACT_ONLY_MS, 2015, None), (CONTACT_ONLY, CONTACT_ONLY_MS, 2020, "loi"),
])
def test_stage_as_of(partnership, milestones, year, expected):
    assert stage_as_of(timeline(partnership, milestones), year) == expected


def stage_as_of(steps, year: int) -> str | None:
    step = latest_stage_step(steps, year)
    return step.event if step else None


def test_the_latest_stage_milestone_is_the_latest_by_date_then_by_line():
    steps = (Milestone("p", "2018", "mou", line=5), Milestone("p", "2016", "loi", line=2),
             Milestone("p", "2018", "loi", line=3), Milestone("p", "2019", "contact", line=9))
    assert latest_stage_milestone(steps).line == 5  # 2018 twice: the later line wins
    assert latest_stage_milestone(steps[3:]) is None  # a contact never sets the stage


# --- the network as of a year ----------------------------------------------------------------

@pytest.mark.parametrize("year, drawn, not_started", [
    (2003, {}, 6),
    (2010, {"semarang-fuzhou": ("loi", "2004"), "sidoarjo-jinan": ("loi", "2010-04")}, 4),
    (2016, {"semarang-fuzhou": ("loi", "2004"), "sidoarjo-jinan": ("agreement", "2012-09-21"),
            "plain": ("agreement", "2012"), "semarang-nanjing": ("loi", "2016-10-23"),
            "bali-hainan": ("mou", "2015-08-01")}, 1),
    (2030, {"semarang-fuzhou": ("agreement", "2023-05-10"),
            "sidoarjo-jinan": ("agreement", "2012-09-21"), "plain": ("agreement", "2012"),
            "semarang-nanjing": ("mou", "2018-10-24"), "bali-hainan": ("loi", "2023-02-19"),
            "contact-only": ("loi", "2020")}, 0),
])
def test_network_as_of(year, drawn, not_started):
    as_of = network_as_of(NETWORK, BY_ID, year)
    assert {p.id: (p.stage, p.date) for p in as_of.partnerships} == drawn
    assert (as_of.year, as_of.undated_count, as_of.not_started_count) == (year, 1, not_started)
    assert len(as_of.partnerships) + as_of.undated_count + as_of.not_started_count == len(NETWORK)


def test_network_as_of_keeps_every_other_field():
    (drawn,) = network_as_of([SEMARANG], BY_ID, 2017).partnerships
    assert drawn == Partnership(**{**vars(SEMARANG), "stage": "loi", "date": "2016-10-23"})


def test_network_as_of_counts_a_partnership_with_only_undated_stage_steps_as_undated():
    p = pair("x", "mou", "")
    as_of = network_as_of([p], group_milestones([ms("x", "2009", "contact"), ms("x", "", "mou")]),
                          2020)
    assert (as_of.partnerships, as_of.undated_count, as_of.not_started_count) == ((), 1, 0)


@pytest.mark.parametrize("undated, expected", [
    (0, ""), (3, "Partnerships without a known date, not shown: 3"),
])
def test_describe_as_of(undated, expected):
    assert describe_as_of(AsOf(2010, (), undated, 0)) == expected


def test_describe_as_of_translates_before_filling_in():
    text = describe_as_of(AsOf(2010, (), 2, 0), translate=lambda s: s.replace("not shown", "X"))
    assert text == "Partnerships without a known date, X: 2"


# --- overview: counts, durations, bounds -----------------------------------------------------

def test_stage_counts_by_year():
    rows = stage_counts_by_year(NETWORK, BY_ID, [2010, 2016])
    assert rows == [(2010, "exploration", 0), (2010, "loi", 2), (2010, "mou", 0),
                    (2010, "agreement", 0),
                    (2016, "exploration", 0), (2016, "loi", 2), (2016, "mou", 1),
                    (2016, "agreement", 2)]


@pytest.mark.parametrize("year", range(2000, 2026))
def test_stage_counts_agree_with_network_as_of(year):
    counts = {stage: n for _, stage, n in stage_counts_by_year(NETWORK, BY_ID, [year])}
    drawn = network_as_of(NETWORK, BY_ID, year).partnerships
    assert counts == {stage: sum(p.stage == stage for p in drawn) for stage in STAGES}


def years(days: int) -> float:
    return days / 365.25


MEDIAN_NETWORK = (
    pair("a"), pair("b"), pair("c"), pair("d"), pair("e"), pair("f"),
)
MEDIAN_MS = group_milestones([
    ms("a", "2016-10-23", "loi"), ms("a", "2018-10-23", "mou"),  # 730 days
    ms("b", "2010", "loi"), ms("b", "2011", "mou"), ms("b", "2011-07-01", "agreement"),
    ms("c", "2014-03", "loi"), ms("c", "2014-03-01", "mou"),  # same month: clamped to 0
    ms("d", "2015-08-01", "mou"), ms("d", "2023-02-19", "loi"),  # mou before loi: no pair
    ms("e", "", "loi"), ms("e", "2019", "mou"),  # undated loi: no pair
    ms("f", "2001", "mou"), ms("f", "2002-12-17", "agreement"),
])


def test_durations_measure_pairs_between_midpoints():
    found = durations(MEDIAN_NETWORK, MEDIAN_MS)
    assert found["loi→mou"] == pytest.approx((years(730), years(365), 0.0))
    assert found["mou→agreement"] == pytest.approx((years(0), years(534)))


def test_median_durations():
    medians = median_durations(MEDIAN_NETWORK, MEDIAN_MS)
    assert medians == pytest.approx({"loi→mou": years(365), "mou→agreement": years(267)})


def test_median_durations_without_pairs_are_none():
    assert median_durations([PLAIN], {}) == {"loi→mou": None, "mou→agreement": None}


@pytest.mark.parametrize("network, expected", [
    (NETWORK, (2004, 2023)),  # the 2008 contact and the undated row do not widen the range
    ((UNDATED,), None),
    ((), None),
    ((PLAIN,), (2012, 2012)),
])
def test_year_bounds(network, expected):
    assert year_bounds(network, BY_ID) == expected


def test_year_bounds_are_those_of_the_timelines_on_the_real_data():
    """year_bounds reads the steps without building timelines: it must agree with them."""
    from components.pipeline import prepare

    prepared = prepare(DATA)
    by_id = prepared.milestones_by_id
    assert any(by_id.values())  # the real data has histories to read
    years = [step.year for p in prepared.partnerships for step in timeline(p, by_id.get(p.id, ()))
             if step.sets_stage and step.year is not None]
    assert year_bounds(prepared.partnerships, by_id) == (min(years), max(years))
