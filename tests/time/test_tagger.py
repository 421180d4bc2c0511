"""Behaviour of the TIMEX3 tagger, pinned by tables of (sentence, DCT, span, value) examples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.time import parse_value, precision_of, tag

FRI = "2022-12-30"  # the seed article's publication date, a Friday
WED = "2023-03-15"

CASES_FILE = Path(__file__).with_name("cases.tsv")


def _cases() -> list[tuple[str, str, str, str, str]]:
    """(sentence, publication date, expression, type, value) rows of ``cases.tsv``."""
    rows = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, dct, text, typ, value = line.split("\t")
            rows.append((sentence, dct, text, typ, value))
    return rows


CASES = _cases()


def test_enough_cases() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize(("sentence", "dct", "text", "typ", "value"), CASES)
def test_case(sentence: str, dct: str, text: str, typ: str, value: str) -> None:
    found = {t.text: (t.type, t.value + (f"@{t.anchor}" if t.anchor else "")) for t in tag(sentence, dct)}
    assert text in found, f"{text!r} not tagged; got {found}"
    assert found[text] == (typ, value)


# Text where nothing should be tagged: the words look like time but are not.
NEGATIVES: list[str] = [
    "May said she would not resign.",
    "The march drew 2000 protesters.",
    "A second missile hit the tower.",
    "The fall of Kherson was a blow.",
    "It lasted around a quarter as long.",
    "The 10-year-old boy was unhurt.",
    "Russia's finance ministry restructures its rainy-day fund.",
    "Prices rose 2.5 percent.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_nothing_tagged(sentence: str) -> None:
    assert tag(sentence, FRI) == []


@pytest.mark.parametrize(("text", "typ"), [
    ("around eight minutes", "DURATION"), ("Thursday night", "TIME"), ("2am", "TIME"),
    ("Friday", "DATE"), ("every week", "SET"), ("now", "DATE"),
])
def test_types(text: str, typ: str) -> None:
    sentence = {"around eight minutes": "He spoke for around eight minutes.",
                "Thursday night": "He spoke on Thursday night.",
                "2am": "The alert came at 2am.",
                "Friday": "He spoke on Friday.",
                "every week": "They meet every week.",
                "now": "It is now over."}[text]
    [timex] = [t for t in tag(sentence, FRI) if t.text == text]
    assert timex.type == typ


def test_seed_article(seed_text: str) -> None:
    """The reference article: every date the design doc relies on, with exact offsets."""
    timexes = tag(seed_text, date(2022, 12, 30))
    values = [(t.text, t.value) for t in timexes]
    for expected in [("Friday", "2022-12-30"), ("spring 2023", "2023-SP"),
                     ("next spring", "2023-SP"), ("around eight minutes", "PT8M"),
                     ("February 24", "2022-02-24"), ("September", "2022-09"),
                     ("early on Friday", "2022-12-30"), ("a day", "P1D"),
                     ("overnight", "2022-12-30"), ("2am", "2022-12-30T02:00"),
                     ("Thursday night", "2022-12-29TNI"), ("Thursday", "2022-12-29"),
                     ("Thursday evening", "2022-12-29TEV")]:
        assert expected in values
    # every "Thursday" in the article is the day before publication
    assert {v for t, v in values if t == "Thursday"} == {"2022-12-29"}
    # "a day after Russia carried out ...": the duration points to the day of that attack
    assert [t.anchor for t in timexes if t.text == "a day"] == ["2022-12-29"]
    for t in timexes:
        assert seed_text[t.start:t.end] == t.text
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)
    assert all(a.end <= b.start for a, b in zip(timexes, timexes[1:], strict=False))


def test_string_and_date_dct_agree() -> None:
    s = "He left on Monday and returns next week."
    assert tag(s, "2022-12-30") == tag(s, date(2022, 12, 30))


@pytest.mark.parametrize(("value", "precision"), [
    ("2022-12-29", "day"), ("2022-12-29TNI", "day"), ("2022-12-30T02:00", "day"),
    ("2022-W51", "week"), ("2022-W52-WE", "week"), ("2022-09", "month"), ("XXXX-09", "month"),
    ("2023-SP", "season"), ("2022-Q1", "quarter"), ("2021", "year"),
    ("P3D", None), ("PT2H", None), ("PRESENT_REF", None), ("PAST_REF", None), ("199", None),
])
def test_precision_of(value: str, precision: str | None) -> None:
    assert precision_of(value) == precision


def test_parse_value() -> None:
    assert parse_value("2022-W51") == (date(2022, 12, 19), "week")
    assert parse_value("2023-SP") == (date(2023, 3, 1), "season")
    assert parse_value("P3D") is None
