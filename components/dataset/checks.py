"""Checks of single CSV values shared by the partnerships and milestones loaders.

Each check takes the stripped value and returns a `Message` (an English template and its
values, translated where it is shown) saying what is wrong with it, or None when it is fine.
The caller turns it into a `Problem` with the line, column and value, so these functions stay
small and table-testable.

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
from components.models import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Message

# Per-column length limits in characters; past them a value is a problem, not a hang.
LENGTH_LIMITS = {"id": 100, "partnership": 100, "notes": 5000, "sources": 5000, "fields": 1000}
DEFAULT_LENGTH_LIMIT = 500
EXTRA_LENGTH_LIMIT = 5000
SHORTEST_LIMIT = min(  # a value this short is within every column's limit
    *LENGTH_LIMITS.values(), DEFAULT_LENGTH_LIMIT, EXTRA_LENGTH_LIMIT)
SEEDS_PREFIX = "seeds/"

_WEB = re.compile(r"https?://", re.IGNORECASE)
# A host of letters, digits, dots and hyphens, with no user, port or brackets: what urlsplit
# would give as the hostname (lower-cased), found without it (most URLs; urlsplit is slow).
_PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?=[/?#]|\Z)", re.IGNORECASE)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SOURCE_SEPARATOR = re.compile(r"\s+;\s*|;\s+|;(?=https?://|seeds/)", re.IGNORECASE)
_HOST_LABEL = re.compile(r"[^\W_]|[^\W_][\w-]*[^\W_]")
# Two or more labels joined by dots: one match instead of a split and a match per label.
_DOTTED_HOST = re.compile(rf"(?:(?:{_HOST_LABEL.pattern})\.)+(?:{_HOST_LABEL.pattern})")
_TOP_LABEL = re.compile(r"[^\W\d_]{2,}|xn--[\w-]+|[0-9]{1,3}")


def length_problem(column: str, value: str) -> Message | None:
    """Say so when a value is longer than its column allows."""
    if len(value) <= SHORTEST_LIMIT:  # the common case: within every column's limit
        return None
    limit = limit_for(column)
    if len(value) <= limit:
        return None
    return Message("too long: {length} characters, the limit is {limit}",
                   length=len(value), limit=limit)


def limit_for(column: str) -> int:
    """The length limit of a column; columns we do not know get the generous one."""
    if column in LENGTH_LIMITS:
        return LENGTH_LIMITS[column]
    known = column in REQUIRED_COLUMNS or column in OPTIONAL_COLUMNS or column in ("date", "event")
    return DEFAULT_LENGTH_LIMIT if known else EXTRA_LENGTH_LIMIT


def choice_problem(value: str, allowed: Sequence[str]) -> Message | None:
    """Say so when a value is not one of the allowed ones, listing them."""
    if value in allowed:
        return None
    return Message("unknown value; allowed: {allowed}", allowed=", ".join(allowed))


def slug_problem(value: str) -> Message | None:
    """Say so when an id is not a slug of lowercase letters, digits and single hyphens."""
    if _SLUG.fullmatch(value):
        return None
    return Message(
        "not a valid id: use lowercase letters, digits and single hyphens (serang-hangzhou)")


def date_problem(value: str, today: datetime.date | None = None) -> Message | None:
    """Say what is wrong with a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), or None."""
    return dates.check(value, today)


def split_sources(text: str) -> list[str]:
    """The entries of a sources cell, stripped, empty ones kept so they can be reported."""
    return [part.strip() for part in _SOURCE_SEPARATOR.split(text)]


def source_problem(source: str, seeds_dir: Path) -> Message | None:
    """Say what is wrong with one source entry (URL or seeds/ file name), or None."""
    if not source:
        return Message("empty entry between separators (a stray ';'?)")
    if source.startswith(SEEDS_PREFIX):
        return seed_problem(source[len(SEEDS_PREFIX):], seeds_dir)
    if _WEB.match(source):
        return url_problem(source)
    return Message("not a source: expected an http:// or https:// URL or a seeds/ file name")


def url_problem(url: str) -> Message | None:
    """Say what is wrong with an http(s) URL: spaces, control characters, no host."""
    # Every whitespace character but " " is unprintable (checked over all of Unicode), so this
    # is "any space or control character" without a loop over characters.
    if " " in url or not url.isprintable():
        return Message("URL contains spaces or control characters")
    try:
        host = url_host(url)
    except ValueError:
        return Message("malformed URL")
    if not _is_host_name(host):
        return Message("URL has no valid host name")
    return None


def url_host(url: str) -> str:
    """The URL's host name in lower case ("" when none), as urlsplit gives it; ValueError when
    urlsplit finds the URL malformed."""
    plain = _PLAIN_HOST.match(url)
    return plain[1].lower() if plain else urlsplit(url).hostname or ""


def _is_host_name(host: str) -> bool:
    """A dotted name whose last label is a top-level domain, or an IPv4 address."""
    return (bool(_DOTTED_HOST.fullmatch(host))
            and bool(_TOP_LABEL.fullmatch(host.rpartition(".")[2])))


def seed_problem(name: str, seeds_dir: Path) -> Message | None:
    """Say what is wrong with a seeds/ file name: empty, escaping the folder, or missing."""
    parts = PurePosixPath(name).parts
    if not name or name.endswith("/"):
        return Message("names no file inside seeds/")
    if "\\" in name or name.startswith("/") or ".." in parts:
        return Message("leaves the seeds/ folder; name a file inside it")
    try:
        root = seeds_dir.resolve()
        target = root.joinpath(*parts).resolve()
        if not target.is_relative_to(root):
            return Message("leaves the seeds/ folder; name a file inside it")
        if not target.is_file():
            return Message("no such file in seeds/")
    except (OSError, RuntimeError) as error:  # name too long, symlink loop
        return Message("cannot check this file: {reason}",
                       reason=getattr(error, "strerror", None) or str(error))
    return None
