"""Scoring the event coder on human-labelled sentences.

Protocol (the one independent evaluations use): each gold sentence is coded
alone with ``eventwire.code``; the most confident emitted event stands for the
sentence. Its ``type`` is compared with the PLOVER gold type (no event = type
None, always wrong) and its ``quad`` with the CAMEO pentaclass gold (no event =
quad 0). Actor and recipient countries are compared with the first gold source
and target codes where the gold has one.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.model import PLOVER_TYPES, Event

# A neutral publication date: the gold sentences carry none, and relative
# dates do not affect type, quad or actors.
DCT = "2000-01-01"

# CAMEO-style country codes in the PLOVER GSR that are not ISO 3166 alpha-3.
GSR_COUNTRY_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UK": "GBR",
                   "SPN": "ESP", "SAF": "ZAF", "ROK": "KOR", "PRK": "PRK", "RUM": "ROU",
                   "TAW": "TWN", "INS": "IDN", "POR": "PRT", "SWZ": "CHE"}


def _top(events: list[Event]) -> Event | None:
    """The most confident event; ties go to the earliest (stable, deterministic)."""
    best: Event | None = None
    for e in events:
        if best is None or e.confidence > best.confidence:
            best = e
    return best


def macro_f1(gold: list[Any], pred: list[Any], labels: Iterable[Any]) -> float:
    """Unweighted mean of per-label F1 over the given label set."""
    scores = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        denom = 2 * tp + fp + fn
        scores.append(2 * tp / denom if denom else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


@dataclass(slots=True)
class GsrRecord:
    text: str
    type: str
    source: str | None
    target: str | None


def read_gsr(path: Path) -> Iterator[GsrRecord]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)

            def first_code(parts: list[dict[str, Any]]) -> str | None:
                for p in parts or []:
                    code = (p.get("code") or "").strip().upper()
                    if code:
                        return GSR_COUNTRY_FIX.get(code, code)
                return None

            yield GsrRecord(rec["text"], rec["event"], first_code(rec.get("source")),
                            first_code(rec.get("target")))


def read_quad(path: Path) -> Iterator[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)  # header
        for row in reader:
            if len(row) >= 2 and row[1].strip().isdigit():
                yield row[0], int(row[1])


def _igo_codes() -> frozenset[str]:
    from eventwire.actors.kb import load

    return frozenset(e.country for e in load().entities.values() if e.kind == "igo")


def _country(actor: Any, igos: frozenset[str]) -> str | None:
    """Our country code, with every IGO folded to the GSR's generic "IGO"."""
    if actor is None:
        return None
    return "IGO" if actor.country in igos else actor.country


def score_gsr(path: Path, limit: int | None = None) -> dict[str, float | int]:
    import eventwire

    gold_t: list[str] = []
    pred_t: list[str | None] = []
    src_ok = src_n = tgt_ok = tgt_n = 0
    confusion: Counter[tuple[str, str | None]] = Counter()
    igos = _igo_codes()
    for i, rec in enumerate(read_gsr(path)):
        if limit is not None and i >= limit:
            break
        top = _top(eventwire.code(rec.text, DCT))
        gold_t.append(rec.type)
        pred_t.append(top.type if top else None)
        confusion[(rec.type, top.type if top else None)] += 1
        if rec.source:
            src_n += 1
            src_ok += int(top is not None and _country(top.actor, igos) == rec.source)
        if rec.target:
            tgt_n += 1
            tgt_ok += int(top is not None and _country(top.recipient, igos) == rec.target)
    n = len(gold_t)
    return {
        "gsr_sentences": n,
        "gsr_with_event": sum(1 for p in pred_t if p is not None),
        "type_accuracy": sum(g == p for g, p in zip(gold_t, pred_t, strict=True)) / n if n else 0.0,
        "type_macro_f1": macro_f1(gold_t, pred_t, PLOVER_TYPES),
        "actor_country_accuracy": src_ok / src_n if src_n else 0.0,
        "recipient_country_accuracy": tgt_ok / tgt_n if tgt_n else 0.0,
    }


def score_quad(path: Path, limit: int | None = None) -> dict[str, float | int]:
    import eventwire

    gold: list[int] = []
    pred: list[int] = []
    for i, (text, label) in enumerate(read_quad(path)):
        if limit is not None and i >= limit:
            break
        top = _top(eventwire.code(text, DCT))
        gold.append(label)
        pred.append(top.quad if top else 0)
    n = len(gold)
    return {
        "quad_sentences": n,
        "quad_accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / n if n else 0.0,
        "quad_macro_f1": macro_f1(gold, pred, range(5)),
    }


def run_eval(gsr: Path, quad: Path, limit: int | None = None) -> dict[str, float | int]:
    """Type, actor and quad figures (the CLI's `eventwire eval events`)."""
    out: dict[str, float | int] = {}
    out.update(score_gsr(gsr, limit))
    out.update(score_quad(quad, limit))
    return out
