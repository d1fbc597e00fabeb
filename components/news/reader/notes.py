"""The reader's reasons and warnings as message templates with their values, translated when
shown (the house rule), so one reading serves every language of the page."""

from __future__ import annotations

from components.i18n.translator import N_
from components.models import Message

Note = Message  # a reason or a warning: a template and its values (components.models)


def note(template: str, **params: object) -> Message:
    """A reason or warning from a template (marked with N_ where it is written) and values."""
    return Message(template, **params)


TOGETHER = N_("both named as parties in {n} passage(s) with a partnership cue")
ONE_SIDED = N_("one party named with a signed instrument; the other is the article's main party")
STAGE_FROM = N_("stage {stage} from “{cue}”")
DATE_READ = N_("date read in the text: “{words}”")
DATE_LEAD = N_("date of the report's lead: “{words}”")
DATE_ARTICLE = N_("no date in the text: the article's own date")
NEW_PLACES = N_("new to the dataset: {names}")
WEEKDAY = N_("the text says {weekday} but {date} was a {actual}; the numeric date is kept")
