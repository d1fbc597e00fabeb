"""The load-test benchmark: its expectations match the app's filters, and a short run is clean.

The smoke run (2 sessions × 10 s) asserts zero errors and exact arc counts only; its timings
depend on the machine and are reported, not asserted. The full run is
`python -m components loadtest` (12 sessions × 60 s).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from components.cli.loadtest import table
from components.bench.loadtest import (LINKS, build_scenarios, expected_arcs, percentile,
                                 run_loadtest)
from components.pipeline import prepare
from tests.browser import require_chromium

ROOT = Path(__file__).resolve().parent.parent
ROWS = list(csv.DictReader((ROOT / "data" / "partnerships.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def prepared():
    return prepare(online=False)


@pytest.mark.parametrize("link, expected", [
    ("", len(ROWS)),
    ("?level=city", sum(r["id_level"] == "city" for r in ROWS)),
    ("?stage=loi", sum(r["stage"] == "loi" for r in ROWS)),
    ("?id_province=Jawa%20Tengah", sum(r["id_province"] == "Jawa Tengah" for r in ROWS)),
    ("?level=town", len(ROWS)),  # an unknown value is ignored, as the app does
])
def test_expected_arcs_follow_the_link(prepared, link, expected):
    # Every place of the shipped dataset is on the map, so arcs == partnerships shown.
    assert len(prepared.drawable_ids) == len(ROWS)
    assert expected_arcs(prepared, link) == expected


def test_every_scenario_alternates_between_two_different_counts(prepared):
    scenarios = build_scenarios(prepared, 14)
    assert [s.link for s in scenarios] == [LINKS[i % len(LINKS)] for i in range(14)]
    for s in scenarios:
        assert s.expected[0] != s.expected[1]
        assert s.expected == tuple(expected_arcs(prepared, s.link, q) for q in s.searches)


@pytest.mark.parametrize("values, fraction, expected", [
    ([], 0.95, None), ([3.0], 0.95, 3.0), (list(range(1, 101)), 0.95, 95),
    (list(range(1, 101)), 0.5, 50), ([5, 1, 3], 0.5, 3),
])
def test_percentile_is_nearest_rank(values, fraction, expected):
    assert percentile(values, fraction) == expected


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_a_short_run_has_no_errors_and_exact_counts(tmp_path):
    require_chromium()
    summary = run_loadtest(2, 10, log_dir=tmp_path)
    print(table(summary))
    assert summary["errors"] == 0, [r["errors"] for r in summary["results"]]
    assert summary["blocked_requests"] == []
    for result in summary["results"]:
        assert result["load_seconds"] is not None and result["changes"], result
    assert summary["rss_peak_mib"] >= summary["rss_warm_mib"] > 0
