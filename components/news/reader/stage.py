"""The stage a sentence reports, from the instrument it names and how it names it.

A letter of intent, or a friendship exchange signed "as a first step", is `loi`; a memorandum is
`mou`; a signed sister-city agreement or a formal relationship is `agreement`; talks, visits and
proposals are `exploration`. A clause about what will happen (or has not) sets no instrument.
The article's language picks the cue table (components/news/reader/cues.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.news.reader.cues import stage_cues

RANK = {"exploration": 0, "loi": 1, "mou": 2, "agreement": 3}
INSTRUMENT_ORDER = ("mou", "loi", "agreement")  # a named instrument before a generic word
_CLAUSES = re.compile(r"[;；，,]\s*|\s+(?:sedangkan|while|whereas|but|namun)\s+")


@dataclass(frozen=True)
class StageRead:
    """A sentence's stage and the words that decided it."""

    stage: str
    cue: str
    instrument: bool  # decided by a named instrument, not by talk of a partnership


def sentence_stage(text: str, language: str = "") -> StageRead | None:
    """The highest stage the clauses of a sentence report, or None if it names no partnership."""
    cues = stage_cues(language)
    folded = text.casefold()
    if not any(cues[kind].search(folded) for kind in ("partnership", "exploration", "twin",
                                                      *RANK) if kind in cues):
        return None
    reads = [read for clause in _CLAUSES.split(folded) if (read := clause_stage(clause, cues))]
    if not reads:
        return None
    return max(reads, key=lambda r: (RANK[r.stage], r.instrument))


def clause_stage(clause: str, cues: dict[str, re.Pattern[str]]) -> StageRead | None:
    """One clause's stage: its instrument unless it speaks of the future, else exploration."""
    if not cues["future"].search(clause):
        first = cues["first_step"].search(clause)
        signed_first = first and (cues["signed"].search(clause) or cues["loi"].search(clause))
        for stage in INSTRUMENT_ORDER:
            match = cues[stage].search(clause)
            if match:
                if stage == "agreement" and signed_first:
                    return StageRead("loi", first.group(), True)
                return StageRead(stage, match.group(), True)
        if signed_first:
            return StageRead("loi", first.group(), True)
        twin, established = cues["twin"].search(clause), cues["established"].search(clause)
        if twin and established:  # "sister province ... telah berlangsung dua dekade"
            return StageRead("agreement", f"{twin.group()} … {established.group()}", True)
    match = (cues["exploration"].search(clause) or cues["partnership"].search(clause)
             or next(filter(None, (cues[s].search(clause) for s in INSTRUMENT_ORDER)), None))
    return StageRead("exploration", match.group(), False) if match else None  # planned only
