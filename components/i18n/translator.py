"""The interface in Bahasa Indonesia, English and 中文: gettext translators and language choice.

Components take a `translate` callable (identity by default); the UI passes
`get_translator(lang)`, which is such a callable. Strings are marked for extraction with `N_`,
`_`, `gettext`, `ngettext` or a literal first argument of `translate(...)`.

    python -m components.i18n.translator extract   # code -> messages.pot -> each .po (after new UI strings)
    python -m components.i18n.translator check     # exit 1 listing untranslated/fuzzy messages in id and zh
    python -m components.i18n.translator compile   # .po -> .mo (also done automatically at start-up)
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel import Locale

from components.i18n import catalogs

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"
# The English catalog keeps msgstr empty (msgid = English text): only these must be complete.
TRANSLATED_LANGUAGES = ("id", "zh")
# Old or regional tags browsers send, mapped to the language we have.
_LANGUAGE_ALIASES = {"in": "id", "cmn": "zh"}


Translate = Callable[[str], str]


def untranslated(message: str) -> str:
    """The default `translate` of the pure modules: the English message as it is written."""
    return message


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (it is translated where shown)."""
    return message


class Translator:
    """One language's catalog; calling it translates, so it can be passed as `translate`."""

    def __init__(self, lang: str, translations: gettext.NullTranslations) -> None:
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._translations = translations

    def gettext(self, message: str) -> str:
        """The message in this language (the English msgid when there is no translation)."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form this language uses for n."""
        return self._translations.ngettext(singular, plural, n)

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


def load_translator(lang: str, localedir: Path) -> Translator:
    """Read a language's compiled catalog from localedir; unknown languages are an error."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    translations = gettext.translation(catalogs.DOMAIN, localedir=str(localedir), languages=[lang])
    return Translator(lang, translations)


@lru_cache(maxsize=None)
def _compiled_dir() -> Path:
    return catalogs.ensure_compiled(catalogs.LOCALES_DIR)


@lru_cache(maxsize=None)
def get_translator(lang: str) -> Translator:
    """The translator for lang, compiling the catalogs on first use (cached for the process)."""
    return load_translator(lang, _compiled_dir())


def _language_of(tag: str) -> str | None:
    """The supported language a locale tag such as zh-Hans-CN, id_ID or in names, if any."""
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    primary = _LANGUAGE_ALIASES.get(primary, primary)
    return primary if primary in LANGUAGES else None


def negotiate_language(query_lang: str | None, browser_locale: str | None) -> str:
    """The language to show: `?lang=` if supported, else the browser's, else English."""
    if query_lang and query_lang.strip().lower() in LANGUAGES:
        return query_lang.strip().lower()
    for tag in (browser_locale or "").split(","):  # also accepts an Accept-Language list
        lang = _language_of(tag.split(";")[0])
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def main(argv: list[str] | None = None) -> int:
    """`python -m components.i18n.translator extract|check|compile`: maintain the catalogs."""
    parser = argparse.ArgumentParser(prog="python -m components.i18n.translator", description=main.__doc__)
    parser.add_argument("command", choices=("extract", "check", "compile"))
    command = parser.parse_args(argv).command
    if command == "extract":
        template = catalogs.extract_messages(catalogs.python_sources())
        catalogs.write_template(template)
        catalogs.update_catalogs(template, catalogs.LOCALES_DIR, LANGUAGES)
        languages = ", ".join(LANGUAGES)
        print(f"{len(template)} messages -> {catalogs.POT_PATH}; merged into {languages}")
        return 0
    if command == "compile":
        print(catalogs.ensure_compiled(catalogs.LOCALES_DIR))
        return 0
    template = catalogs.read_template()
    problems = catalogs.unextracted_messages(template, catalogs.python_sources())
    for lang in TRANSLATED_LANGUAGES:
        problems += catalogs.missing_translations(template, catalogs.LOCALES_DIR, lang)
    print("\n".join(problems) if problems else f"{len(template)} messages, all translated")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
