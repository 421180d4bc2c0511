"""Ingest on a Dask cluster: articles coded on the workers, Parquet shards loaded into DuckDB.

The client streams the input, skips articles already stored, and submits
partitions with a bounded number in flight, so neither it nor any worker ever
holds the corpus. Each worker loads the spaCy model once (``eventwire.nlp.load``
is cached per process) and writes its partition as two Parquet shards (articles,
events) in the store's own column layout; the client inserts each finished
shard in one transaction with the same INSERT OR IGNORE as a local ingest, so
the result is the same row for row, and re-running adds nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import Article
from eventwire.pipeline import batches

# A local cluster runs without a dashboard, so nothing reads the workers' statistical
# profiles or frequent system samples; on 2 cores their sampling threads took CPU from the
# coding (steady throughput of 2 workers on 320 te3_silver articles: 9.96 -> 11.41
# articles/s). Work stealing only moves equal-sized partitions between two workers.
#
# Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536 so that glibc hands freed memory
# back at once; spaCy frees and re-allocates large arrays for every batch, so a worker then
# page-faults them in again and again (150 te3_silver articles on one process: 130,727
# minor page faults and 0.7 s system time by default, 633,513 and 2.5 s with that setting,
# ~10 % of the coding time). The one-thread settings for numeric libraries are kept.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.profile.enabled": False,
    # the event loops' 20 ms health tick wakes every process 50 times a second to take the
    # GIL from the coding thread; a slower tick only makes blocked-loop warnings coarser
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.scheduler.work-stealing": False,
}


@dataclass(slots=True)
class ShardResult:
    articles_path: str
    events_path: str
    coded: int
    failed: list[str]
    cpu_s: float = 0.0  # the worker's CPU time on this partition


def code_partition(articles: list[Article], out_dir: str, name: str,
                   keep_negated: bool = False) -> ShardResult:
    """Worker side: code one partition and write its two Parquet shards."""
    import time

    import pyarrow.parquet as pq

    from eventwire import pipeline
    from eventwire.store.db import to_tables

    cpu0 = time.process_time()
    done, failed = [], []
    for c in pipeline.run(articles, keep_negated=keep_negated):
        if c.error:
            failed.append(c.error)
        else:
            done.append((c.article, c.events))
    arts, evs = to_tables(done)
    base = Path(out_dir)
    a_path, e_path = base / f"{name}.articles.parquet", base / f"{name}.events.parquet"
    pq.write_table(arts, a_path)
    pq.write_table(evs, e_path)
    return ShardResult(str(a_path), str(e_path), len(done), failed, time.process_time() - cpu0)


_SHARD_PREFIX = "eventwire-shards-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep_stale_shards(base: str | None = None) -> int:
    """Remove shard folders a killed ingest left behind (its pid is gone); returns how many.

    A SIGKILLed client cannot clean up after itself; the folder name carries its pid so
    the next run can tell a dead run's leftovers from a live run's shards.
    """
    removed = 0
    for folder in Path(base or tempfile.gettempdir()).glob(f"{_SHARD_PREFIX}*"):
        pid = folder.name[len(_SHARD_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux's ru_maxrss survives exec, so a
    spawned worker would report its parent's peak (a client that had loaded the model
    reads as a worker of that size); /proc's VmHWM belongs to the worker's own memory."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> tuple[float, float, int]:
    """(user, system) CPU seconds and minor page faults of this process so far."""
    import resource

    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime, use.ru_stime, use.ru_minflt


def ingest(
    articles: Iterable[Article],
    store,  # eventwire.store.Store; untyped to keep dask-free imports light
    workers: int | None = 2,
    scheduler: str | None = None,
    partition_size: int = 32,  # small: keeps both workers busy to the end of the input
    load_every: int = 64,
    keep_negated: bool = False,
    shard_dir: str | None = None,
    on_shard: Callable[[int, int, list[str]], None] | None = None,
) -> dict[str, int]:
    """Code articles on a Dask cluster and load the shards into ``store``.

    ``scheduler`` ("tcp://host:8786") uses an existing cluster; otherwise a
    LocalCluster of ``workers`` single-threaded processes is started. With a
    remote cluster, ``shard_dir`` must be a folder the workers and this client
    share (a network file system); by default a local temporary folder is used.

    Finished shards are loaded into the store together once they hold ``load_every``
    articles (one transaction, like a local ingest's checkpoint): each load costs the
    client a DuckDB transaction whatever its size, and the client shares the machine
    with the workers. Shards not yet loaded are only on disk; a killed run loses them and
    its rerun codes those articles again, never storing anything twice.
    """
    from distributed import Client, LocalCluster, as_completed

    started: dict[str, object] = {}

    def client() -> Client:
        """The cluster starts on the first partition that needs coding, not before."""
        if "client" not in started:
            if scheduler:
                started["client"] = Client(scheduler)
            else:
                import dask

                with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the workers inherit it
                    started["cluster"] = LocalCluster(
                        n_workers=workers or 2, threads_per_worker=1, processes=True,
                        dashboard_address=None)
                started["client"] = Client(started["cluster"])
        return started["client"]  # type: ignore[return-value]

    if shard_dir is None:
        sweep_stale_shards()
    tmp = shard_dir or tempfile.mkdtemp(prefix=f"{_SHARD_PREFIX}{os.getpid()}-")
    totals = {"coded": 0, "failed": 0, "skipped": 0, "articles_added": 0, "events_added": 0}
    max_in_flight = 2 * (workers or 2)
    try:
        pending = None  # as_completed needs a client: made with the first submission
        in_flight = 0

        waiting: list[ShardResult] = []

        def load() -> None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if not waiting:
                return
            arts = pa.concat_tables([pq.read_table(r.articles_path) for r in waiting])
            evs = pa.concat_tables([pq.read_table(r.events_path) for r in waiting])
            added_a, added_e = store.insert_tables(arts, evs)
            for res in waiting:
                Path(res.articles_path).unlink(missing_ok=True)
                Path(res.events_path).unlink(missing_ok=True)
                totals["coded"] += res.coded
                totals["failed"] += len(res.failed)
            totals["articles_added"] += added_a
            totals["events_added"] += added_e
            if on_shard:
                on_shard(totals["coded"], totals["events_added"],
                         [e for res in waiting for e in res.failed])
            waiting.clear()

        def collect(fut) -> None:
            try:
                res: ShardResult = fut.result()
            except BaseException:
                load()  # what is done is stored before the error stops the run
                raise
            totals["task_cpu_s"] = totals.get("task_cpu_s", 0) + res.cpu_s
            waiting.append(res)
            if sum(r.coded + len(r.failed) for r in waiting) >= load_every:
                load()

        for i, part in enumerate(batches(articles, partition_size)):
            todo, skipped = store.unseen(part)
            totals["skipped"] += skipped
            if not todo:
                continue
            fut = client().submit(code_partition, todo, tmp, f"part{i:06d}", keep_negated,
                                  pure=False)
            if pending is None:
                pending = as_completed([fut])
            else:
                pending.add(fut)
            in_flight += 1
            while in_flight >= max_in_flight:
                collect(next(pending))
                in_flight -= 1
        for fut in pending or ():
            collect(fut)
        load()
        if "client" in started:
            rss = started["client"].run(_peak_rss_mb)  # type: ignore[attr-defined]
            totals["worker_peak_rss_mb"] = round(max(rss.values(), default=0.0))
            cpu = started["client"].run(_cpu_s)  # type: ignore[attr-defined]
            totals["worker_cpu_s"] = round(sum(u + s for u, s, _ in cpu.values()), 1)
            totals["worker_system_s"] = round(sum(s for _, s, _ in cpu.values()), 1)
            totals["worker_minor_faults"] = sum(f for _, _, f in cpu.values())
        totals["task_cpu_s"] = round(totals.get("task_cpu_s", 0), 1)
    finally:
        for key in ("client", "cluster"):
            if key in started:
                started[key].close()  # type: ignore[attr-defined]
        if shard_dir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return totals
