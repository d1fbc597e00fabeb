"""The naive peer the benchmark compares Kembar with: what a typical streamlit-folium tutorial does.

One `folium.PolyLine` per partnership with a tooltip and a popup, `st_folium(m)` with its
defaults, the whole map rebuilt on every rerun, the table read with pandas and cached. It uses
the same offline geocoder as Kembar (so geocoding costs the same) and Leaflet and jQuery from
local files (so it renders offline); everything else is the tutorial's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium
import pandas as pd

from components.map.assets import ensure_static_assets
from components.places.chain import resolve_refs
from components.models import PlaceRef

SCRIPT_NAME = "peer_app.py"
LEVELS = ("All", "province", "city", "regency")
COLOURS = {"province": "#D55E00", "city": "#0072B2", "regency": "#009E73"}
ASSET_BASE = "/app/static/kembar"

# The tutorial page, as written to the temporary folder; the data file comes from KEMBAR_DATA.
SCRIPT = '''\
"""Naive peer: one PolyLine per partnership, the whole map rebuilt on every rerun."""
import os

import streamlit as st
from streamlit_folium import st_folium

from components.bench import peer as benchpeer

st.set_page_config(page_title="Naive peer", layout="wide")


@st.cache_data
def load(path):
    return benchpeer.locate(benchpeer.read_rows(path))


rows = load(os.environ["KEMBAR_DATA"])
level = st.selectbox("Level", benchpeer.LEVELS, key="level")
shown = rows if level == "All" else rows[rows["id_level"] == level]
st.write(f"{len(shown)} partnerships")
st_folium(benchpeer.naive_map(shown))
'''


def read_rows(path: Path | str) -> pd.DataFrame:
    """The CSV as text columns, as a tutorial reads it (no validation)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ref(row, side: str) -> PlaceRef:
    if side == "id":
        return PlaceRef("ID", row.id_name, row.id_level, row.id_province)
    return PlaceRef("CN", row.cn_name or row.cn_name_zh, row.cn_level, row.cn_province,
                    name_zh=row.cn_name_zh)


def locate(rows: pd.DataFrame) -> pd.DataFrame:
    """Add both partners' coordinates (the same offline geocoder as Kembar); drop the unplaced."""
    pairs = [(_ref(r, "id"), _ref(r, "cn")) for r in rows.itertuples(index=False)]
    places = resolve_refs([ref for pair in pairs for ref in pair], online=False).places
    located = rows.copy()
    for index, side in enumerate(("id", "cn")):
        located[f"{side}_lat"] = [places[pair[index]].lat for pair in pairs]
        located[f"{side}_lon"] = [places[pair[index]].lon for pair in pairs]
    return located.dropna(subset=["id_lat", "id_lon", "cn_lat", "cn_lon"]).reset_index(drop=True)


def _popup_html(row) -> str:
    """Every column of the row as a small HTML table, sources as links (as tutorials do)."""
    cells = [f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in row._asdict().items()
             if name not in ("sources", "id_lat", "id_lon", "cn_lat", "cn_lon")]
    links = " ".join(f'<a href="{url}" target="_blank">source</a>'
                     for url in str(row.sources).split(" ; ") if url)
    return f"<table>{''.join(cells)}</table><p>{links}</p>"


def naive_map(rows: pd.DataFrame) -> folium.Map:
    """A fresh map with one PolyLine (tooltip + popup) per row, Leaflet and jQuery served locally."""
    m = folium.Map(location=(12.0, 112.0), zoom_start=4, tiles=None)
    m.default_js = [("leaflet", f"{ASSET_BASE}/leaflet/leaflet.js"),
                    ("jquery", f"{ASSET_BASE}/jquery/jquery.min.js")]
    m.default_css = [("leaflet_css", f"{ASSET_BASE}/leaflet/leaflet.css")]
    for row in rows.itertuples(index=False):
        folium.PolyLine([(row.id_lat, row.id_lon), (row.cn_lat, row.cn_lon)],
                        color=COLOURS.get(row.id_level, "#555555"), weight=2, opacity=0.7,
                        tooltip=f"{row.id_name} – {row.cn_name}",
                        popup=folium.Popup(_popup_html(row), max_width=320)).add_to(m)
    return m


def write_peer(directory: Path | str) -> Path:
    """Write the peer's script and its local Leaflet and jQuery into `directory`; return the script."""
    from xstatic.pkg import jquery  # XStatic-jQuery: only the benchmark's peer needs it

    directory = Path(directory)
    static = ensure_static_assets(directory)
    target = static / "jquery" / "jquery.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(jquery.BASE_DIR) / "jquery.min.js", target)
    script = directory / SCRIPT_NAME
    script.write_text(SCRIPT, encoding="utf-8")
    return script
