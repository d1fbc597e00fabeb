"""What the page must say is missing: rows of the dataset file it could not use, and why a link's id
is not on the map.

The count is against the file's own rows (rows read), not against what was loaded, so a file of
76 rows with three broken ones says "3 of 76 rows", never "73 of 73". Pure: no streamlit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from components.dataset.milestones import milestones_beside
from components.models import Dataset


@dataclass(frozen=True)
class Shortfall:
    """How much of the dataset file the page cannot show, and which ids that hides."""

    file: str  # the file's name, as the notice names it
    rows: int  # data rows in the file
    unused: int  # rows that could not be used at all
    flagged: int  # rows shown, with a problem flagged
    problem_ids: Mapping[str, int] = field(default_factory=dict)  # id of an unused row -> its line
    milestones_missing: bool = False

    @property
    def shown_whole(self) -> bool:
        return not (self.unused or self.flagged or self.milestones_missing)


def find_shortfall(dataset: Dataset, path: str | os.PathLike) -> Shortfall:
    """Rows of the file left out or kept with a problem, and the ids of those left out."""
    name = Path(path).name
    missing = not milestones_beside(path).exists()
    if dataset.fatal:
        return Shortfall(name, dataset.rows_read, dataset.rows_read, 0, {}, missing)
    ids = {}
    for pid, problem in dataset.dropped:
        ids.setdefault(pid, problem.line)
    return Shortfall(name, dataset.rows_read, dataset.dropped_count, len(dataset.flagged), ids, missing)
