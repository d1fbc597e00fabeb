"""Kembar's Streamlit entry point: page config, caching, and the order things happen in.

Run with `streamlit run app.py`. The dataset is `data/partnerships.csv`, or the file named by
KEMBAR_DATA; online geocoding only with KEMBAR_ONLINE=1; online map tiles only with KEMBAR_TILES=1
(every setting is read by components.settings).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.connections import disable_nagle
from components.map.assets import ensure_static_assets, write_outlines
from components.i18n.translator import get_translator
from components.map.build import ASSET_BASE, build_arcs_layer, build_base_map
from components import settings
from components.view.missing import find_shortfall
from components.pipeline import (Prepared, collections_paused, excerpts_by_id, excerpts_of,
                                 keep_for_good, problems_in)
from components.prepcache import load_or_prepare, save_unsaved
from components.ui import render_page
from components.ui.page import Services
from components.ui.state import current_language

APP_DIR = Path(__file__).resolve().parent

st.set_page_config(page_title="Kembar — Indonesia–China sister regions", page_icon="🤝",
                   layout="wide")


@st.cache_resource(show_spinner=False)
def quick_connections() -> int:
    """Nagle's algorithm off on the server's connections, once per server: Streamlit leaves it on,
    and every file the map's frame loads then waited 40 ms (components.connections)."""
    return disable_nagle()


@st.cache_resource(show_spinner=False)
def static_assets() -> Path:
    """Leaflet copied from the installed XStatic-Leaflet package into ./static, once per server."""
    return ensure_static_assets(APP_DIR)


@st.cache_resource(show_spinner=False, max_entries=4)
def prepared_dataset(path: str, modified: float, online: bool) -> Prepared:
    """The dataset loaded, checked and geocoded; reloaded when the file changes, and read from
    disk when these exact files were prepared before (components.prepcache)."""
    with collections_paused():  # frozen before the collector ever walks it (components.pipeline)
        prepared = load_or_prepare(path, online=online, save_now=False)  # saved after the page
        keep_for_good()
    return prepared


@st.cache_resource(show_spinner=False)
def outlines_url() -> str:
    """The country outlines as a static file the browser fetches once (not inlined each run)."""
    return f"{ASSET_BASE}/{write_outlines(static_assets())}"


def base_map(lang: str, tiles: bool):
    """The part of the map that never changes with the filters: built afresh each run (cheap),
    because st_folium adds the arcs layer to the map object it is given."""
    return build_base_map(translate=get_translator(lang), tiles="OpenStreetMap" if tiles else None,
                          outlines_url=outlines_url())




def modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(show_spinner=False)
def loaded() -> set[tuple[str, float]]:
    """The dataset files already prepared in this server: only a cold start shows a message."""
    return set()


def load(path: Path, online: bool) -> Prepared:
    """The prepared dataset; the first time, with a message in the reader's language meanwhile."""
    key = (str(path), modified(path))
    message = st.empty()  # on every run, so the page's elements keep their places
    if key in loaded():
        return prepared_dataset(*key, online)
    t = get_translator(current_language())
    message.info(t("Loading the partnerships and placing them on the map…"), icon=":material/hourglass_top:")
    result = prepared_dataset(*key, online)
    loaded().add(key)
    message.empty()
    return result


quick_connections()
config = settings.current()
path = config.data
static_assets()
prepared = load(path, config.online)


def arcs_layer(ids: tuple[str, ...], lang: str, selected: str | None, focus: str | None,
               focused: frozenset[str]):
    """The shown arcs, with the dataset-wide fan-out so an arc keeps its shape under filters."""
    shown = [prepared.by_id[i] for i in ids]
    return build_arcs_layer(shown, prepared.places, translate=get_translator(lang),
                            selected=selected, bends=prepared.bends, focus=focus, focused=focused)


@st.cache_resource(show_spinner=False, max_entries=4)
def excerpts(_prepared: Prepared, key: tuple[str, float]):
    """Every partnership's article passages, found once per dataset file."""
    return excerpts_by_id(_prepared)


@st.cache_resource(show_spinner=False, max_entries=256)
def partnership_excerpts(_prepared: Prepared, key: tuple[str, float], partnership_id: str):
    """One partnership's article passages, for its details: the first screen needs no others."""
    return excerpts_of(_prepared, partnership_id)


@st.cache_resource(show_spinner=False, max_entries=4)
def candidates(_prepared: Prepared, key: tuple[str, float]):
    """The partnerships the articles report that the dataset lacks, once per dataset file."""
    from components.news.candidates import find_candidates  # the first screen needs none

    return find_candidates(_prepared.articles, _prepared.partnerships, _prepared.gazetteer)


@st.cache_resource(show_spinner=False, max_entries=4)
def shortfall(_prepared: Prepared, key: tuple[str, float]):
    """The file's rows the page cannot show, counted once per dataset file."""
    return find_shortfall(_prepared.dataset, _prepared.data_path)


key = (str(path), modified(path))
whole_page = render_page(prepared, Services(
    base_map=base_map,
    arcs_layer=arcs_layer,
    excerpts=lambda: excerpts(prepared, key),
    excerpts_of=lambda partnership_id: partnership_excerpts(prepared, key, partnership_id),
    candidates=lambda: candidates(prepared, key),
    problems=lambda: problems_in(prepared),
    tiles=config.tiles,
    shortfall=lambda: shortfall(prepared, key),
))
if whole_page:  # kept on disk for the next server only now: the first map never waits for it
    save_unsaved()
