"""Find event triggers: lemma lookups in the hand-made lexicon, checked against the parse.

The lexicon (``eventwire/data/event_triggers.tsv``) only names CAMEO codes; PLOVER type,
quad and intensity are looked up in the ontology table, so they cannot drift apart.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventwire import ontology

if TYPE_CHECKING:
    from spacy.tokens import Token

OBJ_DEPS = {"dobj", "nsubjpass", "obj"}
MOD_DEPS = {"compound", "amod", "nmod"}
# Object heads that only measure or divide the thing acted on ("part of a military aid
# program", "700 kg of medicine", "$50,000 worth of goods"): the X of "... of X" counts too.
PARTITIVES = {"one", "some", "dozens", "hundreds", "thousands", "millions", "part", "all",
              "most", "much", "many", "several", "each", "half", "rest", "kg", "kilograms",
              "tons", "tonnes", "worth", "lot", "lots", "number", "amount", "quantity",
              "batch", "shipment", "consignment", "state"}  # "a state of emergency / siege"
# Object heads that only say what kind of document, undertaking or group the act is on:
# the word compounded onto them (or its adjective) names the thing ("violated the ceasefire
# agreement", "halted its mediation efforts" are a ceasefire violated, mediation halted;
# "sent a medical team", "took part in peacekeeping operations", "shelter materials").
KIND_HEADS = {"agreement", "accord", "deal", "pact", "arrangement", "effort", "mission",
              "process", "initiative", "programme", "program", "line", "regime",
              "troop", "force", "contingent", "soldier", "unit",  # "peacekeeping troops"
              "team", "operation", "material", "item",
              "message"}  # "sent a condolence message"


@dataclass(frozen=True, slots=True)
class Rule:
    lemma: str
    pos: str  # V or N
    cameo: str
    mode: str | None
    require: tuple[tuple[str, frozenset[str]], ...]


@dataclass(slots=True)
class Trigger:
    """A matched trigger: the head token, its rule, and the tokens its constraints used."""

    token: Token
    rule: Rule
    used: list[Token]  # object/particle/modifier tokens the rule consumed
    instrument: Token | None  # an object that is what is used/imposed, not who is hit

    @property
    def cameo(self) -> str:
        return self.rule.cameo

    @property
    def plover_type(self) -> str:
        info = ontology.lookup(self.rule.cameo)
        assert info.plover_type is not None
        return info.plover_type

    @property
    def is_statement(self) -> bool:
        """A rule whose code is a statement PLOVER does not code ("rejected the
        accusations": CAMEO 016, deny responsibility): it codes no event, and keeps the
        classifiers from coding its verb as one."""
        return ontology.lookup(self.rule.cameo).plover_type is None


@lru_cache(maxsize=1)
def rules() -> dict[tuple[str, str], list[Rule]]:
    """The lexicon, by (lemma, pos); most constrained rule first."""
    text = resources.files("eventwire").joinpath("data/event_triggers.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[tuple[str, str], list[Rule]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        require = []
        for cond in filter(None, (c.strip() for c in (row["require"] or "").split(";"))):
            kind, _, vals = cond.partition("=")
            require.append((kind.strip(), frozenset(v.strip() for v in vals.split("|"))))
        rule = Rule(row["lemma"].strip(), row["pos"].strip(), row["cameo"].strip(),
                    (row["mode"] or "").strip() or None, tuple(require))
        out.setdefault((rule.lemma, rule.pos), []).append(rule)
    for lst in out.values():
        lst.sort(key=lambda r: -len(r.require))
    return out


# Condition kinds that name the words a rule needs near its head (its object, particle ...)
_WORD_KINDS = ("obj", "patient", "mod", "prt", "prep", "must", "pobj", "xcomp")


@lru_cache(maxsize=1)
def _needs() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """Lemma -> for each of its rules, the word sets the rule needs one word of."""
    out: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for (lemma, _pos), lst in rules().items():
        for rule in lst:
            need = tuple(vals for kind, vals in rule.require
                         if kind in _WORD_KINDS and "*" not in vals)
            out.setdefault(lemma, []).append(need)
    return {lemma: tuple(needs) for lemma, needs in out.items()}


def may_fire(words: set[str]) -> bool:
    """Whether any rule could match in a sentence of these lower-cased words, judged
    before the parse: some word may have a rule's lemma, and the words the rule's
    conditions name occur too. Never False where ``find`` could find a trigger."""
    from eventwire.nlp import lemma_candidates

    forms: set[str] = set(words)
    for w in words:
        forms |= lemma_candidates(w)
    needs = _needs()
    for lemma in forms & needs.keys():
        for need in needs[lemma]:
            if all(not vals.isdisjoint(forms) for vals in need):
                return True
    return False


def objects(tok: Token) -> list[Token]:
    """Objects of a verb: dobj / nsubjpass, "one of the X" -> X, and their conjuncts."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in OBJ_DEPS:
            found.append(child)
    for obj in list(found):
        if obj.pos_ in ("NUM", "PRON", "DET") or obj.lower_ in PARTITIVES:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    found.extend(p for p in prep.children if p.dep_ == "pobj")
    for obj in list(found):
        found.extend(c for c in obj.conjuncts if c not in found)
    return found


def _prep_holders(tok: Token) -> list[Token]:
    """The word and, for a noun that is a light verb's object, that verb: the parse often
    hangs the noun's preposition on the verb ("opened a hearing Wednesday into X")."""
    from eventwire.events.roles import is_light

    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "obj") and is_light(tok.head):
        return [tok, tok.head]
    return [tok]


def _named(nouns: list[Token], vals: frozenset[str], kinds: bool) -> list[Token]:
    """The nouns that are one of ``vals`` ("*": any); with ``kinds``, failing those, the
    word compounded onto a kind-of head, or its adjective ("the CEASEFIRE agreement",
    "PEACEKEEPING troops", "a MEDICAL team")."""
    hits = [o for o in nouns if "*" in vals or o.lemma_.lower() in vals or o.lower_ in vals]
    if not hits and kinds:
        # with the modifier's conjuncts: "search-and-rescue teams" is a rescue team
        mods = [m for o in nouns if o.lemma_.lower() in KIND_HEADS for c in o.children
                if c.dep_ in ("compound", "amod", "nmod") for m in (c, *c.conjuncts)]
        hits = [m for m in mods if m.lemma_.lower() in vals or m.lower_ in vals]
    return hits


def _check(tok: Token, kind: str, vals: frozenset[str]) -> list[Token] | None:
    """Tokens satisfying one condition (empty list = satisfied without a token), None = fails."""
    anyval = "*" in vals
    if kind in ("obj", "patient"):
        objs = objects(tok)
        return _named(objs, vals, kind == "obj") or None
    if kind == "pobj":  # "put under investigation", "a suspension of air links"
        objs = [o for p in tok.children if p.dep_ in ("prep", "agent") for o in p.children
                if o.dep_ == "pobj"]
        return _named(objs, vals, True) or None
    if kind == "noobj":
        return None if any(c.dep_ in ("dobj", "obj") for c in tok.children) else []
    if kind == "prt":
        hits = [c for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in vals]
        return hits or None
    if kind == "prep":
        hits = [c for c in _prep_holders(tok) for c in c.children
                if c.dep_ in ("prep", "agent", "dative") and c.lower_ in vals]
        # "called for the UN to send troops": the preposition marks a clause of its own
        hits += [m for c in tok.children if c.dep_ in ("advcl", "ccomp")
                 for m in c.children if m.dep_ == "mark" and m.lower_ in vals]
        return hits or None
    if kind == "mod":
        hits = [c for c in tok.children if c.dep_ in MOD_DEPS and (anyval or c.lemma_.lower() in vals or c.lower_ in vals)]
        return hits or None
    if kind == "must":  # "said Libya must hand over the suspects": a demand of Libya; a
        # pronoun subject is most often the speaker itself ("Russia said it must respond")
        # On a noun ("a reminder to Iraq that it must cooperate") the clause says what the
        # message is, and its pronoun is the party addressed.
        noun = tok.pos_ in ("NOUN", "PROPN")
        hits = [c for c in tok.children if c.dep_ in (("acl", "ccomp") if noun else ("ccomp",))
                and any(a.dep_ == "aux" and a.lower_ in vals for a in c.children)
                and any(s.dep_ in ("nsubj", "nsubjpass") and (noun or s.pos_ != "PRON")
                        for s in c.children)]
        return hits or None
    if kind == "xcomp":  # "warned X not to", "ordered X to appear (for questioning)"
        # the parse often makes "X to V" a clause of its own ("allowed refugees to return")
        hits = [c for c in tok.children if (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and any(
            a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)))
                and (anyval or c.lemma_.lower() in vals)]
        return hits or None
    raise ValueError(f"unknown trigger condition {kind!r}")


def match(tok: Token) -> Trigger | None:
    """The most specific lexicon rule whose conditions hold on this token, if any."""
    if tok.pos_ in ("VERB",):
        pos = "V"
    elif tok.pos_ in ("NOUN", "PROPN"):
        pos = "N"
        if tok.dep_ == "compound" and _names_a_group(tok.head):
            return None  # "riot police", "protest leaders": a kind of people, not an act
    else:
        return None
    if _hyphenated_modifier(tok) or (tok.tag_ == "VBN" and tok.dep_ == "amod"
                                     and tok.head.i > tok.i):
        # "a UN-sanctioned operation", "the alleged (human rights) abuses", "the banned
        # group": a participle before its noun describes it, it is not an act
        return None
    candidates = rules().get((tok.lemma_.lower(), pos))
    if not candidates and pos == "N":
        candidates = rules().get((tok.lower_, pos))
    if not candidates:
        return None
    for rule in candidates:
        used: list[Token] = []
        instrument = None
        ok = True
        for kind, vals in rule.require:
            hits = _check(tok, kind, vals)
            if hits is None:
                ok = False
                break
            used.extend(hits)
            if kind == "obj" and "*" not in vals and hits:
                instrument = hits[0]
        if ok:
            return Trigger(tok, rule, used, instrument)
    return None


def _hyphenated_modifier(tok: Token) -> bool:
    """Whether a word is the last part of a hyphenated modifier of a noun ("a UN-sanctioned
    operation", "a Western-backed plan", "a UN-sanction force"): it describes the noun's
    thing, it is no event of its own."""
    if tok.dep_ not in ("amod", "compound", "nmod") or tok.head.i <= tok.i or tok.i < 2:
        return False
    doc = tok.doc
    hyph, before = doc[tok.i - 1], doc[tok.i - 2]
    return hyph.text == "-" and not hyph.whitespace_ and not before.whitespace_ and before.is_alpha


def _names_a_group(tok: Token) -> bool:
    from eventwire.actors import may_mention

    return may_mention({tok.lower_, tok.lemma_.lower()})


def find(sent) -> list[Trigger]:  # noqa: ANN001 - a spaCy Span
    """All triggers of a sentence; a word another trigger's rule consumed (its object or
    modifier: "ceasefire" in "ceasefire violations") is not a trigger again. An act made
    conditional on what someone else does is a threat (``conditional``)."""
    found = [t for t in (match(tok) for tok in sent) if t is not None]
    # "rejected accusations that its troops shelled the town", "claimed responsibility for
    # the attack": what a statement rule's object or preposition tells (the shelling
    # denied, the attack claimed) is no event either
    denied = {w.i for t in found if t.is_statement
              for u in (*t.used, *(c for c in t.token.children if c.dep_ == "prep"))
              for w in u.subtree}
    found = [t for t in found if not t.is_statement and t.token.i not in denied]
    consumed = {u.i for t in found for u in t.used if u.i != t.token.i}
    speech = {t.token.i for t in found if t.plover_type in _SPEECH_ACTS}
    return [conditional(t) for t in found if t.token.i not in consumed
            and not _purpose_of(t.token, speech)]


def statement_heads(sent) -> set[int]:  # noqa: ANN001 - a spaCy Span
    """Token indices of the words a statement rule matched (``Trigger.is_statement``):
    the classifiers must not code those verbs as events either."""
    return {t.token.i for t in (match(tok) for tok in sent) if t is not None and t.is_statement}


# Verbal acts whose purpose clause says what was asked or offered for, not a deed.
_SPEECH_ACTS = {"REQUEST", "THREATEN", "AGREE"}


def _purpose_of(tok: Token, speech: set[int]) -> bool:
    """"demanded a meeting of the Council to discuss the offensive", "pushed for the US to
    support the plan": a to-infinitive or for-clause hung on a demand (threat, offer) is
    what was asked or what it is for, not an act of its own (as the demand's complement
    is not)."""
    return tok.dep_ == "advcl" and tok.head.i in speech and any(
        (a.dep_ == "aux" and a.tag_ == "TO") or (a.dep_ == "mark" and a.lower_ == "for")
        for a in tok.children)


def conditional(trig: Trigger) -> Trigger:
    """"will withdraw its force unless X arranges a ceasefire", "may halt its mediation if
    cooperation founders", "could close the strait if attacked": an act the speaker makes
    depend on what others do is a threat of that act (CAMEO 13x, ``threat_codes.tsv``).
    "unless" makes any act with a threat form one; "if" only a conflictual act that is
    future or possible."""
    from eventwire.events import modality

    tok = trig.token
    if tok.pos_ != "VERB" or modality.is_negated(tok):
        return trig
    marks = {m.lower_ for c in tok.children if c.dep_ == "advcl"
             for m in c.children if m.dep_ == "mark"}
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not ("unless" in marks or ("if" in marks and auxes & modality.CONDITIONAL_AUX
                                  and ontology.lookup(trig.cameo).quad >= 3)):
        return trig  # "will withdraw if the rebels disarm" is an offer, not a threat
    threat = ontology.threat_cameo(trig.cameo)
    if threat is None:
        return trig
    rule = Rule(trig.rule.lemma, trig.rule.pos, threat, None, trig.rule.require)
    return Trigger(tok, rule, trig.used, trig.instrument)
