"""Checks of single CSV values shared by the partnerships and milestones loaders.

Each check takes the stripped value and returns a message (already translated) saying what is
wrong with it, or None when it is fine. The caller turns a message into a `Problem` with the
line, column and value, so these functions stay small and table-testable.

Sources, decided here once: a `sources` cell holds URLs (`http://` or `https://` with a host)
and `seeds/` file names, separated by ` ; `. A `;` without spaces around it also separates
when what follows it starts with `http://`, `https://` or `seeds/`; any other bare `;` is part of
the URL it sits in (query strings such as `?a=1;b=2` survive).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from components import dates
from components.i18n.translator import Translate, untranslated
from components.models import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

# Per-column length limits in characters; past them a value is a problem, not a hang.
LENGTH_LIMITS = {"id": 100, "partnership": 100, "notes": 5000, "sources": 5000, "fields": 1000}
DEFAULT_LENGTH_LIMIT = 500
EXTRA_LENGTH_LIMIT = 5000
SEEDS_PREFIX = "seeds/"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SOURCE_SEPARATOR = re.compile(r"\s+;\s*|;\s+|;(?=https?://|seeds/)", re.IGNORECASE)
_HOST_LABEL = re.compile(r"[^\W_]|[^\W_][\w-]*[^\W_]")
_TOP_LABEL = re.compile(r"[^\W\d_]{2,}|xn--[\w-]+|[0-9]{1,3}")


def shorten(value: str, limit: int = 80) -> str:
    """The value quoted for a message, control characters escaped and long values cut."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value)} characters)"


def length_problem(column: str, value: str, translate: Translate = untranslated) -> str | None:
    """Say so when a value is longer than its column allows."""
    limit = limit_for(column)
    if len(value) <= limit:
        return None
    return translate("too long: {length} characters, the limit is {limit}").format(
        length=len(value), limit=limit)


def limit_for(column: str) -> int:
    """The length limit of a column; columns we do not know get the generous one."""
    if column in LENGTH_LIMITS:
        return LENGTH_LIMITS[column]
    known = column in REQUIRED_COLUMNS or column in OPTIONAL_COLUMNS or column in ("date", "event")
    return DEFAULT_LENGTH_LIMIT if known else EXTRA_LENGTH_LIMIT


def choice_problem(value: str, allowed: Sequence[str], translate: Translate = untranslated) -> str | None:
    """Say so when a value is not one of the allowed ones, listing them."""
    if value in allowed:
        return None
    return translate("unknown value; allowed: {allowed}").format(allowed=", ".join(allowed))


def slug_problem(value: str, translate: Translate = untranslated) -> str | None:
    """Say so when an id is not a slug of lowercase letters, digits and single hyphens."""
    if _SLUG.fullmatch(value):
        return None
    return translate(
        "not a valid id: use lowercase letters, digits and single hyphens (serang-hangzhou)")


def date_problem(value: str, today: datetime.date, translate: Translate = untranslated) -> str | None:
    """Say what is wrong with a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), or None."""
    message = dates.check(value, today)
    return None if message is None else message.text(translate)


def split_sources(text: str) -> list[str]:
    """The entries of a sources cell, stripped, empty ones kept so they can be reported."""
    return [part.strip() for part in _SOURCE_SEPARATOR.split(text)]


def source_problem(source: str, seeds_dir: Path, translate: Translate = untranslated) -> str | None:
    """Say what is wrong with one source entry (URL or seeds/ file name), or None."""
    if not source:
        return translate("empty entry between separators (a stray ';'?)")
    if source.startswith(SEEDS_PREFIX):
        return seed_problem(source[len(SEEDS_PREFIX):], seeds_dir, translate)
    if re.match(r"https?://", source, re.IGNORECASE):
        return url_problem(source, translate)
    return translate("not a source: expected an http:// or https:// URL or a seeds/ file name")


def url_problem(url: str, translate: Translate = untranslated) -> str | None:
    """Say what is wrong with an http(s) URL: spaces, control characters, no host."""
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return translate("URL contains spaces or control characters")
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return translate("malformed URL")
    if not _is_host_name(host):
        return translate("URL has no valid host name")
    return None


def _is_host_name(host: str) -> bool:
    """A dotted name whose last label is a top-level domain, or an IPv4 address."""
    labels = host.split(".")
    return (len(labels) >= 2 and all(_HOST_LABEL.fullmatch(label) for label in labels)
            and bool(_TOP_LABEL.fullmatch(labels[-1])))


def seed_problem(name: str, seeds_dir: Path, translate: Translate = untranslated) -> str | None:
    """Say what is wrong with a seeds/ file name: empty, escaping the folder, or missing."""
    parts = PurePosixPath(name).parts
    if not name or name.endswith("/"):
        return translate("names no file inside seeds/")
    if "\\" in name or name.startswith("/") or ".." in parts:
        return translate("leaves the seeds/ folder; name a file inside it")
    try:
        root = seeds_dir.resolve()
        target = root.joinpath(*parts).resolve()
        if not target.is_relative_to(root):
            return translate("leaves the seeds/ folder; name a file inside it")
        if not target.is_file():
            return translate("no such file in seeds/")
    except (OSError, RuntimeError) as error:  # name too long, symlink loop
        return translate("cannot check this file: {reason}").format(
            reason=getattr(error, "strerror", None) or str(error))
    return None
