"""Toponym recognition (spaCy NER + gazetteer); resolution lives in eventwire.geo.resolver.

Recognition trusts spaCy's GPE/LOC/FAC entities, rescues names the small model
misses or mislabels ("Kyiv's military" comes out as PERSON) by matching
capitalized token runs against the gazetteer, and refuses demonyms (NORP) and
multi-token person names. ``parse`` and ``places_in_doc`` hand the spans to
``eventwire.geo.resolver.resolve``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.geo.gazetteer import (
    ALTERNATE,
    DEMONYM,
    PREFERRED,
    Candidate,
    Gazetteer,
    load,
    normalize,
)
from eventwire.geo.resolver import EDGE_WORDS as _EDGE_WORDS
from eventwire.geo.resolver import QUALIFIER as _QUALIFIER
from eventwire.geo.resolver import candidates as _candidates
from eventwire.geo.resolver import resolve
from eventwire.geo.resolver import surface as _surface
from eventwire.model import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
# A single-token PERSON/ORG entity is taken as a place only when it names a
# country or a city at least this big ("Kyiv's military", "Belarus' ministry").
MISLABEL_MIN_POP = 500_000
# Capitalized runs that no entity covers must name a country/state or a city
# at least this big (a town called "March" or "Union" is not worth the noise);
# at the start of a sentence the bar is higher.
UNTAGGED_MIN_POP = 100_000
SENT_START_MIN_POP = 1_000_000
# An alternate spelling ("Gaza City", "Bombay") read off a GPE/LOC entity must name a
# town at least this big: small towns' alternate names collide with words and groups.
ENTITY_ALT_MIN_POP = 100_000
# Right after a locative word ("strikes hit Kherson", "moved to Bakhmut") a single-token
# PERSON may name any gazetteer town, an ORG a town at least this big.
LOCATIVE_ORG_MIN_POP = 50_000
# A town in a state the document is about may be this small and still be taken untagged.
LOCAL_MIN_POP = 1_000
_LOCATIVE = {"in", "at", "from", "to", "near", "into", "outside", "around", "toward",
             "towards", "across", "hit", "struck", "shelled", "captured", "liberated"}
# Words that make the name before them a different, smaller place or a thing.
_DESIGNATORS = {
    "county", "parish", "borough", "township", "district", "street", "st", "road", "rd",
    "avenue", "ave", "drive", "boulevard", "blvd", "lane", "highway", "hwy", "valley", "river",
    "lake", "park", "mountain", "mountains", "island", "islands", "bay", "creek", "heights",
    "hills", "springs", "beach", "airport", "university", "college", "school", "church",
    "hospital", "center", "centre", "square", "bridge", "station", "stadium", "village",
}
_UNIT_WORDS = {"county", "parish", "borough", "district", "province", "governorate", "oblast"}
_JOINERS = {"-", "of", "and", "de", "del", "la", "el", "al", "upon", "on", "du", "des", "le"}


def _capitalized(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _run_candidates(gaz: Gazetteer, doc: Doc, i: int, limit: int) -> tuple[int, list[Candidate]]:
    """Longest capitalized run from token i (up to ``limit``) that the gazetteer knows."""
    best_end, best = i, []
    j = i
    while j < limit and j - i < 6:
        tok = doc[j]
        if j > i and not (_capitalized(tok) or tok.lower_ in _JOINERS):
            break
        if _capitalized(tok):
            span_text = doc.text[doc[i].idx: tok.idx + len(tok.text)]
            found = gaz.lookup(_surface(span_text))
            if found:
                best_end, best = j + 1, found
        j += 1
    return best_end, best


def _untagged_ok(cands: list[Candidate], first: Token, last: Token) -> bool:
    """Whether a gazetteer hit outside any entity is a place and not a word or a name."""
    top = cands[0]
    if first.i == last.i and first.lower_ in _EDGE_WORDS:
        return False  # "Western" countries: a region of Uganda is not what is meant
    if last.pos_ != "PROPN" and (last.pos_ not in ("ADJ", "NOUN") or (
            top.feature == "city" and top.population < SENT_START_MIN_POP)):
        return False  # "the Kyiv region" tags Kyiv ADJ; "Reading" as a verb is no town
    if top.feature in ("country", "admin1", "continent"):
        return top.kind != ALTERNATE
    if top.feature == "admin2" and first.i != last.i and last.lower_ in _UNIT_WORDS:
        return True  # "Henderson County": the designator makes it a name
    sent_start = first.is_sent_start or (first.i > 0 and first.nbor(-1).is_punct
                                         and first.nbor(-1).text in "\"“'‘:(")
    if sent_start:
        return top.population >= SENT_START_MIN_POP
    return top.population >= UNTAGGED_MIN_POP and (
        top.kind != ALTERNATE or top.population >= SENT_START_MIN_POP)


def _inside_longer_name(doc: Doc, i: int, stop: int, start: int, end: int) -> bool:
    """Whether tokens i..stop are only part of a longer name: "Walton" of "Walton County",
    "Valley" of "Red River Valley" (the gazetteer knows the part, not the whole)."""
    def word(tok: Token) -> bool:
        return tok.is_alpha and _capitalized(tok)

    if stop < len(doc) and doc[stop].lower_.rstrip(".") in _DESIGNATORS:
        return True
    return (i > start and word(doc[i - 1])) or (stop < end and word(doc[stop]))


def _scan(gaz: Gazetteer, doc: Doc, start: int, end: int, strict: bool,
          out: list[tuple[int, int]], blocked: set[str], inside_name: bool = False) -> None:
    """Add gazetteer matches of capitalized runs between tokens start and end."""
    i = start
    while i < end:
        tok = doc[i]
        if not _capitalized(tok) or tok.text in blocked or tok.lower_ in ("the", "a", "an"):
            i += 1
            continue
        stop, cands = _run_candidates(gaz, doc, i, end)
        surface = doc.text[tok.idx:doc[stop - 1].idx + len(doc[stop - 1].text)] if cands else ""
        if (_plausible(cands, surface) and (inside_name or not _inside_longer_name(
                doc, i, stop, start, end))
                and (not strict or _untagged_ok(cands, tok, doc[stop - 1]))):
            out.append((tok.idx, doc[stop - 1].idx + len(doc[stop - 1].text)))
            i = stop
        else:
            i += 1


def _plausible(cands: list[Candidate], surface: str, alt_min_pop: int = ENTITY_ALT_MIN_POP) -> bool:
    """Whether an entity's best reading is worth a place: a rare alternate spelling of a
    town ("Hamas" is an old name of Hamm) or a two-letter town ("UN") is not."""
    if not cands:
        return False
    top = cands[0]
    if top.kind == ALTERNATE and top.population < alt_min_pop:
        return False
    short = len(normalize(_surface(surface)).replace(" ", "")) <= 3
    return not (short and top.feature == "city" and top.kind != PREFERRED)


def _entity_span(gaz: Gazetteer, ent: Span) -> tuple[int, int] | None:
    """Character span of a place entity if it (or it without "the"/edge words) resolves."""
    toks = list(ent)
    while toks and toks[0].lower_ in ("the", "a") or (
            toks and toks[0].lower_ in _EDGE_WORDS and not _capitalized(toks[0])):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "\u2019s", "'")
                    or toks[-1].lower_ in _JOINERS):
        toks = toks[:-1]
    if not toks or not _capitalized(toks[0]):
        return None  # "the metro" is no name
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    whole = ent.doc.text[start:end]
    if _plausible(gaz.lookup(_surface(whole)), whole):
        return start, end  # "Gaza City", "Kansas City": the edge word belongs to the name
    if not _plausible(_candidates(gaz, whole), whole):
        return None
    # drop edge words from the span itself so the evidence is the name
    while len(toks) > 1 and toks[0].lower_ in _EDGE_WORDS and gaz.lookup(
            ent.doc.text[toks[1].idx:end]):
        toks = toks[1:]
        start = toks[0].idx
    while len(toks) > 1 and toks[-1].lower_ in _EDGE_WORDS and gaz.lookup(
            ent.doc.text[start:toks[-2].idx + len(toks[-2].text)]):
        toks = toks[:-1]
        end = toks[-1].idx + len(toks[-1].text)
    return start, end


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word person names ("Jordan" after "Michael Jordan"), unless the
    document uses the word as a place name at least as often ("Rethinking Egypt" mistagged
    as a person in an article about Egypt)."""
    in_person: dict[str, int] = {}
    as_place: dict[str, int] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            for t in e:
                in_person[t.text] = in_person.get(t.text, 0) + 1
        elif e.label_ in PLACE_LABELS and len(e) == 1:
            as_place[e.text] = as_place.get(e.text, 0) + 1
    return {w for w, n in in_person.items() if n >= as_place.get(w, 0)}


def recognize(doc: Doc, demonyms: bool = False) -> list[tuple[int, int]]:
    """Character spans of toponyms in a parsed document, in text order.

    ``demonyms`` also returns peoples' adjectives ("Sudanese") that name a country, for
    gold sets whose convention counts them (LGL, TR-News); by default they are actors."""
    gaz = load()
    spans: list[tuple[int, int]] = []
    covered = [False] * len(doc)
    person_words = _person_words(doc)
    mislabeled: list[Span] = []
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            covered[k] = True
        if len(ent) == 1 and ent.text in person_words:
            continue  # "Jordan" after "Michael Jordan" is the man
        if ent.label_ in PLACE_LABELS:
            span = _entity_span(gaz, ent)
            if span:
                spans.append(span)
            elif ent.label_ != "FAC":
                _scan(gaz, doc, ent.start, ent.end, strict=False, out=spans, blocked=person_words)
        elif ent.label_ in ("PERSON", "ORG") and len(ent) == 1:
            cands = gaz.lookup(_surface(ent.text))
            locative = ent.start > 0 and doc[ent.start - 1].lower_ in _LOCATIVE
            if _plausible(cands, ent.text, MISLABEL_MIN_POP) and (
                    cands[0].feature in ("country", "continent", "admin1")
                    or cands[0].population >= MISLABEL_MIN_POP
                    or (locative and (ent.label_ == "PERSON"
                                      or cands[0].population >= LOCATIVE_ORG_MIN_POP))):
                spans.append((ent.start_char, ent.end_char))
            elif cands and ent.label_ == "PERSON":
                mislabeled.append(ent)
        elif ent.label_ in ("ORG", "FAC") and len(ent) > 1:
            # "the Texas Department of Health", "Alexandria City Public Schools"
            _scan(gaz, doc, ent.start, ent.end, strict=True, out=spans, blocked=person_words,
                  inside_name=True)
        elif demonyms and ent.label_ == "NORP":
            people = [c for c in gaz.lookup(_surface(ent.text), demonym=True)
                      if c.kind == DEMONYM and c.feature == "country"]
            if people:
                spans.append((ent.start_char, ent.end_char))
    # "Zaporizhzhia and Kherson": a mislabeled town coordinated with a place is one too
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    for ent in mislabeled:
        before = doc[ent.start - 2].idx + len(doc[ent.start - 2].text) if ent.start > 1 else -1
        after = doc[ent.end + 1].idx if ent.end + 1 < len(doc) else -1
        linked = (ent.start > 1 and doc[ent.start - 1].lower_ in ("and", "or", ",")
                  and before in ends) or (
                  ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("and", "or", ",")
                  and after in starts)
        if linked and _plausible(gaz.lookup(_surface(ent.text)), ent.text, MISLABEL_MIN_POP):
            spans.append((ent.start_char, ent.end_char))
    i = 0
    while i < len(doc):
        if covered[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j]:
            j += 1
        _scan(gaz, doc, i, j, strict=True, out=spans, blocked=person_words)
        i = j
    _local_towns(gaz, doc, spans, covered, person_words)
    _propagate(gaz, doc, spans, person_words)
    spans = [_with_final_period(doc.text, s, e) for s, e in spans]
    # state abbreviations after a comma ("Alexandria, La.", "Paris, TX") are places too
    taken = {s for s, _ in spans}
    for _, end in list(spans):
        m = _QUALIFIER.match(doc.text, end)
        if not m or m.start(1) in taken:
            continue
        word = m.group(1).split()[0]
        if any(c.feature == "admin1" for c in gaz.lookup(word, qualifier=True)):
            if word.endswith(".") and word[:-1].isupper() and "." not in word[:-1]:
                word = word[:-1]  # "TX." at the end of a sentence
            spans.append((m.start(1), m.start(1) + len(word)))
            taken.add(m.start(1))
    return sorted(set(spans))


def _local_towns(gaz: Gazetteer, doc: Doc, spans: list[tuple[int, int]], covered: list[bool],
                 blocked: set[str]) -> None:
    """Small towns no entity covers, taken when they lie in a state or province the
    document's other places are in ("Moorhead" in a story about Fargo and Minnesota):
    local news names towns too small for the untagged-run threshold."""
    states = {(p.country, p.admin1) for p in resolve(doc.text, spans)
              if p is not None and p.feature in ("city", "admin1", "admin2") and p.admin1}
    if not states:
        return
    taken = {k for s, e in spans for k in range(s, e)}
    # one-word PERSON/ORG entities are open to this too ("deputies in Roswell" tagged PERSON)
    loose = {e.start for e in doc.ents if len(e) == 1 and e.label_ in ("PERSON", "ORG")}
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if ((covered[i] and i not in loose) or tok.idx in taken or not _capitalized(tok)
                or tok.text in blocked
                or tok.pos_ != "PROPN" or tok.is_sent_start or tok.lower_ in _EDGE_WORDS):
            i += 1
            continue
        stop, cands = _run_candidates(gaz, doc, i, len(doc))
        last = doc[stop - 1] if cands else tok
        local = [c for c in cands if c.kind != ALTERNATE and c.population >= LOCAL_MIN_POP
                 and (c.country, c.admin1) in states and c.feature in ("city", "admin2")]
        if local and last.pos_ == "PROPN" and not _inside_longer_name(doc, i, stop, 0, len(doc)):
            found.append((tok.idx, last.idx + len(last.text)))
            i = stop
        else:
            i += 1
    spans.extend(found)


def _with_final_period(text: str, start: int, end: int) -> tuple[int, int]:
    """ "W.Va" + "." is the abbreviation "W.Va.": the tokenizer split its final period off."""
    if "." in text[start:end] and text[end:end + 1] == ".":
        return start, end + 1
    return start, end


def _propagate(gaz: Gazetteer, doc: Doc, spans: list[tuple[int, int]],
               blocked: set[str]) -> None:
    """One reading per name: a name recognized once is a place wherever else it stands
    capitalized ("Alexandria police", "an Alexandria grand jury"), except inside a
    person's name."""
    names = {doc.text[s:e] for s, e in spans if doc.text[s:e][:1].isupper()}
    names = {n for n in names if " " not in n and n not in blocked and gaz.lookup(n)}
    if not names:
        return
    taken = [False] * (len(doc.text) + 1)
    for s, e in spans:
        for k in range(s, e):
            taken[k] = True
    in_person = {t.i for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                 for t in ent}
    for tok in doc:
        if tok.text in names and not taken[tok.idx] and tok.i not in in_person:
            spans.append((tok.idx, tok.idx + len(tok.text)))


def places_in_doc(doc: Doc) -> list[Place]:
    """Recognize and resolve toponyms in an already-parsed spaCy Doc."""
    return [p for p in resolve(doc.text, recognize(doc)) if p is not None]


def parse(text: str) -> list[Place]:
    """Recognize and resolve the toponyms of a text (parses it with the shared pipeline)."""
    from eventwire import nlp

    return places_in_doc(nlp.parse(text))
