"""A pasted or uploaded article: a header when it has none, the seeds/ limits, a seeds/ name."""

from __future__ import annotations

import pytest

from components.errors import UnusableFile
from components.news.articles import MAX_ARTICLE_BYTES, has_header
from components.news.pasted import read_pasted, seeds_name, seeds_text

BODY = "Kota Semarang dan Kota Yantai menandatangani MoU kota kembar, Rabu (24/10/2018)."


def test_a_text_without_header_gets_one_from_the_values_given():
    article = read_pasted(BODY, date="2018-10-26", language="id", title="Semarang\nYantai")
    assert (article.date, article.language, article.title) == ("2018-10-26", "id",
                                                               "Semarang Yantai")
    assert article.name == seeds_name(article) == "2018-10-26-semarang-yantai.txt"
    assert article.text.strip() == BODY


def test_the_seeds_file_round_trips():
    article = read_pasted(BODY, date="2018-10-26", language="id", title="Semarang Yantai")
    text = seeds_text(article)
    assert has_header(text)
    again = read_pasted(text.encode("utf-8"), name="x.txt")
    assert (again.title, again.date, again.language, again.text) == (
        article.title, article.date, article.language, article.text)


@pytest.mark.parametrize("data, values, message", [
    (b"\x00\x01", {"date": "2018", "language": "id"}, "binary"),
    (b"\xff\xfe bad", {"date": "2018", "language": "id"}, "UTF-8"),
    (BODY.encode(), {"date": "2018-02-30", "language": "id"}, "day"),
    (b"Title: T\nDate: 2018\n---\n" + BODY.encode(), {}, "lacks"),
    (b"x" * (MAX_ARTICLE_BYTES + 1), {"date": "2018", "language": "id"}, "larger"),
    (b"   ", {"date": "2018", "language": "id"}, "no text"),
])
def test_what_a_seeds_file_may_not_be_a_pasted_one_may_not_be(data, values, message):
    with pytest.raises(UnusableFile) as error:
        read_pasted(data, **values)
    assert message in str(error.value)
