"""The article reader in the Articles tab: paste or upload a report, see the partnerships it
reports with their evidence, and download them as dataset rows and the article as a seeds/ file.

Nothing is written on the server: the text lives in the session and leaves as downloads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from components.dataset.writer import to_csv
from components.errors import UnusableFile
from components.i18n.formats import format_partial_date
from components.i18n.translator import LANGUAGES as LANGUAGE_NAMES
from components.i18n.translator import Translator
from components.i18n.vocabulary import STAGE_LABELS, sentence_case
from components.news.articles import (
    MAX_ARTICLE_BYTES,
    Article,
    has_header,
)
from components.news.pasted import read_pasted, seeds_text
from components.news.reader.notes import Note
from components.ui.details import pair_title
from components.ui.text import bold, highlighted, plain

if TYPE_CHECKING:
    from components.news.candidates import Candidate

LANGUAGES = ("id", "en", "zh")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def show_article_reader(t: Translator, prepared) -> None:
    """The paste/upload form, then what the reader found in the article."""
    st.markdown(bold(t("Read a new article")))
    st.caption(plain(t("Paste the text of a news report or upload a .txt file, with or without "
                       "a seeds/ header. The partnerships it reports are proposed below; "
                       "nothing is saved on the server.")))
    pasted = st.text_area(t("Article text"), key="reader-text", height=160)
    uploaded = st.file_uploader(t("Or upload a .txt file"), type=["txt"], key="reader-file",
                                max_upload_size=max(1, MAX_ARTICLE_BYTES // 1_000_000))
    data = uploaded.getvalue() if uploaded is not None else pasted.encode("utf-8")
    if not data.strip():
        st.divider()
        return
    if len(data) > MAX_ARTICLE_BYTES:
        st.error(plain(t("The text is larger than the limit of {limit} bytes.").format(
            limit=MAX_ARTICLE_BYTES)))
        return
    article = _article(t, data, uploaded.name if uploaded is not None else "")
    if article is not None:
        show_reading(t, prepared, article)
    st.divider()


def _article(t: Translator, data: bytes, upload_name: str) -> Article | None:
    """The article, asking for its date and language when it has no header; None until then."""
    text = data.decode("utf-8", errors="replace")  # only to see whether a header is there
    values = {}
    if not has_header(text):
        st.info(plain(t("This text has no header: give its date and language.")))
        left, middle, right = st.columns(3)
        values["date"] = left.text_input(t("Date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                                         key="reader-date").strip()
        values["language"] = middle.selectbox(t("Language"), LANGUAGES, index=None,
                                              key="reader-language",
                                              format_func=lambda code: LANGUAGE_NAMES[code])
        values["title"] = right.text_input(t("Title (optional)"), key="reader-title")
        if not values["date"] or not values["language"]:
            return None
    name = _SAFE_NAME.sub("-", Path(upload_name).name) if upload_name and not values else ""
    try:
        return read_pasted(data, name=name, **values)
    except UnusableFile as error:
        st.error(plain(error.problem.text(t)))
        return None


def show_reading(t: Translator, prepared, article: Article) -> None:
    """The candidates with their evidence, the pairs already known, and the downloads."""
    # Here, not at import: the news finder's modules are not needed before an article is read.
    from components.news.candidates import split_candidates

    new, known = split_candidates([article], prepared.partnerships, prepared.gazetteer)
    st.markdown(bold(t.ngettext("{n} partnership not yet in the dataset",
                                "{n} partnerships not yet in the dataset",
                                len(new)).format(n=len(new))))
    for candidate in new:
        _show_candidate(t, candidate)
    if known:
        st.markdown(bold(t("Already in the dataset")))
        st.markdown("\n".join(f"- {plain(pair_title(c.partnership, t.lang))} · "
                               f"{plain(_stage_and_date(t, c.partnership))}" for c in known))
    columns = getattr(prepared.dataset, "columns", ())
    left, right = st.columns(2)
    left.download_button(t("Download the candidate rows (CSV)"),
                         to_csv([c.partnership for c in new], columns=columns),
                         file_name=f"candidates-{Path(article.name).stem}.csv", mime="text/csv",
                         key="reader-download-rows", disabled=not new)
    right.download_button(t("Download the article for seeds/"), seeds_text(article),
                          file_name=article.name, mime="text/plain",
                          key="reader-download-article")


def _show_candidate(t: Translator, candidate: Candidate) -> None:
    """One candidate: both names, stage, date, confidence, evidence highlighted, reasons."""
    row = candidate.partnership
    with st.container(border=True):
        st.markdown(bold(pair_title(row, t.lang)))
        facts = (_stage_and_date(t, row),
                 t("confidence {percent}").format(percent=f"{candidate.confidence:.0%}"))
        st.markdown(plain(" · ".join(facts)))
        for article, finding in candidate.findings[:1]:
            for start, end in finding.evidence:
                spans = tuple((s - start, e - start) for s, e in finding.highlights
                              if start <= s < end)
                st.html(f'<blockquote class="kembar-evidence">'
                        f'{highlighted(article.text[start:end], spans)}</blockquote>')
        st.caption(plain("; ".join(_note_text(t, note) for note in candidate.reasons)))
        for warning in candidate.warnings:
            st.warning(plain(_note_text(t, warning)))


def _stage_and_date(t: Translator, row) -> str:
    """ "Letter of intent (LoI) · 12 Jun 2025" in the page's language."""
    return (f"{sentence_case(t(STAGE_LABELS[row.stage]))} · "
            f"{format_partial_date(row.date, t.lang) or t('no date')}")


def _note_text(t: Translator, note: Note) -> str:
    """A reason or warning in the page's language, the stage named as the page names it."""
    params = dict(note.params)
    label = STAGE_LABELS.get(params.get("stage", ""))
    if label:
        params["stage"] = t(label)
    return t(note.template).format(**params)
