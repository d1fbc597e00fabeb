"""The view options of the command line, named after the app's URL parameters and read by the
same parser (components.viewstate), so `--level city --as-of 2015` means what `?level=city&as_of=2015`
means in the app."""

from __future__ import annotations

import argparse

from components.viewstate import LANGUAGES, Choices, ViewState, view_from_params

# option -> URL parameter; each takes the URL's text form ("city,regency", "2015", "0").
OPTIONS = {
    "--level": ("level", "Indonesian partner's level: province, city, regency (comma-separated)"),
    "--stage": ("stage", "exploration, loi, mou, agreement (comma-separated)"),
    "--year-from": ("year_from", "first year of the stage's date"),
    "--year-to": ("year_to", "last year of the stage's date"),
    "--undated": ("undated", "0: leave out partnerships with no date"),
    "--id-province": ("id_province", "Indonesian provinces (comma-separated)"),
    "--cn-province": ("cn_province", "Chinese provinces (comma-separated)"),
    "--field": ("field", "cooperation fields (;-separated)"),
    "--search": ("q", "search text, as the app's search box"),
    "--as-of": ("as_of", "the network as it stood at the end of this year"),
    "--selected": ("selected", "a partnership id to emphasise"),
    "--focus": ("place", "a place to focus on, as the app's Place box: its partnerships drawn "
                         "full, the others faded (pictures only)"),
    "--shade": ("shade", "provinces: shade the provinces by their shown partnerships"),
}


def add_view_options(parser: argparse.ArgumentParser) -> None:
    """Add the filter, language and place options to an export-like command."""
    group = parser.add_argument_group("view (as the app's URL parameters)")
    for option, (param, help_text) in OPTIONS.items():
        group.add_argument(option, dest=f"view_{param}", metavar="VALUE", help=help_text)
    group.add_argument("--place", default="", metavar="NAME",
                       help="only the partnerships of this place or province (any of its names)")
    group.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the text")


def view_from_args(args: argparse.Namespace, choices: Choices) -> tuple[ViewState, tuple[str, ...]]:
    """The view the options describe, and one notice per value that had to be ignored."""
    params = {param: value for _, (param, _) in OPTIONS.items()
              if (value := getattr(args, f"view_{param}", None)) is not None}
    params["lang"] = args.lang
    return view_from_params(params, choices=choices)


def has_view_options(args: argparse.Namespace) -> bool:
    """Whether any filter or the place was given (the language alone filters nothing)."""
    return bool(args.place) or any(getattr(args, f"view_{param}", None) is not None
                                   for _, (param, _) in OPTIONS.items())
