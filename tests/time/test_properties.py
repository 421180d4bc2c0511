"""Properties that hold for any input: tag never raises, offsets slice out the reported
text, spans do not overlap, and every value is a well-formed TIMEX3 value."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.time import is_valid, tag

# Words that make rules fire, mixed with noise, so the generated text exercises the grammar.
VOCAB = [
    "on", "in", "last", "next", "this", "the", "a", "an", "ago", "later", "earlier", "after",
    "before", "since", "until", "by", "year", "years", "week", "month", "quarter", "day",
    "days", "night", "Friday", "Thursday", "Mondays", "March", "May", "Sept.", "Dec.", "2022",
    "1989", "'90s", "1990s", "spring", "fall", "winter", "two", "three", "several", "few",
    "24", "15", "2am", "10:30", "p.m.", "noon", "overnight", "today", "tomorrow", "yesterday",
    "now", "current", "recent", "every", "per", "fiscal", "year-end", "year-ago", "third",
    "Q3", "nineteen", "ninety-six", "century", "20th", "said", "will", "had", "been",
    "scheduled", "payable", ",", ".", "\"", "''", "``", "-", "/", "12/29/2022", "2022-12-29",
    "morning", "evening", "weekend", "half", "and", "or", "so", "old", "period", "early",
    "late", "mid-", "following", "previous", "same", "that", "coming", "past",
]

DCTS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
WORDY = st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join)


def _check(text: str, dct: date) -> None:
    found = tag(text, dct)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid(t.value), (t.text, t.value)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), DCTS)
def test_arbitrary_text(text: str, dct: date) -> None:
    _check(text, dct)


@settings(max_examples=250, deadline=None)
@given(WORDY, DCTS)
def test_time_words(text: str, dct: date) -> None:
    _check(text, dct)


def test_validator_accepts_and_rejects() -> None:
    good = ["2022-12-29", "2022-12", "2022-W51", "2022-W52-WE", "2023-SP", "2022-Q1", "199X",
            "199", "19", "P3D", "PT2H", "PT1M30S", "PXY", "P1DE", "PAST_REF", "PRESENT_REF",
            "FUTURE_REF", "XXXX-09", "XXXX-WXX-1", "2022-12-29TNI", "2022-12-30T02:00"]
    bad = ["", "2022-13-01", "2022-W60", "P", "PT", "T10:00", "2022-12-29T25:00", "NOW",
           "2022/12/29", "P3", "twenty"]
    assert all(is_valid(v) for v in good)
    assert not any(is_valid(v) for v in bad)
