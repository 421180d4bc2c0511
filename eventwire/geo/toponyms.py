"""Toponym recognition (spaCy NER + gazetteer) and resolution (kind, size, document context).

Recognition trusts spaCy's GPE/LOC/FAC entities, rescues names the small model
misses or mislabels ("Kyiv's military" comes out as PERSON) by matching
capitalized token runs against the gazetteer, and refuses demonyms (NORP) and
multi-token person names. Resolution works on text and spans alone, so gold
spans can be resolved without parsing: each distinct name gets one reading per
document, chosen by feature kind and population, an explicit ", State" or
", Country" qualifier, and the countries and states the rest of the document
is about. It never falls back to a dateline or a capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.geo.gazetteer import ALTERNATE, PREFERRED, Candidate, Gazetteer, load, normalize
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
_LOCATIVE = {"in", "at", "from", "to", "near", "into", "outside", "around", "toward",
             "towards", "across", "hit", "struck", "shelled", "captured", "liberated"}
# Words tried off an entity that does not resolve as a whole ("southern Ukraine",
# "Kyiv region"); county/parish are kept because they name a different place.
_EDGE_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeastern", "northwestern", "southeastern", "southwestern", "greater",
    "downtown", "region", "province", "oblast", "city", "state", "area", "metro",
}
# Words that make the name before them a different, smaller place or a thing.
_DESIGNATORS = {
    "county", "parish", "borough", "township", "district", "street", "st", "road", "rd",
    "avenue", "ave", "drive", "boulevard", "blvd", "lane", "highway", "hwy", "valley", "river",
    "lake", "park", "mountain", "mountains", "island", "islands", "bay", "creek", "heights",
    "hills", "springs", "beach", "airport", "university", "college", "school", "church",
    "hospital", "center", "centre", "square", "bridge", "station", "stadium", "village",
}
_JOINERS = {"-", "of", "and", "de", "del", "la", "el", "al", "upon", "on", "du", "des", "le"}
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w.]*)(?:[ \t]+[A-Z][\w.]*){0,2})")

# Context bonuses: a candidate in a country whose towns/states the document
# names (strong) or that the document names as a country (weak), or in a state
# the document names.
CTX_SUBNATIONAL = 2.5
CTX_COUNTRY = 1.0
CTX_ADMIN1 = 1.5


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    key: str
    candidates: list[Candidate]
    qualified: bool = False


def _surface(text: str) -> str:
    """The name as looked up: possessive "'s" and surrounding punctuation removed."""
    return _POSSESSIVE.sub("", text.strip()).strip(" ,;:\"'()")


def _candidates(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Candidates for a span, trying it whole first and then without edge words."""
    name = _surface(text)
    found = gaz.lookup(name)
    if found:
        return found
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _EDGE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _EDGE_WORDS:
        words = words[:-1]
    trimmed = " ".join(words)
    return gaz.lookup(trimmed) if trimmed != name else []


def _qualifier(gaz: Gazetteer, text: str, end: int) -> Candidate | None:
    """The state or country named right after a comma ("Paris, Texas"; "Alexandria, La.")."""
    m = _QUALIFIER.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        for cand in gaz.lookup(" ".join(words[:n]), qualifier=True):
            if cand.feature in ("admin1", "country"):
                return cand
    return None


def _as_qualifier(gaz: Gazetteer, text: str, start: int, surface: str) -> list[Candidate]:
    """A span right after "Town, " read as a state/country first ("La." is Louisiana there)."""
    if not text[:start].rstrip().endswith(","):
        return []
    return [c for c in gaz.lookup(_surface(surface), qualifier=True)
            if c.feature in ("admin1", "country")]


def _matches(cand: Candidate, qual: Candidate) -> bool:
    if cand.geonameid == qual.geonameid or cand.country != qual.country:
        return False
    return qual.feature != "admin1" or cand.admin1 == qual.admin1


def _context(mentions: list[_Mention]) -> dict[str, tuple[set, set, set]]:
    """Per name: countries named, countries of named towns/states, states named — by other names."""
    by_key: dict[str, list[Candidate]] = {}
    for m in mentions:
        if m.candidates:
            by_key.setdefault(m.key, m.candidates)
    facts: dict[str, tuple[str | None, str | None, str | None]] = {}
    for key, cands in by_key.items():
        top = cands[0]
        rival = next((c for c in cands[1:] if c.country != top.country), None)
        if rival is not None and top.score - rival.score < 1.5:
            continue  # too ambiguous to say what the document is about
        country = top.country if top.feature == "country" or top.kind == PREFERRED else None
        sub = top.country if top.feature in ("city", "admin1") and top.kind != PREFERRED else None
        state = top.admin1 if top.feature == "admin1" else None
        facts[key] = (country, sub, state)
    out: dict[str, tuple[set, set, set]] = {}
    for key in by_key:
        named, sub, states = set(), set(), set()
        for other, (country, sub_c, state) in facts.items():
            if other == key:
                continue
            if country:
                named.add(country)
            if sub_c:
                sub.add(sub_c)
            if state:
                states.add((sub_c, state))
        out[key] = (named, sub, states)
    return out


def _pick(cands: list[Candidate], ctx: tuple[set, set, set]) -> Candidate:
    named, sub, states = ctx

    def score(c: Candidate) -> float:
        s = c.score
        if c.country in sub:
            s += CTX_SUBNATIONAL
        elif c.country in named:
            s += CTX_COUNTRY
        if c.feature == "city" and (c.country, c.admin1) in states:
            s += CTX_ADMIN1
        return s

    return max(cands, key=lambda c: (score(c), -c.geonameid))


def _to_place(m: _Mention, cand: Candidate) -> Place:
    return Place(start=m.start, end=m.end, text=m.text, name=cand.name,
                 geonameid=cand.geonameid, lat=cand.lat, lon=cand.lon, country=cand.country,
                 admin1=cand.admin1, feature=cand.feature)


def resolve(text: str, spans: list[tuple[int, int]]) -> list[Place | None]:
    """Resolve given toponym spans (e.g. gold ones) to gazetteer places, same order; None if unknown."""
    gaz = load()
    mentions: list[_Mention] = []
    for start, end in spans:
        surface = text[start:end]
        cands = _as_qualifier(gaz, text, start, surface) or _candidates(gaz, surface)
        m = _Mention(start, end, surface, normalize(_surface(surface)), cands)
        qual = _qualifier(gaz, text, end) if cands else None
        if qual is not None:
            narrowed = [c for c in cands if _matches(c, qual)]
            if narrowed:
                m.candidates, m.qualified = narrowed, True
        mentions.append(m)

    ctx = _context(mentions)
    reading: dict[str, Candidate] = {}
    for m in mentions:  # an explicit qualifier fixes the reading for the whole document
        if m.qualified and m.key not in reading:
            reading[m.key] = _pick(m.candidates, ctx[m.key])
    out: list[Place | None] = []
    for m in mentions:
        if not m.candidates:
            out.append(None)
            continue
        if m.qualified:
            cand = _pick(m.candidates, ctx[m.key])
        else:
            if m.key not in reading:
                reading[m.key] = _pick(m.candidates, ctx[m.key])
            cand = reading[m.key]
        out.append(_to_place(m, cand))
    return out


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
    if last.pos_ != "PROPN" and (last.pos_ not in ("ADJ", "NOUN") or (
            top.feature == "city" and top.population < SENT_START_MIN_POP)):
        return False  # "the Kyiv region" tags Kyiv ADJ; "Reading" as a verb is no town
    if top.feature in ("country", "admin1", "continent"):
        return top.kind != ALTERNATE
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
          out: list[tuple[int, int]], blocked: set[str]) -> None:
    """Add gazetteer matches of capitalized runs between tokens start and end."""
    i = start
    while i < end:
        tok = doc[i]
        if not _capitalized(tok) or tok.text in blocked:
            i += 1
            continue
        stop, cands = _run_candidates(gaz, doc, i, end)
        surface = doc.text[tok.idx:doc[stop - 1].idx + len(doc[stop - 1].text)] if cands else ""
        if (_plausible(cands, surface) and not _inside_longer_name(doc, i, stop, start, end)
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


def recognize(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of toponyms in a parsed document, in text order."""
    gaz = load()
    spans: list[tuple[int, int]] = []
    covered = [False] * len(doc)
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
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


def places_in_doc(doc: Doc) -> list[Place]:
    """Recognize and resolve toponyms in an already-parsed spaCy Doc."""
    return [p for p in resolve(doc.text, recognize(doc)) if p is not None]


def parse(text: str) -> list[Place]:
    """Recognize and resolve the toponyms of a text (parses it with the shared pipeline)."""
    from eventwire import nlp

    return places_in_doc(nlp.parse(text))
