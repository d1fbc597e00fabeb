"""`python -m components candidates [ARTICLE ...] [--data CSV]`: partnerships the articles report
that the dataset lacks. `--evaluate DIR` measures the reader on a corpus instead.

Prints a CSV in the dataset's format (header first), each candidate row followed by the
sentences it came from and its confidence and reasons as `# ` comment lines; a summary goes to
stderr. Defaults: every article in seeds/, data/partnerships.csv. Exit status: 0 when the run completed (also when it
found nothing), 2 when the dataset or the gazetteer cannot be used or no article could be read.

With `--evaluate DIR` (DIR holds articles/*.txt and expected.csv, as tests/corpus does) it prints
the pairs found, expected and right, then precision, recall, stage accuracy and date accuracy;
`--part dev` or `--part heldout` reads two thirds or the other third (every third article in
name order is held out); `--verbose` lists every miss.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components import SEEDS_DIR, settings
from components.news.articles import Article, load_article, load_articles
from components.news.candidates import Candidate, find_candidates

from components.dataset.writer import to_csv
from components.errors import UnusableFile
from components.places.gazetteer import load_gazetteer
from components.models import Problem
from components.dataset.partnerships import load_partnerships



def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `candidates` command."""
    parser = subparsers.add_parser(
        "candidates", help="find partnerships in the articles that the dataset lacks",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE",
                        help="article files (default: every *.txt in seeds/)")
    parser.add_argument("--data", type=Path, default=None, metavar="CSV",
                        help="partnerships file (default: $KEMBAR_DATA, else data/partnerships.csv)")
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR",
                        help="articles folder used when no ARTICLE is given (default: seeds/)")
    parser.add_argument("--gazetteer", type=Path, default=None, metavar="CSV",
                        help="gazetteer file (default: data/gazetteer.csv)")
    parser.add_argument("--evaluate", type=Path, default=None, metavar="DIR",
                        help="measure the reader on a corpus (DIR/articles, DIR/expected.csv)")
    parser.add_argument("--part", choices=("all", "dev", "heldout"), default="all",
                        help="with --evaluate: the whole corpus, or its dev or held-out part")
    parser.add_argument("--verbose", action="store_true",
                        help="with --evaluate: list every pair missed or not expected")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Find the candidates and print them; return the exit status (0 or 2)."""
    if args.evaluate is not None:
        return _evaluate(args.evaluate, args.part, args.verbose)
    dataset = load_partnerships(args.data or settings.current().data)
    if dataset.fatal:
        _report(dataset.problems, "the dataset cannot be used")
        return 2
    try:
        gazetteer = load_gazetteer(args.gazetteer)
    except UnusableFile as error:
        _report(error.problems, "the gazetteer cannot be used")
        return 2
    articles, problems = _articles(args.articles, args.seeds or SEEDS_DIR)
    _report(problems, "")
    if not articles:
        print("no article could be read", file=sys.stderr)
        return 2
    candidates = find_candidates(articles, dataset.partnerships, gazetteer)
    sys.stdout.write(format_candidates(candidates, dataset.columns))
    _summary(candidates, articles)
    return 0


def _evaluate(directory: Path, part: str, verbose: bool) -> int:
    """Print the corpus figures; 2 when the corpus is not usable."""
    from components.news.reader.evaluate import evaluate, format_score  # only this command
    if not (directory / "expected.csv").is_file() or not (directory / "articles").is_dir():
        print(f"{directory}: needs articles/ and expected.csv", file=sys.stderr)
        return 2
    try:
        score = evaluate(directory, part)
    except (UnusableFile, KeyError, OSError) as error:
        print(f"{directory}: cannot evaluate: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(format_score(score, verbose))
    return 0


def format_candidates(candidates: list[Candidate], columns: tuple[str, ...] = ()) -> str:
    """The CSV text: the header, then each row followed by its sentences as `# ` lines."""
    lines = [to_csv([], columns=columns).rstrip("\n")]
    for candidate in candidates:
        lines.append(to_csv([candidate.partnership], columns=columns).split("\n", 1)[1].rstrip("\n"))
        lines.extend(f"# {sentence}" for sentence in candidate.sentences)
        notes = "; ".join(str(n) for n in (*candidate.reasons, *candidate.warnings))
        lines.append(f"# confidence {candidate.confidence:.0%}: {notes}")
    return "\n".join(lines) + "\n"


def _articles(paths: list[Path], seeds_dir: Path) -> tuple[list[Article], list[Problem]]:
    """The named articles (or the whole seeds folder) and the problems of those unreadable."""
    if not paths:
        return load_articles(seeds_dir)
    articles, problems = [], []
    for path in paths:
        try:
            articles.append(load_article(path))
        except UnusableFile as error:
            problems.extend(error.problems)
            continue
        if path.resolve().parent != SEEDS_DIR.resolve():
            print(f"{path}: not in seeds/; copy it there so that its `sources` entry "
                  f"seeds/{path.name} is valid", file=sys.stderr)
    return articles, problems


def _report(problems: tuple[Problem, ...] | list[Problem], conclusion: str) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if conclusion:
        print(conclusion, file=sys.stderr)


def _summary(candidates: list[Candidate], articles: list[Article]) -> None:
    read = f"{len(articles)} article{'s' * (len(articles) != 1)} read"
    if candidates:
        print(f"{read}: {len(candidates)} candidate{'s' * (len(candidates) != 1)} not in the "
              "dataset; check each against its source before adding it", file=sys.stderr)
    else:
        print(f"{read}: no candidates; every partnership the articles name is already in the "
              "dataset", file=sys.stderr)
