"""What the page says above the map besides the sentence of what is shown: a link's notices, the
file's rows it cannot show, the filter to drop after an empty result, the year being played."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.view.notes import suggest_relaxation
from components.history import network_as_of
from components.i18n.translator import N_
from components.view.missing import Shortfall
from components.pipeline import Prepared
from components.ui import state
from components.ui.text import plain


def show_notices(t) -> None:
    """What a link asked for that cannot be shown: one message, dismissed with one click."""
    found = state.notices()
    if not found:
        return
    text = plain(found[0]) if len(found) == 1 else "\n".join(f"- {plain(n)}" for n in found)
    message, close = st.columns([0.84, 0.16], vertical_alignment="center")
    message.warning(text, icon=":material/link_off:")
    close.button(t("Dismiss"), key="dismiss_notices", on_click=state.dismiss_notices,
                 icon=":material/close:", help=t("Hide this message"))


def show_shortfall(t, shortfall: Shortfall) -> None:
    """Say above the map what the file holds that the map cannot show."""
    if shortfall.unused:
        st.warning(plain(t(
            "{n} of the {total} rows of {file} could not be used — see Data problems below the map."
            ).format(n=shortfall.unused, total=shortfall.rows, file=shortfall.file)),
            icon=":material/error:")
    if shortfall.flagged:
        st.info(plain(t.ngettext(
            "{n} row of {file} is shown with a problem flagged — see Data problems below the map.",
            "{n} rows of {file} are shown with a problem flagged — see Data problems below the map.",
            shortfall.flagged).format(n=shortfall.flagged, file=shortfall.file)), icon=":material/flag:")
    if shortfall.milestones_missing:
        st.info(plain(t("There is no milestones.csv beside {file}: the partnerships' histories are "
                        "missing.").format(file=shortfall.file)), icon=":material/history:")


# The year being played, written over the map's top-left corner (beside the zoom buttons).
PLAYING_YEAR_STYLE = """<style>
.kembar-playing-year { position: relative; height: 0; z-index: 1000; pointer-events: none; }
.kembar-playing-year span { position: absolute; top: 1.6rem; left: 3.6rem; padding: 0 .3em;
  font-size: 2.4rem; font-weight: 700; line-height: 1.2; color: #1a1a1a;
  background: rgba(255, 255, 255, .85); border-radius: 4px; }
</style>"""

# TRANSLATORS: each fills {filter} in "Without {filter}, 5 partnerships would be shown."
RELAXATION_LABELS = {"query": N_("the search"), "levels": N_("the level filter"),
                     "stages": N_("the stage filter"), "years": N_("the year range"),
                     "id_provinces": N_("the Indonesian province filter"),
                     "cn_provinces": N_("the Chinese province filter"),
                     "fields": N_("the cooperation field filter")}


def show_relaxation(t, prepared: Prepared, filters, step_years) -> None:
    """After an empty result, name the one filter whose removal shows the most."""
    source = (prepared.partnerships if filters.as_of is None else
              network_as_of(prepared.partnerships, prepared.milestones_by_id, filters.as_of).partnerships)
    found = suggest_relaxation(source, replace(filters, as_of=None), search_index=prepared.search_index,
                               step_years=step_years)
    if found is None:
        st.info(plain(t("Nothing matches these filters. Reset the filters to see every partnership.")),
                icon=":material/filter_alt_off:")
        return
    name, count = found
    st.info(plain(t.ngettext("Nothing matches these filters. Without {filter}, {n} partnership would be shown.",
                             "Nothing matches these filters. Without {filter}, {n} partnerships would be shown.",
                             count).format(filter=t(RELAXATION_LABELS[name]), n=count)),
            icon=":material/filter_alt_off:")


def show_playing_year(year: int | None) -> None:
    """While the animation plays, the year it shows, written over the map. The slot is there on
    every run (empty when not playing), so starting or stopping never moves the map's place in
    the page, which would rebuild it."""
    slot = st.empty()
    if year is not None:
        slot.html(PLAYING_YEAR_STYLE + f'<div class="kembar-playing-year" aria-live="polite">'
                  f'<span>{year}</span></div>')
