"""Leaflet copied from XStatic-Leaflet into the static folder: complete, idempotent, only it."""

from __future__ import annotations

import threading

import pytest

from components import DATA_DIR
from components.map.assets import LEAFLET_DIR, ensure_static_assets, leaflet_inline


def tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_copies_leaflet_and_the_province_shapes_and_nothing_else(tmp_path):
    base = ensure_static_assets(tmp_path)
    assert base == tmp_path / "static" / "kembar"
    files = tree(tmp_path)
    assert "static/kembar/leaflet/leaflet.js" in files
    assert "static/kembar/leaflet/leaflet.css" in files
    assert "static/kembar/leaflet/images/marker-icon.png" in files
    others = [f for f in files if not f.startswith("static/kembar/leaflet/")]
    assert others == ["static/kembar/provinces.geojson"]
    assert (base / "provinces.geojson").read_bytes() == (DATA_DIR / "provinces.geojson").read_bytes()
    assert not any(f.endswith((".py", ".csv", ".map")) for f in files)
    copied = base / "leaflet" / "leaflet.js"
    assert copied.read_bytes() == (LEAFLET_DIR / "leaflet.js").read_bytes()


def test_second_call_changes_nothing(tmp_path):
    ensure_static_assets(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "static").rglob("*") if p.is_file()}
    ensure_static_assets(tmp_path)
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "static").rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.parametrize("damage", [b"", b"broken", b"x" * 10])
def test_a_changed_or_truncated_file_is_replaced(tmp_path, damage):
    base = ensure_static_assets(tmp_path)
    target = base / "leaflet" / "leaflet.css"
    target.write_bytes(damage)
    ensure_static_assets(tmp_path)
    assert target.read_bytes() == (LEAFLET_DIR / "leaflet.css").read_bytes()


def test_missing_file_is_restored_and_other_files_are_left_alone(tmp_path):
    base = ensure_static_assets(tmp_path)
    (base / "leaflet" / "leaflet.js").unlink()
    mine = tmp_path / "static" / "logo.svg"
    mine.write_text("<svg/>")
    ensure_static_assets(tmp_path)
    assert (base / "leaflet" / "leaflet.js").exists()
    assert mine.read_text() == "<svg/>"


def test_concurrent_calls_leave_complete_files_and_no_temporaries(tmp_path):
    errors = []

    def work():
        try:
            for _ in range(3):
                ensure_static_assets(tmp_path)
        except OSError as error:  # recorded, then asserted: a race must not raise
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    files = tree(tmp_path)
    assert not any("/." in f for f in files)  # no leftover temporary files
    assert (tmp_path / "static/kembar/leaflet/leaflet.js").read_bytes() == \
        (LEAFLET_DIR / "leaflet.js").read_bytes()


def test_inline_text_is_leaflet_and_safe_to_embed():
    script, style = leaflet_inline()
    assert "L.version" in script or "version" in script
    assert ".leaflet-container" in style
    assert "</script" not in script.lower()


def test_outlines_are_written_once_as_a_file_named_by_their_content(tmp_path):
    import json

    from components.map.assets import write_outlines
    from components.map.build import build_base_map
    from components.map.outlines import load_outlines

    name = write_outlines(tmp_path)
    assert name.startswith("outlines-") and name.endswith(".geojson")
    assert json.loads((tmp_path / name).read_text(encoding="utf-8")) == load_outlines()
    before = (tmp_path / name).stat().st_mtime_ns
    assert write_outlines(tmp_path) == name and (tmp_path / name).stat().st_mtime_ns == before
    fetched = build_base_map(outlines_url=f"/app/static/kembar/{name}").get_root().render()
    inline = build_base_map().get_root().render()
    assert f'"/app/static/kembar/{name}")' in fetched and "outlines-" not in inline
    assert len(inline) - len(fetched) > 0.9 * len((tmp_path / name).read_bytes())


def test_an_older_outlines_file_is_removed(tmp_path):
    from components.map.assets import outlines_name, write_outlines

    (tmp_path / "outlines-000000000000.geojson").write_text("{}")
    assert write_outlines(tmp_path) == outlines_name()
    assert [p.name for p in tmp_path.iterdir()] == [outlines_name()]
