"""End to end on the reference article: the real time/geo/actors stages (where present) + events."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.events import ExtractStats, extract
from eventwire.model import Article


@pytest.fixture(scope="module")
def seed_events(nlp, seed_text, stage_inputs):
    pub = date(2022, 12, 30)
    doc = nlp(seed_text)
    timexes, places, actors = stage_inputs(doc, seed_text, pub)
    stats = ExtractStats()
    events = extract(doc, Article(id="seed", published=pub, text=seed_text), timexes, places,
                     actors, stats)
    return events, stats, seed_text


def _one(events, trigger, etype):
    hits = [e for e in events if e.trigger.text == trigger and e.type == etype]
    assert hits, [(e.trigger.text, e.type) for e in events]
    return hits[0]


def test_drone_assault(seed_events):
    events, _, text = seed_events
    ev = _one(events, "launched", "ASSAULT")
    assert ev.actor.country == "RUS" and ev.recipient.country == "UKR"
    assert ev.mode == "drone" and ev.cameo == "195" and ev.quad == 4 and ev.intensity == -10.0
    assert [(q.value, q.unit) for q in ev.quantities] == [(16, "drone")]
    assert text[ev.quantities[0].start:ev.quantities[0].end] == '16 "kamikaze" drones'
    assert ev.date.value in ("2022-12-29", "2022-12-30") and ev.date.precision == "day"
    assert ev.attribution.text == "Kyiv's military" and ev.attribution.country == "UKR"
    assert ev.location is not None and ev.location.country == "UKR"
    assert not ev.negated and ev.modality == "asserted"
    assert text[ev.trigger.start:ev.trigger.end] == "launched"


def test_refrained_condemnation_is_negated(seed_events):
    events, _, _ = seed_events
    ev = _one(events, "condemning", "ACCUSE")
    assert ev.negated and ev.actor.country == "CHN" and ev.recipient.country == "RUS"
    assert not [e for e in events if e.type == "ACCUSE" and not e.negated
                and e.actor and e.actor.country == "CHN"]


def test_sanctions(seed_events):
    events, _, _ = seed_events
    ev = _one(events, "imposed", "SANCTION")
    assert ev.recipient.country == "RUS" and ev.cameo == "163" and not ev.negated
    assert ev.actor is not None and "Western" in ev.actor.text


def test_call_on_nato_members(seed_events):
    events, _, _ = seed_events
    ev = _one(events, "called", "REQUEST")
    assert "NATO" in ev.actor.text and "NATO" in ev.recipient.text
    assert not [e for e in events if e.trigger.text == "supply"]  # what was asked for


def test_ambassador_summoned(seed_events):
    events, _, _ = seed_events
    ev = _one(events, "summoned", "ACCUSE")
    assert ev.actor.country == "BLR" and ev.recipient.country == "UKR" and ev.cameo == "114"


def test_invitation_and_video_conference(seed_events):
    events, _, _ = seed_events
    visit = next(e for e in events if e.trigger.text == "visit" and e.sentence_index == 0)
    assert visit.type == "AGREE" and visit.modality == "intended" and visit.cameo == "036"
    assert {visit.actor.country, visit.recipient.country} == {"CHN", "RUS"}
    assert visit.date.value == "2023-SP" and visit.date.precision == "season"
    conf = _one(events, "conference", "CONSULT")
    assert conf.mode == "phone" and conf.actor.country == "RUS"
    # "a video conference between the two leaders": the other leader named before
    assert conf.recipient is not None and conf.recipient.code == "CHNGOV"


def test_deepen_military_cooperation_is_intent(seed_events):
    events, _, _ = seed_events
    ev = _one(events, "deepen", "AGREE")
    assert ev.modality == "intended" and ev.cameo == "0312" and "military" in ev.contexts
    assert ev.actor.country == "RUS"
    assert ev.recipient is not None and ev.recipient.country == "CHN"  # "the two countries"


def test_summit_and_records(seed_events):
    events, stats, _ = seed_events
    summit = _one(events, "summit", "CONSULT")
    assert summit.date.value == "2022-09" and summit.date.precision == "month"
    assert summit.location is not None and summit.location.country == "UZB"
    # "Putin acknowledged his Chinese counterpart's concerns": the other party at the summit
    assert summit.actor.country == "RUS" and summit.recipient is not None
    assert summit.recipient.code == "CHNGOV"
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids)) and all(len(i) == 20 for i in ids)
    assert all(0.0 <= e.confidence <= 1.0 for e in events)
    assert all(e.actor is not None or e.recipient is not None for e in events)
    assert stats.emitted == len(events) and stats.dropped_uncoded > 0
    for e in events:
        e.to_dict()  # the contract record serializes


def test_invasion_dated_by_its_own_clause(seed_events):
    """"since Moscow sent its armed forces into Ukraine on February 24": the invasion."""
    events, _, _ = seed_events
    ev = _one(events, "sent", "ASSAULT")  # PLOVER 2.0: an occupation carried out
    assert ev.cameo == "192" and ev.actor.country == "RUS" and ev.recipient.country == "UKR"
    assert ev.date.value == "2022-02-24" and not ev.negated


def test_nothing_from_the_careful_not_to_provide_sentence(seed_events):
    """"... careful not to provide the sort of direct material support that could provoke
    Western sanctions against China": neither the support nor the sanctions happened."""
    events, _, _ = seed_events
    real = [e for e in events if "careful not to provide" in e.sentence and not e.negated]
    assert real == [], [(e.trigger.text, e.type) for e in real]


def test_missiles_repelled_by_ukraines_air_commands(seed_events):
    events, _, _ = seed_events
    ev = next(e for e in events if "repelled 54" in e.sentence and e.type == "ASSAULT")
    assert ev.actor is not None and ev.actor.country == "UKR" and ev.actor.sector == "MIL"
    assert sorted(q.value for q in ev.quantities) == [11, 54]


def test_thursday_assault_is_on_the_country_of_the_sentence_places(seed_events):
    """"Residents of the Ukrainian capital Kyiv were urged to head to air raid shelters ...
    a day after Russia carried out one of the biggest aerial assaults": done to Ukraine."""
    events, _, _ = seed_events
    ev = _one(events, "carried", "ASSAULT")
    assert ev.actor.country == "RUS" and ev.recipient is not None
    assert ev.recipient.country == "UKR" and ev.date.value == "2022-12-29"


def test_s300_downed_by_belarus_air_defences(seed_events):
    """"Belarus' defence ministry said ... its air defences had downed a Ukrainian S-300":
    the doer is Belarus's military, named through the pronoun."""
    events, _, _ = seed_events
    ev = _one(events, "downed", "ASSAULT")
    assert ev.actor.code == "BLRMIL" and ev.actor.text == "its air defences"
    assert ev.recipient is not None and ev.recipient.country == "UKR"
