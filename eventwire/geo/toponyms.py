"""Toponym recognition (spaCy NER + gazetteer); resolution lives in eventwire.geo.resolver.

Recognition trusts spaCy's GPE/LOC/FAC entities, rescues names the small model
misses or mislabels ("Kyiv's military" comes out as PERSON) by matching
capitalized token runs against the gazetteer, and refuses demonyms (NORP) and
multi-token person names. ``parse`` and ``places_in_doc`` hand the spans to
``eventwire.geo.resolver.resolve``.

Local news names places in ways the small model cuts up, so a few general patterns
are read directly: "X County"/"X Parish" as one second-level name wherever it stands
(inside "the Sangamon County Sheriff's Office"), names listed before "counties", a
capitalized dateline ("SPRINGFIELD —"), a legislator's home after a party letter
("D-Kanawha"), a state abbreviation used as a modifier ("Mich. utilities"), a town
before its office or institution ("Huntsville Fire Chief", "Danbury police"), and a
country's name the model tags PERSON ("Sri Lanka's"). Streets, rivers and buildings,
which LGL also tags, are not recognized: the gazetteer cannot place them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.geo.gazetteer import (
    ALTERNATE,
    DEMONYM,
    PREFERRED,
    PRIMARY,
    Candidate,
    Gazetteer,
    load,
    normalize,
)
from eventwire.geo.gazetteer import (
    QUALIFIER as QUALIFIER_KIND,
)
from eventwire.geo.resolver import EDGE_WORDS as _EDGE_WORDS
from eventwire.geo.resolver import QUALIFIER as _QUALIFIER
from eventwire.geo.resolver import candidates as _candidates
from eventwire.geo.resolver import resolve
from eventwire.geo.resolver import surface as _surface
from eventwire.model import Place
from eventwire.nlp import text_of as _text

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
# "Henderson County", "Rapides Parish": the designator is part of the second-level name.
_COUNTY_WORDS = {"county": "County", "parish": "Parish"}
_COUNTY_PLURALS = {"counties": "County", "parishes": "Parish"}
# A town's name before one of these is the town's institution or office ("Huntsville Fire
# Chief", "Alexandria police", "Glen Carbon Elementary"): the name there is the place.
_INSTITUTION_WORDS = {
    "police", "fire", "mayor", "sheriff", "city", "town", "village", "council", "councilman",
    "councilwoman", "commissioners", "selectman", "superintendent", "schools", "high",
    "middle", "elementary", "parks", "officials", "residents", "resident", "man", "woman",
    "teen", "native", "area", "department", "detectives", "officers", "deputies",
}
# A town at least this big is taken before an institution word in any document.
INSTITUTION_MIN_POP = 20_000
# A dateline ("TORRINGTON —", "COLUMBUS, Ohio (AP) —") ends with one of these.
_DATELINE_ENDS = {"—", "--", "---", "-", "–", "―", "(", ",", ":"}
# A legislator's party and home ("Clif Moore, D-McDowell", "Rep. Clay Cox (R-Lilburn)").
_PARTY_HOME = re.compile(r"(?:^|[,(]\s?)(?:D|R|I|DFL)-([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)")


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
            span_text = _text(doc)[doc[i].idx: tok.idx + len(tok.text)]
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
        surface = _text(doc)[tok.idx:doc[stop - 1].idx + len(doc[stop - 1].text)] if cands else ""
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
    whole = _text(ent.doc)[start:end]
    if _plausible(gaz.lookup(_surface(whole)), whole):
        return start, end  # "Gaza City", "Kansas City": the edge word belongs to the name
    if not _plausible(_candidates(gaz, whole), whole):
        return None
    # drop edge words from the span itself so the evidence is the name
    while len(toks) > 1 and toks[0].lower_ in _EDGE_WORDS and gaz.lookup(
            _text(ent.doc)[toks[1].idx:end]):
        toks = toks[1:]
        start = toks[0].idx
    while len(toks) > 1 and toks[-1].lower_ in _EDGE_WORDS and gaz.lookup(
            _text(ent.doc)[start:toks[-2].idx + len(toks[-2].text)]):
        toks = toks[:-1]
        end = toks[-1].idx + len(toks[-1].text)
    return start, end


def _demonym(gaz: Gazetteer, text: str) -> bool:
    """Whether ``text`` is a people's adjective for a country ("Sudanese", "Sri Lankan")."""
    return any(c.kind == DEMONYM and c.feature == "country"
               for c in gaz.lookup(_surface(text), demonym=True))


def _names_state(gaz: Gazetteer, ent: Span) -> tuple[int, int] | None:
    """Span of a multi-word entity that is exactly a country's or a state's own name
    (less a possessive "'s"), else None."""
    toks = list(ent)
    while toks and toks[-1].lower_ in ("'s", "\u2019s", "'"):
        toks = toks[:-1]
    if len(toks) < 2 or not all(_capitalized(t) for t in toks):
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    cands = gaz.lookup(_surface(_text(ent.doc)[start:end]))
    if cands and cands[0].kind in (PRIMARY, PREFERRED) and cands[0].feature in (
            "country", "admin1"):
        return start, end
    return None


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word person names ("Jordan" after "Michael Jordan"), unless the
    document uses the word as a place name at least as often ("Rethinking Egypt" mistagged
    as a person in an article about Egypt) or the word heads an office's name."""
    in_person: dict[str, int] = {}
    as_place: dict[str, int] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            for t in e:
                if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _INSTITUTION_WORDS:
                    continue  # "Alexandria Police Spokeswoman Ann Hill": a town's office
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
            elif demonyms and _demonym(gaz, ent.text):
                spans.append((ent.start_char, ent.end_char))  # "the Sri Lankan capital" as GPE
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
        elif ent.label_ in ("PERSON", "ORG") and (state := _names_state(gaz, ent)):
            spans.append(state)  # "Sri Lanka's" tagged PERSON
        elif ent.label_ in ("ORG", "FAC") and len(ent) > 1:
            # "the Texas Department of Health", "Alexandria City Public Schools"
            _scan(gaz, doc, ent.start, ent.end, strict=True, out=spans, blocked=person_words,
                  inside_name=True)
        elif demonyms and ent.label_ == "NORP" and _demonym(gaz, ent.text):
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
    spans.extend(_county_lists(gaz, doc))
    spans.extend(_institution_towns(gaz, doc, spans))
    spans.extend(_state_abbreviations(gaz, doc, spans))
    datelines = _datelines(gaz, doc)
    spans.extend(datelines)
    spans.extend(_party_homes(gaz, _text(doc)))
    _local_towns(gaz, doc, spans, covered, person_words)
    _propagate(gaz, doc, spans, person_words)
    spans = _prefer(spans, _county_names(gaz, doc) + datelines)
    spans = [_with_final_period(_text(doc), s, e) for s, e in spans]
    # state abbreviations after a comma ("Alexandria, La.", "Paris, TX") are places too
    taken = {s for s, _ in spans}
    for _, end in list(spans):
        m = _QUALIFIER.match(_text(doc), end)
        if not m or m.start(1) in taken:
            continue
        word = m.group(1).split()[0]
        if any(c.feature == "admin1" for c in gaz.lookup(word, qualifier=True)):
            if word.endswith(".") and word[:-1].isupper() and "." not in word[:-1]:
                word = word[:-1]  # "TX." at the end of a sentence
            spans.append((m.start(1), m.start(1) + len(word)))
            taken.add(m.start(1))
    return sorted(set(spans))


def _admin2(gaz: Gazetteer, name: str) -> bool:
    return any(c.feature == "admin2" and c.kind != ALTERNATE for c in gaz.lookup(name))


def _county_names(gaz: Gazetteer, doc: Doc) -> list[tuple[int, int]]:
    """ "X County"/"X Parish" spans the gazetteer knows as second-level units, wherever
    they stand: the small model cuts them out of longer names ("Titus County Sheriff's
    Office" as one ORG) or tags them PERSON ("McMinn County Sheriff Steve Frisbie")."""
    found: list[tuple[int, int]] = []
    low = _text(doc).lower()
    if not any(w in low for w in _COUNTY_WORDS):
        return found  # most articles: no need to visit every token
    for tok in doc:
        if tok.i == 0 or tok.lower_ not in _COUNTY_WORDS or not _capitalized(tok):
            continue
        best = None
        for i in range(max(0, tok.i - 4), tok.i):  # longest name first
            if doc[i].lower_ in ("the", "a", "an") or not doc[i].is_alpha or not all(
                    _capitalized(t) or t.text == "-" for t in doc[i:tok.i]):
                continue
            start = doc[i].idx
            if _admin2(gaz, _text(doc)[start:tok.idx + len(tok.text)]):
                best = (start, tok.idx + len(tok.text))
                break
        if best:
            found.append(best)
    return found


def _institution_towns(gaz: Gazetteer, doc: Doc, spans: list[tuple[int, int]]
                       ) -> list[tuple[int, int]]:
    """Towns named as the seat of an office or institution ("said Avondale Mayor Ed
    Rieker", "Gainesville officials"), which the small model folds into a PERSON or ORG;
    the office word outweighs the name's use in a person's name elsewhere."""
    taken = {k for s, e in spans for k in range(s, e)}
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc) - 1:
        tok = doc[i]
        if (not _capitalized(tok) or not tok.is_alpha or tok.idx in taken
                or tok.lower_ in _EDGE_WORDS or tok.lower_ in ("the", "a", "an")
                or (i > 0 and _capitalized(doc[i - 1]) and doc[i - 1].is_alpha
                    and not doc[i - 1].is_sent_start)):
            i += 1
            continue
        stop, cands = _run_candidates(gaz, doc, i, min(len(doc), i + 3))
        if (cands and stop < len(doc) and doc[stop].lower_ in _INSTITUTION_WORDS
                and cands[0].kind != ALTERNATE and cands[0].feature in ("city", "admin2")
                and cands[0].population >= INSTITUTION_MIN_POP):
            last = doc[stop - 1]
            found.append((tok.idx, last.idx + len(last.text)))
            i = stop
        else:
            i += 1
    return found


def _county_lists(gaz: Gazetteer, doc: Doc) -> list[tuple[int, int]]:
    """Names listed before "counties"/"parishes" ("Walton and Oconee counties",
    "Navarro, Henderson and Ellis counties"): each is a county the gazetteer knows."""
    found: list[tuple[int, int]] = []
    low = _text(doc).lower()
    if not any(w in low for w in _COUNTY_PLURALS):
        return found
    for tok in doc:
        unit = _COUNTY_PLURALS.get(tok.lower_)
        if unit is None:
            continue
        j = tok.i - 1
        while j >= 0:
            k = j  # the name is the capitalized run ending at j
            while k > 0 and _capitalized(doc[k - 1]) and doc[k - 1].is_alpha:
                k -= 1
            if not (_capitalized(doc[j]) and doc[j].is_alpha) or k > j:
                break
            start, end = doc[k].idx, doc[j].idx + len(doc[j].text)
            if not _admin2(gaz, f"{_text(doc)[start:end]} {unit}"):
                break
            found.append((start, end))
            j = k - 1
            if j >= 0 and doc[j].lower_ in ("and", "or", "&"):
                j -= 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            if j >= 0 and doc[j].lower_ in ("and", "or", "&"):
                j -= 1
    return found


def _datelines(gaz: Gazetteer, doc: Doc) -> list[tuple[int, int]]:
    """Capitalized datelines at a sentence start ("TORRINGTON —", "MOUNT GILEAD (AP)",
    "COLUMBUS, Ohio"): a wire convention that names the town the story is filed from."""
    found: list[tuple[int, int]] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        n = 0
        while n < len(toks) and n < 4 and toks[n].text.isupper() and (
                toks[n].is_alpha or toks[n].text in ("ST.", "FT.", "MT.")):
            n += 1
        if not n or n >= len(toks) or toks[n].text not in _DATELINE_ENDS:
            continue
        start, end = toks[0].idx, toks[n - 1].idx + len(toks[n - 1].text)
        name = _text(doc)[start:end]
        if len(name) < 3:
            continue
        cands = [c for c in gaz.lookup(name.title()) if c.kind != ALTERNATE
                 and c.feature in ("city", "admin1", "admin2", "country")]
        if cands:
            found.append((start, end))
    return found


def _state_abbreviations(gaz: Gazetteer, doc: Doc, spans: list[tuple[int, int]]
                         ) -> list[tuple[int, int]]:
    """A state's abbreviation used as a modifier mid-sentence ("Major Mich. utilities",
    "a Ga. pastor"); one ending a sentence may be a word ("at Mass."), so it is left."""
    taken = {s for s, _ in spans}
    found: list[tuple[int, int]] = []
    for tok in doc[:-1]:
        if (len(tok.text) < 3 or not tok.text.endswith(".") or not _capitalized(tok)
                or tok.idx in taken or doc[tok.i + 1].is_sent_start or doc[tok.i + 1].is_punct):
            continue
        cands = gaz.lookup(tok.text, qualifier=True)
        if cands and cands[0].feature == "admin1" and cands[0].kind == QUALIFIER_KIND:
            found.append((tok.idx, tok.idx + len(tok.text)))
    return found


def _party_homes(gaz: Gazetteer, text: str) -> list[tuple[int, int]]:
    """The home after a legislator's party letter: a county, a town or a state."""
    found: list[tuple[int, int]] = []
    for m in _PARTY_HOME.finditer(text):
        name = m.group(1).rstrip(".") if m.group(1).count(".") == 1 and not m.group(
            1).endswith(".") else m.group(1)
        if any(c.feature in ("admin1", "admin2", "city") for c in gaz.lookup(
                name, qualifier=True)) or _admin2(gaz, f"{name} County"):
            found.append((m.start(1), m.start(1) + len(name)))
    return found


def _prefer(spans: list[tuple[int, int]], better: list[tuple[int, int]]
            ) -> list[tuple[int, int]]:
    """``spans`` with ``better`` in place of whatever overlaps them."""
    if not better:
        return spans
    kept = [s for s in spans if not any(s[0] < b[1] and b[0] < s[1] for b in better)]
    return kept + better


def _local_towns(gaz: Gazetteer, doc: Doc, spans: list[tuple[int, int]], covered: list[bool],
                 blocked: set[str]) -> None:
    """Small towns no entity covers, taken when they lie in a state or province the
    document's other places are in ("Moorhead" in a story about Fargo and Minnesota):
    local news names towns too small for the untagged-run threshold."""
    states = {(p.country, p.admin1) for p in resolve(_text(doc), spans)
              if p is not None and p.feature in ("city", "admin1", "admin2") and p.admin1}
    if not states:
        return
    taken = {k for s, e in spans for k in range(s, e)}
    # one-word PERSON/ORG entities are open to this too ("deputies in Roswell" tagged PERSON);
    # so are short ones that are a town's whole name ("Parkers Prairie" tagged PERSON)
    loose = {e.start for e in doc.ents if len(e) <= 3 and e.label_ in ("PERSON", "ORG")}
    whole = {e.start: e.end for e in doc.ents if len(e) > 1 and e.start in loose}
    # so is the head of an institution's name ("the Harwinton Senior Center")
    heads = {e.start + (e[0].lower_ == "the") for e in doc.ents
             if len(e) > 1 and e.label_ in ("ORG", "FAC")}
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if ((covered[i] and i not in loose and i not in heads) or tok.idx in taken
                or not _capitalized(tok) or (tok.text in blocked and i not in whole)
                or tok.pos_ != "PROPN" or tok.is_sent_start or tok.lower_ in _EDGE_WORDS):
            i += 1
            continue
        stop, cands = _run_candidates(gaz, doc, i, len(doc))
        last = doc[stop - 1] if cands else tok
        local = [c for c in cands if c.kind != ALTERNATE and c.population >= LOCAL_MIN_POP
                 and (c.country, c.admin1) in states and c.feature in ("city", "admin2")]
        if i in heads and stop < len(doc):  # "Dublin City Council", not "Columbia University"
            longer = doc[stop].lower_.rstrip(".") in _DESIGNATORS or (
                i > 0 and _capitalized(doc[i - 1]) and doc[i - 1].is_alpha)
        else:
            longer = _inside_longer_name(doc, i, stop, 0, len(doc))
        if tok.text in blocked and stop != whole.get(i):
            local = []  # a person's name unless the entity is the town's whole name
        if local and last.pos_ == "PROPN" and not longer:
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
    names = {_text(doc)[s:e] for s, e in spans if _text(doc)[s:e][:1].isupper()}
    names = {n for n in names if " " not in n and n not in blocked and gaz.lookup(n)}
    if not names:
        return
    taken = [False] * (len(_text(doc)) + 1)
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
    return [p for p in resolve(_text(doc), recognize(doc)) if p is not None]


def parse(text: str) -> list[Place]:
    """Recognize and resolve the toponyms of a text (parses it with the shared pipeline)."""
    from eventwire import nlp

    return places_in_doc(nlp.parse(text))
