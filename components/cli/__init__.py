"""The command line's subcommands, one module each; only the command that runs is imported.

`COMMANDS` maps each command to its one-line help, so `python -m components --help` lists them
all without importing any (the benchmark's and the export's modules pull in folium, pandas or
Playwright; `validate` must start without them). Every command prints problems the one way,
`Problem.format()`: `FILE:LINE: COLUMN: 'value': message`.
"""

import importlib
from types import ModuleType

COMMANDS = {
    "validate": "check the data files and list every problem in them",
    "geocode": "resolve every partner to coordinates and print them as CSV",
    "export": "write the map as standalone HTML and/or the data as GeoJSON",
    "candidates": "find partnerships in the articles that the dataset lacks",
    "bench": "benchmark Kembar against a naive streamlit-folium app",
    "loadtest": "load-test the app: N browser sessions changing filters at once",
}


def load_command(name: str) -> ModuleType:
    """Import one command's module (it has `register(subparsers)` and `run(args)`)."""
    return importlib.import_module(f"components.cli.{name}")
