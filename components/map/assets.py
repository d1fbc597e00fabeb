"""Leaflet's files, from the installed XStatic-Leaflet package, for a map that needs no CDN.

The app serves them from `<app_dir>/static/kembar/leaflet/` (Streamlit's static serving,
URL prefix /app/static/); the export inlines them into one self-contained page.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from xstatic.pkg import leaflet as xstatic_leaflet

from components import DATA_DIR
from components.map.outlines import load_outlines

LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_VERSION = xstatic_leaflet.VERSION
# Only what the map loads: the script, the stylesheet and the images the stylesheet names.
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
STATIC_SUBDIR = Path("static") / "kembar"
# Served beside Leaflet and fetched once by the province shading (components/map/provinces.js).
STATIC_DATA = ("provinces.geojson",)


def leaflet_sources() -> list[tuple[Path, Path]]:
    """(source file, path relative to the leaflet folder) for every file the map needs."""
    pairs = [(LEAFLET_DIR / name, Path(name)) for name in LEAFLET_FILES]
    images = sorted((LEAFLET_DIR / "images").glob("*.png"))
    pairs += [(image, Path("images") / image.name) for image in images]
    return pairs


def _copy_if_changed(source: Path, target: Path) -> bool:
    """Copy atomically (temp file + rename) unless the target already has the same bytes."""
    data = source.read_bytes()
    if target.exists() and target.read_bytes() == data:
        return False
    _write_atomically(target, data)
    return True


def _write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file renamed into place: a reader sees old or new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)  # atomic: a second process sees old or new, never half
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_static_assets(app_dir: Path | str) -> Path:
    """Put Leaflet under <app_dir>/static/kembar/leaflet/ and the province shapes beside it
    (only what is missing or different).

    Returns <app_dir>/static/kembar, which the app serves as /app/static/kembar.
    Safe to call on every start and from two processes at once.
    """
    base = Path(app_dir) / STATIC_SUBDIR
    for source, relative in leaflet_sources():
        _copy_if_changed(source, base / "leaflet" / relative)
    for name in STATIC_DATA:
        _copy_if_changed(DATA_DIR / name, base / name)
    return base


def _outlines_bytes() -> bytes:
    return json.dumps(load_outlines(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def outlines_name() -> str:
    """The outlines' file name under static/kembar/, named by their content."""
    return f"outlines-{hashlib.sha256(_outlines_bytes()).hexdigest()[:12]}.geojson"


def write_outlines(static_base: Path | str) -> str:
    """Put the country outlines under <static_base>/ as a file named by its content, so the
    browser may keep it for as long as it likes (an older version is removed); its name."""
    data, name = _outlines_bytes(), outlines_name()
    target = Path(static_base) / name
    if not (target.exists() and target.read_bytes() == data):
        _write_atomically(target, data)
    for old in Path(static_base).glob("outlines-*.geojson"):
        if old.name != name:
            old.unlink(missing_ok=True)
    return name


def leaflet_inline() -> tuple[str, str]:
    """Leaflet's JavaScript and CSS as text, to inline into a standalone page."""
    script = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    style = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError(f"Leaflet {LEAFLET_VERSION} contains a closing tag; it cannot be inlined")
    return script, style
