"""The province-to-province grid in the Overview: click a cell to filter the map to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Sequence

import pandas as pd
import streamlit as st
from babel.lists import format_list

from components.filters import english_list
from components.i18n.translator import Translator
from components.i18n.vocabulary import STAGE_SHORT_LABELS, sentence_case
from components.models import STAGES, Partnership
from components.provinces import (ProvinceGrid, build_grid, most_connected_pairs,
                                  without_partner)
from components.ui.text import plain
from components.view.shading import province_names_zh

if TYPE_CHECKING:
    import altair as alt

GRID_KEY = "province_grid"
EMPTY_KEY = "province_grid_empty"
SELECTION = "cell"
RERUN_APP = "_kembar_grid_chosen"  # a cell was clicked: the whole page must follow
CELL = 24  # pixels per row; columns are a little wider


def _namer(t: Translator, prepared) -> Callable[[str, str], str]:
    """A province's name in the reader's language (characters in Chinese, else the dataset's)."""
    zh = province_names_zh(prepared) if t.lang == "zh" else {}
    return lambda country, name: zh.get((country, name), name)


def _joiner(t: Translator) -> Callable[[Sequence[str]], str]:
    if t.lang == "en":
        return english_list
    return lambda items: format_list(list(items), locale=t.locale)


def grid_frame(grid: ProvinceGrid, name: Callable[[str, str], str],
               stage_label: Mapping[str, str]) -> pd.DataFrame:
    """One row per non-empty cell: both provinces (dataset names and labels), count, stage."""
    return pd.DataFrame([{
        "id_province": c.id_province, "cn_province": c.cn_province,
        "row": name("ID", c.id_province), "column": name("CN", c.cn_province),
        "count": c.count, "stage": stage_label[c.stage], "order": STAGES.index(c.stage),
    } for c in grid.cells], columns=["id_province", "cn_province", "row", "column", "count",
                                     "stage", "order"])


def grid_chart(t: Translator, frame: pd.DataFrame, rows: list[str], columns: list[str],
               stage_names: list[str], colours: Sequence[str]) -> alt.LayerChart:
    """Coloured cells with their counts (`colours`: one per stage, from exploration on, light
    to dark so the count is written in white from MoU on); a click selects both provinces."""
    import altair as alt  # here, not at import: only the Overview draws charts (0.15 s)

    cell = alt.selection_point(name=SELECTION, fields=["id_province", "cn_province"])
    x = alt.X("column:N", sort=columns, scale=alt.Scale(domain=columns), title=t("Chinese province"),
              axis=alt.Axis(orient="top", labelAngle=-50, labelLimit=140, labelOverlap=False))
    y = alt.Y("row:N", sort=rows, scale=alt.Scale(domain=rows), title=t("Indonesian province"),
              axis=alt.Axis(labelLimit=180, labelOverlap=False))
    tooltip = [alt.Tooltip("row:N", title=t("Indonesian province")),
               alt.Tooltip("column:N", title=t("Chinese province")),
               alt.Tooltip("count:Q", title=t("Partnerships")),
               alt.Tooltip("stage:N", title=t("Highest stage"))]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    rects = base.mark_rect(stroke="#FFFFFF", strokeWidth=1, cursor="pointer").encode(
        color=alt.Color("stage:N", title=t("Highest stage"), sort=stage_names,
                        scale=alt.Scale(domain=stage_names, range=list(colours)),
                        legend=alt.Legend(symbolType="square", symbolSize=180)),
        opacity=alt.condition(cell, alt.value(1.0), alt.value(0.35))).add_params(cell)
    text = base.mark_text(fontSize=11, cursor="pointer").encode(
        text="count:Q", color=alt.condition("datum.order >= 2", alt.value("#FFFFFF"),
                                            alt.value("#111111")))
    return alt.layer(rects, text).properties(width=alt.Step(CELL + 4), height=alt.Step(CELL))


def _filter_to_cell() -> None:
    """The selected cell's two provinces become the sidebar's province filters."""
    event = st.session_state.get(GRID_KEY) or {}
    chosen = ((event.get("selection") or {}).get(SELECTION) or [])
    if chosen and chosen[0].get("id_province") and chosen[0].get("cn_province"):
        st.session_state["f_id_provinces"] = [chosen[0]["id_province"]]
        st.session_state["f_cn_provinces"] = [chosen[0]["cn_province"]]
        st.session_state[RERUN_APP] = True


def show_province_grid(t: Translator, shown: Sequence[Partnership], prepared,
                       stage_colours: Mapping[str, str]) -> None:
    """The matrix of Indonesian x Chinese provinces coloured by the Overview's stage colours,
    and a line naming what stands out."""
    st.subheader(t("Province to province"))
    every = st.toggle(t("Show provinces without partnerships"), key=EMPTY_KEY)
    everyone = {country: sorted({e.province for e in prepared.gazetteer.entries
                                 if e.level == "province" and e.country == country})
                for country in ("ID", "CN")}
    grid = build_grid(shown, id_provinces=everyone["ID"] if every else (),
                      cn_provinces=everyone["CN"] if every else ())
    if not grid.cells and not every:
        st.caption(plain(t("No partnerships to show.")))
        return
    name = _namer(t, prepared)
    stage_label = {s: sentence_case(t(STAGE_SHORT_LABELS[s])) for s in STAGES}
    frame = grid_frame(grid, name, stage_label)
    chart = grid_chart(t, frame, [name("ID", r) for r, _ in grid.rows],
                       [name("CN", c) for c, _ in grid.columns], list(stage_label.values()),
                       [stage_colours[s] for s in STAGES])
    st.altair_chart(chart, key=GRID_KEY, on_select=_filter_to_cell, selection_mode=SELECTION,
                    width="content")
    if st.session_state.pop(RERUN_APP, False):
        st.rerun(scope="app")  # the grid sits in a fragment; the map must follow the filters
    st.caption(plain(grid_sentence(t, grid, name, everyone["CN"])))


def grid_sentence(t: Translator, grid: ProvinceGrid, name: Callable[[str, str], str],
                  cn_provinces: Sequence[str]) -> str:
    """"Click a cell…; most connected: A – B (4)…; no Indonesian partner: …", translated."""
    join = _joiner(t)
    parts = [t("Click a cell to show its partnerships on the map.")]
    pairs = [t("{a} – {b} ({n})").format(a=name("ID", c.id_province), b=name("CN", c.cn_province),
                                         n=c.count) for c in most_connected_pairs(grid)]
    if pairs:
        parts.append(t("Most connected: {pairs}.").format(pairs=join(pairs)))
    alone = [name("CN", p) for p in without_partner(grid, cn_provinces, "CN")]
    if alone:
        parts.append(t.ngettext("{n} Chinese province with no Indonesian partner here: {names}.",
                                "{n} Chinese provinces with no Indonesian partner here: {names}.",
                                len(alone)).format(n=len(alone), names=join(alone)))
    return " ".join(parts)
