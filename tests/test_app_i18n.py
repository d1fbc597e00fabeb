"""The app in Bahasa Indonesia and 中文 (issue 9), through AppTest: no English label is left in the
sidebar, the page or the details panel, and switching language keeps the view."""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import SECTIONS, open_section, run_app

from components.i18n import catalogs
from components.i18n.vocabulary import sentence_case

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SELECTED = "serang-hangzhou"
LANGS = ("id", "zh")
# A view that puts every phrase of the sentence above the map to work: lists, ranges, provinces.
BUSY_VIEW = {"level": "city,regency", "stage": "loi,mou", "year_from": "2000", "year_to": "2020",
             "undated": "0", "id_province": "Jawa Tengah,Banten"}

_ESCAPED = re.compile(r"\\(.)")
_URL = re.compile(r"\(<[^>]*>\)|https?://\S+")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_LINK_TEXT = re.compile(r"\[([^\]]+)\]\(")


# --- what counts as English, and what is data ----------------------------------------------

@lru_cache(maxsize=None)
def _catalog(lang: str):
    from babel.messages.pofile import read_po

    with catalogs.po_path(catalogs.LOCALES_DIR, lang).open("rb") as stream:
        return read_po(stream, locale=lang)


def _strings(value) -> tuple[str, ...]:
    return tuple(s for s in (value if isinstance(value, tuple) else (value,)) if s)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _LATIN_WORD.findall(re.sub(r"\{[^{}]*\}", " ", text))}


@lru_cache(maxsize=None)
def english_words(lang: str) -> frozenset[str]:
    """Words of the English msgids that the language's translations do not use themselves."""
    source, target = set(), set()
    for message in _catalog(lang):
        if message.id:
            source |= set().union(*map(_words, _strings(message.id)))
            target |= set().union(*map(_words, _strings(message.string)))
    return frozenset(source - target)


@lru_cache(maxsize=None)
def english_labels(lang: str) -> frozenset[str]:
    """Whole English messages (without placeholders) whose translation differs from the English."""
    labels = set()
    for message in _catalog(lang):
        strings = _strings(message.string)
        for msgid in _strings(message.id):
            if "{" not in msgid and strings and msgid not in strings:
                labels |= {msgid, sentence_case(msgid)}
    return frozenset(labels)


def _csv_rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    return list(csv.DictReader(path.open(encoding="utf-8"))) if path.exists() else []


@lru_cache(maxsize=None)
def data_strings() -> tuple[str, ...]:
    """Every value the dataset, milestones and seed headers hold: shown as they are, never translated."""
    values = set()
    for row in _csv_rows("partnerships.csv") + _csv_rows("milestones.csv"):
        for value in row.values():
            values.add(value or "")
            values.update(part.strip() for part in (value or "").split(";"))
    for seed in (ROOT / "seeds").glob("*.txt"):
        header = seed.read_text(encoding="utf-8").split("\n---", 1)[0]
        values.update(line.partition(":")[2].strip() for line in header.splitlines())
        values.add(f"seeds/{seed.name}")
    return tuple(sorted((v for v in values if v.strip()), key=len, reverse=True))


def without_data(text: str) -> str:
    """The text with Markdown escapes undone and URLs and data values taken out."""
    text = _URL.sub(" ", _ESCAPED.sub(r"\1", text))
    for value in data_strings():
        if value in text:
            text = re.sub(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", " ", text)
    return text


def _fragments(text: str) -> list[str]:
    """A shown text and the label-sized pieces inside it (bold parts, link texts, `a · b` parts)."""
    plain = _ESCAPED.sub(r"\1", text)
    pieces = [plain, *_BOLD.findall(plain), *_LINK_TEXT.findall(plain)]
    pieces += [part for piece in list(pieces) for part in piece.split(" · ")]
    return [p.strip().strip("*").strip().rstrip(":：").strip() for p in pieces]


def untranslated(texts: list[tuple[str, str]], lang: str) -> list[str]:
    """Each shown text that is, or still contains, English the catalog translates."""
    english, labels = english_words(lang), english_labels(lang)
    found = []
    for where, text in texts:
        whole = [f for f in _fragments(text) if f in labels]
        words = sorted(_words(without_data(text)) & english)
        if whole or words:
            found.append(f"{where}: {text[:90]!r} (English: {whole or words})")
    return found


# --- what the app shows -----------------------------------------------------------------


@lru_cache(maxsize=None)
def rendered(lang: str) -> AppTest:
    """The app opened on a shared link with a partnership selected (drive only the sections)."""
    return run_app(lang=lang, selected=SELECTED)


def _widget_texts(block, skip_keys=("lang",)) -> list[tuple[str, str]]:
    texts = []
    for kind in ("text_input", "multiselect", "selectbox", "slider", "checkbox", "toggle", "button",
                 "radio", "number_input", "date_input", "text_area"):
        for widget in getattr(block, kind):
            if getattr(widget, "key", None) in skip_keys:
                continue  # the language picker names each language in itself, by design
            for attr in ("label", "help", "placeholder"):
                value = getattr(widget, attr, None)
                if isinstance(value, str) and value:
                    texts.append((f"{kind} {attr}", value))
    return texts


def _element_texts(block) -> list[tuple[str, str]]:
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "error", "info",
                 "success", "exception"):
        texts += [(kind, element.value) for element in getattr(block, kind)]
    texts += [("tab", tab.label) for tab in block.tabs]
    texts += [("metric", metric.label) for metric in block.metric]
    return texts


def sidebar_texts(at: AppTest) -> list[tuple[str, str]]:
    """Headers, widget labels, help, placeholders and the level and stage options."""
    texts = _widget_texts(at.sidebar) + _element_texts(at.sidebar)
    for key in ("f_levels", "f_stages"):
        texts += [(f"{key} option", option) for option in at.sidebar.multiselect(key=key).options]
    return texts


def details_column(at: AppTest):
    return next(column for column in at.columns
                if any(box.key == "selected" for box in column.selectbox))


def details_texts(at: AppTest) -> list[tuple[str, str]]:
    """The details panel of the selected partnership, and its picker (with its empty choice)."""
    column = details_column(at)
    picker = column.selectbox(key="selected")
    return (_widget_texts(column) + _element_texts(column)
            + [("picker empty choice", picker.options[0])])


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def page_texts(at: AppTest) -> list[tuple[str, str]]:
    """Title, sentence, captions, section names, and in each section opened in turn: metrics,
    downloads, table headers and chart titles (the section is closed again afterwards)."""
    texts = [("section", name) for name in at.segmented_control(key="section").options]
    for section in SECTIONS:
        texts += _opened_texts(open_section(at, section))
    open_section(at, None)
    return texts


def _opened_texts(at: AppTest) -> list[tuple[str, str]]:
    texts = _widget_texts(at.main) + _element_texts(at.main)
    for element in _walk(at._tree):
        proto = getattr(element, "proto", None)
        kind = getattr(element, "type", "")
        if kind == "download_button":
            texts.append(("download", proto.label))
        elif kind == "dataframe" and proto.columns:
            for column in json.loads(proto.columns).values():
                texts += [(f"table {k}", column[k]) for k in ("label", "help") if column.get(k)]
                if column.get("type_config", {}).get("display_text"):
                    texts.append(("table link", column["type_config"]["display_text"]))
        elif kind == "vega_lite_chart":
            spec = json.loads(proto.spec)
            texts += [("chart title", spec["title"])] if isinstance(spec.get("title"), str) else []
            texts += [("chart axis", e["title"]) for e in spec.get("encoding", {}).values()
                      if isinstance(e.get("title"), str)]
    return texts


AREAS = {"sidebar": sidebar_texts, "page": page_texts, "details": details_texts}


def summary(at: AppTest) -> str:
    """The bold sentence above the map (it names the dataset's total)."""
    total = str(len(_csv_rows("partnerships.csv")))
    return next(m.value.strip("*") for m in at.main.markdown
                if m.value.startswith("**") and total in m.value)


def shown_count(at: AppTest) -> int:
    """How many partnerships are shown: the picker offers exactly those, after its empty choice."""
    return len(at.selectbox(key="selected").options) - 1


# --- the tests ------------------------------------------------------------------------

@pytest.mark.parametrize("area", sorted(AREAS))
@pytest.mark.parametrize("lang", LANGS)
def test_no_english_label_is_left(lang, area):
    texts = AREAS[area](rendered(lang))
    assert texts, f"found nothing to check in the {area}"
    found = untranslated(texts, lang)
    assert not found, f"{lang} {area} still shows English:\n" + "\n".join(found)


@pytest.mark.parametrize("area", sorted(AREAS))
def test_the_check_finds_english(area):
    """The same check on the English page must complain: it can fail."""
    assert len(untranslated(AREAS[area](rendered("en")), "zh")) >= 3


@pytest.mark.parametrize(("text", "lang", "flagged"), [
    ("Filters", "zh", True),
    ("**Sources**", "zh", True),  # a bold heading in Markdown
    ("- **Stage:** 意向书", "zh", True),
    ("**76 个合作关系中的 35 个：市 and 县级**", "zh", True),  # an English word inside
    ("筛选", "zh", False),
    ("Kota Serang — Hangzhou \\(杭州市\\)", "zh", False),  # names are data
    ("Semua tingkat", "id", False),
    ("Cari nama", "id", False),
    ("Search names", "id", True),
    ("Sertakan kemitraan tanpa tanggal", "id", False),
])
def test_untranslated(text, lang, flagged):
    assert bool(untranslated([("case", text)], lang)) is flagged


@pytest.mark.parametrize("view", [{}, BUSY_VIEW], ids=["default", "busy"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_sentence_above_the_map_is_fully_translated(lang, view):
    sentence = summary(run_app(lang=lang, **view))
    leftover = _words(without_data(sentence)) & (english_words(lang) | {"and", "of", "all"})
    assert not leftover, f"{lang}: {sentence!r} still has {sorted(leftover)}"


@pytest.mark.parametrize("target", LANGS)
def test_switching_language_keeps_the_view(target):
    at = run_app(level="city", lang="en")
    before, sentence = shown_count(at), summary(at)
    assert f"{before} of " in sentence, sentence  # precondition: the English page counts them
    at.selectbox(key="lang").set_value(target).run()
    assert not at.exception, at.exception
    assert shown_count(at) == before
    assert str(before) in re.findall(r"\d+", summary(at)), summary(at)
    assert summary(at) != sentence
    assert (at.query_params.get("level"), at.query_params.get("lang")) == ("city", target)
    assert at.multiselect(key="f_levels").value == ["city"]


def test_switching_language_keeps_the_selected_partnership():
    at = run_app(selected=SELECTED, lang="id")
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="selected").value == SELECTED
    assert (at.query_params.get("selected"), at.query_params.get("lang")) == (SELECTED, "zh")
    found = untranslated(details_texts(at), "zh")
    assert not found, "\n".join(found)
