"""Read a CSV file of records safely: bounded size, strict UTF-8, a sane header, physical lines.

The limits, documented for users and tests:

* a file larger than `MAX_FILE_BYTES` (20 MB) is refused before it is read;
* more than `MAX_ROWS` (100,000) data rows, `MAX_LINES` (1,000,000) lines or `MAX_COLUMNS` (200)
  columns: refused;
* the text must be UTF-8 (a byte order mark is fine, so are CRLF line ends);
* the header must name every required column, once each, and no column may be unnamed.

A file that breaks one of these raises `UnusableFile`. Everything wrong with a single row
(wrong number of values, a NUL character, a quote never closed) is a `Problem` on that row's
physical line (the line the row starts on, counting the lines inside quoted values), and the
other rows still load. Rows whose values are all empty are skipped: they hold no data.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from components.errors import UnusableFile
from components.models import Message, Problem, shorten

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_LINES = 1_000_000
MAX_COLUMNS = 200
MAX_COLUMN_NAME = 100


@dataclass(frozen=True)
class Row:
    """One data row with the right number of values, keyed by column name, values stripped."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    """What a CSV file holds: its header, its well-formed rows, and the malformed ones."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    rows_read: int


class _LineTap:
    """Feeds lines to csv.reader and counts the double quotes of the record being read."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.quotes = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._lines.readline()
        if not line:
            raise StopIteration
        self.quotes += line.count('"')
        return line


def read_table(path: str | os.PathLike, required: Sequence[str]) -> Table:
    """Read and shape-check a CSV file; raise UnusableFile when it cannot be used at all."""
    text = decode(read_bytes(Path(path)))
    if not text.strip():
        raise _unusable(0, "", Message("the file is empty"))
    # Python refuses fields over 131,072 characters by default; our own per-column limits
    # report long values as row problems instead, so let the parser read any field.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES + 1))
    tap = _LineTap(text)
    reader = csv.reader(tap)
    try:
        return _read_records(reader, tap, required)
    except csv.Error as error:
        raise _unusable(reader.line_num, "", Message("not readable as CSV: {reason}",
                                                     reason=str(error))) from error


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file past the size limit without reading all of it."""
    too_big = Message("the file is larger than {limit} MB; Kembar reads files up to that size",
                      limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _unusable(0, "", too_big)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # a pipe or device reports no size
    except OSError as error:
        raise _unusable(0, "", Message("cannot read the file: {reason}",
                                       reason=error.strerror or str(error))) from error
    if len(data) > MAX_FILE_BYTES:
        raise _unusable(0, "", too_big)
    return data


def decode(data: bytes) -> str:
    """UTF-8 text without its byte order mark; otherwise say where the first bad byte is."""
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skip
        line = data.count(b"\n", 0, offset) + 1
        message = Message("not UTF-8: byte 0x{byte:02x} at offset {offset}; save the file as "
                          "UTF-8", byte=data[offset], offset=offset)
        raise _unusable(line, "", message) from error


def _read_records(reader, tap: _LineTap, required: Sequence[str]) -> Table:
    """Read the header, then every record with the line it starts on."""
    header, end = (), 0
    for record in reader:
        start, end = end + 1, _line_count(reader)
        if any(value.strip() for value in record):
            header = check_header(record, start, required)
            break
    if not header:
        raise _unusable(0, "", Message("no header row: every line is empty"))
    records: list[tuple[int, list[str], int]] = []
    tap.quotes = 0
    for record in reader:
        start, end = end + 1, _line_count(reader)
        if any(value.strip() for value in record):
            records.append((start, record, tap.quotes))
            if len(records) > MAX_ROWS:
                raise _unusable(start, "", Message(
                    "more than {limit} rows; Kembar reads files up to that size", limit=MAX_ROWS))
        tap.quotes = 0
    return _shape_rows(header, records, end)


def _line_count(reader) -> int:
    """Lines read so far; refuse a file with more lines than any real dataset."""
    if reader.line_num > MAX_LINES:
        raise _unusable(reader.line_num, "", Message(
            "more than {limit} lines; Kembar reads files up to that size", limit=MAX_LINES))
    return reader.line_num


def check_header(names: list[str], line: int, required: Sequence[str]) -> tuple[str, ...]:
    """The column names, or UnusableFile naming what is wrong with the header."""
    header = tuple(name.strip().lstrip("\ufeff").strip() for name in names)
    if len(header) > MAX_COLUMNS:
        raise _unusable(line, "", Message("{count} columns; the limit is {limit}",
                                          count=len(header), limit=MAX_COLUMNS))
    missing = [name for name in required if name not in header]
    if len(missing) == len(required):  # not our kind of file at all: say that first
        raise _unusable(line, "", _missing_message(missing, header, required))
    for position, name in enumerate(header, 1):
        if not name or len(name) > MAX_COLUMN_NAME or "\x00" in name:
            raise _unusable(line, name[:MAX_COLUMN_NAME], Message(
                "column {position} of the header has no usable name (empty, too long or "
                "containing NUL)", position=position))
    duplicated = [name for name, count in Counter(header).items() if count > 1]
    if duplicated:
        raise _unusable(line, "", Message("duplicated column names: {names}", names=", ".join(
            shorten(name) for name in duplicated)))
    if missing:
        raise _unusable(line, "", _missing_message(missing, header, required))
    return header


def _missing_message(missing: list[str], header: tuple[str, ...],
                     required: Sequence[str]) -> Message:
    names = ", ".join(missing)
    if len(missing) < len(required):
        return Message("required columns missing: {names}", names=names)
    if any("\t" in name or ";" in name for name in header):
        return Message("required columns missing: {names} (it looks separated by tabs or "
                       "semicolons; use commas)", names=names)
    return Message("required columns missing: {names} (is this a comma-separated file with a "
                   "header row?)", names=names)


def _shape_rows(header: tuple[str, ...], records: list[tuple[int, list[str], int]],
                end: int) -> Table:
    """Rows with the header's shape; a problem for each record without it."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for index, (line, record, quotes) in enumerate(records):
        last = index == len(records) - 1
        if last and quotes % 2:
            problems.append(Problem.of(line, "", "", _unclosed_message(line, end)))
        elif len(record) != len(header):
            problems.append(Problem.of(line, "", "", Message(
                "{count} values, but the header has {columns} columns",
                count=len(record), columns=len(header))))
        else:
            nul = [name for name, value in zip(header, record) if "\x00" in value]
            problems.extend(Problem.of(line, name, "", Message(
                "contains a NUL character (byte 0); the file may be damaged")) for name in nul)
            if not nul:
                rows.append(Row(line, {name: value.strip() for name, value in zip(header, record)}))
    return Table(header, tuple(rows), tuple(problems), len(records))


def _unclosed_message(start: int, end: int) -> Message:
    if end > start:
        return Message("unbalanced double quote: a quoted value opened in this row is never "
                       "closed, so lines {start}–{end} were read as one row", start=start, end=end)
    return Message("unbalanced double quote: a quoted value in this row is never closed")


def _unusable(line: int, value: str, message: Message) -> UnusableFile:
    return UnusableFile(Problem.of(line, "", value, message))
