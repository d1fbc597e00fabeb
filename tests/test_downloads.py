"""CSV downloads: the dataset's own format, spreadsheet formulas neutralised, a lossless round trip."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import replace

import pytest

from components.dataset.writer import columns_for, neutralise, to_csv
from components.models import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from components.dataset.partnerships import load_partnerships
from tests.samples import PARTNERSHIPS


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Kota Serang", "Kota Serang"),
    ("2025-09-05", "2025-09-05"),
    ("a = b", "a = b"),  # only the first character matters
    ("", ""),
    ("'already quoted", "'already quoted"),
])
def test_neutralise(cell, written):
    assert neutralise(cell) == written


def test_header_is_required_then_optional_then_extras_in_first_seen_order():
    rows = (replace(PARTNERSHIPS[0], extra=(("wikidata", "Q1"),)),
            replace(PARTNERSHIPS[1], extra=(("note_zh", "x"), ("wikidata", "Q2"))))
    assert columns_for(rows) == (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "wikidata", "note_zh")
    text = to_csv(rows)
    assert text.splitlines()[0] == ",".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "wikidata", "note_zh"))
    assert [row["wikidata"] for row in _rows(text)] == ["Q1", "Q2"]
    assert [row["note_zh"] for row in _rows(text)] == ["", "x"]


def test_given_column_order_is_kept():
    columns = ("id", "stage", *[c for c in REQUIRED_COLUMNS if c not in ("id", "stage")], "notes")
    text = to_csv(PARTNERSHIPS[:2], columns=columns)
    assert text.splitlines()[0] == ",".join(columns)


def test_sources_and_fields_are_joined_as_in_the_dataset():
    row = replace(PARTNERSHIPS[0], sources=("https://a.example/1", "seeds/2025-09-xinhua-bharata-kota-kembar.txt"))
    cells = _rows(to_csv([row]))[0]
    assert cells["sources"] == "https://a.example/1 ; seeds/2025-09-xinhua-bharata-kota-kembar.txt"
    assert cells["fields"] == "digital economy;investment"
    assert cells["cn_name_zh"] == "杭州市"
    assert "line" not in cells


def test_every_cell_that_would_run_as_a_formula_is_neutralised():
    hostile = replace(PARTNERSHIPS[0], notes="=cmd|' /C calc'!A0", cn_name="+Hangzhou",
                      sources=("@evil", "https://ok.example"), fields=("-1", "trade"),
                      extra=(("=header", "=1+1"),))
    header, cells = list(csv.reader(io.StringIO(to_csv([hostile]))))
    row = dict(zip(header, cells))
    assert "'=header" in header
    assert row["notes"] == "'=cmd|' /C calc'!A0"
    assert row["cn_name"] == "'+Hangzhou"
    assert row["sources"] == "'@evil ; https://ok.example"
    assert row["fields"] == "'-1;trade"
    assert row["'=header"] == "'=1+1"
    risky = [c for c in [*header, *cells] if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []


def test_empty_selection_gives_only_the_header():
    assert to_csv([]) == ",".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)) + "\n"


def test_round_trip_through_the_loader(tmp_path):
    """A formula-free set written by to_csv loads back as the same partnerships."""
    path = tmp_path / "partnerships.csv"
    path.write_text(to_csv(PARTNERSHIPS), encoding="utf-8")
    dataset = load_partnerships(path, today=datetime.date(2026, 1, 1))
    assert dataset.problems == ()
    assert tuple(replace(p, line=0) for p in dataset.partnerships) == PARTNERSHIPS
    assert dataset.columns == (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


def test_round_trip_keeps_extra_columns_and_quoting(tmp_path):
    rows = tuple(replace(p, notes=f'He said "hi", then left;\nnew line for {p.id}',
                         extra=(("wikidata", f"Q{i}"),)) for i, p in enumerate(PARTNERSHIPS[:3]))
    path = tmp_path / "partnerships.csv"
    path.write_text(to_csv(rows), encoding="utf-8")
    dataset = load_partnerships(path, today=datetime.date(2026, 1, 1))
    assert dataset.problems == ()
    assert tuple(replace(p, line=0) for p in dataset.partnerships) == rows
