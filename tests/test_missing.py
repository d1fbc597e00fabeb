"""What the page says is missing: rows of the file it could not use, counted against the file."""

from __future__ import annotations

import pytest

from components.dataset.partnerships import load_partnerships
from components.view.missing import find_shortfall
from components.viewstate import Choices, view_from_params
from tests.samples import write_copy


@pytest.mark.parametrize(("broken", "unused"), [
    ({}, 0),
    ({2: ("stage", "signed")}, 1),
    ({2: ("stage", "signed"), 5: ("id_level", "village"), 9: ("sources", "")}, 3),
])
def test_unused_rows_are_counted_against_the_files_rows(tmp_path, broken, unused):
    path, rows = write_copy(tmp_path, broken)
    found = find_shortfall(load_partnerships(path), path)
    assert (found.file, found.rows, found.unused) == ("partnerships.csv", len(rows), unused)
    assert set(found.problem_ids) == {rows[i]["id"] for i in broken}
    assert found.shown_whole is (not broken)


def test_a_missing_milestones_file_is_said(tmp_path):
    path, _ = write_copy(tmp_path, {}, milestones=False)
    assert find_shortfall(load_partnerships(path), path).milestones_missing


def test_a_link_to_a_broken_row_says_the_row_has_a_problem(tmp_path):
    path, rows = write_copy(tmp_path, {2: ("stage", "signed")})
    dataset = load_partnerships(path)
    found = find_shortfall(dataset, path)
    choices = Choices.from_partnerships(dataset.partnerships)
    broken, fine = rows[2]["id"], rows[3]["id"]
    view, notices = view_from_params({"selected": broken},
                                     choices=Choices(**{**choices.__dict__, "problem_ids": found.problem_ids}))
    assert view.selected is None
    assert notices == (f"Cannot open {broken}: its row (line 4) has a problem; see Data problems.",)
    view, notices = view_from_params({"selected": "no-such-id"}, choices=choices)
    assert notices == ("Ignored selected=no-such-id: no partnership has this id.",)
    assert view_from_params({"selected": fine}, choices=choices)[0].selected == fine
