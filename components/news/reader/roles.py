"""What each place named in an article is: a party, or only the dateline, an office's seat, the
venue, a containing place, a witness's seat or a place named in contrast.

Only parties (and officials acting for them: "Wali Kota Batam", "Shanghai Mayor") can be
partners; the other roles are kept with the mention so the reasons can say why a place was left.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from components.news.reader.cues import (
    CAPITAL_OF,
    DATELINE,
    OFFICE,
    VENUE_BEFORE,
    VENUE_LEADING,
    WITNESS,
)
from components.news.reader.mentions import Mention
from components.news.reader.places import PlaceIndex

PARTY, OFFICIAL = "party", "official"
DATELINE_ROLE, OFFICE_ROLE, VENUE, CONTAINING = "dateline", "office-seat", "venue", "containing"
WITNESS_ROLE, CONTRAST = "witness", "contrast"
PARTY_ROLES = (PARTY, OFFICIAL)
_TITLE_BEFORE = re.compile(r"(?<!\w)(?:wakil )?(?:wali ?kota|bupati|gubernur|mayor|governor"
                           r"|vice-mayor|regent|party secretary)\s+(?:of\s+(?:the\s+)?)?$")
_TITLE_AFTER = re.compile(r"^\s*(?:(?:vice-)?mayor|governor|party secretary|regent)(?!\w)"
                          r"|^(?:市长|副市长|省长|副省长|县长|区长|书记|市委|省委|州长|党委)")
_LEVEL_TAIL = re.compile(r"(?<!\w)(?:the )?(?:kota|kabupaten|kab\.?|provinsi|daerah otonom"
                         r"|city of|province of|prefecture of)\s*$")
_WINDOW = 160  # how far before a name its role words are looked for
_CLAUSE_END = re.compile(r"[,;:，；。.!?]")


@dataclass(frozen=True)
class Role:
    """A mention with the role it plays in its sentence."""

    mention: Mention
    role: str
    sentence: int  # index in the article's sentences


def assign_roles(text: str, mentions: list[Mention], bounds: list[tuple[int, int]],
                 index: PlaceIndex) -> list[Role]:
    """The role of every mention; bounds are the (start, end) of each sentence in text."""
    dateline = DATELINE.match(text[:200])
    starts = [start for start, _ in bounds]
    sentence_of = [max(0, bisect_right(starts, m.start) - 1) for m in mentions]
    base = []
    for number, mention in enumerate(mentions):
        start = near = max(bounds[sentence_of[number]][0], mention.start - _WINDOW)
        if number and sentence_of[number - 1] == sentence_of[number]:
            near = max(near, mentions[number - 1].end)  # "di Harbin, Jawa Barat": two places
        words = (text[start:mention.start], text[near:mention.start],
                 text[mention.end:mention.end + 20])
        base.append(_role(mention, words, dateline))
    inner = _contained(mentions, base, sentence_of, index)
    return [Role(mention, CONTAINING if role in PARTY_ROLES
                 and (sentence_of[n], mention.place.key) in inner else role, sentence_of[n])
            for n, (mention, role) in enumerate(zip(mentions, base))]


def _role(mention: Mention, words: tuple[str, str, str], dateline: re.Match | None) -> str:
    """The role one mention's own words give it: words are the passage before it, the text
    since the previous place, and the text after it."""
    passage, before, after = words
    if dateline and mention.end <= dateline.end(1) and mention.start >= dateline.start(1):
        return DATELINE_ROLE
    if mention.negated:
        return CONTRAST
    if OFFICE.search(passage.casefold()[-90:]):
        return OFFICE_ROLE
    folded = before.casefold()
    clause = _CLAUSE_END.split(passage.casefold())[-1]
    if WITNESS.search(clause):
        return WITNESS_ROLE
    bare = _LEVEL_TAIL.sub("", folded[-40:])  # "di bawah Kota Yichang": the words before "Kota"
    if (VENUE_BEFORE.search(bare) or VENUE_BEFORE.search(folded[-30:])
            or VENUE_LEADING.search(before[-80:])):
        return VENUE
    if CAPITAL_OF.match(after) is None and (_TITLE_BEFORE.search(folded[-40:])
                                            or _TITLE_AFTER.match(after.casefold())):
        return OFFICIAL
    return PARTY


def _contained(mentions: list[Mention], base: list[str], sentence_of: list[int],
               index: PlaceIndex) -> set[tuple[int, str]]:
    """(sentence, place key) of every place containing a party named in that same sentence
    (Fujian and Zhangzhou around "Kabupaten Nanjing")."""
    return {(where, ancestor.key) for mention, role, where in zip(mentions, base, sentence_of)
            if role in PARTY_ROLES for ancestor in index.ancestors(mention.place)}


def is_party(role: Role) -> bool:
    """Whether a mention can make its place a partner."""
    return role.role in PARTY_ROLES
