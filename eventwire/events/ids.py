"""Stable event ids and a simple, documented confidence score."""

from __future__ import annotations

import hashlib


def event_id(article_id: str, sentence_index: int, plover_type: str, actor_code: str | None,
             recipient_code: str | None, trigger_start: int) -> str:
    """20 hex chars of sha256 over the fields that make an event this event: rerunning the
    same article gives the same ids, so the store can upsert idempotently."""
    key = "|".join([article_id, str(sentence_index), plover_type, actor_code or "-",
                    recipient_code or "-", str(trigger_start)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def confidence(actor: bool, recipient: bool, specific: bool, modality: str) -> float:
    """0.4 base; +0.25 for a coded actor, +0.2 for a coded recipient; +0.1 when the trigger
    rule had constraints that held (e.g. "launch" + drone object); -0.1 for a modality other
    than asserted. Clipped to [0, 1]."""
    score = 0.4 + 0.25 * actor + 0.2 * recipient + 0.1 * specific
    if modality != "asserted":
        score -= 0.1
    return round(max(0.0, min(1.0, score)), 2)
