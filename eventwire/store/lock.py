"""Advisory file locks beside the store: one writer per run, and writers not starved by readers.

DuckDB lets one process write a file and locks every other process out while it has the
file open, readers included. So a long ingest opens DuckDB only for each checkpoint and
keeps two small locks of its own (``flock``, released by the kernel when a process dies,
so a killed ingest never leaves a stale lock):

- ``STORE.lock`` is held exclusively for a whole writing run; it also records the holder's
  pid, command and start time, so a second writer can say who is in the way.
- ``STORE.gate`` orders opens: a reader holds it shared only while it opens DuckDB, a writer
  holds it exclusively from before it opens until it closes. A checkpoint therefore waits at
  most for the reads already running, never for a stream of new ones.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: DuckDB's own lock is the only guard
    fcntl = None  # type: ignore[assignment]

POLL_S = 0.05


@dataclass(slots=True)
class LockHolder:
    """Who holds a store's writer lock, as it wrote itself into the lock file."""

    pid: int
    command: str
    started: str

    def __str__(self) -> str:
        return f"pid {self.pid} ({self.command}, since {self.started})"


def _flock(fh: IO[bytes], shared: bool, wait: float) -> bool:
    """Take a flock within ``wait`` seconds (polling, so the wait is bounded); True if taken."""
    if fcntl is None:  # pragma: no cover
        return True
    mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(fh.fileno(), mode)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_S)


def _open_lock_file(path: Path) -> IO[bytes] | None:
    """A lock file, created if need be; None if neither is possible (a read-only folder).

    A file object, not a bare descriptor: if its owner is dropped without close(), the
    garbage collector closes it and the lock goes with it.
    """
    try:
        return open(path, "a+b")  # noqa: SIM115 - held for the life of the lock
    except OSError:
        try:
            return open(path, "rb")  # noqa: SIM115
        except OSError:
            return None


class WriterLock:
    """Exclusive right to write a store, held for a whole run (``STORE.lock``)."""

    def __init__(self, store_path: str | os.PathLike[str]) -> None:
        self.store = os.fspath(store_path)
        self.path = Path(f"{self.store}.lock")
        self._fh: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def holder(self) -> LockHolder | None:
        """The process recorded in the lock file (None if unreadable or being written)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(int(data["pid"]), str(data["command"]), str(data["started"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def acquire(self, wait: float = 0.0,
                on_wait: Callable[[LockHolder | None], None] | None = None) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raises ``StoreBusy`` naming the holder.

        ``on_wait`` is called once, with the holder, if the lock is not free at once.
        """
        from eventwire.store.db import StoreBusy, StoreError

        if self._fh is not None:
            return
        fh = _open_lock_file(self.path)
        if fh is None:
            raise StoreError(f"cannot create the lock file {self.path}: the store's folder "
                             "must be writable to ingest into it")
        if not _flock(fh, shared=False, wait=0.0):
            if on_wait is not None and wait > 0:
                on_wait(self.holder())
            if not _flock(fh, shared=False, wait=wait):
                fh.close()
                who = self.holder()
                raise StoreBusy(
                    f"store {self.store} is being written by "
                    f"{who or 'another process'}: wait for it to finish"
                    + (f" (it waited {wait:g} s)" if wait > 0 else
                       " or pass --wait SECONDS to wait for it") + ", or use another --db.")
        record = {"pid": os.getpid(), "command": " ".join(_command()),
                  "started": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        try:
            fh.truncate(0)
            fh.write(json.dumps(record).encode("utf-8"))
            fh.flush()
        except OSError:
            pass  # a read-only lock file still locks; only the holder's name is lost
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        fh, self._fh = self._fh, None
        try:
            fh.truncate(0)  # the file stays: deleting it would let two writers lock two files
        except OSError:
            pass
        finally:
            fh.close()  # closing drops the flock


def _command() -> list[str]:
    argv = [os.path.basename(sys.argv[0]) if sys.argv else "python", *sys.argv[1:]]
    return [a if len(a) < 80 else a[:77] + "..." for a in argv[:8]]


class Gate:
    """``STORE.gate``: readers pass it shared while opening, a writer holds it exclusively."""

    def __init__(self, store_path: str | os.PathLike[str]) -> None:
        self.path = Path(f"{os.fspath(store_path)}.gate")
        self._fh: IO[bytes] | None = None

    def enter(self, shared: bool, wait: float) -> bool:
        """True once passed (or if the gate cannot exist, e.g. a read-only folder)."""
        fh = _open_lock_file(self.path)
        if fh is None:
            return True
        if not _flock(fh, shared=shared, wait=wait):
            fh.close()
            return False
        self._fh = fh
        return True

    def leave(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            fh.close()
