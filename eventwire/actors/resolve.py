"""Actor resolution: mention text -> CAMEO-style Actor (country + sector).

One small grammar serves both entry points. A mention is read as items found
in the knowledge base (longest match first): an *entity* (country, demonym,
capital, seat of government, IGO, group), *sector* nouns ("finance ministry",
"military"), a *person* with dated offices, a possessive, "former". The code
comes from those items: a known person gives the office held on the
publication date; otherwise the first entity gives the country and the last
strong sector noun the sector. Capitals stand for their governments
("Moscow" -> RUSGOV) except where used as places ("a visit to Moscow").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from eventwire.actors.kb import KB, Entity, case_matches, first_word, load, norm
from eventwire.model import Actor
from eventwire.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Former office holders and out-of-office people are coded as elites (CAMEO's
# ELI), as the Phoenix dictionaries do for people outside their dated terms.
FORMER = "ELI"
_FORMER_WORDS = {"former", "ex", "ousted", "exiled", "retired", "deposed", "late"}
_DETERMINERS = {"the", "a", "an"}
# Words of rank inside a title ("Nigerian junior foreign minister"): part of the mention,
# no bearing on its code.
_RANK_WORDS = {"junior", "senior", "acting", "interim", "caretaker", "outgoing", "incoming",
               "top"}
_PLACE_WORDS = {"capital", "city", "region", "province", "town", "village", "oblast"}
_LOCATIVE = {"in", "into", "across", "near", "at", "to", "towards", "toward", "over",
             "around", "outside", "inside", "within", "throughout", "through", "on", "via"}
_LOWER_OK = {"of", "the", "and", "de", "del", "da", "al", "el", "bin", "ibn", "von", "van",
             "der", "la", "le", "du"}
_WORDLIKE = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"\w+(?:\.\w+)+\.?|\w+|[’']s\b|[’']|[^\w\s]")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    pos: str = ""  # spaCy coarse tag, "" for plain strings
    dep: str = ""
    head: int = -1
    ent: str = ""
    word: bool = field(init=False)  # holds a letter or digit (read many times per token)

    def __post_init__(self) -> None:
        self.word = self.text.isalnum() or _WORDLIKE.search(self.text) is not None


@dataclass(slots=True)
class Item:
    kind: str  # ent | per | sec | poss | det | former | of | place | other
    i: int  # first token
    j: int  # one past the last token
    ent: Entity | None = None
    people: tuple[int, ...] = ()
    sector: str | None = None
    weak: bool = False
    plural_people: bool = False  # a demonym naming people ("Libyans"), not a country


@dataclass(slots=True)
class _Memory:
    """Short forms of people named earlier in the same document."""

    names: dict[str, Actor | None] = field(default_factory=dict)

    def add(self, words: list[str], actor: Actor) -> None:
        keys = {norm(" ".join(words))}
        keys.update(norm(w) for w in words if len(w) > 1 and w[:1].isupper())
        for key in keys:
            old = self.names.get(key, actor)
            self.names[key] = actor if old is not None and old.code == actor.code else None

    def get(self, text: str) -> Actor | None:
        return self.names.get(norm(text))


def _ymd(published: str | date | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        published = published.date()
    if isinstance(published, date):
        return published.strftime("%Y%m%d")
    digits = re.sub(r"\D", "", str(published))[:8]
    return digits if len(digits) == 8 else None


def _tokens(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _capitalized(toks: list[Tok], every: bool = True) -> bool:
    """Proper-name casing: every word (people) or the first word (entities)."""
    words = [t.text for t in toks if t.text[:1].isalnum()]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not every:
        words = words[:1]
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _LOWER_OK for w in words
    )


def _segment(toks: list[Tok], text: str, kb: KB, strict: bool) -> list[Item]:
    """Longest-match the knowledge base over tokens, left to right."""
    items: list[Item] = []
    i, n = 0, len(toks)
    while i < n:
        found = None
        for j in range(_span_limit(toks, i, kb) if toks[i].word else i, i, -1):
            if not toks[j - 1].word:
                continue
            surface = text[toks[i].start : toks[j - 1].end]
            key = norm(surface)
            found = _lookup(key, surface, toks[i:j], kb, strict, i, j, toks)
            if found:
                break
        if found is not None and found.kind == "ent" and _against_or_for(toks, i):
            found = Item("other", found.i, found.j)  # "anti-Syria journalist": not Syrian
        if found is None:
            found = _fuzzy_person(toks, text, kb, i) if strict is False or \
                toks[i].pos == "PROPN" else None
        if found is None:
            found = _word_item(toks[i].text.lower(), i)
        items.append(found)
        i = found.j
    return items


def _against_or_for(toks: list[Tok], i: int) -> bool:
    return i >= 2 and toks[i - 1].text in ("-", "–") and toks[i - 2].text.lower() in (
        "anti", "pro") and toks[i - 1].start == toks[i - 2].end


_FUZZY_MIN_CHARS = 9  # shorter names are too close to other names for a one-letter slip


def _fuzzy_person(toks: list[Tok], text: str, kb: KB, i: int) -> Item | None:
    """A full name spelt one or two letters off ("Francois Mitterand", "Habyariman").

    Only runs of two or three capitalized words are tried, against known full names
    sharing the first letter and the surname's first three letters; the match must be
    unique (people of one country) and within one edit (two for names of 18+ characters).
    """
    n = 0
    while i + n < len(toks) and n < 4 and toks[i + n].text[:1].isupper() \
            and toks[i + n].text.isalpha():
        n += 1
    if n not in (2, 3):  # the whole run of capitalized words, never a part of a longer name
        return None
    prev = toks[i - 1].text if i > 0 else ""
    if prev[:1].isupper() and prev.isalpha() and not _after_title(prev):
        return None  # inside a longer name
    surface = norm(text[toks[i].start : toks[i + n - 1].end])
    if len(surface) < _FUZZY_MIN_CHARS:
        return None
    words = surface.split()
    limit = 2 if len(surface) >= 18 else 1
    hits: set[int] = set()
    for cand in kb.fuzzy_names.get((words[0][:1], words[-1][:3]), ()):
        if cand == surface:
            continue
        near = Levenshtein.distance(cand, surface, score_cutoff=limit) <= limit
        if not near and len(words) == 2 and len(words[0]) >= 6:
            # the surname exact, the given name transliterated ("Aleksandr")
            given, _, family = cand.partition(" ")
            near = family == words[1] and Levenshtein.distance(
                given, words[0], score_cutoff=3) <= 3
        if near:
            hits.update(kb.person_aliases[cand])
    if hits and len({t.country for h in hits for t in kb.people[h].terms}) == 1:
        # one person, or one person's entries under two spellings (Lukashenko/-a)
        return Item("per", i, i + n, people=tuple(sorted(hits)))
    return None


def _span_limit(toks: list[Tok], i: int, kb: KB) -> int:
    """One past the last token a knowledge-base key starting at ``i`` could cover.

    Most tokens start no key at all; skipping them (and capping the n-gram at
    the longest key with that first word) keeps segmentation linear in practice.
    """
    words = kb.starts.get(first_word(norm(toks[i].text)))
    if words is None:
        return i
    end, seen = _reach(toks, i, kb.max_words), 0
    for k in range(i, end):
        if toks[k].word:
            seen += 1  # each word-like token gives at least one word of the key
            if seen > words:
                return k
    return end


def _reach(toks: list[Tok], i: int, longest: int) -> int:
    """One past the last token an n-gram from ``i`` may cover (no punctuation gaps)."""
    j = i
    while j < len(toks) and j - i < longest and (
            toks[j].word or toks[j].text in ("-", "–", "'s", "’s", "'", "’", "&")):
        j += 1
    return j


def _in_longer_name(tok: Tok, toks: list[Tok], i: int) -> bool:
    """"Marco" in "Marco Rubio" is a given name, not the surname of someone else."""
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    prv = toks[i - 1].text if i > 0 else ""
    return bool(re.fullmatch(r"[A-Z][a-z]+", nxt) or re.fullmatch(r"[A-Z][a-z]+", prv)
                and not _after_title(prv))


def _after_title(word: str) -> bool:
    kb = load()
    return norm(word) in kb.sectors or norm(word) in kb.entities


def _lookup(key: str, surface: str, span: list[Tok], kb: KB, strict: bool,
            i: int, j: int, toks: list[Tok]) -> Item | None:
    ent = kb.entities.get(key)
    if ent is not None and (not ent.case_form or any(
            case_matches(surface, form) for form in ent.case_form.split("|"))) and (
            not strict or _capitalized(span, every=False)):
        base = kb.entities.get(key[:-1]) if key.endswith("s") else None  # Libyans: Libyan
        plural = (base is not None and base.country == ent.country and ent.kind == "country"
                  and key != norm(ent.name))
        return Item("ent", i, j, ent=ent, plural_people=plural)
    people = kb.person_aliases.get(key)
    if people:
        single = len(key.split()) == 1
        ok = _capitalized(span) if strict or single and not surface.islower() else True
        if single and strict:
            ok = ok and span[0].pos == "PROPN"
        if single and ok:
            ok = not _in_longer_name(span[0], toks, i)
        if ok:
            return Item("per", i, j, people=people, sector=_title_sector(key, kb))
    sec = kb.sectors.get(key)
    if sec is not None:
        return Item("sec", i, j, sector=sec[0], weak=sec[1])
    return None


def _title_sector(key: str, kb: KB) -> str | None:
    """The office in a dictionary alias that carries a title ("president bush")."""
    words = key.split()
    for n in (3, 2, 1):
        sec = kb.sectors.get(" ".join(words[:n])) if len(words) > n else None
        if sec is not None and not sec[1]:
            return sec[0]
    return None


def _word_item(word: str, i: int) -> Item:
    if word in ("'s", "’s", "'", "’"):
        return Item("poss", i, i + 1)
    if word in _DETERMINERS:
        return Item("det", i, i + 1)
    if word in _FORMER_WORDS:
        return Item("former", i, i + 1)
    if word in _RANK_WORDS:
        return Item("rank", i, i + 1)
    if word == "of":
        return Item("of", i, i + 1)
    if word in ("from", "in", "ethnic"):
        return Item(word, i, i + 1)
    if word in _PLACE_WORDS:
        return Item("place", i, i + 1)
    return Item("other", i, i + 1)


def _person_code(kb: KB, people: tuple[int, ...], ymd: str | None) -> tuple[str, str | None] | None:
    """(country, sector) of the office held on ``ymd``; ELI outside all terms."""
    terms = [(t, pid) for pid in people for t in kb.people[pid].terms]
    if ymd is None:
        open_terms = [(t, pid) for t, pid in terms if not t.end]
        pool = open_terms or terms
        if len({pid for _, pid in pool}) > 1 and len(people) > 1:
            return None
        best = max(pool, key=lambda tp: tp[0].start)[0]
        return best.country, best.sector if not best.end else FORMER
    current = [(t, pid) for t, pid in terms if t.start <= ymd and (not t.end or ymd <= t.end)]
    if current:
        best = max(current, key=lambda tp: tp[0].start)[0]
        return best.country, best.sector
    if len({t.country for t, _ in terms}) > 1 and len(people) > 1:
        return None  # a shared name, several countries, nobody in office: do not guess
    past = [t for t, _ in terms if t.end and t.end < ymd]
    ref = max(past, key=lambda t: t.end) if past else min((t for t, _ in terms),
                                                          key=lambda t: t.start)
    return ref.country, FORMER


def _actor(country: str, sector: str | None, name: str) -> Actor:
    return Actor(name=name, country=country, sector=sector, code=country + (sector or ""))


def _code(items: list[Item], kb: KB, ymd: str | None, context: Actor | None = None,
          locative: bool = False, person_actor: Actor | None = None) -> Actor | None:
    """The Actor a mention's items describe, or None when no country is known."""
    former = any(it.kind == "former" for it in items)
    pers = [it for it in items if it.kind == "per"]
    if person_actor is not None:
        actor = person_actor
        return _actor(actor.country or "", FORMER, actor.name) if former else actor
    ents = [it.ent for it in items if it.kind == "ent" and it.ent is not None]
    ents = _ethnic_home(items, ents)
    secs = [it for it in items if it.kind == "sec"]
    cut = next((it.i for it in items if it.kind == "from"), None)
    if cut is not None and any(it.i < cut and not it.weak for it in secs):
        secs = [it for it in secs if it.i < cut]  # "doctors from aid groups": doctors
    strong = [it.sector for it in secs if not it.weak]
    weak = [it.sector for it in secs if it.weak]
    if pers:
        found = _person_code(kb, pers[-1].people, ymd)
        if found is not None:
            country, sector = found
            names = {kb.people[p].name for p in pers[-1].people}
            name = sorted(names)[0]
            if former:
                sector = FORMER
            elif sector == FORMER and (strong or pers[-1].sector):
                # the text gives the office ("President Suharto"): it holds then, whatever
                # our dated terms say about the publication day
                sector = strong[-1] if strong else pers[-1].sector
            stated = next((e.country for e in ents if e.kind != "igo" and e.country), None)
            if stated and stated != country:
                # "Nigerian junior foreign minister ...": the stated country beats a person
                # matched on name alone
                return _actor(stated, strong[-1] if strong else None, name)
            return _actor(country, sector, name)
    if ents:
        ent = ents[0]
        country, name = ent.country, ent.name
        own = ent.sector
        if ent.kind == "capital" and not locative:
            own = "GOV"
    elif strong and strong[-1] == "NGO":
        return _actor("NGO", None, "non-governmental organization")  # "a rights group"
    elif context is not None and context.country and secs:
        country, name, own = context.country, context.name, None
    else:
        return None
    if ents and ents[0].kind == "igo":
        # "UN peacekeepers" -> UNOMIL, "Arab League Secretary General" -> ARLGOV
        return _actor(country, strong[-1] if strong else None, name)
    if not secs and any(it.plural_people for it in items if it.kind == "ent") and any(
            it.kind in ("ethnic", "in", "of", "from") for it in items):
        # "ethnic Albanians", "Palestinians of the West Bank": people, not the polity
        # ("the Palestinians reject ..." stays the polity)
        own = own or "CVL"
    ent_sector = next((e.sector for e in ents if e.sector), None)
    sector = (strong[-1] if strong else None) or ent_sector or (weak[-1] if weak else None) \
        or own
    if former and sector is not None:
        sector = FORMER
    return _actor(country, sector, name)


def _ethnic_home(items: list[Item], ents: list[Entity]) -> list[Entity]:
    """"ethnic Albanians in south Serbia": an ethnic group lives where the mention says."""
    if not any(it.kind == "ethnic" for it in items):
        return ents
    at = next((it.i for it in items if it.kind == "in"), None)
    later = [it.ent for it in items if it.kind == "ent" and it.ent and at is not None
             and it.i > at]
    return later or ents


def resolve(mention: str, context: str | None = None,
            published: str | date | None = None) -> Actor | None:
    """Code one actor mention; ``context`` lends a country to bare sector nouns.

    Unknown or country-less mentions ("air defences") give None rather than a
    guess. ``published`` dates people's offices (a former leader is ELI).
    """
    kb = load()
    ymd = _ymd(published)
    toks = _tokens(mention)
    items = _segment(toks, mention, kb, strict=False)
    ctx = _code(_segment(_tokens(context), context, kb, strict=False), kb, ymd) if context else None
    actor = _code(items, kb, ymd, context=ctx)
    if actor is None:
        actor = _placed(toks, items, kb, ymd, mention)
    return actor


_PLACE_MIN_POPULATION = 50_000  # smaller towns share names across countries too often
_PLACE_FEATURES = {"city", "admin1", "admin2"}


def _placed(toks: list[Tok], items: list[Item], kb: KB, ymd: str | None,
            text: str) -> Actor | None:
    """A mention led by a well-known place the knowledge base lacks ("Mariupol", "Kano State
    government", "Rakhine rebels"): the place's country, the sector from the words after it.
    Only clear readings: a sizeable place, far bigger than any namesake in another country."""
    from eventwire.geo import lookup

    lead_items = [it for it in items if it.kind != "det"]
    if len(lead_items) > 2 and lead_items[0].kind == "sec" and lead_items[1].kind == "of":
        items = lead_items
        # "government of Sindh province": the place after "of", the sector before it
        after = toks[items[2].i:]
        found = _placed(after, _segment(after, text, kb, False), kb, ymd, text) \
            if after and after[0].text[:1].isupper() else None
        if found is None or not found.country:
            return None
        return _code([items[0]], kb, ymd, context=found)
    lead = 0
    while lead < len(toks) and lead < 4 and toks[lead].text[:1].isupper():
        lead += 1
    for n in range(lead, 0, -1):
        name = " ".join(t.text for t in toks[:n])
        cands = [c for c in lookup(name) if c.feature in _PLACE_FEATURES and c.country]
        if not cands:
            continue
        best = max(cands, key=lambda c: c.population)
        rival = max((c.population for c in cands if c.country != best.country), default=0)
        if best.population < _PLACE_MIN_POPULATION or best.population < 5 * rival:
            return None
        rest = [it for it in items if it.i >= n and it.kind != "place"]  # "Sindh province"
        if rest and not any(it.kind == "sec" for it in rest):
            return None  # "Harvard Business School": a name that only starts with a place
        place = _actor(best.country or "", None, best.name)
        return _code(rest, kb, ymd, context=place) if rest else place
    return None


# -- documents --------------------------------------------------------------

def _doc_tokens(doc: Doc) -> list[Tok]:
    return [Tok(t.text, t.idx, t.idx + len(t.text), t.pos_, t.dep_, t.head.i, t.ent_type_)
            for t in doc]


def _person_run(toks: list[Tok], k: int) -> int:
    """End of a PERSON-entity / proper-noun run starting at token ``k``."""
    j = k
    while j < len(toks) and (toks[j].ent == "PERSON" or (
            toks[j].pos == "PROPN" and j > k and toks[j - 1].ent == "PERSON")):
        j += 1
    return j


def named_alone(word: str) -> bool:
    """Whether a word is a name the knowledge base codes on its own ("China", "NATO",
    "Beijing"), with no earlier mention needed; people are not (their codes depend on
    the full name and the date)."""
    return norm(word) in load().entities


def may_mention(words: set[str]) -> bool:
    """Whether lower-cased words hold a sector noun of the knowledge base ("police",
    "rebels", "ministry"), judged before the parse; named entities are the caller's
    other clue to a coded actor."""
    return not _sector_words().isdisjoint(words)


@lru_cache(maxsize=1)
def _sector_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in (first_word(k) for k in load().sectors)
                     if len(w) >= 3 and w not in STOP_WORDS)


def actors_in_doc(doc: Doc, published: str | date | None = None) -> list[Actor]:
    """Every actor mention in a parsed article, with character offsets.

    Mentions do not overlap; the longest reading wins ("Russian president
    Vladimir Putin" is one mention). People named in full earlier in the
    document are recognized again by their short form ("Xi", "Putin").
    """
    kb = load()
    ymd = _ymd(published)
    toks = _doc_tokens(doc)
    text = text_of(doc)
    items = _segment(toks, text, kb, strict=True)
    memory = _Memory()
    out: list[Actor] = []
    k = 0
    while k < len(items):
        end, actor = _mention(items, k, toks, text, kb, ymd, memory)
        if actor is not None:
            out.append(actor)
        k = max(end, k + 1)
    return _share_sectors(out, toks, text)


def _mention(items: list[Item], k: int, toks: list[Tok], text: str, kb: KB,
             ymd: str | None, memory: _Memory) -> tuple[int, Actor | None]:
    """Read one mention starting at item ``k``; returns (next item, actor)."""
    m = k
    while m < len(items) and items[m].kind in ("det", "former"):
        m += 1
    first = m
    taken: list[Item] = [it for it in items[k:m] if it.kind == "former"]
    has_ent = False
    if m < len(items) and items[m].kind == "ent":
        taken.append(items[m])
        has_ent = True
        m += 1
        if _group_after_demonym(items, m):
            taken.append(items[m])  # "Palestinian Islamic Jihad": its country, the group's sector
            m += 1
        if m < len(items) and items[m].kind == "poss" and m + 1 < len(items) \
                and items[m + 1].kind in ("sec", "per", "former"):
            m += 1
        elif (m + 1 < len(items) and items[m].kind == "place"
              and items[m + 1].kind == "ent"):
            m += 2  # "the Ukrainian capital Kyiv": a place, coded by its first entity
            return m, _located(items, k, first, m, toks, text, kb, ymd, place=True)
    while m < len(items) and (items[m].kind in ("sec", "former") or (
            items[m].kind == "rank" and m + 1 < len(items) and items[m + 1].kind == "sec")):
        if items[m].kind != "rank":
            taken.append(items[m])
        m += 1
    m = _drop_modifier_sectors(items, taken, first, m, toks)
    while m > first + 1 and items[m - 1].kind == "poss":
        m -= 1
    person_actor = None
    if m < len(items) and items[m].kind == "per":
        taken.append(items[m])
        m += 1
    elif m < len(items) and toks[items[m].i].ent == "PERSON":
        stop = _person_run(toks, items[m].i)
        words = [t.text for t in toks[items[m].i : stop]]
        person_actor = memory.get(" ".join(words))
        if has_ent or person_actor is not None:
            while m < len(items) and items[m].j <= stop:
                m += 1
        elif any(it.kind == "sec" for it in taken):
            return m, None
    secs_only = not has_ent and not any(it.kind == "per" for it in taken)
    if secs_only and person_actor is None:
        if any(it.kind == "sec" for it in taken) and _of_ent(items, m, toks):
            return _of_mention(items, k, first, m, toks, text, kb, ymd)
        return max(m, k + 1), None
    if m == first:
        return k + 1, None
    loc = _is_locative(items, first, m, toks)
    actor = _code(taken, kb, ymd, locative=loc, person_actor=person_actor)
    if actor is None:
        return m, None
    span_start, span_end = toks[items[first].i].start, toks[items[m - 1].j - 1].end
    _remember(items, first, m, toks, actor, memory)
    return m, _with_span(actor, text, span_start, span_end)


def _group_after_demonym(items: list[Item], m: int) -> bool:
    """A country word right before a named group that has its own sector."""
    if m >= len(items) or items[m].kind != "ent" or items[m - 1].kind != "ent":
        return False
    first, second = items[m - 1].ent, items[m].ent
    return (first is not None and second is not None and first.kind == "country"
            and not first.sector and second.kind in ("group", "seat")
            and second.sector is not None and items[m].i == items[m - 1].j)


_CONJ_GAPS = {" and ", ", ", ", and ", " & ", " or "}


def _share_sectors(actors: list[Actor], toks: list[Tok], text: str) -> list[Actor]:
    """"Hungarian and Romanian officials": the first adjective shares the head noun.

    A country adjective with no sector of its own, joined by "and"/"," to a mention
    whose sector comes from the noun they both modify, takes that sector too.
    """
    by_start = {t.start: t for t in toks}
    out = list(actors)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.sector or not b.sector or a.start is None or a.end is None or b.start is None:
            continue
        if text[a.end : b.start].lower() not in _CONJ_GAPS or a.country == b.country:
            continue
        last = next((t for t in reversed(toks) if t.start < a.end), None)
        head = by_start.get(b.start)
        if last is None or head is None or last.pos not in ("ADJ", "PROPN") or \
                last.dep not in ("amod", "compound", "nmod", "conj") or len(a.text or "") > 30:
            continue
        if a.country and a.name == b.name:
            continue
        out[k] = Actor(name=a.name, country=a.country, sector=b.sector,
                       code=(a.country or "") + b.sector, text=a.text, start=a.start, end=a.end)
    return out


def _drop_modifier_sectors(items: list[Item], taken: list[Item], first: int, m: int,
                           toks: list[Tok]) -> int:
    """Cut sector nouns that modify a non-actor noun ("military campaign")."""
    while m > first and items[m - 1].kind == "sec" and toks:
        last = toks[items[m - 1].j - 1]
        nxt = items[m].kind if m < len(items) else ""
        idx = items[m - 1].j - 1
        if last.dep in ("compound", "amod", "nmod") and last.head > idx and nxt not in ("per",) \
                and toks[last.head].ent != "PERSON":
            taken.remove(items[m - 1])
            m -= 1
        else:
            break
    return m


def _of_ent(items: list[Item], m: int, toks: list[Tok]) -> bool:
    """Whether "of" and an entity follow ("president of Russia"); not when the entity owns a
    further noun that is no sector of it ("the chief of Israel's militia ally" heads the
    ally, not Israel; "leaders of Romania's new government" still lead Romania's)."""
    if m < len(items) and items[m].kind == "of":
        n = m + 1
        while n < len(items) and items[n].kind == "det":
            n += 1
        return n < len(items) and items[n].kind == "ent" and not _owns_other(items, n, toks)
    return False


def _owns_other(items: list[Item], n: int, toks: list[Tok]) -> bool:
    """Whether entity item ``n`` is the possessor of a noun (its head in the parse) that is
    not a sector noun."""
    if n + 1 >= len(items) or items[n + 1].kind != "poss":
        return False
    owned = toks[items[n].j - 1].head
    return not any(it.kind == "sec" and it.i <= owned < it.j for it in items[n + 2:])


def _of_mention(items: list[Item], k: int, first: int, m: int, toks: list[Tok], text: str,
                kb: KB, ymd: str | None) -> tuple[int, Actor | None]:
    """"residents of the Ukrainian capital Kyiv", "president of Russia"."""
    taken = [it for it in items[k:m] if it.kind in ("sec", "former")]
    n = m + 1
    while items[n].kind == "det":
        n += 1
    taken.append(items[n])
    n += 1
    if n + 1 < len(items) and items[n].kind == "place" and items[n + 1].kind == "ent":
        n += 2
    actor = _code(taken, kb, ymd, locative=True)
    if actor is None:
        return n, None
    return n, _with_span(actor, text, toks[items[first].i].start, toks[items[n - 1].j - 1].end)


def _located(items: list[Item], k: int, first: int, m: int, toks: list[Tok], text: str,
             kb: KB, ymd: str | None, place: bool) -> Actor | None:
    actor = _code([items[first]], kb, ymd, locative=place)
    if actor is None:
        return None
    return _with_span(actor, text, toks[items[first].i].start, toks[items[m - 1].j - 1].end)


def _is_locative(items: list[Item], first: int, m: int, toks: list[Tok]) -> bool:
    """A lone capital after "in"/"to"/"capital" names a place, not a government."""
    if m - first != 1 or items[first].kind != "ent":
        return False
    i = items[first].i
    while i > 0 and toks[i - 1].text.lower() in _DETERMINERS:
        i -= 1
    prev = toks[i - 1].text.lower() if i > 0 else ""
    return prev in _LOCATIVE or prev in _PLACE_WORDS


def _remember(items: list[Item], first: int, m: int, toks: list[Tok], actor: Actor,
              memory: _Memory) -> None:
    last = items[m - 1]
    words = [t.text for t in toks[last.i : last.j]]
    if last.kind == "per" or (toks[last.i].ent == "PERSON" and last.kind == "other"):
        start = last.i
        while start > items[first].i and toks[start - 1].ent == "PERSON" and \
                toks[start - 1].pos == "PROPN":
            start -= 1
        words = [t.text for t in toks[start : last.j]]
        memory.add(words, Actor(actor.name, actor.country, actor.sector, actor.code))


def _with_span(actor: Actor, text: str, start: int, end: int) -> Actor:
    return Actor(name=actor.name, country=actor.country, sector=actor.sector, code=actor.code,
                 text=text[start:end], start=start, end=end)
