"""`python -m components COMMAND`: validate, geocode, export, find candidates, benchmark.

Only the chosen command's module is imported. Every command ends quietly when its reader goes
away (`python -m components geocode | head -1`): no traceback, exit status 141 as for SIGPIPE.
"""

from __future__ import annotations

import argparse
import os
import sys

from components.cli import COMMANDS, load_command

CLOSED_PIPE_STATUS = 141  # 128 + SIGPIPE, what a shell reports for a command cut off by `head`


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the full options of `command` only (the others as one-line entries)."""
    parser = argparse.ArgumentParser(
        prog="python -m components",
        description="Kembar: Indonesia–China sister-region partnerships, from the command line.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary in COMMANDS.items():
        if name == command:
            load_command(name).register(subparsers)
        else:
            subparsers.add_parser(name, help=summary, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    args = build_parser(command if command in COMMANDS else None).parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped reading: point stdout at /dev/null so the interpreter's final
        # flush does not fail a second time, and end without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return CLOSED_PIPE_STATUS
    return status


if __name__ == "__main__":
    sys.exit(main())
