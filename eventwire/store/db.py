"""The embedded event store: one DuckDB file, idempotent writes.

An article and its events are written in one transaction, so a store never
holds an article without its events; re-ingesting an article already stored
is skipped before any NLP runs, which makes `ingest` resumable and
idempotent at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.model import Article, Event
from eventwire.store.schema import ARTICLE_COLUMNS, DDL, EVENT_COLUMNS, SCHEMA_VERSION
from eventwire.time import parse_value

DEFAULT_DB = "eventwire.duckdb"



class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


def first_day(value: str | None) -> date | None:
    """The first calendar day a TIMEX3 date value covers (None if it names no day)."""
    parsed = parse_value(value) if value else None
    return parsed[0] if parsed else None


def _event_row(event: Event) -> dict[str, Any]:
    rec = event.to_dict()
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": event.article_id,
        "published": date.fromisoformat(event.published),
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "cameo": event.cameo,
        "quad": event.quad,
        "intensity": float(event.intensity),
    }
    for role in ("actor", "recipient"):
        a = getattr(event, role)
        for f in ("text", "name", "country", "sector", "code", "start", "end"):
            row[f"{role}_{f}"] = getattr(a, f) if a else None
    row.update({
        "date_value": event.date.value,
        "date_precision": event.date.precision,
        "date_start_day": first_day(event.date.value),
        "date_text": event.date.text,
        "date_start": event.date.start,
        "date_end": event.date.end,
    })
    loc = event.location
    for f in ("text", "name", "geonameid", "lat", "lon", "country", "feature", "start", "end"):
        row[f"location_{f}"] = getattr(loc, f) if loc else None
    row.update({
        "quantities": json.dumps(rec["quantities"]),
        "attribution": json.dumps(rec["attribution"]) if rec["attribution"] else None,
        "negated": event.negated,
        "modality": event.modality,
        "confidence": float(event.confidence),
        "record": json.dumps(rec, ensure_ascii=False),
    })
    return row


_ARROW_TYPES = {
    "VARCHAR": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(), "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(), "BIGINT": pa.int64(), "BOOLEAN": pa.bool_(), "JSON": pa.string(),
    "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
}


def _arrow_schema(columns: tuple[tuple[str, str], ...]) -> pa.Schema:
    fields = []
    for name, kind in columns:
        base = kind.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")
        fields.append(pa.field(name, _ARROW_TYPES[base]))
    return pa.schema(fields)


EVENT_SCHEMA = _arrow_schema(EVENT_COLUMNS)
ARTICLE_SCHEMA = _arrow_schema(ARTICLE_COLUMNS)


def to_tables(coded: Iterable[tuple[Article, list[Event]]]) -> tuple[pa.Table, pa.Table]:
    """Articles and their events as Arrow tables in the store's column layout."""
    now = datetime.now(UTC).replace(tzinfo=None)
    art_rows: list[dict[str, Any]] = []
    ev_rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for article, events in coded:
        if article.id in seen:
            continue
        seen.add(article.id)
        art_rows.append({
            "id": article.id, "published": article.published, "title": article.title,
            "url": article.url, "source": article.source, "origin": article.origin,
            "text": article.text, "n_events": len(events), "ingested_at": now,
        })
        ev_rows.extend(_event_row(e) for e in events)
    return (pa.Table.from_pylist(art_rows, schema=ARTICLE_SCHEMA),
            pa.Table.from_pylist(ev_rows, schema=EVENT_SCHEMA))


class Store:
    """A DuckDB event store. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `eventwire ingest FILE --db {self.path}` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}. If another eventwire ingest is "
                "writing to it, wait for it to finish or use another --db."
            ) from exc
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        for stmt in DDL:
            self.con.execute(stmt)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {row[0]}, newer than this eventwire "
                f"({SCHEMA_VERSION}): upgrade eventwire to read it."
            )
        elif int(row[0]) < SCHEMA_VERSION:
            # every change so far only adds tables (created above); record the new version
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                             [str(SCHEMA_VERSION)])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored (so their NLP is skipped)."""
        if not ids:
            return set()
        tbl = pa.table({"id": pa.array(list(ids), pa.string())})  # noqa: F841 - read by DuckDB
        rows = self.con.execute("SELECT a.id FROM articles a JOIN tbl USING (id)").fetchall()
        return {r[0] for r in rows}

    def unseen(self, articles: Sequence[Article]) -> tuple[list[Article], int]:
        """The articles not stored yet, each once, and how many were skipped."""
        todo, seen = [], self.known_ids([a.id for a in articles])
        for a in articles:
            if a.id not in seen:
                seen.add(a.id)
                todo.append(a)
        return todo, len(articles) - len(todo)

    def write(self, coded: Iterable[tuple[Article, list[Event]]]) -> tuple[int, int]:
        """Store articles with their events in one transaction; returns (articles, events) added."""
        arts, evs = to_tables(coded)
        return self.insert_tables(arts, evs)

    def insert_tables(self, arts: pa.Table, evs: pa.Table) -> tuple[int, int]:
        """Insert prepared article and event tables (e.g. shards from Dask workers) atomically."""
        if arts.num_rows == 0:
            return 0, 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            before_a = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            before_e = con.execute("SELECT count(*) FROM events").fetchone()[0]
            con.execute("INSERT OR IGNORE INTO articles SELECT * FROM arts")
            con.execute("INSERT OR IGNORE INTO events SELECT * FROM evs")
            after_a = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            after_e = con.execute("SELECT count(*) FROM events").fetchone()[0]
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return after_a - before_a, after_e - before_e

    def counts(self) -> dict[str, int]:
        out = {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events")
        }
        out["stories"] = self.con.execute(
            "SELECT count(DISTINCT story_id) FROM event_story").fetchone()[0]
        return out
