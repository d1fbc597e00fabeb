"""The seeds reader: header and text, bad files reported not fatal, Indonesian sentence splitting."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.news.articles import (
    MAX_ARTICLE_BYTES, load_article, load_articles, split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHIPPED = "2025-09-xinhua-bharata-kota-kembar.txt"
# sha256 of ../shared/seeds/000_df0ee3cb47686a21.txt: the text must stay unchanged.
SHIPPED_TEXT_SHA256 = "b3bd9b0c1b0450ef0643218243b5f6cf73f2af8ae89032bb197e345b68a8becb"
HEADER = "Title: T\nDate: 2025-09\nLanguage: id\n---\n"


def test_the_shipped_article_loads_with_its_header():
    articles, problems = load_articles(SEEDS)
    assert problems == []
    (article,) = [a for a in articles if a.name == SHIPPED]
    assert (article.date, article.language, article.publisher) == ("2025-09", "id",
                                                                   "Bharata Online (Xinhua)")
    assert article.url.startswith("https://bharataradio738.com/")
    assert article.source == f"seeds/{SHIPPED}"
    assert ("Note", "the title above is descriptive; the original headline is not known") \
        in article.extra
    assert article.text.startswith("SERANG, Bharata Online - Seiring")
    assert article.text.endswith("pertukaran budaya dan pendidikan. (XINHUA)")


def test_the_shipped_text_is_unchanged():
    shared = ROOT.parent / "shared" / "seeds" / "000_df0ee3cb47686a21.txt"
    article = load_article(SEEDS / SHIPPED)
    if shared.is_file():
        assert article.text.encode("utf-8") == shared.read_bytes()
    assert hashlib.sha256(article.text.encode("utf-8")).hexdigest() == SHIPPED_TEXT_SHA256


def test_the_shipped_article_sentences_and_offsets():
    article = load_article(SEEDS / SHIPPED)
    assert len(article.sentences) == 16
    for sentence in article.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text
    first, last = article.sentences[0], article.sentences[-1]
    assert first.text.startswith("SERANG, Bharata Online - Seiring")  # the dateline stays
    assert last.text.endswith("pendidikan. (XINHUA)")
    assert any(s.text.endswith("(artificial intelligence/AI) dengan pihak-pihak terkait.")
               for s in article.sentences)


@pytest.mark.parametrize("text, expected", [
    ("Bupati Kab. Tangerang hadir. Lalu pulang.", ["Bupati Kab. Tangerang hadir.", "Lalu pulang."]),
    ("Ia ke Prov. Banten dan Kec. Cipocok. Selesai.",
     ["Ia ke Prov. Banten dan Kec. Cipocok.", "Selesai."]),
    ("Perda No. 5 tahun 2020 berlaku. Warga senang.",
     ["Perda No. 5 tahun 2020 berlaku.", "Warga senang."]),
    ("Dr. Budi dan H. Ahmad datang. Mereka bicara.",
     ["Dr. Budi dan H. Ahmad datang.", "Mereka bicara."]),
    ("Kantor di Jl. Sudirman No. 3 dibuka. Ramai.", ["Kantor di Jl. Sudirman No. 3 dibuka.", "Ramai."]),
    ("Nilainya Rp. 3.000 atau 2,5 persen. Naik.", ["Nilainya Rp. 3.000 atau 2,5 persen.", "Naik."]),
    ("Buah, sayur, dll. dijual. Habis.", ["Buah, sayur, dll. dijual.", "Habis."]),
    ("Ada apel, jeruk, dsb. Semua segar.", ["Ada apel, jeruk, dsb.", "Semua segar."]),
    ("Kel. Sukajadi dan St. Hall. Ok.", ["Kel. Sukajadi dan St. Hall.", "Ok."]),
    ('"Kami siap." Kata Budi.', ['"Kami siap."', "Kata Budi."]),
    ('"Kota ini strategis. Kami menyambut investor," ujar Budi.',
     ['"Kota ini strategis.', 'Kami menyambut investor," ujar Budi.']),
    ("Ini soal AI (artificial intelligence/AI) dan data. Lalu.",
     ["Ini soal AI (artificial intelligence/AI) dan data.", "Lalu."]),
    ("Ada catatan (lihat hlm. 5. Bab II) di sini. Akhir.",
     ["Ada catatan (lihat hlm. 5. Bab II) di sini.", "Akhir."]),
    ("Kerja sama berlanjut. (XINHUA)", ["Kerja sama berlanjut. (XINHUA)"]),
    ("Kerja sama berlanjut. Semua puas. (ant/jk)", ["Kerja sama berlanjut.", "Semua puas. (ant/jk)"]),
    ("SERANG, Bharata Online - Kota Serang menandatangani LoI. Lalu pulang.",
     ["SERANG, Bharata Online - Kota Serang menandatangani LoI.", "Lalu pulang."]),
    ("Apa benar? Ya! Tentu.", ["Apa benar?", "Ya!", "Tentu."]),
    ("Satu.\n\nDua tanpa titik\n\nTiga.", ["Satu.", "Dua tanpa titik", "Tiga."]),
    ("M. Zulfikar Rakhmat berkata. Ya.", ["M. Zulfikar Rakhmat berkata.", "Ya."]),
    ("", []),
])
def test_sentence_splitting(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_sentences_know_their_paragraph():
    sentences = split_sentences("Satu. Dua.\n\nTiga.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data, line, column, message", [
    (b"Kota Serang menandatangani LoI.", 0, "", "no header"),
    (b"Title: T\nthis is not a header line\n---\nText.", 2, "", "Key: value"),
    (b"Title: T\nTitle: U\nDate: 2025\nLanguage: id\n---\nText.", 2, "Title", "twice"),
    (b"Date: 2025\nLanguage: id\n---\nText.", 0, "Title", "lacks: Title"),
    (b"Title: T\n---\nText.", 0, "Date", "lacks: Date, Language"),
    (b"Title: T\nDate: 2025-13\nLanguage: id\n---\nText.", 2, "Date", "month 13 does not exist"),
    (b"Title: T\nDate: 2025-02-30\nLanguage: id\n---\nText.", 2, "Date", "day 30 does not exist"),
    (b"Title: T\nDate: September 2025\nLanguage: id\n---\nText.", 2, "Date", "YYYY-MM"),
    (b"Title: T\nDate: 2025\nLanguage: Indonesian!\n---\nText.", 3, "Language", "language code"),
    (b"Title: T\nDate: 2025\nLanguage: id\nURL: javascript:alert(1)\n---\nText.", 4, "URL",
     "https://"),
    (b"Title: T\nDate: 2025\nLanguage: id\n---\n  \n\n", 4, "", "no text"),
    (b"Title: T\nDate: 2025\nLanguage: id\n---\nText \x00 more.", 5, "", "binary"),
    (b"Title: T\nDate: 2025\nLanguage: id\n---\nKota \xff\xfe.", 5, "", "not UTF-8"),
])
def test_a_bad_file_is_a_problem_and_the_others_still_load(tmp_path, data, line, column, message):
    _write(tmp_path, "a-bad.txt", data)
    _write(tmp_path, "b-good.txt", HEADER.encode() + b"Kota Serang.")
    articles, problems = load_articles(tmp_path)
    assert [a.name for a in articles] == ["b-good.txt"]
    (problem,) = problems
    assert (problem.line, problem.column) == (line, column)
    assert message in problem.message
    assert problem.file.endswith("a-bad.txt")


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    _write(tmp_path, "huge.txt", HEADER.encode() + b"a" * MAX_ARTICLE_BYTES)
    articles, problems = load_articles(tmp_path)
    assert articles == [] and "larger than the limit" in problems[0].message


def test_bom_and_crlf_are_accepted(tmp_path):
    _write(tmp_path, "win.txt", b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode()
           + b"Satu.\r\n\r\nDua.")
    (article,), problems = load_articles(tmp_path)
    assert problems == [] and [s.text for s in article.sentences] == ["Satu.", "Dua."]


def test_only_txt_files_directly_in_the_folder_are_read(tmp_path):
    _write(tmp_path, "README.md", b"# not an article")
    _write(tmp_path, "notes.csv", b"a,b")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "deep.txt", HEADER.encode() + b"Text.")
    _write(tmp_path, "one.txt", HEADER.encode() + b"Text.")
    articles, problems = load_articles(tmp_path)
    assert [a.name for a in articles] == ["one.txt"] and problems == []


def test_a_symlink_pointing_outside_is_not_read(tmp_path):
    outside = _write(tmp_path, "secret.txt", HEADER.encode() + b"Secret text.")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.symlink(outside, seeds / "link.txt")
    articles, problems = load_articles(seeds)
    assert articles == []
    assert "outside the articles folder" in problems[0].message


def test_a_missing_folder_is_a_problem_not_an_error(tmp_path):
    articles, problems = load_articles(tmp_path / "nowhere")
    assert articles == [] and "does not exist" in problems[0].message


def test_problem_messages_are_translated_where_shown(tmp_path):
    _write(tmp_path, "bad.txt", b"no header at all")
    _, problems = load_articles(tmp_path)
    assert problems[0].text(lambda text: "<<" + text + ">>").startswith("<<no header")


@pytest.mark.timeout(60)  # a guard against runaway backtracking, not a speed measurement
def test_a_two_megabyte_paragraph_splits_without_runaway_backtracking():
    text = "Kab. Serang (dan Kota. Serang. " * 60_000  # ~1.9 MB, an open parenthesis each time
    sentences = split_sentences(text)
    assert sentences and sentences[-1].end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aB .,!?()\"'\n\t杭Ü-…") + ["Kab.", "Rp.", "No.", "\n\n"]),
                max_size=120).map("".join))
def test_sentences_cover_the_text_in_order_for_any_text(text):
    sentences = split_sentences(text)
    assert all(text[s.start:s.end] == s.text and s.text.strip() == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.builds(lambda b: HEADER.encode() + b, st.binary(max_size=200)))
def test_any_bytes_load_or_give_one_problem(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    _write(folder, "x.txt", data)
    articles, problems = load_articles(folder)
    assert len(articles) + len(problems) == 1
    assert all(p.message and p.file.endswith("x.txt") for p in problems)
