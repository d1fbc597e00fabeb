"""The candidate finder: pairs, stages and dates read from articles; the removal test; the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from components.__main__ import main
from components.news.articles import Article, load_article, split_sentences
from components.news.candidates import find_candidates, stage_of
from components.news.reader.when import best_date
from components.news.excerpts import fold_text
from components.places.gazetteer import load_gazetteer
from components.dataset.partnerships import load_partnerships

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "seeds" / "2025-09-xinhua-bharata-kota-kembar.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
REMOVED = ("serang-hangzhou", "kab-tangerang-binzhou")


def article_of(text: str, date: str = "2025-09", name: str = "t.txt") -> Article:
    return Article(Path(name), name, "T", "", date, "", "id", text, split_sentences(text))


def without(source: Path, ids: tuple[str, ...], target: Path) -> Path:
    """A copy of a partnerships CSV without the rows of ids."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(line for line in lines if line.split(",", 1)[0] not in ids),
                      encoding="utf-8")
    return target


@pytest.mark.parametrize("text, article_date, expected", [
    ("Pada 5 September 2025, Wali Kota Serang", "2025-09", "2025-09-05"),
    ("pada Juni lalu menandatangani LoI", "2025-09", "2025-06"),
    ("Juni lalu", "2025-09", "2025-06"),
    ("Oktober lalu", "2025-09", "2024-10"),  # a later month than the article's: last year
    ("pada Juni tahun lalu", "2025-09", "2024-06"),
    ("pada awal bulan ini", "2025-09", "2025-09"),
    ("bulan lalu", "2025-01", "2024-12"),
    ("tahun lalu", "2025-09", "2024"),
    ("sejak Maret", "2025-09", "2025-03"),
    ("tanggal 12 Oktober", "2025-09-10", "2024-10-12"),
    ("signed on September 5, 2025", "2025", "2025-09-05"),
    ("signed in June 2025", "2025", "2025-06"),
    ("Jumat (5/9/2025)", "2025", "2025-09-05"),
    ("2025-06-24 di Semarang", "2025", "2025-06-24"),
    ("pada 2017", "2025", "2017"),
    ("senilai Rp 3.000 miliar", "2025", ""),
    ("lebih dari dua dekade", "2025-09", ""),
    ("31 Februari 2025", "2025", "2025-02"),  # no such day: only the month stands
    ("bulan ini", "2025", ""),  # the article's month is not known
])
def test_dates_are_read_and_resolved_against_the_article(text, article_date, expected):
    found = best_date(text, article_date)
    assert (found.iso if found else "") == expected


@pytest.mark.parametrize("text, stage", [
    ("menandatangani Letter of Intent (LoI)", "loi"),
    ("menandatangani nota kesepahaman kota kembar", "mou"),
    ("MoU sister city ditandatangani", "mou"),
    ("telah resmi menjadi kota kembar", "agreement"),
    ("sister province yang telah berlangsung dua dekade", "agreement"),
    ("menjajaki kerja sama sister city", "exploration"),
    ("membahas kerja sama", "exploration"),
])
def test_the_stage_comes_from_the_cue(text, stage):
    assert stage_of(fold_text(text).folded) == stage


def test_removal_test_on_the_real_dataset(tmp_path):
    data = without(ROOT / "data" / "partnerships.csv", REMOVED, tmp_path / "p.csv")
    dataset = load_partnerships(data)
    assert not dataset.fatal
    found = find_candidates([load_article(SHIPPED)], dataset.partnerships, load_gazetteer())
    assert {c.partnership.id: c.partnership.date for c in found} == {
        "serang-hangzhou": "2025-09-05", "kab-tangerang-binzhou": "2025-06"}


def test_the_real_dataset_already_has_every_pair_of_the_shipped_article():
    dataset = load_partnerships(ROOT / "data" / "partnerships.csv")
    assert find_candidates([load_article(SHIPPED)], dataset.partnerships, load_gazetteer()) == []


def test_removal_test_on_a_fixture_dataset(tmp_path):
    data = without(FIXTURES / "partnerships.csv", REMOVED, tmp_path / "p.csv")
    found = find_candidates([load_article(SHIPPED)], load_partnerships(data).partnerships,
                            load_gazetteer())
    rows = {c.partnership.id: c.partnership for c in found}
    assert set(rows) == {*REMOVED, "sumatera-utara-guangdong"}
    serang, tangerang = rows["serang-hangzhou"], rows["kab-tangerang-binzhou"]
    assert (serang.id_name, serang.id_level, serang.id_province) == ("Kota Serang", "city",
                                                                     "Banten")
    assert (serang.cn_name, serang.cn_name_zh, serang.cn_province) == ("Hangzhou", "杭州市",
                                                                       "Zhejiang")
    assert (serang.stage, serang.date, serang.confidence) == ("loi", "2025-09-05", "reported")
    assert serang.sources == ("seeds/2025-09-xinhua-bharata-kota-kembar.txt",)
    assert (tangerang.stage, tangerang.date) == ("loi", "2025-06")
    assert tangerang.fields == ("tourism", "culture", "creative-economy", "human-resources")
    assert rows["sumatera-utara-guangdong"].stage == "agreement"


@pytest.mark.parametrize("text, expected", [
    # the province a city lies in is not a partner of its own
    ("Kota Serang di Provinsi Banten dan Kota Hangzhou di Provinsi Zhejiang menandatangani MoU.",
     {("Kota Serang", "Hangzhou")}),
    # pairs written in turn
    ("Kerja sama provinsi kembar Jawa Tengah dan Fujian serta Bali dan Zhejiang berlanjut.",
     {("Provinsi Jawa Tengah", "Fujian"), ("Provinsi Bali", "Zhejiang")}),
    # one Indonesian place with two Chinese partners
    ("Kota Semarang menandatangani LoI dengan Nanjing dan Hangzhou.",
     {("Kota Semarang", "Nanjing"), ("Kota Semarang", "Hangzhou")}),
    # several on each side, not in turn: too unclear
    ("Jawa Tengah, Bali, Fujian dan Zhejiang membahas kerja sama.", set()),
    # no cue, no candidate
    ("Wali Kota Serang berkunjung ke Hangzhou.", set()),
    # a level word picks the regency; the article's own qualified name decides a bare one
    ("Bupati Serang dan Binzhou menandatangani LoI.", {("Kabupaten Serang", "Binzhou")}),
    ("Kota Serang berkembang. Serang dan Yantai menandatangani LoI.", {("Kota Serang", "Yantai")}),
    ("Kabupaten Nanjing di Fujian dan Kota Semarang menandatangani LoI.",
     {("Kota Semarang", "Nanjing County")}),
    # two Suzhous: the one whose province the article names
    ("Kota Semarang menjajaki kerja sama dengan Suzhou, Anhui.", {("Kota Semarang", "Suzhou")}),
    # traps: a verb and a word inside another
    ("Warga menyerang Hangzhou dan kembali menandatangani MoU.", set()),
])
def test_pairs_in_a_sentence(text, expected):
    gazetteer = load_gazetteer(FIXTURES / "gazetteer.csv")
    found = find_candidates([article_of(text)], [], gazetteer)
    assert {(c.partnership.id_name, c.partnership.cn_name) for c in found} == expected
    if "Anhui" in text:
        assert found[0].partnership.cn_province == "Anhui"


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(["candidates", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_removal_test_prints_rows_then_sentences(tmp_path, capsys):
    data = without(ROOT / "data" / "partnerships.csv", REMOVED, tmp_path / "p.csv")
    status, out, err = _run([str(SHIPPED), "--data", str(data)], capsys)
    assert status == 0 and "2 candidates" in err
    lines = out.splitlines()
    assert lines[0].startswith("id,id_name,id_level,id_province,cn_name")
    rows = list(csv.DictReader(io.StringIO("\n".join(l for l in lines if not l.startswith("# ")))))
    assert {(r["id"], r["date"], r["stage"]) for r in rows} == {
        ("serang-hangzhou", "2025-09-05", "loi"), ("kab-tangerang-binzhou", "2025-06", "loi")}
    after = lines[lines.index(next(l for l in lines if l.startswith("kab-tangerang"))) + 1]
    assert after.startswith("# Sebagai contoh, Kabupaten Tangerang")
    pasted = tmp_path / "pasted.csv"
    pasted.write_text("\n".join(l for l in data.read_text(encoding="utf-8").splitlines())
                      + "\n" + "\n".join(l for l in lines[1:] if not l.startswith("# ")) + "\n",
                      encoding="utf-8")
    reloaded = load_partnerships(pasted)
    assert reloaded.problems == () and {*REMOVED} <= {p.id for p in reloaded.partnerships}


def test_cli_with_nothing_missing_exits_0_and_says_so(capsys):
    status, out, err = _run([], capsys)
    assert status == 0
    assert out.splitlines()[0].startswith("id,")
    assert len(out.splitlines()) == 1 and "no candidates" in err


def test_cli_a_new_article_in_the_folder_needs_no_code_change(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "2024-04-tangerang-yantai.txt").write_text(
        "Title: Tangerang dan Yantai\nDate: 2024-04-30\nLanguage: id\n---\n"
        "TANGERANG - Pemerintah Kota Tangerang menandatangani LoI persahabatan dengan Kota "
        "Yantai, Provinsi Shandong, pada Rabu (24/4/2024) sebagai langkah awal sister city.\n",
        encoding="utf-8")
    (seeds / "broken.txt").write_bytes(b"\x00\x01")
    data = without(FIXTURES / "partnerships.csv", ("tangerang-yantai",), tmp_path / "p.csv")
    status, out, err = _run(["--seeds", str(seeds), "--data", str(data)], capsys)
    assert status == 0 and "broken.txt" in err
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["id"], row["id_name"], row["cn_name"], row["date"], row["stage"]) == (
        "tangerang-yantai", "Kota Tangerang", "Yantai", "2024-04-24", "loi")
    assert row["sources"] == "seeds/2024-04-tangerang-yantai.txt"


@pytest.mark.parametrize("args", [["--data", "/nonexistent/p.csv"], ["/nonexistent/a.txt"]])
def test_cli_unusable_input_exits_2(args, capsys):
    status, out, err = _run(args, capsys)
    assert status == 2 and out == "" and err
