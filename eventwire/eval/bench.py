"""Speed and memory benchmarks: numbers printed, never asserted in tests."""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(slots=True)
class BenchResult:
    name: str
    articles: int
    failed: int
    events: int
    seconds: float
    peak_rss_mb: float
    spacy_seconds: float | None = None  # bare nlp.pipe over the same texts, same run

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def events_per_article(self) -> float:
        return self.events / self.articles if self.articles else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        d = asdict(self)
        d["articles_per_s"] = round(self.articles_per_s, 2)
        d["events_per_article"] = round(self.events_per_article, 3)
        if self.spacy_seconds:
            d["bare_spacy_articles_per_s"] = round(self.articles / self.spacy_seconds, 2)
            d["pipeline_vs_bare_spacy"] = round(self.spacy_seconds / self.seconds, 3)
        return d


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_pipeline(
    paths: Iterable[str],
    limit: int | None = None,
    store: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    compare_spacy: bool = True,
) -> BenchResult:
    """Read, code and (by default) store a corpus into a scratch DuckDB file.

    The spaCy model is loaded before the clock starts: the figure is the
    steady-state throughput a long ingest sees. With ``compare_spacy`` the same
    texts are first run through bare ``nlp.pipe`` (same batch size), so the
    ratio says what our stages cost on top of the parse.
    """
    from eventwire import nlp, pipeline
    from eventwire.ingest import ReadError, read
    from eventwire.store import Store

    nlp.load()
    failed = 0

    def articles():
        nonlocal failed
        n = 0
        for rec in read(list(paths)):
            if isinstance(rec, ReadError):
                failed += 1
                continue
            if limit is not None and n >= limit:
                return
            n += 1
            yield rec

    spacy_seconds = None
    if compare_spacy:
        t0 = time.perf_counter()
        for _ in nlp.pipe((a.text, None) for a in articles()):
            pass
        spacy_seconds = time.perf_counter() - t0
        failed = 0
    n_articles = n_events = 0
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(Path(tmp) / "bench.duckdb") if store else None
        t0 = time.perf_counter()
        chunk = []
        for c in pipeline.run(articles()):
            if c.error:
                failed += 1
                continue
            n_articles += 1
            n_events += len(c.events)
            chunk.append((c.article, c.events))
            if len(chunk) >= 64:
                if st:
                    st.write(chunk)
                chunk = []
                if on_progress:
                    on_progress(n_articles, n_events)
        if st and chunk:
            st.write(chunk)
        seconds = time.perf_counter() - t0
        if st:
            st.close()
    return BenchResult("pipeline+store" if store else "pipeline", n_articles, failed, n_events,
                       seconds, peak_rss_mb(), spacy_seconds)


def bench_scale(paths: Iterable[str], limit: int = 400, workers: int = 2) -> dict[str, float | int]:
    """One process vs a local Dask cluster on the same articles, in one run.

    Both paths include reading, coding and the DuckDB writes; the Dask figure
    includes starting the cluster and loading the model on every worker, which
    is what a user waits for.
    """
    import itertools

    from eventwire import nlp, pipeline
    from eventwire.ingest import ReadError, read
    from eventwire.scale.dask import ingest as dask_ingest
    from eventwire.store import Store

    articles = [a for a in itertools.islice(
        (r for r in read(list(paths)) if not isinstance(r, ReadError)), limit)]
    nlp.load()
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "one.duckdb") as st:
            t0 = time.perf_counter()
            st.write((c.article, c.events) for c in pipeline.run(articles))
            one_s = time.perf_counter() - t0
        with Store(Path(tmp) / "dask.duckdb") as st:
            t0 = time.perf_counter()
            totals = dask_ingest(iter(articles), st, workers=workers, partition_size=16)
            dask_s = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "one_process_articles_per_s": round(len(articles) / one_s, 2),
        f"dask_{workers}_workers_articles_per_s": round(len(articles) / dask_s, 2),
        "speedup": round(one_s / dask_s, 2),
        "client_peak_rss_mb": round(peak_rss_mb()),
        "worker_peak_rss_mb": totals.get("worker_peak_rss_mb", 0),
    }


QUERIES: dict[str, dict[str, object]] = {
    "actor+type": {"actor": "RUS", "type": "ASSAULT", "limit": 100},
    "dyad+since": {"actor": "USA", "recipient": "IRQ", "since": "1998-01-01", "limit": 100},
    "country+quad": {"country": "ISR", "quad": 4, "limit": 100},
    "near 100 km": {"near": (31.77, 35.21), "km": 100.0, "limit": 100},
    "text": {"text": "missile", "limit": 100},
    "date window": {"since": "1998-02-01", "until": "1998-02-07", "limit": 100},
}


def synthesize(source_db: str | Path, out_db: str | Path, n_events: int) -> int:
    """A store of ``n_events`` events resampled from a real store's events.

    Rows are copies of real events with new ids and dates shifted by up to two
    years, so actor, type, place and text distributions are the real ones.
    """
    from eventwire.store import Store

    with Store(out_db) as st:
        st.con.execute(f"ATTACH '{Path(source_db).as_posix()}' AS src (READ_ONLY)")
        real = st.con.execute("SELECT count(*) FROM src.events").fetchone()[0]
        if not real:
            raise ValueError(f"{source_db} holds no events to resample")
        copies = -(-n_events // real)
        st.con.execute(f"""
            INSERT INTO events
            SELECT e.* REPLACE (
                md5(e.id || '-' || r.range::VARCHAR)[:20] AS id,
                e.date_start_day + CAST((hash(e.id || r.range::VARCHAR) % 730) AS INTEGER) AS date_start_day)
            FROM src.events e, range({copies}) r
            LIMIT {n_events}""")
        st.con.execute("DETACH src")
        n = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return n


def bench_query(db: str | Path, repeat: int = 20) -> dict[str, float | int]:
    """p50/p95 latency (ms) of typical filter queries, results fully fetched."""
    from datetime import date

    from eventwire.store import EventFilter, Store, iter_records

    out: dict[str, float | int] = {}
    with Store(db, read_only=True) as st:
        out["events"] = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
        for name, spec in QUERIES.items():
            kw = dict(spec)
            for key in ("since", "until"):
                if key in kw:
                    kw[key] = date.fromisoformat(str(kw[key]))
            flt = EventFilter(**kw)  # type: ignore[arg-type]
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                n = sum(1 for _ in iter_records(st, flt))
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out[f"{name} p50_ms"] = round(times[len(times) // 2], 1)
            out[f"{name} p95_ms"] = round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)
            out[f"{name} rows"] = n
    return out
