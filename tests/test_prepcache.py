"""The prepared dataset on disk: read back for the same inputs, made afresh when any changes."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from components import prepcache
from components.pipeline import prepare

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    """A copy of the real dataset, a cache folder of its own, and a count of real preparations."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("partnerships.csv", "milestones.csv"):
        shutil.copyfile(ROOT / "data" / name, folder / name)
    monkeypatch.setenv("KEMBAR_CACHE_DIR", str(tmp_path / "cache"))
    made = []

    def counted(*args, **kwargs):
        made.append(args)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(prepcache, "prepare", counted)
    return folder / "partnerships.csv", made


def test_the_same_files_are_prepared_once(dataset):
    path, made = dataset
    first = prepcache.load_or_prepare(path)
    second = prepcache.load_or_prepare(path)
    assert len(made) == 1
    assert second is not first and second.partnerships == first.partnerships
    assert second.places == first.places and second.drawable_ids == first.drawable_ids
    assert second.milestones_by_id == first.milestones_by_id
    assert [a.name for a in second.articles] == [a.name for a in first.articles]
    assert second.search_index.words == first.search_index.words


@pytest.mark.parametrize("name", ["partnerships.csv", "milestones.csv"])
def test_a_changed_file_is_prepared_again(dataset, name):
    path, made = dataset
    prepcache.load_or_prepare(path)
    changed = path.with_name(name)
    changed.write_text(changed.read_text(encoding="utf-8").replace("Hangzhou", "Hangzhou ", 1),
                       encoding="utf-8")
    again = prepcache.load_or_prepare(path)
    assert len(made) == 2
    assert again.partnerships == prepare(path).partnerships


def test_online_geocoding_is_never_kept(dataset, monkeypatch):
    path, made = dataset
    monkeypatch.setattr(prepcache, "prepare", lambda *a, **k: made.append(k) or "fresh")
    assert prepcache.load_or_prepare(path, online=True) == "fresh"
    assert prepcache.load_or_prepare(path, online=True) == "fresh"
    assert not list(prepcache.cache_dir().glob("prepared-*"))


def test_an_unwritable_cache_folder_only_costs_time(dataset, tmp_path, monkeypatch):
    path, made = dataset
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KEMBAR_CACHE_DIR", str(blocker / "cache"))
    assert len(prepcache.load_or_prepare(path).partnerships) == len(prepcache.load_or_prepare(path).partnerships)
    assert len(made) == 2


def test_a_damaged_entry_is_prepared_again(dataset):
    path, made = dataset
    prepcache.load_or_prepare(path)
    entry = next(prepcache.cache_dir().glob("prepared-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert prepcache.load_or_prepare(path).partnerships
    assert len(made) == 2


def test_a_dataset_made_to_be_saved_later_is_written_by_save_unsaved(dataset):
    path, made = dataset
    first = prepcache.load_or_prepare(path, save_now=False)
    assert not list(prepcache.cache_dir().glob("prepared-*.pickle"))
    prepcache.save_unsaved()
    assert len(list(prepcache.cache_dir().glob("prepared-*.pickle"))) == 1
    prepcache.save_unsaved()  # nothing left to write
    again = prepcache.load_or_prepare(path, save_now=False)
    assert len(made) == 1 and again.partnerships == first.partnerships


def test_a_prepared_dataset_pickles_the_same_after_its_cached_properties_are_used(dataset):
    path, _ = dataset
    prepared = prepare(path)
    before = pickle.dumps(prepared)
    assert prepared.year_span and prepared.drawable_ids and prepared.place_index
    assert pickle.dumps(prepared) == before
    assert pickle.loads(before).drawable_ids == prepared.drawable_ids  # worked out again


def test_the_app_keeps_a_new_dataset_on_disk_only_once_the_first_screen_is_out(dataset,
                                                                             monkeypatch):
    from components.ui.mappanel import FIRST_REPORT
    from tests.apptest import first_screen, map_reports

    path, made = dataset
    monkeypatch.setenv("KEMBAR_DATA", str(path))  # a copy: no earlier test's cached dataset
    at = first_screen()
    assert len(made) == 1
    assert not list(prepcache.cache_dir().glob("prepared-*.pickle"))
    map_reports(at, FIRST_REPORT)
    assert not at.exception, at.exception
    assert len(list(prepcache.cache_dir().glob("prepared-*.pickle"))) == 1
