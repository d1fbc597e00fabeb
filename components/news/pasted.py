"""An article a curator pastes or uploads: given a seeds/ header when it has none, checked with
the same limits as a seeds/ file, and named as one, so it can be downloaded and dropped there.
Nothing here writes a file."""

from __future__ import annotations

import re

from components.errors import UnusableFile
from components.i18n.translator import N_
from components.models import Message, Problem
from components.names import fold
from components.news.articles import (
    HEADER_END,
    MAX_ARTICLE_BYTES,
    Article,
    article_from_bytes,
    decode_text,
    has_header,
)

_ONE_LINE = re.compile(r"\s+")


def with_header(text: str, *, title: str, date: str, language: str, publisher: str = "",
                url: str = "") -> str:
    """The text with a seeds/ header above it (each value kept to one line)."""
    values = (("Title", title), ("Publisher", publisher), ("Date", date), ("URL", url),
              ("Language", language))
    header = [f"{key}: {_ONE_LINE.sub(' ', value).strip()}" for key, value in values
              if value.strip() or key in ("Title", "Date", "Language")]
    return "\n".join(header) + f"\n{HEADER_END}\n" + text.strip("\n") + "\n"


def read_pasted(data: bytes | str, *, title: str = "", date: str = "", language: str = "",
                name: str = "") -> Article:
    """The article of a pasted text or uploaded file; without a header, the values given make
    one. UnusableFile when it is not usable (too large, not UTF-8, a bad date...)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_ARTICLE_BYTES:
        return article_from_bytes(raw, name or "pasted.txt")  # raises: too large
    text = decode_text(raw)
    if not has_header(text):
        if not raw.strip():
            raise UnusableFile(Problem.of(0, "", "", Message(N_("the header has no text after it"))))
        raw = with_header(text, title=title or _first_words(text), date=date,
                          language=language).encode("utf-8")
    article = article_from_bytes(raw, name or "pasted.txt")
    return article if name else article_from_bytes(raw, seeds_name(article))


def seeds_name(article: Article) -> str:
    """A seeds/ file name for an article: `<date>-<title words>.txt`."""
    words = "-".join(fold(article.title).split()[:6]) or "article"
    slug = re.sub(r"[^a-z0-9-]", "", words.encode("ascii", "ignore").decode()) or "article"
    return f"{article.date}-{slug}.txt"


def seeds_text(article: Article) -> str:
    """The article as a seeds/ file: its header and its text."""
    extra = "".join(f"{key}: {value}\n" for key, value in article.extra)
    header = with_header(article.text, title=article.title, date=article.date,
                         language=article.language, publisher=article.publisher, url=article.url)
    head, body = header.split(f"\n{HEADER_END}\n", 1)
    return f"{head}\n{extra}{HEADER_END}\n{body}"


def _first_words(text: str) -> str:
    """A title for an article pasted without one: its first words."""
    words = text.split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")
