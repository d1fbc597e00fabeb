"""Share / embed, the picture downloads and the map as a list, through Streamlit's AppTest."""

from __future__ import annotations

from tests.apptest import run_app
from tests.apptest import ROWS, map_element


def codes(at) -> list[str]:
    return [code.value for code in at.code]


def test_share_gives_the_link_and_an_iframe_of_the_view():
    at = run_app(level="city", lang="id", view="-6.5,107,7")
    link, snippet = codes(at)
    assert "level=city" in link and "lang=id" in link and "view=-6.5,107,7" in link
    assert "embed=1" not in link
    assert snippet.startswith("<iframe src=") and "embed=1" in snippet
    assert "level=city&amp;lang=id" in snippet  # the URL is escaped inside the attribute


def test_the_map_opens_where_the_link_looked():
    args = map_element(run_app(view="-6.5,107,7")).proto.json_args
    assert '"center": [-6.5, 107.0]' in args and '"zoom": 7.0' in args
    assert '"center": null' in map_element(run_app()).proto.json_args


def test_picture_downloads_are_offered_for_each_format():
    at = run_app(lang="en")
    labels = [button.proto.label for button in at.get("download_button")]
    assert {"Picture: PNG", "SVG", "PDF"} <= set(labels)


def test_map_as_a_list_names_every_shown_partnership():
    at = run_app(level="province", lang="en")
    expander = next(e for e in at.expander if e.label == "Map as a list")
    text = "\n".join(m.value for m in expander.markdown)
    assert "Provinsi Bali" in text and "Kota Serang" not in text
    rows = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(rows) == sum(r["id_level"] == "province" for r in ROWS)


def test_embed_is_the_map_alone_with_a_link_back():
    at = run_app(embed="1", level="city", lang="zh")
    assert not at.title and not at.tabs and not at.sidebar.selectbox
    assert map_element(at) is not None
    link = next(m.value for m in at.markdown if "Kembar" in m.value)
    assert "level=city" in link and "lang=zh" in link and "embed" not in link
