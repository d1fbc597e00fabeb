"""The focused place beside the map: the Place box, and the place's portfolio of partnerships."""

from __future__ import annotations

from typing import Callable, Sequence

import streamlit as st

from components.focus import FocusPlace, PlaceIndex, focus_place, is_own_tie, stage_counts
from components.i18n.formats import format_partial_date
from components.i18n.translator import Translator
from components.i18n.vocabulary import CN_LEVEL_LABELS, LEVEL_LABELS, STAGE_LABELS, sentence_case
from components.models import STAGES, Partnership, PlaceRef
from components.ui.mappanel import PLACE_KEY
from components.ui.standin import button_to_follow, row_to_follow, select_to_follow, with_look
from components.ui.text import bold, plain

CHOICES_KEY = "_kembar_place_choices"  # the places an ambiguous ?place= names
BOX_KEY = "place"  # the Place box; it mirrors PLACE_KEY
# The partners read as a list: each line left-aligned, as text that can be clicked.
_LIST_STYLE = ("<style>.st-key-kembar_portfolio button p{text-align:left}"
               ".st-key-kembar_portfolio button{justify-content:flex-start;min-height:0;"
               "padding:2px 0}</style>")


def current_focus(index: Callable[[], PlaceIndex]) -> FocusPlace | None:
    """The focused place, or None (a key no longer known clears the focus). `index` gives the
    index of places; it is only asked for when a place is focused."""
    key = st.session_state.get(PLACE_KEY)
    found = index().by_key.get(key) if key else None
    if key and found is None:
        st.session_state[PLACE_KEY] = None
    return found


def focus_from_link(index: PlaceIndex, name: str, t: Translator) -> str | None:
    """Resolve `?place=`: one place is focused; several are offered; none gives a notice."""
    found = index.resolve(name)
    if len(found) == 1:
        st.session_state[PLACE_KEY] = found[0].key
        return None
    if found:
        st.session_state[CHOICES_KEY] = tuple(place.key for place in found)
        return None
    return t("Ignored {name}={value}: no place of the dataset goes by this name.").format(
        name="place", value=name[:60])


def _level_label(t: Translator, place: FocusPlace) -> str:
    labels = LEVEL_LABELS if place.country == "ID" else CN_LEVEL_LABELS
    return sentence_case(t(labels.get(place.level, place.level)))


def place_title(t: Translator, place: FocusPlace) -> str:
    """"Provinsi Jawa Tengah (province)": a name and what kind of place it is."""
    return f"{place.label(t.lang)} ({_level_label(t, place)})"


def pick_place(t: Translator, index: PlaceIndex) -> None:
    """The Place box (type to search), and the choice an ambiguous link left open."""
    _link_choices(t, index)
    places = sorted(index.places, key=lambda p: (p.country, p.label(t.lang).casefold()))
    keys = [None, *(p.key for p in places)]
    titles = {p.key: place_title(t, p) for p in places}
    prompt = t("All places")
    st.session_state[BOX_KEY] = current = st.session_state.get(PLACE_KEY)
    with_look("place", lambda: select_to_follow(t("Place"), titles.get(current, prompt),
                                                current not in titles),
              lambda: st.selectbox(t("Place"), keys, key=BOX_KEY, placeholder=prompt,
                                   on_change=_from_box,
                                   format_func=lambda k: prompt if k is None else titles[k],
                                   help=t("Focus on a place: its partnerships stand out on the "
                                          "map. Or click a place's circle on the map.")))


def place_to_follow(t: Translator, focus: FocusPlace | None,
                    index: Callable[[], PlaceIndex]) -> None:
    """The Place box's look on a session's first screen (see standin.py), and the choice an
    ambiguous link left open; the index of places is only built when that choice needs it."""
    if st.session_state.get(CHOICES_KEY):
        _link_choices(t, index())
    with_look("place", lambda: select_to_follow(
        t("Place"), place_title(t, focus) if focus else t("All places"), focus is None), None)


def _link_choices(t: Translator, index: PlaceIndex) -> None:
    choices = st.session_state.get(CHOICES_KEY) or ()
    if choices:
        st.info(plain(t("Which place did you mean?")), icon=":material/help:")
        for key in choices:
            place = index.by_key[key]
            st.button(place_title(t, place), key=f"choose_{key}", on_click=_choose, args=(key,))


def _from_box() -> None:
    st.session_state[PLACE_KEY] = st.session_state[BOX_KEY]


def _choose(key: str) -> None:
    st.session_state[PLACE_KEY] = key
    st.session_state[CHOICES_KEY] = ()


def _select(partnership_id: str) -> None:
    st.session_state["selected"] = partnership_id


def _clear() -> None:
    st.session_state[PLACE_KEY] = None


def _partner_line(t: Translator, index: PlaceIndex, place: FocusPlace, p: Partnership) -> str:
    """Partner, level, stage, date; a tie of a place inside a province names that place too."""
    lang = t.lang

    def name(ref: PlaceRef) -> str:
        found = index.by_key.get(focus_place(ref).key)
        return found.label(lang) if found and ref.level != "province" else ref.name

    indonesian = name(p.id_place)
    chinese = (p.cn_name_zh or p.cn_name) if lang == "zh" else (p.cn_name or p.cn_name_zh)
    if place.country == "ID":
        partner, level, own = chinese, t(CN_LEVEL_LABELS[p.cn_level]), indonesian
    else:
        partner, level, own = indonesian, t(LEVEL_LABELS[p.id_level]), chinese
    if not is_own_tie(place, p):
        partner = f"{own} — {partner}"
    stage = sentence_case(t(STAGE_LABELS[p.stage]))
    return " · ".join((partner, level, stage, format_partial_date(p.date, lang)))


def show_portfolio(t: Translator, index: PlaceIndex, place: FocusPlace,
                   ties: Sequence[Partnership], hidden: int, to_follow: bool = False) -> None:
    """The place's name, its partnerships per stage, and each partner opening its details;
    with `to_follow` (a session's first screen), the buttons' look alone (see standin.py)."""
    st.subheader(plain(place.label(t.lang)))
    st.caption(plain(_level_label(t, place)))
    counts = stage_counts(ties, STAGES)
    st.markdown(" · ".join(f"{plain(sentence_case(t(STAGE_LABELS[s])))}: **{n}**"
                           for s, n in counts.items()))
    if hidden:
        st.caption(plain(t.ngettext("{n} more partnership of this place is hidden by the filters.",
                                    "{n} more partnerships of this place are hidden by the filters.",
                                    hidden).format(n=hidden)))
    own = [p for p in ties if is_own_tie(place, p)]
    inside = [p for p in ties if not is_own_tie(place, p)]
    groups = ((t("Its own partnerships"), own), (t("Partnerships of places inside it"), inside))
    st.html(_LIST_STYLE)
    with st.container(key="kembar_portfolio"):
        for heading, rows in groups if place.is_province else ((t("Partners"), ties),):
            if not rows:
                continue
            st.markdown(bold(heading))
            for p in rows:
                line = _partner_line(t, index, place, p)
                with_look(f"portfolio_{p.id}", lambda: row_to_follow(line), None if to_follow else
                          lambda: st.button(line, key=f"portfolio_{p.id}", type="tertiary",
                                            on_click=_select, args=(p.id,)))
    with_look("clear_focus", lambda: button_to_follow(t("Clear the focus"), "close"),
              None if to_follow else lambda: st.button(t("Clear the focus"), key="clear_focus",
                                                       icon=":material/close:", on_click=_clear))
