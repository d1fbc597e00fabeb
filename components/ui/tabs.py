"""The views below the map: table and downloads, overview charts, articles, data problems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.i18n.formats import format_number, format_partial_date
from components.dataset.writer import to_csv
from components.news.excerpts import Excerpt
from components.map.export import export_geojson, standalone_html
from components.history import durations, median_durations, stage_counts_by_year
from components.i18n.translator import Translator
from components.models import STAGES, Message, Partnership, Problem
from components.overview import count_by_level_and_stage, count_by_year, most_connected
from components.map.provinces import shaded_features
from components.provinces import count_by_province
from components.ui.articles import show_article_reader
from components.ui.details import pair_title
from components.ui.grid import show_province_grid
from components.ui.provinces import province_shading
from components.ui.text import bold, plain
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_SHORT_LABELS, sentence_case


class _Altair:
    """altair, imported when a chart is first drawn: only the Overview needs it, and importing
    it costs half a second of a fresh server's first page run."""

    def __getattr__(self, name: str):
        import altair

        return getattr(altair, name)


alt = _Altair()

# Stages from tentative to firm, light to dark (a sequential blue scale readers can order).
STAGE_COLOURS = {"exploration": "#C6DBEF", "loi": "#6BAED6", "mou": "#2171B5", "agreement": "#08306B"}


def _label(t: Translator, labels: Mapping[str, str], value: str) -> str:
    return sentence_case(t(labels[value])) if value in labels else value


def _stage_colour(t: Translator) -> alt.Color:
    """Stages in their order (exploration first), coloured from light to dark."""
    names = [_label(t, STAGE_SHORT_LABELS, stage) for stage in STAGES]
    return alt.Color("stage:N", title=t("Stage"), sort=names,
                     scale=alt.Scale(domain=names, range=list(STAGE_COLOURS.values())))


def _count_axis(t: Translator, **encoding) -> alt.X:
    """A count axis with whole-number ticks only (no "0.5 partnerships")."""
    return alt.X("count:Q", title=t("Partnerships"),
                 axis=alt.Axis(format="d", tickMinStep=1), **encoding)


def _with_stage_order(frame: pd.DataFrame, t: Translator) -> pd.DataFrame:
    frame["order"] = [STAGES.index(v) for v in frame["stage"]]
    frame["stage"] = [_label(t, STAGE_SHORT_LABELS, v) for v in frame["stage"]]
    return frame


def show_table(t: Translator, shown: Sequence[Partnership], prepared, columns: Sequence[str],
               file_stem: str = "kembar-all", *, shade: bool = False) -> None:
    """The shown partnerships as a table (names first, the id last, dates as the details show
    them), and downloads of exactly that set (with the shaded provinces in the GeoJSON when the
    map shows them)."""
    frame = pd.DataFrame([{
        "id_name": p.id_name, "id_province": p.id_province, "cn": _chinese_name(p, t.lang),
        "cn_province": p.cn_province, "level": _label(t, LEVEL_LABELS, p.id_level),
        "stage": _label(t, STAGE_SHORT_LABELS, p.stage), "date": _date_cell(t, p),
        "source": next((s for s in p.sources if s.startswith("http")), None), "id": p.id,
    } for p in shown])
    province = sentence_case(t(LEVEL_LABELS["province"]))
    st.dataframe(frame, hide_index=True, width="stretch", column_config={
        # widths in pixels, short headers: at 1440 px every column fits beside the map's width
        "id_name": st.column_config.TextColumn(t("Indonesian partner"), width=160),
        "id_province": st.column_config.TextColumn(province, width=110, help=t("Indonesian province")),
        "cn": st.column_config.TextColumn(t("Chinese partner"), width=150),
        "cn_province": st.column_config.TextColumn(province, width=100, help=t("Chinese province")),
        "level": st.column_config.TextColumn(t("Level"), width=70),
        "stage": st.column_config.TextColumn(t("Stage"), width=90),
        "date": st.column_config.TextColumn(t("Date"), width=110, help=t(
            "⚠ disputed: the sources disagree on this partnership's date or stage")),
        "source": st.column_config.LinkColumn(t("Sources"), display_text=t("open"), width=70,
                                              help=t("First source")),
        "id": st.column_config.TextColumn(t("Id"), width=130),
    })
    _show_downloads(t, shown, prepared, columns, file_stem, shade)


def _date_cell(t: Translator, p: Partnership) -> str:
    """The date as the details panel writes it, marked when the sources disagree."""
    when = format_partial_date(p.date, t.lang)
    return f"{when} ⚠" if p.disputed else when


def _chinese_name(p: Partnership, lang: str) -> str:
    """The Chinese partner in one cell: characters first for Chinese readers."""
    if not (p.cn_name and p.cn_name_zh):
        return p.cn_name or p.cn_name_zh
    return f"{p.cn_name_zh} {p.cn_name}" if lang == "zh" else f"{p.cn_name} ({p.cn_name_zh})"


def excel_csv(shown: Sequence[Partnership], columns: Sequence[str]) -> bytes:
    """The CSV as UTF-8 with a byte order mark, so Excel on Windows reads its accents and 汉字."""
    return ("\ufeff" + to_csv(shown, columns=columns)).encode("utf-8")


def geojson_download(shown: Sequence[Partnership], prepared, shade: bool) -> str:
    """The GeoJSON download: arcs and places, and the shaded provinces when the map shows them."""
    collection = export_geojson(shown, prepared.places)
    if shade:
        collection["features"] += shaded_features(count_by_province(shown))
    return json.dumps(collection, ensure_ascii=False)


def _show_downloads(t: Translator, shown: Sequence[Partnership], prepared, columns,
                    file_stem: str, shade: bool = False) -> None:
    """Three downloads of exactly what is shown, each built only when the user asks for it."""
    left, middle, right = st.columns(3)
    left.download_button(t("Download CSV"), lambda: excel_csv(shown, columns),
                         file_name=f"{file_stem}.csv", mime="text/csv",
                         icon=":material/download:", on_click="ignore")
    middle.download_button(t("Download GeoJSON"),
                           lambda: geojson_download(shown, prepared, shade),
                           file_name=f"{file_stem}.geojson", mime="application/geo+json",
                           icon=":material/download:", on_click="ignore")
    right.download_button(t("Download map (HTML)"), lambda: standalone_html(
                              shown, prepared.places, translate=t, tiles=None,
                              provinces=province_shading(t, shown, prepared) if shade else None),
                          file_name=f"{file_stem}-map.html", mime="text/html",
                          icon=":material/download:", on_click="ignore")


def show_overview(t: Translator, shown: Sequence[Partnership], prepared) -> None:
    """Counts by level and stage, partnerships per year, stages through the years, hubs."""
    left, right = st.columns(2)
    levels = pd.DataFrame(count_by_level_and_stage(shown), columns=["level", "stage", "count"])
    levels["level"] = [_label(t, LEVEL_LABELS, v) for v in levels["level"]]
    levels = _with_stage_order(levels, t)
    bars = alt.Chart(levels, title=t("Partnerships by level and stage")).mark_bar().encode(
        x=_count_axis(t), y=alt.Y("level:N", title=t("Level"), axis=alt.Axis(labelLimit=0)),
        color=_stage_colour(t), order=alt.Order("order:Q"))
    totals = alt.Chart(levels).mark_text(align="left", dx=3).encode(
        x=alt.X("sum(count):Q"), y=alt.Y("level:N"), text=alt.Text("sum(count):Q", format="d"))
    left.altair_chart(bars + totals, width="stretch")
    years = count_by_year(shown)
    per_year = pd.DataFrame(years.per_year, columns=["year", "count"])
    per_year_chart = alt.Chart(per_year, title=t("Partnerships per year (current stage's date)"))
    right.altair_chart(per_year_chart.mark_bar().encode(
        x=alt.X("year:O", title=t("Year")),
        y=alt.Y("count:Q", title=t("Partnerships"), axis=alt.Axis(format="d", tickMinStep=1)))
        + per_year_chart.mark_text(dy=-6).encode(x="year:O", y="count:Q", text=alt.Text("count:Q", format="d")),
        width="stretch")
    if years.undated:
        right.caption(plain(t.ngettext("{n} undated partnership is not in this chart.",
                                       "{n} undated partnerships are not in this chart.",
                                       years.undated).format(n=format_number(years.undated, t.lang))))
    _show_history_overview(t, shown, prepared)
    _show_hubs(t, shown)
    show_province_grid(t, shown, prepared, STAGE_COLOURS)


def _show_history_overview(t: Translator, shown: Sequence[Partnership], prepared) -> None:
    dated = [p.year for p in shown if p.year]
    if not dated:
        return
    counts = stage_counts_by_year(shown, prepared.milestones_by_id, range(min(dated), max(dated) + 1))
    frame = _with_stage_order(pd.DataFrame(counts, columns=["year", "stage", "count"]), t)
    st.altair_chart(alt.Chart(frame, title=t("The network through the years, by stage"))
                    .mark_area().encode(x=alt.X("year:O", title=t("Year")),
                                        y=alt.Y("count:Q", stack=True, title=t("Partnerships"),
                                                axis=alt.Axis(format="d", tickMinStep=1)),
                                        color=_stage_colour(t), order=alt.Order("order:Q")),
                    width="stretch")
    undated = len(shown) - len(dated)
    if undated:
        st.caption(plain(t.ngettext("{n} undated partnership is not in this chart.",
                                    "{n} undated partnerships are not in this chart.",
                                    undated).format(n=undated)))
    medians = median_durations(shown, prepared.milestones_by_id)
    spans = durations(shown, prepared.milestones_by_id)
    measured = [(key, label) for key, label in (("loi→mou", t("Median time from LoI to MoU")),
                                                ("mou→agreement", t("Median time from MoU to agreement")))
                if spans.get(key)]
    for column, (key, label) in zip(st.columns(2) if measured else (), measured):
        value = medians.get(key)
        years = format_number(round(value, 1), t.lang) if value is not None else ""
        column.metric(label, "—" if value is None else t("{n} years").format(n=years))
        pairs = len(spans.get(key, ()))
        column.caption(plain(t.ngettext("measured on {n} partnership with both steps dated",
                                        "measured on {n} partnerships with both steps dated",
                                        pairs).format(n=format_number(pairs, t.lang))))


def _show_hubs(t: Translator, shown: Sequence[Partnership]) -> None:
    left, right = st.columns(2)
    for column, side, title in ((left, "ID", t("Most connected Indonesian partners")),
                                (right, "CN", t("Most connected Chinese partners"))):
        hubs = most_connected(shown, side, top=8)
        frame = pd.DataFrame([{"place": f"{h.name} {h.name_zh}".strip(), "count": h.count} for h in hubs])
        if frame.empty:
            continue
        chart = alt.Chart(frame, title=title)
        y = alt.Y("place:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0))
        column.altair_chart(chart.mark_bar().encode(x=_count_axis(t), y=y)
                            + chart.mark_text(align="left", dx=3).encode(
                                x="count:Q", y=y, text=alt.Text("count:Q", format="d")),
                            width="stretch")


def show_articles(t: Translator, prepared, excerpts: Mapping[str, Sequence[Excerpt]],
                  candidates: Sequence) -> None:
    """Each article with the partnerships it mentions and the ones the dataset still lacks."""
    show_article_reader(t, prepared)
    if not prepared.articles:
        st.info(plain(t("No articles in the seeds folder.")))
    for article in prepared.articles:
        mentioned = [pid for pid, found in excerpts.items()
                     if any(e.article.name == article.name for e in found)]
        with st.container(border=True):
            read = t("read the article")
            when = format_partial_date(article.date, t.lang)
            st.markdown(f"**{plain(article.title)}**  \n{plain(article.publisher)} · {plain(when)}"
                        + (f" · [{plain(read)}](<{article.url}>)" if article.url else ""))
            key = f"article-{article.name}"
            st.pills(t("Partnerships it mentions: {n}").format(n=format_number(len(mentioned), t.lang)),
                     mentioned,
                     key=key, format_func=lambda pid: pair_title(prepared.by_id[pid], t.lang),
                     on_change=_select_from, args=(key,),
                     help=t("Choose one to open its details beside the map."))
            found = [c for c in candidates if article.source in c.articles]
            if found:
                st.markdown(bold(t("Not yet in the dataset")))
                st.code(to_csv([c.partnership for c in found]), language="csv")


def _select_from(key: str) -> None:
    """Open the partnership picked among an article's, and leave the picker empty again."""
    chosen = st.session_state.get(key)
    if chosen:
        st.session_state["selected"] = chosen
    st.session_state[key] = None


def split_follow_ons(problems: Sequence[Problem]) -> tuple[list[Problem], dict[Problem, list[Problem]]]:
    """The problems to fix, and under each the problems that only follow from it (a milestone of
    a row left out): fixing the cause fixes them."""
    listed = set(problems)
    causes = [p for p in problems if p.cause is None or p.cause not in listed]
    follow_ons: dict[Problem, list[Problem]] = {}
    for p in problems:
        if p.cause is not None and p.cause in listed:
            follow_ons.setdefault(p.cause, []).append(p)
    return causes, follow_ons


def _problems_table(t: Translator, problems: Sequence[Problem], extra: Mapping[str, list]) -> None:
    frame = pd.DataFrame([{"file": p.file, "line": p.line, "column": p.column, "value": p.value[:200],
                           "message": p.text(t)} for p in problems]).assign(**extra)
    st.dataframe(frame, hide_index=True, width="stretch", column_config={
        "file": t("File"), "line": t("Line"), "column": t("Column"), "value": t("Value"),
        "message": t("Problem"), "follow_ons": st.column_config.NumberColumn(
            t("Follow-on problems"), help=t("Problems elsewhere that go away when this one is fixed")),
        "cause": t("Follows from")})


def show_problems(t: Translator, problems: Sequence[Problem], unresolved,
                  warnings: Sequence[Message]) -> None:
    """Everything that was not loaded or not placed, with where to fix it."""
    if not problems and not unresolved and not warnings:
        st.success(plain(t("Every row is valid and every place is on the map.")))
        return
    causes, follow_ons = split_follow_ons(problems)
    if causes:
        _problems_table(t, causes, {"follow_ons": [len(follow_ons.get(p, ())) for p in causes]})
    followed = [(cause, p) for cause in causes for p in follow_ons.get(cause, ())]
    if followed:
        with st.expander(t("Problems that follow from a row left out ({n})").format(n=len(followed))):
            _problems_table(t, [p for _, p in followed],
                            {"cause": [f"{Path(c.file).name}:{c.line}" for c, _ in followed]})
    for p, place in unresolved:
        st.error(plain(t("Not placed on the map: {name} ({province}), in row {id} (line {line}).").format(
            name=place.ref.name, province=place.ref.province, id=p.id, line=p.line)))
    for warning in warnings:
        st.warning(plain(warning.text(t)))
