"""What the articles say about a partnership: the sentences naming its partners, ranked, with spans.

Matching is accent- and case-folded, on word boundaries for Latin-script names ("Serang" is
not found in "menyerang", nor "Bali" in "kembali") and without them for Chinese characters.
A name whose first letter is lowercase in the text is not a name ("serang" is the verb "attack").
A name preceded by "Kabupaten"/"Kab."/"Bupati", "Kota"/"Wali Kota" or "Provinsi"/"Gubernur"
counts only for a partner of that level, so Kota Tangerang never matches "Kabupaten Tangerang".
For a province-to-province partnership, a country word (Tiongkok, China, RRT, Cina, 中国) in a
sentence naming the Indonesian province is a weak mention of the Chinese side: articles often
say "Jawa Barat ... with provinces in China" without naming the partner.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from components.news.articles import Article, Sentence
from components.models import Partnership, PlaceRef
from components.names import APOSTROPHES, ID_LEVEL_TITLES, ID_LEVEL_WORDS, MONTHS, is_cjk, strip_prefix


class AliasSource(Protocol):
    """What excerpts need from the gazetteer: every name form of a place."""

    def aliases(self, ref: PlaceRef) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Excerpt:
    """A passage of an article about one partnership, with the partners' names located in it."""

    article: Article
    sentence_text: str  # the sentence, or the sentence and the neighbour it needs
    spans: tuple[tuple[int, int], ...]  # (start, end) of each partner name in sentence_text
    score: float
    both: bool  # the passage names both partners
    start: int = 0  # offset of sentence_text in article.text
    end: int = 0


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: where, and the level word written before it (if any)."""

    start: int
    end: int
    qualifier: str  # "kabupaten", "kota", "provinsi" or ""


# Which levels a qualifier word allows, per country. Chinese county-level cities are often
# called "kota", and "Kabupaten Nanjing" is how Indonesian sources name Nanjing County.
QUALIFIED_LEVELS = {
    "ID": {"kabupaten": {"regency"}, "kota": {"city"}, "provinsi": {"province"}},
    "CN": {"kabupaten": {"county", "district"}, "kota": {"city", "county", "district"},
           "provinsi": {"province"}},
}
_LEVEL_QUALIFIER = {"regency": "kabupaten", "city": "kota", "province": "provinsi"}
_QUALIFIER_WORDS = {word: _LEVEL_QUALIFIER[level]
                    for word, level in {**ID_LEVEL_WORDS, **ID_LEVEL_TITLES}.items()}


def _alternatives(words) -> str:
    """A regex alternation of words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))


_QUALIFIER_BEFORE = re.compile(rf"(?<!\w)({_alternatives(_QUALIFIER_WORDS)})\s+$")
_QUALIFIER_START = re.compile(rf"({_alternatives(ID_LEVEL_WORDS)})\s+(?=\w)")
COUNTRY_WORDS = re.compile(
    r"(?<!\w)(?:republik rakyat tiongkok|tiongkok|china|cina|rrt|rrc|prc)(?!\w)|中国|中华人民共和国")
DATE_WORDS = re.compile(
    # "may" is left out: in English it is mostly the verb.
    rf"(?<!\w)(?:(?:19|20)\d\d|{_alternatives(m for m in MONTHS if m != 'may')}"
    r"|bulan (?:ini|lalu)|tahun (?:ini|lalu)|dekade|dasawarsa)(?!\w)")
INSTRUMENT_WORDS = re.compile(
    r"(?<!\w)(?:loi|mou|letter of intent|memorandum of understanding|nota kesepahaman"
    r"|pernyataan kehendak|perjanjian|kesepakatan|sister (?:city|province)"
    r"|(?:kota|provinsi|kabupaten) kembar)(?!\w)")
# "these two regions", "the cooperation": a sentence that goes on about the one before it.
ANAPHORA = re.compile(
    r"(?<!\w)(?:(?:kedua|dua) (?:daerah|kota|kabupaten|provinsi|pihak|wilayah|pemerintah)"
    r"|(?:daerah|kota|provinsi|kerja sama|kemitraan|hubungan|kesepakatan|perjanjian)"
    r"(?: \w+)? (?:ini|tersebut))(?!\w)")
YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")

KIND_SCORES = {"both": 3.0, "weak": 2.0, "one": 1.0}


# --- folding and patterns ---------------------------------------------------------------------

@dataclass(frozen=True)
class FoldedText:
    """A text folded for matching, with the map from folded offsets back to the original."""

    text: str
    folded: str
    origin: tuple[int, ...]  # origin[i] = offset in text of folded[i]; one extra entry at the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of folded[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def fold_char(char: str) -> str:
    """One character as matching sees it: no accents, casefolded, apostrophes and dashes unified."""
    if char in APOSTROPHES:
        return "'"
    if char in "‐‑‒–—":
        return "-"
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=256)
def fold_text(text: str) -> FoldedText:
    """Fold a text character by character, keeping where each folded character came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char) if not char.isascii() or char.isupper() else char
        pieces.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return FoldedText(text, "".join(pieces), tuple(origin))


@dataclass(frozen=True)
class PlacePattern:
    """The compiled regex of a place's aliases, and the words one of which a text must contain."""

    regex: re.Pattern[str]
    first_words: tuple[str, ...]

    def finditer(self, folded: str):
        """The matches in a folded text (a quick substring test first: most texts lack them)."""
        if not any(word in folded for word in self.first_words):
            return iter(())
        return self.regex.finditer(folded)


@lru_cache(maxsize=4096)
def place_pattern(aliases: tuple[str, ...]) -> PlacePattern | None:
    """One compiled regex for all the aliases of a place (longest first), or None if none."""
    forms = {"".join(fold_char(char) for char in alias).strip() for alias in aliases}
    forms = sorted((form for form in forms if form), key=lambda form: (-len(form), form))
    if not forms:
        return None
    bodies = [(r"\s+".join(re.escape(w) for w in form.split()), is_cjk(form))
              for form in forms]
    latin = "|".join(body for body, cjk in bodies if not cjk)
    parts = [rf"(?<!\w)(?:{latin})(?!\w)"] if latin else []
    parts += [body for body, cjk in bodies if cjk]  # characters: no word boundaries in Chinese
    return PlacePattern(re.compile("|".join(parts)), tuple({f.split()[0] for f in forms}))


def ref_aliases(gazetteer: AliasSource | None, ref: PlaceRef) -> tuple[str, ...]:
    """Every name form of a partner: the gazetteer's, plus the row's own name and bare name."""
    try:
        return _cached_aliases(gazetteer, ref)
    except TypeError:  # an unhashable gazetteer stand-in: no cache, same answer
        return _cached_aliases.__wrapped__(gazetteer, ref)


@lru_cache(maxsize=4096)
def _cached_aliases(gazetteer: AliasSource | None, ref: PlaceRef) -> tuple[str, ...]:
    names = [ref.name, ref.name_zh, strip_prefix(ref.name), strip_prefix(ref.name_zh)]
    known = tuple(gazetteer.aliases(ref)) if gazetteer is not None else ()
    return tuple(sorted({name for name in (*known, *names) if len(name.strip()) >= 2}))


# --- mentions ---------------------------------------------------------------------------------

def _qualifier(folded: str, start: int, end: int) -> str:
    """The level word written before (or at the start of) the name at folded[start:end]."""
    own = _QUALIFIER_START.match(folded, start, end)
    if own:
        return _QUALIFIER_WORDS[own.group(1)]
    before = folded[max(0, start - 24):start].replace("wali kota", "walikota")
    match = _QUALIFIER_BEFORE.search(before)
    if not match or (match.group(1) == "kota" and before[:match.start()].endswith("ibu ")):
        return ""  # "ibu kota Jawa Tengah" names the province, not a city
    return _QUALIFIER_WORDS[match.group(1)]


def find_mentions(text: FoldedText, aliases: tuple[str, ...]) -> list[Mention]:
    """Where the text names one of aliases (not all lowercase), each with its level word."""
    pattern = place_pattern(aliases)
    if pattern is None:
        return []
    mentions = []
    for match in pattern.finditer(text.folded):
        start, end = text.span(match.start(), match.end())
        if _uncapitalised(text.text[start:end]):
            continue
        mentions.append(Mention(start, end, _qualifier(text.folded, match.start(), match.end())))
    return mentions


def _uncapitalised(name: str) -> bool:
    """A Latin-script name written all in lowercase ("serang", to attack) is a word, not a name."""
    return name == name.lower() and name != name.upper()


def fits(mention: Mention, country: str, level: str) -> bool:
    """Whether the level word before a mention allows a place of this country and level."""
    return not mention.qualifier or level in QUALIFIED_LEVELS[country][mention.qualifier]


def side_mentions(text: FoldedText, aliases: tuple[str, ...], country: str,
                  level: str) -> list[Mention]:
    """The mentions of one partner, without those whose level word says it is another place.

    A bare name is dropped too when the text only ever qualifies that name as another level
    (an article about "Kabupaten Tangerang" saying "Tangerang" later means the regency).
    """
    mentions = find_mentions(text, aliases)
    qualified = [m for m in mentions if m.qualifier]
    if qualified and not any(fits(m, country, level) for m in qualified):
        return []
    return [m for m in mentions if fits(m, country, level)]


def country_mentions(text: FoldedText) -> list[Mention]:
    """The words naming China itself: a weak mention of a Chinese province."""
    found = (text.span(m.start(), m.end()) for m in COUNTRY_WORDS.finditer(text.folded))
    return [Mention(start, end, "") for start, end in found
            if not _uncapitalised(text.text[start:end])]


# --- excerpts ---------------------------------------------------------------------------------

def excerpts_for(partnership: Partnership, articles: list[Article] | tuple[Article, ...],
                 gazetteer: AliasSource | None) -> list[Excerpt]:
    """The passages of the articles about a partnership, best first (naming both partners)."""
    id_ref, cn_ref = partnership.id_place, partnership.cn_place
    id_aliases, cn_aliases = ref_aliases(gazetteer, id_ref), ref_aliases(gazetteer, cn_ref)
    weak_allowed = partnership.cn_level == "province"
    found: list[Excerpt] = []
    for article in articles:
        text = fold_text(article.text)
        id_found = side_mentions(text, id_aliases, "ID", id_ref.level)
        cn_found = side_mentions(text, cn_aliases, "CN", cn_ref.level)
        weak = country_mentions(text) if weak_allowed and id_found else []
        found.extend(_article_excerpts(article, id_found, cn_found, weak))
    return sorted(found, key=lambda e: (-e.score, _newest_first(e.article.date),
                                        e.article.name, e.start))


def _newest_first(date: str) -> str:
    """A sort key putting later dates first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def _by_sentence(sentences: tuple[Sentence, ...], mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by the sentence they fall in."""
    starts = [s.start for s in sentences]
    groups: list[list[Mention]] = [[] for _ in sentences]
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.end <= sentences[index].end:
            groups[index].append(mention)
    return groups


def _kinds(article: Article, id_found: list[Mention], cn_found: list[Mention],
           weak: list[Mention]) -> list[str]:
    """For each sentence: "both", "weak" (province + country word), "one" or ""."""
    sentences = article.sentences
    id_by, cn_by, weak_by = (_by_sentence(sentences, m) for m in (id_found, cn_found, weak))
    kinds = []
    for ids, cns, countries in zip(id_by, cn_by, weak_by):
        if ids and cns:
            kinds.append("both")
        elif ids and countries:
            kinds.append("weak")
        else:
            kinds.append("one" if ids or cns else "")
    return kinds


def _article_excerpts(article: Article, id_found: list[Mention], cn_found: list[Mention],
                      weak: list[Mention]) -> list[Excerpt]:
    """The excerpts of one article: none unless some sentence pairs the partners."""
    kinds = _kinds(article, id_found, cn_found, weak)
    if "both" not in kinds and "weak" not in kinds:
        return []
    keep = {"both", "weak", "one"} if "both" in kinds else {"both", "weak"}
    spans = sorted((m.start, m.end) for m in (*id_found, *cn_found))
    excerpts = []
    for index, kind in enumerate(kinds):
        if kind in keep:
            excerpts.append(_excerpt(article, index, kinds, kind, spans))
    return excerpts


def _excerpt(article: Article, index: int, kinds: list[str], kind: str,
             spans: list[tuple[int, int]]) -> Excerpt:
    """One sentence as an excerpt, with the next sentence when the reader needs it."""
    sentences = article.sentences
    sentence = sentences[index]
    core = fold_text(sentence.text).folded
    has_date, has_instrument = bool(DATE_WORDS.search(core)), bool(INSTRUMENT_WORDS.search(core))
    end = sentence.end
    following = sentences[index + 1] if index + 1 < len(sentences) else None
    if kind != "one" and following is not None and not kinds[index + 1] \
            and following.paragraph == sentence.paragraph \
            and _carries_on(fold_text(following.text).folded, has_date, has_instrument):
        end = following.end
        has_date = has_date or bool(DATE_WORDS.search(fold_text(following.text).folded))
    full_date = bool(YEAR.search(article.text, sentence.start, end))
    score = KIND_SCORES[kind] + 0.5 * has_instrument + 0.25 * has_date + 0.1 * full_date
    local = tuple((s - sentence.start, e - sentence.start) for s, e in spans
                  if s >= sentence.start and e <= end)
    return Excerpt(article, article.text[sentence.start:end], local, score, kind == "both",
                   sentence.start, end)


def _carries_on(folded: str, has_date: bool, has_instrument: bool) -> bool:
    """Whether a following sentence belongs with the one before it."""
    if ANAPHORA.search(folded[:80]):
        return True
    return (not has_date and bool(DATE_WORDS.search(folded))) or \
        (not has_instrument and bool(INSTRUMENT_WORDS.search(folded)))
