"""Scoring the event coder on human-labelled sentences.

Protocol (the one independent evaluations use): each gold sentence is coded
alone with ``eventwire.code``; the most confident emitted event stands for the
sentence. Its ``type`` is compared with the PLOVER gold type (no event = type
None, always wrong) and its ``quad`` with the CAMEO pentaclass gold (no event =
quad 0). Actor and recipient countries are compared with the first gold source
and target codes where the gold has one.

The quad sentences are also the training data of the shipped quad classifier, so
they are scored by k-fold (``folds``, default 5): each fold is coded with a quad
model trained, by the shipping recipe (``eventwire.events.train``), on the other
folds only. This needs scikit-learn (the ``dev`` extra); ``folds=0`` scores the
shipped model instead (in-sample, optimistic). The GSR is never trained on.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
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
    igos = _igo_codes()
    for i, rec in enumerate(read_gsr(path)):
        if limit is not None and i >= limit:
            break
        top = _top(eventwire.code(rec.text, DCT))
        gold_t.append(rec.type)
        pred_t.append(top.type if top else None)
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


def fold_of(labels: list[int], folds: int) -> list[int]:
    """Stratified, deterministic fold numbers: the i-th sentence of each label (in file
    order) goes to fold i mod ``folds``."""
    seen: Counter[int] = Counter()
    out = []
    for lab in labels:
        out.append(seen[lab] % folds)
        seen[lab] += 1
    return out


def score_quad(path: Path, limit: int | None = None, folds: int = 5,
               negatives: Path | None = None) -> dict[str, float | int]:
    import eventwire
    from eventwire.events import classifier

    rows = list(read_quad(path))
    fold = fold_of([lab for _, lab in rows], folds) if folds else [0] * len(rows)
    todo = [i for i in range(len(rows))][: limit if limit is not None else len(rows)]
    pred: dict[int, int] = {}
    gate_parts: tuple[list[str], list[str]] | None = None
    if folds and negatives is not None:
        from eventwire.events import train

        ngec = [t for t, _ in train.read_ngec(path.parent / "ngec_synthetic_plover.csv")]
        gate_parts = (ngec, train.read_negatives(negatives))
    for k in sorted({fold[i] for i in todo}):
        held = [i for i in todo if fold[i] == k]
        if folds:
            from eventwire.events import train

            kept = [r for i, r in enumerate(rows) if fold[i] != k]
            models = {"quad": train.fit_quad(kept)}
            if gate_parts is not None:  # the gate too, without the held-out fold's sentences
                models["gate"] = train.fit_gate([t for t, _ in kept] + gate_parts[0], gate_parts[1])
            ctx = classifier.override(**models)
        else:
            ctx = nullcontext()
        with ctx:
            for i in held:
                top = _top(eventwire.code(rows[i][0], DCT))
                pred[i] = top.quad if top else 0
    gold = [rows[i][1] for i in todo]
    got = [pred[i] for i in todo]
    n = len(gold)
    return {
        "quad_sentences": n,
        "quad_folds": folds,
        "quad_accuracy": sum(g == p for g, p in zip(gold, got, strict=True)) / n if n else 0.0,
        "quad_macro_f1": macro_f1(gold, got, range(5)),
    }


def run_eval(gsr: Path, quad: Path, limit: int | None = None, folds: int = 5,
             negatives: Path | None = None) -> dict[str, float | int]:
    """Type, actor and quad figures (the CLI's `eventwire eval events`); quad by k-fold,
    the quad model and the event gate (trained against ``negatives``) refit per fold."""
    out: dict[str, float | int] = {}
    out.update(score_gsr(gsr, limit))
    out.update(score_quad(quad, limit, folds, negatives))
    return out
