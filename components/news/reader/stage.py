"""The stage a sentence reports, from the instrument it names and how it names it.

A letter of intent, or a friendship exchange signed "as a first step", is `loi`; a memorandum is
`mou`; a signed sister-city agreement or a formal relationship is `agreement`; talks, visits and
proposals are `exploration`. A clause about what will happen (or has not) sets no instrument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.news.reader.cues import (EXPLORATION, FIRST_STEP, FUTURE, PARTNERSHIP, SIGNED,
                                         STAGE_CUES)

RANK = {"exploration": 0, "loi": 1, "mou": 2, "agreement": 3}
INSTRUMENT_ORDER = ("mou", "loi", "agreement")  # a named instrument before a generic word
_CLAUSES = re.compile(r"[;；，,]\s*|\s+(?:sedangkan|while|whereas|but|namun)\s+")


@dataclass(frozen=True)
class StageRead:
    """A sentence's stage and the words that decided it."""

    stage: str
    cue: str
    instrument: bool  # decided by a named instrument, not by talk of a partnership


def sentence_stage(text: str) -> StageRead | None:
    """The highest stage the clauses of a sentence report, or None if it names no partnership."""
    folded = text.casefold()
    if not PARTNERSHIP.search(folded) and not EXPLORATION.search(folded):
        return None
    reads = [read for clause in _CLAUSES.split(folded) if (read := clause_stage(clause))]
    if not reads:
        return None
    return max(reads, key=lambda r: (RANK[r.stage], r.instrument))


def clause_stage(clause: str) -> StageRead | None:
    """One clause's stage: its instrument unless it speaks of the future, else exploration."""
    if not FUTURE.search(clause):
        for stage in INSTRUMENT_ORDER:
            match = re.search(STAGE_CUES[stage], clause)
            if match:
                signed_first = FIRST_STEP.search(clause) and SIGNED.search(clause)
                if stage == "agreement" and signed_first:
                    return StageRead("loi", FIRST_STEP.search(clause).group(), True)
                return StageRead(stage, match.group(), True)
        first = FIRST_STEP.search(clause)
        if first and (SIGNED.search(clause) or re.search(STAGE_CUES["loi"], clause)):
            return StageRead("loi", first.group(), True)
    match = EXPLORATION.search(clause) or PARTNERSHIP.search(clause)
    return StageRead("exploration", match.group(), False) if match else None
