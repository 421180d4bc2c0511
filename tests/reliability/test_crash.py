"""SIGKILL a real `eventwire ingest` at chosen moments, resume it, and compare row for row.

One store is killed again and again, each re-run resuming where the last checkpoint left
off: inside a write transaction, after a commit but before DuckDB folded its WAL into
the file, while it is folding it, and during the dedupe pass. The final store must equal
an uninterrupted run's (articles, events and story links, every column but the ingest
timestamp): nothing lost, nothing twice. The Dask path is killed the same way, its whole
process group at once (client, scheduler, workers).
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def _stored_ids(ew, db: Path) -> int:
    return len(ew.rows(db)["articles"])


def _kill_at(ew, corpus: Path, db: Path, point: str, *extra: str) -> str:
    """Run an ingest with the fault hook armed at ``point``; SIGKILL it there."""
    proc = ew.Proc(ew.ingest_argv(corpus, db, *extra), ew.env_with(EVENTWIRE_FAULT=point))
    assert proc.wait_for("eventwire-fault"), f"never reached {point}: {proc.text}"
    proc.killpg()
    assert proc.p.returncode == -9
    return proc.text


def _kill_when_wal_appears(ew, corpus: Path, db: Path, nth: int) -> bool:
    """SIGKILL the moment the n-th WAL file is seen: inside a commit or its checkpoint."""
    wal = Path(f"{db}.wal")
    proc = ew.Proc(ew.ingest_argv(corpus, db))
    seen, present = 0, False
    deadline = time.monotonic() + 180
    while proc.p.poll() is None and time.monotonic() < deadline:
        now = wal.exists()
        if now and not present:
            seen += 1
            if seen == nth:
                proc.killpg()
                return True
        present = now
        time.sleep(0.0005)
    proc.killpg() if proc.p.poll() is None else proc.finish()
    return False


def test_killed_anywhere_then_resumed_equals_a_clean_run(ew, corpus, clean, tmp_path):
    db = tmp_path / "crash.duckdb"
    n = ew.N_ARTICLES

    # 1. early: inside the very first write transaction, nothing committed yet
    _kill_at(ew, corpus, db, "insert:1")
    assert _stored_ids(ew, db) == 0

    # 2. after the 4th commit of the next run, before DuckDB checkpointed it: the rows
    #    live only in the WAL, which the next open must replay
    _kill_at(ew, corpus, db, "commit:4")
    assert Path(f"{db}.wal").exists()
    after_commit = _stored_ids(ew, db)
    assert after_commit == 4 * 8

    # 3. mid-run, inside a transaction: the half-written checkpoint must vanish whole
    _kill_at(ew, corpus, db, "insert:6")
    mid = _stored_ids(ew, db)
    assert mid == after_commit + 5 * 8

    # 4. no hook: killed the moment a WAL file appears (a commit or its checkpoint running)
    assert _kill_when_wal_appears(ew, corpus, db, nth=3), "the WAL never appeared"
    late = _stored_ids(ew, db)
    assert mid + 8 <= late <= mid + 3 * 8

    # 5. every article stored, killed in the dedupe pass: the story table must be redone
    _kill_at(ew, corpus, db, "dedupe:1")
    assert _stored_ids(ew, db) == n

    rc, err = ew.run_ingest(corpus, db)
    assert rc == 0, err
    assert f"{n} already stored" in err
    final = ew.rows(db)
    for table in ("articles", "events", "event_story"):
        assert final[table] == clean[table], f"{table} differs from a clean run"
    ids = [r[0] for r in final["events"]]
    assert len(ids) == len(set(ids))

    # and a further re-run changes nothing
    rc, err = ew.run_ingest(corpus, db)
    assert rc == 0 and "0 articles ok, 0 failed" in err and f"{n} already stored" in err
    assert ew.rows(db) == final


def test_dask_ingest_killed_mid_run_then_resumed(ew, corpus, clean, tmp_path):
    n = 64  # the first 64 articles: a Dask cluster is slow to start, twice
    head = tmp_path / "head.jsonl"
    head.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(True)[:n]),
                    encoding="utf-8")
    db = tmp_path / "dask.duckdb"
    shards = tmp_path / "tmp"
    shards.mkdir()
    env = {"TMPDIR": str(shards)}
    proc = ew.Proc(ew.ingest_argv(head, db, "--workers", "2"),
                   ew.env_with(EVENTWIRE_FAULT="commit:3", **env))
    assert proc.wait_for("eventwire-fault"), proc.text
    pgid = proc.p.pid
    proc.killpg()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the workers die with the group
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("Dask processes outlived the SIGKILL of their group")
    partial = len(ew.rows(db)["articles"])
    assert partial == 3 * 8  # three shards committed, the rest lost with the workers
    left = [p for p in shards.iterdir() if p.name.startswith("eventwire-shards-")]
    assert left, "the killed run should have left its shard folder behind"

    rc, err = ew.run_ingest(head, db, "--workers", "2", **env)
    assert rc == 0, err
    assert f"{partial} already stored" in err
    final = ew.rows(db)
    ids = {r[0] for r in final["articles"]}
    assert len(ids) == n
    def no_origin(row: tuple) -> tuple:  # the origin names the file: head.jsonl here
        return row[:5] + row[6:]

    assert [no_origin(r) for r in final["articles"]] == [
        no_origin(r) for r in clean["articles"] if r[0] in ids]
    assert final["events"] == [r for r in clean["events"] if r[1] in ids]
    assert sorted(r[0] for r in final["event_story"]) == [r[0] for r in final["events"]]
    assert not [p for p in shards.iterdir() if p.name.startswith("eventwire-shards-")]
