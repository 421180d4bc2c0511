"""Sentence classifiers (CAMEO quad class, PLOVER type) scored with numpy alone.

The models are TF-IDF features (word 1-2-grams and within-word character 3-5-grams, each
block L2-normalized, sublinear term frequency) and a multinomial logistic regression,
trained by ``scripts/train_event_classifier.py`` (see ``eventwire/events/train.py``) and
shipped as ``eventwire/data/event_classifier.npz``. Run time needs no scikit-learn: the
analyzers below are the very functions the training code hands to scikit-learn, and
the weighting and scoring are a few sparse dot products.

The events stage uses the probabilities to re-rank the lexical coder's events and to
code sentences the lexicon has no trigger for (see ``eventwire.events.extract``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["Model", "Scores", "char_ngrams", "event_probability", "load", "override", "scores",
           "word_ngrams"]

DATA_FILE = "data/event_classifier.npz"
NONE = "none"  # the type label of a sentence that codes no PLOVER event

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def word_ngrams(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams (words of two or more word characters)."""
    toks = _TOKEN.findall(text.lower())
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def char_ngrams(text: str) -> list[str]:
    """Character 3-5-grams inside space-padded words: robust to inflection and typos."""
    out: list[str] = []
    for w in _SPACES.sub(" ", text.lower()).split():
        out.extend(_word_char_ngrams(w))
    return out


@lru_cache(maxsize=200_000)
def _word_char_ngrams(word: str) -> tuple[str, ...]:
    """One word's n-grams (words recur: each is cut once per process)."""
    w = f" {word} "
    size = len(w)
    out: list[str] = []
    for n in (3, 4, 5):
        if size <= n:
            out.append(w)
            break
        out.extend(w[i:i + n] for i in range(size - n + 1))
    return tuple(out)


ANALYZERS = {"word": word_ngrams, "char": char_ngrams}


@dataclass(frozen=True, slots=True)
class Block:
    """One feature block: an analyzer, its vocabulary (term -> column) and idf weights."""

    kind: str
    vocab: dict[str, int]
    idf: np.ndarray
    offset: int  # first column of this block in the coefficient matrix

    # per-word columns of the char block (news vocabularies repeat: each word is cut once)
    word_cols: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def features(self, text: str, terms: dict[str, int] | None = None,
                 ) -> tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalized sublinear TF-IDF values of the terms of a text
        (``terms``: the text's term counts for this block's analyzer, when already made)."""
        if self.kind == "char" and terms is None:
            cols, tf = self._char_counts(text)
        else:
            if terms is None:
                terms = Counter(ANALYZERS[self.kind](text))
            counts: dict[int, int] = {}
            vocab = self.vocab
            for term, n in terms.items():
                j = vocab.get(term)
                if j is not None:
                    counts[j] = n
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if not len(cols):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        vals = (1.0 + np.log(tf)) * self.idf[cols]
        norm = float(np.sqrt(np.dot(vals, vals)))
        return cols + self.offset, (vals / norm if norm else vals)

    def _char_counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The char block's (column, count) pairs, from cached per-word columns."""
        return _char_columns(text, self.vocab, self.word_cols)


def _char_columns(text: str, vocab: dict[str, int], cache: dict[str, np.ndarray]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(column, count) pairs of a text's char n-grams in ``vocab``; each word is cut and
    looked up once per process (``cache``: word -> its columns)."""
    parts = []
    for w in _SPACES.sub(" ", text.lower()).split():
        cols = cache.get(w)
        if cols is None:
            cols = np.asarray([vocab[g] for g in _word_char_ngrams(w) if g in vocab],
                              dtype=np.int64)
            if len(cache) < 200_000:
                cache[w] = cols
        parts.append(cols)
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols, tf = np.unique(np.concatenate(parts), return_counts=True)
    return cols, tf.astype(np.float64)


@dataclass(frozen=True, slots=True)
class Model:
    """A linear classifier over the concatenated feature blocks."""

    labels: tuple[str, ...]
    blocks: tuple[Block, ...]
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray  # (n_labels,)

    def proba(self, text: str, terms: dict[str, dict[str, int]] | None = None) -> np.ndarray:
        """Softmax probabilities over ``labels`` for one text (``terms``: its term counts
        per analyzer, shared by the models that score the same sentence)."""
        logits = self.intercept.astype(np.float64).copy()
        for block in self.blocks:
            cols, vals = block.features(text, terms.get(block.kind) if terms else None)
            if len(cols):
                logits += self.coef[:, cols].astype(np.float64) @ vals
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def to_arrays(self, prefix: str, dtype: Any = np.float16) -> dict[str, np.ndarray]:
        """The model as named arrays (the inverse of ``from_arrays``)."""
        out: dict[str, np.ndarray] = {
            f"{prefix}.labels": np.array("\n".join(self.labels)),
            f"{prefix}.coef": self.coef.astype(dtype),
            f"{prefix}.intercept": self.intercept.astype(np.float64),
            f"{prefix}.blocks": np.array("\n".join(b.kind for b in self.blocks)),
        }
        for i, b in enumerate(self.blocks):
            terms = sorted(b.vocab, key=b.vocab.__getitem__)
            out[f"{prefix}.b{i}.vocab"] = np.array("\n".join(terms))
            out[f"{prefix}.b{i}.idf"] = b.idf.astype(np.float32)
        return out

    @classmethod
    def from_arrays(cls, arrays: Any, prefix: str) -> Model:
        """Rebuild a model written by ``to_arrays`` (from an ``np.load`` of the npz)."""
        kinds = str(arrays[f"{prefix}.blocks"]).split("\n")
        blocks = []
        offset = 0
        for i, kind in enumerate(kinds):
            terms = str(arrays[f"{prefix}.b{i}.vocab"]).split("\n")
            idf = np.asarray(arrays[f"{prefix}.b{i}.idf"], dtype=np.float64)
            blocks.append(Block(kind, {t: j for j, t in enumerate(terms)}, idf, offset))
            offset += len(terms)
        return cls(tuple(str(arrays[f"{prefix}.labels"]).split("\n")), tuple(blocks),
                   np.asarray(arrays[f"{prefix}.coef"], dtype=np.float32),
                   np.asarray(arrays[f"{prefix}.intercept"], dtype=np.float64))


@dataclass(frozen=True, slots=True)
class Scores:
    """A sentence's class probabilities: ``quad[q]`` for q in 0..4, ``type[label]``."""

    quad: np.ndarray
    type: dict[str, float]
    event: float = 1.0  # P(the sentence is a codable political event), from the gate

    @property
    def best_quad(self) -> int:
        return int(np.argmax(self.quad))


class Joint:
    """The models that read a sentence, scored in one pass: exactly ``Model.proba`` each.

    The three models share their analyzers but not their vocabularies. Scored one by one,
    each looks every n-gram up, counts and gathers its own columns: three times the work
    of the one text. Here each block kind has one union vocabulary; a term's coefficients
    for all models sit in one row (zeros where a model lacks the term, whose idf is 0 there,
    so it adds nothing to that model's norm either), so a sentence costs one lookup per
    term and one gather; only the per-model normalization stays apart.
    """

    def __init__(self, models: dict[str, Model]) -> None:
        self.names = tuple(models)
        self.labels = {name: m.labels for name, m in models.items()}
        kinds = sorted({b.kind for m in models.values() for b in m.blocks})
        sizes = [len(m.labels) for m in models.values()]
        self.slices = {}
        start = 0
        for name, n in zip(self.names, sizes, strict=True):
            self.slices[name] = slice(start, start + n)
            start += n
        self.intercept = np.concatenate([models[n].intercept.astype(np.float64)
                                         for n in self.names])
        self.kinds = tuple(kinds)
        self.vocab: dict[str, dict[str, int]] = {}
        self.idf: dict[str, np.ndarray] = {}  # (n_terms, n_models)
        self.weights: dict[str, np.ndarray] = {}  # (n_terms, n_labels of all models)
        self.word_cols: dict[str, dict[str, np.ndarray]] = {}
        for kind in kinds:
            union: dict[str, int] = {}
            for m in models.values():
                for b in m.blocks:
                    if b.kind == kind:
                        for term in b.vocab:
                            union.setdefault(term, len(union))
            idf = np.zeros((len(union), len(self.names)))
            w = np.zeros((len(union), start), dtype=np.float32)
            for j, name in enumerate(self.names):
                for b in models[name].blocks:
                    if b.kind != kind:
                        continue
                    rows = np.fromiter((union[t] for t in b.vocab), dtype=np.int64,
                                       count=len(b.vocab))
                    cols = np.fromiter(b.vocab.values(), dtype=np.int64, count=len(b.vocab))
                    idf[rows, j] = b.idf[cols]
                    w[rows, self.slices[name]] = models[name].coef[:, cols + b.offset].T
            self.vocab[kind], self.idf[kind], self.weights[kind] = union, idf, w
            self.word_cols[kind] = {}

    def _counts(self, kind: str, text: str, terms: dict[str, int] | None
                ) -> tuple[np.ndarray, np.ndarray]:
        vocab = self.vocab[kind]
        if kind == "char" and terms is None:
            return _char_columns(text, vocab, self.word_cols[kind])
        if terms is None:
            terms = Counter(ANALYZERS[kind](text))
        counts = {j: n for term, n in terms.items() if (j := vocab.get(term)) is not None}
        return (np.fromiter(counts.keys(), dtype=np.int64, count=len(counts)),
                np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))

    def proba(self, text: str, terms: dict[str, dict[str, int]] | None = None
              ) -> dict[str, np.ndarray]:
        """Each model's probabilities over its labels."""
        logits = self.intercept.copy()
        for kind in self.kinds:
            cols, tf = self._counts(kind, text, terms.get(kind) if terms else None)
            if not len(cols):
                continue
            vals = (1.0 + np.log(tf))[:, None] * self.idf[kind][cols]  # (n, models)
            norms = np.sqrt((vals * vals).sum(axis=0))
            vals = vals / np.where(norms > 0, norms, 1.0)
            gathered = self.weights[kind][cols].astype(np.float64)
            for j, name in enumerate(self.names):
                sl = self.slices[name]
                logits[sl] += vals[:, j] @ gathered[:, sl]
        out = {}
        for name in self.names:
            z = logits[self.slices[name]]
            p = np.exp(z - z.max())
            out[name] = p / p.sum()
        return out


_OVERRIDE: dict[str, Model] = {}


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Model]:
    raw = resources.files("eventwire").joinpath(DATA_FILE).read_bytes()
    with np.load(io.BytesIO(raw), allow_pickle=False) as arrays:
        names = [n for n in ("quad", "type", "gate") if f"{n}.labels" in arrays.files]
        return {name: Model.from_arrays(arrays, name) for name in names}


def load() -> dict[str, Model]:
    """The models in use: the shipped ones, with any ``override`` in force on top."""
    return {**_shipped(), **_OVERRIDE}


@contextmanager
def override(**models: Model) -> Iterator[None]:
    """Use other models (e.g. ``quad=`` one trained without the evaluation fold) inside
    the block; the shipped ones come back afterwards."""
    saved = dict(_OVERRIDE)
    _OVERRIDE.update(models)
    try:
        yield
    finally:
        _OVERRIDE.clear()
        _OVERRIDE.update(saved)


# The joint scorer of the models in use and the scores of recent sentences, rebuilt when
# an override changes the models (held by reference: ids of freed models are reused)
_STATE: dict[str, Any] = {"models": (), "joint": None}
SCORE_CACHE = 2048


def _current() -> Joint:
    models = tuple(load().values())
    held = _STATE["models"]
    if len(held) != len(models) or any(a is not b for a, b in zip(held, models, strict=True)):
        _STATE["models"], _STATE["joint"] = models, Joint(load())
        _scores.cache_clear()
    return _STATE["joint"]


def event_probability(text: str) -> float:
    """The gate alone: P(the sentence reports a codable event); 1.0 without a gate.

    The pipeline asks this of every sentence before the parse and then the scores of the
    ones it parses: both come from one cached scoring."""
    return scores(text).event


def scores(text: str) -> Scores:
    """Quad, type and gate probabilities of one sentence."""
    _current()
    return _scores(text)


@lru_cache(maxsize=SCORE_CACHE)
def _scores(text: str) -> Scores:
    joint = _STATE["joint"]
    probs, labels = joint.proba(text), joint.labels
    q = np.zeros(5)
    q[[int(lab) for lab in labels["quad"]]] = probs["quad"]
    q.setflags(write=False)  # shared by every caller of a cached sentence
    event = 1.0
    if "gate" in probs:
        event = float(probs["gate"][labels["gate"].index("event")])
    return Scores(q, {lab: float(p) for lab, p in zip(labels["type"], probs["type"], strict=True)},
                  event)
