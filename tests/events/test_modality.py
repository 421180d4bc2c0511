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
