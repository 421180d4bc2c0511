"""Ingest on a 2-worker Dask LocalCluster equals the single-process ingest row for row."""

from __future__ import annotations

import itertools

import pytest

from eventwire import pipeline
from eventwire.ingest import read
from eventwire.store import Store

pytest.importorskip("distributed")

ROWS = ("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
        "SELECT * FROM events ORDER BY id")


def test_two_workers_equal_one_process(tmp_path, shared):
    from eventwire.scale.dask import ingest

    corpus = shared / "data" / "corpus" / "te3_silver.jsonl.gz"
    articles = list(itertools.islice(read([corpus]), 24))
    with Store(tmp_path / "one.duckdb") as one:
        one.write((c.article, c.events) for c in pipeline.run(articles))
        expected = [one.con.execute(q).fetchall() for q in ROWS]
    with Store(tmp_path / "dask.duckdb") as many:
        loads: list[int] = []
        totals = ingest(iter(articles), many, workers=2, partition_size=5, load_every=10,
                        on_shard=lambda coded, events, errors: loads.append(coded))
        assert totals["coded"] == 24 and totals["failed"] == 0
        # shards of 5 are loaded two or more at a time (>= 10 articles), the rest at the end
        assert loads[-1] == 24 and len(loads) <= 3 and all(n >= 10 for n in loads)
        assert 0 < totals["worker_peak_rss_mb"] < 4096  # the worker's own, not its parent's
        assert [many.con.execute(q).fetchall() for q in ROWS] == expected
        again = ingest(iter(articles), many, workers=2, partition_size=5)
        assert again["skipped"] == 24 and again["articles_added"] == 0
        assert [many.con.execute(q).fetchall() for q in ROWS] == expected
