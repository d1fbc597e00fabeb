"""Measure the reader on a corpus: DIR/articles/*.txt and DIR/expected.csv (tests/corpus).

A found pair is right when both places are the expected ones (the Indonesian by its official
name, the Chinese by its characters, else its name). Over the whole corpus:
- precision: right pairs / pairs found;
- recall: expected pairs found / expected pairs;
- stage accuracy: right pairs with the expected stage / right pairs;
- date accuracy: right pairs with exactly the expected date (same precision) / right pairs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from components.names import compact
from components.news.articles import load_article
from components.news.reader.article import Finding, read_article
from components.news.reader.places import PlaceIndex, load_places

PARTS = ("all", "dev", "heldout")  # held out: every third article in name order (3rd, 6th, ...)


@dataclass
class Score:
    """Counts over a corpus, and the lines that explain each miss."""

    found: int = 0
    expected: int = 0
    right: int = 0
    stage_right: int = 0
    date_right: int = 0
    notes: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Precision, recall, stage accuracy and date accuracy, as fractions."""
        share = lambda a, b: a / b if b else 1.0
        return {"precision": share(self.right, self.found),
                "recall": share(self.right, self.expected),
                "stage accuracy": share(self.stage_right, self.right),
                "date accuracy": share(self.date_right, self.right)}


def corpus_files(directory: Path, part: str = "all") -> list[Path]:
    """The corpus's articles, all or one part of the dev / held-out split."""
    files = sorted((directory / "articles").glob("*.txt"))
    if part == "dev":
        return [f for n, f in enumerate(files, start=1) if n % 3]
    if part == "heldout":
        return [f for n, f in enumerate(files, start=1) if not n % 3]
    return files


def load_expected(directory: Path) -> dict[str, list[dict[str, str]]]:
    """The expected pairs per file name (an empty list for a file expecting none)."""
    with (directory / "expected.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        expected.setdefault(row["file"], [])
        if row["id_name"]:
            expected[row["file"]].append(row)
    return expected


def evaluate(directory: Path, part: str = "all", index: PlaceIndex | None = None) -> Score:
    """Read every article of the corpus (or part) and score the findings."""
    index = index or load_places()
    expected = load_expected(directory)
    score = Score()
    for path in corpus_files(directory, part):
        findings = read_article(load_article(path), index).findings
        _score_file(path.name, findings, expected.get(path.name, []), score, index)
    return score


def _score_file(name: str, findings: tuple[Finding, ...], rows: list[dict[str, str]],
                score: Score, index: PlaceIndex) -> None:
    score.found += len(findings)
    score.expected += len(rows)
    unmatched = list(rows)
    for finding in findings:
        row = next((r for r in unmatched if _same_pair(finding, r, index)), None)
        label = f"{name}: {finding.id_place.name} – {finding.cn_place.name} " \
                f"({finding.stage}, {finding.date or 'no date'})"
        if row is None:
            score.notes.append(f"{label}: not expected")
            continue
        unmatched.remove(row)
        score.right += 1
        score.stage_right += finding.stage == row["stage"]
        score.date_right += finding.date == row["date"]
        if finding.stage != row["stage"] or finding.date != row["date"]:
            score.notes.append(f"{label}: expected {row['stage']}, {row['date'] or 'no date'}")
    score.notes += [f"{name}: missed {r['id_name']} – {r['cn_name']} ({r['stage']}, {r['date']})"
                    for r in unmatched]


def _same_pair(finding: Finding, row: dict[str, str], index: PlaceIndex) -> bool:
    """Whether a finding names the expected places (any name form of the same place)."""
    same_id = (compact(finding.id_place.name) == compact(row["id_name"])
               or finding.id_place in index.lookup(row["id_name"]))
    if row["cn_name_zh"] and finding.cn_place.name_zh:
        return same_id and finding.cn_place.name_zh == row["cn_name_zh"]
    return same_id and compact(finding.cn_place.name) == compact(row["cn_name"])


def format_score(score: Score, verbose: bool = False) -> str:
    """The four figures, one per line, then (verbose) every miss."""
    lines = [f"{name}: {value:.1%}" for name, value in score.figures().items()]
    lines.insert(0, f"pairs: {score.found} found, {score.expected} expected, "
                    f"{score.right} right")
    return "\n".join(lines + (score.notes if verbose else [])) + "\n"
