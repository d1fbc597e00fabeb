"""The history of each partnership and of the network: timelines, stage as of a year, durations.

Pure functions over `Partnership` and `Milestone` records; no I/O, no streamlit.

Conventions, decided here once:

* Partial dates sort by `components.dates.date_key`: a date known only to the year before every
  more precise date in it (2016 < 2016-01 < 2016-10 < 2016-10-23), undated steps last. Steps on
  the same sort key keep their input order.
* Only stage-setting events (`STAGES`: exploration, loi, mou, agreement) change a partnership's
  stage. `contact`, `renewal` and `other` appear in the timeline but never set, keep alive or
  begin a partnership on the map: a partnership is drawn from its first dated stage-setting step.
* The stage as of a year is that of the *latest* stage-setting step dated in or before it, not the
  highest stage reached: Bali–Hainan signed an MoU in 2015 and a sister-province LoI in 2023, and
  as of 2023 the sister relationship stands at the LoI. `latest_stage_step` is this rule's only
  home: the milestone validator (`dataset/milestones.py`) asks it for the latest milestone, which
  must agree with the partnership's current stage and date.
* A partnership with no stage-setting milestone gets one implicit step from its own stage and
  date (the issue's rule for a partnership without milestones, extended to one whose milestones
  are only contacts, renewals or other events, so its current stage is never lost).
* A partnership is *undated* when none of its stage-setting steps has a date: it can never be
  placed in time, so an "as of" view leaves it out and counts it, whatever the year.
* Durations are measured in years (days / 365.25) between the midpoints of partial dates:
  a year alone counts as 1 July, a year and month as the 15th of that month.
"""

from __future__ import annotations

import datetime
import statistics
from itertools import accumulate
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from components.dates import date_key, parse_or_none
from components.models import STAGES, Milestone, Partnership


class Dated(Protocol):
    """Anything with a partial date and an event: a timeline `Step` or a `Milestone`."""

    @property
    def date(self) -> str: ...

    @property
    def event(self) -> str: ...


S = TypeVar("S", bound=Dated)

DURATION_PAIRS = (("loi", "mou"), ("mou", "agreement"))
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Step:
    """One dated (or undated) step of a partnership's path, as the timeline shows it."""

    date: str  # partial ISO "YYYY", "YYYY-MM", "YYYY-MM-DD"; "" when unknown
    event: str  # one of models.EVENTS
    sources: tuple[str, ...] = ()
    notes: str = ""
    implicit: bool = False  # made from the partnership row itself, not from a milestone

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def sets_stage(self) -> bool:
        return self.event in STAGES


@dataclass(frozen=True)
class AsOf:
    """The network as it stood at the end of one year, plus what could not be shown."""

    year: int
    partnerships: tuple[Partnership, ...]  # each re-staged to its stage and date then
    undated_count: int  # left out: no dated stage-setting step at all
    not_started_count: int  # left out: first dated stage-setting step after `year`


def midpoint(value: str) -> datetime.date | None:
    """A partial date as one day, for measuring (see `PartialDate.midpoint`); None for ""."""
    date = parse_or_none(value)
    return None if date is None else date.midpoint


def group_milestones(milestones: Iterable[Milestone]) -> dict[str, tuple[Milestone, ...]]:
    """Milestones by partnership id, in input order: the `milestones_by_id` the functions take."""
    grouped: dict[str, list[Milestone]] = {}
    for milestone in milestones:
        grouped.setdefault(milestone.partnership, []).append(milestone)
    return {key: tuple(value) for key, value in grouped.items()}


def implicit_step(partnership: Partnership) -> Step:
    """The one step a partnership row stands for on its own: its stage at its date."""
    return Step(partnership.date, partnership.stage, partnership.sources, implicit=True)


def timeline(partnership: Partnership, milestones: Iterable[Milestone]) -> tuple[Step, ...]:
    """The ordered steps of one partnership; milestones of other partnerships are ignored."""
    steps = [Step(m.date, m.event, m.sources, m.notes) for m in milestones
             if m.partnership == partnership.id]
    if not any(step.sets_stage for step in steps):
        steps.append(implicit_step(partnership))
    return tuple(sorted(steps, key=lambda step: date_key(step.date)))


def latest_stage_step(steps: Iterable[S], year: int | None = None) -> S | None:
    """The latest stage-setting step (dated in or before `year`, when given), or None.

    The one home of this rule: the as-of views and the milestone validator both ask here.
    Steps are ordered by `date_key`; steps on the same key keep their input order, so of two
    on the same date the later one in the input (the file) wins.
    """
    found = None
    for step in sorted(steps, key=lambda step: date_key(step.date)):
        year_ok = year is None or (bool(step.date) and int(step.date[:4]) <= year)
        if step.event in STAGES and year_ok:
            found = step
    return found


def latest_stage_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    """The stage-setting milestone latest by date, the later line winning a tie."""
    return latest_stage_step(sorted(milestones, key=lambda milestone: milestone.line))


def is_dated(steps: Sequence[Step]) -> bool:
    """Whether any stage-setting step has a date, i.e. whether the path can be placed in time."""
    return any(step.sets_stage and step.date for step in steps)


def _timelines(partnerships: Iterable[Partnership],
               milestones_by_id: Mapping[str, Sequence[Milestone]],
               ) -> list[tuple[Partnership, tuple[Step, ...]]]:
    return [(p, timeline(p, milestones_by_id.get(p.id, ()))) for p in partnerships]


def network_as_of(partnerships: Iterable[Partnership],
                  milestones_by_id: Mapping[str, Sequence[Milestone]], year: int) -> AsOf:
    """The partnerships begun by the end of `year`, each at the stage and date it had then."""
    drawn: list[Partnership] = []
    undated = not_started = 0
    for partnership, steps in _timelines(partnerships, milestones_by_id):
        step = latest_stage_step(steps, year)
        if step is not None:
            drawn.append(replace(partnership, stage=step.event, date=step.date))
        elif is_dated(steps):
            not_started += 1
        else:
            undated += 1
    return AsOf(year, tuple(drawn), undated, not_started)


def describe_as_of(as_of: AsOf, translate: Callable[[str], str] = lambda s: s,
                   number: Callable[[int], str] = str) -> str:
    """The notice under an "as of" map: how many partnerships could not be placed in time."""
    if not as_of.undated_count:
        return ""
    return translate("Partnerships without a known date, not shown: {count}").format(
        count=number(as_of.undated_count))


def stage_counts_by_year(partnerships: Iterable[Partnership],
                         milestones_by_id: Mapping[str, Sequence[Milestone]],
                         years: Iterable[int]) -> list[tuple[int, str, int]]:
    """(year, stage, count at the end of that year) for a stacked chart; zero counts included.

    Stages are the machine keys of `models.STAGES`; the chart translates them for display.
    One pass over the partnerships: each stage-setting step holds from its year until the
    year of the next one, added as a range (a difference array), so the cost does not grow
    with partnerships times years.
    """
    years = list(years)
    if not years:
        return []
    first, last = min(years), max(years)
    change = {stage: [0] * (last - first + 2) for stage in STAGES}
    for _, steps in _timelines(partnerships, milestones_by_id):
        for stage, start, end in _stage_periods(steps):
            low, high = max(start, first), min(end, last + 1)
            if low < high:
                change[stage][low - first] += 1
                change[stage][high - first] -= 1
    totals = {stage: list(accumulate(change[stage])) for stage in STAGES}
    return [(year, stage, totals[stage][year - first]) for year in years for stage in STAGES]


def _stage_periods(steps: Sequence[Step]) -> list[tuple[str, int, float]]:
    """(stage, first year, year it ends) for each stage a path holds at the end of some year."""
    by_year: dict[int, str] = {}
    for step in steps:  # in date order: the last step of a year is the stage at its end
        if step.sets_stage and step.year is not None:
            by_year[step.year] = step.event
    ordered = sorted(by_year.items())
    ends = [year for year, _ in ordered[1:]] + [float("inf")]
    return [(stage, year, end) for (year, stage), end in zip(ordered, ends)]


def _first_span(steps: Sequence[Step], start: str, end: str) -> float | None:
    """Years from the first dated `start` step to the first dated `end` step not before it."""
    dated = [step for step in steps if step.date]
    for index, step in enumerate(dated):
        if step.event == start:
            later = next((s for s in dated[index:] if s.event == end), None)
            if later is None:
                return None
            days = (midpoint(later.date) - midpoint(step.date)).days
            # same period at different precision ("2016-10" then "2016-10-01"): order is known
            # from the timeline, the distance is not, so never negative
            return max(days, 0) / DAYS_PER_YEAR
    return None


def durations(partnerships: Iterable[Partnership],
              milestones_by_id: Mapping[str, Sequence[Milestone]]) -> dict[str, tuple[float, ...]]:
    """Every measured span in years, keyed "loi→mou" and "mou→agreement"; len() = pairs counted."""
    found: dict[str, list[float]] = {f"{a}→{b}": [] for a, b in DURATION_PAIRS}
    for _, steps in _timelines(partnerships, milestones_by_id):
        for start, end in DURATION_PAIRS:
            span = _first_span(steps, start, end)
            if span is not None:
                found[f"{start}→{end}"].append(span)
    return {key: tuple(values) for key, values in found.items()}


def median_durations(partnerships: Iterable[Partnership],
                     milestones_by_id: Mapping[str, Sequence[Milestone]],
                     ) -> dict[str, float | None]:
    """Median years from LoI to MoU and from MoU to agreement; None where no pair is dated."""
    return {key: statistics.median(values) if values else None
            for key, values in durations(partnerships, milestones_by_id).items()}


def year_bounds(partnerships: Iterable[Partnership],
                milestones_by_id: Mapping[str, Sequence[Milestone]]) -> tuple[int, int] | None:
    """First and last year of any dated stage-setting step, for the year slider; None if none.

    The steps `timeline` gives, read without building it (every first page needs this, and at
    8,000 rows the timelines took a tenth of a second): a partnership's stage-setting
    milestones, or its row's own stage and date when it has none."""
    years: list[int] = []
    for p in partnerships:
        staged = [m.date for m in milestones_by_id.get(p.id, ())
                  if m.partnership == p.id and m.event in STAGES]
        for date in staged if staged else ([p.date] if p.stage in STAGES else []):
            if date:
                years.append(int(date[:4]))
    return (min(years), max(years)) if years else None
