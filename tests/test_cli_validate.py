"""`python -m components validate`: output lines, summaries and exit codes, as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "records_valid.csv"
MILESTONES = FIXTURES / "records_milestones_valid.csv"


def validate(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "components", "validate", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def copy_valid(tmp_path: Path, text_change=None) -> Path:
    path = tmp_path / "partnerships.csv"
    text = VALID.read_text(encoding="utf-8")
    path.write_text(text_change(text) if text_change else text, encoding="utf-8")
    return path


def test_help_lists_the_command():
    result = subprocess.run([sys.executable, "-m", "components", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "validate  check the data files and list every problem" in result.stdout


def test_valid_file_exits_0_and_checks_no_milestones_when_none_lie_next_to_it(tmp_path):
    path = copy_valid(tmp_path)
    result = validate(path)
    assert (result.returncode, result.stderr) == (0, "")
    # line 3 is confirmed on a seeds/ round-up alone: a warning, not a failure
    assert result.stdout.splitlines() == [
        f"{path}:3: sources: 'seeds/2025-09-xinhua-bharata-kota-kembar.txt': confirmed, but "
        "every source is a list or secondary mention; cite a primary report or mark the row "
        "reported (warning)",
        f"{path}: 6 rows valid, 0 rows with problems"]


def test_a_row_with_a_bad_date_is_kept_but_still_fails(tmp_path):
    path = copy_valid(tmp_path, lambda t: t.replace(",loi,2025-06,", ",loi,2025-13,"))
    result = validate(path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-2:] == [
        f"{path}: 1 rows with problems kept, their bad values unknown",
        f"{path}: 5 rows valid, 1 rows with problems"]


def test_problems_are_printed_file_line_column_value_message(tmp_path):
    path = copy_valid(tmp_path, lambda t: t.replace(",loi,2025-06,", ",signed,2025-13,"))
    result = validate(path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:3: stage: 'signed': unknown value; allowed: exploration, loi, mou, agreement",
        f"{path}:3: date: '2025-13': month 13 does not exist",
        f"{path}: 5 rows valid, 1 rows with problems",
    ]


def test_control_characters_in_values_are_escaped(tmp_path):
    path = copy_valid(tmp_path, lambda t: t.replace(",loi,2025-06,", ",\x1b[31mloi,2025-06,"))
    result = validate(path)
    assert result.returncode == 1 and "\x1b" not in result.stdout
    assert "'\\x1b[31mloi'" in result.stdout


@pytest.mark.parametrize(("content", "fragment"), [
    (None, "cannot read the file: No such file or directory"),
    (b"", "the file is empty"),
    (b"id,caf\xe9\n", "not UTF-8: byte 0xe9 at offset 6"),
    (b"id,name\nx,y\n", "required columns missing: id_name, id_level"),
])
def test_unusable_file_exits_2_without_traceback(tmp_path, content, fragment):
    path = tmp_path / "partnerships.csv"
    if content is not None:
        path.write_bytes(content)
    result = validate(path)
    assert result.returncode == 2
    assert fragment in result.stdout and f"{path}: cannot use this file" in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_milestones_next_to_the_csv_are_checked(tmp_path):
    path = copy_valid(tmp_path)
    milestones = tmp_path / "milestones.csv"
    shutil.copy(MILESTONES, milestones)
    result = validate(path)
    assert result.returncode == 0
    assert f"{milestones}: 4 rows valid, 0 rows with problems" in result.stdout
    with milestones.open("a", encoding="utf-8") as handle:
        handle.write("nowhere-x,2020,mou,https://example.org/x,\n")
    result = validate(path)
    assert result.returncode == 1
    assert f"{milestones}:6: partnership: 'nowhere-x': unknown partnership id" in result.stdout
    assert f"{milestones}: 4 rows valid, 1 rows with problems" in result.stdout


def test_explicit_milestones_option(tmp_path):
    path = copy_valid(tmp_path)
    assert validate(path, "--milestones", MILESTONES).returncode == 0
    result = validate(path, "--milestones", tmp_path / "nope.csv")
    assert result.returncode == 2 and "cannot use this file" in result.stdout


def test_milestones_inconsistent_with_partnerships_exit_1(tmp_path):
    path = copy_valid(tmp_path, lambda t: t.replace(",mou,2018-10-24,", ",agreement,2018-10-24,"))
    result = validate(path, "--milestones", MILESTONES)
    assert result.returncode == 1
    assert f"{MILESTONES}:3: event: 'mou 2018-10-24': the latest stage-setting milestone" in (
        result.stdout)


def test_unusable_milestones_exit_2(tmp_path):
    path = copy_valid(tmp_path)
    (tmp_path / "milestones.csv").write_bytes(b"\xff\xfe")
    result = validate(path)
    assert result.returncode == 2 and "not UTF-8" in result.stdout


@pytest.mark.skipif(not (ROOT / "data" / "partnerships.csv").exists(),
                    reason="data/partnerships.csv is not curated yet")
def test_default_dataset_validates_from_any_directory(tmp_path):
    result = validate(cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert "0 rows with problems" in result.stdout
