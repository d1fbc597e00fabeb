"""Catalog completeness, compilation (also from a read-only checkout), extraction, translators."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import traceback
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from components import models
from components.i18n import catalogs
from components.i18n import vocabulary
from components.i18n.translator import (
    LANGUAGES, TRANSLATED_LANGUAGES, N_, get_translator, load_translator, main, negotiate_language,
)

NOBODY = 65534


@pytest.mark.parametrize(("query", "browser", "expected"), [
    ("id", "en-US", "id"),
    ("zh", None, "zh"),
    ("en", "zh-CN", "en"),
    (" ZH ", None, "zh"),
    ("fr", "id-ID", "id"),  # an unsupported ?lang= falls through to the browser
    ("", "zh-CN", "zh"),
    (None, "zh-Hans", "zh"),
    (None, "zh_Hans_CN", "zh"),
    (None, "zh-TW", "zh"),
    (None, "id-ID", "id"),
    (None, "id", "id"),
    (None, "in", "id"),  # the old code for Indonesian
    (None, "in-ID", "id"),
    (None, "en-GB", "en"),
    (None, "fr-FR", "en"),
    (None, "fr-FR,id;q=0.8,en;q=0.5", "id"),  # an Accept-Language list: first supported wins
    (None, "", "en"),
    (None, None, "en"),
    ("zh-CN", None, "en"),  # ?lang= takes only the codes the selector writes
])
def test_negotiate_language(query, browser, expected):
    assert negotiate_language(query, browser) == expected


@pytest.mark.parametrize("lang", TRANSLATED_LANGUAGES)
def test_every_message_is_translated(lang):
    assert catalogs.missing_translations(catalogs.read_template(), catalogs.LOCALES_DIR, lang) == []


def test_every_marked_string_is_in_the_template():
    """Fails when code marks a string that `python -m components.i18n.translator extract` has not picked up."""
    template = catalogs.read_template()
    assert catalogs.unextracted_messages(template, catalogs.python_sources()) == []


@pytest.mark.parametrize(("lang", "msgid", "expected"), [
    ("id", "sister city", "kota kembar"),
    ("id", "sister province", "provinsi kembar"),
    ("id", "letter of intent (LoI)", "surat pernyataan kehendak (LoI)"),
    ("id", "memorandum of understanding (MoU)", "nota kesepahaman (MoU)"),
    ("id", "agreement", "perjanjian"),
    ("id", "exploration", "penjajakan"),
    ("id", "regency", "kabupaten"),
    ("zh", "sister city", "友好城市"),
    ("zh", "sister province", "友好省"),
    ("zh", "letter of intent (LoI)", "意向书"),
    ("zh", "memorandum of understanding (MoU)", "谅解备忘录"),
    ("zh", "agreement", "协议"),
    ("zh", "exploration", "探讨"),
    ("zh", "county", "县"),
    ("zh", "district", "区"),
    ("en", "sister city", "sister city"),
    ("en", "a message no catalog has", "a message no catalog has"),
])
def test_domain_terms(lang, msgid, expected):
    assert get_translator(lang).gettext(msgid) == expected
    assert get_translator(lang)(msgid) == expected  # usable as a `translate` callable


@pytest.mark.parametrize(("labels", "keys"), [
    (vocabulary.STAGE_LABELS, models.STAGES),
    (vocabulary.STAGE_SHORT_LABELS, models.STAGES),
    (vocabulary.LEVEL_LABELS, models.ID_LEVELS),
    (vocabulary.PARTNERSHIP_LABELS, models.ID_LEVELS),
    (vocabulary.CN_LEVEL_LABELS, models.CN_LEVELS),
    (vocabulary.EVENT_LABELS, models.EVENTS),
    (vocabulary.CONFIDENCE_LABELS, models.CONFIDENCES + ("",)),
])
def test_vocabulary_covers_the_models(labels, keys):
    assert tuple(labels) == keys


def test_translator_basics():
    translator = get_translator("zh")
    assert get_translator("zh") is translator
    assert (translator.lang, translator.locale.language) == ("zh", "zh")
    assert N_("sister city") == "sister city"
    with pytest.raises(ValueError, match="'fr'.*id, en, zh"):
        get_translator("fr")
    assert set(LANGUAGES) == {"id", "en", "zh"}


@pytest.mark.parametrize(("text", "expected"), [
    ("letter of intent (LoI)", "Letter of intent (LoI)"),
    ("kota kembar", "Kota kembar"),
    ("意向书", "意向书"),
    ("", ""),
])
def test_sentence_case(text, expected):
    assert vocabulary.sentence_case(text) == expected


def _copy_locales(target: Path) -> Path:
    shutil.copytree(catalogs.LOCALES_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def test_compile_from_scratch(tmp_path):
    source, out = _copy_locales(tmp_path / "locales"), tmp_path / "out"
    written = catalogs.compile_catalogs(source, out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        f"{lang}/LC_MESSAGES/messages.mo" for lang in sorted(LANGUAGES)
    ]
    assert load_translator("id", out).gettext("sister city") == "kota kembar"
    assert catalogs.compile_catalogs(source, out) == []  # up to date: nothing rewritten
    po = catalogs.po_path(source, "zh")
    later = (out / "zh/LC_MESSAGES/messages.mo").stat().st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(later, later))
    assert catalogs.compile_catalogs(source, out) == [out / "zh/LC_MESSAGES/messages.mo"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_writable_checkout_compiles_next_to_the_po_files(tmp_path):
    source = _copy_locales(tmp_path / "locales")
    assert catalogs.ensure_compiled(source) == source
    assert (source / "zh/LC_MESSAGES/messages.mo").is_file()


def _in_read_only_child(locales: Path, cache: Path) -> dict:
    """What a process that cannot write the checkout sees (runs in a forked child)."""
    if os.geteuid() == 0:  # root writes anywhere: drop to nobody so the checkout is truly read-only
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    os.environ["KEMBAR_CACHE_DIR"] = str(cache)
    try:
        (locales / "probe").touch()
        blocked = False
    except PermissionError:
        blocked = True
    out = catalogs.ensure_compiled(locales)
    return {
        "blocked": blocked, "out": str(out),
        "id": load_translator("id", out).gettext("sister province"),
        "mo_in_checkout": [str(p) for p in locales.rglob("*.mo")],
    }


def test_read_only_checkout_compiles_into_a_cache():
    base = Path(tempfile.mkdtemp(prefix="kembar-test-"))  # in /tmp, reachable after dropping root
    locales, cache = _copy_locales(base / "locales"), base / "cache"
    cache.mkdir()
    for path in [base, *locales.rglob("*"), locales]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    cache.chmod(0o777)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: report through the pipe, never return into pytest
        try:
            result = _in_read_only_child(locales, cache)
        except BaseException:
            result = {"error": traceback.format_exc()}
        os.write(writer, json.dumps(result).encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as stream:
        result = json.loads(stream.read() or "{}")
    os.waitpid(pid, 0)
    for path in [base, locales, *locales.rglob("*")]:
        path.chmod(0o755)
    shutil.rmtree(base)
    assert "error" not in result, result.get("error")
    assert result["blocked"], "precondition: the copied checkout must be read-only"
    assert Path(result["out"]).is_relative_to(cache)
    assert result["id"] == "provinsi kembar"
    assert result["mo_in_checkout"] == []


SOURCE = '''
def show(translate, t, _, n):
    translate("Stage")
    t.ngettext("{n} partnership", "{n} partnerships", n)
    # TRANSLATORS: a chart axis
    _("Year")
    label = N_("sister city")
    translate(label)  # not a literal: nothing to extract
'''


def test_extract_and_update(tmp_path):
    (tmp_path / "components").mkdir()
    module = tmp_path / "components" / "page.py"
    module.write_text(SOURCE, encoding="utf-8")
    template = catalogs.extract_messages(catalogs.python_sources(tmp_path), tmp_path)
    assert [m.id for m in template] == [
        "", "Stage", ("{n} partnership", "{n} partnerships"), "Year", "sister city",
    ]
    assert template.get("Year").auto_comments == ["a chart axis"]
    assert template.get("Stage").locations == [("components/page.py", 3)]
    locales = tmp_path / "locales"
    catalogs.update_catalogs(template, locales, ["zh"])
    _set_translations(locales, "zh", {"Stage": "阶段", "Year": "年份", "gone": "旧"})
    catalogs.update_catalogs(template, locales, ["zh", "id"])
    with catalogs.po_path(locales, "zh").open("rb") as stream:
        zh = read_po(stream)
    assert (zh.get("Stage").string, zh.get("Year").string) == ("阶段", "年份")
    assert zh.get("gone") is None  # obsolete messages are dropped
    assert catalogs.po_path(locales, "id").is_file()
    assert catalogs.unextracted_messages(template, [module], tmp_path) == []
    module.write_text(SOURCE + '\n_("Legend")\n', encoding="utf-8")
    assert catalogs.unextracted_messages(template, [module], tmp_path) == [
        "not in messages.pot: 'Legend' (components/page.py:10)",
    ]


def _set_translations(locales: Path, lang: str, strings: dict, fuzzy: tuple = ()) -> None:
    path = catalogs.po_path(locales, lang)
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    for msgid, string in strings.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        if catalog.get(key) is None:
            catalog.add(msgid, string)
        catalog.get(key).string = string
        catalog.get(key).flags = {"fuzzy"} if msgid in fuzzy else set()
    with path.open("wb") as stream:
        write_po(stream, catalog)


PLURAL = ("{n} partnership", "{n} partnerships")


@pytest.mark.parametrize(("strings", "fuzzy", "expected"), [
    ({"Stage": "Tahap", PLURAL: ("{n} kemitraan", "{n} kemitraan")}, (), []),
    ({"Stage": "", PLURAL: ("{n} kemitraan", "{n} kemitraan")}, (), ["id: untranslated: 'Stage'"]),
    ({PLURAL: ("{n} kemitraan", "{n} kemitraan")}, (), ["id: untranslated: 'Stage'"]),
    ({"Stage": "Tahap", PLURAL: ("{n} kemitraan", "")}, (), [f"id: untranslated: {PLURAL!r}"]),
    ({"Stage": "Tahap", PLURAL: ("{n} kemitraan", "{n} kemitraan")}, ("Stage",),
     ["id: fuzzy: 'Stage'"]),
    ({"Stage": "Tahap", PLURAL: ("satu kemitraan", "{count} kemitraan")}, (),
     [f"id: {PLURAL!r}: unknown placeholders ['count'] in '{{count}} kemitraan'"]),
    ({"Stage": "Tahap", PLURAL: ("satu kemitraan", "{n} kemitraan")}, (), []),  # "one" may drop {n}
    ({"Stage": "Tahap {", PLURAL: ("{n} kemitraan", "{n} kemitraan")}, (),
     ["id: 'Stage': malformed placeholders (Single '{' encountered in format string)"
      " in ('Tahap {',)"]),
])
def test_missing_translations(tmp_path, strings, fuzzy, expected):
    template = Catalog()
    template.add("Stage")
    template.add(PLURAL)
    catalogs.update_catalogs(template, tmp_path, ["id"])
    _set_translations(tmp_path, "id", strings, fuzzy)
    assert catalogs.missing_translations(template, tmp_path, "id") == expected


@pytest.mark.parametrize(("msgid", "string", "expected"), [
    ("{count} of {total}", "{count} dari {total}", []),
    ("{count} of {total}", "{total} 中的 {count}", []),
    ("{count} of {total}", "{count}", ["placeholders ['total'] missing in '{count}'"]),
    ("{year}", "{tahun}", ["unknown placeholders ['tahun'] in '{tahun}'"]),
    ("{0:02d}", "{0:02d}", []),
    ("{{literal}}", "{{harfiah}}", []),
])
def test_placeholder_problems(msgid, string, expected):
    assert catalogs.placeholder_problems(Message(msgid, string)) == expected


def test_missing_catalog_is_reported(tmp_path):
    assert catalogs.missing_translations(Catalog(), tmp_path, "zh") == [
        f"zh: {catalogs.po_path(tmp_path, 'zh')} does not exist",
    ]


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("id", 1, "1 kemitraan"), ("id", 3, "3 kemitraan"),
    ("zh", 1, "1 个合作关系"), ("zh", 3, "3 个合作关系"),
    ("en", 1, "1 partnership"), ("en", 3, "3 partnerships"),  # empty English msgstr: the msgids
])
def test_ngettext(tmp_path, lang, n, expected):
    template = Catalog()
    template.add(PLURAL)
    catalogs.update_catalogs(template, tmp_path, LANGUAGES)
    forms = {"id": ("{n} kemitraan", "{n} kemitraan"), "zh": ("{n} 个合作关系",)}
    if lang in forms:
        _set_translations(tmp_path, lang, {PLURAL: forms[lang]})
    catalogs.compile_catalogs(tmp_path, tmp_path)
    assert load_translator(lang, tmp_path).ngettext(*PLURAL, n).format(n=n) == expected


def test_compile_command(capsys):
    assert main(["compile"]) == 0
    assert (Path(capsys.readouterr().out.strip()) / "id/LC_MESSAGES/messages.mo").is_file()
