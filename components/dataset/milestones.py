"""Load data/milestones.csv: each partnership's steps, checked against partnerships.csv.

Columns `partnership,date,event,sources` are required, `notes` optional. Besides the checks of
single values (known partnership id, a date that exists and is not in the future, a known
event, well-formed sources), the file must agree with partnerships.csv: for a partnership with
stage-setting milestones (exploration, loi, mou, agreement; contact, renewal and other never set
the stage), the latest one must carry the partnership's `stage` and `date`. Which one is the
latest is decided by `components.history.latest_stage_milestone`, the rule's only home.
That disagreement is reported on the milestone's line, naming both sides.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from components.history import latest_stage_milestone
from components.models import EVENTS, Message, Milestone, Partnership, Problem
from components.dataset.checks import choice_problem, date_problem, length_problem, split_sources
from components.dataset.csvfile import Row, read_table
from components.errors import UnusableFile
from components.dataset.partnerships import SEEDS_DIR, CheckContext, RowReport, check_sources

MILESTONE_COLUMNS = ("partnership", "date", "event", "sources")


def milestones_beside(partnerships_path: str | os.PathLike) -> Path:
    """The milestones file that goes with a partnerships file: milestones.csv in its folder."""
    return Path(partnerships_path).with_name("milestones.csv")


def load_milestones(path: str | os.PathLike, partnerships: Iterable[Partnership], *,
                    seeds_dir: Path | None = None, today: datetime.date | None = None,
                    dropped: Iterable[tuple[str, Problem]] = ()
                    ) -> tuple[tuple[Milestone, ...], tuple[Problem, ...]]:
    """The valid milestones and every problem; never raises for bad input.

    A file that cannot be used at all gives no milestones and its problem (`fatal=True`).
    `dropped` (`Dataset.dropped`) names the partnerships left out and why: a milestone of one
    of them is a follow-on problem whose `cause` is the problem that left the row out.
    """
    label = str(path)
    try:
        table = read_table(path, MILESTONE_COLUMNS)
    except UnusableFile as error:
        return (), error.in_file(label).problems
    context = CheckContext(Path(seeds_dir or SEEDS_DIR), today or datetime.date.today())
    by_id = {partnership.id: partnership for partnership in partnerships}
    milestones, problems = [], list(table.problems)
    first_seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        report = RowReport(row.line)
        milestone = build_milestone(row, by_id, report, context, dict(dropped))
        if milestone is not None:
            key = (milestone.partnership, milestone.date, milestone.event)
            if key in first_seen:
                report.add("", " ".join(key), Message("same milestone as line {line}",
                                                      line=first_seen[key]))
            first_seen.setdefault(key, row.line)
        problems.extend(report.problems)
        if milestone is not None and not report.problems:
            milestones.append(milestone)
    problems.extend(check_consistency(milestones, by_id))
    ordered = sorted(problems, key=lambda problem: problem.line)
    return tuple(milestones), tuple(replace(p, file=label) for p in ordered)


def build_milestone(row: Row, by_id: dict[str, Partnership], report: RowReport,
                    context: CheckContext, dropped: Mapping[str, Problem] | None = None
                    ) -> Milestone | None:
    """The row as a Milestone, or None when it has problems (each one reported)."""
    values = dict(row.values)
    for column, value in values.items():
        report.add_if(column, value, length_problem(column, value))
    for column in MILESTONE_COLUMNS:
        if not values[column] and report.ok(column):
            report.add(column, "", Message("required value is empty"))
    partnership, date, event = values["partnership"], values["date"], values["event"].lower()
    if report.ok("partnership") and partnership not in by_id:
        report.add("partnership", partnership, Message(
            "unknown partnership id (not in the partnerships file, or its row has problems)"),
            cause=(dropped or {}).get(partnership))
    if report.ok("date"):
        report.add_if("date", date, date_problem(date, context.today))
    if report.ok("event"):
        report.add_if("event", values["event"], choice_problem(event, EVENTS))
    if report.ok("sources"):
        check_sources(values["sources"], report, context)
    if report.problems:
        return None
    return Milestone(partnership, date, event, tuple(split_sources(values["sources"])),
                     values.get("notes", ""), row.line)


def check_consistency(milestones: Iterable[Milestone], by_id: dict[str, Partnership]
                      ) -> list[Problem]:
    """A problem for each partnership whose stage and date differ from its latest milestone."""
    grouped: dict[str, list[Milestone]] = {}
    for milestone in milestones:
        grouped.setdefault(milestone.partnership, []).append(milestone)
    problems = []
    for partnership_id, steps in grouped.items():
        latest = latest_stage_milestone(steps)
        partnership = by_id[partnership_id]
        if latest is None or (latest.event, latest.date) == (partnership.stage, partnership.date):
            continue
        column = "event" if latest.event != partnership.stage else "date"
        values = dict(id=partnership_id, event=latest.event, date=latest.date,
                      line=partnership.line, stage=partnership.stage, pdate=partnership.date)
        if partnership.date:
            message = Message("the latest stage-setting milestone of {id} is {event} {date}, but "
                              "the partnerships file (line {line}) says {stage} {pdate}", **values)
        else:
            message = Message("the latest stage-setting milestone of {id} is {event} {date}, but "
                              "the partnerships file (line {line}) says {stage} (no date)", **values)
        cause = next((p for p in partnership.problems if p.column == "date"), None)
        problems.append(Problem.of(latest.line, column, f"{latest.event} {latest.date}", message,
                                   cause=cause))
    return problems
