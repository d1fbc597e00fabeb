"""The details panel: one partnership, its sources, its history and what the articles say."""

from __future__ import annotations

import html
from typing import Mapping, Sequence

import streamlit as st

from components.i18n.formats import format_partial_date
from components.news.excerpts import Excerpt
from components.history import Step, timeline
from components.names import strip_prefix
from components.news.articles import Article
from components.i18n.translator import Translator
from components.models import Milestone, Partnership, Place
from components.ui.standin import select_to_follow, with_look
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


def join_items(t: Translator, items: Sequence[str]) -> str:
    """A plain list in the reader's script: "a, b" in Latin scripts, "甲、乙" in Chinese."""
    # TRANSLATORS: separates the items of a plain list, such as cooperation fields.
    return t(", ").join(items) if t.lang != "zh" else "、".join(items)


def partner_line(*parts: str) -> str:
    """A partner's names, level and province, each said once ("福建省 · Fujian · 省", not
    "福建省 · Fujian · 省 · Fujian" for a province that is its own province)."""
    seen, kept = set(), []
    for part in parts:
        key = strip_prefix(part).casefold() if part else ""
        if key and key not in seen:
            seen.add(key)
            kept.append(part)
    return " · ".join(kept)


def pick_partnership(t: Translator, options: Sequence[Partnership], lang: str,
                     to_follow: bool = False) -> str | None:
    """A select box over the shown partnerships, for keyboard users and for clicks on the map;
    with `to_follow` (a session's first screen), the box's look alone (see standin.py)."""
    prompt = t("Choose a partnership…")
    if to_follow:  # one title to work out, not one per option
        selected = st.session_state.get("selected")  # read once: not once per option
        chosen = next((p for p in options if p.id == selected), None)
        st.session_state["selected"] = chosen.id if chosen else None
        with_look("selected", lambda: select_to_follow(
            t("Partnership"), pair_title(chosen, lang) if chosen else prompt, chosen is None), None)
        return st.session_state["selected"]
    labels = {p.id: pair_title(p, lang) for p in options}
    ids = [None, *labels]
    if st.session_state.get("selected") not in labels:
        st.session_state["selected"] = None
    current = st.session_state["selected"]
    return with_look("selected", lambda: select_to_follow(
        t("Partnership"), labels.get(current, prompt), current is None),
        lambda: st.selectbox(t("Partnership"), ids, key="selected", placeholder=prompt,
                             format_func=lambda i: prompt if i is None else labels[i],
                             help=t("Or click an arc or a place on the map.")))


def show_details(t: Translator, p: Partnership, places: Mapping, excerpts: Sequence[Excerpt],
                 milestones: Sequence[Milestone], articles: Mapping[str, Article] | None = None) -> None:
    """Everything known about one partnership, every text escaped."""
    lang = t.lang
    st.subheader(plain(pair_title(p, lang)))
    st.caption(plain(sentence_case(t(PARTNERSHIP_LABELS[p.id_level]))))
    id_place, cn_place = places.get(p.id_place), places.get(p.cn_place)
    rows = [
        (t("Indonesian partner"), partner_line(p.id_name, t(LEVEL_LABELS[p.id_level]), p.id_province)),
        (t("Chinese partner"), partner_line(p.cn_name_zh, p.cn_name, t(CN_LEVEL_LABELS[p.cn_level]),
                                            p.cn_province)),
        (t("Stage"), sentence_case(t(STAGE_LABELS[p.stage]))),
        (t("Date"), format_partial_date(p.date, lang)),
    ]
    if p.fields:
        rows.append((t("Cooperation fields"), join_items(t, [field_label(t, f) for f in p.fields])))
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
    steps = timeline(p, milestones)
    cited = all_sources(p, steps)
    _show_sources(t, cited, articles or {}, p.checked)
    _show_timeline(t, steps, cited, excerpts)
    _show_excerpts(t, excerpts)


def _show_unplaced(t: Translator, *places: Place | None) -> None:
    for place in places:
        if place is not None and not place.resolved:
            st.error(plain(t("Not on the map: {name} could not be placed.").format(name=place.ref.name)))


def all_sources(p: Partnership, steps: Sequence[Step]) -> tuple[str, ...]:
    """The partnership's sources, then any source only a history step cites: one numbering."""
    return tuple(dict.fromkeys([*p.sources, *(s for step in steps for s in step.sources)]))


def source_link(source: str, articles: Mapping[str, Article] | None = None) -> str:
    """A source as a Markdown link: a URL as itself, a seeds/ article by its title and URL."""
    article = (articles or {}).get(source)
    if article is not None:
        title = plain(article.title or article.name)
        if not article.url:
            return title
        return f"[{title}](<{article.url.replace('>', '%3E')}>)"
    if source.startswith(("http://", "https://")):
        shown = source if len(source) <= 70 else source[:69] + "…"
        return f"[{plain(shown)}](<{source.replace('>', '%3E')}>)"
    return plain(source)


def _show_sources(t: Translator, sources: Sequence[str], articles: Mapping[str, Article],
                  checked: str = "") -> None:
    st.markdown(bold(t("Sources")))
    st.markdown("\n".join(f"{n}. {source_link(s, articles)}" for n, s in enumerate(sources, 1)))
    if checked:
        st.caption(plain(t("Sources last checked: {date}").format(
            date=format_partial_date(checked, t.lang))))


def _citation(number: int, source: str) -> str:
    """A step's reference to the Sources list: its number, linked when it is a URL."""
    if source.startswith(("http://", "https://")):
        return f"[\\[{number}\\]](<{source.replace('>', '%3E')}>)"
    return f"\\[{number}\\]"


def _show_timeline(t: Translator, steps: Sequence[Step], cited: Sequence[str],
                   excerpts: Sequence[Excerpt]) -> None:
    """Each step with its date and its sources, numbered as in the Sources list; where a cited
    article talks about it, its excerpt."""
    st.markdown(bold(t("History")))
    for step in steps:
        when = format_partial_date(step.date, t.lang)
        what = sentence_case(t(EVENT_LABELS[step.event]))
        refs = " ".join(_citation(cited.index(s) + 1, s) for s in step.sources)
        note = f" — {plain(step.notes)}" if step.notes else ""
        st.markdown(f"- **{plain(when)}** · {plain(what)}{note} {refs}".rstrip())
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
