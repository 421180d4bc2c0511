"""Find TIMEX3 expressions in raw text and resolve them against the publication date.

News is written relative to its publication date (the DCT): "on Friday" is the last Friday
on or before it unless the sentence speaks of the future, "a day after" counts from the
last date the story mentioned. The tagger is three steps, all plain Python:

1. every rule in ``grammar`` proposes spans (only in windows around cue words, for speed);
   a few rules check their context (``_valid``);
2. the longest non-overlapping spans win (ties go to the earlier rule);
3. spans are normalized in reading order, so anchored expressions can chain; clock times
   go last, taking their day from the nearest dated expression in the same sentence.

Tense comes from the nearest cue word in the sentence (``lexicon.FUTURE_CUES``/``PAST_CUES``,
past-tense -ed forms). With no cue, weekdays and seasons read as past (the news default);
a month or month-day with no cue reads as coming only when that is at most ~2 months ahead
("payable Jan. 15" in late December), otherwise past. A weekday given with a date picks the
year where they agree ("Saturday, April 25"). Bare quarters are the closest one.

Choices worth knowing: "overnight" is the DCT itself (the night that ends on the
publication day, DATE); "last night" is the evening before the DCT (TIME, ``...TNI``);
"<N units> after <clause>" is the date of the clause, i.e. N units *before* the
narrative anchor ("early on Friday ..., a day after Russia carried out ..." -> Thursday),
because that is the event the phrase dates; decades are TIMEX3 three-digit values
("the 1990s" -> ``199``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

from eventwire.model import Timex
from eventwire.time.grammar import COMPILED, CUE_TOKEN, RARE_CUES, TIME_WORDS, UNIT_WORDS
from eventwire.time.lexicon import (
    ABBREVIATIONS,
    FREQUENCY_WORDS,
    FUTURE_BEFORE_TO,
    FUTURE_CUES,
    FUTURE_PAIRS,
    MODALS,
    MONTHS,
    NOT_PAST_ED,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    PAST_CUES,
    PAST_PLAN_MARKERS,
    REFERENCES,
    SCHEDULE_VERBS,
    SEASONS,
    UNITS,
    WEEKDAYS,
)

PAST, FUTURE = "past", "future"
_NEAR_FUTURE_DAYS = 62  # without a tense cue, a date this close ahead is read as coming
_TENSE_REACH_DAYS = 183  # tense picks a year-less date's reading only this far from the DCT
_GRAN_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
_RULE_RANK = {name: i for i, (name, _, _) in enumerate(COMPILED)}
_WORD = re.compile(r"[A-Za-z]+n't|[A-Za-z]+|'ll")
_SENT_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=(?:[\"'“‘(]|``)?[A-Z0-9])|\n+")
_PREV_WORD = re.compile(r"([A-Za-z$%]+|\d+)\W*$")
_YEAR_PREPS = frozenset({
    "in", "since", "by", "until", "till", "of", "from", "to", "through", "during", "before",
    "after", "between", "and", "or", "year", "fiscal", "early", "late", "mid", "than", "for",
    "the", "around", "spring", "summer", "autumn", "fall", "winter", "circa", "on", "at",
})
_YEAR_OWNERS = frozenset({"its", "their", "his", "her", "our", "whose", "that", "this"})
_SEASON_PREPS = frozenset({
    "in", "during", "by", "until", "till", "since", "through", "over", "the", "this", "next",
    "last", "early", "late", "for", "before", "after", "of", "mid",
})
_MAY_PREPS = frozenset({
    "in", "since", "by", "until", "till", "from", "to", "through", "during", "before", "after",
    "early", "late", "mid", "of", "last", "next", "this", "between", "and", "on",
})
_DEADLINE_PREPS = frozenset({"to", "until", "till", "through", "by", "before"})
_PLURAL_PREPS = frozenset({"for", "over", "within", "after", "took", "take", "lasted", "spent"})
_DURATION_PREPS = frozenset({"over", "in", "within", "for", "during", "throughout"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that",
                          "these", "those", "some", "any", "no", "each", "every"})
_SHARED_SET_POD = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?-i:Monday|Tuesday|Wednesday|Thursday"
                             r"|Friday|Saturday|Sunday)s?\s+(?P<pod>morning|afternoon|evening|night)s\b",
                             re.IGNORECASE)
_SET_PER_BEFORE = re.compile(r"(\d|million|billion|percent|%|times|once|twice|dollars?)\W*$",
                             re.IGNORECASE)


def tag(text: str, dct: str | date) -> list[Timex]:
    """All time expressions in ``text``, resolved against the publication date ``dct``."""
    anchor = dct if isinstance(dct, date) else date.fromisoformat(str(dct)[:10])
    return _Resolver(text, anchor).run()


# ----------------------------------------------------------------------------- calendar


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _quarter(m: int) -> int:
    return (m - 1) // 3 + 1


def _season_span(year: int, code: str) -> tuple[date, date]:
    start_month = next(sm for c, sm in SEASONS.values() if c == code)
    end_y, end_m = _add_months(year, start_month, 3)
    return date(year, start_month, 1), date(end_y, end_m, 1)


def _month_number(token: str) -> int:
    key = token.rstrip(".").lower()
    return MONTHS[key] if key in MONTHS else MONTHS[key[:3]]


def _number(token: str | None) -> int | float | None:
    """Numeral or number word -> value; None for "several"/"a few" (TIMEX3 X)."""
    if token is None:
        return 1
    t = re.sub(r"\s+", " ", token.lower().strip())
    if t[0].isdigit():
        return float(t) if "." in t else int(t)
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    parts = re.split(r"[\s-]", t)
    total = 0
    for p in parts:
        v = NUMBER_WORDS.get(p)
        if v is None:
            return None
        total += v
    return total


def _word_year(words: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    parts = re.split(r"[\s-]+", words.lower())
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + sum(NUMBER_WORDS[p] or 0 for p in rest)
    head = NUMBER_WORDS[parts[0]] or 0
    if parts[1] == "hundred":
        return head * 100
    return head * 100 + sum(NUMBER_WORDS[p] or 0 for p in parts[1:])


def parse_value(value: str) -> tuple[date, str] | None:
    """A dated TIMEX3 value -> (first day, granularity); None for durations and refs."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(?:-WE)?|-Q([1-4])|-(SP|SU|FA|WI)|-H([12]))?"
                 r"(?:T.*)?$", value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        d = _safe_date(y, int(m.group(2)), int(m.group(3)))
        return (d, "day") if d else None
    if m.group(2):
        return date(y, int(m.group(2)), 1), "month"
    if m.group(4):
        try:
            return date.fromisocalendar(y, int(m.group(4)), 1), "week"
        except ValueError:
            return None
    if m.group(5):
        return date(y, (int(m.group(5)) - 1) * 3 + 1, 1), "quarter"
    if m.group(6):
        return _season_span(y, m.group(6))[0], "season"
    if m.group(7):
        return date(y, 1 if m.group(7) == "1" else 7, 1), "year"
    return date(y, 1, 1), "year"


def precision_of(value: str) -> str | None:
    """The precision (day/week/month/season/quarter/year) an event dated ``value`` gets."""
    if re.match(r"^\d{4}-\d{2}-\d{2}", value) or re.match(r"^X{4}-X{2}-X{2}", value):
        return "day"
    if re.match(r"^(\d{4}|XXXX)-W(\d{2}|XX)", value):
        return "week"
    if re.match(r"^(\d{4}|XXXX)-(\d{2}|XX)$", value):
        return "month"
    if re.match(r"^(\d{4}|XXXX)-(SP|SU|FA|WI)$", value):
        return "season"
    if re.match(r"^(\d{4}|XXXX)-Q[1-4X]$", value):
        return "quarter"
    if re.match(r"^(\d{4}|XXXX)(-H[12])?$", value):
        return "year"
    return None


def _shift(anchor: date, unit: str, n: int) -> tuple[str, date, str]:
    """Move ``anchor`` by n units; returns (value, first day, granularity)."""
    if unit in ("day", "night"):
        d = anchor + timedelta(days=n)
        return d.isoformat(), d, "day"
    if unit in ("week", "weekend", "fortnight"):
        d = anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
        return _week(d) + ("-WE" if unit == "weekend" else ""), d, "week"
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, n)
        return _month(y, m), date(y, m, 1), "month"
    if unit == "quarter":
        y, m = _add_months(anchor.year, anchor.month, 3 * n)
        return f"{y:04d}-Q{_quarter(m)}", date(y, m, 1), "quarter"
    step = {"decade": 10, "century": 100}.get(unit, 1)
    y = anchor.year + n * step
    return f"{y:04d}", date(y, 1, 1), "year"


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def _duration(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration value: P3D, PT2H, PXY ..."""
    u = _unit_key(unit)
    if u == "fortnight":
        n, u = (None if n is None else n * 2), "week"
    letter, is_time = UNITS[u]
    if letter == "WE":
        letter = "WE"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


# A fraction of a unit, said in the next smaller unit ("2 1/2 years" -> P2Y6M).
_SMALLER = {"year": (12, "M", False), "month": (30, "D", False), "week": (7, "D", False),
            "day": (24, "H", True), "night": (24, "H", True), "hour": (60, "M", True),
            "minute": (60, "S", True), "decade": (10, "Y", False), "century": (100, "Y", False)}


def _fraction_duration(whole: int, frac: str, unit: str) -> str:
    """"2 1/2 years", "two and a half hours": whole units plus the rest in a smaller unit."""
    f = re.sub(r"[\s-]+", " ", frac.lower()).strip()
    part = 0.5 if "half" in f or f.endswith("1/2") else (0.25 if f.endswith("1/4") else 0.75)
    u = _unit_key(unit)
    if u not in _SMALLER:
        return _duration(whole + part, u)
    per, letter, is_time = _SMALLER[u]
    rest = part * per
    if not float(rest).is_integer():
        return _duration(whole + part, u)
    head = _duration(whole, u) if whole else ("PT" if UNITS[u][1] else "P")
    if is_time and "T" not in head:
        head += "T"
    return f"{head}{int(rest)}{letter}"


# ----------------------------------------------------------------------------- resolver


class _Resolver:
    """Holds one document's state: DCT, sentence bounds and the chain of mentioned dates."""

    def __init__(self, text: str, dct: date) -> None:
        self.text = text
        self.dct = dct
        self.sent_starts = self._sentence_starts(text)
        self.anchors: list[tuple[int, date, str]] = []  # (offset, first day, granularity)
        self.comparison = False  # set by a resolver whose expression must not anchor others
        self.cut: tuple[int, str | None] | None = None  # (new end, date) for an anchored duration
        self.mentioned: list[tuple[int, date, str]] = []  # anchors and comparison periods alike
        self.ends: dict[int, int] = {}  # start -> end of each expression resolved so far

    # -- sentences and tense ------------------------------------------------------------

    @staticmethod
    def _sentence_starts(text: str) -> list[int]:
        starts = [0]
        for m in _SENT_END.finditer(text):
            if m.group()[0] == ".":
                prev = re.search(r"([A-Za-z.]+)\.$", text[max(0, m.start() - 12):m.start() + 1])
                word = prev.group(1).lower() if prev else ""
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            starts.append(m.end())
        return starts

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return self.sent_starts[i], end

    def tense(self, start: int, end: int) -> str | None:
        """PAST or FUTURE from the nearest tense cue in the sentence; None without a cue."""
        s0, s1 = self._sentence(start)
        # ten words back and six ahead at most: a window of characters keeps a sentence
        # with no full stop (100,000 characters of it) linear
        left = [w.lower() for w in _WORD.findall(self.text[max(s0, start - 200):start])][-10:]
        right = [w.lower() for w in _WORD.findall(self.text[end:min(s1, end + 120)])][:6]
        best: tuple[int, str] | None = None
        for dist, i in enumerate(range(len(left) - 1, -1, -1), start=1):
            cue = self._cue(left, i)
            if cue:
                best = (dist, cue)
                break
        for dist, i in enumerate(range(len(right)), start=1):
            cue = self._cue(right, i)
            if cue:
                if best is None or dist < best[0]:
                    best = (dist, cue)
                break
        return best[1] if best else None

    @staticmethod
    def _cue(words: list[str], i: int) -> str | None:
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in FUTURE_CUES or w == "won't" or (w, nxt) in FUTURE_PAIRS or \
                (w in FUTURE_BEFORE_TO and nxt == "to"):
            before = words[max(0, i - 2):i]
            if before and (before[-1] in PAST_PLAN_MARKERS or
                           (before[-1] == "been" and len(before) > 1 and before[0] in PAST_PLAN_MARKERS)):
                return PAST
            return FUTURE
        if w in PAST_CUES or (w.endswith("n't") and w[:-3] in {"did", "was", "were", "had", "could"}) \
                or (len(w) > 4 and w.endswith("ed") and w not in NOT_PAST_ED):
            # a passive participle ("to be completed", "will be paid") has no tense of its own
            if i > 0 and words[i - 1] in ("be", "being"):
                return None
            # nor has an adjective in -ed after a determiner ("a still unspecified date")
            if w not in PAST_CUES and i > 0 and (words[i - 1] in _DETERMINERS or (
                    i > 1 and words[i - 2] in _DETERMINERS and
                    (words[i - 1].endswith("ly") or words[i - 1] in ("still", "yet", "not")))):
                return None
            return PAST
        return None

    # -- anchors --------------------------------------------------------------------------

    def _end_of(self, start: int) -> int:
        return self.ends.get(start, start)

    def anchor(self, unit: str) -> date:
        """The most recently mentioned date fine enough to count ``unit``s from, else DCT."""
        need = _GRAN_RANK.get({"night": "day", "weekend": "week", "fortnight": "week",
                               "decade": "year", "century": "year"}.get(unit, unit), 0)
        for _, d, gran in reversed(self.anchors):
            if _GRAN_RANK[gran] <= need:
                return d
        return self.dct

    # -- main loop ------------------------------------------------------------------------

    def run(self) -> list[Timex]:
        text = self.text
        cands: list[tuple[int, int, int, str, re.Match[str]]] = []
        windows = _windows(text)
        for name, cues, pattern in COMPILED:
            spans = windows.get(cues) or _merge(sorted(w for c in cues for w in windows.get(c, [])))
            for m in (m for a, b in spans for m in pattern.finditer(text, a, b)):
                start, end = m.span("x") if "x" in pattern.groupindex and m.group("x") else m.span()
                while end > start and text[end - 1].isspace():
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1
                if end > start and _valid(name, m, text, start):
                    cands.append((start, end, _RULE_RANK[name], name, m))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
        taken: list[tuple[int, int, str, re.Match[str]]] = []
        occupied: list[tuple[int, int]] = []
        for start, end, _, name, m in cands:
            if any(start < e and s < end for s, e in occupied):
                continue
            occupied.append((start, end))
            taken.append((start, end, name, m))
        taken.sort()
        out: dict[int, Timex] = {}
        clocks = []
        for start, end, name, m in taken:
            if name in ("clock", "clock24", "noon", "mid_pod", "the_pod"):
                clocks.append((start, end, name, m))
                continue
            self.comparison, self.cut = False, None
            try:
                res = getattr(self, "_r_" + name)(m, start, end)
                if res is None:
                    continue
                typ, value = res
                anchor = None
                if self.cut is not None:
                    end, anchor = self.cut
                parsed = parse_value(anchor or value)
                if value[:1].isdigit() and len(value.split("-", 1)[0].split("T")[0]) > 4:
                    continue  # year 10000 and up: not a TIMEX3 value
            except (OverflowError, ValueError):
                continue  # "1500 years ago" from 1000-01-01: no calendar date to give
            out[start] = Timex(start, end, text[start:end], typ, value, anchor)
            # a comparison period ("up from $4 a year earlier") is not where the story
            # moves to, so later expressions do not count from it
            self.ends[start] = end
            if parsed and (typ in ("DATE", "TIME") or anchor):
                self.mentioned.append((start, parsed[0], parsed[1]))
                if not self.comparison:
                    self.anchors.append((start, parsed[0], parsed[1]))
        for start, end, name, m in clocks:
            try:
                res = self._clock_value(start, name, m, out)
            except (OverflowError, ValueError):
                continue
            if res:
                out[start] = Timex(start, end, text[start:end], "TIME", res)
        return _merge_clock_dates([out[k] for k in sorted(out)], text)

    def _clock_value(self, start: int, name: str, m: re.Match[str],
                     out: dict[int, Timex]) -> str | None:
        """A clock time or part of day, on the day its sentence talks about."""
        day = self._day_in_sentence(start, out)
        if name in ("mid_pod", "the_pod"):  # "in the morning": of the day in discussion
            if day == self.dct:
                day = self._recent_day(start, day)
            return f"{day.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}"
        return self._r_clock(m, day)

    def _day_in_sentence(self, pos: int, found: dict[int, Timex]) -> date:
        s0, s1 = self._sentence(pos)
        best: tuple[int, date] | None = None
        for t in found.values():
            if s0 <= t.start < s1:
                parsed = parse_value(t.value)
                if parsed and parsed[1] == "day":
                    dist = abs(t.start - pos)
                    if best is None or dist < best[0]:
                        best = (dist, parsed[0])
        return best[1] if best else self.dct

    def _recent_day(self, pos: int, default: date, reach: int = 300) -> date:
        """The day last named shortly before ``pos`` ("dashed Friday. ... in the morning")."""
        for off, d, gran in reversed(self.anchors):
            if off < pos:
                return d if gran == "day" and pos - off <= reach else default
        return default

    # -- rule resolvers: each returns (type, value) or None ---------------------------------

    def _resolve_month_day(self, mon: int, day: int, start: int, end: int,
                           weekday: int | None = None) -> str | None:
        """Year for a month-day: the weekday if one is given, else tense, else the closest."""
        dct = self.dct
        options = [d for y in (dct.year - 1, dct.year, dct.year + 1)
                   if (d := _safe_date(y, mon, day)) is not None]
        if not options:
            return None
        if weekday is not None:
            fitting = [d for d in options if d.weekday() == weekday]
            if fitting:
                return min(fitting, key=lambda d: abs((d - dct).days)).isoformat()
        tense = self.tense(start, end)
        past = [d for d in options if d <= dct]
        future = [d for d in options if d >= dct]
        closest = min(options, key=lambda d: abs((d - dct).days))
        if tense == FUTURE and future:
            return min(future).isoformat()
        if tense == PAST and past:
            # a deadline after a past verb ("extended the offer to Nov. 20") may be coming,
            # and so may a date nearly a year back unless "since" fixes it in the past
            pick = max(past)
            if _prev_word(self.text, start) in _DEADLINE_PREPS:
                return closest.isoformat()
            if (dct - pick).days > 300 and future and (min(future) - dct).days <= _NEAR_FUTURE_DAYS \
                    and "since" not in _WORD.findall(self.text[self._sentence(start)[0]:start].lower()):
                return min(future).isoformat()
            return pick.isoformat()
        # no cue: the past (news default) unless the coming reading is only weeks away
        soon = [d for d in future if (d - dct).days <= _NEAR_FUTURE_DAYS]
        if soon:
            return min(soon).isoformat()
        if past and (dct - max(past)).days <= _TENSE_REACH_DAYS:
            return max(past).isoformat()
        return closest.isoformat()

    def _r_iso(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is None:
            return None
        if m["hh"]:
            return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}"
        return "DATE", d.isoformat()

    def _r_numeric(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if y < 100:
            y += 2000 if y < 50 else 1900
        mon, day = (b, a) if a > 12 else (a, b)
        d = _safe_date(y, mon, day)
        return ("DATE", d.isoformat()) if d else None

    def _r_mdy(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        mon, day = _month_number(m["mon"]), int(re.match(r"\d+", m["d"]).group())
        if m["y"]:
            d = _safe_date(int(m["y"]), mon, day)
            return ("DATE", d.isoformat()) if d else None
        wd = re.match(r"[A-Za-z]+", m.group())
        weekday = WEEKDAYS.get(wd.group().lower()) if wd else None
        value = self._resolve_month_day(mon, day, start, end, weekday)
        return ("DATE", value) if value else None

    _r_dmy = _r_mdy

    def _r_month_year(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        if m["y"]:
            y = int(m["y"])
        elif m["wy"]:
            y = _word_year(m["wy"])
        else:
            y = self.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return "DATE", _month(y, _month_number(m["mon"]))

    def _r_month(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        mon, dct = _month_number(m["mon"]), self.dct
        rel = (m["rel"] or "").lower()
        if rel == "last":  # "last February" said in March is a year back, not last month
            y = dct.year if mon < dct.month - 1 else dct.year - 1
        elif rel in ("next", "coming"):
            y = dct.year if mon > dct.month else dct.year + 1
        elif rel == "this":
            y = dct.year
        else:
            tense = self.tense(start, end)
            past_y = dct.year if mon <= dct.month else dct.year - 1
            future_y = dct.year if mon >= dct.month else dct.year + 1
            ahead = (future_y * 12 + mon) - (dct.year * 12 + dct.month)
            back = (dct.year * 12 + dct.month) - (past_y * 12 + mon)
            if tense is None:  # the past, unless the coming month is at most two away
                tense = FUTURE if 0 < ahead <= _NEAR_FUTURE_DAYS // 31 else PAST
            # the tense reading, unless a deadline after a past verb is nearer ahead
            # ("repaid by February" said in October)
            if tense == PAST and ahead < back and \
                    _prev_word(self.text, m.start("mon")) in _DEADLINE_PREPS:
                tense = FUTURE  # "repaid by February", "loans through January"
            y = future_y if tense == FUTURE else past_y
        return "DATE", _month(y, mon)

    def _r_year(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", m["y"]

    def _r_decade(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        if m["d2"]:
            # the latest such decade begun by the DCT ("the '80s" in 1989 is 198, "the '30s"
            # in 2022 is 193), or the one about to begin ("the '90s" in 1989)
            first = self.dct.year // 100 * 100 + int(m["d2"]) * 10
            if first - self.dct.year > 3:
                first -= 100
            return "DATE", f"{first // 10:03d}"
        return "DATE", m["c"] + m["d"]

    def _r_word_decade(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        """"the nineties", "the nineteen-eighties": a decade said in words."""
        d = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
             "nineties").index(m["w"].lower()) + 2
        if m["c"]:
            century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["c"].lower()]
            return "DATE", f"{century}{d}"
        first = self.dct.year // 100 * 100 + d * 10
        if first - self.dct.year > 3:
            first -= 100
        return "DATE", f"{first // 10:03d}"

    def _r_season(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        code = SEASONS[m["s"].lower()][0]
        if m["y"] or m["wy"]:
            return "DATE", f"{int(m['y']) if m['y'] else _word_year(m['wy']):04d}-{code}"
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        dct = self.dct
        spans = [(y, *_season_span(y, code)) for y in range(dct.year - 2, dct.year + 3)]
        current = next((y for y, s, e in spans if s <= dct < e), None)
        if rel in ("next", "the coming", "the following"):
            y = next(y for y, s, _ in spans if s > dct)
        elif rel in ("last", "the past", "the previous"):
            y = max(y for y, _, e in spans if e <= dct)
        elif rel == "this":
            y = current if current is not None else dct.year
        elif rel == "this past":
            y = max(y for y, _, e in spans if e <= dct)
        elif current is not None:
            y = current
        elif self.tense(start, end) == FUTURE:
            y = next(y for y, s, _ in spans if s > dct)
        else:
            y = max(y for y, _, e in spans if e <= dct)
        return "DATE", f"{y:04d}-{code}"

    def _quarter_value(self, q: int, year: int | None, rel: str | None, start: int, end: int) -> str:
        dct_q = _quarter(self.dct.month)
        if year is None:
            if rel in ("this", "current"):
                year = self.dct.year
            elif rel == "last":
                year = self.dct.year - 1
            elif rel == "next":
                year = self.dct.year + 1
            else:  # the closest such quarter; financial news reports the one just ended
                year = self.dct.year if q <= dct_q or q - dct_q < 2 else self.dct.year - 1
        return f"{year:04d}-Q{q}"

    def _r_quarter(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        q = ORDINALS[m["o"].lower()]
        y = m["y1"] or m["y2"]
        rel = (m["rel"] or m["rel2"] or "").lower() or None
        if rel and m["rel"] and "year" not in m.group().lower() and rel in ("last", "next", "this"):
            # "last third quarter" is unusual; treat "last/next" as year-relative only with "year"
            rel = None if rel != "this" else rel
        value = self._quarter_value(q, int(y) if y else None, rel, start, end)
        last = self.mentioned[-1] if self.mentioned else None
        if not y and not rel and last is not None and last[2] == "quarter" and \
                re.fullmatch(r"\s*,\s*", self.text[self._end_of(last[0]):start]):
            # "the year-ago quarter, the second quarter ended ...": an apposition, same year
            value = f"{last[1].year:04d}{value[4:]}"
        if (m["ya"] or "").lower() in ("year-ago", "year-earlier", "prior-year"):
            self.comparison = True
            value = f"{int(value[:4]) - 1:04d}{value[4:]}"
        return "DATE", value

    def _r_half(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        """"the second half of 1989", "the first two quarters of next year": a half-year."""
        first = m["o"].lower() == "first"
        rel = (m["rel"] or "").lower()
        year = int(m["y"]) if m["y"] else self.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        return "DATE", f"{year:04d}-H{1 if first else 2}"

    _r_two_quarters = _r_half

    def _r_quarter_code(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", self._quarter_value(int(m["q"]), int(m["y"]) if m["y"] else None, None,
                                           start, end)

    def _r_quarter_ref(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        rel = (m["rel"] or "").lower()
        year_ago = rel in ("year-ago", "year-earlier") or bool(m["rel2"]) or bool(m["ly"])
        self.comparison = year_ago
        if rel in ("same", "comparable", "corresponding") and not year_ago:
            return "DATE", f"{self.anchor('quarter').year:04d}-Q{_quarter(self.anchor('quarter').month)}"
        y, mo = self.dct.year, self.dct.month
        if rel == "current":
            return "DATE", f"{y:04d}-Q{_quarter(mo)}"
        y, mo = _add_months(y, mo, -3)  # the quarter just reported on
        if year_ago:
            y -= 1
        return "DATE", f"{y:04d}-Q{_quarter(mo)}"

    def _r_year_ago_adj(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        self.comparison = True
        quarter = self._recent_quarter(start)
        if quarter:
            return "DATE", f"{quarter.year - 1:04d}-Q{_quarter(quarter.month)}"
        return "DATE", f"{self.dct.year - 1:04d}"

    def _recent_quarter(self, pos: int, window: int = 400) -> date | None:
        """A quarter mentioned shortly before ``pos``: "a year ago" then means that quarter."""
        for offset, d, gran in reversed(self.anchors):
            if pos - offset > window:
                return None
            if gran == "quarter":
                return d
        return None

    def _reported_quarter(self, pos: int) -> int:
        """The quarter a results story is about: the last one of the story's year named
        before ``pos``, else the one just ended."""
        just_ended = _add_months(self.dct.year, self.dct.month, -3)
        for offset, d, gran in reversed(self.anchors):
            if offset < pos and gran == "quarter" and d.year >= just_ended[0]:
                return _quarter(d.month)
        return _quarter(just_ended[1])

    def _r_year_period(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        """"the 1988 period", "last year's quarter": the reported quarter in that year."""
        year = int(m["y"]) if m["y"] else self.dct.year - 1
        if year < self.dct.year:
            self.comparison = True
        return "DATE", f"{year:04d}-Q{self._reported_quarter(start)}"

    def _r_the_year(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        """"the year", "the fiscal year": the year the story is in; "the year ended
        March 31" is the twelve months up to that day."""
        if re.match(r"\s+(?:ended|ending|to|through)\b", self.text[end:end + 10]):
            return "DURATION", "P1Y"
        return "DATE", f"{self.dct.year:04d}"

    def _r_year_end(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        unit = (m["u"] or "year").lower()
        if unit == "month":
            return "DATE", _month(self.dct.year, self.dct.month)
        if unit == "week":
            return "DATE", _week(self.dct)
        year = self.dct.year
        if self.dct.month <= 2 and self.tense(start, end) == PAST:
            year -= 1  # "at year-end" in a January story about last year's results
        elif m["u"] is None and _prev_word(self.text, start) == "since":
            year -= 1  # "the change since year-end": the last one already passed
        return "DATE", f"{year:04d}"

    def _r_word_year(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", f"{_word_year(m['wy']):04d}"

    def _r_century(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        n = int(m["n"]) if m["n"] else ORDINAL_WORDS[m["o"].lower()]
        return "DATE", f"{n - 1:02d}"

    def _r_adj_ref(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        if m["then"]:  # "the then-current price": current at a past time
            return "DATE", "PAST_REF"
        return "DATE", "PRESENT_REF" if m["w"].lower() == "current" else "PAST_REF"

    def _day_value(self, d: date, pod: str | None) -> tuple[str, str]:
        if pod:
            code = "NI" if pod.lower() == "overnight" else PARTS_OF_DAY[pod.lower()]
            return "TIME", f"{d.isoformat()}T{code}"
        return "DATE", d.isoformat()

    def _r_relday(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        w = re.sub(r"\s+", " ", m["w"].lower())
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[w]
        pod = m["pod"] or m["pod0"] or ("night" if w == "tonight" else None)
        return self._day_value(self.dct + timedelta(days=offset), pod)

    def _r_this_pod(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        rel, pod = m["rel"].lower(), m["pod"].lower()
        offset = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}[rel]
        if rel == "last" and pod != "night":
            offset = -1
        return self._day_value(self.dct + timedelta(days=offset), pod)

    def _r_overnight(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", self.dct.isoformat()

    def _r_weekday(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        g = m.groupdict()
        wd, today = WEEKDAYS[g["wd"].lower()], self.dct.weekday()
        rel = (g.get("rel") or "").lower()
        shared = _SHARED_SET_POD.match(self.text, end)
        if shared and not rel and not g.get("pod"):  # "Monday and Tuesday nights": both SETs
            return "SET", f"XXXX-WXX-{wd + 1}T{PARTS_OF_DAY[shared['pod'].lower()]}"
        if rel in ("last", "past", "previous"):
            back = (today - wd - 1) % 7 + 1
            d = self.dct - timedelta(days=back)
        elif rel in ("next", "coming"):
            d = self.dct + timedelta(days=(wd - today - 1) % 7 + 1)
        elif self._scheduled(start) or self.tense(start, end) == FUTURE:
            # the DCT's own weekday in future context is today ("will vote Friday")
            d = self.dct + timedelta(days=(wd - today) % 7)
        else:  # past context, or no cue: the news default, past
            d = self.dct - timedelta(days=(today - wd) % 7)
        return self._day_value(d, g.get("pod"))

    def _scheduled(self, start: int) -> bool:
        """A present-tense verb of a planned happening just before ("meet separately Monday",
        "opens on Tuesday"): the weekday is to come."""
        words = [w.lower() for w in _WORD.findall(self.text[max(0, start - 60):start])][-4:]
        while words and (words[-1] in ("on", "again", "early", "late") or
                         (words[-1].endswith("ly") and len(words[-1]) > 4)):
            words.pop()
        if not words or words[-1] not in SCHEDULE_VERBS:
            return False
        before = words[-2] if len(words) > 1 else ""
        # after a determiner it is a noun ("at the close Monday", "a vote Tuesday")
        # after "to" the infinitive leaves it to the tense ("had been scheduled to expire")
        return before not in _DETERMINERS and before not in ("did", "didn't", "to", "would", "could",
                                                             "might", "at", "since", "after")

    def _r_clock_day(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        _, day = self._r_weekday(m, start, end)
        return "TIME", self._r_clock(m, date.fromisoformat(day))

    def _r_weekday_set(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        """"Mondays", "Tuesday nights": that weekday (or part of it) every week."""
        pod = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}{pod}"

    def _r_clock(self, m: re.Match[str], day: date) -> str | None:
        if "w" in m.re.groupindex and m["w"]:
            hh, mm = (0, 0) if m["w"].lower() == "midnight" else (12, 0)
        else:
            hh, mm = int(m["h"]), int(m["m"] or 0)
            ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "") if "ap" in m.re.groupindex else ""
            if ap == "pm" and hh < 12:
                hh += 12
            elif ap == "am" and hh == 12:
                hh = 0
        return f"{day.isoformat()}T{hh:02d}:{mm:02d}"

    def _r_anchored_n(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        """"two weeks ago" is a date; "three days later" / "90 days after X" is, as TimeML
        tags it, the duration "three days" (the signal word left out), which still carries
        the day it points to (``Timex.anchor``) for dating events and chaining."""
        n = _number(m["n"])
        unit = _unit_key(m["u"])
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        backwards = direction in ("earlier", "before", "previously", "prior")
        as_duration = direction not in ("ago", "back", "from now") and not (
            unit in ("year", "quarter") and backwards)  # "a year earlier": a comparison date
        if as_duration:
            cut = m.start("dir")
            while cut > start and self.text[cut - 1].isspace():
                cut -= 1
            whole = n is not None and float(n).is_integer()
            value = _duration(int(n) if whole else None, unit) if n is None or whole else None
            if value is None:
                return "DATE", "FUTURE_REF" if direction in ("later", "after") else "PAST_REF"
            self.cut = (cut, self._anchored_date(unit, int(n), direction, end) if whole else None)
            return "DURATION", value
        if unit in ("second", "minute", "hour"):
            return "DATE", "PRESENT_REF" if direction in ("ago", "back", "from now") else \
                self.anchor("day").isoformat()
        if n is None or not float(n).is_integer():
            return "DATE", "FUTURE_REF" if direction == "from now" else "PAST_REF"
        n = int(n)
        if unit in ("year", "quarter", "month") and direction in ("ago", "earlier"):
            self.comparison = True
        if unit == "year" and direction in ("ago", "earlier", "back", "before") and \
                (quarter := self._recent_quarter(start)) is not None:
            return "DATE", f"{quarter.year - n:04d}-Q{_quarter(quarter.month)}"
        return "DATE", self._anchored_date(unit, n, direction, end)

    def _anchored_date(self, unit: str, n: int, direction: str, end: int) -> str:
        """The date ``n`` units away in ``direction`` from the DCT ("ago", "from now") or from
        the time in discussion ("later", "earlier"). With a complement the expression dates
        the complement: in "(on Friday,) a day after Russia carried out ..." it is Thursday."""
        if unit in ("second", "minute", "hour"):
            return self.anchor("day").isoformat()
        complement = not re.match(r"\s*([,.;:)!?\"”]|$|and\b|but\b)", self.text[end:end + 6])
        if direction in ("ago", "back"):
            base, sign = self.dct, -1
        elif direction == "from now":
            base, sign = self.dct, 1
        elif direction == "after":
            base, sign = self.anchor(unit), (-1 if complement else 1)
        elif direction in ("before", "prior"):
            base, sign = self.anchor(unit), (1 if complement else -1)
        elif direction in ("later", "afterwards", "afterward"):
            base, sign = self.anchor(unit), 1
        else:  # earlier, previously
            base, sign = self.anchor(unit), -1
        value, _, _ = _shift(base, unit, sign * n)
        return value

    def _r_anchored_the(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        unit, direction = m["u"].lower(), m["dir"].lower()
        complement = not re.match(r"\s*([,.;:)!?\"”]|$|and\b|but\b)", self.text[end:end + 6])
        if complement and self.anchors and unit == "day" and re.search(r",\s*$", self.text[max(0, start - 3):start]):
            pos, d, gran = self.anchors[-1]
            if gran == "day" and 0 < start - pos <= 30:  # "Oct. 12, the day before the crash"
                return "DATE", d.isoformat()
        if direction == "after":
            sign = -1 if complement else 1
        elif direction in ("before", "prior"):
            sign = 1 if complement else -1
        else:
            sign = 1 if direction == "later" else -1
        value, d, _ = _shift(self.anchor(unit), unit, sign)
        if unit == "night":
            return "TIME", f"{d.isoformat()}TNI"
        return "DATE", value

    def _r_anchored_rel(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        rel, unit = m["rel"].lower(), m["u"].lower()
        prev = _PREV_WORD.search(self.text[max(0, start - 20):start])
        if rel == "next" and unit in ("week", "month", "year") and prev and \
                prev.group(1).lower() in _DURATION_PREPS:
            return "DURATION", _duration(1, unit)
        sign = {"previous": -1, "preceding": -1, "prior": -1, "following": 1, "next": 1,
                "same": 0}[rel]
        pod = unit if unit in PARTS_OF_DAY else None
        base_unit = "day" if pod else unit
        value, d, _ = _shift(self.anchor(base_unit), base_unit, sign)
        if pod or unit == "night":
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod or 'night']}"
        return "DATE", value

    def _r_anchored_that(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        unit = m["u"].lower()
        pod = unit if unit in PARTS_OF_DAY else None
        # "that quarter": the last one named as such, a comparison period included
        same = [d for _, d, gran in self.mentioned if gran == unit]
        base = same[-1] if same else self.anchor("day" if pod else unit)
        value, d, _ = _shift(base, "day" if pod else unit, 0)
        if pod:
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}"
        return "DATE", value

    def _r_dct_rel(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        unit = m["u"].lower()
        if rel in ("the past", "the last") and unit in ("year", "decade", "century"):
            # TimeBank's reading of "over the past year" / "in the last decade": the
            # calendar year (decade) before publication, a date events can be stamped with
            rel = "last"
        elif rel in ("the past", "the coming", "the last", "the next"):
            return "DURATION", "P1DE" if unit == "decade" else _duration(1, unit)
        if rel in ("the previous", "the preceding"):
            value, _, _ = _shift(self.anchor(unit), unit, -1)
            return "DATE", value
        n = {"last": -1, "this": 0, "the current": 0, "the latest": 0, "next": 1}[rel]
        if unit == "weekend":
            return "DATE", self._weekend(n)
        if unit == "decade":
            return "DATE", str(self.dct.year // 10 + n)
        if unit == "century":
            return "DATE", f"{self.dct.year // 100 + n:02d}"
        value, _, _ = _shift(self.dct, unit, n)
        return "DATE", value

    def _weekend(self, n: int | None, start: int = 0, end: int = 0) -> str:
        """Weekend n weeks from the DCT's; None means "the weekend" read by tense."""
        wd = self.dct.weekday()
        if n is None:
            coming = self.tense(start, end) == FUTURE
            n = (0 if wd < 5 else 1) if coming else (0 if wd >= 5 else -1)
        return _week(self.dct + timedelta(weeks=n)) + "-WE"

    def _r_weekend(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", self._weekend(None, start, end)

    def _r_set_every(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        u = m["u"].lower().rstrip("s")
        if u in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}"
        n = _number(m["n"]) if m["n"] else 1
        if "other" in m.group().lower():
            n = 2
        return "SET", _duration(n, _unit_key(m["u"]))

    def _r_set_freq(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "SET", FREQUENCY_WORDS[m["w"].lower()]

    def _r_set_per(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "SET", _duration(1, m["u"])

    def _r_duration(self, m: re.Match[str], start: int, end: int) -> tuple[str, str] | None:
        n = _number(m["n"])
        unit = _unit_key(m["u"])
        if m["frac"] and isinstance(n, int):
            return "DURATION", _fraction_duration(n, m["frac"], unit)
        if n == 1 and unit == "day" and m["n"].lower() == "one" and not m["mod"] and not m["rel"] \
                and _prev_word(self.text, m.start()) in MODALS:
            return "DATE", "FUTURE_REF"  # "will one day be": some time to come, not 24 hours
        return "DURATION", _duration(n, unit)

    def _r_duration_half(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        if m["u2"]:
            unit = m["u2"].lower()
            smaller = {"hour": ("PT30M"), "day": "PT12H", "year": "P6M", "month": "P15D"}
            return "DURATION", smaller[unit]
        unit = m["u1"].lower()
        bigger = {"minute": "PT1M30S", "hour": "PT90M", "day": "PT36H", "year": "P18M", "month": "P45D"}
        return "DURATION", bigger[unit]

    def _r_duration_adj(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DURATION", _duration(_number(m["n"]), _unit_key(m["u"]))

    def _r_duration_plural(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
        if pre in ("recent", "past"):
            return "DATE", "PAST_REF"
        if pre in ("coming", "future", "the coming"):
            return "DATE", "FUTURE_REF"
        return "DURATION", _duration(None, _unit_key(m["u"]))

    def _r_in_the_day(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DATE", self.anchor("day").isoformat()  # "later in the day": the day in discussion

    def _r_ahead(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        return "DURATION", _duration(None, _unit_key(m["u"]))  # "in the weeks ahead"

    def _r_ref(self, m: re.Match[str], start: int, end: int) -> tuple[str, str]:
        w = re.sub(r"\s+", " ", m["w"].lower())
        if w not in REFERENCES:
            w = "the future"
        return "DATE", REFERENCES[w]


# "5 p.m. EST, Nov. 6": a clock time, its zone and the day it falls on are one expression.
_CLOCK_DAY_GAP = re.compile(r"\s*(?:[ECMP][SD]T|GMT|UTC|local\s+time)?\s*,?\s*(?:on\s+)?", re.I)


def _merge_clock_dates(found: list[Timex], text: str) -> list[Timex]:
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev.type == "TIME" and t.type == "DATE" and \
                len(t.value) == 10 and prev.value.startswith(t.value) and \
                _CLOCK_DAY_GAP.fullmatch(text, prev.end, t.start):
            out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "TIME", prev.value)
            continue
        out.append(t)
    return out


# ----------------------------------------------------------------------------- validation


def _windows(text: str, before: int = 45, after: int = 30) -> dict[str, list[tuple[int, int]]]:
    """Per cue class, the stretches of text around its cue words, cut at whitespace."""
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in CUE_TOKEN.finditer(text):
        cls = _cue_class(m.group())
        if cls is None:
            continue
        a = max(0, m.start() - before)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        b = min(n, m.end() + after)
        while b < n and not text[b].isspace():
            b += 1
        spans = out.setdefault(cls, [])
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return out


@lru_cache(maxsize=65536)
def _cue_class(token: str) -> str | None:
    first = token[0]
    if first.isdigit():
        return "D"
    if first in "'’":
        return "A"
    low = token.lower()
    if low in UNIT_WORDS:
        return "U"
    if low in RARE_CUES:
        return RARE_CUES[low]
    if low in TIME_WORDS:
        return "T"
    if first.isupper():
        if low in MONTHS:
            return "M"
        if low.rstrip("s") in WEEKDAYS:
            return "W"
    return None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text[max(0, pos - 24):pos])
    return m.group(1).lower() if m else ""


def _valid(name: str, m: re.Match[str], text: str, start: int) -> bool:
    """Context checks a regular expression cannot express compactly."""
    if name == "year":
        if m["mod"] or m["fy"]:
            return True
        prev = _prev_word(text, m.start())
        after = text[m.end():m.end() + 12]
        if prev in _YEAR_PREPS or re.match(r"(['’]s\b|\s*[.,;:)!?\"”]|\s*$|\s+[A-Z])", after):
            return True
        # a year owned like an event: "its 1990 invasion", "the company's 1989 results"
        if prev in _YEAR_OWNERS or re.search(r"\w['’]s\s+$", text[max(0, m.start() - 4):m.start()]):
            return True
        return bool(re.match(r"\s+(was|is|has|had|saw|will|and|or|to|when|as|budget|election"
                             r"|elections|season|levels?|figures|results|rate|contract|law|act"
                             r"|agreement|deal|summit|war|campaign|census|estimates?|tax)\b", after))
    if name == "month":
        if m["mon"] == "May" and not (m["mod"] or m["rel"]):
            return _prev_word(text, m.start("mon")) in _MAY_PREPS
        return True
    if name == "season":
        if m["y"] or m["rel"] or m["mod"]:
            return True
        if m["s"].lower() == "fall":
            return False
        return _prev_word(text, m.start()) in _SEASON_PREPS and \
            not re.match(r"\s+(?:of|offensive|campaign|session|games|olympics|palace)\b",
                         text[m.end():m.end() + 14], re.IGNORECASE)
    if name == "duration":
        unit = m["u"].lower()
        n = m["n"].lower()
        if re.match(r"\s+old\b", text[m.end():m.end() + 5]):
            return False  # an age ("52 years old"), not a period of time
        if unit.startswith("second") and n in ("a", "an"):
            return False
        if unit.startswith("quarter") and re.match(r"\s+of\s+(?:\d{4}|this|next|last|the\s+)",
                                                   text[m.end():m.end() + 12]):
            return False  # "the first two quarters of 1990" is a half-year
        if unit.startswith("quarter") and (n in ("a", "an", "one") or (
                not unit.endswith("s") and not m["rel"])):
            return False
        return not (n in ("some", "many") and not unit.endswith("s"))
    if name == "duration_plural":
        return bool(m["pre"]) or _prev_word(text, m.start()) in _PLURAL_PREPS
    if name == "ref":
        # "as soon as" is a conjunction; "now that ..." is still the present, as TimeML tags it
        return not (m["w"].lower() == "soon" and _prev_word(text, m.start()) == "as")
    if name == "set_per":
        return bool(_SET_PER_BEFORE.search(text[max(0, m.start() - 20):m.start()]))
    if name == "clock24":
        return bool(m["tz"]) or _prev_word(text, m.start()) in (
            "at", "from", "until", "till", "by", "before", "after", "around", "about", "since", "to")
    if name == "quarter_ref":
        return bool(m["rel"]) or _prev_word(text, m.start()) in ("in", "for", "during", "of")
    if name == "dmy":
        return not re.match(r"\s*(?:%|percent)", text[m.end():m.end() + 9])
    return True
