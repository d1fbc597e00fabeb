"""Which installed font draws the picture's text, Chinese included, found offline.

matplotlib's own DejaVu Sans has no Chinese glyphs: a picture in 中文 would show empty boxes.
We look, among the fonts matplotlib knows, for a family that covers CJK (Debian's
`fonts-noto-cjk` gives Noto Sans CJK SC); if matplotlib's font cache predates the font's
installation, the system's font folders are scanned once and CJK files are added.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Preferred first: simplified Chinese forms, then other Pan-CJK families that cover them too.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Droid Sans Fallback", "AR PL UMing CN",
)
LATIN_FALLBACK = "DejaVu Sans"  # ships inside matplotlib: always there
_CJK_FILE = re.compile(r"cjk|han ?sans|wqy|wenquanyi|droidsansfallback|uming|ukai|notosanssc",
                       re.IGNORECASE)
_CJK_TEXT = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
INSTALL_HINT = ("no font with Chinese characters was found; install one, e.g. "
                "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), then try again")


class FontMissing(RuntimeError):
    """The text needs Chinese glyphs and no installed font has them."""


def _known_cjk_family() -> str | None:
    from matplotlib import font_manager  # here, not at import: a first screen draws no picture

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


@lru_cache(maxsize=1)
def cjk_family() -> str | None:
    """The best installed CJK family, or None; rescans the system folders once if needed."""
    found = _known_cjk_family()
    if found:
        return found
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts():
        if _CJK_FILE.search(path.replace("-", "").replace("_", "")):
            font_manager.fontManager.addfont(path)
    return _known_cjk_family()


def needs_cjk(texts: list[str]) -> bool:
    """Whether any of the texts holds a Chinese (or other CJK) character."""
    return any(_CJK_TEXT.search(text) for text in texts)


def font_families(texts: list[str], lang: str) -> list[str]:
    """The family list for the picture: the CJK family first when there is one.

    Raises FontMissing when Chinese is to be drawn (language zh, or CJK characters in the
    texts) and no CJK font is installed, rather than drawing empty boxes.
    """
    family = cjk_family()
    if family:
        return [family, LATIN_FALLBACK]
    if lang == "zh" or needs_cjk(texts):
        raise FontMissing(INSTALL_HINT)
    return [LATIN_FALLBACK]
