"""Property tests on the parts that meet raw input: readers, time tagger, gazetteer.

Bounded example counts, so they run in CI; scripts/fuzz.py runs the same kinds of
input for minutes. tests/time/test_properties.py already covers tag() on random text
and time words with anchors 1900-2099; here: odd characters between time words,
anchors at the ends of the calendar, and long inputs.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import ReadError, read
from eventwire.ingest.records import MAX_DATE, MIN_DATE, clean_text
from eventwire.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORK = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))

# --- readers -----------------------------------------------------------------------------

NAMES = ["x.jsonl", "x.csv", "x.tsv", "x.txt", "x.jsonl.gz"]
JUNK_LINE = st.binary(max_size=120).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))
GOOD_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda t: t.strip())
DAYS = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)


def _read_bytes(name: str, data: bytes) -> list:
    import gzip

    path = WORK / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return list(read([path]))


def _well_formed(items: list, label_end: str) -> None:
    for item in items:
        assert isinstance(item, Article | ReadError)
        if isinstance(item, ReadError):
            assert item.path.endswith(label_end) and item.reason
            assert item.line is None or item.line >= 1
        else:
            assert item.text and item.text == item.text.strip() and item.id


@FAST
@given(st.sampled_from(NAMES), st.binary(max_size=2000))
def test_random_bytes_never_raise(name: str, data: bytes) -> None:
    _well_formed(_read_bytes(name, data), name)


@FAST
@given(st.sampled_from(NAMES), st.lists(JUNK_LINE, max_size=30),
       st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_random_lines_never_raise(name: str, lines: list[bytes], eol: bytes) -> None:
    _well_formed(_read_bytes(name, eol.join(lines)), name)


@FAST
@given(st.lists(st.tuples(GOOD_TEXT, DAYS), min_size=1, max_size=12),
       st.lists(JUNK_LINE, max_size=12), st.randoms(use_true_random=False),
       st.sampled_from([b"\n", b"\r\n"]))
def test_jsonl_good_records_survive_junk_between_them(records, junk, rnd, eol) -> None:
    lines = [json.dumps({"id": f"r{i}", "date": d.isoformat(), "text": t}).encode()
             for i, (t, d) in enumerate(records)]
    tagged = [("good", ln) for ln in lines] + [("junk", ln) for ln in junk]
    rnd.shuffle(tagged)
    items = _read_bytes("x.jsonl", eol.join(ln for _, ln in tagged) + eol)
    by_origin = {a.origin: a for a in items if isinstance(a, Article)}
    for number, (kind, raw) in enumerate(tagged, 1):
        if kind != "good":
            continue
        rec = json.loads(raw)
        got = by_origin.get(f"{WORK / 'x.jsonl'}:{number}")
        assert got is not None, (number, rec)
        assert (got.id, got.published.isoformat(), got.text) == (
            rec["id"], rec["date"], clean_text(rec["text"]))


@FAST
@given(st.lists(st.tuples(GOOD_TEXT, DAYS), min_size=1, max_size=12),
       st.lists(JUNK_LINE.map(lambda b: b.replace(b'"', b"'")), max_size=8),
       st.randoms(use_true_random=False))
def test_csv_good_rows_survive_junk_rows(records, junk, rnd) -> None:
    def row(i: int, text: str, day: date) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="").writerow(
            [f"r{i}", day.isoformat(), text])
        return buf.getvalue().encode("utf-8")

    tagged = [("good", row(i, t, d), (t, d)) for i, (t, d) in enumerate(records)]
    tagged += [("junk", ln, None) for ln in junk if ln.strip()]
    rnd.shuffle(tagged)
    data = b"id,date,text\n" + b"\n".join(raw for _, raw, _ in tagged) + b"\n"
    items = _read_bytes("x.csv", data)
    stored = {(a.id, a.published, a.text) for a in items if isinstance(a, Article)}
    for i, (text, day) in enumerate(records):
        assert (f"r{i}", day, clean_text(text.replace("\r\n", "\n"))) in stored


@FAST
@given(GOOD_TEXT, DAYS, st.sampled_from(["\n", "\r\n", "\r", " "]))
def test_seed_articles_are_read_whole(text: str, day: date, sep: str) -> None:
    items = _read_bytes("x.txt", f"date {day.isoformat()}{sep}{text}".encode())
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Article):
        assert item.published == day
        assert item.text == clean_text(text.replace("\r\n", "\n"))
    else:  # only a text that starts like a second header line can confuse the format
        assert item.reason


@FAST
@given(st.one_of(st.dates(max_value=date(MIN_DATE.year - 1, 12, 31)),
                 st.dates(min_value=date(MAX_DATE.year + 1, 1, 1))))
def test_dates_outside_the_range_are_reported(day: date) -> None:
    items = _read_bytes("x.jsonl", json.dumps({"date": day.isoformat(), "text": "x"}).encode())
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].line == 1 and "is outside" in items[0].reason


# --- time tagger ----------------------------------------------------------------------

TIME_WORDS = ["yesterday", "tomorrow", "last week", "next year", "two years ago", "in 2022",
              "on Friday", "March 3", "this month", "Q3", "the 1990s", "since May", "daily",
              "three days", "10:30 p.m.", "overnight", "12/29/2022", "later this year"]
ODD = ["\u200b", "\u200f", "\u202e", "\ufeff", "\u00a0", "\x00", "\t", "\n", "🚀", "ا", "́",
       " ", ", ", ". "]


def _check_timexes(text: str, dct: date) -> None:
    from eventwire.time import is_valid, tag

    found = tag(text, dct)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert is_valid(t.value), (t.text, t.value)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.sampled_from(ODD)), max_size=30)
       .map("".join), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_time_words_between_odd_characters(text: str, dct: date) -> None:
    _check_timexes(text, dct)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(TIME_WORDS + ODD), min_size=2000, max_size=3000).map(" ".join))
def test_time_tagger_on_long_inputs(text: str) -> None:
    _check_timexes(text, date(2023, 6, 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=6).map(", ".join),
       st.sampled_from([date(1, 1, 1), date(1, 1, 2), date(9999, 12, 31), date(9999, 12, 30)]))
def test_time_tagger_at_the_ends_of_the_calendar(text: str, dct: date) -> None:
    _check_timexes(text, dct)


# --- gazetteer ------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(["Kyiv", "", " ", ".", "St.", "Mass.",
                                                          "Ürümqi", "Kyiv\x00", "Paris" * 50])))
def test_gazetteer_lookup_never_raises(name: str) -> None:
    from eventwire.geo import lookup

    for flags in ({}, {"qualifier": True}, {"demonym": True}):
        found = lookup(name, **flags)
        assert isinstance(found, list)
        for cand in found:
            assert cand.lat is None or -90 <= cand.lat <= 90


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.lists(st.tuples(st.integers(0, 130), st.integers(0, 30)),
                                       max_size=6))
def test_resolve_never_raises(text: str, raw_spans: list[tuple[int, int]]) -> None:
    from eventwire.geo.resolver import resolve

    spans = [(min(s, len(text)), min(s + n, len(text))) for s, n in raw_spans]
    out = resolve(text, spans)
    assert len(out) == len(spans)
    for place in out:
        assert place is None or place.name
