"""Everything the app derives from its files before any filter applies, in one immutable bundle.

The data flows one way: CSV -> records -> geocoding -> (filters) -> map / articles. This module
runs the stages that do not depend on what the user picks, so the app can cache the result once
per dataset file and a rerun only filters ids.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Iterator, Mapping

from components import DATA_PATH, SEEDS_DIR
from components.news.articles import Article, load_articles
from components.news.excerpts import Excerpt, excerpts_for
from components.filters import SearchIndex, build_search_index
from components.focus import PlaceIndex
from components.places.gazetteer import Gazetteer, load_gazetteer
from components.places.chain import resolve_places
from components.history import group_milestones, year_bounds
from components.map.build import arc_bends, drawable
from components.dataset.milestones import load_milestones, milestones_beside
from components.models import (
    Dataset, Message, Milestone, Partnership, Place, PlaceRef, Problem,
)
from components.dataset.partnerships import load_partnerships
from components.viewstate import Choices



@dataclass(frozen=True)
class Prepared:
    """A dataset loaded, checked, geocoded and indexed: what every rerun starts from."""

    data_path: Path
    dataset: Dataset
    places: Mapping[PlaceRef, Place]
    geocoding_warnings: tuple[Message, ...]  # translated where shown
    milestones_by_id: Mapping[str, tuple[Milestone, ...]]
    milestone_problems: tuple[Problem, ...]
    articles: tuple[Article, ...]
    article_problems: tuple[Problem, ...]
    gazetteer: Gazetteer
    bends: Mapping[str, float]  # each arc's fan-out over the whole dataset, stable under filters
    choices: Choices
    by_id: Mapping[str, Partnership] = field(default_factory=dict)

    @property
    def partnerships(self) -> tuple[Partnership, ...]:
        return self.dataset.partnerships

    def __getstate__(self) -> dict:
        """The fields alone: what the cached properties below computed is worked out again
        after unpickling, so a dataset saved late (components.prepcache) is saved the same."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # Computed on first use and kept: every rerun asks for them, and they never change.
    # What the page's headline and notices need to say about the file (issue 14).
    @property
    def rows_in_file(self) -> int:
        """Data rows in the partnerships file (blank lines not counted)."""
        return self.dataset.rows_read

    @property
    def rows_dropped(self) -> int:
        """Rows of the file left out: a problem in a column the map cannot do without."""
        return self.dataset.dropped_count

    @property
    def rows_flagged(self) -> tuple[Partnership, ...]:
        """Rows kept with problems (their bad values unknown); each lists `problems`."""
        return self.dataset.flagged

    @cached_property
    def drawable_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in drawable(self.partnerships, self.places))

    @cached_property
    def search_index(self) -> SearchIndex:
        """Every row's names and aliases, built when a search first needs it (never before)."""
        return build_search_index(self.partnerships, self.places, self.gazetteer)

    @cached_property
    def place_index(self) -> PlaceIndex:
        """Every place one can focus on, by every name it goes by (for ?place= and the box)."""
        return PlaceIndex(self.partnerships, self.places, self.gazetteer)

    @cached_property
    def year_span(self) -> tuple[int, int] | None:
        """The first and last year with a dated stage-setting step (for the year sliders)."""
        return year_bounds(self.partnerships, self.milestones_by_id)

    @cached_property
    def unresolved(self) -> tuple[tuple[Partnership, Place], ...]:
        """Each partner place that could not be placed, with the first row naming it."""
        seen: dict[PlaceRef, Partnership] = {}
        for p in self.partnerships:
            for ref in (p.id_place, p.cn_place):
                place = self.places.get(ref)
                if (place is None or not place.resolved) and ref not in seen:
                    seen[ref] = p
        return tuple((p, self.places.get(ref) or Place(ref, None, None, "unresolved"))
                     for ref, p in seen.items())


def prepare(data_path: Path | str = DATA_PATH, *, seeds_dir: Path | str = SEEDS_DIR,
            online: bool | None = None, cache_path: Path | str | None = None) -> Prepared:
    """Load, validate, geocode and index one dataset; never raises for bad input files."""
    with collections_paused():
        return _prepare(Path(data_path), seeds_dir, online, cache_path)


@contextmanager
def collections_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a dataset is built.

    Every row makes a dozen objects that are kept, never garbage, and each full collection
    walks all of them again (and everything the server holds): a third of the time at 30,000
    rows. Whatever garbage is made meanwhile is collected as usual afterwards. (Also used to
    read and write the prepared dataset on disk: unpickling makes as many objects.)
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def keep_for_good() -> None:
    """Tell Python's cycle collector that everything alive now stays (`gc.freeze`).

    A server keeps its prepared dataset for its whole life, and each full collection would walk
    every row of it again: about a second of a 30,000-row first page run. The prepared data hold
    no reference cycles, so a dataset dropped later is still freed (by reference counting). The
    price, once per dataset: what is cyclic garbage at this instant (a few dozen objects after a
    preparation), and cycles alive now that die later (the state of a session open now), are
    never freed.
    """
    gc.freeze()


def _prepare(data_path: Path, seeds_dir: Path | str, online: bool | None,
             cache_path: Path | str | None) -> Prepared:
    """What `prepare` does, with the collector paused."""
    dataset = load_partnerships(data_path, seeds_dir=seeds_dir)
    gazetteer = load_gazetteer()
    resolution = resolve_places(dataset.partnerships, online=online, cache_path=cache_path,
                                gazetteer=gazetteer)
    milestones, milestone_problems = _load_milestones(data_path, dataset, seeds_dir)
    articles, article_problems = load_articles(seeds_dir)
    return Prepared(
        data_path=data_path,
        dataset=dataset,
        places=resolution.places,
        geocoding_warnings=tuple(resolution.warnings),
        milestones_by_id=group_milestones(milestones),
        milestone_problems=tuple(milestone_problems),
        articles=tuple(articles),
        article_problems=tuple(article_problems),
        gazetteer=gazetteer,
        bends=arc_bends(dataset.partnerships, resolution.places),
        choices=Choices.from_partnerships(dataset.partnerships),
        by_id={p.id: p for p in dataset.partnerships},
    )


def _load_milestones(data_path: Path, dataset: Dataset, seeds_dir: Path | str,
                     ) -> tuple[tuple[Milestone, ...], tuple[Problem, ...]]:
    """The milestones beside the dataset; an unusable file is one problem, never an error."""
    path = milestones_beside(data_path)
    if dataset.fatal:
        return (), ()
    if not path.exists():
        return (), (Problem.of(0, "", "", Message(
            "there is no milestones.csv beside the dataset: the partnerships' histories are "
            "missing"), file=str(path)),)
    return load_milestones(path, dataset.partnerships, seeds_dir=seeds_dir,
                           dropped=dataset.dropped)


def problems_in(prepared: Prepared) -> tuple[Problem, ...]:
    """Every problem of the input files, in file order; each is translated where it is shown."""
    return (*prepared.dataset.problems, *prepared.milestone_problems, *prepared.article_problems)


def excerpts_of(prepared: Prepared, partnership_id: str) -> tuple[Excerpt, ...]:
    """One partnership's article passages, best first: what its details need, and no more."""
    p = prepared.by_id.get(partnership_id)
    return tuple(excerpts_for(p, prepared.articles, prepared.gazetteer)) if p else ()


def excerpts_by_id(prepared: Prepared) -> dict[str, tuple[Excerpt, ...]]:
    """Every partnership's article passages, best first (only those with at least one)."""
    found = {}
    for p in prepared.partnerships:
        excerpts = excerpts_for(p, prepared.articles, prepared.gazetteer)
        if excerpts:
            found[p.id] = tuple(excerpts)
    return found
