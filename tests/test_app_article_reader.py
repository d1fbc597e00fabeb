"""The article reader in the Articles tab, driven through Streamlit's AppTest."""

from __future__ import annotations

from tests.apptest import open_section, run_app

NEW_PAIR = ("SEMARANG - Kota Semarang dan Kota Yantai menandatangani nota kesepahaman (MoU) "
            "kota kembar <b>penting</b> di Yantai, Rabu (24/10/2018).")
HEADER = "Title: Semarang dan Nanjing\nDate: 2018-10-26\nLanguage: id\n---\n"
KNOWN_PAIR = ("Wali Kota Semarang dan Wali Kota Nanjing menandatangani nota kesepahaman (MoU) "
              "kota kembar, Rabu (24/10).")


def _htmls(at) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def test_a_pasted_text_without_header_asks_for_date_and_language_then_shows_the_candidate():
    at = open_section(run_app(), "articles")
    at.text_area(key="reader-text").input(NEW_PAIR).run()
    assert not at.exception
    assert any("no header" in info.value for info in at.info)
    assert not any("Yantai" in html for html in _htmls(at))  # nothing read before the date
    at.text_input(key="reader-date").input("2018-10-26").run()
    at.selectbox(key="reader-language").select("id").run()
    assert not at.exception
    assert any("1 partnership not yet in the dataset" in m.value for m in at.markdown)
    evidence = next(html for html in _htmls(at) if "kembar-evidence" in html)
    assert "<mark>Yantai</mark>" in evidence and "<mark>Rabu (24/10/2018)</mark>" in evidence
    assert "&lt;b&gt;penting&lt;/b&gt;" in evidence and "<b>" not in evidence  # escaped
    assert any("mou" in m.value.casefold() and "24" in m.value for m in at.markdown)
    labels = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert labels["Download the candidate rows (CSV)"] is False
    assert "Download the article for seeds/" in labels


def test_a_pasted_article_with_header_lists_the_pairs_already_in_the_dataset():
    at = open_section(run_app(), "articles")
    at.text_area(key="reader-text").input(HEADER + KNOWN_PAIR).run()
    assert not at.exception and not at.info.values or all(
        "no header" not in info.value for info in at.info)
    assert any("0 partnerships not yet in the dataset" in m.value for m in at.markdown)
    assert any("Already in the dataset" in m.value for m in at.markdown)
    assert any("Kota Semarang" in m.value and "Nanjing" in m.value for m in at.markdown)
    labels = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert labels["Download the candidate rows (CSV)"] is True  # nothing new to download


def test_a_bad_header_date_is_reported_not_raised():
    at = open_section(run_app(), "articles")
    at.text_area(key="reader-text").input(HEADER.replace("2018-10-26", "2018-13-01")
                                          + KNOWN_PAIR).run()
    assert not at.exception
    assert any("month" in error.value for error in at.error)


def test_the_reader_speaks_the_page_language():
    at = open_section(run_app(lang="id"), "articles")
    at.text_area(key="reader-text").input(HEADER + NEW_PAIR).run()
    assert not at.exception
    assert any("belum ada di dataset" in m.value for m in at.markdown)
