"""The records Kembar passes from one stage to the next: frozen dataclasses, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

ID_LEVELS = ("province", "city", "regency")
CN_LEVELS = ("province", "city", "county", "district")
STAGES = ("exploration", "loi", "mou", "agreement")
CONFIDENCES = ("confirmed", "reported", "disputed")
EVENTS = ("contact", "exploration", "loi", "mou", "agreement", "renewal", "other")

REQUIRED_COLUMNS = (
    "id", "id_name", "id_level", "id_province",
    "cn_name", "cn_name_zh", "cn_level", "cn_province",
    "stage", "date", "sources",
)
OPTIONAL_COLUMNS = ("fields", "confidence", "notes", "checked")
SOURCE_SEPARATOR = " ; "


@dataclass(frozen=True, init=False)
class Message:
    """A message kept as its English template and values, translated only where it is shown."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def __init__(self, template: str, **params: object) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", tuple(params.items()))

    def text(self, translate: Callable[[str], str] = str) -> str:
        """The message in the reader's language (`translate` is a Translator), values filled in."""
        translated = translate(self.template)
        return translated.format(**dict(self.params)) if self.params else translated

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, precise enough to fix by hand.

    The message is kept as its English template and values (`Message`), so it is translated
    where it is shown (`text(translate)`); `message` is the English text.
    """

    line: int  # 1-based physical line in the file; 0 when the file as a whole is at fault
    column: str  # column name, or "" for the whole row / file
    value: str
    template: str  # the English message, with {name} placeholders filled from `params`
    file: str = ""
    params: tuple[tuple[str, object], ...] = ()
    fatal: bool = False  # the file as a whole cannot be used
    cause: "Problem | None" = None  # the problem this one follows from (a row left out before)

    @classmethod
    def of(cls, line: int, column: str, value: str, message: Message, **more: object) -> "Problem":
        """A problem whose message is a `Message` (template and values)."""
        return cls(line, column, value, message.template, params=message.params, **more)

    @property
    def message(self) -> str:
        """The message in English."""
        return self.text()

    def text(self, translate: Callable[[str], str] = str) -> str:
        """The message in the reader's language (`translate` is a Translator)."""
        translated = translate(self.template)
        return translated.format(**dict(self.params)) if self.params else translated

    def __str__(self) -> str:
        return self.format()

    def format(self, translate: Callable[[str], str] = str) -> str:
        """`FILE:LINE: COLUMN: 'value': message`, leaving out the parts that do not apply."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        if not where:
            where = f"line {self.line}"
        parts = [where, self.column, shorten(self.value) if self.value else "",
                 self.text(translate)]
        return ": ".join(part for part in parts if part)


def shorten(value: str, limit: int = 80) -> str:
    """The value quoted for a message, control characters escaped and long values cut."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value)} characters)"


_PARTNER_PLACES = ("id_place", "cn_place")


@dataclass(frozen=True)
class Partnership:
    """One row of data/partnerships.csv, validated and normalised."""

    id: str
    id_name: str  # official form: "Kota Serang", "Kabupaten Tangerang", "Provinsi Jawa Tengah"
    id_level: str  # one of ID_LEVELS
    id_province: str
    cn_name: str  # English / pinyin, may be "" when cn_name_zh is given
    cn_name_zh: str  # characters, may be "" when cn_name is given
    cn_level: str  # one of CN_LEVELS
    cn_province: str
    stage: str  # one of STAGES
    date: str = ""  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when unknown
    sources: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    confidence: str = ""  # one of CONFIDENCES or ""
    notes: str = ""
    line: int = 0  # line of the row in its file, for messages
    extra: tuple[tuple[str, str], ...] = ()  # further optional columns, in file order
    checked: str = ""  # "YYYY-MM-DD": when the row's sources were last read; "" when unknown
    # The row's problems when it is kept despite them: each was in a column whose value is
    # then treated as unknown (date, fields, confidence, notes, checked).
    problems: tuple[Problem, ...] = ()

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def disputed(self) -> bool:
        return self.confidence == "disputed"

    # Each partner place is made once per row and kept: the map, its fan-out, the indexes and
    # the checks ask for them again and again (ten times a row on a first page run).
    @cached_property
    def id_place(self) -> "PlaceRef":
        return PlaceRef("ID", self.id_name, self.id_level, self.id_province)

    @cached_property
    def cn_place(self) -> "PlaceRef":
        return PlaceRef("CN", self.cn_name or self.cn_name_zh, self.cn_level, self.cn_province,
                        name_zh=self.cn_name_zh)

    def __getstate__(self) -> dict:
        """The fields alone: the places kept above are made again when asked for."""
        return {name: value for name, value in self.__dict__.items()
                if name not in _PARTNER_PLACES}


@dataclass(frozen=True)
class PlaceRef:
    """A partner as a row names it: what the geocoder is asked to find."""

    country: str  # "ID" or "CN"
    name: str
    level: str
    province: str
    name_zh: str = ""


@dataclass(frozen=True)
class Place:
    """A resolved partner place: where it is and who said so."""

    ref: PlaceRef
    lat: float | None
    lon: float | None
    resolved_by: str  # "cache", "gazetteer", "geonames", "nominatim" or "unresolved"
    label: str = ""  # display name as the resolving source gives it
    label_zh: str = ""

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Milestone:
    """One step in a partnership's history (data/milestones.csv)."""

    partnership: str
    date: str
    event: str  # one of EVENTS
    sources: tuple[str, ...] = ()
    notes: str = ""
    line: int = 0


@dataclass(frozen=True)
class Dataset:
    """What loading a partnerships file gives: the good rows and every problem."""

    partnerships: tuple[Partnership, ...] = ()
    problems: tuple[Problem, ...] = ()
    fatal: bool = False  # the file could not be used at all
    rows_read: int = 0
    columns: tuple[str, ...] = field(default=())
    # Rows left out, by id, with the first problem that left each out (for follow-on problems).
    dropped: tuple[tuple[str, Problem], ...] = ()
    warnings: tuple[Problem, ...] = ()  # worth a look, never a reason to leave a row out

    @property
    def flagged(self) -> tuple[Partnership, ...]:
        """The rows kept with problems (each problem's value treated as unknown)."""
        return tuple(p for p in self.partnerships if p.problems)

    @property
    def dropped_count(self) -> int:
        """Rows of the file that are not in `partnerships` (a problem left each out)."""
        return self.rows_read - len(self.partnerships)
