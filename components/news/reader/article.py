"""Read one article as an editor would: who agreed with whom, at what stage, and when.

The pipeline: places named (mentions) -> their roles -> passages with stage and date -> pairs
-> for each pair, the deciding passage, the date, a confidence and the reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.news.articles import Article
from components.news.reader.cues import PARTNERSHIP
from components.news.reader.mentions import find_mentions
from components.news.reader.notes import (
    DATE_ARTICLE,
    DATE_LEAD,
    DATE_READ,
    NEW_PLACES,
    ONE_SIDED,
    STAGE_FROM,
    TOGETHER,
    Note,
    note,
)
from components.news.reader.pairs import (
    PairEvidence,
    Passage,
    build_passages,
    context,
    deciding,
    drop_context_pairs,
    find_pairs,
    main_parties,
    passage_bounds,
)
from components.news.reader.places import Place, PlaceIndex, load_places
from components.news.reader.roles import Role, assign_roles

MAX_EVIDENCE = 4  # passages shown per finding: the deciding one, the dated one, two more


@dataclass(frozen=True)
class Finding:
    """One pair an article reports, as the reader understood it."""

    id_place: Place
    cn_place: Place
    stage: str
    date: str  # partial ISO, "" when neither the text nor the article gives one
    evidence: tuple[tuple[int, int], ...]  # (start, end) in the article's text; deciding first
    highlights: tuple[tuple[int, int], ...]  # the names, cue and date within the text
    confidence: float  # 0..1: the share of the reader's cues that agree
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Reading:
    """Everything the reader found in an article: its findings and every place's role."""

    findings: tuple[Finding, ...]
    roles: tuple[Role, ...]


def read_article(article: Article, index: PlaceIndex | None = None) -> Reading:
    """The pairs an article reports, with their evidence."""
    index = index or load_places()
    text = article.text
    if not PARTNERSHIP.search(f"{article.title}\n{text}".casefold()):
        return Reading((), ())  # a courtesy visit, a trade fair: nothing about a partnership
    cuts = passage_bounds(text, [(s.start, s.end) for s in article.sentences])
    roles = assign_roles(text, find_mentions(text, index), [(a, b) for _, a, b in cuts], index)
    passages = build_passages(text, cuts, roles, article.date, article.language)
    pairs = drop_context_pairs(find_pairs(passages, main_parties(roles, index)), passages,
                               index)
    findings = [f for pair in pairs
                if (f := _finding(pair, passages, pairs, article, roles)) is not None]
    return Reading(tuple(findings), tuple(roles))


def _finding(pair: PairEvidence, passages: list[Passage], pairs: list[PairEvidence],
             article: Article, roles: list[Role]) -> Finding | None:
    """One pair's stage, date, evidence, confidence and reasons."""
    numbers = context(pair, passages, [p for p in pairs if p is not pair])
    chosen = deciding(pair, passages, numbers)
    if chosen is None:
        return None
    passage = passages[chosen]
    date, date_reason, written, warnings = _date(chosen, passages, numbers, article.date)
    reasons = [note(TOGETHER, n=len(pair.direct)) if pair.direct else note(ONE_SIDED),
               note(STAGE_FROM, stage=passage.stage.stage, cue=passage.stage.cue), date_reason]
    score = (2 if pair.direct else 1) + (1 if passage.stage.instrument else 0.5)
    score += 1 if date_reason.template == DATE_READ else 0
    score += 0.5 if len(pair.direct) + len(pair.one_sided) > 1 else 0
    known = [p.name for p in (pair.id_place, pair.cn_place) if not p.known]
    if known:
        reasons.append(note(NEW_PLACES, names=", ".join(known)))
    evidence, spans = _evidence(pair, chosen, passages, roles, article.text, written)
    confidence = round(max(0.0, min(1.0, (score - 0.5 * bool(warnings)) / 4.5)), 2)
    return Finding(pair.id_place, pair.cn_place, passage.stage.stage, date,
                   tuple(evidence), spans, confidence, tuple(reasons),
                   tuple(warnings))


def _evidence(pair: PairEvidence, chosen: int, passages: list[Passage], roles: list[Role],
              text: str, written: str) -> tuple[list[tuple[int, int]], tuple]:
    """The evidence passages (deciding first, then where the date was read, then the pair's
    other passages) and the spans to mark in them."""
    passage = passages[chosen]
    evidence = list(dict.fromkeys([(passage.start, passage.end)] + [
        (passages[n].start, passages[n].end) for n in (*pair.direct, *pair.one_sided)]))
    dated = next((p for p in passages if written and written in text[p.start:p.end]), None)
    if dated is not None and (dated.start, dated.end) not in evidence:
        evidence.insert(1, (dated.start, dated.end))
    evidence = evidence[:MAX_EVIDENCE]
    return evidence, _highlights(pair, evidence, roles, text, [passage.stage.cue, written])


def _date(chosen: int, passages: list[Passage], numbers: list[int],
          article_date: str) -> tuple[str, Note, str, list[Note]]:
    """(date, reason, words read, warnings) of the step that set the stage: the most precise
    date among the passages reporting it (the deciding one and the others naming the same
    instrument) that agrees with the deciding one; else a neighbour's; else the lead's; else
    the article's own."""
    passage = passages[chosen]
    same_step = [passages[n].date for n in [chosen, *numbers] if passages[n].date
                 and passages[n].stage is not None and passages[n].stage.instrument
                 and passage.stage.instrument and passages[n].stage.stage == passage.stage.stage]
    if passage.date:
        same_step = [d for d in same_step if d.iso.startswith(passage.date.iso)]
    neighbours = [passages[n].date for n in (chosen, chosen + 1, chosen - 1)
                  if 0 <= n < len(passages) and passages[n].date
                  and abs(passages[n].sentence - passage.sentence) <= 1
                  and (n == chosen or n in numbers or not passages[n].named)]
    found = max(same_step, key=lambda d: d.precision) if same_step else next(
        iter(neighbours), None)
    template = DATE_READ
    if found is None:
        found = next((p.date for p in passages if p.sentence == 0 and p.date), None)
        template = DATE_LEAD
    if found is None:
        return article_date, note(DATE_ARTICLE), "", []
    warnings = [found.warning] if found.warning else []
    return found.iso, note(template, words=found.written), found.written, warnings


def _highlights(pair: PairEvidence, evidence: list[tuple[int, int]], roles: list[Role],
                text: str, words: list[str]) -> tuple[tuple[int, int], ...]:
    """What to mark in the evidence: the pair's names, the stage's cue and the date's words."""
    keys = {pair.id_place.key, pair.cn_place.key}
    spans = [(r.mention.start, r.mention.end) for r in roles if r.mention.place.key in keys
             and r.role != "dateline" and any(s <= r.mention.start < e for s, e in evidence)]
    for word in (w.casefold() for w in words if w):
        for start, end in evidence:
            at = text[start:end].casefold().find(word)
            if at >= 0:
                spans.append((start + at, start + at + len(word)))
                break
    return tuple(sorted(set(spans)))
