"""The Streamlit layer: the only code in Kembar that imports streamlit.

`render_page` lays out the page from a `Prepared` dataset; each piece lives in its own module
(sidebar, map, details, tabs), and all logic it calls is pure and tested without Streamlit.
"""

from components.ui.page import render_page

__all__ = ["render_page"]
