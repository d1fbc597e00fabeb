"""`python -m components COMMAND`: validate, geocode, export, find candidates, benchmark."""

from __future__ import annotations

import argparse
import sys

from components.cli import load_commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m components",
        description="Kembar: Indonesia–China sister-region partnerships, from the command line.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in load_commands():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
