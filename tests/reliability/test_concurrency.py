"""Two ingests into one store, and readers during an ingest, as separate real processes.

DuckDB lets one process write a file and locks every other process out while it has
it open. eventwire keeps the file open only per checkpoint and holds its own writer
lock for the run: a second ingest fails naming the first (or waits with --wait), and
readers get answers throughout, at worst after a short wait.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from eventwire.store import Store
from eventwire.store.db import StoreBusy, Writer


def test_second_ingest_fails_naming_the_first_or_waits(ew, corpus, clean, tmp_path):
    db = tmp_path / "two.duckdb"
    go = tmp_path / "go"
    first = ew.Proc(ew.ingest_argv(corpus, db),
                    ew.env_with(EVENTWIRE_FAULT="commit:2", EVENTWIRE_FAULT_RESUME=str(go)))
    assert first.wait_for("eventwire-fault")  # held mid-run, writer lock taken

    rc, err = ew.run_ingest(corpus, db)
    assert rc == 2
    assert f"being written by pid {first.p.pid}" in err and "ingest" in err
    assert "--wait" in err

    waiter = ew.Proc(ew.ingest_argv(corpus, db, "--wait", "300"))
    assert waiter.wait_for("waiting up to 300 s")
    assert f"pid {first.p.pid}" in waiter.text
    go.touch()
    assert first.finish() == 0, first.text
    assert waiter.finish() == 0, waiter.text
    assert "0 articles ok, 0 failed, 0 events" in waiter.text
    assert f"{ew.N_ARTICLES} already stored" in waiter.text
    assert ew.rows(db) == clean


def test_readers_keep_answering_during_an_ingest(ew, corpus, clean, tmp_path):
    db = tmp_path / "read.duckdb"
    writer = ew.Proc(ew.ingest_argv(corpus, db))
    lock = db.with_name(db.name + ".lock")
    deadline = time.monotonic() + 120
    while not (db.exists() and lock.exists() and lock.stat().st_size > 0):  # writer started
        assert time.monotonic() < deadline and writer.p.poll() is None, writer.text
        time.sleep(0.05)
    seen: list[int] = []
    slowest = 0.0
    cli_answers = 0
    while writer.p.poll() is None:
        t0 = time.monotonic()
        with Store(db, read_only=True) as store:  # must never raise
            seen.append(store.con.execute("SELECT count(*) FROM articles").fetchone()[0])
            store.con.execute("SELECT count(*) FROM events WHERE type = 'ASSAULT'").fetchone()
        slowest = max(slowest, time.monotonic() - t0)
        if len(seen) % 25 == 0:
            res = subprocess.run([sys.executable, "-m", "eventwire.cli", "events", "--db", str(db),
                                  "--format", "jsonl", "--type", "ASSAULT"],
                                 capture_output=True, text=True, env=ew.env_with(), timeout=120)
            assert res.returncode == 0, res.stderr
            assert all(json.loads(ln)["type"] == "ASSAULT" for ln in res.stdout.splitlines())
            cli_answers += 1
    assert writer.finish() == 0, writer.text
    assert seen == sorted(seen)  # checkpoints only ever add, whole
    assert len(set(seen)) > 3, f"too few distinct states seen: {sorted(set(seen))}"
    assert cli_answers >= 1
    print(f"{len(seen)} reads, {cli_answers} CLI queries during the ingest; "
          f"slowest open+query {slowest * 1000:.0f} ms")
    assert ew.rows(db) == clean


def test_a_writer_store_names_the_ingest_holding_the_lock(tmp_path):
    db = tmp_path / "s.duckdb"
    with Writer(db) as w:
        with pytest.raises(StoreBusy, match=r"being written by pid \d+"):
            Store(db)
        assert w.counts() == {"articles": 0, "events": 0, "stories": 0}
        with w.session() as s:
            s.con.execute("SELECT 1")
    with Store(db) as s:  # free again once the writer is closed
        assert s.counts()["articles"] == 0
    assert db.with_name("s.duckdb.lock").read_text() == ""
