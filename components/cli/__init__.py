"""The command line's subcommands, one module each, collected by components.__main__."""

import importlib
from types import ModuleType

COMMANDS = ("validate", "geocode", "export", "candidates", "bench", "loadtest")


def load_commands() -> list[ModuleType]:
    """Import each command module, in the order the help lists them."""
    return [importlib.import_module(f"components.cli.{name}") for name in COMMANDS]
