"""Cross-article deduplication: many reports of one real-world event become one story.

Wire services re-report the same strike for days; counting each mention as an
event is GDELT's best-known failure. Mentions are linked when everything that
identifies an event agrees — type and mode, actor and recipient codes, dates
whose windows overlap, places that are near each other, counts that do not
contradict — and linked mentions form a story (connected components). When in
doubt the mentions stay apart: a false merge hides a real event, a missed merge
only over-counts one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from eventwire.store.db import Store

# How far apart two mentions' dates may be, by the coarser precision of the two:
# a day-precise report may be filed a day later ("yesterday's attack").
DATE_SLACK = {"day": 1, "week": 3, "month": 0, "season": 0, "quarter": 0, "year": 0}
SPAN_DAYS = {"day": 1, "week": 7, "month": 31, "season": 92, "quarter": 92, "year": 366}
NEAR_KM = 50.0  # two city-level places closer than this are the same site
# A capitalized word counts as a named site when the gazetteer knows it as a
# city or province at least this populous (small namesakes of common words are not).
SITE_MIN_POPULATION = 20_000
_WORD = re.compile(r"[a-z0-9]+")
_CAPITALIZED = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}


@dataclass(slots=True)
class Mention:
    """The fields of a stored event that decide whether two reports are one event."""

    id: str
    article_id: str
    key: tuple[str, str]  # type, actor country ("" when uncoded); blocks are by type
    mode: str | None
    actor_sector: str | None
    recipient_country: str | None
    recipient_sector: str | None
    first: date
    last: date
    precision: str
    lat: float | None
    lon: float | None
    feature: str | None
    country: str | None
    counts: dict[str, set[float]] = field(default_factory=dict)
    numbers: frozenset[float] = frozenset()
    sites: frozenset[int] = frozenset()  # gazetteer ids of cities/provinces the sentence names
    site_country: dict[int, str] = field(default_factory=dict)  # site id -> its country


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (a "9999-12-31" placeholder
    date must not crash a pass)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _window(first: date, precision: str) -> tuple[date, date]:
    slack = DATE_SLACK.get(precision, 0)
    return _shift(first, -slack), _shift(first, SPAN_DAYS.get(precision, 1) - 1 + slack)


def _km(a: Mention, b: Mention) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _numbers(sentence: str) -> frozenset[float]:
    """Counts written in the sentence (digits and small number words), years left out."""
    found = {float(n.replace(",", "")) for n in _NUMBER.findall(sentence)}
    found |= {float(_NUMBER_WORDS[w]) for w in _WORD.findall(sentence.lower()) if w in _NUMBER_WORDS}
    return frozenset(n for n in found if not 1900 <= n <= 2100)


def _sites(sentence: str) -> dict[int, str]:
    """Cities and provinces named in the sentence: gazetteer id -> country (countries left out)."""
    from eventwire.geo import lookup

    ids: dict[int, str] = {}
    for m in _CAPITALIZED.finditer(sentence):
        if m.start() == 0:
            continue  # a sentence's first word is capitalized anyway
        for cand in lookup(m.group(0))[:1]:
            if cand.feature != "country" and cand.population >= SITE_MIN_POPULATION:
                ids[cand.geonameid] = cand.country or ""
    return ids


def _places_agree(a: Mention, b: Mention) -> bool | None:
    """True/False when both sides are located, None when either has no place."""
    if a.lat is None or b.lat is None:
        return None
    if "city" in (a.feature, b.feature) and a.feature == b.feature:
        return _km(a, b) <= NEAR_KM
    # a country or province on one side: the finer place must lie in the same country
    return a.country == b.country


def _counts_agree(a: Mention, b: Mention) -> bool:
    """Counts of the same unit must share a value ("16 drones" vs "16 drones", not "30")."""
    return all(not (a.counts[u] and b.counts[u]) or a.counts[u] & b.counts[u]
               for u in a.counts.keys() & b.counts.keys())


def _compatible(x: str | None, y: str | None) -> bool:
    """Equal, or one side does not say (a rewrite may drop the mode or the sector)."""
    return x is None or y is None or x == y


# Types whose two parties play the same part: "Modi met Zelensky" is "Zelensky hosted Modi".
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _parties(a: Mention, b: Mention) -> tuple[bool, bool] | None:
    """How the two mentions' parties line up: (swapped, some party unsaid), or None when
    they contradict or share no coded party at all."""
    ta, tb = a.key[1] or None, b.key[1] or None
    ra, rb = a.recipient_country, b.recipient_country
    orders = [(False, tb, rb)] + ([(True, rb, tb)] if a.key[0] in SYMMETRIC else [])
    for swapped, t2, r2 in orders:
        if _compatible(ta, t2) and _compatible(ra, r2) and (
                (ta is not None and ta == t2) or (ra is not None and ra == r2)):
            return swapped, None in (ta, t2, ra, r2)
    return None


def same_event(a: Mention, b: Mention) -> bool:
    """Whether two mentions report one real-world event (precision over recall)."""
    if a.key[0] != b.key[0] or a.article_id == b.article_id:
        return False  # two events of one article are two events
    lined = _parties(a, b)
    if lined is None:
        # parties that differ, or none in common: "Xi met Kishida" and "Xi met Lopez
        # Obrador" share a day and a city, and a report naming neither joins no one
        return False
    swapped, unsaid = lined
    if not _compatible(a.mode, b.mode):
        return False
    if not swapped and not (_compatible(a.actor_sector, b.actor_sector)
                            and _compatible(a.recipient_sector, b.recipient_sector)):
        return False
    a0, a1 = _window(a.first, a.precision)
    b0, b1 = _window(b.first, b.precision)
    if a1 < b0 or b1 < a0:
        return False
    if not _counts_agree(a, b):
        return False
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False  # "20 drones" and "35 drones": two attacks
    if a.sites and b.sites:
        # the same named place agrees even where the two articles' contexts resolved it
        # differently; Kharkiv and Kherson are two places
        if not a.sites & b.sites:
            return False
    elif _places_agree(a, b) is False:
        return False
    if a.recipient_country is None and b.recipient_country is None:
        # nobody acted on in either report: only a shared count ties the two ("fired 18
        # missiles"); a shared city does not ("Xi held talks in San Francisco" twice)
        return bool(a.numbers & b.numbers)
    if unsaid:
        # a party one report leaves out ("a refinery in Ryazan was hit by drones"): only a
        # shared count, or a shared named site away from the actor's home (not the capital
        # where its ministry sits and speaks), ties the two
        if a.key[0] in SYMMETRIC:  # meetings crowd one summit city: a count or nothing
            return bool(a.numbers & b.numbers)
        home = {a.key[1], b.key[1]} - {""}
        away = {i for i in a.sites & b.sites
                if (a.site_country.get(i) or b.site_country.get(i)) not in home}
        return bool(away or a.numbers & b.numbers)
    return True


def mention_from_row(row: Sequence[Any]) -> Mention:
    (eid, article_id, type_, mode, actor_country, actor_sector, recipient_country,
     recipient_sector, first, precision, lat, lon, feature, country, quantities, sentence,
     published) = row
    counts: dict[str, set[float]] = {}
    for q in json.loads(quantities or "[]"):
        counts.setdefault((q.get("unit") or "").lower(), set()).add(float(q["value"]))
    first = first or published
    last = _window(first, precision or "day")[1]
    sites = _sites(sentence or "")
    return Mention(eid, article_id, (type_, actor_country or ""), mode, actor_sector,
                   recipient_country, recipient_sector, first, last, precision or "day", lat, lon,
                   feature, country, counts, _numbers(sentence or ""), frozenset(sites), sites)


_SELECT = """
SELECT id, article_id, type, mode, actor_country, actor_sector, recipient_country,
       recipient_sector, date_start_day, date_precision, location_lat, location_lon,
       location_feature, location_country, quantities, sentence, published
FROM events
ORDER BY type, coalesce(date_start_day, published), id
"""


def _blocks(store: Store) -> Iterator[list[Mention]]:
    """Mentions grouped by type (parties are compared pairwise), streamed block by block."""
    cur = store.con.execute(_SELECT)
    block: list[Mention] = []
    while rows := cur.fetchmany(5000):
        for row in rows:
            m = mention_from_row(row)
            if block and block[0].key[0] != m.key[0]:
                yield block
                block = []
            block.append(m)
    if block:
        yield block


_ROLE_FIELDS = ("mode", "actor_sector", "recipient_sector", "parties")


def _field(m: Mention, name: str) -> set[str]:
    """A story's known values of one field; "parties" are the countries of both roles (a
    symmetric meeting's two sides may come in either order)."""
    if name == "parties":
        got = {m.key[1], m.recipient_country or ""} - {""}
        return {"|".join(sorted(got))} if len(got) == 2 else set()
    v = getattr(m, name)
    return {v} if v is not None else set()


def cluster(block: list[Mention]) -> dict[str, str]:
    """Union-find over one block (sorted by date): event id -> story id (its earliest mention).

    A story may hold mentions that leave a field unsaid, but never two different
    values of it: otherwise "met his Pakistani counterpart" and "met his Indian
    counterpart" would be chained together through a mention that names neither.
    """
    parent = {m.id: m.id for m in block}
    known: dict[str, dict[str, set[str]]] = {
        m.id: {f: _field(m, f) for f in _ROLE_FIELDS} for m in block}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = {m.id: i for i, m in enumerate(block)}
    for i, a in enumerate(block):
        for b in block[i + 1:]:
            if b.first > _shift(a.last, DATE_SLACK["week"]):
                break  # sorted by date: nothing later can overlap a's window
            if not same_event(a, b):
                continue
            ra, rb = find(a.id), find(b.id)
            if ra == rb:
                continue
            merged = {f: known[ra][f] | known[rb][f] for f in _ROLE_FIELDS}
            if any(len(v) > 1 for v in merged.values()):
                continue
            root, child = (ra, rb) if order[ra] < order[rb] else (rb, ra)
            parent[child] = root  # the earliest mention stays the root: stable story ids
            known[root] = merged
    return {m.id: find(m.id) for m in block}


def dedupe(store: Store) -> dict[str, int]:
    """Recompute the event -> story table from all stored mentions; returns counts."""
    import pyarrow as pa

    ids: list[str] = []
    stories: list[str] = []
    for block in _blocks(store):
        for eid, sid in cluster(block).items():
            ids.append(eid)
            stories.append(sid)
    links = pa.table({"event_id": pa.array(ids, pa.string()),  # noqa: F841 - read by DuckDB
                      "story_id": pa.array(stories, pa.string())})
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_story")
        con.execute("INSERT INTO event_story SELECT * FROM links")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    n_stories = len(set(stories))
    return {"mentions": len(ids), "stories": n_stories, "merged": len(ids) - n_stories}
