"""components.dataset.sourcekinds: the list-or-secondary rule of data/README.md, as a table."""

import pytest

from components.dataset.sourcekinds import is_secondary, secondary_only_warnings
from components.models import Partnership


@pytest.mark.parametrize("source, secondary", [
    ("seeds/2025-09-xinhua-bharata-kota-kembar.txt", True),
    ("https://en.wikipedia.org/wiki/List_of_twin_towns", True),
    ("https://id.m.wikipedia.org/wiki/Kota_Serang", True),
    ("https://www.wikidata.org/wiki/Q1", True),
    ("https://github.com/someone/twin-towns", True),
    ("https://studylibid.com/doc/1", True),
    ("https://www.scribd.com/document/1", True),
    ("https://adoc.pub/x.html", True),
    ("https://www.fx361.com/page/1", True),
    ("https://someone.blogspot.com/2010/01/x.html", True),
    ("https://m.skyscrapercity.com/threads/1", True),
    ("https://wikiwand.com/id/Kota_Serang", True),  # first label contains "wiki"
    ("https://www.wikiwand.com/id/x", True),  # after dropping www.
    ("https://id.wikibrief.org/x", False),  # "wiki" only in a later label
    ("https://notscribd.com/x", False),  # ends with the name, not with "." + it
    ("https://notwikipedia.org/x", True),  # its first label contains "wiki"
    ("https://wikipedia.org.example.com/x", True),  # first label "wikipedia" contains wiki
    ("https://www.antaranews.com/berita/1", False),
    ("https://semarangkota.go.id/p/1", False),
    ("https://www.gov.cn/x", False),
    ("https://m.chinadaily.com.cn/a/1", False),
    ("https://WWW.SCRIBD.COM/doc", True),  # hosts compare in lower case
    ("https://www.github.com.cn/x", False),
])
def test_kind_of_source(source, secondary):
    assert is_secondary(source) is secondary


def row(confidence: str, *sources: str) -> Partnership:
    return Partnership("a-b", "Kota A", "city", "P", "B", "", "city", "Q", "loi",
                       sources=sources, confidence=confidence, line=7)


@pytest.mark.parametrize("partnership, warned", [
    (row("confirmed", "https://en.wikipedia.org/wiki/X", "seeds/a.txt"), True),
    (row("confirmed", "https://en.wikipedia.org/wiki/X", "https://www.antaranews.com/1"), False),
    (row("reported", "https://en.wikipedia.org/wiki/X"), False),
    (row("", "seeds/a.txt"), False),
    (row("confirmed"), False),
])
def test_confirmed_rows_citing_only_lists_are_warned(partnership, warned):
    warnings = secondary_only_warnings([partnership])
    assert bool(warnings) is warned
    if warned:
        assert (warnings[0].line, warnings[0].column) == (7, "sources")
        assert "list or secondary mention" in warnings[0].message
