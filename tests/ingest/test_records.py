"""Dates, ids and validation shared by every reader."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwire.ingest import ReadError, article_id, make_article, parse_date, read_text


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-12-30", date(2022, 12, 30)),
    ("  2022-12-30 ", date(2022, 12, 30)),
    ("2022-12-30T10:00:00Z", date(2022, 12, 30)),
    ("2022-12-30T23:30:00-05:00", date(2022, 12, 30)),  # date as written, not shifted to UTC
    ("2022-12-30 10:00", date(2022, 12, 30)),
    ("2022-12-30T10:00:00.250+00:00", date(2022, 12, 30)),
    ("2024-02-29", date(2024, 2, 29)),
    (date(2022, 1, 2), date(2022, 1, 2)),
    (datetime(2022, 1, 2, 23, 59), date(2022, 1, 2)),
])
def test_parse_date_accepts(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("2022-02-30", "impossible date '2022-02-30'"),
    ("0000-00-00", "impossible date '0000-00-00'"),
    ("2023-02-29", "impossible date '2023-02-29'"),
    ("2022-13-01", "impossible date"),
    ("30/12/2022", "unrecognized date '30/12/2022'"),
    ("2022-12-30x", "unrecognized date"),
    ("2022-12-30T25:00", "unrecognized timestamp"),
    ("", "empty date"),
    (None, "missing date"),
    (20221230, "date must be a string"),
])
def test_parse_date_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value)


def test_article_id_ignores_whitespace_layout_but_not_content_or_date() -> None:
    d = date(2022, 12, 30)
    base = article_id("Troops crossed the border.\nTalks failed.", d)
    assert len(base) == 16 and int(base, 16) >= 0
    assert article_id("  Troops  crossed the border.\r\n\r\nTalks failed. ", d) == base
    assert article_id("Troops crossed the border. Talks failed.", d) == base
    assert article_id("Troops crossed the border. Talks failed!", d) != base
    assert article_id("Troops crossed the border. Talks failed.", date(2022, 12, 31)) != base


def test_read_text_builds_article_with_content_id() -> None:
    art = read_text("  Kyiv was shelled.\r\nTwo died.  ", "2022-12-30")
    assert art.published == date(2022, 12, 30)
    assert art.text == "Kyiv was shelled.\nTwo died."
    assert art.id == article_id("Kyiv was shelled. Two died.", date(2022, 12, 30))
    assert art.origin is None


def test_read_text_keeps_given_id_as_string() -> None:
    assert read_text("Text.", date(2022, 1, 1), id="abc").id == "abc"
    assert make_article("Text.", "2022-01-01", 42).id == "42"


@pytest.mark.parametrize(("text", "published", "message"), [
    ("", "2022-01-01", "empty text"),
    (" \n\t ", "2022-01-01", "empty text"),
    (None, "2022-01-01", "missing text"),
    (["a"], "2022-01-01", "text must be a string, got list"),
    ("Text.", "2022-02-30", "impossible date"),
    ("bad \udcff byte", "2022-01-01", "invalid UTF-8"),
])
def test_read_text_rejects(text: object, published: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_text(text, published)  # type: ignore[arg-type]


def test_make_article_rejects_bad_id_and_optional_types() -> None:
    with pytest.raises(ValueError, match="id must be a string or an integer"):
        make_article("Text.", "2022-01-01", id=True)
    with pytest.raises(ValueError, match="title must be a string, got int"):
        make_article("Text.", "2022-01-01", title=3)


def test_read_error_str_names_place_reason_and_hint() -> None:
    err = ReadError("data/x.jsonl", 17, "malformed JSON (Expecting ',')", "fix or remove the line")
    assert str(err) == "data/x.jsonl:17: malformed JSON (Expecting ','): fix or remove the line"
    assert str(ReadError("a.bin", None, "unknown file extension '.bin'")) == \
        "a.bin: unknown file extension '.bin'"
    assert err.to_dict()["line"] == 17
