"""Showing untrusted text safely: Streamlit renders Markdown, so data never reaches it raw."""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text for a Markdown-rendering element, with every Markdown and HTML character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def bold(text: object) -> str:
    """Markdown for a bold label, its text escaped."""
    return f"**{plain(text)}**"


def highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """HTML for an excerpt: everything escaped, the partners' names wrapped in <mark>."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces.append(html.escape(text[last:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)
