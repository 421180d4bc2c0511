"""The API's in-memory page index: which events are on a page, without a top-N scan.

A page of the event table sorts every matching row before it keeps fifty: on a store of
a million events that top-N is most of a request's time (about 5 ms in date order,
10-35 ms when dates are scattered through the file, on one core). The API answers
thousands of pages from a store that changes only when articles are ingested, so it
keeps the filterable columns of every event in memory as small numpy arrays (about
90 bytes an event), and each sort order as a permutation computed once. A page then
walks its sort order a block at a time and stops as soon as it has enough matches:
the newest fifty Russian assaults are usually found in the first block.

It also holds each sentence lower-cased by DuckDB itself (about 150 bytes an event),
so a text filter means what ``contains(lower(sentence), word)`` means in SQL and stops
early too: on a store whose dates are scattered, that scan was the slowest page (35 ms).
What it does not hold (article ids, story membership) stays with DuckDB: a filter on those answers ``None`` here and the caller runs SQL. Every filter
means exactly what ``EventFilter.sql()`` means; ``tests/store/test_pageindex.py``
compares the two on every filter and sort.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from eventwire.store.db import Store
from eventwire.store.query import EventFilter

# filter fields the index answers; any other field set (text, article_id, stories)
# sends the page to SQL
_ANSWERED = frozenset({"actor", "recipient", "type", "since", "until", "country", "mode",
                       "quad", "near", "km", "text", "limit"})
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(EventFilter)}
BLOCK = 16_384  # rows tested per step along a sort order
_EPOCH = np.datetime64("1970-01-01", "D")
QUAD_NULL = np.iinfo(np.int16).min  # below any TINYINT, so no filter value equals it


def _codes(col: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Dictionary-encode a text column: int32 codes (null = len(values)) and the values."""
    enc = col.combine_chunks().dictionary_encode()
    values = enc.dictionary.to_pylist()
    idx = enc.indices.to_numpy(zero_copy_only=False)
    codes = np.where(enc.indices.is_null().to_numpy(zero_copy_only=False), len(values),
                     idx).astype(np.int32)
    return codes, values


def _floats(col: pa.ChunkedArray) -> np.ndarray:
    return col.combine_chunks().to_numpy(zero_copy_only=False).astype(np.float64)


@dataclass(slots=True)
class PageIndex:
    """The filter and sort columns of every stored event, as numpy arrays."""

    ids: pa.Array
    rowid: np.ndarray
    day: np.ndarray  # days since 1970-01-01; meaningless where day_null
    day_null: np.ndarray
    text_codes: dict[str, tuple[np.ndarray, list[str]]]
    quad: np.ndarray  # QUAD_NULL where null
    lat: np.ndarray  # NaN where null
    lon: np.ndarray
    intensity: np.ndarray
    confidence: np.ndarray
    # each sentence as DuckDB's lower() gives it, as UTF-8 laid end to end newest first
    # (a page of the newest events reads it in sequence), where each one starts, and
    # which of them is each row's
    text: bytes = b""
    text_starts: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    text_of: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    _orders: dict[str, np.ndarray] = field(default_factory=dict)
    _days: dict[str, np.ndarray] = field(default_factory=dict)  # a date order's dated days

    def __repr__(self) -> str:
        return f"PageIndex({self.size} events, {self.nbytes / 1e6:.0f} MB)"

    @property
    def size(self) -> int:
        return len(self.rowid)

    @classmethod
    def build(cls, store: Store) -> PageIndex:
        """Read the narrow columns of every event (one scan; about 1 s a million events)."""
        assert store.con is not None
        tab = store.con.sql(
            "SELECT id, rowid AS rid, date_start_day, actor_code, recipient_code, type, mode, "
            "actor_country, recipient_country, quad, location_lat, location_lon, intensity, "
            "confidence, lower(sentence) AS lowered FROM events").to_arrow_table()
        days = tab["date_start_day"].combine_chunks()
        day_null = days.is_null().to_numpy(zero_copy_only=False)
        day = ((days.fill_null(0).to_numpy(zero_copy_only=False).astype("datetime64[D]") - _EPOCH)
               .astype(np.int32) if len(days) else np.zeros(0, np.int32))
        quads = tab["quad"].combine_chunks()
        quad = np.where(quads.is_null().to_numpy(zero_copy_only=False), QUAD_NULL,
                        quads.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int16))
        index = cls(
            ids=tab["id"].combine_chunks(),
            rowid=tab["rid"].combine_chunks().to_numpy(zero_copy_only=False).astype(np.int64),
            day=day, day_null=day_null,
            text_codes={name: _codes(tab[name]) for name in (
                "actor_code", "recipient_code", "type", "mode", "actor_country",
                "recipient_country")},
            quad=quad.astype(np.int16),
            lat=_floats(tab["location_lat"]), lon=_floats(tab["location_lon"]),
            intensity=_floats(tab["intensity"]), confidence=_floats(tab["confidence"]))
        newest = index.order("-date")
        lowered = (tab["lowered"].combine_chunks().fill_null("").take(pa.array(newest))
                   .cast(pa.large_string()))
        _, offsets, data = lowered.buffers()
        index.text_starts = np.frombuffer(offsets, np.int64, len(lowered) + 1).copy()
        index.text = data.to_pybytes() if data is not None else b""
        index.text_of = np.empty(len(newest), np.int32)
        index.text_of[newest] = np.arange(len(newest), dtype=np.int32)
        return index

    @property
    def nbytes(self) -> int:
        arrays = [self.rowid, self.day, self.day_null, self.quad, self.lat, self.lon,
                  self.intensity, self.confidence, *self._orders.values(), *self._days.values(), self.text_starts, self.text_of,
                  *(c for c, _ in self.text_codes.values())]
        return sum(a.nbytes for a in arrays) + self.ids.nbytes + len(self.text)

    # ------------------------------------------------------------ sort orders

    def order(self, sort: str) -> np.ndarray:
        """Row positions in the order views.SORTS gives ``sort`` (NULLS LAST, then rowid)."""
        if sort not in self._orders:
            key, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
            if key == "date":
                null, value = self.day_null, self.day.astype(np.float64)
            elif key == "type":
                codes, values = self.text_codes["type"]
                # DuckDB compares VARCHAR byte-wise; rank each value in that order
                rank = np.empty(len(values) + 1, np.float64)
                for r, i in enumerate(sorted(range(len(values)),
                                             key=lambda i: values[i].encode("utf-8"))):
                    rank[i] = r
                rank[len(values)] = 0.0
                null, value = codes == len(values), rank[codes]
            elif key in ("intensity", "confidence"):
                value = getattr(self, key)
                null = np.isnan(value)
                value = np.where(null, 0.0, value)
            else:
                raise ValueError(f"unknown sort {sort!r}")
            sign = -1 if desc else 1
            # np.lexsort sorts by its last key first: nulls last, the value, the rowid
            self._orders[sort] = np.lexsort(
                (sign * self.rowid, sign * value, null)).astype(np.int32)
        return self._orders[sort]

    # ------------------------------------------------------------ filtering

    def answers(self, flt: EventFilter) -> bool:
        """Whether this filter uses only the columns held here."""
        return all(name in _ANSWERED or getattr(flt, name) == default
                   for name, default in _DEFAULTS.items())

    def _lut(self, column: str, test: Any) -> np.ndarray:
        """For a text column: which of its codes (and the null code) pass ``test``."""
        _, values = self.text_codes[column]
        return np.array([bool(test(v)) for v in values] + [False], dtype=bool)

    def _tests(self, flt: EventFilter) -> list[Any]:
        """One function per condition: row positions -> bool mask, as EventFilter.sql()."""
        tests: list[Any] = []

        def coded(column: str, test: Any) -> None:
            codes = self.text_codes[column][0]
            lut = self._lut(column, test)
            tests.append(lambda rows: lut[codes[rows]])

        def equal(value: str) -> Any:
            return lambda v: v == value

        for role, code in (("actor", flt.actor), ("recipient", flt.recipient)):
            if code:
                prefix = code.upper()
                coded(f"{role}_code", lambda v, p=prefix: v.startswith(p))
        if flt.type:
            coded("type", equal(flt.type.upper()))
        for bound, op in ((flt.since, np.greater_equal), (flt.until, np.less_equal)):
            if bound:
                n = int((np.datetime64(bound, "D") - _EPOCH).astype(np.int64))
                tests.append(lambda rows, n=n, op=op: op(self.day[rows], n) & ~self.day_null[rows])
        if flt.country:
            a_codes = self.text_codes["actor_country"][0]
            r_codes = self.text_codes["recipient_country"][0]
            a_lut = self._lut("actor_country", equal(flt.country.upper()))
            r_lut = self._lut("recipient_country", equal(flt.country.upper()))
            tests.append(lambda rows: a_lut[a_codes[rows]] | r_lut[r_codes[rows]])
        if flt.mode:
            coded("mode", equal(flt.mode.lower()))
        if flt.quad is not None:
            q = int(flt.quad)
            tests.append(lambda rows: self.quad[rows] == q)
        if flt.near is not None:
            plat, plon = float(flt.near[0]), float(flt.near[1])
            km = float(flt.km)
            band = km / 111.0 + 0.01
            # the latitude band first: cheap, and it leaves few rows for the trigonometry
            tests.append(lambda rows: (self.lat[rows] >= plat - band) & (self.lat[rows] <= plat + band))

            def within(rows: np.ndarray) -> np.ndarray:
                lat, lon = self.lat[rows], self.lon[rows]
                h = (np.sin(np.radians(lat - plat) / 2) ** 2 + math.cos(math.radians(plat))
                     * np.cos(np.radians(lat)) * np.sin(np.radians(lon - plon) / 2) ** 2)
                return 2 * 6371 * np.arcsin(np.sqrt(h)) <= km
            tests.append(within)
        for word in (flt.text or "").lower().split():  # str.split, as EventFilter.sql()
            encoded = word.encode("utf-8")
            tests.append(lambda rows, w=encoded: self._contains(rows, w))
        return tests

    def _contains(self, rows: np.ndarray, word: bytes) -> np.ndarray:
        """Which rows' sentences contain ``word`` (contains(lower(sentence), word) in SQL).

        Rows that lie close together in the newest-first text (a block of the default
        order) are searched as one stretch of bytes with bytes.find, which skips at
        memory speed to the next hit; scattered rows are tested one sentence each.
        """
        at = self.text_of[rows]
        if not len(at):
            return np.zeros(0, bool)
        first, last = int(at.min()), int(at.max())
        starts = self.text_starts
        if last - first >= 4 * len(at):
            return np.array([word in self.text[starts[i]:starts[i + 1]] for i in at.tolist()],
                            dtype=bool)
        hits: list[int] = []
        pos, end = int(starts[first]), int(starts[last + 1])
        while (found := self.text.find(word, pos, end)) >= 0:
            i = int(np.searchsorted(starts, found, "right")) - 1
            if found + len(word) <= starts[i + 1]:  # inside one sentence, not across two
                hits.append(i)
                pos = int(starts[i + 1])
            else:
                pos = found + 1
        return np.isin(at, np.array(hits, np.int32))

    def _matches(self, rows: np.ndarray, tests: list[Any]) -> np.ndarray:
        """The positions among ``rows`` that pass every test, in their given order."""
        for test in tests:
            if not len(rows):
                break
            rows = rows[test(rows)]
        return rows

    def _date_span(self, sort: str, flt: EventFilter) -> tuple[int, int]:
        """The positions of a date order that can hold events between since and until."""
        order = self.order(sort)
        if not (flt.since or flt.until):
            return 0, len(order)
        if sort not in self._days:
            dated = order[~self.day_null[order]]  # nulls sort last in both directions
            self._days[sort] = self.day[dated] * (-1 if sort.startswith("-") else 1)
        days = self._days[sort]
        bounds = [None if b is None else int((np.datetime64(b, "D") - _EPOCH).astype(np.int64))
                  for b in (flt.since, flt.until)]
        if sort.startswith("-"):  # days descending: stored negated, so ascending here
            lo_day, hi_day = (None if bounds[1] is None else -bounds[1],
                              None if bounds[0] is None else -bounds[0])
        else:
            lo_day, hi_day = bounds
        lo = 0 if lo_day is None else int(np.searchsorted(days, lo_day, "left"))
        hi = len(days) if hi_day is None else int(np.searchsorted(days, hi_day, "right"))
        return lo, hi

    def page_ids(self, flt: EventFilter, sort: str = "-date", limit: int = 50,
                 offset: int = 0, block: int = BLOCK) -> list[str] | None:
        """The ids of one page in ``sort`` order, or None when the filter needs SQL."""
        if not self.answers(flt):
            return None
        tests = self._tests(flt)
        want = int(offset) + int(limit)
        found: list[np.ndarray] = []
        have = 0
        order = self.order(sort)
        lo, hi = (self._date_span(sort, flt) if sort in ("date", "-date")
                  else (0, len(order)))
        for start in range(lo, hi, block):
            hits = self._matches(order[start:min(start + block, hi)], tests)
            found.append(hits)
            have += len(hits)
            if have >= want:
                break
        rows = np.concatenate(found)[int(offset):want] if found else np.zeros(0, np.int32)
        return self.ids.take(pa.array(rows, pa.int64())).to_pylist()
