"""Measure the web UI's first contentful paint in headless Chromium (prints numbers, asserts none).

The issue's target is a first paint under 1 s on the test store. This starts the real API on
127.0.0.1 over a store (by default one built now from samples/, as the API tests do), opens the
page in Debian's chromium a few times in fresh browser contexts (no cache) and prints, per run,
first-contentful-paint and the time until every view has drawn its data.

Run from the repository root:

    .venv/bin/python scripts/ui_first_paint.py            # builds a store from samples/
    .venv/bin/python scripts/ui_first_paint.py --db events.duckdb --runs 5
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def build_sample_store(path: Path) -> Path:
    """Code samples/ into a new deduplicated store at ``path``."""
    from eventwire import pipeline
    from eventwire.ingest import ReadError, read
    from eventwire.store import Store
    from eventwire.store.dedup import dedupe

    articles = [a for a in read([str(REPO / "samples")]) if not isinstance(a, ReadError)]
    coded = [c for c in pipeline.run(articles) if not c.error]
    with Store(path) as store:
        store.write((c.article, c.events) for c in coded)
        dedupe(store)
    return path


def serve(db: Path):
    """The real app under uvicorn in a thread; returns (server, thread, base URL)."""
    import uvicorn

    from eventwire.api.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the API server did not start on 127.0.0.1")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one from "
                                                "samples/ in a temporary folder)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("chromium is not installed: run 'apt-get install chromium' as root "
                         "(scripts/install_browser.sh)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_sample_store(Path(tmp) / "events.duckdb")
        server, thread, base = serve(db)
        paints, readies = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            for run in range(args.runs):
                context = browser.new_context(viewport={"width": args.width,
                                                        "height": args.height})
                page = context.new_page()
                page.goto(base + "/")
                page.wait_for_selector("body[data-ready='true']", timeout=30_000)
                paint = page.evaluate(
                    "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
                ready = page.evaluate("performance.now()")
                size = page.evaluate("performance.getEntriesByType('resource')"
                                     ".reduce((n, r) => n + r.transferSize, 0)"
                                     " + performance.getEntriesByType('navigation')[0]"
                                     ".transferSize")
                print(f"run {run + 1}: first-contentful-paint {paint:.0f} ms, "
                      f"all views drawn by {ready:.0f} ms, {size / 1024:.0f} KB transferred")
                paints.append(paint)
                readies.append(ready)
                context.close()
            browser.close()
        server.should_exit = True
        thread.join(10)  # let the app close its store before the folder goes
    print(f"first-contentful-paint median {statistics.median(paints):.0f} ms "
          f"(max {max(paints):.0f} ms) over {len(paints)} runs; target < 1000 ms")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
