"""Which sources are lists or secondary mentions, and which rows should cite a primary report.

The rule (documented in data/README.md, "Kinds of source"), decided here once: a source is a
list or secondary mention when it is a `seeds/` file (a round-up article), or a URL whose host,
after dropping a leading `www.` or `m.`, is or ends with `.` + one of `SECONDARY_DOMAINS`, or
whose first host label contains `wiki` (Wikipedia mirrors). Every other URL is a primary report.
A `confirmed` row citing no primary report gets a warning: `validate` says so, but the row is
valid and the exit status does not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from components.dataset.checks import url_host
from components.models import Message, Partnership, Problem

SEEDS_PREFIX = "seeds/"
SECONDARY_DOMAINS = (
    "wikipedia.org", "wikidata.org", "github.com", "studylibid.com", "scribd.com", "adoc.pub",
    "fx361.com", "blogspot.com", "skyscrapercity.com",
)
_DROPPED_PREFIXES = ("www.", "m.")


def host_of(source: str) -> str:
    """The URL's host in lower case without a leading `www.` or `m.`; "" when there is none."""
    try:
        host = url_host(source)
    except ValueError:
        return ""
    for prefix in _DROPPED_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def is_secondary(source: str) -> bool:
    """Whether a source is a list or a secondary mention rather than a primary report."""
    if source.startswith(SEEDS_PREFIX):
        return True
    host = host_of(source)
    if not host:
        return False
    if any(host == domain or host.endswith("." + domain) for domain in SECONDARY_DOMAINS):
        return True
    return "wiki" in host.split(".")[0]


def secondary_only_warnings(partnerships: Iterable[Partnership]) -> tuple[Problem, ...]:
    """A warning for each confirmed row whose every source is a list or secondary mention."""
    return tuple(
        Problem.of(p.line, "sources", " ; ".join(p.sources), Message(
            "confirmed, but every source is a list or secondary mention; cite a primary report "
            "or mark the row reported"))
        for p in partnerships
        if p.confidence == "confirmed" and p.sources and all(map(is_secondary, p.sources)))
