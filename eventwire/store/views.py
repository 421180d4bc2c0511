"""Read-side views of the store for the HTTP API: pages, timelines, networks, places, actors.

Every view takes the same :class:`EventFilter` as ``eventwire events`` and reuses its
WHERE clause, so a chart, a map and the event table of one filter always agree. All SQL
is parameterized; the only text spliced into a statement comes from the fixed tables
below (sort keys, intervals), never from a caller.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.store.db import Store
from eventwire.store.pageindex import PageIndex
from eventwire.store.query import EventFilter

# sort name -> ORDER BY columns (ascending); every order ends on the unique row id so
# pages never overlap or skip rows when many events share a value (a shorter key is
# cheaper: the sort compares every matching row's keys, and a row number compares
# faster than the 20-character event id: 1M events, actor+recipient, 57 -> 27 ms)
SORTS: dict[str, str] = {
    "date": "date_start_day {d} NULLS LAST, rowid {d}",
    "intensity": "intensity {d} NULLS LAST, rowid {d}",
    "type": "type {d} NULLS LAST, rowid {d}",
    "confidence": "confidence {d} NULLS LAST, rowid {d}",
}
SORT_CHOICES: tuple[str, ...] = tuple(s for k in SORTS for s in (k, f"-{k}"))
INTERVALS: dict[str, str] = {"day": "day", "week": "week"}
SERIES_BY: dict[str, str] = {"quad": "CAST(quad AS VARCHAR)", "type": "type"}
# the day an event is charted on: its own first day, else the day it was published
_DAY = "coalesce(date_start_day, published)"


@dataclass(slots=True)
class Page:
    """One page of events in the requested order, and how many events match in all.

    The records stay the stored JSON text, so a JSON response splices them in as they
    are (parsing and re-serializing a page of 50 cost about 3 ms a request).
    """

    total: int
    raw: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[dict[str, Any]]:
        return [json.loads(r) for r in self.raw]


def where(flt: EventFilter, also: str = "") -> tuple[str, list[Any]]:
    """The filter's WHERE clause (with a leading space, or empty) and its parameters,
    with the view's own condition ``also`` joined to it.

    EventFilter.sql() appends its fixed date order and limit; the views need the
    condition alone to put their own ORDER BY, GROUP BY and LIMIT after it.
    """
    clause, params = replace(flt, limit=None).sql()
    cond, sep, _ = clause.rpartition(" ORDER BY ")
    if not sep:  # pragma: no cover - only if EventFilter.sql() changes shape
        raise RuntimeError("EventFilter.sql() no longer ends with ORDER BY")
    if also:
        cond += (" AND " if cond else " WHERE ") + also
    return cond, params


def has_stories(store: Store) -> bool:
    """Whether the store has the story table (schema 2+; older stores are read-only here)."""
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_story'"
    ).fetchone()
    return bool(row and row[0])


def counts(store: Store) -> dict[str, int]:
    """Articles, events and stories stored (stories 0 on stores made before deduplication)."""
    con = store.con
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("articles", "events")}
    out["stories"] = (con.execute("SELECT count(DISTINCT story_id) FROM event_story").fetchone()[0]
                      if has_stories(store) else 0)
    return out


def _raw_records(store: Store, ids: Sequence[str]) -> list[str]:
    """The §2 records of these event ids as stored JSON text, in the given order."""
    if not ids:
        return []
    rows = store.con.execute(
        "SELECT id, record FROM events WHERE list_contains(?, id)", [list(ids)]).fetchall()
    found = dict(rows)
    return [found[i] for i in ids if i in found]


def _records(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The §2 records of these event ids, in the given order."""
    return [json.loads(r) for r in _raw_records(store, ids)]


def _with_story(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the "story" field iter_records gives story rows: mentions and articles counted."""
    if not records:
        return records
    rows = store.con.execute(
        "SELECT s.story_id, count(*), count(DISTINCT m.article_id) FROM event_story s "
        "JOIN events m ON m.id = s.event_id WHERE list_contains(?, s.story_id) "
        "GROUP BY s.story_id", [[r["id"] for r in records]]).fetchall()
    stats = {r[0]: (r[1], r[2]) for r in rows}
    for rec in records:
        mentions, articles = stats.get(rec["id"], (1, 1))
        rec["story"] = {"id": rec["id"], "mentions": mentions, "articles": articles}
    return records


def order_by(sort: str) -> str:
    """ORDER BY columns for a sort name ("date", "-intensity", ...); ValueError if unknown."""
    key, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if key not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: choose one of {', '.join(SORT_CHOICES)}")
    return SORTS[key].format(d="DESC" if desc else "ASC")


def count(store: Store, flt: EventFilter) -> int:
    """How many events match the filter."""
    cond, params = where(flt)
    return store.con.execute("SELECT count(*) FROM events" + cond, params).fetchone()[0]


def page(store: Store, flt: EventFilter, sort: str = "-date", limit: int = 50,
         offset: int = 0, total: int | None = None, index: PageIndex | None = None) -> Page:
    """One page of matching events, sorted; ``total`` counts every match.

    Sorting and cutting run on the narrow columns; only the page's ids then fetch
    their wide JSON records (as iter_records does), which keeps a page cheap on a
    store of millions of events. Pass ``total`` when it is known (the same filter on
    the same store) to skip counting. An ``index`` of the same store content finds
    the page's ids without the top-N scan when it holds the filter's columns.
    """
    order_by(sort)  # ValueError for an unknown sort, whichever path answers
    ids = index.page_ids(flt, sort, limit, offset) if index is not None else None
    if ids is None:
        cond, params = where(flt)
        ids = [r[0] for r in store.con.execute(
            f"SELECT id FROM events{cond} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)]).fetchall()]
    # a page that ran out of rows already says how many there are: no second scan
    ran_out = len(ids) < limit and (ids or offset == 0)
    if ran_out:
        total = offset + len(ids)
    elif total is None:
        total = count(store, flt)
    raw = _raw_records(store, ids)
    if flt.stories:
        raw = [json.dumps(r, ensure_ascii=False, separators=(",", ":"))
               for r in _with_story(store, [json.loads(r) for r in raw])]
    return Page(total, raw)


def timeline(store: Store, flt: EventFilter, interval: str = "day",
             by: str = "quad") -> list[dict[str, Any]]:
    """Event counts per day or week (weeks keyed by their Monday), one series per quad or type."""
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}: choose day or week")
    if by not in SERIES_BY:
        raise ValueError(f"unknown series {by!r}: choose quad or type")
    cond, params = where(flt)
    bucket = f"CAST(date_trunc('{INTERVALS[interval]}', {_DAY}) AS DATE)"
    rows = store.con.execute(
        f"SELECT {SERIES_BY[by]} AS k, {bucket} AS d, count(*) FROM events{cond} "
        "GROUP BY k, d HAVING d IS NOT NULL ORDER BY k NULLS LAST, d", params).fetchall()
    series: dict[str, list[dict[str, Any]]] = {}
    for key, day, n in rows:
        series.setdefault(key if key is not None else "none", []).append(
            {"date": day.isoformat(), "count": n})
    return [{"key": k, "points": pts} for k, pts in series.items()]


def network(store: Store, flt: EventFilter, limit: int = 100) -> dict[str, list[dict[str, Any]]]:
    """Actor -> recipient edges (by code) with counts and mean intensity, biggest first,
    and the nodes those edges touch with their event counts under the same filter."""
    cond, params = where(flt)
    dyads, _ = where(flt, also="actor_code IS NOT NULL AND recipient_code IS NOT NULL")
    edges = store.con.execute(
        f"SELECT actor_code, recipient_code, count(*) AS n, avg(intensity) FROM events{dyads} "
        "GROUP BY actor_code, recipient_code ORDER BY n DESC, actor_code, recipient_code "
        "LIMIT ?", [*params, int(limit)]).fetchall()
    codes = sorted({c for e in edges for c in e[:2]})
    nodes: list[dict[str, Any]] = []
    if codes:
        rows = store.con.execute(
            f"""WITH m AS (SELECT * FROM events{cond}),
            roles AS (
                SELECT actor_code AS code, actor_name AS name, actor_country AS country FROM m
                UNION ALL
                SELECT recipient_code, recipient_name, recipient_country FROM m)
            SELECT code, mode(name), mode(country), count(*) AS n FROM roles
            WHERE list_contains(?, code) GROUP BY code ORDER BY n DESC, code""",
            [*params, codes]).fetchall()
        nodes = [{"id": c, "name": name, "country": country, "events": n}
                 for c, name, country, n in rows]
    return {
        "nodes": nodes,
        "edges": [{"source": a, "target": b, "count": n, "mean_intensity": round(float(m), 3)}
                  for a, b, n, m in edges],
    }


def places(store: Store, flt: EventFilter, limit: int = 500) -> list[dict[str, Any]]:
    """One entry per distinct located place: name, country, point, events, up to 5 event ids."""
    cond, params = where(flt, also="location_lat IS NOT NULL AND location_lon IS NOT NULL")
    rows = store.con.execute(
        f"SELECT location_name, location_country, location_lat, location_lon, count(*) AS n, "
        f"list(id ORDER BY id)[1:5] FROM events{cond} "
        "GROUP BY location_name, location_country, location_lat, location_lon "
        "ORDER BY n DESC, location_name NULLS LAST, location_lat, location_lon LIMIT ?",
        [*params, int(limit)]).fetchall()
    return [{"name": name, "country": country, "lat": lat, "lon": lon, "events": n,
             "event_ids": list(ids)} for name, country, lat, lon, n, ids in rows]


def actors(store: Store, q: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes whose code or name contains ``q`` (any case), most events first;
    an actor's events count both its actor and its recipient roles."""
    params: list[Any] = []
    match = ""
    if q:
        match = " WHERE contains(lower(code), ?) OR contains(lower(coalesce(name, '')), ?)"
        params += [q.lower(), q.lower()]
    rows = store.con.execute(
        f"""WITH roles AS (
            SELECT actor_code AS code, actor_name AS name, actor_country AS country
            FROM events WHERE actor_code IS NOT NULL
            UNION ALL
            SELECT recipient_code, recipient_name, recipient_country
            FROM events WHERE recipient_code IS NOT NULL)
        SELECT code, mode(name), mode(country), count(*) AS n FROM roles{match}
        GROUP BY code ORDER BY n DESC, code LIMIT ?""", [*params, int(limit)]).fetchall()
    return [{"code": c, "name": name, "country": country, "events": n}
            for c, name, country, n in rows]


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event's §2 record, or None."""
    row = store.con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def mentions(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The other mentions of the story this event belongs to (date order); [] if it has none."""
    if not has_stories(store):
        return []
    ids = [r[0] for r in store.con.execute(
        "SELECT e.id FROM event_story s JOIN events e ON e.id = s.event_id "
        "WHERE s.story_id = (SELECT story_id FROM event_story WHERE event_id = ?) "
        "AND e.id <> ? ORDER BY e.date_start_day, e.published, e.article_id, e.id",
        [event_id, event_id]).fetchall()]
    return _records(store, ids)


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article (id, published, title, url, source, text), or None."""
    row = store.con.execute(
        "SELECT id, published, title, url, source, text FROM articles WHERE id = ?",
        [article_id]).fetchone()
    if row is None:
        return None
    return {"id": row[0], "published": row[1].isoformat(), "title": row[2], "url": row[3],
            "source": row[4], "text": row[5]}


def article_events(store: Store, article_id: str) -> list[dict[str, Any]]:
    """An article's events in reading order (sentence, then trigger position)."""
    ids = [r[0] for r in store.con.execute(
        "SELECT id FROM events WHERE article_id = ? ORDER BY sentence_index, trigger_start, id",
        [article_id]).fetchall()]
    return _records(store, ids)
