"""Widgets' looks, drawn as plain HTML on a session's first screen.

Streamlit loads a select box's code (a score of scripts) before it draws the block that holds
one, and that load held back the map beside it by about a tenth of a second. So the first screen
shows what the Place and Partnership boxes will show, in the same place and size, and the next
run (the one the drawn map asks for) puts the real boxes there: nothing on the page moves.
Buttons likewise: until their code comes, Streamlit draws each as a 40 px grey bar, and a
place's list of partners (one button per line, one or two lines tall) changed height when the
real buttons came, moving everything under it.

The real widget still needs its code when it comes, and meanwhile Streamlit would draw its grey
bar in the look's place (the details moved up 56 px and back for a fifth of a second). So each
widget and its look share a container (`with_look`): the page's stylesheet shows the look until
the widget's code has come, and never the bar.

The looks are drawn with `st.html`, whose code the page's stylesheet has already loaded
(Markdown with HTML would load a parser of its own, 190 KB, first).
"""

from __future__ import annotations

import html
from typing import Callable, TypeVar

import streamlit as st

T = TypeVar("T")


def select_to_follow(label: str, value: str, placeholder: bool) -> None:
    """A select box's label and current value, 68 px tall as the box it stands for."""
    shown = "kembar-to-follow-value" + (" kembar-to-follow-placeholder" if placeholder else "")
    st.html(f'<div class="kembar-to-follow" aria-busy="true">'
            f'<div class="kembar-to-follow-label">{html.escape(label)}</div>'
            f'<div class="{shown}">{html.escape(value)}</div></div>')


def row_to_follow(text: str) -> None:
    """A borderless button's look (a place's list of partners): its text, wrapped where the
    button wraps it, in a line box like the button's."""
    st.html(f'<div class="kembar-to-follow-line"><div class="kembar-to-follow-row" aria-busy="true">'
            f'<p>{html.escape(text)}</p></div></div>')


def button_to_follow(text: str, icon: str) -> None:
    """A bordered button's look with its Material icon (the name of the icon's glyph)."""
    st.html(f'<div class="kembar-to-follow-line"><div class="kembar-to-follow-button" aria-busy="true">'
            f'<span class="kembar-to-follow-icon" aria-hidden="true" translate="no">'
            f'{html.escape(icon)}</span><p>{html.escape(text)}</p></div></div>')


def with_look(key: str, look: Callable[[], None], widget: Callable[[], T] | None) -> T | None:
    """Draw a widget's look and then the widget (none on a first screen), in a container of
    their own (page.css shows the look only until the widget's code has come); the widget's
    value, if any."""
    with st.container(key=f"kembar_arriving_{key}"):
        look()
        return widget() if widget else None
