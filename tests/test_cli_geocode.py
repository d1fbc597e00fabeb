"""`python -m components geocode`: the CSV on stdout, the summary on stderr, the exit status."""

import csv
import io
import socket
from pathlib import Path

import pytest

from components.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "data" / "partnerships.csv"


@pytest.fixture(autouse=True)
def offline_env(monkeypatch, tmp_path):
    monkeypatch.setenv("KEMBAR_CACHE", str(tmp_path / "geocache.json"))
    monkeypatch.delenv("KEMBAR_ONLINE", raising=False)
    monkeypatch.delenv("KEMBAR_NOMINATIM_URL", raising=False)


def _rows_file(tmp_path, *changes) -> Path:
    """A copy of the dataset's header and first row, plus one row per dict of changed columns."""
    with DATASET.open(encoding="utf-8", newline="") as handle:
        header, first = list(csv.reader(handle))[:2]
    rows = [first] + [[change.get(col, value) for col, value in zip(header, first)]
                      for change in changes]
    path = tmp_path / "partnerships.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def _run(capsys, *argv):
    status = main(["geocode", *argv])
    captured = capsys.readouterr()
    return status, list(csv.DictReader(io.StringIO(captured.out))), captured.err


def test_the_dataset_resolves_completely(capsys):
    status, rows, err = _run(capsys)
    with DATASET.open(encoding="utf-8") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert status == 0
    assert [(r["id"], r["side"]) for r in rows] == [(i, s) for i in ids for s in ("id", "cn")]
    assert all(r["resolved_by"] == "gazetteer" and r["lat"] and r["lon"] for r in rows)
    assert "distinct places" in err and "unresolved" not in err


def test_header_and_columns(capsys, tmp_path):
    status, rows, _ = _run(capsys, str(_rows_file(tmp_path)))
    assert status == 0
    assert rows[0] == {"id": "serang-hangzhou", "side": "id", "name": "Kota Serang",
                       "lat": "-6.11528", "lon": "106.15417", "resolved_by": "gazetteer"}
    assert list(rows[0]) == ["id", "side", "name", "lat", "lon", "resolved_by"]


def test_an_unknown_place_is_unresolved_with_empty_coordinates(capsys, tmp_path):
    path = _rows_file(tmp_path, {"id": "atlantis-hangzhou", "id_name": "Kota Atlantis",
                                 "id_province": "Bali"})
    status, rows, err = _run(capsys, str(path))
    assert status == 1
    atlantis = [r for r in rows if r["id"] == "atlantis-hangzhou" and r["side"] == "id"][0]
    assert (atlantis["lat"], atlantis["lon"], atlantis["resolved_by"]) == ("", "", "unresolved")
    assert "1 unresolved" in err and "Kota Atlantis" in err


def test_a_city_outside_the_gazetteer_names_the_registry(capsys, tmp_path):
    path = _rows_file(tmp_path, {"id": "serang-luoyang", "cn_name": "Luoyang",
                                 "cn_name_zh": "洛阳市", "cn_province": "Henan"})
    status, rows, _ = _run(capsys, str(path))
    assert status == 0 and rows[-1]["resolved_by"] == "registry"


@pytest.mark.parametrize("content", [None, "", "just,some\nthing,else\n"])
def test_an_unusable_file_exits_2(capsys, tmp_path, content):
    path = tmp_path / "partnerships.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, rows, err = _run(capsys, str(path))
    assert status == 2 and rows == [] and "cannot use this file" in err


@pytest.mark.timeout(30)  # bounded: a refused connection must not hang the command
def test_online_with_a_dead_service_falls_back_to_offline_answers(capsys, tmp_path, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("KEMBAR_NOMINATIM_URL", f"http://127.0.0.1:{port}")
    path = _rows_file(tmp_path, {"id": "atlantis-hangzhou", "id_name": "Kota Atlantis",
                                 "id_province": "Bali"})
    status, rows, err = _run(capsys, str(path), "--online")
    assert status == 1 and "warning: nominatim:" in err
    assert [r["resolved_by"] for r in rows] == ["gazetteer", "gazetteer", "unresolved", "gazetteer"]
    assert not (tmp_path / "geocache.json").exists()
