"""The candidate finder: partnerships an article reports that the dataset does not have yet.

A candidate is a sentence naming an Indonesian and a Chinese place of the gazetteer together
with a partnership cue (kota kembar, sister city, LoI, MoU, nota kesepahaman, kerja sama...).
It comes out as a row in the dataset's format, its date read from the text and resolved
against the article's date ("Juni lalu" in an article of 2025-09 is 2025-06).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Protocol

from components.news.articles import Article, Sentence
from components.news.excerpts import FoldedText, Mention, fold_text, side_mentions
from components.models import Partnership, PlaceRef
from components.i18n.vocabulary import FIELD_TAGS
from components.names import fold, strip_prefix
from components.dataset.partnerships import pair_keys
from components.news.textdates import resolve_date


class PlaceIndex(Protocol):
    """What the finder needs from the gazetteer: its entries and a lookup for dataset rows."""

    entries: tuple

    def find(self, ref: PlaceRef): ...


@dataclass(frozen=True)
class Candidate:
    """A partnership found in the articles and missing from the dataset, with its evidence."""

    partnership: Partnership  # a row in the dataset's format
    sentences: tuple[str, ...]  # the sentences it was found in, best first
    articles: tuple[str, ...]  # their `seeds/` names


@dataclass(frozen=True)
class Evidence:
    """One sentence's claim about one pair."""

    id_entry: object
    cn_entry: object
    article: Article
    sentence: Sentence
    stage: str
    date: str
    precision: int  # 0 none, 1 year, 2 month, 3 day
    fields: tuple[str, ...]


MOU = re.compile(r"(?<!\w)(?:mou|memorandum of understanding|memorandum saling pengertian"
                 r"|nota kesepahaman|nota kesepakatan)(?!\w)")
LOI = re.compile(r"(?<!\w)(?:loi|letter of intent|pernyataan kehendak|surat minat)(?!\w)")
TWIN = re.compile(r"(?<!\w)(?:(?:kota|provinsi|kabupaten|daerah) (?:kembar|bersaudara)"
                  r"|sister (?:city|cities|province|provinces)|twin (?:city|cities|town)"
                  r"|friendship cit(?:y|ies))(?!\w)|友好城市|友好省|友城")
ESTABLISHED = re.compile(r"(?<!\w)(?:resmi|diresmikan|meresmikan|menjalin|terjalin|telah|sudah"
                         r"|berlangsung|memiliki|agreement|established|perjanjian)(?!\w)")
CUE = re.compile(MOU.pattern + "|" + LOI.pattern + "|" + TWIN.pattern + r"|(?<!\w)(?:"
                 r"penandatanganan|menandatangani|ditandatangani|kerja ?sama|kemitraan"
                 r"|cooperation|partnership)(?!\w)")
FIELDS = re.compile(r"(?<!\w)(?:mencakup|meliputi|di bidang|dalam bidang|antara lain|include|cover)"
                    r"\w*\s+(.+)$", re.DOTALL)
EVIDENCE_RANK = {"mou": 3, "loi": 2, "agreement": 1, "exploration": 0}  # a named instrument first
PREFERRED_LEVELS = ("city", "regency", "province", "county", "district")


def stage_of(folded: str) -> str:
    """The stage a (folded) sentence's cue states."""
    if MOU.search(folded):
        return "mou"
    if LOI.search(folded):
        return "loi"
    if TWIN.search(folded) and ESTABLISHED.search(folded):
        return "agreement"
    return "exploration"


# --- places in a sentence ---------------------------------------------------------------------

@lru_cache(maxsize=8192)
def entry_aliases(entry) -> tuple[str, ...]:
    """Every name form of a gazetteer entry: official, bare, English, characters, aliases."""
    forms = [entry.name, entry.name_en, entry.name_zh, *_alias_list(entry.aliases)]
    return tuple(sorted({f for form in forms if form for f in (form, strip_prefix(form))
                         if len(f.strip()) >= 2}))


def _alias_list(aliases: str | Iterable[str]) -> list[str]:
    """Aliases as the entry gives them: a tuple, or a `;`-separated string."""
    return aliases.split(";") if isinstance(aliases, str) else list(aliases)


def place_mentions(text: FoldedText, entries: Iterable) -> list[tuple[Mention, object]]:
    """The gazetteer places a text names: nested names and ambiguous ones resolved."""
    found = [(mention, entry) for entry in entries
             for mention in side_mentions(text, entry_aliases(entry), entry.country, entry.level)]
    spans = {(m.start, m.end) for m, _ in found}
    found = [(m, e) for m, e in found if not any(
        s <= m.start and m.end <= t and (s, t) != (m.start, m.end) for s, t in spans)]
    by_span: dict[tuple[int, int], list] = {}
    for mention, entry in found:
        by_span.setdefault((mention.start, mention.end), []).append((mention, entry))
    resolved = [_disambiguate(group, found) for group in by_span.values()]
    return sorted((pair for pair in resolved if pair), key=lambda pair: pair[0].start)


def _disambiguate(group: list, found: list) -> tuple[Mention, object] | None:
    """One entry for a name several places share (Tangerang, Nanjing), or None if unclear.

    Preferred in turn: a place the article names with its level word somewhere, a place
    whose province the article names, then the usual reading of a bare name (the city).
    """
    if len({id(entry) for _, entry in group}) == 1:
        return group[0]
    qualified = {id(e) for m, e in found if m.qualifier}
    provinces = {(e.country, e.province) for _, e in found if e.level == "province"}
    tests = (lambda e: id(e) in qualified, lambda e: (e.country, e.province) in provinces)
    for test in tests:
        kept = [pair for pair in group if test(pair[1])]
        if len(kept) == 1:
            return kept[0]
        group = kept or group
    for level in PREFERRED_LEVELS:
        kept = [pair for pair in group if pair[1].level == level]
        if kept:
            return kept[0] if len(kept) == 1 else None
    return None


def sentence_pairs(mentions: list[tuple[Mention, object]]) -> list[tuple[object, object]]:
    """The (Indonesian, Chinese) pairs a sentence states, from its place mentions in order."""
    places = _without_containing_provinces(mentions)
    ids = [e for e in places if e.country == "ID"]
    cns = [e for e in places if e.country == "CN"]
    if not ids or not cns:
        return []
    if len(ids) == 1 or len(cns) == 1:
        return [(i, c) for i in ids for c in cns]
    countries = [e.country for e in places]
    if len(ids) == len(cns) and all(a != b for a, b in zip(countries, countries[1:])):
        pairs = zip(places[::2], places[1::2])  # "A dan B serta C dan D"
        return [(a, b) if a.country == "ID" else (b, a) for a, b in pairs]
    return []  # several on each side, not in pairs: too unclear to propose


def _without_containing_provinces(mentions: list[tuple[Mention, object]]) -> list:
    """Distinct places in order of mention, without "Provinsi Banten" in "Kota Serang di Banten"."""
    places = list({id(entry): entry for _, entry in mentions}.values())
    inner = {(e.country, e.province) for e in places if e.level != "province"}
    return [e for e in places if e.level != "province" or (e.country, e.province) not in inner]


# --- the finder -------------------------------------------------------------------------------

def find_candidates(articles: Iterable[Article], dataset_partnerships: Iterable[Partnership],
                    gazetteer: PlaceIndex) -> list[Candidate]:
    """The partnerships the articles report that the dataset lacks, one per pair of places."""
    dataset_partnerships = tuple(dataset_partnerships)
    known = _known_keys(dataset_partnerships, gazetteer)
    taken = {p.id for p in dataset_partnerships}
    evidence: dict[tuple, list[Evidence]] = {}
    for article in articles:
        for item in article_evidence(article, gazetteer.entries):
            evidence.setdefault((id(item.id_entry), id(item.cn_entry)), []).append(item)
    candidates = []
    for items in evidence.values():
        candidate = _candidate(items, taken)
        if not known & set(pair_keys(candidate.partnership)):
            candidates.append(candidate)
            taken.add(candidate.partnership.id)
    return candidates


def article_evidence(article: Article, entries: Iterable) -> list[Evidence]:
    """Every (pair, sentence) of an article that names both places with a partnership cue."""
    mentions = place_mentions(fold_text(article.text), entries)
    found = []
    for index, sentence in enumerate(article.sentences):
        inside = [(m, e) for m, e in mentions if sentence.start <= m.start < sentence.end]
        folded = fold_text(sentence.text).folded
        if not inside or not CUE.search(folded):
            continue
        date, precision = resolve_date(folded, article.date)
        fields = _fields(article.sentences, index)
        for id_entry, cn_entry in sentence_pairs(inside):
            found.append(Evidence(id_entry, cn_entry, article, sentence, stage_of(folded),
                                  date, precision, fields))
    return found


def _fields(sentences: tuple[Sentence, ...], index: int) -> tuple[str, ...]:
    """The field tags of a list after "mencakup"/"meliputi" in the sentence or the next one."""
    for sentence in sentences[index:index + 2]:
        if sentence.paragraph != sentences[index].paragraph:
            break
        match = FIELDS.search(fold_text(sentence.text).folded)
        if match:
            listed = match.group(1).replace("ekonomi kreatif", "creative-economy")
            found = sorted((m.start(), tag) for tag, words in FIELD_TAGS
                           if (m := words.search(listed)))
            return tuple(tag for _, tag in found)
    return ()


def _candidate(items: list[Evidence], taken: set[str]) -> Candidate:
    """One pair's candidate row, from its best sentence (a named instrument, a precise date)."""
    items = sorted(items, key=lambda e: (-EVIDENCE_RANK[e.stage], -e.precision))
    best = items[0]
    sources = tuple(dict.fromkeys(item.article.source for item in items))
    row = Partnership(
        id=_free_id(_slug_id(best.id_entry, best.cn_entry), taken),
        id_name=best.id_entry.name, id_level=best.id_entry.level,
        id_province=best.id_entry.province, cn_name=best.cn_entry.name,
        cn_name_zh=best.cn_entry.name_zh, cn_level=best.cn_entry.level,
        cn_province=best.cn_entry.province, stage=best.stage, date=best.date, sources=sources,
        fields=next((item.fields for item in items if item.fields), ()), confidence="reported",
        notes=f"Found by the candidate finder in {', '.join(sources)}; check before adding.")
    sentences = tuple(dict.fromkeys(" ".join(item.sentence.text.split()) for item in items))
    return Candidate(row, sentences, sources)


def _slug_id(id_entry, cn_entry) -> str:
    """The agreed id: `<city>-<cn>`, `kab-<regency>-<cn>`, `<province>-<cnprovince>`."""
    indonesian = fold(strip_prefix(id_entry.name)).replace(" ", "-")
    chinese = fold(strip_prefix(cn_entry.name or cn_entry.name_en)).replace(" ", "-")
    prefix = "kab-" if id_entry.level == "regency" else ""
    return f"{prefix}{indonesian}-{chinese}"


def _free_id(wanted: str, taken: set[str]) -> str:
    """wanted, or wanted-2, wanted-3... when the dataset already uses it."""
    number, candidate = 1, wanted
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _known_keys(partnerships: Iterable[Partnership], gazetteer: PlaceIndex) -> set[tuple]:
    """The pair keys of the dataset's rows, as written and as the gazetteer names them."""
    keys: set[tuple] = set()
    for p in partnerships:
        keys.update(pair_keys(p))
        id_entry, cn_entry = gazetteer.find(p.id_place), gazetteer.find(p.cn_place)
        if id_entry is not None and cn_entry is not None:
            keys.update(pair_keys(Partnership(
                "", id_entry.name, id_entry.level, id_entry.province, cn_entry.name,
                cn_entry.name_zh, cn_entry.level, cn_entry.province, p.stage)))
    return keys
