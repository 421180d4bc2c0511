"""Sharing one DuckDB store file between API requests and writers in other processes.

DuckDB locks the whole file: any number of read-only connections or one writer. Opening
a 1M-event store read-only costs ~30 ms and its first queries run on a cold cache, so a
connection per request would eat most of a 50 ms latency budget. The gate therefore keeps
one read-only connection open and hands each request its own cursor of it (requests run
in parallel), and lets go of the file whenever someone else wants to write:

- a writer in another process (``eventwire ingest``'s checkpoints, any read-write
  ``Store``) first takes the store's ``.gate`` lock exclusively (eventwire.store.lock).
  Each request, and a watcher thread every ``poll_s`` while the connection is open,
  checks that lock with one non-blocking ``flock``; once a writer waits there, the
  connection takes no new requests, closes as soon as the requests in flight finish, and
  the next request reopens through ``Store(read_only=True)``, which waits (``read_wait``
  seconds at most, then 503) for the write to end. A checkpoint waits for the reads
  already running, never for a stream of new ones;
- after ``idle_s`` seconds without requests the connection closes anyway, for writers
  that do not use the gate lock;
- writes from this process (POST /articles) wait for the requests in flight, close the
  connection, write through a read-write ``Store`` and close it; reads wait meanwhile
  (DuckDB refuses a read-only and a read-write connection to one file in one process).
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store import Store, StoreError
from eventwire.store.lock import Gate
from eventwire.store.pageindex import PageIndex

MEMO_MAX = 1024
# Stores up to this many events get an in-memory page index (about 300 bytes an event,
# two thirds of it the lower-cased sentences); EVENTWIRE_API_INDEX_MAX changes it, 0
# turns the index off.
INDEX_MAX_EVENTS = 3_000_000


class StoreUnavailable(RuntimeError):
    """The store cannot be opened now (another process writes it); retry shortly."""


class _CursorStore(Store):
    """A Store whose connection is one cursor of the gate's shared read-only connection."""

    def __init__(self, path: str, con: duckdb.DuckDBPyConnection) -> None:  # noqa: D107
        self.path = path
        self.read_only = True
        self._lock = None
        self.con = con


class StoreGate:
    """Read-only access for requests, exclusive access for in-process writes."""

    def __init__(self, path: str | Path, idle_s: float = 30.0, read_wait: float = 3.0,
                 poll_s: float = 0.1, max_queries: int | None = None,
                 query_threads: int | None = None) -> None:
        self.path = str(path)
        self.query_threads = query_threads or int(os.environ.get("EVENTWIRE_API_THREADS", 0)) or 1
        # Queries running at once, one per core (each on query_threads DuckDB threads,
        # 1 unless EVENTWIRE_API_THREADS says otherwise): more side by side only adds
        # switching and makes the slowest request slower; the rest queue here in
        # arrival order.
        self._slots = threading.BoundedSemaphore(
            max_queries or int(os.environ.get("EVENTWIRE_API_QUERIES", 0)) or (os.cpu_count() or 2))
        self.idle_s = idle_s
        self.read_wait = read_wait
        self.poll_s = poll_s
        self._cond = threading.Condition()
        self._base: Store | None = None
        self._readers = 0
        self._writing = False
        self._last_use = 0.0
        self._watcher: threading.Thread | None = None
        self.opens = 0  # how many times the read-only connection was (re)opened
        # Answers that depend only on the store's content (a filter's total): kept while
        # the file is unchanged, i.e. across reopens unless its size or mtime moved.
        self.memo: dict[Hashable, Any] = {}
        self._stamp: tuple[int, ...] | None = None
        env_max = os.environ.get("EVENTWIRE_API_INDEX_MAX")
        self.index_max = int(env_max) if env_max else INDEX_MAX_EVENTS
        self._index: PageIndex | None = None
        self._index_for: tuple[int, ...] | None = None  # the stamp a build was started for

    # ------------------------------------------------------------ reading

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A Store for one request; raises StoreUnavailable while another process writes."""
        with self._slots, self._reading() as store:
            yield store

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        with self._cond:
            if not self._cond.wait_for(lambda: not self._writing, timeout=self.read_wait):
                raise StoreUnavailable("this server is writing new articles into the store "
                                       "(POST /articles): retry in a few seconds")
            if self._base is not None and self.writer_waiting():
                while self._readers:  # let the reads in flight finish, then let go
                    self._cond.wait()
                self._close_base()
            if self._base is None:
                self._open_base()
            assert self._base is not None and self._base.con is not None
            self._readers += 1
            cursor = self._base.con.cursor()
        try:
            yield _CursorStore(self.path, cursor)
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                self._last_use = time.monotonic()
                self._cond.notify_all()

    def writer_waiting(self) -> bool:
        """Whether another process holds the store's gate lock to write."""
        gate = Gate(self.path)
        if gate.enter(shared=True, wait=0.0):
            gate.leave()
            return False
        return True

    def remember(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` for ``key`` while the store file is unchanged (bounded)."""
        if len(self.memo) >= MEMO_MAX:
            self.memo = {}
        self.memo[key] = value

    def page_index(self) -> PageIndex | None:
        """The page index of the store's current content, once built, else None.

        The first call for a content starts the build in the background (about 2 s a
        million events): pages go to SQL meanwhile, so no request waits for it.
        """
        with self._cond:
            stamp = self._stamp
            if stamp is None or self.index_max <= 0:
                return None
            if self._index_for != stamp:
                self._index_for, self._index = stamp, None
                threading.Thread(target=self._build_index, args=(stamp,), daemon=True,
                                 name="eventwire-page-index").start()
            return self._index

    def _build_index(self, stamp: tuple[int, ...]) -> None:
        index = None
        try:
            with self.read() as store:
                assert store.con is not None
                if store.con.execute("SELECT count(*) FROM events").fetchall()[0][0] <= self.index_max:
                    index = PageIndex.build(store)
                    index.order("-date")  # the default order: ready before the first page
        except (StoreUnavailable, duckdb.Error) as exc:
            # a writer came first (its new content gets its own build), or the index
            # cannot be built: pages keep going to SQL, which answers them all the same
            warnings.warn(f"eventwire serve: no page index for {Path(self.path).name}: {exc}",
                          RuntimeWarning, stacklevel=1)
            return
        with self._cond:
            if self._index_for == stamp == self._stamp:
                self._index = index

    # ------------------------------------------------------------ writing

    @contextmanager
    def write(self) -> Iterator[Store]:
        """A read-write Store once no request is reading; StoreUnavailable if another
        process is writing the store."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._writing = True
            while self._readers:
                self._cond.wait()
            self._close_base()
        try:
            try:
                store = Store(self.path)
            except StoreError as exc:
                raise self._unavailable(exc) from exc
            with store:
                yield store
        finally:
            with self._cond:
                self.memo = {}
                self._stamp = None
                self._index, self._index_for = None, None
                self._writing = False
                self._cond.notify_all()

    # ------------------------------------------------------------ life cycle

    @property
    def is_open(self) -> bool:
        return self._base is not None

    def close(self) -> None:
        """Release the file once the reads in flight (a page index build) are done."""
        with self._cond:
            self._cond.wait_for(lambda: not self._readers, timeout=60)
            self._close_base()
            self._cond.notify_all()

    def _unavailable(self, exc: StoreError) -> StoreUnavailable:
        return StoreUnavailable(f"the store {Path(self.path).name} cannot be opened now: "
                                f"{exc} (retry in a few seconds)")

    def _file_stamp(self) -> tuple[int, ...]:
        out: list[int] = []
        for name in (self.path, self.path + ".wal"):
            try:
                st = os.stat(name)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [-1, -1]
        return tuple(out)

    def _open_base(self) -> None:
        try:
            self._base = Store(self.path, read_only=True, wait=self.read_wait)
        except StoreError as exc:
            raise self._unavailable(exc) from exc
        # One thread a query, as many queries at once as there are cores: a page of
        # the newest events stops scanning once its top-N threshold passes the older row
        # groups, which one thread reaching the newest rows first does best, and requests
        # running side by side then keep every core busy without DuckDB's hand-offs.
        assert self._base.con is not None
        self._base.con.execute(f"SET threads = {int(self.query_threads)}")
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self.memo = {}
            self._index, self._index_for = None, None
            self._stamp = stamp
        self.opens += 1
        self._last_use = time.monotonic()
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="eventwire-store-gate",
                                             daemon=True)
            self._watcher.start()

    def _close_base(self) -> None:
        if self._base is not None:
            self._base.close()
            self._base = None

    def _watch(self) -> None:
        """While the connection is open: close it when a writer waits or after idle_s."""
        with self._cond:
            while self._base is not None:
                if self._readers == 0 and (
                        time.monotonic() - self._last_use >= self.idle_s
                        or self.writer_waiting()):
                    self._close_base()
                    return
                self._cond.wait(timeout=self.poll_s)
