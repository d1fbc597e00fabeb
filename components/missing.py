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

from components.dataset.csvfile import UnusableFile, read_table
from components.dataset.milestones import milestones_beside
from components.models import REQUIRED_COLUMNS, Dataset


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


def _ids_by_line(path: str | os.PathLike) -> dict[int, str]:
    """Each well-formed row's line and id cell, read again from the file."""
    try:
        table = read_table(path, REQUIRED_COLUMNS)
    except (UnusableFile, OSError):
        return {}
    return {row.line: row.values.get("id", "") for row in table.rows}


def find_shortfall(dataset: Dataset, path: str | os.PathLike) -> Shortfall:
    """Rows of the file that were not loaded or were loaded with a problem, and their ids."""
    name = Path(path).name
    missing = not milestones_beside(path).exists()
    if dataset.fatal:
        return Shortfall(name, dataset.rows_read, dataset.rows_read, 0, {}, missing)
    loaded = {p.line for p in dataset.partnerships}
    troubled = {p.line for p in dataset.problems if p.line > 0}
    unused = max(0, dataset.rows_read - len(dataset.partnerships))
    flagged = len(troubled & loaded)
    ids = {}
    if unused:
        known = {p.id for p in dataset.partnerships}
        for line, pid in _ids_by_line(path).items():
            if line in troubled and line not in loaded and pid and pid not in known:
                ids.setdefault(pid, line)
    return Shortfall(name, dataset.rows_read, unused, flagged, ids, missing)
