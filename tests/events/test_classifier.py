"""The sentence classifiers: our numpy scoring equals scikit-learn's, and the fusion rules."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.eval.events import read_quad
from eventwire.events import classifier, fusion

SAMPLES = [
    "Israeli warplanes struck targets in Gaza overnight, the army said.",
    "The minister expressed hope that talks would resume soon.",
    "Germany  agreed to send 40 tanks to Ukraine!",
    "x",
    "",
]


@pytest.fixture(scope="module")
def quad_rows(shared):
    return list(read_quad(shared / "eval" / "events" / "conflibert_quad_train.tsv"))


def test_analyzers_match_scikit_learn():
    from sklearn.feature_extraction.text import CountVectorizer

    word = CountVectorizer(ngram_range=(1, 2)).build_analyzer()
    char = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    for text in [*SAMPLES, "Kyiv's  military said\tit downed 16 \"kamikaze\" drones — all 16."]:
        assert classifier.word_ngrams(text) == word(text)
        assert classifier.char_ngrams(text) == char(text)


@pytest.mark.parametrize("labels", ["quad", "binary"])
def test_runtime_scores_equal_scikit_learn(quad_rows, tmp_path, labels):
    from eventwire.events import train

    rows = quad_rows[:300]
    texts = [t for t, _ in rows]
    ys = [str(q) if labels == "quad" else str(int(q >= 3)) for _, q in rows]
    vecs, clf = train.fit_sklearn(texts, ys, c=10.0, min_df=1)
    model = train.to_model(vecs, clf)
    probe = [t for t, _ in quad_rows[300:320]] + SAMPLES
    want = train.sklearn_proba(vecs, clf, probe)
    got = np.array([model.proba(t) for t in probe])
    assert model.labels == tuple(clf.classes_)
    np.testing.assert_allclose(got, want, atol=1e-5)
    # the shipped format (float16 coefficients) through a file round trip
    train.save({"quad": model, "type": model}, tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz") as arrays:
        again = classifier.Model.from_arrays(arrays, "quad")
    np.testing.assert_allclose(np.array([again.proba(t) for t in probe]), want, atol=2e-2)


def test_shipped_models_load_and_read_sentences():
    models = classifier.load()
    assert models["quad"].labels == ("0", "1", "2", "3", "4")
    assert len(models["type"].labels) == 16
    sc = classifier.scores("Rebels attacked an army base and killed 12 soldiers.")
    assert sc.best_quad == 4 and abs(sum(sc.type.values()) - 1) < 1e-6
    assert max(sc.type, key=sc.type.get) == "ASSAULT"


def test_override_is_scoped(quad_rows):
    from eventwire.events import train

    small = train.fit_quad(quad_rows[:200])
    shipped = classifier.load()["quad"]
    with classifier.override(quad=small):
        assert classifier.load()["quad"] is small
    assert classifier.load()["quad"] is shipped


def test_joint_scores_equal_each_models_own(quad_rows):
    """One pass over the union vocabulary gives each model's own probabilities, and an
    override is read at once (no sentence scored under other models is reused)."""
    from eventwire.events import train

    probe = [t for t, _ in quad_rows[:40]] + SAMPLES

    def check() -> None:
        models = classifier.load()
        for text in probe:
            sc = classifier.scores(text)
            order = [int(lab) for lab in models["quad"].labels]
            np.testing.assert_allclose(sc.quad[order], models["quad"].proba(text), atol=1e-12)
            np.testing.assert_allclose(list(sc.type.values()), models["type"].proba(text),
                                       atol=1e-12)
            gate = models["gate"]
            assert abs(sc.event - gate.proba(text)[gate.labels.index("event")]) < 1e-12
            assert classifier.event_probability(text) == sc.event

    check()
    small = train.fit_quad(quad_rows[:200])
    with classifier.override(quad=small):
        check()
    check()


def _scores(quad, types=None):
    qs = np.array(quad, dtype=float)
    return classifier.Scores(qs, types or {"ASSAULT": 0.5, "REQUEST": 0.3, "AGREE": 0.2})


def test_fusion_rules():
    statement = _scores([0.8, 0.05, 0.05, 0.05, 0.05])
    assert fusion.is_misfire(statement, 4, strong=False)
    assert not fusion.is_misfire(statement, 4, strong=True)
    assert not fusion.is_misfire(_scores([0.3, 0.1, 0.1, 0.2, 0.3]), 4, strong=False)
    # the quad model picks the class, the type model the type within it
    assert fusion.sentence_type(_scores([0.1, 0.1, 0.1, 0.1, 0.6]))[:2] == ("ASSAULT", 4)
    assert fusion.sentence_type(_scores([0.1, 0.6, 0.1, 0.1, 0.1]))[:2] == ("AGREE", 1)
    assert fusion.sentence_type(_scores([0.6, 0.1, 0.1, 0.1, 0.1])) is None  # a statement
    appeal = _scores([0.6, 0.1, 0.1, 0.1, 0.1], {"ASSAULT": 0.2, "REQUEST": 0.7, "AGREE": 0.1})
    assert fusion.sentence_type(appeal)[:2] == ("REQUEST", 0)
    assert fusion.sentence_type(_scores([0.2, 0.2, 0.2, 0.2, 0.2])) is None  # unsure
    agree = _scores([0.05, 0.05, 0.05, 0.05, 0.8])
    assert fusion.fused_confidence(0.6, agree, "ASSAULT", 4) > fusion.fused_confidence(0.6, agree, "AGREE", 1)


@pytest.mark.parametrize(("text", "cameo"), [
    # a lexicon act in the main clause, no party coded, the gate more sure than not (0.6-0.7)
    ("The local council signed a cooperation pact with the port authority.", "060"),
    ("The committee released the detained activists on Friday.", "0841"),
])
def test_uncoded_lexicon_event_passes_a_fair_gate(text, cameo):
    import eventwire

    assert fusion.GATE_LEXICAL_UNCODED_MIN <= classifier.event_probability(text) \
        < fusion.GATE_UNCODED_MIN
    assert cameo in {e.cameo for e in eventwire.code(text, "2021-01-01")}
