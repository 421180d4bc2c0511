"""The query and API benchmarks: a resampled store keeps the real events' distribution;
the load generator serves every request."""

from __future__ import annotations

from eventwire.eval.bench import QUERIES, bench_query, synthesize
from eventwire.store import EventFilter, Store, iter_records


def test_synthesize_resamples_real_events(tmp_path, batch):
    real = tmp_path / "real.duckdb"
    with Store(real) as st:
        st.write(batch)
    out = tmp_path / "big.duckdb"
    assert synthesize(real, out, 50) == 50
    with Store(out, read_only=True) as st:
        types = dict(st.con.execute("SELECT type, count(*) FROM events GROUP BY 1").fetchall())
        ids = st.con.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0]
        # every copy of an event keeps its type and actor; 3 real events, 2 of them ASSAULT
        assert ids == 50
        assert set(types) == {"ASSAULT", "SANCTION"}
        assert types["ASSAULT"] > types["SANCTION"]
        recs = list(iter_records(st, EventFilter(actor="RUS", type="ASSAULT")))
        assert recs and all(r["actor"]["code"].startswith("RUS") for r in recs)


def test_bench_query_reports_every_filter(tmp_path, batch):
    db = tmp_path / "s.duckdb"
    with Store(db) as st:
        st.write(batch)
    out = bench_query(db, repeat=3)
    assert out["events"] == 3
    for name in QUERIES:
        assert 0 < out[f"{name} p50_ms"] <= out[f"{name} p95_ms"] <= out["slowest single run_ms"]
    assert out["worst p95_ms"] == max(out[f"{name} p95_ms"] for name in QUERIES)


def test_bench_api_serves_every_request(tmp_path, batch):
    """The load generator's own HTTP/1.1 client against a real `eventwire serve`."""
    from eventwire.eval.bench import API_QUERIES, bench_api

    db = tmp_path / "s.duckdb"
    with Store(db) as st:
        st.write(batch)
    out = bench_api(db, requests=3 * len(API_QUERIES), clients=4, think_ms=5.0)
    assert out["events"] == 3 and out["errors"] == 0
    assert 0 < out["p50_ms"] <= out["p95_ms"] <= out["max_ms"]
    # a kept-alive connection idle past uvicorn's 5 s would be reopened, not an error;
    # here every query answered, and the first round's totals were read from the bodies
    assert out["requests_per_s"] > 0 and out["matching_events_per_query_min"] >= 0
