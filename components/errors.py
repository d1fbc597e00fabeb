"""Kembar's exceptions: one root, and the one way a file turns out unusable.

The rule for loaders: a loader of a user's input file (`load_partnerships`, `load_milestones`,
`load_articles`) never raises for bad input; it returns what it could read and every problem,
a file that cannot be used at all being one problem with `fatal=True`. The readers beneath them
and the loaders of the project's own data files (`read_table`, `load_article`,
`load_gazetteer`) raise `UnusableFile`, whose `problems` say where and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from components.models import Problem


class KembarError(Exception):
    """The root of every error Kembar raises on purpose."""


class UnusableFile(KembarError, ValueError):
    """A file as a whole cannot be used; `problems` (at least one) say where and why."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        self.problems = tuple(replace(p, fatal=True) for p in found)
        super().__init__("; ".join(str(problem) for problem in self.problems))

    @property
    def problem(self) -> Problem:
        """The first (usually the only) reason."""
        return self.problems[0]

    def in_file(self, file: str) -> "UnusableFile":
        """The same error with every problem naming `file`."""
        return UnusableFile(replace(problem, file=file) for problem in self.problems)
