"""The articles in `seeds/`: read each file's `Key: value` header and text, split it into sentences.

A bad file is reported as a Problem and skipped, never fatal. The format is described in
`seeds/README.md`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from components import dates
from components.errors import UnusableFile
from components.i18n.translator import N_
from components.models import Message, Problem

MAX_ARTICLE_BYTES = 2_000_000  # a news article is a few kB; anything past 2 MB is not one
ARTICLE_SUFFIX = ".txt"
HEADER_END = "---"
REQUIRED_KEYS = ("Title", "Date", "Language")
KNOWN_KEYS = ("Title", "Publisher", "Date", "URL", "Language")

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,40}):[ \t]*(.*)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with where it sits in the article's text."""

    text: str
    start: int  # offset of the first character in Article.text
    end: int  # offset just past the last character
    paragraph: int  # 0-based paragraph number; sentences never cross paragraphs


@dataclass(frozen=True)
class Article:
    """One article of the seeds folder: its metadata header, its text and its sentences."""

    path: Path
    name: str  # file name, e.g. "2025-09-xinhua-bharata-kota-kembar.txt"
    title: str
    publisher: str
    date: str  # partial ISO: YYYY, YYYY-MM or YYYY-MM-DD
    url: str
    language: str
    text: str
    sentences: tuple[Sentence, ...]
    extra: tuple[tuple[str, str], ...] = ()  # further header keys, in file order

    @property
    def source(self) -> str:
        """How the dataset's `sources` column cites this article."""
        return f"seeds/{self.name}"


def _unusable(line: int, column: str, value: str, template: str, **params: object) -> UnusableFile:
    """A file that is not a usable article: where, and what (translated where it is shown)."""
    return UnusableFile(Problem.of(line, column, value, Message(template, **params)))


def load_articles(seeds_dir: Path | str) -> tuple[list[Article], list[Problem]]:
    """Read every `*.txt` article directly in seeds_dir; bad files become problems, not errors."""
    root = Path(seeds_dir)
    if not root.is_dir():
        return [], [Problem(0, "", str(root), N_("the articles folder does not exist"), str(root),
                            fatal=True)]
    articles: list[Article] = []
    problems: list[Problem] = []
    resolved_root = root.resolve()
    for path in sorted(root.iterdir()):
        if path.suffix != ARTICLE_SUFFIX:
            continue
        try:
            articles.append(load_article(path, root=resolved_root))
        except UnusableFile as error:
            problems.extend(error.problems)
    return articles, problems


def load_article(path: Path | str, *, root: Path | None = None) -> Article:
    """Read one article file; raise UnusableFile when it is not usable (or lies outside root)."""
    path = Path(path)
    try:
        return article_from_bytes(_read_bytes(path, root), path)
    except UnusableFile as error:
        raise error.in_file(str(path)) from None


def article_from_bytes(data: bytes, path: Path | str) -> Article:
    """An article from a file's bytes (or pasted text), checked exactly as a seeds/ file is;
    UnusableFile when it is not usable."""
    path = Path(path)
    if len(data) > MAX_ARTICLE_BYTES:
        raise _unusable(0, "", f"> {MAX_ARTICLE_BYTES} bytes", N_(
            "the file is larger than the limit of {limit} bytes"), limit=MAX_ARTICLE_BYTES)
    text = _decode(data)
    header_lines, body = _split_header(text)
    fields, extra = _parse_header(header_lines)
    if not body.strip():
        raise _unusable(len(header_lines) + 1, "", "", N_("the header has no text after it"))
    return Article(path=path, name=path.name, title=fields["Title"],
                   publisher=fields.get("Publisher", ""), date=fields["Date"],
                   url=fields.get("URL", ""), language=fields["Language"], text=body,
                   sentences=split_sentences(body), extra=tuple(extra))


def _read_bytes(path: Path, root: Path | None) -> bytes:
    """The file's bytes, refusing what lies outside root, is not a file, or is too large."""
    try:
        real = path.resolve()
        if root is not None and not real.is_relative_to(root):
            raise _unusable(0, "", str(path), N_("the file points outside the articles "
                                                    "folder; it is not read"))
        if not real.is_file():
            raise _unusable(0, "", str(path), N_("not a regular file"))
        with real.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python 3.11)
        reason = getattr(error, "strerror", None) or str(error)
        raise _unusable(0, "", str(path), N_("cannot read the file: {reason}"),
                           reason=reason) from error
    if len(data) > MAX_ARTICLE_BYTES:
        raise _unusable(0, "", f"> {MAX_ARTICLE_BYTES} bytes", N_(
            "the file is larger than the limit of {limit} bytes"), limit=MAX_ARTICLE_BYTES)
    return data


def decode_text(data: bytes) -> str:
    """An article's bytes as text, refused when not UTF-8 or binary (as for a seeds/ file)."""
    return _decode(data)


def _decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped, CRLF becomes LF); NUL bytes or bad UTF-8 are refused."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _unusable(line, "", "NUL", N_("a binary file (NUL byte), not a text article"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _unusable(line, "", data[error.start:error.start + 4].hex(" "),
                           N_("not UTF-8 text")) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_header(text: str) -> bool:
    """Whether a text starts with a `Key: value` header closed by a `---` line."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    end = next((n for n, line in enumerate(lines) if line.rstrip() == HEADER_END), None)
    return bool(end) and all(_KEY_LINE.match(line) or not line.strip() for line in lines[:end])


def _split_header(text: str) -> tuple[list[str], str]:
    """The header lines above the `---` line, and the text below it (unchanged)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.rstrip() == HEADER_END:
            return lines[:number], "\n".join(lines[number + 1:])
    raise _unusable(0, "", "", N_("no header: a line '---' must separate the `Key: value` "
                                     "header from the text"))


def _parse_header(lines: list[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Validated header fields by canonical key, plus the unknown keys in file order."""
    canonical = {key.lower(): key for key in KNOWN_KEYS}
    fields: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    seen_extra: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        match = _KEY_LINE.match(line)
        if not match:
            raise _unusable(number, "", line[:200], N_("a header line must read `Key: value`"))
        key, value = canonical.get(match[1].lower(), match[1]), match[2].strip()
        if key in fields or key in seen_extra:
            raise _unusable(number, key, value[:200], N_("this key appears twice"))
        problem = _value_problem(key, value)
        if problem:
            raise _unusable(number, key, value[:200], problem.template, **dict(problem.params))
        if key in KNOWN_KEYS:
            fields[key] = value
        else:
            extra.append((key, value))
            seen_extra.add(key)
    missing = [key for key in REQUIRED_KEYS if not fields.get(key)]
    if missing:
        raise _unusable(0, missing[0], "", N_("the header lacks: {keys}"),
                           keys=", ".join(missing))
    return fields, extra


def _value_problem(key: str, value: str) -> Message | None:
    """What is wrong with one header value (a message to translate when shown), or None."""
    if key == "Date":
        return dates.check(value)
    if key == "Language" and not _LANGUAGE.match(value):
        return Message("expected a language code such as `id`, `en` or `zh-Hans`")
    if key == "URL" and value and not _URL.match(value):
        return Message("expected an http:// or https:// address")
    if key == "Title" and not value:
        return Message("the title is empty")
    return None


# --- sentences --------------------------------------------------------------------------------

# Abbreviations that stand before a name or a number: a period after them never ends a
# sentence. Those that end a phrase ("dll.", "dsb.") need no list: the sentence goes on only
# when a lowercase word follows, which holds for any period.
PREFIX_ABBREVIATIONS = frozenset(
    "moch moh muh mohd abd kab prov no dr drs h hj jl kec kel rp st prof ir tn ny sdr bpk kh mr mrs ms vs tgl "
    "jan feb mar apr jun jul agu agt ags aug sep sept okt oct nov des dec ds kol jend brigjen "
    "mayjen letjen kapt kompol ipda iptu akbp kombes irjen".split())

_CANDIDATE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEXT_CHAR = re.compile(r"\S")
_CLOSING_TAG = re.compile(r"^\([^()]{1,40}\)$")  # a trailing "(XINHUA)" or "(ant/jk)"
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Indonesian news text as sentences, each with its offsets in text."""
    sentences: list[Sentence] = []
    start = 0
    for number, paragraph_end in enumerate(_paragraph_ends(text)):
        for begin, end in _sentence_bounds(text, start, paragraph_end):
            sentences.append(Sentence(text[begin:end], begin, end, number))
        start = paragraph_end
    return tuple(sentences)


def _paragraph_ends(text: str) -> list[int]:
    """Offsets where each paragraph (blank-line separated) ends, the last being len(text)."""
    ends = [match.start() for match in _PARAGRAPH.finditer(text)]
    return ends + [len(text)]


def _sentence_bounds(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """(begin, end) of each sentence between start and stop, whitespace trimmed."""
    cuts, depth, seen = [start], 0, start
    for match in _CANDIDATE_END.finditer(text, start, stop):
        depth, seen = _paren_depth(text, seen, match.start(), depth), match.start()
        if not depth and _ends_sentence(text, match.start(), match.end(), start, stop):
            cuts.append(match.end())
    cuts.append(stop)
    bounds = []
    for begin, end in zip(cuts, cuts[1:]):
        piece = text[begin:end]
        if not piece.strip():
            continue
        left = begin + len(piece) - len(piece.lstrip())
        right = end - (len(piece) - len(piece.rstrip()))
        if bounds and _CLOSING_TAG.match(text[left:right]):
            bounds[-1] = (bounds[-1][0], right)  # "(XINHUA)" stays with the last sentence
        else:
            bounds.append((left, right))
    return bounds


def _ends_sentence(text: str, dot: int, after: int, start: int, stop: int) -> bool:
    """Whether the punctuation at text[dot:after] ends a sentence of the paragraph start..stop."""
    following = _NEXT_CHAR.search(text, after, stop)
    if not following:
        return True
    if following.group().islower():
        return False  # "... dll. dan", unknown abbreviations
    if text[dot] != ".":
        return True
    word = re.search(r"[^\W\d_]+$", text[max(start, dot - 12):dot])
    if not word:
        return True
    token_start = dot - len(word.group())
    if token_start > start and not (text[token_start - 1].isspace() or text[token_start - 1] in "(\"'“"):
        return True  # part of a longer token, e.g. "3.000" or "a.n."
    if word.group().lower() in PREFIX_ABBREVIATIONS:
        return False
    return not (len(word.group()) == 1 and word.group().isupper())  # an initial: "M. Zulfikar"


def _paren_depth(text: str, begin: int, end: int, depth: int) -> int:
    """How many parentheses are open at end, given depth open at begin (counted once: linear)."""
    for char in text[begin:end]:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return depth
