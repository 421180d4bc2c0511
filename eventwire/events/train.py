"""Training the sentence classifiers of ``eventwire.events.classifier`` (needs scikit-learn).

Shared by ``scripts/train_event_classifier.py`` (the shipped model, all data) and
``eventwire.eval.events`` (k-fold: one model per held-out fold), so the figure the
evaluation prints is the one of the recipe that ships. scikit-learn is imported only
inside the functions: the installed package never needs it at run time.

Never train on ``plover_gsr_dev.jsonl``: it is the type evaluation set.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.events.classifier import ANALYZERS, Block, Model

# Settings of the shipped models (measured by k-fold on the ConfliBERT sentences, see
# eventwire/data/event_classifier.MODEL_CARD.md).
QUAD_C = 20.0
QUAD_CLASS_WEIGHT = "balanced"  # the five classes are uneven (221-337 sentences)
TYPE_C = 10.0
GATE_C = 5.0
GATE_MIN_DF = 2
NEGATIVE_MIN_WORDS = 6  # shorter lines of general news are mostly headlines and datelines
QUAD_MIN_DF = 1
TYPE_MIN_DF = 2
NGEC_SENTENCES = 1
BLOCKS = ("word", "char")  # leading sentences of each synthetic story used as its text

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z])")


def fit_sklearn(texts: Sequence[str], labels: Sequence[str], c: float = 10.0,
                min_df: int = 1, class_weight: str | None = None) -> tuple[list[Any], Any]:
    """The scikit-learn objects: one TfidfVectorizer per block (word 1-2-grams, char
    3-5-grams; our analyzers) and a multinomial LogisticRegression on their concatenation."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vecs = [TfidfVectorizer(analyzer=ANALYZERS[kind], sublinear_tf=True, min_df=min_df)
            for kind in BLOCKS]
    x = hstack([v.fit_transform(texts) for v in vecs]).tocsr()
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    clf.fit(x, list(labels))
    return vecs, clf


def sklearn_proba(vecs: list[Any], clf: Any, texts: Sequence[str]) -> np.ndarray:
    """scikit-learn's own probabilities (the reference of the run-time parity test)."""
    from scipy.sparse import hstack

    return clf.predict_proba(hstack([v.transform(texts) for v in vecs]).tocsr())


def to_model(vecs: list[Any], clf: Any) -> Model:
    """Our run-time model from the fitted scikit-learn objects."""
    blocks = []
    offset = 0
    for kind, v in zip(BLOCKS, vecs, strict=True):
        vocab = {t: int(j) for t, j in v.vocabulary_.items()}
        blocks.append(Block(kind, vocab, np.asarray(v.idf_, dtype=np.float64), offset))
        offset += len(vocab)
    coef = np.asarray(clf.coef_, dtype=np.float32)
    intercept = np.asarray(clf.intercept_, dtype=np.float64)
    if coef.shape[0] == 1:  # binary: scikit-learn keeps one row; softmax needs two
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return Model(tuple(str(lab) for lab in clf.classes_), tuple(blocks), coef, intercept)


def fit(texts: Sequence[str], labels: Sequence[str], c: float = 10.0, min_df: int = 1,
        class_weight: str | None = None) -> Model:
    """TF-IDF blocks + multinomial logistic regression, as a run-time model."""
    return to_model(*fit_sklearn(texts, labels, c, min_df, class_weight))


def fit_quad(rows: Sequence[tuple[str, int]]) -> Model:
    """The quad (0-4) classifier from human-labelled sentences."""
    return fit([t for t, _ in rows], [str(q) for _, q in rows], c=QUAD_C, min_df=QUAD_MIN_DF,
               class_weight=QUAD_CLASS_WEIGHT)


def read_negatives(path: Path, every: int = 2) -> list[str]:
    """Sentences of general news (one article in ``every``, from the first) for the gate's
    "other" class. Some are events too; the gate learns a ranking, not a perfect line."""
    import gzip
    import json

    opener = gzip.open if path.suffix == ".gz" else open
    out: list[str] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n % every or not line.strip():
                continue
            for para in json.loads(line).get("text", "").split("\n"):
                out.extend(s for s in _SENT_END.split(para.strip())
                           if len(s.split()) >= NEGATIVE_MIN_WORDS)
    return out


def fit_gate(events: Sequence[str], other: Sequence[str]) -> Model:
    """Is a sentence a codable political event at all? Positives: the human-labelled quad
    sentences and the synthetic stories' leads (all chosen because they report an event);
    negatives: sentences of general news. The sentence classifiers above were trained on
    event sentences only and read every sentence as some event; this gate is what keeps
    classifier-only events out of stock reports and weather news."""
    texts = list(events) + list(other)
    labels = ["event"] * len(events) + ["other"] * len(other)
    return fit(texts, labels, c=GATE_C, min_df=GATE_MIN_DF, class_weight="balanced")


def lead_sentences(text: str, n: int) -> str:
    """The first ``n`` sentences of a story (a cheap splitter: stories are clean prose)."""
    parts = [p for p in _SENT_END.split(text.strip()) if p]
    return " ".join(parts[:n])


def read_ngec(path: Path) -> list[tuple[str, str]]:
    """(lead text, PLOVER type) of each NGEC synthetic story."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(lead_sentences(r["text"], NGEC_SENTENCES), r["label"].strip().upper())
                for r in csv.DictReader(fh) if r["text"].strip() and r["label"].strip()]


def fit_type(ngec: Sequence[tuple[str, str]]) -> Model:
    """The PLOVER type classifier over the 16 types, from the synthetic stories only.

    It has no "none" class on purpose: whether a sentence codes an event at all is the
    quad model's call (quad 0), so the quad k-fold stays honest (no human sentence is in
    the type model) and the type model needs no retraining per fold."""
    return fit([t for t, _ in ngec], [lab for _, lab in ngec], c=TYPE_C, min_df=TYPE_MIN_DF)


def save(models: dict[str, Model], path: Path) -> None:
    """Write models to one compressed npz (float16 coefficients)."""
    arrays: dict[str, np.ndarray] = {}
    for name, model in models.items():
        arrays.update(model.to_arrays(name))
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]
