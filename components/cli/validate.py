"""`python -m components validate [CSV] [--milestones CSV]`: check the data files, line by line.

Prints `FILE:LINE: COLUMN: 'value': message` for each problem, then a summary per file.
A row whose problems are only in date, fields, confidence, notes or checked is kept with those
values unknown, but it still counts as a row with problems. A confirmed row citing only lists or
secondary mentions (data/README.md, "Kinds of source") gets a warning, marked `(warning)`.
Exit status: 0 every row valid (warnings or not), 1 some row has a problem, 2 a file cannot be
used at all.
Milestones are checked when given with --milestones, and otherwise when a `milestones.csv`
lies next to the partnerships file (for the default dataset: data/milestones.csv).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from components import settings
from components.dataset.milestones import load_milestones, milestones_beside
from components.models import Problem
from components.dataset.partnerships import load_partnerships



def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `validate` command."""
    parser = subparsers.add_parser(
        "validate", help="check the data files and list every problem in them",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", type=Path, default=None, metavar="CSV",
                        help="partnerships file (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--milestones", type=Path, default=None, metavar="CSV",
                        help="milestones file (default: milestones.csv next to CSV, if present)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the files and print the problems; return the exit status (0, 1 or 2)."""
    csv_path = args.csv or _shown(settings.current().data)
    dataset = load_partnerships(csv_path)
    for problem in dataset.problems:
        print(format_problem(problem))
    if dataset.fatal:
        print(f"{csv_path}: cannot use this file")
        return 2
    for warning in dataset.warnings:
        print(f"{format_problem(warning)} (warning)")
    if dataset.flagged:
        print(f"{csv_path}: {len(dataset.flagged)} rows with problems kept, their bad values "
              "unknown")
    valid = len(dataset.partnerships) - len(dataset.flagged)
    print(f"{csv_path}: {valid} rows valid, {dataset.rows_read - valid} rows with problems")
    status = 1 if dataset.problems else 0
    milestones_path = args.milestones or _milestones_next_to(csv_path)
    if milestones_path is None:
        return status
    milestones, problems = load_milestones(milestones_path, dataset.partnerships,
                                           dropped=dataset.dropped)
    for problem in problems:
        print(format_problem(problem))
    if any(problem.fatal for problem in problems):
        print(f"{milestones_path}: cannot use this file")
        return 2
    lines = {problem.line for problem in problems}
    valid = sum(1 for milestone in milestones if milestone.line not in lines)
    print(f"{milestones_path}: {valid} rows valid, {len(lines)} rows with problems")
    return max(status, 1 if problems else 0)


def format_problem(problem: Problem) -> str:
    """`FILE:LINE: COLUMN: 'value': message`: the one form every command prints problems in."""
    return problem.format()


def _milestones_next_to(csv_path: Path) -> Path | None:
    candidate = milestones_beside(csv_path)
    if candidate.name == csv_path.name or not candidate.is_file():
        return None
    return candidate


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it is inside it, for short messages."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
