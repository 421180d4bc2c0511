"""Events from one parsed article: triggers, roles, negation/modality, counts, date, place.

The stage takes the other stages' outputs as plain lists of model objects (timexes,
places, actor mentions with character offsets), so it does not depend on how they were
found. See ``modality.py`` for the negation/modality rules and ``ids.py`` for the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire import nlp, ontology
from eventwire.events import classifier, context, fusion, ids, modality, quantities, roles, triggers
from eventwire.model import Actor, Article, Event, Place, Span, Timex
from eventwire.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["ExtractStats", "extract", "may_hold_event", "reads_previous"]

# Verbal acts whose complement is what was asked / threatened / agreed / alleged, not an
# act that happened: "called on states to supply weapons" codes REQUEST only.
SPEECH_ACTS = {"REQUEST", "THREATEN", "AGREE", "ACCUSE"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# Acts done to a place's population when the text names no target (crackdowns, attacks,
# protests, curfews lifted): the event location's country stands in as recipient.
# Acts that two conjoined parties do with each other ("X and Y met", "... reached a deal").
MUTUAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# Domestic acts whose uncoded doer is taken to be of the country where it happened.
LOCAL_ACTOR_TYPES = {"PROTEST", "COERCE", "ASSAULT"}
# Confidence taken off an event told in a background clause (context.is_background).
BACKGROUND_PENALTY = 0.1
# Acts given to someone else (aid, talks, cooperation, backing): with no party named, whom
# they are for is unknown, never the doer's own country by default.
OUTWARD_TYPES = {"AID", "CONSULT", "COOPERATE", "SUPPORT"}
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "CONCEDE", "PROTEST", "MOBILIZE", "THREATEN", "RETREAT"}


@dataclass(slots=True)
class ExtractStats:
    """What the stage saw and why it dropped candidates (for reports and tuning)."""

    triggers: int = 0
    emitted: int = 0
    dropped_uncoded: int = 0  # neither actor nor recipient resolved to a coded actor
    dropped_self: int = 0  # recipient dropped: the same code as the actor (its own act)
    dropped_content: int = 0  # complement of a request/threat/agreement/accusation
    dropped_statement: int = 0  # the classifier reads the sentence as a statement (quad 0)
    classified: int = 0  # events from the sentence classifier where the lexicon found none
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


def _background_starts(found: list[triggers.Trigger]) -> set[int]:
    """Character offsets of the triggers told in background clauses."""
    return {t.token.idx for t in found if context.is_background(t.token)}


def _main_clause_text(sent) -> str:  # noqa: ANN001 - a spaCy Span
    """The sentence without its background clauses (context.is_background)."""
    return "".join(t.text_with_ws for t in sent if not context.is_background(t)).strip()


def _sentence_trigger(sent) -> triggers.Trigger | None:  # noqa: ANN001 - a spaCy Span
    """The main verb of a sentence as a rule-less trigger; under a reporting verb
    ("X attacked Y, officials said") the reported clause's verb."""
    root = sent.root
    if root.lemma_.lower() in modality.REPORTING:
        inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"]
        if inner:
            root = inner[0]
    if root.pos_ == "AUX":
        # a copula: "is ready to contribute" anchors on the verb it introduces ("careful not
        # to provide" too, and that one is negated); "has been responsible for killings",
        # "is the leading donor to Sudan" on the copula itself
        comp = next((c for c in root.children if c.dep_ == "acomp"), None)
        inner = next((v for v in comp.children if v.dep_ == "xcomp" and v.pos_ == "VERB"),
                     None) if comp is not None else None
        if inner is not None:
            root = inner
        elif not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            return None
    elif root.pos_ != "VERB":  # a headline fragment: no act to anchor an event on
        return None
    return triggers.Trigger(root, triggers.Rule(root.lemma_.lower(), "V", "010", None, ()), [], None)


def _names(tok, first: int) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a word, seen before the parse, names someone: a capitalized word past the
    sentence's first, an acronym anywhere ("against the UK", "EU envoys"), or a first
    word the knowledge base codes alone ("Russia launched ...")."""
    if tok.is_upper and tok.is_alpha and len(tok) >= 2:
        return True
    if tok.i > first:
        return tok.is_title
    from eventwire.actors import named_alone

    return tok.is_title and named_alone(tok.text)


def may_hold_event(sent: SpacySpan) -> bool:
    """Whether a sentence, seen before any model runs (its words only), could code an
    event: a lexicon rule could fire in it, or it names someone (a sector noun or a name:
    ``_names``) and the event gate reads it as an event (``extract`` codes a classifier event only with a coded role). The pipeline runs the
    model only on the sentences this keeps."""
    from eventwire import actors

    words = {t.lower_ for t in sent if not t.is_space}
    if triggers.may_fire(words):
        return True
    named = any(_names(t, sent.start) for t in sent) or actors.may_mention(words)
    return named and classifier.event_probability(sent.text) >= fusion.GATE_MIN


def reads_previous(sent: SpacySpan) -> bool:
    """Whether a sentence's roles may come from the sentence before it: "it", "they" and
    their possessives stand for that sentence's subject (``roles.resolve_pronoun``)."""
    return any(t.lower_ in roles.SUBJECT_PRONOUNS for t in sent)


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
        if not nlp.is_parsed(sent):
            continue  # the pipeline found nothing codable in it before the parse
        found = triggers.find(sent)
        coded_here = any(sent.start_char <= a.start < sent.end_char for a in mentions
                         if a.start is not None)
        if not found and not coded_here and not fusion.CLASSIFIER_EVENTS:
            continue
        sc = classifier.scores(sent.text)
        # a sentence naming no coded actor may still be an event the gate is sure of
        # ("the county executive lifted the state of emergency"), as for lexicon events
        sure = sc.event >= fusion.GATE_UNCODED_MIN
        if not found and not coded_here and not sure:
            continue
        by_token = {t.token.i: t for t in found}
        n_before = len(events)
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
            if not negated and modality.is_considered(tok):
                stats.dropped_statement += 1  # an option weighed (CAMEO 014), not an act
                continue
            mood = modality.modality(tok)
            cameo = _refined(trig)
            if negated and governor is None and modality.is_refusal(tok):
                # "will not lift the embargo": CAMEO codes a stated refusal to yield as a
                # REJECT of its own (124x "refuse to ease ..."), not as a negated concession
                refusal = ontology.refusal_cameo(cameo)
                if refusal is not None:
                    cameo, negated, mood = refusal, False, "asserted"
            info = ontology.lookup(cameo)
            announced = modality.is_announced(tok)
            if (mood in ("intended", "reported-future") or announced) \
                    and info.plover_type in COOPERATIVE:
                # "said it would allow the inspectors' return": announced, as intended
                intent = ontology.intent_cameo(cameo)
                if intent:
                    cameo = intent
            elif (mood in ("intended", "reported-future") or announced) and not negated:
                # "said they would boycott all contact": an announced conflictual act is a
                # threat (PLOVER THREATEN), as an announced cooperative one is AGREE
                cameo = ontology.threat_cameo(cameo) or cameo
            info = ontology.lookup(cameo)
            mode = info.mode if cameo != trig.cameo else (trig.rule.mode or info.mode)
            actor_list, recipient_list = roles.resolve_roles(trig, mentions)
            if cameo == "036":
                invitation = _invitation(tok, mentions)
                if invitation is not None:
                    actor_list, recipient_list = invitation
            if actor_list == [None] and recipient_list == [None]:
                carried = _count_anaphor(trig, events, s_idx)
                if carried is not None:
                    actor_list, recipient_list = carried
            # both roles coded: the parse itself vouches for the event, whatever the classifier
            _, r_toks = roles.role_tokens(trig)
            strong = actor_list[0] is not None and any(
                roles.mention_of(t, mentions) is not None for t in r_toks)
            if not negated and fusion.is_misfire(sc, info.quad, strong):
                stats.dropped_statement += 1
                continue
            # the gate fairly sure of an event: keep it even with no role coded ("a car bomb
            # killed ..."); a background clause ("the raids in which 20 were killed") needs a
            # surer gate, as a classifier event does
            uncoded_min = fusion.GATE_UNCODED_MIN if context.is_background(tok) \
                else fusion.GATE_LEXICAL_UNCODED_MIN
            events.extend(_events_for(trig, cameo, mode, negated, mood, actor_list, recipient_list,
                                      sent, s_idx, sc, article, timexes, places, mentions, stats,
                                      allow_uncoded=sc.event >= uncoded_min))
        lexical = events[n_before:]
        _rank_main_clause_first(lexical, found)
        background = _background_starts(found)
        news = [e for e in lexical if e.trigger.start not in background]
        reread = bool(lexical) and not news and coded_here
        if reread:
            # every lexicon event is background ("Serbia lifted a curfew in Montenegro,
            # where 28 people have been killed"): the classifiers read the main clause alone
            sc = classifier.scores(_main_clause_text(sent))
        guess = fusion.sentence_type(sc) if (coded_here or sure) and fusion.CLASSIFIER_EVENTS \
            else None
        if guess is None or any(not e.negated and e.quad == guess[1] for e in news):
            continue
        trig = _sentence_trigger(sent)
        lexical_at = {e.trigger.start for e in events[n_before:]}
        # "staged demonstrations": the light verb of a lexicon noun event is that event
        lexical_at |= {t.token.head.idx for t in found if t.token.idx in lexical_at
                       and t.token.pos_ == "NOUN" and t.token.dep_ in ("dobj", "obj")
                       and roles.is_light(t.token.head)}
        if trig is None or trig.token.idx in lexical_at:
            continue  # the lexicon's reading of that verb is the more specific one
        if any(e.negated and _governs(trig.token, e.trigger.start) for e in events[n_before:]) \
                or (trig.token.lemma_.lower() in modality.NEGATING_HEADS and guess[0] != "REJECT") \
                or trig.token.lemma_.lower() in modality.CONSIDERING_HEADS \
                or trig.token.i in triggers.statement_heads(sent):
            continue  # "refrained from condemning", "careful not to provide": nothing happened;
            # "is weighing sending troops": an option (CAMEO 014), nothing done yet;
            # "rejected the accusations": a lexicon statement (CAMEO 016), no event
            # (a negated act below the main verb, "imposed a curfew to stop protests", is not
            # the main verb's)
        ptype, quad, share = guess
        if quad == 3 and modality.is_negated(trig.token) and modality.is_refusal(trig.token):
            # "says it will not accept more refugees", read as verbal conflict: the stated
            # refusal is the event (as for the lexicon's refused acts), whatever the type
            # model's pick inside the class
            ptype = "REJECT"
        cameo = ontology.plover_default_cameo(ptype, quad=quad)
        trig = triggers.Trigger(trig.token, triggers.Rule(trig.rule.lemma, "V", cameo, None, ()), [], None)
        actor_list, recipient_list = roles.resolve_roles(trig, mentions)
        uncoded = all(a is None for a in actor_list) and all(r is None for r in recipient_list)
        if share < fusion.CLASSIFIER_EVENT_MIN_SHARE or (uncoded and (
                reread or sc.event < fusion.GATE_UNCODED_MIN)):
            continue  # without the lexicon: a confident reading past the gate, with a role
            # unless the gate is sure ("a car bomb killed ..." has no coded actor, and is one);
            # a main clause read apart from its sentence always needs one
        # "will not lift the ban until ..." IS the refusal/threat the classifier read
        negated = modality.is_negated(trig.token) and ptype not in ("REJECT", "THREATEN")
        new = _events_for(trig, cameo, ontology.lookup(cameo).mode, negated,
                          modality.modality(trig.token), actor_list, recipient_list, sent, s_idx, sc,
                          article, timexes, places, mentions, stats, share=share,
                          allow_uncoded=uncoded)
        known = {e.id for e in events}
        new = [e for e in new if e.id not in known]
        stats.classified += len(new)
        events.extend(new)
    return events


# Verbs whose subject awaits another party's visit or meeting: "X is expecting Y to make
# a state visit" is X's invitation of Y (CAMEO 036, X to Y), not Y's stated intent
AWAITING = {"expect", "await", "invite", "want", "welcome"}


def _invitation(tok, mentions: list[Actor]  # noqa: ANN001 - a spaCy Token
                ) -> tuple[list[Actor | None], list[Actor | None]] | None:
    """(host, guest) of a visit or meeting another party is expected to make."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("dobj", "obj", "xcomp", "ccomp", "pobj", "prep") or cur.head is cur:
            return None
        verb, cur = cur, cur.head
        if cur.lemma_.lower() not in AWAITING or verb.dep_ not in ("xcomp", "ccomp"):
            continue
        guests = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or \
            [c for c in cur.children if c.dep_ in ("dobj", "obj")]
        hosts = [c for c in cur.children if c.dep_ == "nsubj"]
        if not guests or not hosts:
            return None
        host, guest = roles.mention_of(hosts[0], mentions), roles.mention_of(guests[0], mentions)
        if host is None or guest is None or host.code == guest.code:
            return None
        return [host], [guest]
    return None


def _in_participial_report(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a word is (or is inside) a participial reporting clause hung on the main
    clause ("staged rallies in the capital, saying the president must resign")."""
    cur = tok
    for _ in range(5):
        if cur.lemma_.lower() in modality.REPORTING and cur.tag_ == "VBG" \
                and cur.dep_ in ("advcl", "xcomp", "conj"):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _is_purpose(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a verb heads a purpose infinitive of the main clause ("staged
    demonstrations to demand reforms"): what the act was for, not the act."""
    return tok.dep_ == "advcl" and roles.is_to_infinitive(tok)


def _describes_object(tok, tokens: dict) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a trigger is inside a relative clause on the object of another trigger
    ("will support a resolution that aims to tighten sanctions"): it says what that
    object is, the other trigger is the act."""
    cur = tok
    for _ in range(5):
        if cur.dep_ == "relcl":
            noun = cur.head
            return noun.dep_ in ("dobj", "obj") and noun.head.idx in tokens \
                and noun.head is not tok
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _rank_main_clause_first(lexical: list[Event], found: list[triggers.Trigger]) -> None:
    """A demand or claim told in a participial "saying ..." clause, or the demand a
    purpose clause names ("marched to demand ..."), is what the doers of the main
    clause's act said or sought while doing it: the main act is the sentence's news, so
    the reported event never ranks above it (its confidence is capped just below)."""
    tokens = {t.token.idx: t.token for t in found}
    reported = [e for e in lexical if e.trigger.start in tokens
                and (_in_participial_report(tokens[e.trigger.start])
                     or (e.type in SPEECH_ACTS and _is_purpose(tokens[e.trigger.start]))
                     or _describes_object(tokens[e.trigger.start], tokens))]
    told = {id(e) for e in reported}
    main = [e.confidence for e in lexical if not e.negated and id(e) not in told]
    if not reported or not main:
        return
    top = max(main)
    for e in reported:
        e.confidence = round(min(e.confidence, max(0.0, top - 0.01)), 3)


def _governs(tok, start: int) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether the token at character offset ``start`` is ``tok`` or one of the words that
    govern it (up to a reporting verb): its negation is then the main verb's too."""
    return any(t.idx == start for t in modality.governors(tok))


def _count_anaphor(trig: triggers.Trigger, events: list[Event], s_idx: int,
                   ) -> tuple[list[Actor | None], list[Actor | None]] | None:
    """"Russia launched 16 drones into Ukraine. All 16 had been shot down by air defences":
    a bare count in a role of an uncoded event points back to the event of the previous
    sentence that counted the same number. Counted things that were acted on belong to
    that event's actor, and the party it acted on is the one acting back; counted things
    that act are that event's actor again. Only an exact count match carries roles over."""
    a_toks, r_toks = roles.role_tokens(trig)
    for toks, acted_on in ((r_toks, True), (a_toks, False)):
        for tok in toks:
            if not tok.like_num or not tok.text.isdigit():
                continue
            n = float(tok.text)
            for prev in reversed(events):
                if prev.sentence_index < s_idx - 1:
                    break
                if prev.negated or prev.sentence_index == s_idx or \
                        not any(q.value == n for q in prev.quantities):
                    continue
                if acted_on:
                    return [prev.recipient], [prev.actor]
                return [prev.actor], [prev.recipient]
    return None


def _countries(actor_list: list[Actor | None]) -> set[str]:
    return {a.country for a in actor_list if a is not None and a.country}


def _place_actor(pl: Place, text: str) -> Actor:
    """A place standing for its country in a role; its name or surface is the evidence."""
    return Actor(name=pl.name, country=pl.country, sector=None, code=pl.country or "",
                 text=text, start=pl.start, end=pl.end)


def _local_actor(a_toks: list, place: Place, article: Article,  # noqa: ANN001
                 unclaimed: str | None = None) -> Actor | None:
    """"Tens of thousands of students staged demonstrations throughout Indonesia": an
    uncoded group doing a domestic act (protest, repression, attack) in a place is of the
    place's country; the sector comes from its words ("students" EDU, "riot police" COP).
    Only where the parse names who did it; the evidence is that phrase."""
    from eventwire.actors import resolve

    if not a_toks or a_toks[0].lemma_.lower() in DEVICES:
        # "a journalist was killed in a car bomb in Beirut", "killed by a roadside bomb
        # outside X", "was put under investigation in Italy": nobody named, the act is of
        # the place's country (as CAMEO codes unclaimed attacks and the acts of unnamed
        # authorities); the evidence is the place
        if not unclaimed:
            return None
        return Actor(name=f"unnamed {unclaimed} in {place.name}", country=place.country,
                     sector=None, code=place.country or "", text=place.text, start=place.start,
                     end=place.end)
    tok = a_toks[0]
    doc = tok.doc
    left, right = tok.left_edge.i, tok.i + 1  # the head and its modifiers, not "in X" after
    if tok.pos_ == "NUM" or tok.lower_ in triggers.PARTITIVES:  # "Thousands of Iraqi Kurds"
        whole = [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj"]
        if whole:
            right = whole[0].i + 1
    phrase = doc[left:right]
    found = resolve(phrase.text, context=place.name, published=article.published)
    country = found.country if found is not None and found.country else place.country
    sector = found.sector if found is not None and found.country == country else None
    if (found is not None and place.country and country != place.country
            and not getattr(resolve(phrase.text, published=article.published), "country", None)):
        # the country came from the context alone, read as a name ("near Goma" lent the
        # army of Congo-Brazzaville through a politician called Goma): the place's it is
        country, sector, found = place.country, found.sector, None
    return Actor(name=found.name if found is not None and found.country else place.name,
                 country=country, sector=sector, code=(country or "") + (sector or ""),
                 text=phrase.text, start=phrase.start_char, end=phrase.end_char)


# Weapons that are no doer: a bombing's doer is unnamed when only these are.
DEVICES = {"bomb", "device", "explosion", "blast", "explosive", "mine", "grenade", "car"}


# Who the unnamed doer of a passive act is, by type ("unnamed attackers in Beirut").
UNNAMED = {"ASSAULT": "attackers", "COERCE": "authorities", "ACCUSE": "authorities"}


def _unclaimed(trig: triggers.Trigger, ptype: str) -> str | None:
    """Whether a passive act names no doer, or only a bomb ("was killed in a car bomb
    explosion", "were killed by an explosive device", "has been put under investigation"):
    the unnamed doer's kind, else None."""
    tok = trig.token
    if ptype not in UNNAMED or tok.pos_ != "VERB" or not any(
            c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return None
    if context.is_background(tok):
        return None  # "... in Montenegro, where 28 people have been killed": not the news
    agent = roles.agent_of(tok)
    if agent and not all(a.lemma_.lower() in DEVICES for a in agent):
        return None
    return UNNAMED[ptype]


def _attacked_country(actor_list: list[Actor | None], sent, places: list[Place],  # noqa: ANN001
                      ) -> Actor | None:
    """"Residents of the Ukrainian capital Kyiv were urged to head to shelters ... a day
    after Russia carried out one of the biggest aerial assaults": a foreign actor's act
    with no target and no place of its own is done to the one other country the sentence's
    places are in; several other countries give nothing."""
    own = _countries(actor_list)
    inside = [pl for pl in places if sent.start_char <= pl.start < sent.end_char
              and pl.country and pl.country not in own]  # the actor's own name is a place too
    if not own or len({pl.country for pl in inside}) != 1:
        return None
    return _place_actor(inside[0], inside[0].text)


def _other_party(actor_list: list[Actor | None], sent, places: list[Place],  # noqa: ANN001
                 mentions: list[Actor]) -> Actor | None:
    """"At a September summit in Uzbekistan, Putin acknowledged his Chinese counterpart's
    concerns": a meeting with no coded recipient is with the one other party the sentence
    names (a coded actor of another country that is not a place named as a location)."""
    own = _countries(actor_list)
    if not own:
        return None
    spots = {(pl.start, pl.end) for pl in places}
    others = [m for m in mentions
              if m.start is not None and sent.start_char <= m.start < sent.end_char
              and m.country and m.country not in own and (m.start, m.end) not in spots]
    if len({m.country for m in others}) != 1:
        return None
    return others[0]


def _located_country(trig: triggers.Trigger, actor_list: list[Actor | None],
                     places: list[Place], mentions: list[Actor]) -> Actor | None:
    """"will provide food aid to refugees fleeing the war in Liberia": with no party named,
    an act is done to or for the country of the place that locates its object
    (``roles.located_party``); the place stands for its country, not its government."""
    hit = roles.located_party(trig, mentions, actor_list)
    if hit is None or hit.start is None or hit.end is None:
        return None
    for pl in places:
        if pl.start < hit.end and hit.start < pl.end:
            # "areas in the South China Sea": a place in no country names no party
            return _place_actor(pl, pl.text) if pl.country else None
    return Actor(name=hit.name, country=hit.country, sector=None, code=hit.country or "",
                 text=hit.text, start=hit.start, end=hit.end)


def _ethnic_home(actor: Actor | None, sent, place: Place) -> Actor | None:  # noqa: ANN001
    """"ethnic Albanians in south Serbia demanded ...", "Serb forces killed three ethnic
    Albanians in Serbia": an ethnic group named by its kin state's demonym lives where the
    event happens, and is coded by that country (as CAMEO codes minorities)."""
    if actor is None or actor.start is None or not actor.country or place.country == actor.country:
        return actor
    before = text_of(sent.doc)[max(sent.start_char, actor.start - 7):actor.start]
    if before.lower() != "ethnic ":
        return actor
    sector = actor.sector or "CVL"
    return Actor(name=place.name, country=place.country, sector=sector,
                 code=(place.country or "") + sector, text=actor.text, start=actor.start,
                 end=actor.end)


def _foreign_party_named(sent, mentions: list[Actor], place: Place,  # noqa: ANN001
                         recipient_list: list[Actor | None]) -> bool:
    """Whether the sentence names a state's party from another country than the place's,
    besides the target: then an unnamed doer may well be that party."""
    targets = {r.start for r in recipient_list if r is not None}
    states = _states()
    return any(m.start is not None and sent.start_char <= m.start < sent.end_char
               and m.start not in targets and m.country in states and m.country != place.country
               for m in mentions)


# Sectors of the authorities that investigate, arrest and try people at home.
AUTHORITIES = {"JUD", "COP", "GOV"}


def _home_authority(a_toks: list, recipient_list: list[Actor | None], sent,  # noqa: ANN001
                    places: list[Place], mentions: list[Actor], article: Article,
                    ) -> Actor | None:
    """"Judge Alejandro Rivera opened investigations against 28 Chilean officials",
    "police arrested two Kenyan activists": an uncoded judge, police or official acting on
    people of the one country the sentence names is of that country (its authorities act
    at home); the evidence is the doer's own words."""
    from eventwire.actors import resolve

    coded = [r for r in recipient_list if r is not None and r.country]
    if not a_toks or not coded or coded[0].country not in _states():
        return None
    home = coded[0].country
    if _names_another_country(sent, mentions, places, home):
        return None
    tok = a_toks[0]
    phrase = sent.doc[tok.left_edge.i:tok.i + 1]
    found = resolve(phrase.text, context=coded[0].text, published=article.published)
    if found is None or found.country != home or found.sector not in AUTHORITIES:
        return None
    return Actor(name=found.name, country=home, sector=found.sector, code=found.code,
                 text=phrase.text, start=phrase.start_char, end=phrase.end_char)


def _names_another_country(sent, mentions: list[Actor], places: list[Place],  # noqa: ANN001
                           home: str) -> bool:
    """Whether the sentence names a party or place of a country other than ``home``."""
    inside = [m.country for m in mentions if m.start is not None
              and sent.start_char <= m.start < sent.end_char]
    inside += [pl.country for pl in places if sent.start_char <= pl.start < sent.end_char]
    return any(c and c != home for c in inside)


def _states() -> frozenset[str]:
    from eventwire.actors.kb import load

    return frozenset(e.country for e in load().entities.values() if e.kind == "country")


def _home_country(actor_list: list[Actor | None], r_toks: list, sent,  # noqa: ANN001
                  places: list[Place], mentions: list[Actor]) -> Actor | None:
    """"President X declined to resign", "Nigerian police jailed 52 members of a banned
    group", "the teachers' union called off its strike": a state's actor acting where the
    sentence names no party and no place of another country acts at home, so the act is
    done to its own country (as CAMEO coders code domestic acts). The evidence is the
    uncoded object when there is one ("52 members"), else the actor's own words."""
    coded = [a for a in actor_list if a is not None and a.country]
    if not coded or len({a.country for a in coded}) != 1 or coded[0].country not in _states():
        return None  # ("President X and his party must agree": one country still)
    home = coded[0].country
    if _names_another_country(sent, mentions, places, home):
        return None
    if r_toks:
        tok = r_toks[0]
        left, right = tok.left_edge, tok
        text, start = sent.doc[left.i:right.i + 1].text, left.idx
        end = right.idx + len(right.text)
    else:
        text, start, end = coded[0].text, coded[0].start, coded[0].end
    return Actor(name=home, country=home, sector=None, code=home, text=text,
                 start=start, end=end)


def _events_for(
    trig: triggers.Trigger, cameo: str, mode: str | None, negated: bool, mood: str,
    actor_list: list[Actor | None], recipient_list: list[Actor | None],
    sent, s_idx: int, sc: classifier.Scores, article: Article,  # noqa: ANN001 - a spaCy Span
    timexes: list[Timex], places: list[Place], mentions: list[Actor], stats: ExtractStats,
    share: float | None = None, allow_uncoded: bool = False,
) -> list[Event]:
    """One event per (actor, recipient) pair of a trigger; ``share`` marks a classifier
    event (no lexicon rule behind it, so its lexical part of the confidence is lower)."""
    tok = trig.token
    info = ontology.lookup(cameo)
    assert info.plover_type is not None
    a_toks, r_toks = roles.role_tokens(trig)
    nouns = [u for u in trig.used if u.pos_ in ("NOUN", "PROPN", "NUM")] + [
        t for t in (*a_toks, *r_toks) if t.pos_ in ("NOUN", "NUM")]
    if tok.pos_ == "NOUN":
        nouns.insert(0, tok)
    qty = quantities.quantities(nouns)
    date = context.event_date(tok, sent, timexes, article.published)
    place = context.event_place(tok, sent, places)
    attrib = context.attribution(tok, mentions)
    if recipient_list == [None] and info.plover_type in PLACE_TARGET_TYPES and place is not None \
            and place.country and not any(a is not None and a.start == place.start
                                          for a in actor_list):
        # (the place that is the actor's own name, "Nicaragua's government ordered ...",
        # leaves the domestic target to _home_country below)
        # "lifted a state of emergency in West Darfur", "riots in Baku": a domestic act with
        # no named target is done to the country where it happens (as the PLOVER GSR codes
        # it); the evidence is the place name
        recipient_list = [_place_actor(place, place.name)]
    if actor_list == [None] and info.plover_type in LOCAL_ACTOR_TYPES | {"ACCUSE"} \
            and place is not None and place.country:
        unclaimed = _unclaimed(trig, info.plover_type)
        if unclaimed and _foreign_party_named(sent, mentions, place, recipient_list):
            unclaimed = None  # "killed in clashes with Israeli settlers in Hebron"
        if info.plover_type in LOCAL_ACTOR_TYPES or unclaimed:
            actor_list = [_local_actor(a_toks, place, article, unclaimed)]
    if recipient_list == [None] and info.plover_type in PLACE_TARGET_TYPES and place is None:
        recipient_list = [_attacked_country(actor_list, sent, places)]
    if actor_list == [None] and info.plover_type in ("ACCUSE", "COERCE"):
        actor_list = [_home_authority(a_toks, recipient_list, sent, places, mentions, article)]
    if recipient_list == [None] and info.plover_type == "CONSULT":
        recipient_list = [_other_party(actor_list, sent, places, mentions)]
    if recipient_list == [None]:
        recipient_list = [_located_country(trig, actor_list, places, mentions)]
    if recipient_list == [None] and OUTWARD_TYPES.isdisjoint({info.plover_type, trig.plover_type}):
        # ("will send aid" is an AGREE of an outward act)
        recipient_list = [_home_country(actor_list, r_toks, sent, places, mentions)]
    parsed = {id(a) for a in (roles.mention_of(t, mentions) for t in r_toks) if a is not None}
    if place is not None and place.country:
        actor_list = [_ethnic_home(a, sent, place) for a in actor_list]
        homes = [_ethnic_home(a, sent, place) for a in recipient_list]
        parsed |= {id(h) for h, a in zip(homes, recipient_list, strict=True) if id(a) in parsed}
        recipient_list = homes
    background = context.is_background(tok)
    coded = [a for a in actor_list if a is not None and a.country]
    mutual = (recipient_list == [None] and info.plover_type in MUTUAL_TYPES and len(coded) == 2
              and coded[0].country != coded[1].country)
    out: list[Event] = []
    pairs: list[tuple[Actor | None, Actor | None]] = []
    for actor in actor_list:
        # "India and Pakistan reached an agreement": a joint act of two parties is each
        # one's act towards the other
        others = [o for o in coded if o is not actor] if mutual and actor in coded \
            else recipient_list
        for recipient in others:
            if (actor is not None and recipient is not None and actor.code == recipient.code
                    and actor.name == recipient.name):
                # "Croatia opened its borders": the act is the actor's own, recipient unknown
                stats.dropped_self += 1
                recipient = None
            if (actor, recipient) not in pairs:
                pairs.append((actor, recipient))
    for actor, recipient in pairs:
        if actor is None and recipient is None and not allow_uncoded:
            stats.dropped_uncoded += 1
            continue
        # a recipient inferred below the trigger or from the place is not the parse's own
        # evidence: it does not raise the confidence
        lexical = ids.confidence(actor is not None, recipient is not None and id(recipient) in parsed,
                                 bool(trig.rule.require), mood)
        if share is not None:  # no lexicon rule: the trigger is only the main verb
            lexical = max(0.0, lexical - 0.15)
        conf = fusion.fused_confidence(lexical, sc, info.plover_type, info.quad)
        if background:  # the news of a report is in its main clause
            conf = round(max(0.0, conf - BACKGROUND_PENALTY), 3)
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
            confidence=conf,
        )
        out.append(ev)
        stats.emitted += 1
        stats.by_type[ev.type] = stats.by_type.get(ev.type, 0) + 1
    return out
