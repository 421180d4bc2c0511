"""A small real store for the API and UI tests, built once per session.

The project's own samples/ plus a few crafted articles go through the real pipeline and
Store (no hand-made events): two reports of one attack (so stories and mentions exist) and
one article whose text carries HTML and script that the UI must show as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

CRAFTED: tuple[tuple[str, str, str], ...] = (
    ("crafted-xss", "2024-05-06",
     f"Russia launched drones at Kyiv on Sunday, Ukrainian officials said. {XSS_SCRIPT} "
     f"A spokesman posted {XSS_IMG} and said Ukraine condemned the attack on Monday."),
    ("crafted-strike-1", "2024-04-10",
     "Russian forces shelled Kharkiv on Tuesday, killing three civilians, the regional "
     "governor said."),
    ("crafted-strike-2", "2024-04-10",
     "Russian troops shelled the city of Kharkiv on Tuesday and three civilians were killed, "
     "Ukraine's interior ministry said."),
)


def build_store(path: Path) -> Path:
    """Code samples/ and the crafted articles into a new store at ``path``; dedupe it."""
    from eventwire import pipeline
    from eventwire.ingest import ReadError, make_article, read
    from eventwire.store import Store
    from eventwire.store.dedup import dedupe

    articles = [a for a in read([str(SAMPLES)]) if not isinstance(a, ReadError)]
    articles += [make_article(text, date.fromisoformat(day), art_id, title=f"Crafted {art_id}",
                              url=f"https://example.org/{art_id}", source="crafted")
                 for art_id, day, text in CRAFTED]
    coded = list(pipeline.run(articles))
    errors = [c.error for c in coded if c.error]
    assert not errors, errors
    with Store(path) as store:
        store.write((c.article, c.events) for c in coded)
        dedupe(store)
    return path


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a DuckDB store holding samples/ and the crafted articles (read-only use)."""
    return build_store(tmp_path_factory.mktemp("api_store") / "events.duckdb")
