"""A select box's look, drawn as plain HTML on a session's first screen.

Streamlit loads a select box's code (a score of scripts) before it draws the block that holds
one, and that load held back the map beside it by about a tenth of a second. So the first screen
shows what the Place and Partnership boxes will show, in the same place and size, and the next
run (the one the drawn map asks for) puts the real boxes there: nothing on the page moves.
Drawn with `st.html`, whose code the page's stylesheet has already loaded (Markdown with HTML would load
a parser of its own, 190 KB, first).
"""

from __future__ import annotations

import html

import streamlit as st


def select_to_follow(label: str, value: str, placeholder: bool) -> None:
    """A select box's label and current value, 68 px tall as the box it stands for."""
    shown = "kembar-to-follow-value" + (" kembar-to-follow-placeholder" if placeholder else "")
    st.html(f'<div class="kembar-to-follow" aria-busy="true">'
            f'<div class="kembar-to-follow-label">{html.escape(label)}</div>'
            f'<div class="{shown}">{html.escape(value)}</div></div>')
