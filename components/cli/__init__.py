"""The command line's subcommands, one module each, collected by components.__main__."""

import importlib

COMMANDS = ("validate", "geocode", "export", "candidates", "bench", "loadtest")


def load_commands() -> list:
    """Import each command module that exists, in the order the help lists them."""
    modules = []
    for name in COMMANDS:
        try:
            modules.append(importlib.import_module(f"components.cli.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"components.cli.{name}":
                raise
    return modules
