"""Real `eventwire ingest` processes on a corpus made from the project's samples.

The corpus is the six sample articles re-dated day by day (each date gives a new
article id and new resolved dates), so it needs nothing outside the repository.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
N_ARTICLES = 160
COMMIT_EVERY = "8"
QUERIES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "event_story": "SELECT * FROM event_story ORDER BY event_id",
}


def sample_texts() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8").split("\n", 1)[1].strip())
    return texts


def write_corpus(path: Path, n: int, start: date = date(2023, 1, 1), prefix: str = "art") -> Path:
    texts = sample_texts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            day = start + timedelta(days=i)
            fh.write(json.dumps({"id": f"{prefix}{i:05d}", "date": day.isoformat(),
                                 "text": texts[i % len(texts)]}) + "\n")
    return path


def ingest_argv(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db),
            "--commit-every", COMMIT_EVERY, *extra]


def env_with(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_FAULT"}
    env.update(extra)
    env.setdefault("COLUMNS", "200")
    return env


@dataclass
class Proc:
    """A subprocess in its own process group, its stderr read line by line in a thread."""

    argv: list[str]
    env: dict[str, str] | None = None
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.p = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True, env=self.env or env_with(), start_new_session=True)
        self._q: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.p.stderr is not None
        for line in self.p.stderr:
            self._q.put(line)
        self._q.put(None)

    def wait_for(self, marker: str, timeout: float = 120.0) -> bool:
        """Read stderr until a line holds ``marker`` (True) or the process ends (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._q.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                return False
            self.lines.append(line)
            if marker in line:
                return True
        raise AssertionError(f"no {marker!r} within {timeout} s; stderr so far: {self.text}")

    def killpg(self) -> None:
        """SIGKILL the whole group: the ingest and any Dask scheduler/worker processes."""
        os.killpg(self.p.pid, signal.SIGKILL)
        self.p.wait(timeout=30)

    def finish(self, timeout: float = 300.0) -> int:
        rc = self.p.wait(timeout=timeout)
        while (line := self._q.get(timeout=10)) is not None:
            self.lines.append(line)
        return rc

    @property
    def text(self) -> str:
        return "".join(self.lines)


def run_ingest(corpus: Path, db: Path, *extra: str, **env: str) -> tuple[int, str]:
    res = subprocess.run(ingest_argv(corpus, db, *extra), capture_output=True, text=True,
                         env=env_with(**env), timeout=600)
    return res.returncode, res.stderr


def rows(db: Path) -> dict[str, list[tuple]]:
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        return {name: store.con.execute(q).fetchall() for name, q in QUERIES.items()}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", N_ARTICLES)


@pytest.fixture(scope="session")
def clean(corpus, tmp_path_factory) -> dict[str, list[tuple]]:
    """The rows an uninterrupted ingest of the corpus stores."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    rc, err = run_ingest(corpus, db)
    assert rc == 0, err
    out = rows(db)
    assert len(out["articles"]) == N_ARTICLES and len(out["events"]) > N_ARTICLES
    assert len(out["event_story"]) == len(out["events"])
    return out


@pytest.fixture(scope="session")
def ew():
    """The helpers above, for test modules (importlib mode cannot import conftest)."""
    from types import SimpleNamespace

    return SimpleNamespace(Proc=Proc, run_ingest=run_ingest, rows=rows, env_with=env_with,
                           ingest_argv=ingest_argv, write_corpus=write_corpus,
                           N_ARTICLES=N_ARTICLES)
