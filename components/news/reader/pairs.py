"""Who agreed with whom in one article: pairs of parties, each with its stage, date, evidence,
confidence and reasons.

A pair comes from a passage (a sentence, or one side of a ";") that names an Indonesian and a
Chinese party together with a partnership cue, or from a passage that reports a signed
instrument with one party while the article's main party on the other side is clear ("Aher
signed a similar MoU with the Governor of Sichuan").
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from components.news.reader.cues import ANAPHORA
from components.news.reader.places import Place, PlaceIndex
from components.news.reader.roles import Role, is_party
from components.news.reader.stage import RANK, StageRead, sentence_stage
from components.news.reader.when import DateRead, best_date

MAX_SIDE = 6  # more places than this on one side of one passage: a list, not pairs
_SEGMENT = re.compile(r"[;；。！？]")


@dataclass(frozen=True)
class Passage:
    """A sentence or a part of one between semicolons, with what the reader made of it."""

    sentence: int
    start: int  # offsets in the article's text
    end: int
    stage: StageRead | None
    date: DateRead | None
    parties: tuple[Role, ...]
    named: frozenset  # keys of every place it names (any role but contrast)
    anaphoric: bool = False  # refers back to a pair ("the memorandum", "kedua provinsi")


@dataclass(frozen=True)
class PairEvidence:
    """Why one pair was proposed: the passages that name it, and those one-sided."""

    id_place: Place
    cn_place: Place
    direct: tuple[int, ...]  # passages naming both
    one_sided: tuple[int, ...]  # passages naming one, with a signed instrument


def passage_bounds(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(sentence, start, end) of every sentence cut at semicolons and Chinese full stops."""
    found = []
    for number, (start, end) in enumerate(bounds):
        cuts = [start] + [start + m.end() for m in _SEGMENT.finditer(text[start:end])
                          if start + m.end() < end] + [end]
        found += [(number, a, b) for a, b in itertools.pairwise(cuts)]
    return found


def build_passages(text: str, cuts: list[tuple[int, int, int]], roles: list[Role],
                   article_date: str, language: str = "") -> list[Passage]:
    """Every passage with its stage (read with the language's cues), its date and parties."""
    passages, year = [], 0
    starts = [r.mention.start for r in roles]  # roles come in text order
    for number, a, b in cuts:
        inside = roles[bisect_left(starts, a):bisect_left(starts, b)]
        date = best_date(text[a:b], article_date, year)
        year = int(date.iso[:4]) if date else year
        passages.append(Passage(number, a, b, sentence_stage(text[a:b], language), date,
                                tuple(r for r in inside if is_party(r)),
                                frozenset(r.mention.place.key for r in inside
                                          if r.role != "contrast"),
                                bool(ANAPHORA.search(text[a:b].casefold()))))
    return passages


def main_parties(roles: list[Role], index: PlaceIndex) -> dict[str, Place | None]:
    """Per country, the party the article names most often (None when two tie).

    A dateline or venue counts a quarter (the article is often about its own town); a place
    containing another party does not count: East Java is not the subject next to Malang.
    """
    found = {}
    parties = {r.mention.place.key for r in roles if is_party(r)}
    outer = {a.key for r in roles if r.mention.place.key in parties
             for a in index.ancestors(r.mention.place)}
    weights = {"party": 1.0, "official": 1.0, "dateline": 0.25, "venue": 0.25}
    for country in ("ID", "CN"):
        counts: Counter = Counter()
        for r in roles:
            place = r.mention.place
            if place.country == country and place.key not in outer and place.key in parties:
                counts[place.key] += weights.get(r.role, 0.0)
        places = {r.mention.place.key: r.mention.place for r in roles}
        ranked = counts.most_common(2)
        clear = ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
        found[country] = places[ranked[0][0]] if clear else None
    return found


def find_pairs(passages: list[Passage], mains: dict[str, Place | None]) -> list[PairEvidence]:
    """The pairs the passages state, in order of first mention."""
    direct: dict[tuple, list[int]] = {}
    one_sided: dict[tuple, list[int]] = {}
    places: dict[str, Place] = {}
    for number, passage in enumerate(passages):
        if passage.stage is None:
            continue
        ids = _distinct(passage.parties, "ID")
        cns = _distinct(passage.parties, "CN")
        if len(ids) > MAX_SIDE or len(cns) > MAX_SIDE:
            continue  # a list of places, not a statement about a pair
        places.update({p.key: p for p in ids + cns})
        for i, c in pair_up(ids, cns, passage.parties):
            direct.setdefault((i.key, c.key), []).append(number)
        if bool(ids) != bool(cns) and passage.stage.instrument and passage.stage.stage != \
                "exploration":
            other = mains["CN" if ids else "ID"]
            for own in (ids or cns):
                if other is not None and len(ids or cns) == 1:
                    i, c = (own, other) if ids else (other, own)
                    places.update({i.key: i, c.key: c})
                    one_sided.setdefault((i.key, c.key), []).append(number)
    keys = list(dict.fromkeys([*direct, *one_sided]))
    return [PairEvidence(places[i], places[c], tuple(direct.get((i, c), ())),
                         tuple(one_sided.get((i, c), ()))) for i, c in keys]


def drop_context_pairs(pairs: list[PairEvidence], passages: list[Passage],
                       index: PlaceIndex) -> list[PairEvidence]:
    """Without pairs of places that only contain another pair's places (Bali for Badung,
    Jiangxi for Nanchang), unless a passage names both with an instrument of their own."""
    def within(outer: Place, inner: Place) -> bool:
        return outer.key == inner.key or any(a.key == outer.key for a in index.ancestors(inner))

    kept = []
    for pair in pairs:
        covers = any(other is not pair and within(pair.id_place, other.id_place)
                     and within(pair.cn_place, other.cn_place) for other in pairs)
        own = any(passages[n].stage.instrument and passages[n].stage.stage != "exploration"
                  for n in pair.direct)
        if not covers or own:
            kept.append(pair)
    return kept


def _distinct(parties: tuple[Role, ...], country: str) -> list[Place]:
    found = {r.mention.place.key: r.mention.place for r in parties
             if r.mention.place.country == country}
    return list(found.values())


def pair_up(ids: list[Place], cns: list[Place], parties: tuple[Role, ...]) -> list[tuple]:
    """The (Indonesian, Chinese) pairs of one passage's parties."""
    if not ids or not cns:
        return []
    combos = [(i, c) for i in ids for c in cns]
    matched = [(i, c) for i, c in combos if (i.level == "province") == (c.level == "province")]
    if len(ids) == 1 or len(cns) == 1:
        return matched or combos
    order = list(dict.fromkeys(r.mention.place.key for r in parties))
    countries = [r.mention.place.country for r in
                 {r.mention.place.key: r for r in parties}.values()]
    if len(ids) == len(cns) and all(a != b for a, b in itertools.pairwise(countries)):
        by_key = {p.key: p for p in ids + cns}
        pairs = zip(order[::2], order[1::2])
        return [(by_key[a], by_key[b]) if by_key[a].country == "ID" else (by_key[b], by_key[a])
                for a, b in pairs]
    return []  # several on each side, not in pairs: too unclear to propose


def context(pair: PairEvidence, passages: list[Passage],
            others: list[PairEvidence]) -> list[int]:
    """The passages that speak of this pair: its own, those naming one of its places without
    another pair's place, and those naming no party but referring back ("the memorandum")."""
    own = {pair.id_place.key, pair.cn_place.key}
    foreign = {p.key for o in others for p in (o.id_place, o.cn_place)} - own
    found = []
    for number, passage in enumerate(passages):
        if number in pair.direct or number in pair.one_sided or passage.named & own and not passage.named & foreign or not passage.parties and not passage.named & foreign and passage.anaphoric:
            found.append(number)
    return found


def deciding(pair: PairEvidence, passages: list[Passage], numbers: list[int]) -> int | None:
    """The passage that sets the stage: the highest stage, a named instrument, its own, first."""
    staged = [n for n in numbers if passages[n].stage is not None]
    if not staged:
        return None

    def rank(n: int) -> tuple:
        passage = passages[n]
        return (RANK[passage.stage.stage], passage.stage.instrument,
                n in pair.direct or n in pair.one_sided, -n)
    return max(staged, key=rank)
