"""Hostile partnerships files: for any bytes the loader returns a Dataset and validate exits 0/1/2.

The fuzz tests call the command's `run` in-process (a subprocess per example would take
minutes); test_cli_validate.py covers the real `python -m components validate` process.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.dataset import csvfile as recordfile
from components.cli.validate import run
from components.dataset.milestones import load_milestones
from components.models import Dataset, Milestone
from components.dataset.partnerships import load_partnerships

FIXTURE = (Path(__file__).resolve().parent / "fixtures" / "records_valid.csv").read_bytes()
FUZZ = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def check_any_outcome(content: bytes) -> Dataset:
    """Load and validate content; both must end in a documented outcome."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partnerships.csv"
        path.write_bytes(content)
        dataset = load_partnerships(path)
        assert isinstance(dataset, Dataset)
        if dataset.fatal:
            assert len(dataset.problems) == 1 and not dataset.partnerships
        assert len(dataset.partnerships) <= dataset.rows_read
        for problem in dataset.problems:
            assert problem.line >= 0 and problem.message and problem.file == str(path)
        with contextlib.redirect_stdout(io.StringIO()) as out:
            status = run(argparse.Namespace(csv=path, milestones=None))
        assert status in (0, 1, 2)
        assert status == (2 if dataset.fatal else 1 if dataset.problems else 0)
        assert out.getvalue().endswith(("with problems\n", "cannot use this file\n"))
    return dataset


def insert(content: bytes, position: int, piece: bytes) -> bytes:
    position %= len(content) + 1
    return content[:position] + piece + content[position:]


MUTATIONS = {
    "cut": lambda c, n: c[: n % (len(c) + 1)],
    "cut-row": lambda c, n: b"\n".join(line for i, line in enumerate(c.split(b"\n")) if i != n % 8),
    "quote": lambda c, n: insert(c, n, b'"'),
    "nul": lambda c, n: insert(c, n, b"\x00"),
    "latin-1": lambda c, n: insert(c, n, "é".encode("latin-1")),
    "cp1252-quotes": lambda c, n: insert(c, n, b"\x93x\x94"),
    "utf-16": lambda c, n: c.decode("utf-8", "replace").encode("utf-16"),
    "crlf": lambda c, n: c.replace(b"\n", b"\r\n"),
    "lone-cr": lambda c, n: c.replace(b"\n", b"\r"),
    "bom": lambda c, n: b"\xef\xbb\xbf" + c,
    "duplicate-header": lambda c, n: c.replace(b",notes", b",notes,notes", 1),
    "many-columns": lambda c, n: c.replace(b",notes", b",notes" + b",x" * (n % 10_000), 1),
    "long-field": lambda c, n: insert(c, n, b"z" * 200_000),
    "separator": lambda c, n: insert(c, n, b";"),
    "comma": lambda c, n: insert(c, n, b","),
    "newline": lambda c, n: insert(c, n, b"\n"),
    "delete": lambda c, n: c[: n % (len(c) + 1)] + c[n % (len(c) + 1) + 7:],
}


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_documented_outcome(content):
    check_any_outcome(content)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 10_000)),
                min_size=1, max_size=4))
def test_mutations_of_a_valid_file_give_a_documented_outcome(steps):
    content = FIXTURE
    for name, number in steps:
        content = MUTATIONS[name](content, number)
    check_any_outcome(content)


@FUZZ
@given(st.text(alphabet=st.sampled_from(',"\n\r;\x00ab é杭'), max_size=300))
def test_csv_punctuation_soup_gives_a_documented_outcome(text):
    header = FIXTURE.split(b"\n", 1)[0] + b"\n"
    check_any_outcome(header + text.encode("utf-8"))


COLUMNS = FIXTURE.split(b"\n", 1)[0].decode().split(",")
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["city", "Regency", "loi", "2025-02-30", "2025-13", "seeds/../x",
                     "seeds/", "https://a.org/x;https://b", "Kab.", "Kota", "市", "省 ",
                     "http://[::1", "https://ｅｘａｍｐｌｅ.org", "\u2028", "-", "x-"]),
)


@FUZZ
@given(st.lists(st.fixed_dictionaries({name: VALUES for name in COLUMNS}), max_size=5))
def test_rows_of_arbitrary_values_give_a_documented_outcome(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    dataset = check_any_outcome(out.getvalue().encode("utf-8"))
    assert not dataset.fatal


def lines_of(content: bytes) -> list[bytes]:
    return content.split(b"\n")


SEMARANG = FIXTURE.index(b"semarang-nanjing")
CASES = [  # (mutated content, fatal?, [(line, column)] of the problems, rows still loaded)
    (FIXTURE[:-20], False, [(8, "")], 5),
    (insert(FIXTURE, SEMARANG, b'"'), False, [(6, "")], 3),
    (insert(FIXTURE, SEMARANG, b"\x00"), False, [(6, "id")], 5),
    (insert(FIXTURE, SEMARANG, "é".encode("latin-1")), True, [(6, "")], 0),
    (FIXTURE.replace(b",notes", b",notes,notes", 1), True, [(1, "")], 0),
    (FIXTURE.replace(b",notes", b",notes" + b",x" * 9_986, 1), True, [(1, "")], 0),
    (b"\n".join(lines_of(FIXTURE)[:1] + lines_of(FIXTURE)[2:]), False, [], 5),
]


@pytest.mark.parametrize(("content", "fatal", "where", "loaded"), CASES,
                         ids=["cut", "quote", "nul", "latin-1", "dup-header", "10000-columns",
                              "cut-row"])
def test_mutation_outcomes(content, fatal, where, loaded):
    dataset = check_any_outcome(content)
    assert dataset.fatal == fatal
    assert [(p.line, p.column) for p in dataset.problems] == where
    assert len(dataset.partnerships) == loaded


def write_rows(path: Path, header: bytes, row: bytes, count: int) -> None:
    with path.open("wb") as handle:
        handle.write(header)
        block = row * 10_000
        for _ in range(count // 10_000):
            handle.write(block)


@pytest.mark.timeout(60)
def test_million_row_file_past_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "million.csv"
    header = FIXTURE.split(b"\n", 1)[0] + b"\n"
    write_rows(path, header, b"x,Kota A,city,B,C,,city,D,loi,,https://a.org,,,\n", 1_000_000)
    assert path.stat().st_size > recordfile.MAX_FILE_BYTES
    dataset = load_partnerships(path)
    assert dataset.fatal and "larger than 20 MB" in dataset.problems[0].message
    assert exit_status(path) == 2


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("row", "fragment"), [
    (b"a,,,,,,,,,,,,,\n", f"more than {recordfile.MAX_ROWS} rows"),
    (b",,,,,,,,,,,,,\n", f"more than {recordfile.MAX_LINES} lines"),
    (b"\n", f"more than {recordfile.MAX_LINES} lines"),
])
def test_million_small_rows_within_the_size_limit_are_refused(tmp_path, row, fragment):
    path = tmp_path / "million.csv"
    write_rows(path, FIXTURE.split(b"\n", 1)[0] + b"\n", row, 1_000_000)
    assert path.stat().st_size <= recordfile.MAX_FILE_BYTES
    dataset = load_partnerships(path)
    assert dataset.fatal and fragment in dataset.problems[0].message
    assert exit_status(path) == 2


def exit_status(path: Path) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return run(argparse.Namespace(csv=path, milestones=None))


@FUZZ
@given(st.binary(max_size=1000))
def test_any_milestones_bytes_load_or_raise_unusable(content):
    partnerships = load_partnerships(Path(__file__).resolve().parent / "fixtures"
                                     / "records_valid.csv").partnerships
    milestones_header = b"partnership,date,event,sources,notes\n"
    for body in (content, milestones_header + content):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "milestones.csv"
            path.write_bytes(body)
            milestones, problems = load_milestones(path, partnerships)
            assert all(isinstance(m, Milestone) for m in milestones)
            assert all(p.message and p.file == str(path) for p in problems)
