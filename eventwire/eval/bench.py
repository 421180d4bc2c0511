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
        return d


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_pipeline(
    paths: Iterable[str],
    limit: int | None = None,
    store: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> BenchResult:
    """Read, code and (by default) store a corpus into a scratch DuckDB file.

    The spaCy model is loaded before the clock starts: the figure is the
    steady-state throughput a long ingest sees.
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
                       seconds, peak_rss_mb())


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
            totals = dask_ingest(iter(articles), st, workers=workers)
            dask_s = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "one_process_articles_per_s": round(len(articles) / one_s, 2),
        f"dask_{workers}_workers_articles_per_s": round(len(articles) / dask_s, 2),
        "speedup": round(one_s / dask_s, 2),
        "client_peak_rss_mb": round(peak_rss_mb()),
        "worker_peak_rss_mb": totals.get("worker_peak_rss_mb", 0),
    }
