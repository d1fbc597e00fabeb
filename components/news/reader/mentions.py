"""Places named in a text: every written form of every known place, homonyms told apart.

A name several places share (Kota/Kabupaten Tangerang; Suzhou in Anhui or Jiangsu) is resolved
by its own level word, by a containing place named right after it ("Suzhou in Anhui"), then by
how the rest of the article names it. A bare name of a place the dataset does not know yet
counts only when the article also names it with its level word or names a division containing it
(a county called "Youhao" is not found in every "友好").
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from components.names import CJK_CLASS, marked_level, strip_prefix
from components.news.excerpts import fold_text
from components.news.reader.cues import (
    LEVEL_AFTER,
    LEVEL_BEFORE,
    NEGATION,
    ZH_LEVEL_CHARS,
)
from components.news.reader.places import Place, PlaceIndex

_LATIN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
_GAP = re.compile(r"[\s.\-]+")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
MUNICIPALITIES = {"CN:110000", "CN:120000", "CN:310000", "CN:500000"}  # Beijing, Shanghai...
LEVEL_ORDER = ("province", "city", "regency", "county", "district")
# Which places a level word allows, per country (Chinese county-level cities are "kota").
ALLOWED = {
    "ID": {"city": {"city"}, "regency": {"regency"}, "province": {"province"},
           "county": set(), "district": set()},
    "CN": {"city": {"city", "county", "district"}, "regency": {"county", "district"},
           "county": {"county"}, "district": {"district"}, "province": {"province"}},
}


@dataclass(frozen=True)
class Mention:
    """One place name in a text: where, how it was written, and the place it names."""

    start: int
    end: int
    text: str
    level: str  # the level its own or neighbouring level word states, or ""
    marked: bool  # written with a level word
    negated: bool  # "not to be confused with ...", "而非 ..."
    place: Place


def find_mentions(text: str, index: PlaceIndex) -> list[Mention]:
    """Every place name of a text, in order, each resolved to one place (or left out)."""
    raw = sorted(_latin_matches(text, index) + _cjk_matches(text, index), key=lambda m: m[0])
    first = [(s, e, form, level, kept) for s, e, form, level, found in raw
             if (kept := _by_level(found, level, index))]
    starts = [item[0] for item in first]
    local = [_local_choice(item, first, starts) for item in first]
    votes = _votes(text, first, local)
    mentions = []
    for item, chosen in zip(first, local):
        start, end, _form, level, candidates = item
        place = chosen or _voted(candidates, votes)
        if place is not None:
            mentions.append(Mention(start, end, text[start:end], level, bool(level),
                                    _negated(text, start), place))
    return _corroborated(mentions, index)


def _latin_matches(text: str, index: PlaceIndex) -> list[tuple]:
    """(start, end, form, level, candidates) of Latin-script names, longest first at a word."""
    folded = fold_text(text)
    tokens = list(_LATIN_TOKEN.finditer(folded.folded))
    words = [token.group() for token in tokens]
    joined = [bool(_GAP.fullmatch(folded.folded[a.end():b.start()]))
              for a, b in itertools.pairwise(tokens)]  # one name may run across this gap
    found, skip_to = [], 0
    for i, token in enumerate(tokens):
        if token.start() < skip_to or words[i] not in index.first_words:
            continue
        longest = min(index.longest_latin, len(tokens) - i)
        for n in range(longest, 0, -1):
            if not all(joined[i:i + n - 1]):
                continue
            window = tokens[i:i + n]
            form = " ".join(words[i:i + n])
            candidates = index.forms.get(form)
            start, end = folded.span(window[0].start(), window[-1].end())
            if candidates and _capitalised(text[start:end]):
                level = marked_level(text[start:end]) or _context_level(folded.folded, window)
                found.append((start, end, form, level, candidates))
                skip_to = window[-1].end()
                break
    return found


def _capitalised(written: str) -> bool:
    """A name is written with a capital (or in capitals): "serang" (to attack) is a word."""
    words = [w for w in re.findall(r"[^\W\d_]+", written) if w.casefold() not in LEVEL_BEFORE]
    return bool(words) and words[0][0].isupper()


def _context_level(folded: str, window) -> str:
    """The level word just before ("Wali Kota X") or just after ("X City") a bare name."""
    before = folded[max(0, window[0].start() - 20):window[0].start()]
    after = folded[window[-1].end():window[-1].end() + 14]
    for word, level in LEVEL_BEFORE.items():
        if re.search(rf"(?<!\w){re.escape(word)}\s+$", before):
            return level if not before.rstrip().endswith("ibu kota") else ""
    for word, level in LEVEL_AFTER.items():
        if re.match(rf"\s+{re.escape(word)}(?!\w)", after):
            return level
    return ""


def _cjk_matches(text: str, index: PlaceIndex) -> list[tuple]:
    """(start, end, form, level, candidates) of names in characters, longest first."""
    found = []
    for run in _CJK_RUN.finditer(text):
        i, chars = run.start(), run.group()
        while i < run.end():
            offset = i - run.start()
            for size in range(min(index.longest_cjk, len(chars) - offset), 1, -1):
                form = chars[offset:offset + size]
                if form in index.forms:
                    suffix = text[i + size:i + size + 1]
                    level = marked_level(form) or ZH_LEVEL_CHARS.get(suffix, "")
                    found.append((i, i + size, form, level, index.forms[form]))
                    i += size - 1
                    break
            i += 1
    return found


def _by_level(candidates: list[Place], level: str, index: PlaceIndex) -> list[Place]:
    """The places a level word allows ("Kabupaten Nanjing" is the county, not the city).

    An Indonesian city's name in characters followed by 县 names the regency of that name.
    """
    if not level:
        return list(candidates)
    kept = [p for p in candidates if p.level in ALLOWED[p.country].get(level, {level})
            or (level == "city" and p.key in MUNICIPALITIES)]
    if level == "county" and not kept:
        kept = [r for p in candidates if p.country == "ID" for r in index.lookup(
            "Kabupaten " + strip_prefix(p.name)) if r.province == p.province]
    return kept


def _local_choice(item: tuple, items: list[tuple], starts: list[int]) -> Place | None:
    """One place from the name itself, or from a containing place named right after it."""
    _start, end, _, _, candidates = item
    if len(candidates) == 1:
        return candidates[0]
    following = [items[n][4] for n in range(bisect_left(starts, end),
                                            bisect_right(starts, end + 40))]
    for later in following:
        keys = {p.key for p in later} | {p.province for p in later if p.level == "province"}
        near = [p for p in candidates if p.parent in keys or p.province in keys]
        if len(near) == 1:
            return near[0]
    return None


def _votes(text: str, items: list[tuple], local: list[Place | None]) -> dict[str, int]:
    """How often the article names each place unambiguously (not in a contrast)."""
    votes: dict[str, int] = {}
    for (start, *_), place in zip(items, local):
        if place is not None and not _negated(text, start):
            votes[place.key] = votes.get(place.key, 0) + 1
    for _, _, _, _, candidates in items:
        for place in candidates:  # a province named anywhere backs the places inside it
            if place.level == "province" and len(candidates) == 1:
                votes[f"province:{place.country}:{place.province}"] = 1
    return votes


def _voted(candidates: list[Place], votes: dict[str, int]) -> Place | None:
    """The candidate the article backs most; then a dataset place; then the higher level."""
    def rank(place: Place) -> tuple:
        return (votes.get(place.key, 0),
                votes.get(f"province:{place.country}:{place.province}", 0),
                place.known, -LEVEL_ORDER.index(place.level))
    ranked = sorted(candidates, key=rank, reverse=True)
    if len(ranked) > 1 and rank(ranked[0]) == rank(ranked[1]):
        return None  # nothing tells them apart: better no place than a guess
    return ranked[0]


def _negated(text: str, start: int) -> bool:
    """Whether a name follows a contrast ("not to be confused with", "bukan", "而非")."""
    before = text[max(0, start - 60):start]
    before = re.split(r"[.!?。；;]", before)[-1]
    return bool(NEGATION.search(before.casefold()))


def _corroborated(mentions: list[Mention], index: PlaceIndex) -> list[Mention]:
    """Bare names of places new to the dataset only with a level word or a containing place."""
    keys = {m.place.key for m in mentions}
    marked = {m.place.key for m in mentions if m.marked}
    kept = []
    for mention in mentions:
        place = mention.place
        ancestors = {a.key for a in index.ancestors(place)}
        if (place.known or place.level == "province" or place.key in marked
                or ancestors & keys):
            kept.append(mention)
    return kept
