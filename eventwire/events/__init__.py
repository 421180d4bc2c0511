"""Events from one parsed article: triggers, roles, negation/modality, counts, date, place.

The stage takes the other stages' outputs as plain lists of model objects (timexes,
places, actor mentions with character offsets), so it does not depend on how they were
found. See ``modality.py`` for the negation/modality rules and ``ids.py`` for the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire import ontology
from eventwire.events import context, ids, modality, quantities, roles, triggers
from eventwire.model import Actor, Article, Event, Place, Span, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ExtractStats", "extract"]

# Verbal acts whose complement is what was asked / threatened / agreed / alleged, not an
# act that happened: "called on states to supply weapons" codes REQUEST only.
SPEECH_ACTS = {"REQUEST", "THREATEN", "AGREE", "ACCUSE"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


@dataclass(slots=True)
class ExtractStats:
    """What the stage saw and why it dropped candidates (for reports and tuning)."""

    triggers: int = 0
    emitted: int = 0
    dropped_uncoded: int = 0  # neither actor nor recipient resolved to a coded actor
    dropped_self: int = 0  # actor and recipient the same code
    dropped_content: int = 0  # complement of a request/threat/agreement/accusation
    by_type: dict[str, int] = field(default_factory=dict)


def _content_of(trig: triggers.Trigger, by_token: dict[int, triggers.Trigger]) -> triggers.Trigger | None:
    """The verbal-act trigger this trigger is the complement of, if any."""
    cur = trig.token
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "dobj", "pobj") or cur.head is cur:
            return None
        cur = cur.head
        if cur.lemma_.lower() in modality.REPORTING:
            return None
        gov = by_token.get(cur.i)
        if gov is not None and gov is not trig and gov.plover_type in SPEECH_ACTS | {"REJECT"}:
            return gov
    return None


def _refined(trig: triggers.Trigger) -> str:
    """A more specific code from the object when it is itself a trigger of the same type:
    "deepen military cooperation" is military cooperation (062), not cooperation (060)."""
    if trig.instrument is None:
        return trig.cameo
    inner = triggers.match(trig.instrument)
    if inner is None:
        return trig.cameo
    if (inner.plover_type == trig.plover_type and inner.cameo != trig.cameo
            and inner.cameo[:2] == trig.cameo[:2] and inner.cameo > trig.cameo):
        return inner.cameo
    return trig.cameo


def extract(
    doc: Doc,
    article: Article,
    timexes: list[Timex],
    places: list[Place],
    actors: list[Actor],
    stats: ExtractStats | None = None,
) -> list[Event]:
    """All events of an article (negated ones included, flagged ``negated=True``)."""
    stats = stats if stats is not None else ExtractStats()
    mentions = [a for a in actors if a.start is not None and a.code]
    events: list[Event] = []
    for s_idx, sent in enumerate(doc.sents):
        found = triggers.find(sent)
        by_token = {t.token.i: t for t in found}
        for trig in found:
            stats.triggers += 1
            tok = trig.token
            governor = _content_of(trig, by_token)
            negated = modality.is_negated(tok)
            if governor is not None:
                if governor.plover_type == "REJECT":
                    negated = True
                else:
                    stats.dropped_content += 1
                    continue
            mood = modality.modality(tok)
            cameo = _refined(trig)
            info = ontology.lookup(cameo)
            if mood in ("intended", "reported-future") and info.plover_type in COOPERATIVE:
                intent = ontology.intent_cameo(cameo)
                if intent:
                    cameo = intent
            info = ontology.lookup(cameo)
            mode = info.mode if cameo != trig.cameo else (trig.rule.mode or info.mode)
            actor_list, recipient_list = roles.resolve_roles(trig, mentions)
            a_toks, r_toks = roles.role_tokens(trig)
            nouns = [u for u in trig.used if u.pos_ in ("NOUN", "PROPN", "NUM")] + [
                t for t in (*a_toks, *r_toks) if t.pos_ in ("NOUN", "NUM")]
            if tok.pos_ == "NOUN":
                nouns.insert(0, tok)
            qty = quantities.quantities(nouns)
            date = context.event_date(tok, sent, timexes, article.published)
            place = context.event_place(tok, sent, places)
            attrib = context.attribution(tok, mentions)
            for actor in actor_list:
                for recipient in recipient_list:
                    if actor is None and recipient is None:
                        stats.dropped_uncoded += 1
                        continue
                    if (actor is not None and recipient is not None and actor.code == recipient.code
                            and actor.name == recipient.name):
                        stats.dropped_self += 1
                        continue
                    assert info.plover_type is not None
                    ev = Event(
                        id=ids.event_id(article.id, s_idx, info.plover_type,
                                        actor.code if actor else None,
                                        recipient.code if recipient else None, tok.idx),
                        article_id=article.id,
                        published=article.published.isoformat(),
                        sentence=sent.text.strip(),
                        sentence_index=s_idx,
                        trigger=Span(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
                        type=info.plover_type,
                        mode=mode,
                        contexts=list(info.contexts),
                        cameo=cameo,
                        quad=info.quad,
                        intensity=info.intensity,
                        actor=actor,
                        recipient=recipient,
                        date=date,
                        location=place,
                        quantities=list(qty),
                        attribution=attrib,
                        negated=negated,
                        modality=mood,
                        confidence=ids.confidence(actor is not None, recipient is not None,
                                                  bool(trig.rule.require), mood),
                    )
                    events.append(ev)
                    stats.emitted += 1
                    stats.by_type[ev.type] = stats.by_type.get(ev.type, 0) + 1
    return events
