"""The gettext catalog files: extract messages, merge them into the .po files, check, compile.

Layout: `components/i18n/locales/messages.pot` (the template) and
`components/i18n/locales/<lang>/LC_MESSAGES/messages.po` (committed); the `.mo` files are compiled
from them at start-up, next to the .po files when that folder is writable, else in a user cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from components import settings

DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
PROJECT_ROOT = LOCALES_DIR.parents[2]
POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = {**DEFAULT_KEYWORDS, "translate": None, "t": None, "Message": None}
COMMENT_TAGS = ("TRANSLATORS:",)
# Babel turns "Translations template" into "Indonesian translations" etc. in each .po file.
_HEADER = (
    "# Translations template for the Kembar interface,"
    " updated by `python -m components.i18n.translator extract`.\n#"
)


def po_path(locales_dir: Path, lang: str) -> Path:
    """Where a language's .po file lives (and, compiled, its .mo file)."""
    return Path(locales_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogs(locales_dir: Path, out_dir: Path) -> list[Path]:
    """Compile each language's .po whose .mo is missing or older; return the .mo files written."""
    written = []
    for po in sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = Path(out_dir) / po.relative_to(locales_dir).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=po.parts[-3])
        _write_atomically(mo, catalog)
        written.append(mo)
    return written


def _write_atomically(mo: Path, catalog: Catalog) -> None:
    """Write a .mo through a temporary file renamed into place, so readers never see half a file."""
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{mo.name}.", suffix=".tmp", dir=mo.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            write_mo(stream, catalog)  # fuzzy translations are left out
        os.replace(tmp, mo)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_dirs(locales_dir: Path) -> list[Path]:
    """Fallback places for compiled catalogs when the checkout is read-only, best first."""
    digest = hashlib.sha1(str(Path(locales_dir).resolve()).encode()).hexdigest()[:12]
    roots = []
    configured = settings.current().cache_dir
    if configured:
        roots.append(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        roots.append(Path(xdg) / "kembar")
    elif os.path.expanduser("~") != "~":  # no home directory at all: skip to the temp folder
        roots.append(Path(os.path.expanduser("~")) / ".cache" / "kembar")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    roots.append(Path(tempfile.gettempdir()) / f"kembar-{uid}")
    return [root / f"locales-{digest}" for root in roots]


def ensure_compiled(locales_dir: Path = LOCALES_DIR) -> Path:
    """Compile the catalogs where possible and return the folder to give `gettext` as localedir."""
    failures = []
    for out_dir in [Path(locales_dir), *cache_dirs(locales_dir)]:
        try:
            compile_catalogs(locales_dir, out_dir)
        except OSError as error:  # read-only checkout or cache: try the next place
            failures.append(f"{out_dir}: {error}")
            continue
        return out_dir
    raise OSError("cannot write compiled catalogs anywhere: " + "; ".join(failures))


def python_sources(root: Path = PROJECT_ROOT) -> list[Path]:
    """The files whose strings the app shows: app.py and every module under components/."""
    app = [root / "app.py"] if (root / "app.py").exists() else []
    modules = sorted(p for p in (root / "components").rglob("*.py") if "__pycache__" not in p.parts)
    return app + modules


def extract_messages(sources: Iterable[Path], root: Path = PROJECT_ROOT) -> Catalog:
    """Collect every string marked with _, N_, gettext, ngettext or translate into a template."""
    template = Catalog(project="Kembar", header_comment=_HEADER, fuzzy=False)
    for path in sources:
        for line, message, comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True,
        ):
            location = (Path(path).resolve().relative_to(root.resolve()).as_posix(), line)
            template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def write_template(template: Catalog, pot_path: Path = POT_PATH) -> None:
    """Write messages.pot, grouped by file so diffs stay readable."""
    with Path(pot_path).open("wb") as stream:
        write_po(stream, template, width=100, sort_by_file=True)


def update_catalogs(template: Catalog, locales_dir: Path, languages: Iterable[str]) -> None:
    """Merge the template into each language's .po (created if missing), dropping obsolete ones."""
    for lang in languages:
        path = po_path(locales_dir, lang)
        if path.exists():
            with path.open("rb") as stream:
                catalog = read_po(stream, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Kembar", header_comment=_HEADER, fuzzy=False)
        catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, ignore_obsolete=True, include_previous=False)


def read_template(pot_path: Path = POT_PATH) -> Catalog:
    """Read messages.pot."""
    with Path(pot_path).open("rb") as stream:
        return read_po(stream)


def missing_translations(template: Catalog, locales_dir: Path, lang: str) -> list[str]:
    """Every template message that the language lacks, leaves empty, marks fuzzy or garbles."""
    path = po_path(locales_dir, lang)
    if not path.exists():
        return [f"{lang}: {path} does not exist"]
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = () if found is None else found.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if found is None or not all(strings):
            problems.append(f"{lang}: untranslated: {message.id!r}")
        elif found.fuzzy:
            problems.append(f"{lang}: fuzzy: {message.id!r}")
        else:
            problems.extend(f"{lang}: {message.id!r}: {p}" for p in placeholder_problems(found))
    for message, errors in catalog.check():
        problems.extend(f"{lang}: {message.id!r}: {error}" for error in errors)
    return problems


def _placeholders(text: str) -> set[str]:
    """The str.format fields a text uses ("{count} of {total}" -> {"count", "total"})."""
    fields = (name for _, name, _, _ in Formatter().parse(text) if name is not None)
    return {name.split(".")[0].split("[")[0] for name in fields}


def placeholder_problems(message: Message) -> list[str]:
    """A translation keeps the msgid's {fields}: a new one breaks .format, a lost one hides data."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    try:
        expected = set().union(*map(_placeholders, ids))
        problems = []
        for string in strings:
            found = _placeholders(string)
            if found - expected:
                problems.append(f"unknown placeholders {sorted(found - expected)} in {string!r}")
            elif len(ids) == 1 and found != expected:
                problems.append(f"placeholders {sorted(expected - found)} missing in {string!r}")
        return problems
    except ValueError as error:  # unbalanced braces
        return [f"malformed placeholders ({error}) in {strings!r}"]


def unextracted_messages(
    template: Catalog, sources: Iterable[Path], root: Path = PROJECT_ROOT,
) -> list[str]:
    """Marked strings in the code that messages.pot does not have yet (extraction is due)."""
    current = extract_messages(sources, root)
    return [
        f"not in {POT_PATH.name}: {m.id!r} ({m.locations[0][0]}:{m.locations[0][1]})"
        for m in current
        if m.id and template.get(m.id, m.context) is None
    ]
