"""Who did it and to whom: actor and recipient of a trigger from the dependency parse.

Role tokens are mapped onto the actor mentions the actors stage found (by character
overlap), so this module never decides who an entity *is*, only which mention plays
which role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Actor
from eventwire.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.triggers import Trigger

SUBJ_DEPS = {"nsubj", "csubj"}
# A subject-less verb shares the subject of the word it hangs from through these links
# ("he aimed to deepen", "ready to increase", "refrained from condemning", "met and agreed").
CLIMB_DEPS = {"xcomp", "conj", "acomp", "pcomp", "prep", "advcl"}
RELATIVE = {"that", "which", "who", "whom"}
# Prepositions that introduce the party an act is done to, per PLOVER type (None = all types).
ROLE_PREPS: dict[str, set[str] | None] = {
    "against": None, "on": None, "into": {"ASSAULT", "MOBILIZE", "COERCE"},
    "at": {"ASSAULT", "ACCUSE", "THREATEN"}, "to": {"AID", "CONSULT", "AGREE", "SUPPORT", "REQUEST"},
    "with": {"CONSULT", "COOPERATE", "AGREE"}, "upon": None, "for": {"REQUEST"},
    "between": {"CONSULT"},  # "mediation between X and Y": the parties it is done to
    # "complained to the UN over Israeli raids": a complaint is against the doer of the act
    # it is about, not the body it is addressed to
    "over": {"ACCUSE", "PROTEST"}, "about": {"ACCUSE", "PROTEST"},
}
# Verbs whose subject is a place-holder for the real actor when a noun trigger is their object.
LIGHT_VERBS = {"make", "pay", "hold", "have", "conduct", "stage", "give", "begin", "start",
               "announce", "host", "attend", "continue", "resume", "plan", "organize", "organise",
               "open", "launch", "undertake", "issue", "declare", "lodge", "file", "mount",
               "express", "voice", "deliver", "call", "complete", "finish", "speed",
               "accelerate"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "night", "morning", "evening", "afternoon", "weekend", "day", "week", "month", "year"}
# "the government of X", and counts or groups standing for their members:
# "thousands of Georgian protesters", "a group of rebels".
OF_HEADS = {"government", "army", "military", "ministry", "forces", "force", "president",
            "leader", "troops", "police", "people", "residents", "thousand", "hundred", "dozen",
            "million", "score", "group", "crowd", "number", "member", "unit", "some", "many",
            "most", "all", "several"}
GROUP_NOUNS = {"summit", "conference", "meeting", "talk", "negotiation"}
# Nouns that only frame the act a noun trigger before them names ("a mediation MISSION").
FRAME_NOUNS = {"mission", "effort", "campaign", "operation", "drive", "bid", "initiative",
               "attempt", "process", "programme", "program"}
# Adjectives that make a group someone's own ("rebels loyal to X" are X's).
ALLEGIANCE = {"loyal", "allied", "affiliated"}
# Pronouns that stand for the previous sentence's subject (when not for one in their own)
SUBJECT_PRONOUNS = frozenset({"it", "its", "they", "their"})
# Intransitive verbs whose subject is the one harmed ("a prisoner died of torture").
VICTIM_VERBS = {"die", "perish", "drown", "starve"}
# Nouns of holding someone: "died in Israeli police custody" names who held the victim.
HOLDING_NOUNS = {"custody", "detention", "captivity", "jail", "prison"}
# Participles whose "be" form is a stance of the subject, not a passive ("is opposed to").
STANCE_VERBS = {"oppose"}
# Acts whose noun takes its target with "of" ("the invasion of Lebanon", "the blockade of
# Serbia", "the expulsion of diplomats"); for other acts "of" names the doer or the content.
OBJECT_OF_TYPES = {"ASSAULT", "COERCE", "SANCTION"}
# Nouns that name the other party of a relation: "its neighbour" is not the possessor.
RELATION_NOUNS = {"neighbor", "neighbour", "rival", "ally", "counterpart", "enemy",
                  "adversary", "foe"}
# "in protest of X", "in defiance of X", "in opposition to X": the party a protest is against.
STANCE_NOUNS = {"protest", "defiance", "opposition"}
# Verbs whose subject does the act named by their "in" phrase ("engaged in cleansing").
TAKING_PART = {"engage", "participate", "involve", "take", "join"}
# "with X's help": a helper of the act, not the party it is done to.
HELP_NOUNS = {"help", "support", "assistance", "backing", "aid", "cooperation", "consent",
              "approval", "blessing"}


def _covering(tok: Token, actors: list[Actor]) -> Actor | None:
    for a in actors:
        if a.start is not None and a.end is not None and a.start <= tok.idx < a.end:
            return a
    return None


def _persons(doc: Doc) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def resolve_pronoun(tok: Token, actors: list[Actor]) -> Actor | None:
    """he/she -> the nearest earlier person mention (this or the two previous sentences);
    it/its/they -> the subject of the previous sentence's main verb, when that is coded."""
    low = tok.lower_
    doc = tok.doc
    sent_start = tok.sent.start
    window_start = sent_start
    for _ in range(2):
        if window_start > 0:
            window_start = doc[window_start - 1].sent.start
    window_char = doc[window_start].idx
    if low in ("he", "she", "his", "her", "him"):
        persons = _persons(doc)
        best = None
        for a in actors:
            if a.start is None or a.end is None or not (window_char <= a.start < tok.idx):
                continue
            if any(s < a.end and a.start < e for s, e in persons) and (best is None or a.start > best.start):
                best = a
        return best
    if low in SUBJECT_PRONOUNS:
        for anc in tok.ancestors:  # "Belarus' ministry said ... its air defences had downed"
            for child in anc.children:
                if child.dep_ in SUBJ_DEPS and child.i < tok.i and child not in (tok, *tok.ancestors):
                    hit = mention_of(child, actors, allow_pronoun=False)
                    if hit is not None:
                        return hit
        if sent_start == 0:
            return None
        prev = doc[sent_start - 1].sent
        root = prev.root
        for child in root.children:
            if child.dep_ in SUBJ_DEPS:
                hit = mention_of(child, actors, allow_pronoun=False)
                if hit is not None:
                    return hit
    return None


def mention_of(tok: Token, actors: list[Actor], allow_pronoun: bool = True,
               depth: int = 0) -> Actor | None:
    """The actor mention a role token stands for: the mention covering it, else one covering
    a possessor/modifier of it ("Kyiv's military", "Ukrainian ambassador"), else a pronoun's."""
    hit = _covering(tok, actors)
    if hit is not None:
        return hit
    # "charging its neighbour with ...": the neighbour is not the one whose it is
    relation = tok.lemma_.lower() in RELATION_NOUNS
    # a named modifier before a pronoun: "its European partners" are the European ones
    children = sorted(tok.children, key=lambda c: c.pos_ == "PRON")
    for child in children:
        if relation and child.pos_ == "PRON":
            return _related(tok, actors) if allow_pronoun else None
        if relation and child.dep_ == "poss":
            continue  # "killed a commander of Israel's militia ally": the ally is not Israel
        if child.dep_ in ("poss", "compound", "amod", "nmod", "appos") or (
            child.dep_ == "prep" and child.lower_ == "of" and tok.lemma_.lower() in OF_HEADS):
            target = child
            through = False
            if child.dep_ == "prep":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
                through = True
            elif child.lower_ in ALLEGIANCE:  # "rebels loyal to X", "militias allied with X"
                target = next((c for p in child.children if p.dep_ == "prep"
                               for c in p.children if c.dep_ == "pobj"), child)
                through = True
            hit = _covering(target, actors)
            if hit is None and child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN" \
                    and depth < 2:
                # "Montenegro Municipality Association officials": a name's own modifiers
                hit = mention_of(child, actors, False, depth + 1)
            if hit is None and through and target.i != child.i and depth < 2:
                # "thousands of Iraqi Kurds", "militants loyal to Iraq's frontman": the
                # group named after the link is coded by its own modifiers
                hit = mention_of(target, actors, allow_pronoun, depth + 1)
            if hit is None and target.pos_ == "PRON" and allow_pronoun:
                hit = resolve_pronoun(target, actors)
                if hit is not None and child.dep_ == "poss":
                    hit = _own_sector(tok, target, hit)
            if hit is not None:
                return hit
    located = _located_sector(tok, actors) or _based_in(tok, actors)
    if located is not None:
        return located
    if allow_pronoun and tok.pos_ == "PRON":
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            return mention_of(tok.head.head, actors)
        return resolve_pronoun(tok, actors)
    return None


def _related(tok: Token, actors: list[Actor]) -> Actor | None:
    """"Serbia protested to Albania, charging its neighbour with ...": the other party of a
    relation told with a pronoun is the latest earlier country in the sentence that is not
    the pronoun's own."""
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is None:
        return None
    own = resolve_pronoun(owner, actors)
    if own is None:
        return None
    sent_start = tok.sent.start_char
    before = [a for a in actors if a.start is not None and sent_start <= a.start < tok.idx
              and a.country and len(a.country) == 3 and a.country != own.country]
    return max(before, key=lambda a: a.start or 0) if before else None


def _phrase_actor(tok: Token, actors: list[Actor]) -> Actor | None:
    """"The government of Sindh province has ordered ...": a doer the mention finder
    missed altogether (no mention inside its phrase), coded by the resolver from its whole
    phrase (a short one, a name in it)."""
    words = list(tok.subtree)
    if len(words) > 8 or not any(w.text[:1].isupper() for w in words if w.i != words[0].i):
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if any(a.start is not None and start <= a.start < end for a in actors):
        return None
    from eventwire.actors import resolve

    found = resolve(text_of(tok.doc)[start:end])
    if found is None or not found.country:
        return None
    return Actor(name=found.name, country=found.country, sector=found.sector, code=found.code,
                 text=text_of(tok.doc)[start:end], start=start, end=end)


def _own_sector(tok: Token, owner: Token, hit: Actor) -> Actor:
    """"its air defences had downed ...": a sector noun owned through a pronoun is that
    party's sector (BLR + MIL), not the party the pronoun stands for (BLRGOV)."""
    if tok.pos_ != "NOUN" or not hit.country:
        return hit
    from eventwire.actors.kb import load, norm

    words = [c.text for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.text]
    found = load().sectors.get(norm(" ".join(words))) or load().sectors.get(norm(tok.text))
    if found is None or found[1] or found[0] == hit.sector:
        return hit
    start, end = owner.idx, tok.idx + len(tok.text)
    return Actor(name=hit.name, country=hit.country, sector=found[0],
                 code=hit.country + found[0], text=text_of(tok.doc)[start:end], start=start,
                 end=end)


def _based_in(tok: Token, actors: list[Actor]) -> Actor | None:
    """"a newspaper based in east Beirut", "a group headquartered in Trinidad": an uncoded
    body is of the country it is based in (the place, not its government); its sector
    from its own noun when the knowledge base knows it."""
    if tok.pos_ != "NOUN":
        return None
    for acl in tok.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in ("base", "headquarter", "locate"):
            continue
        for prep in acl.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                place = _covering(obj, actors) if obj.dep_ == "pobj" else None
                if place is None or not place.country or len(place.country) != 3:
                    continue
                from eventwire.actors.kb import load, norm

                found = load().sectors.get(norm(tok.text))
                sector = found[0] if found is not None and not found[1] else None
                start = tok.left_edge.idx
                end = obj.idx + len(obj.text)
                return Actor(name=place.name, country=place.country, sector=sector,
                             code=place.country + (sector or ""),
                             text=text_of(tok.doc)[start:end], start=start, end=end)
    return None


def _located_sector(tok: Token, actors: list[Actor]) -> Actor | None:
    """"air commands in central and western Ukraine": a sector noun placed in a country
    is that country's sector (the mention of the country alone has no sector)."""
    if tok.pos_ != "NOUN":
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    place = _covering(pobj, actors) if pobj is not None else None
    if place is None or not place.country or place.sector:
        return None
    from eventwire.actors.kb import load, norm

    words = [c.text for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.text]
    found = load().sectors.get(norm(" ".join(words))) or load().sectors.get(norm(tok.text))
    if found is None or found[1]:  # unknown or weak noun ("people in Ukraine")
        return None
    start = min([tok.idx] + [c.idx for c in tok.children if c.dep_ == "compound" and c.i < tok.i])
    return Actor(name=place.name, country=place.country, sector=found[0],
                 code=place.country + found[0], text=text_of(tok.doc)[start:tok.idx + len(tok.text)],
                 start=start, end=tok.idx + len(tok.text))


def is_light(verb: Token) -> bool:
    """Whether a verb is a light verb; the tagger's lemma can be wrong ("staged" -> "stag"),
    so the word's other possible lemmas count too."""
    if verb.lemma_.lower() in LIGHT_VERBS:
        return True
    from eventwire.nlp import lemma_candidates

    return verb.pos_ == "VERB" and not LIGHT_VERBS.isdisjoint(lemma_candidates(verb.lower_))


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        for c in (t, *t.conjuncts):
            if c not in out:
                out.append(c)
    return out


def _subject(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb, climbing to a governing verb when it has none of its own;
    the flag says whether the verb is passive (its subject is then the recipient)."""
    tok = verb
    for _ in range(4):
        subs = [c for c in tok.children if c.dep_ in SUBJ_DEPS]
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if subs:
            return subs, False
        if passive:
            return passive, True
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return [tok.head], False
        if tok.dep_ not in CLIMB_DEPS or tok.head is tok:
            break
        tok = tok.head
    return [], False


def _prep_objects(tok: Token, ptype: str, skip: set[int]) -> list[Token]:
    out = [c for c in tok.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]
    for prep in tok.children:
        if prep.dep_ not in ("prep", "dative") or prep.pos_ != "ADP":
            continue
        allowed = ROLE_PREPS.get(prep.lower_, set())
        if allowed is not None and ptype not in allowed:
            continue
        out.extend(c for c in prep.children if c.dep_ == "pobj" and c.i not in skip
                   and not _is_time(c))
    return out


def _shifted_object(verb: Token) -> list[Token]:
    """"condemned as a crime Russia's seizure of the ship": a long object placed after the
    verb's "as" complement is parsed as that complement's apposition, as a second object of
    "as", or ("as illegal Russia's seizure") with the complement as its adjective."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if len(objs) == 2:
            return objs[1:]
        for obj in objs:
            moved = [a for a in obj.children if a.dep_ == "appos" and a.pos_ in ("NOUN", "PROPN")]
            owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            if not moved and owner is not None and any(
                    c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < owner.i for c in obj.children):
                moved = [obj]
            if moved:
                return moved
    return []


def _is_time(tok: Token) -> bool:
    """"on Thursday", "at night": a date is never a party to an event."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in TIME_WORDS


def agent_of(tok: Token) -> list[Token]:
    """The "by" agent of a passive verb (empty when none is named)."""
    return _agent(tok)


def _agent(tok: Token) -> list[Token]:
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return [c for c in child.children if c.dep_ == "pobj"]
    return []


def role_tokens(trig: Trigger) -> tuple[list[Token], list[Token]]:
    """(actor tokens, recipient tokens) of a trigger, conjuncts included."""
    tok = trig.token
    ptype = trig.plover_type
    used = {u.i for u in trig.used}
    actor: list[Token] = []
    recipient: list[Token] = []
    if tok.pos_ in ("VERB", "AUX"):  # AUX: a copula anchoring a classifier event
        subs, passive = _subject(tok)
        if tok.lemma_.lower() in VICTIM_VERBS:  # "a prisoner died": the subject suffered it
            recipient, actor = subs, _agent(tok) or _holder(tok)
        elif tok.lemma_.lower() in STANCE_VERBS and passive and not _agent(tok):
            # "Israel is opposed to French mediation": a stance, not a passive
            actor = subs
            recipient = [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "to"
                         for c in p.children if c.dep_ == "pobj"]
        elif ptype == "RETREAT" and any(c.dep_ == "nsubjpass" for c in tok.children) \
                and not _agent(tok):
            # "peacekeepers were pulled out of the enclave": the moved are the ones
            # withdrawing, the place they leave is whom the withdrawal concerns
            actor = [c for c in tok.children if c.dep_ == "nsubjpass"]
            recipient = _left_place(tok)
        elif passive or any(c.dep_ == "auxpass" for c in tok.children):
            recipient = [c for c in tok.children if c.dep_ == "nsubjpass"] or (subs if passive else [])
            actor = _agent(tok)
        else:
            actor = subs
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")] or _shifted_object(tok)
            if trig.instrument is None:
                recipient = objs
        if not recipient and any(kind == "must" for kind, _ in trig.rule.require):
            # "said Iraq must cooperate": the demand is of the must-clause's subject
            recipient = [c for v in trig.used for c in v.children
                         if c.dep_ in ("nsubj", "nsubjpass")]
        if not recipient and ptype in ("REQUEST", "ACCUSE", "PROTEST"):
            # "demanded that Iran release the crew", "charged that Israeli troops had fired":
            # a demand or a charge is of the subject of the clause that says what it is
            recipient = [c for x in tok.children if x.dep_ == "ccomp" and x.pos_ in ("VERB", "AUX")
                         for c in x.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.pos_ != "PRON"]
        if not recipient and ptype == "REQUEST":
            # "pressed for Germany to back the plan": asked of the subject of the for-clause
            recipient = [c for x in tok.children if x.dep_ == "advcl"
                         and any(m.dep_ == "mark" and m.lower_ == "for" for m in x.children)
                         for c in x.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if not recipient:
            for obj in trig.used:  # "sanctions ON Russia", "cooperation WITH Russia"
                recipient = recipient or _prep_objects(obj, ptype, set())
            recipient = recipient or _prep_objects(tok, ptype, used)
        if not recipient:  # "refused to meet France", "threatened to attack Y"
            for x in tok.children:
                if x.dep_ == "xcomp" and x.pos_ == "VERB":
                    recipient = [c for c in x.children if c.dep_ in ("dobj", "obj")]
                    break
    else:
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in FRAME_NOUNS:
            # "launched a mediation effort between X and Y", "an arrest campaign against
            # X": the noun the trigger qualifies carries the act's grammar
            tok = tok.head
        for child in tok.children:
            if child.dep_ == "poss" and not _is_time(child):
                actor = [child]
        if not actor:
            actor = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
                     and c.pos_ in ("PROPN", "ADJ") and c.text[:1].isupper() and not _is_time(c)
                     and not _endorser(c)]
        actor = actor or _agent(tok)
        recipient = _prep_objects(tok, ptype, set())
        if not recipient and ptype in OBJECT_OF_TYPES:
            recipient = _of_object(tok)
        if not recipient and ptype == "REQUEST":
            # "insisted on its demands that the government grant ...": of the clause's subject
            recipient = [c for x in tok.children if x.dep_ in ("acl", "ccomp")
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)
                         for c in x.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.pos_ != "PRON"]
        if not recipient and tok.dep_ in ("dobj", "obj") and is_light(tok.head):
            # "opened investigations against 28 officials", "held talks with Iran": the
            # parse often hangs the party on the light verb instead of the noun
            recipient = _prep_objects(tok.head, ptype, {tok.i})
        if not actor:
            head = tok.head
            if tok.dep_ in ("dobj", "obj") and is_light(head):
                actor, _ = _subject(head)
            elif tok.dep_ == "pobj" and head.lower_ == "in" \
                    and head.head.lemma_.lower() in TAKING_PART:
                # "Serb forces were engaged in ethnic cleansing", "took part in the attack"
                actor = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            elif tok.lemma_.lower() in GROUP_NOUNS:
                # "At a summit in X, Putin said" / "remarks from a video conference, Putin said"
                cur = tok
                for _ in range(5):
                    if cur.dep_ not in ("pobj", "prep") or cur.head is cur:
                        break
                    cur = cur.head
                    if cur.pos_ == "VERB":
                        actor, _ = _subject(cur)
                        break
    return _with_conjuncts(actor), _with_conjuncts(recipient)


def resolve_roles(trig: Trigger, actors: list[Actor]) -> tuple[list[Actor | None], list[Actor | None]]:
    """Actor and recipient mentions of a trigger (None where a role is empty or uncoded)."""
    a_toks, r_toks = role_tokens(trig)
    a_list = _dedupe([mention_of(t, actors) or _phrase_actor(t, actors) for t in a_toks]
                     or [None])
    r_list = _dedupe([mention_of(t, actors) or _owner(t, actors) for t in r_toks] or [None])
    own = {(a.country, a.name) for a in a_list if a is not None}
    if all(r is None or (r.country, r.name) in own for r in r_list):
        # "offered its troops to X", "reneged on his commitment to the people": an object
        # that is the actor's own is not whom the act is done to; look further below
        r_list = [None]
    if r_list == [None]:
        # "would allow the return of U.N. inspectors": the object the rule consumed
        # belongs to the party it is done for
        owners = [_owner(u, actors) for u in trig.used if u.i != trig.token.i]
        r_list = [next((o for o in owners if o is not None
                        and (o.country, o.name) not in own), None)]
    if r_list == [None]:
        found = _recipient_below(trig.token, actors, {a.code for a in a_list if a is not None},
                                 {t.i for t in a_toks})
        if found is None and a_list[0] is not None:
            found = _other_of_two(trig, actors, a_list[0])
        if found is None and trig.plover_type == "PROTEST":
            found = _protested(trig.token, actors, {a.code for a in a_list if a is not None})
        if found is None and trig.plover_type in HOSTILE_TYPES:
            found = _opposed_below(trig.token, actors, {a.code for a in a_list if a is not None})
        if found is not None:
            r_list = [found]
    return a_list, r_list


def _owner(tok: Token, actors: list[Actor], depth: int = 0) -> Actor | None:
    """"hacked into the computers of South Korean officers", "attacked a camp for
    Congolese refugees": an uncoded thing acted on belongs to the party its "of" or
    "for" phrase names, and the act is done to that party."""
    if tok.pos_ != "NOUN":
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and not _is_time(obj):
                    hit = mention_of(obj, actors, allow_pronoun=False)
                    if hit is None and depth < 1:  # "part of an aid programme for Bosnia"
                        hit = _owner(obj, actors, depth + 1)
                    if hit is not None:
                        return hit
    return None


def located_party(trig: Trigger, actors: list[Actor], actor_list: list[Actor | None]
                  ) -> Actor | None:
    """The mention of a place that locates what the act is done to or for, when no party
    is named ("provide aid to refugees in Liberia"): see ``_recipient_below``."""
    a_toks, _ = role_tokens(trig)
    return _recipient_below(trig.token, actors, {a.code for a in actor_list if a is not None},
                            {t.i for t in a_toks}, located=True)


def _endorser(tok: Token) -> bool:
    """"a UN-sanctioned attack", "a Russian-backed offensive": the first word of a
    hyphenated participle names who approved or backed the act, not who did it ("a US-led
    attack" keeps its leader)."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-":
        return False
    part = doc[tok.i + 2]
    return part.tag_ == "VBN" and part.lemma_.lower() not in ("lead", "run")


def _left_place(verb: Token) -> list[Token]:
    """The object of "from" or "out of" on a verb (or on its particle "out")."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            out += [o for o in c.children if o.dep_ == "pobj"]
        elif c.lower_ == "out":  # "out of X": "of" hangs on "out" or on the verb
            out += [o for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ == "of" and any(
                x.lower_ == "out" and x.i == c.i - 1 for x in verb.children):
            out += [o for o in c.children if o.dep_ == "pobj"]
    return out


def _holder(verb: Token) -> list[Token]:
    """"died as a result of torture while in Israeli police custody": whoever held the
    victim is the doer."""
    for t in verb.subtree:
        if t.lemma_.lower() in HOLDING_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in" \
                and any(c.dep_ in ("amod", "compound", "poss") for c in t.children):
            return [t]
    return []


def _of_object(tok: Token) -> list[Token]:
    return [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
            for c in p.children if c.dep_ == "pobj" and not _is_time(c)]


def is_to_infinitive(tok: Token) -> bool:
    """Whether a word is the verb of a to-infinitive ("to protest", "to demand")."""
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _protested(tok: Token, actors: list[Actor], actor_codes: set[str | None]) -> Actor | None:
    """"began a hunger strike to protest the government's decision", "marched in protest
    at Israel's policy": a protest is against the party whose act its purpose names."""
    for stance in (tok, *tok.children):
        # "a hunger strike in protest of X's refusal", "blocked streets in defiance of X"
        noun = stance if stance.i == tok.i else next(
            (c for c in stance.children if c.dep_ == "pobj"), None) if stance.dep_ == "prep" \
            and stance.lower_ == "in" else None
        if noun is None or noun.lemma_.lower() not in STANCE_NOUNS or (
                noun.i == tok.i and tok.head.lower_ != "in"):
            continue
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "against", "to"):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    hit = mention_of(obj, actors, allow_pronoun=False) or _owner(obj, actors)
                    if hit is not None and hit.code not in actor_codes:
                        return hit
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") else tok
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and is_to_infinitive(clause):
            found = _recipient_below(clause, actors, actor_codes, set())
            if found is not None:
                return found
    return None


_PAIR_NOUNS = {"country", "nation", "side", "leader", "government", "state", "president",
               "party", "neighbour", "neighbor", "ally", "capital"}


def _other_of_two(trig: Trigger, actors: list[Actor], actor: Actor) -> Actor | None:
    """"a video conference between the two leaders", "cooperation between the two
    countries": the other party is the latest earlier mention of another country."""
    pair = None
    for prep in trig.token.subtree:  # "held talks on a deal between the two countries"
        if prep.dep_ == "prep" and prep.lower_ == "between":
            pair = next((c for c in prep.children if c.dep_ == "pobj"
                         and c.lemma_.lower() in _PAIR_NOUNS
                         and any(d.lower_ in ("two", "both") for d in c.children)), None)
            if pair is not None:
                break
    if pair is None:
        return None
    rulers = pair.lemma_.lower() in ("leader", "president", "government")
    before = [a for a in actors if a.start is not None and a.start < pair.idx and a.country
              and a.country != actor.country and len(a.country) == 3
              and (a.sector == "GOV" or not rulers)]
    return max(before, key=lambda a: a.start or 0) if before else None


# Links followed down from a trigger to find the party it is done to when the grammar of
# the trigger itself names none: "offered to hand over to Great Britain two nationals",
# "will provide food aid to refugees in Liberia", "agreed to withdraw its troops from Lebanon".
_DOWN = {"dobj", "obj", "dative", "xcomp", "prep", "pobj", "acl", "attr", "oprd", "npadvmod"}
_NOT_PARTY_PREPS = {"by", "of", "since", "until", "during", "after", "before", "in", "at",
                    "near", "as", "like", "amid", "despite"}


_LOCATIVE = {"in", "at", "inside"}
# Words whose "in X" is where parties meet, not whom the act is for ("talks in Geneva").
_VENUES = {"meet", "meeting", "talk", "summit", "conference", "negotiation", "sign", "hold",
           "session", "forum", "visit"}


def _recipient_below(tok: Token, actors: list[Actor], actor_codes: set[str | None],
                     skip: set[int], located: bool = False) -> Actor | None:
    """The first coded mention, breadth first within three links below the trigger, that
    is not the actor and not reached through a preposition of time, place or agency.

    ``located``: the party is instead the country of a place that locates what the act is
    done to or for ("will provide aid to refugees fleeing the war in Liberia", "agreed to
    set up a research centre in Tokyo", "would not meet demands to free prisoners in
    Iraq"), never the trigger's own place or a meeting's venue."""
    frontier = [(tok, False)]
    for _ in range(3):
        nxt: list[tuple[Token, bool]] = []
        for cur, placed in frontier:
            for child in cur.children:
                if (child.dep_ not in _DOWN and not _infinitive_relative(child)) \
                        or child.i in skip or _is_time(child):
                    continue
                locative = (located and child.dep_ == "prep" and child.lower_ in _LOCATIVE
                            and cur.i != tok.i and cur.lemma_.lower() not in _VENUES
                            and not (cur.head.i == tok.i and tok.lemma_.lower() in _VENUES))
                if child.dep_ == "prep" and child.lower_ == "with" and any(
                        c.dep_ == "pobj" and c.lemma_.lower() in HELP_NOUNS
                        for c in child.children):
                    continue  # "tighten the blockade with Albania's help": a helper
                if child.dep_ == "prep" and child.lower_ == "of" and (
                        _targets_of(cur) or _is_partitive(cur)):
                    pass  # "tighten the blockade of Serbia", "suspended part of a programme"
                elif child.dep_ == "prep" and child.lower_ in _NOT_PARTY_PREPS and not (
                        child.lower_ == "by" and cur.pos_ == "NOUN") and not locative:
                    # "rejected calls by Belarus", "condemned the attack by X": the author
                    # of the act named by an object noun is the party the trigger answers
                    continue
                # a preposition and its object are one link ("restrictions against X")
                for t in ([c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep"
                          else [child]):
                    hit = mention_of(t, actors, allow_pronoun=False)
                    if located and hit is not None and (placed or locative) and hit.country \
                            and hit.code not in actor_codes and _covering(t, actors) is hit:
                        # the place word itself ("in Liberia"), not a name it modifies ("in
                        # the South China Sea")
                        return hit
                    if not located and hit is not None and hit.code not in actor_codes:
                        return hit
                    nxt.append((t, placed or locative))
        frontier = nxt
    return None


# Conflictual acts whose target may be named deep below them with "against".
HOSTILE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "ACCUSE", "SANCTION"}
# Links followed down to an "against" phrase: objects, their modifiers and purpose clauses.
_TO_AGAINST = {"dobj", "obj", "xcomp", "prep", "pobj", "pcomp", "acl", "amod", "advcl"}


def _opposed_below(tok: Token, actors: list[Actor], actor_codes: set[str | None]
                   ) -> Actor | None:
    """"trained hackers capable of launching cyber attacks against the United States",
    "is making weapons to use against Britain": a hostile act whose own grammar names no
    target is aimed at the party an "against" phrase below it names, through its object,
    the object's modifiers and purpose infinitives, not through clauses of their own."""
    frontier = [tok]
    for _ in range(6):
        nxt: list[Token] = []
        for cur in frontier:
            for child in cur.children:
                if child.dep_ not in _TO_AGAINST or _is_time(child) or (
                        child.dep_ == "advcl" and not is_to_infinitive(child)) or (
                        child.dep_ == "amod" and child.pos_ != "ADJ"):
                    continue
                if child.dep_ == "prep" and child.lower_ == "against":
                    for obj in child.children:
                        hit = mention_of(obj, actors, allow_pronoun=False) \
                            if obj.dep_ == "pobj" else None
                        if hit is not None and hit.code not in actor_codes:
                            return hit
                nxt.append(child)
        frontier = nxt
    return None


def _infinitive_relative(tok: Token) -> bool:
    """"a call for peacekeepers to be sent to X": a to-infinitive the parse hangs on a noun
    as a relative clause is the noun's infinitival modifier (an acl), read the same way."""
    return tok.dep_ == "relcl" and is_to_infinitive(tok)


def _is_partitive(tok: Token) -> bool:
    from eventwire.events.triggers import PARTITIVES

    return tok.lower_ in PARTITIVES


def _targets_of(tok: Token) -> bool:
    """Whether a noun is a lexicon act that takes its target with "of" (OBJECT_OF_TYPES)."""
    if tok.pos_ != "NOUN":
        return False
    from eventwire.events.triggers import match

    found = match(tok)
    return found is not None and found.plover_type in OBJECT_OF_TYPES


def _dedupe(items: list[Actor | None]) -> list[Actor | None]:
    out: list[Actor | None] = []
    seen: set[tuple] = set()
    for a in items:
        key = (a.code, a.start) if a is not None else None
        if key not in seen:
            seen.add(key)
            out.append(a)
    # a coded mention beats an empty one for the same role
    coded = [a for a in out if a is not None]
    return coded or [None]
