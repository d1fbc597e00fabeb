"""Hostile files in seeds/: the article reader always answers with an Article or one Problem.

Complements tests/test_articles.py (which checks each message): here any mutation of the real
article, and files that are not files at all (loops, FIFOs, devices, sparse giants), must give
a bounded answer in bounded time and memory, never an exception or a hang.
"""

from __future__ import annotations

import os
import stat
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.errors import UnusableFile
from components.news.articles import MAX_ARTICLE_BYTES, Article, load_article, load_articles

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = (ROOT / "seeds" / "2025-09-xinhua-bharata-kota-kembar.txt").read_bytes()
HEADER = b"Title: T\nDate: 2025-09\nLanguage: id\n---\n"
VALUE_LIMIT = 250  # a Problem quotes at most ~200 characters of the offending value

pytestmark = pytest.mark.timeout(60)


def _one_answer(folder: Path, name: str = "x.txt") -> tuple[list[Article], list]:
    """load_articles on a folder holding one candidate file: exactly one article or one problem."""
    articles, problems = load_articles(folder)
    assert len(articles) + len(problems) == 1, (articles, problems)
    for problem in problems:
        assert problem.message and problem.file.endswith(name)
        assert problem.line >= 0 and len(problem.value) <= VALUE_LIMIT
    return articles, problems


# --- mutations of the real article ------------------------------------------------------------

def _insert(data: bytes, at: int, piece: bytes) -> bytes:
    at %= len(data) + 1
    return data[:at] + piece + data[at:]


MUTATIONS = {
    "nul": lambda data, at: _insert(data, at, b"\x00"),
    "bad-utf8": lambda data, at: _insert(data, at, b"\xc3\x28\xff"),
    "truncate": lambda data, at: data[: at % (len(data) + 1)],
    "drop-separator": lambda data, at: data.replace(b"\n---\n", b"\n", 1),
    "header-only": lambda data, at: data[: data.find(b"---\n") + 4],
    "double-header": lambda data, at: data[: max(data.find(b"---\n"), 0)] + data,
    "html": lambda data, at: _insert(data, at, b"<script>window.__pwned=1</script>"),
    "utf16": lambda data, at: data.decode("utf-8", "replace").encode("utf-16"),
    "latin1": lambda data, at: data.decode("utf-8", "replace").encode("latin-1", "replace"),
    "cr-only": lambda data, at: data.replace(b"\n", b"\r"),
    "line-separators": lambda data, at: data.replace(b"\n", "\u2028".encode()),
    "long-header-line": lambda data, at: b"Title: " + b"T" * 300_000 + b"\n" + data,
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 10_000)),
                min_size=1, max_size=4))
def test_mutations_of_the_real_article_give_an_article_or_one_problem(tmp_path_factory, steps):
    data = SHIPPED
    for name, at in steps:
        data = MUTATIONS[name](data, at)
    folder = tmp_path_factory.mktemp("mutated")
    (folder / "x.txt").write_bytes(data)
    articles, problems = _one_answer(folder)
    if articles:
        article = articles[0]
        assert "\x00" not in article.text and article.text.strip()
        assert all(article.text[s.start:s.end] == s.text for s in article.sentences)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2_000) | st.builds(lambda b: HEADER + b, st.binary(max_size=500)))
def test_load_article_raises_only_unusable_file(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("direct") / "x.txt"
    path.write_bytes(data)
    try:
        article = load_article(path, root=path.parent.resolve())
    except UnusableFile as error:
        assert str(error) and error.problem.line >= 0 and error.problem.file == str(path)
    else:
        assert isinstance(article, Article) and article.text.strip()


# --- files that are not ordinary small text files ----------------------------------------------

def _loop(folder: Path) -> None:
    os.symlink("x.txt", folder / "x.txt")


def _dangling(folder: Path) -> None:
    os.symlink(folder / "missing.txt", folder / "x.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "x.txt")  # opening it for reading would block forever


def _directory(folder: Path) -> None:
    (folder / "x.txt").mkdir()


def _outside(target: str):
    def make(folder: Path) -> None:
        os.symlink(target, folder / "x.txt")
    return make


def _relative_escape(folder: Path) -> None:
    (folder.parent / "secret.txt").write_bytes(HEADER + b"Secret.")
    os.symlink("../secret.txt", folder / "x.txt")


def _header_without_text(folder: Path) -> None:
    (folder / "x.txt").write_bytes(HEADER + b"\n \n\t\n")


def _no_separator(folder: Path) -> None:
    (folder / "x.txt").write_bytes(b"Title: T\nDate: 2025\nLanguage: id\n")


@pytest.mark.parametrize("make, message", [
    (_loop, "cannot read"),
    (_dangling, "not a regular file"),
    (_fifo, "not a regular file"),
    (_directory, "not a regular file"),
    (_outside("/etc/passwd"), "outside the articles folder"),
    (_outside("/dev/zero"), "outside the articles folder"),
    (_outside("/proc/self/environ"), "outside the articles folder"),
    (_relative_escape, "outside the articles folder"),
    (_header_without_text, "no text"),
    (_no_separator, "no header"),
], ids=["symlink-loop", "dangling", "fifo", "directory", "etc-passwd", "dev-zero", "proc-environ",
        "relative-escape", "header-without-text", "no-separator"])
@pytest.mark.timeout(30)  # a guard against a hang on an odd file, not a speed measurement
def test_odd_files_are_one_problem_each(tmp_path, make, message):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    make(seeds)
    articles, problems = _one_answer(seeds)
    if message:
        assert problems and message in problems[0].message
    assert all("root:" not in p.value and "Secret" not in p.value for p in problems)


# A quadratic header reader needed about 65 s for 40,000 lines; a linear one well under 1 s.
@pytest.mark.timeout(30)  # a guard against a hang, not a speed measurement
def test_many_header_lines_do_not_hang_the_reader(tmp_path):
    lines = b"".join(b"K%d: v\n" % n for n in range(40_000))
    (tmp_path / "x.txt").write_bytes(b"Title: T\nDate: 2025\nLanguage: id\n" + lines + b"---\nText.")
    (article,), _ = _one_answer(tmp_path)
    assert len(article.extra) == 40_000


def test_a_character_device_inside_seeds_is_not_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    try:
        os.mknod(seeds / "x.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # a copy of /dev/zero
    except PermissionError as error:
        pytest.skip(f"cannot create a device node here: {error}")
    _, problems = _one_answer(seeds)
    assert "not a regular file" in problems[0].message


@pytest.mark.parametrize("size", [MAX_ARTICLE_BYTES + 1, 10 * 1024 ** 3])
def test_a_huge_file_is_refused_in_bounded_time_and_memory(tmp_path, size):
    path = tmp_path / "x.txt"
    with path.open("wb") as handle:
        handle.write(HEADER)
        handle.truncate(size)  # sparse: 10 GB costs no disk, but would cost memory if read whole
    tracemalloc.start()
    try:
        _, problems = _one_answer(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "larger than the limit" in problems[0].message
    assert peak < 3 * MAX_ARTICLE_BYTES


def test_a_file_at_exactly_the_limit_is_read(tmp_path):
    body = b"Kota Serang. " * ((MAX_ARTICLE_BYTES - len(HEADER)) // 13)
    data = HEADER + body + b" " * (MAX_ARTICLE_BYTES - len(HEADER) - len(body))
    assert len(data) == MAX_ARTICLE_BYTES
    (tmp_path / "x.txt").write_bytes(data)
    (article,), _ = _one_answer(tmp_path)
    assert len(article.sentences) == len(body) // 13


def test_a_symlink_inside_seeds_to_an_article_inside_is_read(tmp_path):
    (tmp_path / "real.txt").write_bytes(HEADER + b"Kota Serang.")
    os.symlink("real.txt", tmp_path / "alias.txt")
    articles, problems = load_articles(tmp_path)
    assert problems == [] and sorted(a.name for a in articles) == ["alias.txt", "real.txt"]


def test_an_undecodable_file_name_is_reported_not_raised(tmp_path):
    name = os.fsdecode(b"bad-\xff-name.txt")
    (tmp_path / name).write_bytes(b"\x00")
    articles, problems = load_articles(tmp_path)
    assert articles == [] and len(problems) == 1 and "binary" in problems[0].message
