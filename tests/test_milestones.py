"""Loading and validating milestones CSV files against the partnerships they refer to."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from components.dataset.milestones import latest_stage_milestone, load_milestones
from components.models import Milestone
from components.dataset.partnerships import load_partnerships

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2026, 11, 30)
SEED = "seeds/2025-09-xinhua-bharata-kota-kembar.txt"
HEADER = "partnership,date,event,sources,notes\n"
# semarang-nanjing is at mou 2018-10-24 in the fixture; serang-hangzhou at loi 2025-09-05.
GOOD = ("semarang-nanjing,2016-10-23,loi,https://example.org/a,\n"
        "semarang-nanjing,2018-10-24,mou,https://example.org/b,\n")


@pytest.fixture(scope="module")
def partnerships():
    return load_partnerships(FIXTURES / "records_valid.csv", today=TODAY).partnerships


def load(tmp_path: Path, text: str, partnerships):
    path = tmp_path / "milestones.csv"
    path.write_text(text, encoding="utf-8")
    return load_milestones(path, partnerships, today=TODAY)


def test_fixture_loads(partnerships):
    milestones, problems = load_milestones(FIXTURES / "records_milestones_valid.csv",
                                           partnerships, today=TODAY)
    assert problems == ()
    assert [(m.partnership, m.event, m.line) for m in milestones][:2] == [
        ("semarang-nanjing", "loi", 2), ("semarang-nanjing", "mou", 3)]
    assert milestones[-1].sources == (SEED,)


BAD = [  # (a fourth line after GOOD, column reported on line 4, message fragment)
    ("nowhere-nanjing,2016,loi,https://example.org/c,", "partnership", "unknown partnership id"),
    (",2016,loi,https://example.org/c,", "partnership", "required value is empty"),
    ("semarang-nanjing,2016-13,contact,https://example.org/c,", "date", "month 13 does not exist"),
    ("semarang-nanjing,2027,contact,https://example.org/c,", "date", "in the future"),
    ("semarang-nanjing,,contact,https://example.org/c,", "date", "required value is empty"),
    ("semarang-nanjing,2017,visit,https://example.org/c,", "event",
     "allowed: contact, exploration, loi, mou, agreement, renewal, other"),
    ("semarang-nanjing,2017,contact,,", "sources", "required value is empty"),
    ("semarang-nanjing,2017,contact,seeds/../app.py,", "sources", "leaves the seeds/ folder"),
    ("semarang-nanjing,2017,contact,www.example.org,", "sources", "not a source"),
    ("semarang-nanjing,2016-10-23,loi,https://example.org/c,", "", "same milestone as line 2"),
    ("semarang-nanjing,2017,contact,https://example.org/c," + "n" * 5001, "notes", "too long"),
    ("semarang-nanjing,2017,contact", "", "3 values, but the header has 5 columns"),
]


@pytest.mark.parametrize(("line", "column", "fragment"), BAD)
def test_bad_milestone_is_reported(tmp_path, partnerships, line, column, fragment):
    milestones, problems = load(tmp_path, HEADER + GOOD + line + "\n", partnerships)
    assert [(p.line, p.column) for p in problems] == [(4, column)]
    assert fragment in problems[0].message
    assert len(milestones) == 2


CONSISTENCY = [  # (milestone rows for semarang-nanjing, (line, column) of the problem or None)
    (GOOD, None),
    (GOOD + "semarang-nanjing,2023,renewal,https://example.org/c,\n", None),
    (GOOD + "semarang-nanjing,2024,contact,https://example.org/c,\n", None),
    ("semarang-nanjing,2023,contact,https://example.org/c,\n", None),
    (GOOD + "semarang-nanjing,2020,agreement,https://example.org/c,\n", (4, "event")),
    ("semarang-nanjing,2018-10-24,loi,https://example.org/c,\n", (2, "event")),
    ("semarang-nanjing,2018-10,mou,https://example.org/c,\n", (2, "date")),
    # an LoI after the MoU resets the stage (as Bali–Hainan's 2023 LoI did)
    (GOOD + "semarang-nanjing,2019,loi,https://example.org/c,\n", (4, "event")),
    # same date: the later line is the latest
    ("semarang-nanjing,2018-10-24,mou,https://example.org/b,\n"
     "semarang-nanjing,2018-10-24,loi,https://example.org/a,\n", (3, "event")),
]


@pytest.mark.parametrize(("rows", "expected"), CONSISTENCY)
def test_latest_stage_milestone_must_match_the_partnership(tmp_path, partnerships, rows,
                                                            expected):
    _, problems = load(tmp_path, HEADER + rows, partnerships)
    assert [(p.line, p.column) for p in problems] == ([expected] if expected else [])
    if expected:
        message = problems[0].message
        assert "semarang-nanjing" in message and "mou 2018-10-24" in message
        assert "line 6" in message  # the partnership's line in the partnerships file


def test_latest_stage_milestone_orders_partial_dates():
    steps = [Milestone("p", "2016-10", "mou", line=2), Milestone("p", "2016", "loi", line=3),
             Milestone("p", "2017", "contact", line=4)]
    assert latest_stage_milestone(steps).line == 2
    assert latest_stage_milestone(steps[2:]) is None


@pytest.mark.parametrize(("content", "fragment"), [
    ("", "the file is empty"),
    ("partnership,date\nx,2016\n", "required columns missing: event, sources"),
    ("partnership,date,event,sources,sources\n", "duplicated column names"),
])
def test_unusable_milestones_file_is_one_fatal_problem(tmp_path, partnerships, content,
                                                         fragment):
    milestones, (problem,) = load(tmp_path, content, partnerships)
    assert milestones == () and problem.fatal and fragment in problem.message
    assert problem.file == str(tmp_path / "milestones.csv")


SHIPPED = ROOT / "data" / "milestones.csv"


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/milestones.csv is not curated yet")
def test_shipped_milestones_are_valid():
    partnerships = load_partnerships(ROOT / "data" / "partnerships.csv").partnerships
    milestones, problems = load_milestones(SHIPPED, partnerships)
    assert [str(problem) for problem in problems] == []
    assert milestones and all(m.sources for m in milestones)


def test_a_milestone_of_a_dropped_row_is_grouped_under_its_cause(tmp_path):
    lines = (FIXTURES / "records_valid.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",mou,2018-10-24,", ",signed,2018-10-24,") if "semarang-nanjing" in line
             else line for line in lines]
    data = tmp_path / "partnerships.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_partnerships(data, today=TODAY)
    (cause,) = [p for p in dataset.problems if p.column == "stage"]
    assert dict(dataset.dropped) == {"semarang-nanjing": cause}
    _, problems = load(tmp_path, HEADER + GOOD, dataset.partnerships)
    assert problems and all(p.column == "partnership" for p in problems)
    _, grouped = load_milestones(tmp_path / "milestones.csv", dataset.partnerships, today=TODAY,
                                 dropped=dataset.dropped)
    assert [p.cause for p in grouped] == [cause, cause]


def test_a_dataset_without_milestones_says_the_histories_are_missing(tmp_path):
    from components.pipeline import prepare
    data = tmp_path / "partnerships.csv"
    data.write_text((FIXTURES / "records_valid.csv").read_text(encoding="utf-8"), encoding="utf-8")
    prepared = prepare(data, seeds_dir=ROOT / "seeds", online=False,
                       cache_path=tmp_path / "cache.json")
    (problem,) = prepared.milestone_problems
    assert "histories are missing" in problem.message and problem.file.endswith("milestones.csv")
    assert not problem.fatal and prepared.rows_in_file == 6 and prepared.rows_dropped == 0


def test_a_kept_row_with_a_bad_date_is_the_cause_of_the_disagreement(tmp_path):
    lines = (FIXTURES / "records_valid.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",mou,2018-10-24,", ",mou,2018-13-24,") for line in lines]
    data = tmp_path / "partnerships.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_partnerships(data, today=TODAY)
    (kept,) = [p for p in dataset.partnerships if p.id == "semarang-nanjing"]
    assert kept.date == "" and kept.problems == dataset.problems
    _, problems = load(tmp_path, HEADER + GOOD, dataset.partnerships)
    (problem,) = problems
    assert "(no date)" in problem.message and problem.cause == kept.problems[0]
