"""The reader's reasons and warnings as message templates with their values, translated when
shown (the house rule), so one reading serves every language of the page."""

from __future__ import annotations

from dataclasses import dataclass

from components.i18n.translator import N_, Translate, untranslated


@dataclass(frozen=True)
class Note:
    """A reason or a warning: a template and its values."""

    template: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, translate: Translate = untranslated) -> str:
        """The note in the reader's language."""
        return translate(self.template).format(**dict(self.params))

    def __str__(self) -> str:
        return self.text()


def note(template: str, **params: object) -> Note:
    """A Note from a template (marked with N_ where it is written) and its values."""
    return Note(template, tuple((key, str(value)) for key, value in params.items()))


TOGETHER = N_("both named as parties in {n} passage(s) with a partnership cue")
ONE_SIDED = N_("one party named with a signed instrument; the other is the article's main party")
STAGE_FROM = N_("stage {stage} from “{cue}”")
DATE_READ = N_("date read in the text: “{words}”")
DATE_LEAD = N_("date of the report's lead: “{words}”")
DATE_ARTICLE = N_("no date in the text: the article's own date")
NEW_PLACES = N_("new to the dataset: {names}")
WEEKDAY = N_("the text says {weekday} but {date} was a {actual}; the numeric date is kept")
