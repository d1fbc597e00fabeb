"""Loading and validating partnerships CSV files: good rows, bad rows, unusable files."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

from components.dataset import csvfile as recordfile
from components.models import REQUIRED_COLUMNS
from components.dataset.checks import split_sources
from components.dataset.partnerships import SOFT_COLUMNS, load_partnerships

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "records_valid.csv"
SEED = "seeds/2025-09-xinhua-bharata-kota-kembar.txt"
TODAY = datetime.date(2026, 11, 30)
HEADER = (*REQUIRED_COLUMNS, "fields", "confidence", "notes")
BASE = {
    "id": "serang-hangzhou", "id_name": "Kota Serang", "id_level": "city",
    "id_province": "Banten", "cn_name": "Hangzhou", "cn_name_zh": "杭州市", "cn_level": "city",
    "cn_province": "Zhejiang", "stage": "loi", "date": "2025-09-05",
    "sources": f"https://www.chinadaily.com.cn/a/x.html ; {SEED}", "fields": "",
    "confidence": "confirmed", "notes": "",
}
OTHER = {**BASE, "id": "semarang-nanjing", "id_name": "Kota Semarang", "id_province": "Jawa Tengah",
         "cn_name": "Nanjing", "cn_name_zh": "南京市", "cn_province": "Jiangsu"}


def csv_text(rows: list[dict], header=HEADER) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def load_text(tmp_path: Path, text: str | bytes, **kwargs):
    path = tmp_path / "partnerships.csv"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load_partnerships(path, today=TODAY, **kwargs)


def where(dataset) -> list[tuple[int, str]]:
    return [(problem.line, problem.column) for problem in dataset.problems]


def test_fixture_loads_every_row_with_physical_lines():
    dataset = load_partnerships(VALID, today=TODAY)
    assert dataset.problems == () and not dataset.fatal
    assert [p.line for p in dataset.partnerships] == [2, 3, 4, 6, 7, 8]  # row 4 spans 2 lines
    assert dataset.rows_read == 6
    assert dataset.partnerships[2].notes == "Most sources say 2003;\none says 2014."


BAD_ROWS = [  # (changes to OTHER, column reported on line 3, fragment of the message)
    ({"id": ""}, "id", "required value is empty"),
    ({"id": "Semarang_Nanjing"}, "id", "not a valid id"),
    ({"id": "semarang--nanjing"}, "id", "not a valid id"),
    ({"id": "serang-hangzhou"}, "id", "duplicate id; first used on line 2"),
    ({"id_name": ""}, "id_name", "required value is empty"),
    ({"id_level": "town"}, "id_level", "allowed: province, city, regency"),
    ({"id_level": "regency"}, "id_level", "names a city, but id_level is regency"),
    ({"id_province": ""}, "id_province", "required value is empty"),
    ({"cn_name": "", "cn_name_zh": ""}, "cn_name", "give at least one"),
    ({"cn_level": "prefecture"}, "cn_level", "allowed: province, city, county, district"),
    ({"cn_province": ""}, "cn_province", "required value is empty"),
    ({"stage": "signed"}, "stage", "allowed: exploration, loi, mou, agreement"),
    ({"stage": ""}, "stage", "required value is empty"),
    ({"date": "2025-13-01"}, "date", "month 13 does not exist"),
    ({"date": "2025-02-30"}, "date", "day 30 does not exist: 2025-02 has 28 days"),
    ({"date": "2023-02-29"}, "date", "day 29 does not exist"),
    ({"date": "2025-00"}, "date", "month 0 does not exist"),
    ({"date": "2025/09/05"}, "date", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"date": "2025-9-5"}, "date", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"date": "٢٠٢٥"}, "date", "expected YYYY"),
    ({"date": "1025"}, "date", "year 1025 is before 1950"),
    ({"date": "2027"}, "date", "in the future (today is 2026-11-30)"),
    ({"date": "2026-12"}, "date", "in the future"),
    ({"date": "2026-12-01"}, "date", "in the future"),
    ({"sources": ""}, "sources", "required value is empty"),
    ({"sources": "ftp://example.org/a"}, "sources", "expected an http:// or https:// URL"),
    ({"sources": "China Daily, 10 Sep 2025"}, "sources", "not a source"),
    ({"sources": "https://"}, "sources", "no valid host name"),
    ({"sources": "http://localhost/x"}, "sources", "no valid host name"),
    ({"sources": "https://exa mple.org/x"}, "sources", "spaces or control characters"),
    ({"sources": "http://[::1/x"}, "sources", "malformed URL"),
    ({"sources": "seeds/missing.txt"}, "sources", "no such file in seeds/"),
    ({"sources": "seeds/../app.py"}, "sources", "leaves the seeds/ folder"),
    ({"sources": "seeds/../../../etc/passwd"}, "sources", "leaves the seeds/ folder"),
    ({"sources": "seeds//etc/passwd"}, "sources", "leaves the seeds/ folder"),
    ({"sources": "seeds/"}, "sources", "names no file"),
    ({"sources": "seeds/" + "x" * 400}, "sources", "cannot check this file"),
    ({"sources": "https://a.org/x ; ; https://b.org/y"}, "sources", "empty entry"),
    ({"confidence": "maybe"}, "confidence", "allowed: confirmed, reported, disputed"),
    ({"notes": "n" * 5001}, "notes", "too long: 5001 characters, the limit is 5000"),
    ({"notes": "n" * 200_000}, "notes", "too long: 200000 characters"),
    ({"id_name": "K" * 501}, "id_name", "the limit is 500"),
    ({"sources": "https://a.org/" + "x" * 5000}, "sources", "the limit is 5000"),
]


@pytest.mark.parametrize(("changes", "column", "fragment"), BAD_ROWS,
                         ids=[f"{c}:{next(iter(ch.values()))[:20]}" for ch, c, _ in BAD_ROWS])
def test_bad_row_is_reported_on_its_line_and_column(tmp_path, changes, column, fragment):
    dataset = load_text(tmp_path, csv_text([BASE, {**OTHER, **changes}]))
    assert where(dataset) == [(3, column)]
    assert fragment in dataset.problems[0].message
    assert dataset.problems[0].file == str(tmp_path / "partnerships.csv")
    if column in SOFT_COLUMNS:  # kept, the bad value unknown, the row flagged with its problem
        kept = dataset.partnerships[1]
        assert kept.id == "semarang-nanjing" and kept.problems == dataset.problems
        assert getattr(kept, column) in ("", ())
        assert dataset.dropped == () and dataset.dropped_count == 0
    else:
        assert [p.id for p in dataset.partnerships] == ["serang-hangzhou"]
        assert dataset.dropped_count == 1
        if changes.get("id", OTHER["id"]):
            assert dataset.dropped == ((changes.get("id", OTHER["id"]), dataset.problems[0]),)


@pytest.mark.parametrize("checked, fragment", [
    ("2026-11-30", None), ("", None), ("2026-11", "expected a full date, YYYY-MM-DD"),
    ("2026-12-01", "in the future"), ("30/11/2026", "not a date"),
])
def test_checked_is_a_full_date_kept_on_the_partnership(tmp_path, checked, fragment):
    header = (*HEADER, "checked")
    dataset = load_text(tmp_path, csv_text([{**BASE, "checked": checked}], header))
    (kept,) = dataset.partnerships
    if fragment is None:
        assert dataset.problems == () and kept.checked == checked
    else:
        assert where(dataset) == [(2, "checked")] and fragment in dataset.problems[0].message
        assert kept.checked == "" and kept.problems == dataset.problems


def test_problem_value_quotes_the_bad_part(tmp_path):
    row = {**OTHER, "sources": "https://ok.org/a ; seeds/../app.py", "stage": "Signed"}
    problems = load_text(tmp_path, csv_text([row])).problems
    assert [(p.column, p.value) for p in problems] == [("stage", "Signed"),
                                                        ("sources", "seeds/../app.py")]


def test_several_problems_in_one_row_are_all_reported(tmp_path):
    row = {**OTHER, "id_level": "town", "date": "2025-13-01", "sources": "nope"}
    dataset = load_text(tmp_path, csv_text([row]))
    assert where(dataset) == [(2, "id_level"), (2, "date"), (2, "sources")]


GOOD_ROWS = [  # (changes to OTHER, attribute, expected value)
    ({"id_name": "Kab. Bogor", "id_level": "regency"}, "id_name", "Kabupaten Bogor"),
    ({"id_name": "Kab Bogor", "id_level": "regency"}, "id_name", "Kabupaten Bogor"),
    ({"id_name": "Bogor Regency", "id_level": "regency"}, "id_name", "Kabupaten Bogor"),
    ({"id_name": "Bogor", "id_level": "regency"}, "id_name", "Kabupaten Bogor"),
    ({"id_name": "Makassar City"}, "id_name", "Kota Makassar"),
    ({"id_name": "Makassar"}, "id_name", "Kota Makassar"),
    ({"id_name": "Jawa Tengah", "id_level": "province"}, "id_name", "Provinsi Jawa Tengah"),
    ({"id_name": "Central Java", "id_level": "province"}, "id_name", "Central Java"),
    ({"id_level": "City"}, "id_level", "city"),
    ({"stage": "LoI"}, "stage", "loi"),
    ({"date": ""}, "date", ""),
    ({"date": "2024-02-29"}, "date", "2024-02-29"),
    ({"date": "2026-11-30"}, "date", "2026-11-30"),
    ({"date": "2026-11"}, "date", "2026-11"),
    ({"cn_name": ""}, "cn_name", ""),
    ({"cn_name_zh": ""}, "cn_name_zh", ""),
    ({"confidence": ""}, "confidence", ""),
    ({"sources": "https://a.org/x;https://b.org/y"}, "sources",
     ("https://a.org/x", "https://b.org/y")),
    ({"sources": f"https://a.org/x;{SEED}"}, "sources", ("https://a.org/x", SEED)),
    ({"sources": "https://a.org/x ;https://b.org/y"}, "sources",
     ("https://a.org/x", "https://b.org/y")),
    ({"sources": "https://a.org/?a=1;b=2"}, "sources", ("https://a.org/?a=1;b=2",)),
    ({"sources": "https://例子.中国/x"}, "sources", ("https://例子.中国/x",)),
    ({"fields": "trade; ; culture"}, "fields", ("trade", "culture")),
    ({"notes": "n" * 5000}, "notes", "n" * 5000),
    ({"id_name": "  Kota   Semarang "}, "id_name", "Kota Semarang"),
]


@pytest.mark.parametrize(("changes", "attribute", "expected"), GOOD_ROWS)
def test_good_row_loads_normalised(tmp_path, changes, attribute, expected):
    dataset = load_text(tmp_path, csv_text([BASE, {**OTHER, **changes}]))
    assert dataset.problems == ()
    assert getattr(dataset.partnerships[1], attribute) == expected


def test_extra_columns_are_kept_in_file_order(tmp_path):
    header = (*HEADER, "wikidata", "remark")
    row = {**OTHER, "wikidata": "Q123", "remark": "ok"}
    partnership = load_text(tmp_path, csv_text([row], header)).partnerships[0]
    assert partnership.extra == (("wikidata", "Q123"), ("remark", "ok"))


def test_optional_columns_may_be_absent(tmp_path):
    rows = [{k: v for k, v in OTHER.items() if k in REQUIRED_COLUMNS}]
    dataset = load_text(tmp_path, csv_text(rows, REQUIRED_COLUMNS))
    assert dataset.problems == () and dataset.partnerships[0].confidence == ""


PAIRS = [  # (second row's changes, is it the same pair as BASE?)
    ({"id": "serang-hangzhou-2"}, True),
    ({"id": "x", "id_name": "Serang"}, True),
    ({"id": "x", "id_name": "Serang City"}, True),
    ({"id": "x", "cn_name": "Hangzhou City"}, True),
    ({"id": "x", "cn_name": "", "cn_name_zh": "杭州"}, True),
    ({"id": "x", "cn_name": "HANGZHOU", "cn_name_zh": ""}, True),
    ({"id": "x", "cn_province": "Anhui"}, False),
    ({"id": "x", "id_level": "regency", "id_name": "Kabupaten Serang"}, False),
    ({"id": "x", "cn_level": "district"}, False),
    ({"id": "x", "cn_name": "Hangzhou", "cn_name_zh": ""}, True),
    ({"id": "x", "cn_name": "Ningbo", "cn_name_zh": "宁波市"}, False),
]


@pytest.mark.parametrize(("changes", "duplicate"), PAIRS)
def test_same_pair_of_partners_twice(tmp_path, changes, duplicate):
    dataset = load_text(tmp_path, csv_text([BASE, {**BASE, **changes}]))
    if duplicate:
        assert where(dataset) == [(3, "")]
        assert dataset.problems[0].message == "same partners as line 2"
    else:
        assert dataset.problems == ()


def test_same_pair_is_reported_even_when_the_row_has_other_problems(tmp_path):
    dataset = load_text(tmp_path, csv_text([BASE, {**BASE, "id": "x", "date": "2099"}]))
    assert where(dataset) == [(3, "date"), (3, "")]


def test_bogor_suzhou_pairs_are_different():
    ids = [p.id for p in load_partnerships(VALID, today=TODAY).partnerships]
    assert {"bogor-suzhou", "kab-bogor-suzhou"} <= set(ids)


def test_seeds_resolve_against_given_folder(tmp_path):
    seeds = tmp_path / "myseeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("x", encoding="utf-8")
    row = {**OTHER, "sources": "seeds/a.txt"}
    assert load_text(tmp_path, csv_text([row]), seeds_dir=seeds).problems == ()
    row = {**OTHER, "sources": SEED}
    assert where(load_text(tmp_path, csv_text([row]), seeds_dir=seeds)) == [(2, "sources")]


def test_seed_symlink_leaving_the_folder_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "link.txt").symlink_to(ROOT / "README.md")
    problems = load_text(tmp_path, csv_text([{**OTHER, "sources": "seeds/link.txt"}]),
                         seeds_dir=seeds).problems
    assert [p.message for p in problems] == ["leaves the seeds/ folder; name a file inside it"]


def test_default_seeds_folder_is_the_projects_wherever_the_csv_lives(tmp_path):
    assert load_text(tmp_path, csv_text([OTHER | {"sources": SEED}])).problems == ()


# --- shape of the file: lines, encodings, structure ---------------------------------------

def test_multiline_quoted_fields_count_physical_lines(tmp_path):
    text = csv_text([{**BASE, "notes": "one\ntwo\nthree"}, {**OTHER, "stage": "bad"}])
    assert where(load_text(tmp_path, text)) == [(5, "stage")]


def test_blank_lines_count_and_are_skipped(tmp_path):
    header, row = csv_text([{**OTHER, "stage": "bad"}]).splitlines()
    dataset = load_text(tmp_path, f"\n{header}\n\n,,,,,,,,,,,,,\n{row}\n\n")
    assert where(dataset) == [(5, "stage")] and dataset.rows_read == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bom_and_crlf(tmp_path, newline, bom):
    text = csv_text([{**BASE, "notes": "a\nb"}, {**OTHER, "stage": "bad"}])
    dataset = load_text(tmp_path, bom + text.replace("\n", newline).encode("utf-8"))
    assert where(dataset) == [(4, "stage")]
    assert dataset.partnerships[0].id == "serang-hangzhou"
    assert dataset.partnerships[0].notes == f"a{newline}b"


ROW_SHAPES = [  # (text after the header and one good row, (line, column), message fragment)
    ("a,b,c\n", (3, ""), "3 values, but the header has 14 columns"),
    (csv_text([OTHER]).splitlines()[1] + ",extra\n", (3, ""), "15 values"),
    (csv_text([{**OTHER, "notes": "x\x00y"}]).splitlines()[1] + "\n", (3, "notes"), "NUL"),
    (csv_text([OTHER]).splitlines()[1].replace(",Kota", ',"Kota') + "\n\n\n", (3, ""),
     "never closed, so lines 3–5 were read as one row"),
    ('x,"unclosed,city\n', (3, ""), "a quoted value in this row is never closed"),
]


@pytest.mark.parametrize(("tail", "position", "fragment"), ROW_SHAPES)
def test_malformed_rows_are_row_problems(tmp_path, tail, position, fragment):
    dataset = load_text(tmp_path, csv_text([BASE]) + tail)
    assert where(dataset) == [position] and fragment in dataset.problems[0].message
    assert [p.id for p in dataset.partnerships] == ["serang-hangzhou"]


def good_text() -> str:
    return csv_text([BASE])


FATAL = [  # (file content, line reported, message fragment)
    (b"", 0, "the file is empty"),
    (b"\xef\xbb\xbf \r\n\n", 0, "the file is empty"),
    (b",,,\n,,\n", 0, "no header row"),
    (good_text().encode() + "Kota Bogor,caf\xe9\n".encode("latin-1"), 3,
     "not UTF-8: byte 0xe9 at offset"),
    (b"\xef\xbb\xbf" + "id,caf\xe9\n".encode("latin-1"), 1, "not UTF-8: byte 0xe9 at offset 9"),
    (good_text().replace("stage,date,", "").encode(), 1, "required columns missing: stage, date"),
    (b'{"id": "serang-hangzhou"}\n', 1, "is this a comma-separated file with a header row?"),
    (good_text().replace(",", "\t").encode(), 1, "separated by tabs or semicolons"),
    (good_text().replace(",", ";").encode(), 1, "separated by tabs or semicolons"),
    (good_text().replace(",notes", ",notes,notes").encode(), 1,
     "duplicated column names: 'notes'"),
    (good_text().replace(",notes", ",notes,").encode(), 1, "column 15 of the header"),
    (good_text().replace(",notes", ",no\x00tes").encode(), 1, "column 14 of the header"),
    (("\n\n" + ",".join(HEADER + tuple(f"c{i}" for i in range(190)))).encode(), 3,
     "204 columns; the limit is 200"),
    ((",".join(f"c{i}" for i in range(10_000)) + "\n").encode(), 1, "10000 columns"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "not UTF-8: byte 0x89 at offset 0"),
]


@pytest.mark.parametrize(("content", "line", "fragment"), FATAL)
def test_unusable_file_is_fatal_with_a_reason(tmp_path, content, line, fragment):
    dataset = load_text(tmp_path, content)
    assert dataset.fatal and dataset.partnerships == ()
    assert len(dataset.problems) == 1
    problem = dataset.problems[0]
    assert fragment in problem.message
    assert (problem.line, problem.file) == (line, str(tmp_path / "partnerships.csv"))


def test_missing_file_and_directory_are_fatal(tmp_path):
    for path in (tmp_path / "nope.csv", tmp_path):
        dataset = load_partnerships(path)
        assert dataset.fatal and "cannot read the file" in dataset.problems[0].message


def test_file_past_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: no 20 MB written
        handle.truncate(recordfile.MAX_FILE_BYTES + 1)
    dataset = load_partnerships(path)
    assert dataset.fatal and "larger than 20 MB" in dataset.problems[0].message


def test_too_many_rows_is_fatal(tmp_path):
    row = csv_text([OTHER]).splitlines()[1]
    text = csv_text([]) + "\n".join([row] * (recordfile.MAX_ROWS + 1)) + "\n"
    dataset = load_text(tmp_path, text)
    assert dataset.fatal and f"more than {recordfile.MAX_ROWS} rows" in dataset.problems[0].message
    assert dataset.problems[0].line == recordfile.MAX_ROWS + 2


def test_split_sources_keeps_semicolons_inside_urls():
    assert split_sources("https://a.org/?x=1;y=2 ; seeds/a.txt;https://b.org") == [
        "https://a.org/?x=1;y=2", "seeds/a.txt", "https://b.org"]


# --- the shipped dataset --------------------------------------------------------------------

SHIPPED = ROOT / "data" / "partnerships.csv"


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/partnerships.csv is not curated yet")
def test_shipped_dataset_is_valid_and_sourced():
    dataset = load_partnerships(SHIPPED)
    assert [str(problem) for problem in dataset.problems] == []
    assert dataset.partnerships and all(p.sources for p in dataset.partnerships)
    assert dataset.rows_read == len(dataset.partnerships)


def test_problems_keep_their_template_and_are_translated_where_shown(tmp_path):
    (problem,) = load_text(tmp_path, csv_text([{**BASE, "date": "2016-13"}])).problems
    assert problem.template == "month {month} does not exist"
    assert problem.message == "month 13 does not exist"
    from components.i18n.translator import get_translator
    assert problem.text(get_translator("id")) == "bulan 13 tidak ada"
