"""Regression guards on slices of the event evaluation sets (thresholds a little below the
figures measured when they were set; the full figures come from `eventwire eval events`)."""

from __future__ import annotations

import eventwire
from eventwire.eval.events import DCT, _top, fold_of, macro_f1, read_quad, score_gsr

SLICE = 60


def test_gsr_slice(shared):
    got = score_gsr(shared / "eval" / "events" / "plover_gsr_dev.jsonl", limit=SLICE)
    # measured after the role, lexicon and gate rows of the eighth session (model card):
    # accuracy 0.87, actor country 0.88, recipient country 0.91, 59 of 60 with an event
    assert got["type_accuracy"] >= 0.82
    assert got["actor_country_accuracy"] >= 0.84
    assert got["recipient_country_accuracy"] >= 0.86
    assert got["gsr_with_event"] >= 56


def test_quad_slice_out_of_sample(shared):
    """One fold held out (as in the k-fold of the full evaluation), its first 60 sentences."""
    from eventwire.events import classifier, train

    rows = list(read_quad(shared / "eval" / "events" / "conflibert_quad_train.tsv"))
    fold = fold_of([q for _, q in rows], 5)
    model = train.fit_quad([r for r, f in zip(rows, fold, strict=True) if f != 0])
    held = [r for r, f in zip(rows, fold, strict=True) if f == 0][:SLICE]
    with classifier.override(quad=model):
        pred = [(_top(eventwire.code(t, DCT)) or None) for t, _ in held]
    got = [e.quad if e else 0 for e in pred]
    gold = [q for _, q in held]
    assert macro_f1(gold, got, range(5)) >= 0.90  # measured 0.97 (the gate saw these)
