"""Load data/partnerships.csv: the valid partnerships plus every problem, nothing dropped.

`load_partnerships` never raises for bad input: a file that cannot be used at all comes back
as a fatal `Dataset` with one problem saying why (see `components.dataset.csvfile` for the limits);
otherwise every row is checked, each problem carries the row's physical line, the column, the
bad value and a message. A row whose problems are all in `SOFT_COLUMNS` (date, fields,
confidence, notes, checked) is kept with those values unknown and its problems on
`Partnership.problems`; a row with any other problem is left out (`Dataset.dropped`).
Confirmed rows citing only lists or secondary mentions get a warning (`Dataset.warnings`, see
`components.dataset.sourcekinds`).

On input, `id_name` may be written as `Kab. Bogor`, `Makassar City`, `Bogor Regency` or bare
with its level; it is stored in the official form (`Kabupaten Bogor`, `Kota Makassar`) by
`components.names.official_id_name`. Levels, stages and confidences are read case-insensitively.
Columns beyond the documented ones are kept, in file order, in `Partnership.extra`.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from components import SEEDS_DIR
from components.models import (
    CN_LEVELS, CONFIDENCES, ID_LEVELS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, STAGES, Dataset,
    Message, Partnership, Problem,
)
from components.names import compact, marked_level, official_id_name, strip_prefix
from components.dataset.checks import (
    SHORTEST_LIMIT, choice_problem, date_problem, length_problem, slug_problem, source_problem, split_sources,
)
from components.dataset.csvfile import Row, read_table
from components.dataset.sourcekinds import secondary_only_warnings
from components.errors import UnusableFile

_NONEMPTY = ("id", "id_name", "id_level", "id_province", "cn_level", "cn_province", "stage",
             "sources")
_PAIR_COLUMNS = ("id_name", "id_level", "id_province", "cn_name", "cn_level", "cn_province")
# A problem in one of these leaves the row in, with that value unknown; any other leaves it out.
SOFT_COLUMNS = ("date", "fields", "confidence", "notes", "checked")
_KNOWN_COLUMNS = frozenset((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))
_CHOICES = {"id_level": ID_LEVELS, "cn_level": CN_LEVELS, "stage": STAGES,
            "confidence": CONFIDENCES}


@dataclass(frozen=True)
class CheckContext:
    """What row checks need beyond the row: where seeds live and today's date."""

    seeds_dir: Path = SEEDS_DIR
    today: datetime.date = field(default_factory=datetime.date.today)
    file: str = ""  # the file's name, as problems carry it


class RowReport:
    """The problems of one row; a column reported once is not checked again."""

    def __init__(self, line: int, file: str = "") -> None:
        self.line, self.file = line, file
        self.problems: list[Problem] = []
        self.bad: set[str] = set()

    def add(self, column: str, value: str, message: Message, cause: Problem | None = None) -> None:
        self.problems.append(Problem.of(self.line, column, value, message, file=self.file,
                                        cause=cause))
        self.bad.add(column)

    def add_if(self, column: str, value: str, message: Message | None) -> None:
        if message:
            self.add(column, value, message)

    def ok(self, column: str) -> bool:
        return column not in self.bad


def load_partnerships(path: str | os.PathLike, *, seeds_dir: Path | None = None,
                      today: datetime.date | None = None) -> Dataset:
    """Read and validate a partnerships CSV; never raises for bad input (see module doc)."""
    label = str(path)
    try:
        table = read_table(path, REQUIRED_COLUMNS)
    except UnusableFile as error:
        return Dataset(problems=error.in_file(label).problems, fatal=True)
    context = CheckContext(Path(seeds_dir or SEEDS_DIR), today or datetime.date.today(), label)
    partnerships, problems, dropped = check_rows(table.rows, context)
    shape = tuple(replace(problem, file=label) for problem in table.problems)
    ordered = sorted((*shape, *problems), key=lambda problem: problem.line)
    return Dataset(tuple(partnerships), tuple(ordered), rows_read=table.rows_read,
                   columns=table.header, dropped=tuple(dropped.items()),
                   warnings=tuple(replace(warning, file=label)
                                  for warning in secondary_only_warnings(partnerships)))


def check_rows(rows: tuple[Row, ...], context: CheckContext
               ) -> tuple[list[Partnership], list[Problem], dict[str, Problem]]:
    """Check each row and the rows against each other (ids and pairs used twice).

    Returns the rows kept (clean, or flagged with problems only in `SOFT_COLUMNS`), every
    problem, and the first problem of each row left out, by its id.
    """
    accepted: list[Partnership] = []
    problems: list[Problem] = []
    dropped: dict[str, Problem] = {}
    first_id: dict[str, int] = {}
    first_pair: dict[tuple, int] = {}
    for row in rows:
        report = RowReport(row.line, context.file)
        candidate = build_partnership(row, report, context)
        row_id = row.values["id"]
        if report.ok("id") and row_id in first_id:
            report.add("id", row_id, Message("duplicate id; first used on line {line}",
                                             line=first_id[row_id]))
        first_id.setdefault(row_id, row.line)
        if report.bad.isdisjoint(_PAIR_COLUMNS):
            _check_pair(candidate, report, first_pair)
        problems.extend(report.problems)
        if all(problem.column in SOFT_COLUMNS for problem in report.problems):
            accepted.append(flagged(candidate, report.problems))
        elif row_id:
            dropped.setdefault(row_id, report.problems[0])
    return accepted, problems, dropped


def flagged(partnership: Partnership, problems: list[Problem]) -> Partnership:
    """The row kept with its problems, each bad value treated as unknown (empty)."""
    if not problems:
        return partnership
    unknown = {problem.column: () if problem.column == "fields" else "" for problem in problems}
    return replace(partnership, **unknown, problems=tuple(problems))


def build_partnership(row: Row, report: RowReport, context: CheckContext) -> Partnership:
    """The row as a Partnership with names normalised; valid only if `report` has no problems."""
    values = dict(row.values)
    for column, value in values.items():
        if len(value) > SHORTEST_LIMIT:  # the rest are within every column's limit
            report.add_if(column, value, length_problem(column, value))
    _check_required(values, report)
    _check_choices(values, report)
    _check_names(values, report)
    if values["id"] and report.ok("id"):
        report.add_if("id", values["id"], slug_problem(values["id"]))
    for column in ("date", "checked"):
        if values.get(column) and report.ok(column):
            report.add_if(column, values[column], date_problem(values[column], context.today))
    if values.get("checked") and report.ok("checked") and len(values["checked"]) != 10:
        report.add("checked", values["checked"], Message("expected a full date, YYYY-MM-DD"))
    sources = check_sources(values["sources"], report, context) if report.ok("sources") else ()
    known = _KNOWN_COLUMNS
    return Partnership(
        id=values["id"], id_name=values["id_name"], id_level=values["id_level"],
        id_province=values["id_province"], cn_name=values["cn_name"],
        cn_name_zh=values["cn_name_zh"], cn_level=values["cn_level"],
        cn_province=values["cn_province"], stage=values["stage"], date=values["date"],
        sources=sources, fields=_split_fields(values.get("fields", "")),
        confidence=values.get("confidence", ""), notes=values.get("notes", ""), line=row.line,
        extra=tuple((name, value) for name, value in values.items() if name not in known),
        checked=values.get("checked", ""))


def check_sources(text: str, report: RowReport, context: CheckContext,
                  column: str = "sources") -> tuple[str, ...]:
    """The source entries of a cell, reporting each malformed URL or seeds/ name on its own."""
    sources = tuple(split_sources(text))
    for source in sources:
        message = source_problem(source, context.seeds_dir)
        if message:
            report.problems.append(Problem.of(report.line, column, source, message,
                                              file=report.file))
    return sources


def _check_required(values: dict[str, str], report: RowReport) -> None:
    for column in _NONEMPTY:
        if not values[column] and report.ok(column):
            report.add(column, "", Message("required value is empty"))
    if not values["cn_name"] and not values["cn_name_zh"]:
        report.add("cn_name", "", Message(
            "cn_name and cn_name_zh are both empty; give at least one"))


def _check_choices(values: dict[str, str], report: RowReport) -> None:
    """Levels, stage and confidence: lower-cased, then one of the allowed values."""
    for column, allowed in _CHOICES.items():
        value = values.get(column, "")
        if value and report.ok(column):
            values[column] = value.lower()
            report.add_if(column, value, choice_problem(value.lower(), allowed))


def _check_names(values: dict[str, str], report: RowReport) -> None:
    """Put id_name in its official form; its own Kota/Kabupaten/Provinsi must match id_level."""
    raw, level = values["id_name"], values["id_level"]
    if not raw or not report.ok("id_name") or not report.ok("id_level"):
        return
    marked = marked_level(raw)
    if marked in ID_LEVELS and marked != level:
        report.add("id_level", level, Message(
            "id_name {name} names a {marked}, but id_level is {level}",
            name=repr(raw), marked=marked, level=level))
        return
    values["id_name"] = official_id_name(raw, level)


def _check_pair(partnership: Partnership, report: RowReport, first_pair: dict[tuple, int]) -> None:
    """The same Indonesian partner with the same Chinese partner must not appear twice."""
    keys = pair_keys(partnership)
    earlier = next((first_pair[key] for key in keys if key in first_pair), None)
    if earlier is not None:
        pair = f"{partnership.id_name} – {partnership.cn_name or partnership.cn_name_zh}"
        report.add("", pair, Message("same partners as line {line}", line=earlier))
        return
    for key in keys:
        first_pair[key] = partnership.line


def pair_keys(partnership: Partnership) -> list[tuple]:
    """Comparable forms of a pair: by the Chinese partner's pinyin name and by its characters."""
    p = partnership
    indonesian = (compact(p.id_name), p.id_level, compact(strip_prefix(p.id_province)))
    chinese = (p.cn_level, compact(strip_prefix(p.cn_province)))
    keys = []
    if p.cn_name:
        keys.append((indonesian, chinese, "name", compact(strip_prefix(p.cn_name))))
    if p.cn_name_zh:
        keys.append((indonesian, chinese, "zh", compact(strip_prefix(p.cn_name_zh))))
    return keys


def _split_fields(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())
