"""When, where, and says who: the event's date, place and attribution from the sentence."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from eventwire.events.modality import REPORTING
from eventwire.model import Actor, Attribution, Place, TimeValue, Timex
from eventwire.nlp import text_of
from eventwire.time import precision_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATE_VALUE = re.compile(r"^\d{4}(-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12])(-\d{2})?)?")
PLACE_PREPS = {"in", "at", "near", "into", "over", "across", "outside", "inside", "around",
               "throughout"}


def _token_at(sent: Span, start: int, end: int) -> Token | None:
    """Syntactic head of the tokens inside a character range."""
    toks = [t for t in sent if start <= t.idx < end]
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head is t:
            return t
    return toks[0]


def _distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    pos_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in pos_b:
            return n + pos_b[t.i]
    return 99


def clause_head(trigger: Token) -> Token:
    """The verb whose clause holds the trigger (a noun trigger's governing verb)."""
    cur = trigger
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


SUBCLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"}
TEMPORAL_MARKS = {"since", "after", "before", "until", "till", "when", "while", "once"}


BACKGROUND_MARKS = TEMPORAL_MARKS | {"as", "following", "amid", "during", "because"}


def is_background(trigger: Token) -> bool:
    """True when the trigger sits in a clause that tells the story's background rather
    than its news: a relative clause ("a curfew in Montenegro, where 28 people have been
    killed"), a temporal or causal clause or phrase ("one day after a Serbian jet shot down
    a helicopter", "during one of Russia's largest missile attacks"). Wire reports lead
    with the news in the main clause; reported speech ("officials said X attacked Y") is
    the news, not background."""
    cur = trigger
    for _ in range(12):
        head = cur.head
        if head is cur:
            return False
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX") and not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return True  # "to" infinitives ("plans to attack") are the modality's question
        if cur.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in
                                       BACKGROUND_MARKS for c in cur.children):
            return True
        if cur.dep_ in ("pobj", "pcomp") and head.lower_ in BACKGROUND_MARKS:
            return True
        cur = head
    return False


def _dates_other_clause(tok: Token, trigger: Token) -> bool:
    """True when ``tok`` sits in a clause of its own that does not hold the trigger: a
    temporal clause ("since Moscow sent troops on February 24") or reported speech. That
    date belongs to the other clause's event."""
    head = clause_head(tok)
    if head is trigger or trigger in head.subtree or head.pos_ not in ("VERB", "AUX"):
        return False
    if head.dep_ in ("ccomp", "parataxis"):
        return True  # reported content ("said: we expect you next spring") has its own time
    if head.dep_ in ("pcomp", "advcl") and head.head.lower_ in TEMPORAL_MARKS:
        return True
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL_MARKS for c in head.children)


def event_date(trigger: Token, sent: Span, timexes: list[Timex], published: date) -> TimeValue:
    """The date expression that governs the trigger: one in its own clause first, else the
    nearest in the parse elsewhere in the sentence, never one that dates another clause's
    event ("since ... on February 24"); DURATION/SET expressions are not dates, except an
    anchored duration ("three days later"), which dates by the day it points to. None found:
    the publication day, with no text. Precision follows the value (day/week/month/...)."""
    head = clause_head(trigger)
    inside_clause = {t.i for t in head.subtree}
    for t in head.subtree:  # leave out the clauses below that do not hold the trigger
        if t is not head and t.dep_ in SUBCLAUSES and trigger not in t.subtree:
            inside_clause -= {u.i for u in t.subtree}
    best: tuple[tuple[int, int], Timex, str] | None = None
    for tx in timexes:
        dated = tx.type in ("DATE", "TIME") or tx.anchor is not None  # "three days later"
        if not dated or not (sent.start_char <= tx.start < sent.end_char):
            continue
        m = DATE_VALUE.match(tx.anchor or tx.value or "")
        if not m:
            continue
        tok = _token_at(sent, tx.start, tx.end)
        if tok is None:
            continue
        inside = tok.i in inside_clause
        if not inside and _dates_other_clause(tok, trigger):
            continue
        rank = (0 if inside else 1, _distance(trigger, tok))
        if best is None or rank < best[0]:
            best = (rank, tx, m.group(0))
    if best is None:
        return TimeValue(value=published.isoformat(), precision="day", text=None)
    _, tx, value = best
    return TimeValue(value=value, precision=precision_of(value) or "year", text=tx.text,
                     start=tx.start, end=tx.end)


def event_place(trigger: Token, sent: Span, places: list[Place]) -> Place | None:
    """Where the event happened: a place introduced by in/at/near/into/over, in the
    trigger's clause first, else elsewhere in the sentence (nearest in the parse); else,
    for a verb, the place owning the body that does it or reports it ("Belarus' defence
    ministry said its air defences had downed ..."). A bare name ("Russia-China
    relations") and a target ("attacks against Ukraine") are not locations; datelines are
    outside sentences and never used."""
    head = clause_head(trigger)
    inside_clause = {t.i for t in head.subtree}
    own = {t.i for t in trigger.subtree} if trigger.pos_ == "NOUN" else set()
    best: tuple[tuple[int, int], Place] | None = None
    at: dict[int, Place] = {}
    for pl in places:
        if not (sent.start_char <= pl.start < sent.end_char):
            continue
        tok = _token_at(sent, pl.start, pl.end)
        if tok is None:
            continue
        at[tok.i] = pl
        governed = tok.dep_ == "pobj" and (tok.head.lower_ in PLACE_PREPS or (
            tok.head.lower_ == "to" and tok.head.head.i == trigger.i))  # "a visit to Moscow"
        if not governed:  # "in central, southern ... Ukraine": the place is a modifier's object
            governed = any(a.dep_ == "prep" and a.lower_ in PLACE_PREPS for a in list(tok.ancestors)[:2])
        if not governed:
            governed = _named_place_of(tok)
        if not governed:
            continue
        # the trigger's own phrase first ("a visit to Moscow ... a campaign in Ukraine")
        rank = (0 if tok.i in own else 1 if tok.i in inside_clause else 2, _distance(trigger, tok))
        if best is None or rank < best[0]:
            best = (rank, pl)
    if best is not None:
        return best[1]
    if trigger.pos_ != "VERB" or not at:
        return None
    return _owner_place(trigger, at)


def _named_place_of(tok: Token) -> bool:
    """"in the northern city of Kirkuk", "outside the province of Sindh": a place named
    through "of" after a place noun is governed by the place preposition before it."""
    cur = tok
    for _ in range(2):
        if cur.dep_ != "pobj" or cur.head.lower_ != "of":
            return False
        up = cur.head.head
        if up.lower_ in PLACE_PREPS:  # "outside of X"
            return True
        if up.pos_ != "NOUN":
            return False
        cur = up
        if cur.dep_ == "pobj" and cur.head.lower_ in PLACE_PREPS:
            return True
    return False


def _owner_place(verb: Token, at: dict[int, Place]) -> Place | None:
    """The place that possesses the subject of ``verb`` or of a verb reporting it."""
    cur = verb
    for _ in range(3):
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for owner in child.children:
                    if owner.dep_ == "poss" and owner.i in at:
                        return at[owner.i]
        if cur.head is cur or cur.dep_ not in ("ccomp", "parataxis", "xcomp", "conj"):
            return None
        cur = cur.head
    return None


def attribution(trigger: Token, actors: list[Actor]) -> Attribution | None:
    """The source of a reported event: subject of the reporting verb governing the trigger
    ("..., Kyiv's military said"), or the object of "according to"."""
    from eventwire.events.roles import mention_of

    cur = trigger
    for _ in range(8):
        for child in cur.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return _attribution(pobj, actors, mention_of)
        if cur.head is cur:
            return None
        prev, cur = cur, cur.head
        if cur.lemma_.lower() in REPORTING and prev.dep_ in ("ccomp", "parataxis", "xcomp", "conj", "dobj"):
            for child in cur.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != prev.i:
                    return _attribution(child, actors, mention_of)
            return None
    return None


def _attribution(tok: Token, actors: list[Actor], mention_of) -> Attribution:  # noqa: ANN001
    sub = list(tok.subtree)
    doc = tok.doc
    start = sub[0].idx
    end = sub[-1].idx + len(sub[-1].text)
    actor = mention_of(tok, actors)
    return Attribution(text=text_of(doc)[start:end], country=actor.country if actor else None,
                       sector=actor.sector if actor else None, start=start, end=end)
