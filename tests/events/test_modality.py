"""Modality on real parses: an act only weighed as an option is no event (CAMEO 014)."""

from __future__ import annotations

import pytest

import eventwire


def _codes(text: str) -> list[tuple[str | None, str]]:
    return [(e.type, e.cameo) for e in eventwire.code(text, "2021-05-04")]


@pytest.mark.parametrize("text", [
    "Japan is considering sending food aid to Haiti after the floods.",
    "Officials in Ottawa said Canada was considering imposing sanctions on Belarus.",
    "Brazil is weighing sending troops to the peacekeeping mission in Haiti.",
])
def test_an_option_weighed_is_no_act(text):
    assert not any(t in ("AID", "SANCTION", "MOBILIZE", "COOPERATE") for t, _ in _codes(text))


@pytest.mark.parametrize(("text", "etype"), [
    # the act itself, and the act next to a weighing, stay coded
    ("Japan sent food aid to Haiti after the floods.", "AID"),
    ("Canada imposed sanctions on Belarus.", "SANCTION"),
])
def test_the_act_itself_is_coded(text, etype):
    assert etype in {t for t, _ in _codes(text)}


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    # the one who awaits another's visit invites it: the host's intent to meet, to the guest
    ("Japan expects the Chinese premier to visit Tokyo next month.", "JPN", "CHN"),
    ("Kenyan President Uhuru Kenyatta said he was expecting Ugandan President Yoweri Museveni "
     "to make a state visit to Nairobi in June.", "KEN", "UGA"),
    # the visitor's own stated intent keeps the visitor as its actor
    ("Chinese Premier Li Keqiang said he plans to visit Tokyo next month.", "CHN", "JPN"),
])
def test_an_awaited_visit_is_the_hosts_invitation(text, actor, recipient):
    visits = [e for e in eventwire.code(text, "2021-05-04") if e.cameo == "036"]
    assert visits, eventwire.code(text, "2021-05-04")
    ev = visits[0]
    assert ev.type == "AGREE"
    assert (ev.actor and ev.actor.country, ev.recipient and ev.recipient.country) == (actor, recipient)


def test_seed_invitation_is_putins(nlp, seed_text, stage_inputs):
    """The reference article's first sentence: Putin expects Xi to make a state visit."""
    from datetime import date

    from eventwire.events import extract
    from eventwire.model import Article

    pub = date(2022, 12, 30)
    doc = nlp(seed_text)
    events = extract(doc, Article(id="seed", published=pub, text=seed_text),
                     *stage_inputs(doc, seed_text, pub))
    visit = next(e for e in events if e.sentence_index == 0 and e.cameo == "036")
    assert (visit.actor.country, visit.recipient.country) == ("RUS", "CHN")
