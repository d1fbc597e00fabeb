"""The command line as a whole: lazy commands, light `validate`, quiet on a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
import pytest

from components import ROOT
from components.cli import COMMANDS
from components.models import Problem

HEAVY = ("folium", "streamlit", "pandas", "playwright", "components.cli.bench",
         "components.cli.export", "components.cli.geocode")
PROBE = """
import sys
from components.__main__ import main
status = main(["validate"])
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {top}
               or name in {commands})
print("HEAVY:", ",".join(heavy), file=sys.stderr)
sys.exit(status)
"""


def test_validate_imports_none_of_the_heavy_libraries_nor_other_commands():
    tops = {name for name in HEAVY if "." not in name}
    commands = {name for name in HEAVY if "." in name}
    done = subprocess.run([sys.executable, "-c", PROBE.format(top=tops, commands=commands)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "HEAVY: \n" in done.stderr  # the line lists nothing


@pytest.mark.parametrize("command", ["validate", "geocode", "candidates"])
def test_a_closed_pipe_ends_quietly(command):
    """As `python -m components geocode | head -1` once head has gone: no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write fails with EPIPE
    try:
        done = subprocess.run([sys.executable, "-m", "components", command], cwd=ROOT,
                              stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr and b"BrokenPipeError" not in done.stderr
    assert done.returncode == 141


def test_help_lists_every_command_without_importing_them():
    done = subprocess.run([sys.executable, "-c", "import sys\nfrom components.__main__ import "
                           "build_parser\nbuild_parser().format_help()\nprint(sorted(n for n in "
                           "sys.modules if n.startswith('components.cli.')))"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
    help_text = subprocess.run([sys.executable, "-m", "components", "--help"], cwd=ROOT,
                               capture_output=True, text=True, timeout=60).stdout
    assert all(name in help_text and summary in help_text.replace("\n", " ").replace("  ", " ")
               for name, summary in COMMANDS.items() if len(summary) < 50)


def test_every_command_registers_under_its_name():
    from components.__main__ import build_parser
    for name in COMMANDS:
        args = build_parser(name).parse_args([name])
        assert args.command == name and callable(args.func)


def test_one_problem_format():
    problem = Problem(3, "date", "2016-13", "month {month} does not exist", "data/p.csv",
                      params=(("month", 13),))
    assert str(problem) == "data/p.csv:3: date: '2016-13': month 13 does not exist"
    assert Problem(0, "", "", "the file is empty", "x.csv").format() == "x.csv: the file is empty"
