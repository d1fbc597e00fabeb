"""What each place named in an article is: a party, or only the dateline, an office's seat, the
venue, a containing place, a witness's seat or a place named in contrast.

Only parties (and officials acting for them: "Wali Kota Batam", "Shanghai Mayor") can be
partners; the other roles are kept with the mention so the reasons can say why a place was left.
"""

from __future__ import annotations

import re
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
    dateline = DATELINE.match(text)
    sentence_of = [_sentence(m.start, bounds) for m in mentions]
    base = []
    for number, mention in enumerate(mentions):
        start = near = bounds[sentence_of[number]][0]
        if number and sentence_of[number - 1] == sentence_of[number]:
            near = mentions[number - 1].end  # "di Harbin, Jawa Barat ...": not one venue
        words = (text[start:mention.start], text[near:mention.start],
                 text[mention.end:mention.end + 20])
        base.append(_role(mention, words, dateline))
    return [Role(mention, CONTAINING if role in PARTY_ROLES and _contains_other(
                number, mentions, base, sentence_of, index) else role, sentence_of[number])
            for number, (mention, role) in enumerate(zip(mentions, base))]


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


def _contains_other(number: int, mentions: list[Mention], base: list[str],
                    sentence_of: list[int], index: PlaceIndex) -> bool:
    """Whether a place contains another party named in the same sentence (Fujian, Zhangzhou)."""
    place = mentions[number].place
    for other, role, where in zip(mentions, base, sentence_of):
        if (where == sentence_of[number] and role in PARTY_ROLES
                and other.place.key != place.key
                and any(a.key == place.key for a in index.ancestors(other.place))):
            return True
    return False


def _sentence(offset: int, bounds: list[tuple[int, int]]) -> int:
    for number, (start, end) in enumerate(bounds):
        if start <= offset < end:
            return number
    return max(0, len(bounds) - 1)


def is_party(role: Role) -> bool:
    """Whether a mention can make its place a partner."""
    return role.role in PARTY_ROLES
