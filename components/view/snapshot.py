"""A view drawn as a picture: what `shown` keeps, captioned in the view's language and drawn by
`map.picture`, for the command line's export and the app's download alike."""

from __future__ import annotations

from matplotlib.figure import Figure

from components.focus import partnerships_of_place
from components.i18n.translator import get_translator
from components.map.fonts import FontMissing
from components.map.picture import DEFAULT_DPI, Captions, PictureInput, build_figure, picture_bytes
from components.pipeline import Prepared
from components.view.shading import view_shading
from components.view.shown import Shown, data_date, data_date_text, shown_partnerships, view_sentence
from components.viewstate import ViewState

__all__ = ["FontMissing", "view_figure", "view_picture", "view_shown"]


def view_shown(prepared: Prepared, view: ViewState, place: str = "") -> Shown:
    """The partnerships the view shows, in its language's notices."""
    return shown_partnerships(prepared, view.filters, get_translator(view.lang or "en"), place=place)


def view_figure(prepared: Prepared, view: ViewState, place: str = "",
                shown: Shown | None = None) -> Figure:
    """The picture of exactly this view: filters, as-of year, place, selection, the focus
    (view.place: its ties drawn full, the rest faded), the province shading and language;
    `place` (the command line's --place) narrows to one place's partnerships instead."""
    t = get_translator(view.lang or "en")
    shown = shown or view_shown(prepared, view, place)
    drawn = [p for p in shown.partnerships if p.id in prepared.drawable_ids]
    captions = Captions(
        title=view_sentence(view.filters, len(shown.partnerships), len(prepared.partnerships), t,
                            place=place),
        note=shown.as_of_note,
        data_date=data_date_text(data_date(prepared.partnerships, prepared.data_path), t))
    focus, focused = _focus(prepared, view, shown)
    picture = PictureInput(drawn, prepared.places, prepared.bends, selected=view.selected,
                           lang=t.lang, focused=focused, focus=focus,
                           shading=view_shading(t, shown.partnerships, prepared) if view.shade else None)
    return build_figure(picture, captions, translate=t)


def _focus(prepared: Prepared, view: ViewState, shown: Shown) -> tuple[str | None, frozenset[str] | None]:
    """The focused place's key and the ids of its shown ties, as the map and the embed find them
    (a name that is not exactly one place focuses nothing); (None, None) without a focus."""
    found = prepared.place_index.resolve(view.place) if view.place else ()
    if len(found) != 1:
        return None, None
    return found[0].key, frozenset(p.id for p in partnerships_of_place(found[0], shown.partnerships))


def view_picture(prepared: Prepared, view: ViewState, fmt: str, place: str = "", *,
                 dpi: int = DEFAULT_DPI) -> bytes:
    """The view's picture as the bytes of a PNG, SVG or PDF file."""
    return picture_bytes(view_figure(prepared, view, place), fmt, dpi=dpi)
