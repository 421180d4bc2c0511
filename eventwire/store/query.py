"""Filtering stored events, the way analysts slice event data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from eventwire.store.db import Store


@dataclass(slots=True)
class EventFilter:
    """Filters combine with AND. Actor codes match as prefixes ("RUS" finds RUSGOV, RUSMIL)."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None
    limit: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for role, code in (("actor", self.actor), ("recipient", self.recipient)):
            if code:
                where.append(f"({role}_code LIKE ? OR {role}_country = ?)")
                params += [code.upper() + "%", code.upper()]
        if self.type:
            where.append("type = ?")
            params.append(self.type.upper())
        if self.since:
            where.append("date_start_day >= ?")
            params.append(self.since)
        if self.until:
            where.append("date_start_day <= ?")
            params.append(self.until)
        if self.article_id:
            where.append("article_id = ?")
            params.append(self.article_id)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        order = " ORDER BY date_start_day, article_id, sentence_index, trigger_start"
        limit = f" LIMIT {int(self.limit)}" if self.limit else ""
        return clause + order + limit, params


def iter_records(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Stored events as DESIGN.md §2 records, streamed in date order."""
    clause, params = (flt or EventFilter()).sql()
    cur = store.con.execute("SELECT record FROM events" + clause, params)
    while rows := cur.fetchmany(1000):
        for (rec,) in rows:
            yield json.loads(rec)


def events_arrow(store: Store, flt: EventFilter | None = None) -> pa.Table:
    """Stored events as a flat Arrow table (one column per field), for pandas and Parquet."""
    clause, params = (flt or EventFilter()).sql()
    return store.con.sql("SELECT * EXCLUDE (record) FROM events" + clause, params=params).to_arrow_table()
