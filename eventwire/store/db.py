"""The embedded event store: one DuckDB file, idempotent writes.

An article and its events are written in one transaction, so a store never
holds an article without its events; re-ingesting an article already stored
is skipped before any NLP runs, which makes `ingest` resumable and
idempotent at once.

DuckDB locks every other process out of a file one process writes, readers
included, so a long run writes through a :class:`Writer`: it holds the store's
writer lock (``STORE.lock``) for the whole run but opens DuckDB only for each
checkpoint, and readers (``Store(read_only=True)``) wait a bounded time for a
checkpoint to finish instead of failing (see ``eventwire.store.lock``).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.model import Article, Event
from eventwire.store.lock import Gate, LockHolder, WriterLock
from eventwire.store.schema import ARTICLE_COLUMNS, DDL, EVENT_COLUMNS, SCHEMA_VERSION
from eventwire.time import parse_value

DEFAULT_DB = "eventwire.duckdb"
READ_WAIT_S = 10.0  # a reader waits this long for a checkpoint (or a dedupe pass) to finish
WRITE_WAIT_S = 120.0  # a checkpoint waits this long for reads already running to finish
_LOCK_PID = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class StoreBusy(StoreError):
    """Another process has the store locked past the wait: try again (HTTP 503, not 500)."""


def fault_point(point: str) -> None:
    """Crash-test hook, inert unless EVENTWIRE_FAULT=POINT:N is set.

    The N-th time this process reaches POINT it says so on stderr and sleeps, so a test
    can SIGKILL it at exactly that moment (inside a transaction, after a commit...); with
    EVENTWIRE_FAULT_RESUME=FILE it goes on once FILE exists (to hold a run mid-way).
    """
    spec = os.environ.get("EVENTWIRE_FAULT")
    if not spec:
        return
    name, _, nth = spec.partition(":")
    if name != point:
        return
    _FAULT_HITS[point] = _FAULT_HITS.get(point, 0) + 1
    if _FAULT_HITS[point] == int(nth or 1):
        print(f"eventwire-fault {point} {_FAULT_HITS[point]}", file=sys.stderr, flush=True)
        resume = os.environ.get("EVENTWIRE_FAULT_RESUME")
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline and not (resume and os.path.exists(resume)):
            time.sleep(0.05)


_FAULT_HITS: dict[str, int] = {}


def _is_lock_conflict(exc: Exception) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open DuckDB, retrying for up to ``wait`` seconds while another process has it locked."""
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _busy(path: str, exc: Exception | None, waited: float, read_only: bool) -> StoreBusy:
    holder: LockHolder | str | None = WriterLock(path).holder()
    if holder is None and exc is not None and (m := _LOCK_PID.search(str(exc))):
        holder = f"pid {m[2]} ({os.path.basename(m[1])})"
    who = f"by {holder}" if holder else "by another process"
    if read_only:
        return StoreBusy(f"store {path} is locked {who} (waited {waited:g} s): an ingest "
                         "checkpoint or dedupe pass is running; try again shortly.")
    return StoreBusy(f"cannot write store {path}: it is held open {who} (waited {waited:g} s); "
                     "close the program reading it, or stop the other writer, then re-run "
                     "(stored articles are skipped).")


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
    """A DuckDB event store. Use as a context manager, or call close().

    ``read_only=True`` opens for queries; while an ingest checkpoint has the file it waits
    up to ``wait`` seconds (default 10) and then raises :class:`StoreBusy`. A writable
    Store takes the store's writer lock for its life (``lock=True``), failing at once, or
    after ``wait`` seconds, with :class:`StoreBusy` naming the process that holds it.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 wait: float | None = None, lock: bool = True) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock: WriterLock | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `eventwire ingest FILE --db {self.path}` first")
        if not read_only and lock:
            self._lock = WriterLock(self.path)
            self._lock.acquire(wait or 0.0)
        try:
            if read_only:
                self.con = self._open_read_only(READ_WAIT_S if wait is None else wait)
            else:
                gate = Gate(self.path)
                open_wait = WRITE_WAIT_S if wait is None or not lock else wait
                if not gate.enter(shared=False, wait=open_wait):
                    raise _busy(self.path, None, open_wait, read_only=False)
                try:
                    self.con = self._connect(open_wait)
                finally:
                    if lock:  # a run's checkpoint (lock=False) keeps the gate until it closes
                        gate.leave()
                    else:
                        self._gate = gate
                if lock:
                    self._migrate()
        except BaseException:
            self.close()
            raise

    _gate: Gate | None = None

    def _connect(self, wait: float) -> duckdb.DuckDBPyConnection:
        started = time.monotonic()
        try:
            return _connect(self.path, self.read_only, wait)
        except duckdb.IOException as exc:
            if _is_lock_conflict(exc):
                raise _busy(self.path, exc, round(time.monotonic() - started, 1),
                            self.read_only) from exc
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}. Is it a DuckDB file "
                             "written by eventwire?") from exc

    def _open_read_only(self, wait: float) -> duckdb.DuckDBPyConnection:
        # Pass the gate shared only while opening: a checkpoint waiting for the gate then
        # waits for the reads already open, not for every read that arrives after it.
        started = time.monotonic()
        gate = Gate(self.path)
        if not gate.enter(shared=True, wait=wait):
            raise _busy(self.path, None, wait, read_only=True)
        try:
            return self._connect(max(wait - (time.monotonic() - started), 0.0))
        finally:
            gate.leave()

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
        try:
            if self.con is not None:
                self.con.close()  # for a writer, DuckDB checkpoints its WAL into the file here
                self.con = None
        finally:
            if self._gate is not None:
                self._gate.leave()
                self._gate = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

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
            fault_point("insert")
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


class Writer:
    """A store as a long run writes it: locked for the whole run, open only per checkpoint.

    Between checkpoints the DuckDB file is closed, so readers (the API, ``eventwire
    events``) keep answering during an ingest; a second writer fails at once with
    :class:`StoreBusy` naming this one, or waits ``wait`` seconds for it. Each method
    below opens the file, does its work in one transaction and closes it again; the
    close checkpoints DuckDB's WAL, so what a method returned is on disk.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, wait: float = 0.0,
                 on_wait: Callable[[LockHolder | None], None] | None = None,
                 open_wait: float = WRITE_WAIT_S) -> None:
        self.path = str(path)
        self.open_wait = open_wait
        self._lock = WriterLock(self.path)
        self._lock.acquire(wait, on_wait)
        try:
            with self.session() as store:
                store._migrate()
        except BaseException:
            self._lock.release()
            raise

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the writer lock (the store itself is closed after every checkpoint)."""
        self._lock.release()

    @contextmanager
    def session(self) -> Iterator[Store]:
        """The store open for writing, closed (and checkpointed) on leaving the block."""
        if not self._lock.held:
            raise StoreError(f"the writer for {self.path} is closed")
        store = Store(self.path, wait=self.open_wait, lock=False)
        try:
            yield store
        finally:
            store.close()

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        with self.session() as store:
            return store.known_ids(ids)

    def unseen(self, articles: Sequence[Article]) -> tuple[list[Article], int]:
        """The articles not stored yet, each once, and how many were skipped."""
        if not articles:
            return [], 0
        with self.session() as store:
            return store.unseen(articles)

    def write(self, coded: Iterable[tuple[Article, list[Event]]]) -> tuple[int, int]:
        """One checkpoint: articles with their events in one transaction."""
        arts, evs = to_tables(coded)
        return self.insert_tables(arts, evs)

    def insert_tables(self, arts: pa.Table, evs: pa.Table) -> tuple[int, int]:
        if arts.num_rows == 0:
            return 0, 0
        with self.session() as store:
            added = store.insert_tables(arts, evs)
            fault_point("commit")  # committed (in the WAL), not yet checkpointed into the file
            return added

    def counts(self) -> dict[str, int]:
        with self.session() as store:
            return store.counts()
