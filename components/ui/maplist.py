"""The map as a list: a text alternative for readers who cannot see the map, and a way to pick
a partnership on a phone, where thin arcs are hard to tap."""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from components.i18n.formats import format_partial_date
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_LABELS, sentence_case
from components.models import Partnership
from components.ui.details import pair_title
from components.ui.text import plain

MAX_ROWS = 500  # beyond this the table below the map lists them all


def list_rows(t, shown: Sequence[Partnership]) -> list[str]:
    """One line per shown partnership: both names, the level, the stage and the date."""
    rows = []
    for p in shown[:MAX_ROWS]:
        date = format_partial_date(p.date, t.lang) if p.date else t("date unknown")
        rows.append(f"{pair_title(p, t.lang)} · {sentence_case(t(LEVEL_LABELS[p.id_level]))} · "
                    f"{sentence_case(t(STAGE_LABELS[p.stage]))} · {date}")
    return rows


def show_map_as_list(t, sentence: str, shown: Sequence[Partnership], filled: bool = True) -> None:
    """An expander under the map: what the map shows, in words, each row selectable.

    On the first screen it is drawn closed and empty (the browser renders a closed expander's
    text too), and filled in the next run."""
    with st.expander(t("Map as a list"), icon=":material/list:"):
        if not filled:
            return
        st.markdown(plain(sentence))
        if not shown:
            return
        st.markdown("\n".join(f"- {plain(row)}" for row in list_rows(t, shown)))
        if len(shown) > MAX_ROWS:
            st.caption(plain(t("The first {n} are listed; the table below lists them all.")
                             .format(n=MAX_ROWS)))
        st.caption(plain(t("To open one, choose it in the Partnership box.")))
