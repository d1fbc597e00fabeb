"""The details panel: one partnership, its sources, its history and what the articles say."""

from __future__ import annotations

import html
from typing import Mapping, Sequence

import streamlit as st

from components.i18n.formats import format_partial_date
from components.news.excerpts import Excerpt
from components.history import timeline
from components.i18n.translator import Translator
from components.models import Milestone, Partnership, Place
from components.ui.text import bold, highlighted, plain
from components.i18n.vocabulary import (CN_LEVEL_LABELS, CONFIDENCE_LABELS, EVENT_LABELS, LEVEL_LABELS,
                                   PARTNERSHIP_LABELS, STAGE_LABELS, field_label,
                                   sentence_case)


def pair_title(p: Partnership, lang: str) -> str:
    """Both names in the language's natural order: the Chinese partner first in Chinese."""
    chinese = p.cn_name_zh or p.cn_name
    if lang == "zh":
        return f"{chinese} — {p.id_name}"
    latin = f"{p.cn_name} ({p.cn_name_zh})" if p.cn_name and p.cn_name_zh else chinese
    return f"{p.id_name} — {latin}"


def pick_partnership(t: Translator, options: Sequence[Partnership], lang: str) -> str | None:
    """A select box over the shown partnerships, for keyboard users and for clicks on the map."""
    labels = {p.id: pair_title(p, lang) for p in options}
    ids = [None, *labels]
    if st.session_state.get("selected") not in labels:
        st.session_state["selected"] = None
    prompt = t("Choose a partnership…")
    return st.selectbox(t("Partnership"), ids, key="selected", placeholder=prompt,
                        format_func=lambda i: prompt if i is None else labels[i],
                        help=t("Or click an arc or a place on the map."))


def show_details(t: Translator, p: Partnership, places: Mapping, excerpts: Sequence[Excerpt],
                 milestones: Sequence[Milestone]) -> None:
    """Everything known about one partnership, every text escaped."""
    lang = t.lang
    st.subheader(plain(pair_title(p, lang)))
    st.caption(plain(sentence_case(t(PARTNERSHIP_LABELS[p.id_level]))))
    id_place, cn_place = places.get(p.id_place), places.get(p.cn_place)
    rows = [
        (t("Indonesian partner"), f"{p.id_name} · {t(LEVEL_LABELS[p.id_level])} · {p.id_province}"),
        (t("Chinese partner"), " · ".join(x for x in (p.cn_name_zh, p.cn_name,
                                                       t(CN_LEVEL_LABELS[p.cn_level]), p.cn_province) if x)),
        (t("Stage"), sentence_case(t(STAGE_LABELS[p.stage]))),
        (t("Date"), format_partial_date(p.date, lang)),
    ]
    if p.fields:
        rows.append((t("Cooperation fields"), ", ".join(field_label(t, f) for f in p.fields)))
    if p.confidence:
        rows.append((t("Confidence"), sentence_case(t(CONFIDENCE_LABELS[p.confidence]))))
    # TRANSLATORS: a field name before its value in the details panel.
    labelled = t("{label}:")
    st.markdown("\n".join(f"- **{plain(labelled.format(label=k))}** {plain(v)}" for k, v in rows))
    if p.disputed:
        st.warning(plain(t("Disputed: the sources disagree on this partnership's date or stage. "
                           "See the notes.")), icon=":material/report:")
    if p.notes:
        notes_label = labelled.format(label=t("Notes"))
        st.markdown(f"**{plain(notes_label)}** {plain(p.notes)}")
    _show_unplaced(t, id_place, cn_place)
    _show_sources(t, p.sources, p.checked)
    _show_timeline(t, p, milestones, excerpts)
    _show_excerpts(t, excerpts)


def _show_unplaced(t: Translator, *places: Place | None) -> None:
    for place in places:
        if place is not None and not place.resolved:
            st.error(plain(t("Not on the map: {name} could not be placed.").format(name=place.ref.name)))


def source_link(source: str) -> str:
    """A source as a Markdown link (URLs) or plain text (a seeds/ article)."""
    if source.startswith(("http://", "https://")):
        shown = source if len(source) <= 70 else source[:69] + "…"
        return f"[{plain(shown)}](<{source.replace('>', '%3E')}>)"
    return plain(source)


def _show_sources(t: Translator, sources: Sequence[str], checked: str = "") -> None:
    st.markdown(bold(t("Sources")))
    st.markdown("\n".join(f"1. {source_link(s)}" for s in sources))
    if checked:
        st.caption(plain(t("Sources last checked: {date}").format(
            date=format_partial_date(checked, t.lang))))


def _show_timeline(t: Translator, p: Partnership, milestones: Sequence[Milestone],
                   excerpts: Sequence[Excerpt]) -> None:
    """Each step with its date and sources; where a cited article talks about it, its excerpt."""
    st.markdown(bold(t("History")))
    for step in timeline(p, milestones):
        when = format_partial_date(step.date, t.lang)
        what = sentence_case(t(EVENT_LABELS[step.event]))
        cited = " ".join(f"[{n}](<{s}>)" if s.startswith("http") else plain(s)
                         for n, s in enumerate(step.sources, 1))
        note = f" — {plain(step.notes)}" if step.notes else ""
        st.markdown(f"- **{plain(when)}** · {plain(what)}{note} {cited}".rstrip())
        quoted = next((e for e in excerpts if e.article.source in step.sources), None)
        if quoted is not None:
            st.html(f'<blockquote class="kembar-step">“{highlighted(quoted.sentence_text, quoted.spans)}”'
                    "</blockquote>")


def _show_excerpts(t: Translator, excerpts: Sequence[Excerpt]) -> None:
    st.markdown(bold(t("In the news")))
    if not excerpts:
        st.caption(plain(t("No article in the collection mentions this partnership yet.")))
        return
    for excerpt in excerpts[:4]:
        article = excerpt.article
        quote = highlighted(excerpt.sentence_text, excerpt.spans)
        title = html.escape(article.title)
        link = (f'<a href="{html.escape(article.url, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{title}</a>' if article.url else title)
        meta = html.escape(" · ".join(x for x in (article.publisher,
                                                  format_partial_date(article.date, t.lang)) if x))
        st.html(f'<blockquote class="kembar-excerpt">“{quote}”<br><small>{link} · {meta}</small>'
                f"</blockquote>")
