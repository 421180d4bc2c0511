"""A bounded sustained load on `eventwire serve`, watching the server's memory.

    python scripts/load_api.py --db news.duckdb --requests 20000 --seconds 120

Starts `eventwire serve --db DB` on 127.0.0.1 (a free port unless --port), waits for
/health, then runs --clients threads, each with one keep-alive connection, sending a
mix of GET requests (events pages and filters, single events, actors, timeline,
network, places, health) until --requests have been sent or --seconds have passed,
whichever comes first. The server's RSS is sampled every --sample-s seconds.

Prints requests, errors (any status but 200, or a failed connection), requests/s,
latency p50/p95/max, and RSS at the start, middle and end of the load; exits 1 if any
request failed or RSS grew by more than --max-growth-mb between the first and last
quarter of the run (flat memory). Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

PATHS = [
    "/health",
    "/events?limit=20",
    "/events?limit=50&sort=-intensity",
    "/events?type=ASSAULT&limit=20",
    "/events?quad=4&limit=20",
    "/events?actor=RUS&limit=20",
    "/events?since=2022-01-01&until=2023-12-31&limit=20",
    "/events?story=true&limit=20",
    "/actors?limit=20",
    "/timeline?interval=week&by=quad",
    "/network?limit=50",
    "/places?limit=200",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process (Linux /proc; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": "application/json"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def wait_ready(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"eventwire serve exited with {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            if get(conn, "/health")[0] == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"eventwire serve did not answer /health within {timeout:g} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="an existing store")
    ap.add_argument("--port", type=int, default=0, help="0: any free port")
    ap.add_argument("--requests", type=int, default=20_000, help="stop after this many")
    ap.add_argument("--seconds", type=float, default=120.0, help="or after this long")
    ap.add_argument("--clients", type=int, default=4, help="concurrent keep-alive clients")
    ap.add_argument("--sample-s", type=float, default=0.5, help="RSS sampling interval")
    ap.add_argument("--max-growth-mb", type=float, default=50.0,
                    help="fail if RSS grows more than this from the first to the last quarter")
    ap.add_argument("--ingest", type=Path, action="append", default=[],
                    help="also run `eventwire ingest FILE --db DB` during the load (readers "
                         "must keep answering while it writes)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        raise SystemExit(f"no store at {args.db}: run `eventwire ingest FILE --db {args.db}`")
    port = args.port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"})
    writer: subprocess.Popen | None = None
    try:
        wait_ready(port, server, timeout=120)
        if args.ingest:
            writer = subprocess.Popen(
                [sys.executable, "-m", "eventwire.cli", "ingest", *map(str, args.ingest),
                 "--db", str(args.db), "--commit-every", "16"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        rc = _load(args, port, server.pid)
        if writer is not None:
            _, err = writer.communicate(timeout=3600)
            summary = [ln for ln in err.splitlines() if "articles ok" in ln or "store " in ln]
            print(f"ingest during the load: exit {writer.returncode}; " + "; ".join(summary))
            rc = rc or int(writer.returncode not in (0, 1))
        return rc
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
            writer.wait()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _load(args: argparse.Namespace, port: int, pid: int) -> int:
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, body = get(warm, "/events?limit=200")
    ids = [e["id"] for e in json.loads(body).get("events", [])] if status == 200 else []
    warm.close()
    paths = PATHS + [f"/events/{i}" for i in ids[:50]]

    lock = threading.Lock()
    sent = 0
    statuses: Counter[str] = Counter()
    latencies: list[float] = []
    samples: list[tuple[float, float]] = []
    started = time.monotonic()
    stop = threading.Event()

    def more() -> bool:
        nonlocal sent
        with lock:
            if sent >= args.requests or time.monotonic() - started >= args.seconds:
                stop.set()
                return False
            sent += 1
            return True

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while more():
            path = rnd.choice(paths)
            t0 = time.perf_counter()
            try:
                status, _ = get(conn, path)
                key = str(status)
            except (OSError, http.client.HTTPException) as exc:
                key = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            dt = time.perf_counter() - t0
            with lock:
                statuses[key] += 1
                latencies.append(dt)
        conn.close()

    def sampler() -> None:
        while not stop.is_set():
            mb = rss_mb(pid)
            if mb is not None:
                samples.append((time.monotonic() - started, mb))
            stop.wait(args.sample_s)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    watch = threading.Thread(target=sampler, daemon=True)
    watch.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watch.join(timeout=5)
    elapsed = time.monotonic() - started

    total = sum(statuses.values())
    errors = total - statuses.get("200", 0)
    lat = sorted(latencies)
    q = max(len(samples) // 4, 1)
    first = statistics.mean(mb for _, mb in samples[:q]) if samples else float("nan")
    last = statistics.mean(mb for _, mb in samples[-q:]) if samples else float("nan")
    mid = samples[len(samples) // 2][1] if samples else float("nan")
    figures = {
        "requests": total, "errors": errors, "statuses": dict(statuses),
        "seconds": round(elapsed, 1), "rps": round(total / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(lat[len(lat) // 2] * 1000, 1) if lat else None,
        "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "rss_start_mb": round(samples[0][1], 1) if samples else None,
        "rss_mid_mb": round(mid, 1), "rss_end_mb": round(samples[-1][1], 1) if samples else None,
        "rss_max_mb": round(max(mb for _, mb in samples), 1) if samples else None,
        "rss_growth_mb": round(last - first, 1), "rss_samples": len(samples),
    }
    print(f"{total} requests in {elapsed:.1f} s ({figures['rps']}/s) with {args.clients} clients: "
          f"{errors} errors {dict(statuses)}")
    print(f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
          f"max {figures['max_ms']} ms")
    print(f"server RSS: start {figures['rss_start_mb']} MB, middle {figures['rss_mid_mb']} MB, "
          f"end {figures['rss_end_mb']} MB (max {figures['rss_max_mb']} MB; first-to-last-"
          f"quarter growth {figures['rss_growth_mb']} MB over {len(samples)} samples)")
    if args.json:
        print(json.dumps(figures))
    flat = not samples or figures["rss_growth_mb"] <= args.max_growth_mb
    return 0 if errors == 0 and flat else 1


if __name__ == "__main__":
    sys.exit(main())
