"""Sharing the view: its link, an <iframe> to embed it, and its picture as PNG, SVG or PDF."""

from __future__ import annotations

import html
from typing import Callable
from urllib.parse import urlencode

import streamlit as st

from components.map.fonts import FontMissing, font_families
from components.pipeline import Prepared
from components.ui.text import plain
from components.viewstate import ViewState, params_from_view

SHARE_KEY = "share_open"
SHARE_SELECTOR = f".st-key-{SHARE_KEY} button"  # where the map hands its view to the page
PICTURE_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
EMBED_HEIGHT = 520


def page_address() -> str:
    """The app's address as the browser sees it, without its query string."""
    url = getattr(st.context, "url", None) or "http://localhost:8501/"
    base = url.split("?", 1)[0].split("#", 1)[0]
    return base if base.count("/") > 2 else base + "/"


def view_link(view: ViewState, *, embed: bool = False) -> str:
    """The link that reproduces the view (the map alone with `embed`)."""
    params = params_from_view(view)
    if embed:
        params["embed"] = "1"
    query = urlencode(params, safe=",;")
    return page_address() + (f"?{query}" if query else "")


def iframe_snippet(view: ViewState, title: str) -> str:
    """A copy-ready <iframe> that shows the view's map alone."""
    return (f'<iframe src="{html.escape(view_link(view, embed=True))}" title="{html.escape(title)}" '
            f'width="100%" height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>')


def open_tools(t) -> tuple[st.delta_generator.DeltaGenerator, st.delta_generator.DeltaGenerator]:
    """The "Share / embed" and "Picture" buttons above the map, filled once the view is known.

    Opening Share after moving the map reruns the page once, so its link carries the centre
    and zoom the map has written into the address (components.map.frame.ViewInAddress)."""
    row = st.container(horizontal=True, gap="small")
    with row:
        share = st.popover(t("Share / embed"), icon=":material/share:", key=SHARE_KEY,
                           help=t("The link to this view and code to embed it"))
        picture = st.popover(t("Picture"), icon=":material/image:",
                             help=t("Download the map as a picture for print or a slide"))
    return share, picture


def fill_share(t, share, view: ViewState) -> None:
    """The link to the current view and the <iframe> code, each with a copy button."""
    with share:
        st.markdown(plain(t("Link to this view (filters, selection, language and map position):")))
        st.code(view_link(view), language=None, wrap_lines=True)
        st.markdown(plain(t("Embed the map alone in a web page:")))
        st.code(iframe_snippet(view, t("Kembar map")), language="html", wrap_lines=True)


def _maker(prepared: Prepared, view: ViewState, fmt: str, place: str) -> Callable[[], bytes]:
    def make() -> bytes:
        # Imported on the first click: matplotlib's figure machinery costs 0.2 s to import, and
        # a fresh server's first page needs only the font check below.
        from components.view.snapshot import view_picture

        return view_picture(prepared, view, fmt, place)
    return make


def fill_picture(t, picture, prepared: Prepared, view: ViewState, place: str = "") -> None:
    """Download buttons for the view's picture; each is drawn only when it is clicked.
    The view's focus (view.place) fades the other arcs, as on the map, rather than narrowing."""
    with picture:
        try:
            font_families([view.filters.query, place or view.place or ""], view.lang or "en")
        except FontMissing as error:
            st.error(plain(t("The picture cannot be drawn in Chinese on this server: {reason}")
                           .format(reason=error)))
            return
        st.caption(plain(t("Exactly the current view: filters, year, selection and language.")))
        for fmt, mime in PICTURE_TYPES.items():
            label = t("Picture: PNG") if fmt == "png" else fmt.upper()
            st.download_button(label, data=_maker(prepared, view, fmt, place),
                               file_name=f"kembar-map.{fmt}", mime=mime, key=f"picture_{fmt}",
                               on_click="ignore", icon=":material/download:")
