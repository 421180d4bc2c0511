"""End to end on the reference article: concrete records, not just 'something came out'."""

from __future__ import annotations

import json

import pytest

import eventwire
from eventwire.model import PLOVER_TYPES, PRECISIONS

CONTRACT_FIELDS = [
    "id", "article_id", "published", "sentence", "sentence_index", "trigger", "type", "mode",
    "contexts", "cameo", "quad", "intensity", "actor", "recipient", "date", "location",
    "quantities", "attribution", "negated", "modality", "confidence",
]


@pytest.fixture(scope="module")
def seed_events(seed_text):
    return eventwire.code(seed_text, "2022-12-30")


@pytest.fixture(scope="module")
def seed_events_all(seed_text):
    return eventwire.code(seed_text, "2022-12-30", keep_negated=True)


def _code(part):
    return part.code if part else None


def test_records_follow_the_contract(seed_text, seed_events):
    assert len(seed_events) >= 5
    ids = set()
    for e in seed_events:
        rec = e.to_dict()
        assert list(rec) == CONTRACT_FIELDS
        json.dumps(rec)  # serializable
        assert rec["type"] in PLOVER_TYPES
        assert rec["quad"] in range(5)
        assert -10 <= rec["intensity"] <= 10
        assert rec["date"]["precision"] in PRECISIONS
        assert rec["published"] == "2022-12-30"
        t = rec["trigger"]
        assert seed_text[t["start"]:t["end"]] == t["text"]
        for role in ("actor", "recipient", "location"):
            span = rec[role]
            if span and span.get("start") is not None:
                assert seed_text[span["start"]:span["end"]] == span["text"], role
        for q in rec["quantities"]:
            assert seed_text[q["start"]:q["end"]] == q["text"]
        if rec["date"]["text"] is not None:
            d = rec["date"]
            assert seed_text[d["start"]:d["end"]] == d["text"]
        assert rec["sentence"] in seed_text
        assert not rec["negated"]
        ids.add(rec["id"])
    assert len(ids) == len(seed_events), "event ids must be unique"


def test_drone_attack(seed_events):
    attacks = [e for e in seed_events if e.type == "ASSAULT"
               and (e.actor and e.actor.country) == "RUS"
               and (e.recipient and e.recipient.country) == "UKR"
               and "kamikaze" in e.sentence]
    assert attacks, [(e.type, _code(e.actor), _code(e.recipient), e.sentence[:50]) for e in seed_events]
    drone = attacks[0]
    assert any(q.value == 16 for q in drone.quantities)
    assert drone.date.value in ("2022-12-29", "2022-12-30")
    assert drone.quad == 4


def test_negated_condemnation_is_not_an_event(seed_events, seed_events_all):
    def china_accuses_russia(events):
        return [e for e in events if e.type == "ACCUSE"
                and (e.actor and e.actor.country) == "CHN"
                and (e.recipient and e.recipient.country) == "RUS"]

    assert not china_accuses_russia(seed_events)
    kept = china_accuses_russia(seed_events_all)
    assert kept and all(e.negated for e in kept)


def test_same_input_same_output(seed_text, seed_events):
    again = eventwire.code(seed_text, "2022-12-30")
    assert [e.to_dict() for e in again] == [e.to_dict() for e in seed_events]


def test_actor_codes_begin_with_their_country(seed_events_all):
    """The store's actor filter is a prefix match on the code alone (store/query.py):
    that finds every actor of a country only while a code is country + sector."""
    actors = [a for e in seed_events_all for a in (e.actor, e.recipient) if a is not None]
    assert actors
    for a in actors:
        assert a.code == (a.country or "") + (a.sector or ""), a
