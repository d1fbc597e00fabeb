"""The filtered partnerships as a CSV download, in the dataset's own format, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab
or carriage return) as a formula, so a hostile source or note could run code on the reader's
machine ("CSV injection"). Such a cell is written with a leading apostrophe (`'=...`), which
spreadsheets show as text and which is visible when the file is read as plain text. The
dataset itself holds no value that should start with those characters (no negative numbers,
dates start with a digit), so nothing legitimate is changed; a neutralised file therefore does
not load back identically, by design.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

from components.models import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SOURCE_SEPARATOR, Partnership

FIELD_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe; others unchanged."""
    return NEUTRALISER + cell if cell.startswith(FORMULA_STARTS) else cell


def columns_for(partnerships: Sequence[Partnership], columns: Sequence[str] = ()) -> tuple[str, ...]:
    """The header: `columns` (the file's own order) if given, else required + optional + extras."""
    order = list(columns) if columns else [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
    for p in partnerships:
        for name, _ in p.extra:
            if name not in order:
                order.append(name)
    return tuple(order)


def _cells(p: Partnership) -> dict[str, str]:
    cells = {
        "id": p.id, "id_name": p.id_name, "id_level": p.id_level, "id_province": p.id_province,
        "cn_name": p.cn_name, "cn_name_zh": p.cn_name_zh, "cn_level": p.cn_level,
        "cn_province": p.cn_province, "stage": p.stage, "date": p.date,
        "sources": SOURCE_SEPARATOR.join(p.sources), "fields": FIELD_SEPARATOR.join(p.fields),
        "confidence": p.confidence, "notes": p.notes, "checked": p.checked,
    }
    cells.update(p.extra)
    return cells


def to_csv(partnerships: Iterable[Partnership], *, columns: Sequence[str] = ()) -> str:
    """The partnerships as CSV text in the dataset's column order, formulas neutralised.

    Pass the loaded file's `Dataset.columns` to keep its exact column order; a column a
    partnership lacks is written empty.
    """
    rows = tuple(partnerships)
    header = columns_for(rows, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(name) for name in header])
    for p in rows:
        cells = _cells(p)
        writer.writerow([neutralise(cells.get(name, "")) for name in header])
    return out.getvalue()
