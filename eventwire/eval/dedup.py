"""Scoring deduplication on pairs of reports we wrote ourselves.

Each pair is two short articles: rewrites of one real event (same: true) or
hard negatives that share type, actors and day but differ in place, count or
week (same: false). Both are coded and stored, the store is deduplicated, and
a pair counts as merged when any event of one article shares a story with any
event of the other.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.ingest import read_text

PAIRS = "eval/data/dedup_pairs.jsonl"


def load_pairs(path: Path | None = None) -> list[dict[str, Any]]:
    text = (path.read_text(encoding="utf-8") if path else
            resources.files("eventwire").joinpath(PAIRS).read_text(encoding="utf-8"))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run_eval(path: Path | None = None) -> dict[str, float | int]:
    """Pairwise precision and recall of story merging on the labelled pairs."""
    from eventwire import pipeline
    from eventwire.store import Store
    from eventwire.store.dedup import dedupe

    pairs = load_pairs(path)
    articles = []
    for p in pairs:
        for side in ("a", "b"):
            articles.append(read_text(p[side]["text"], p[side]["date"], id=f"{p['id']}-{side}"))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.duckdb") as store:
        store.write((c.article, c.events) for c in pipeline.run(articles))
        dedupe(store)
        rows = store.con.execute(
            "SELECT e.article_id, s.story_id FROM events e JOIN event_story s ON e.id = s.event_id"
        ).fetchall()
    stories: dict[str, set[str]] = {}
    for article_id, story_id in rows:
        stories.setdefault(article_id, set()).add(story_id)
    tp = fp = fn = tn = coded = 0
    for p in pairs:
        a, b = stories.get(f"{p['id']}-a", set()), stories.get(f"{p['id']}-b", set())
        coded += int(bool(a and b))
        merged = bool(a & b)
        if p["same"]:
            tp += merged
            fn += not merged
        else:
            fp += merged
            tn += not merged
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"pairs": len(pairs), "positive_pairs": tp + fn, "pairs_coded_both_sides": coded,
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "false_merges": fp, "missed_merges": fn}


def duplicate_rate(db: Path) -> dict[str, float | int]:
    """Mentions vs stories in a store (deduplicates it first)."""
    from eventwire.store import Store
    from eventwire.store.dedup import dedupe

    with Store(db) as store:
        counts = dedupe(store)
    mentions = counts["mentions"]
    return {**counts, "duplicate_rate": counts["merged"] / mentions if mentions else 0.0}
