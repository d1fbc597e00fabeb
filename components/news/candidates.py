"""The candidate finder: partnerships the articles report, as rows in the dataset's format.

The reading itself (places, roles, stage, dates, confidence) is components/news/reader; this
module turns its findings into dataset rows, merges the same pair found in several articles,
and tells the pairs the dataset lacks from those it already has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from components.dataset.partnerships import pair_keys
from components.i18n.vocabulary import FIELD_TAGS
from components.models import Partnership
from components.names import fold, strip_prefix
from components.news.articles import Article, Sentence
from components.news.excerpts import fold_text
from components.news.reader.article import Finding, read_article
from components.news.reader.places import PlaceIndex, load_places
from components.news.reader.stage import sentence_stage
from components.places.gazetteer import Gazetteer


@dataclass(frozen=True)
class Candidate:
    """A partnership found in the articles, with its evidence, confidence and reasons."""

    partnership: Partnership  # a row in the dataset's format
    sentences: tuple[str, ...]  # the evidence passages, the deciding one first
    articles: tuple[str, ...]  # their `seeds/` names
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    findings: tuple[tuple[Article, Finding], ...] = ()  # where it was read, for highlighting


FIELDS = re.compile(r"(?<!\w)(?:mencakup|meliputi|di bidang|dalam bidang|antara lain|include|cover)"
                    r"\w*\s+(.+)$", re.DOTALL)


def stage_of(folded: str) -> str:
    """The stage a sentence's cue states (exploration when it states none)."""
    read = sentence_stage(folded)
    return read.stage if read else "exploration"


def find_candidates(articles: Iterable[Article], dataset_partnerships: Iterable[Partnership],
                    gazetteer: Gazetteer, index: PlaceIndex | None = None) -> list[Candidate]:
    """The partnerships the articles report that the dataset lacks, one per pair of places."""
    return split_candidates(articles, dataset_partnerships, gazetteer, index)[0]


def split_candidates(articles: Iterable[Article], dataset_partnerships: Iterable[Partnership],
                     gazetteer: Gazetteer, index: PlaceIndex | None = None
                     ) -> tuple[list[Candidate], list[Candidate]]:
    """(the pairs the dataset lacks, the pairs it already has) that the articles report."""
    dataset_partnerships = tuple(dataset_partnerships)
    index = index or load_places(gazetteer)
    known = _known_keys(dataset_partnerships, gazetteer)
    taken = {p.id for p in dataset_partnerships}
    found: dict[tuple[str, str], list[tuple[Article, Finding]]] = {}
    for article in articles:
        for finding in read_article(article, index).findings:
            key = (finding.id_place.key, finding.cn_place.key)
            found.setdefault(key, []).append((article, finding))
    new, old = [], []
    for items in found.values():
        candidate = _candidate(items, taken)
        if known & set(pair_keys(candidate.partnership)):
            old.append(candidate)
        else:
            new.append(candidate)
            taken.add(candidate.partnership.id)
    return new, old


def _candidate(items: list[tuple[Article, Finding]], taken: set[str]) -> Candidate:
    """One pair's row from its most confident finding; sources from every article."""
    items = sorted(items, key=lambda item: (-item[1].confidence, -len(item[1].date)))
    _article, best = items[0]
    sources = tuple(dict.fromkeys(a.source for a, _ in items))
    fields = next((f for a, finding in items if (f := _finding_fields(a, finding))), ())
    row = Partnership(
        id=_free_id(_slug_id(best.id_place, best.cn_place), taken),
        id_name=best.id_place.name, id_level=best.id_place.level,
        id_province=best.id_place.province, cn_name=best.cn_place.name,
        cn_name_zh=best.cn_place.name_zh, cn_level=best.cn_place.level,
        cn_province=best.cn_place.province, stage=best.stage, date=best.date, sources=sources,
        fields=fields, confidence="reported",
        notes=f"Found by the candidate finder in {', '.join(sources)}; check before adding.")
    sentences = tuple(dict.fromkeys(" ".join(a.text[s:e].split())
                                    for a, f in items for s, e in f.evidence))
    return Candidate(row, sentences, sources, best.confidence, best.reasons, best.warnings,
                     tuple(items))


def _finding_fields(article: Article, finding: Finding) -> tuple[str, ...]:
    """The field tags listed in or right after the deciding passage."""
    start = finding.evidence[0][0]
    number = next((n for n, s in enumerate(article.sentences) if s.start <= start < s.end), None)
    return _fields(article.sentences, number) if number is not None else ()


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
