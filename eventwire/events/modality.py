"""Did it happen? Negation and modality of a trigger, read off the words that govern it.

Rules (documented in one place so coders and users can check them):

- negated: a ``neg`` child ("did not attack", "careful not to provide") on the trigger or on
  a verb it hangs from (up to the reporting verb), or "without V-ing"; also through a hypothetical relative
  clause on that verb's object ("not to provide support that could provoke sanctions");
  or the trigger is the complement of
  refrain/avoid/abstain/fail/deny/decline/refuse ("refrained from condemning", "refused to
  meet": the refusal itself is coded REJECT by the lexicon, the refused act is negated).
- modality, nearest governing cue wins:
  ``intended``  plan/aim/intend/expect/hope/want/seek/prepare/ready/willing/"set to";
  ``reported-future`` will/shall, "is expected to", "is going to";
  ``hypothetical`` would/could/may/might/can/should, "if" clauses;
  else ``asserted``.
- PLOVER: "all cooperative actions reported in future tense are taken to imply intentions",
  so an intended or reported-future cooperative act (CONSULT, SUPPORT, COOPERATE, AID,
  CONCEDE, RETREAT) is recoded as AGREE with its CAMEO 03x intent code (extract() does this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATING_HEADS = {"refrain", "avoid", "abstain", "fail", "deny", "decline", "refuse", "stop",
                  "cease", "halt"}
INTENT_HEADS = {"plan", "aim", "intend", "expect", "hope", "want", "seek", "prepare", "ready",
                "willing", "prepared", "wish", "set", "eager", "determined", "vow", "pledge", "promise",
                "agree", "offer", "invite", "propose"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Heads under which an act is only an option weighed ("is considering sending aid"): CAMEO
# codes that as 014 "consider policy option", a statement, not the act itself
CONSIDERING_HEADS = {"consider", "weigh", "mull", "contemplate", "ponder", "explore", "study"}
HYPOTHETICAL_AUX = {"would", "could", "may", "might", "can", "should", "'d", "must"}
# Auxiliaries of an act that an "if" clause makes a threat ("may halt ... if", "will ... if")
CONDITIONAL_AUX = {"will", "shall", "'ll", "would", "'d", "could", "may", "might"}
REPORTING = {"say", "tell", "report", "claim", "announce", "state", "add", "confirm", "write",
             "allege", "note", "insist"}
UP_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "acomp", "conj", "advcl", "dobj", "pobj", "relcl",
           "acl", "nsubj", "nsubjpass", "npadvmod"}


def governors(tok: Token, limit: int = 6) -> list[Token]:
    """The trigger and the words above it, stopping at a reporting verb (whose own
    tense or negation says nothing about the reported event)."""
    chain = [tok]
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in UP_DEPS or cur.head is cur:
            break
        cur = cur.head
        if cur.lemma_.lower() in REPORTING:
            break
        chain.append(cur)
    return chain


def is_negated(tok: Token) -> bool:
    """True when the text says the act did not (or will not) happen.

    Only tight links are followed upwards (to-infinitives, "from V-ing", the verb whose
    object a noun trigger is), so "did not comment on the attack" does not negate the attack.
    """
    cur = tok
    for step in range(5):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if step > 0 and cur.lemma_.lower() in NEGATING_HEADS:
            return True
        if cur.dep_ == "pcomp" and cur.head.lower_ == "without":
            return True  # "travelled without violating the embargo": it did not happen
        if cur.dep_ in ("xcomp", "acomp", "pcomp", "ccomp") or (
            cur.dep_ == "prep" and cur.head.lemma_.lower() in NEGATING_HEADS
        ) or (cur.dep_ == "dobj" and cur.pos_ != "VERB" and step == 0):
            if cur.head is cur or cur.head.lemma_.lower() in REPORTING:
                return False
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.dep_ in ("dobj", "obj") and any(
                c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in cur.children):
            # "careful not to provide the support that could provoke sanctions": what the
            # withheld thing could cause is as unreal as the thing ("the attack that killed
            # 10", asserted, is not: only a hypothetical relative clause is followed)
            cur = cur.head.head
            continue
        break
    return False


def is_announced(tok: Token) -> bool:
    """"Palestinian leaders said they would boycott all contact (if ...)": a "would" under
    a reporting verb is the future of the report's time, an announcement of what the
    speaker will do (on a condition or not: that is how threats are made)."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    return bool(auxes & {"would", "'d"}) and tok.dep_ == "ccomp" and \
        tok.head.lemma_.lower() in REPORTING


def is_considered(tok: Token) -> bool:
    """"Japan is considering sending aid": the act is an option under study (CAMEO 014, a
    statement PLOVER does not code), not an event, whatever its own tense."""
    cur = tok
    for _ in range(3):  # through objects and complements only: "considered X and sent Y" did send
        if cur.dep_ not in ("xcomp", "ccomp", "dobj", "obj", "pcomp") or cur.head is cur:
            return False
        cur = cur.head
        if cur.lemma_.lower() in CONSIDERING_HEADS:
            return True
    return False


def is_refusal(tok: Token) -> bool:
    """A negation in the future: "will not lift", "won't release", "would not allow".

    Said of an act not yet done, the negation is a stated refusal (an event of its own);
    "did not lift" and "failed to release" report that nothing happened.
    """
    for t in governors(tok, limit=3):
        if any(c.dep_ == "neg" for c in t.children):
            auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            return bool(auxes & (FUTURE_AUX | {"would", "'d"}))
    return False


def modality(tok: Token) -> str:
    """asserted / intended / reported-future / hypothetical (see module docstring)."""
    chain = governors(tok)
    for i, t in enumerate(chain):
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        lemma = t.lemma_.lower()
        if i > 0 and lemma in INTENT_HEADS:
            passive = any(c.dep_ == "auxpass" for c in t.children)
            return "reported-future" if (lemma == "expect" and passive) else "intended"
        if auxes & FUTURE_AUX or ("going" in auxes and i == 0):
            return "reported-future"
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return "hypothetical"
    return "asserted"
