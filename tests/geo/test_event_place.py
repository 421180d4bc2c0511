"""Event location on the seed article: the place governing the trigger, never a dateline."""

from __future__ import annotations

import pytest

import eventwire


@pytest.fixture(scope="module")
def seed_events(nlp, seed_text: str) -> list:
    return eventwire.code(seed_text, "2022-12-30")


def _located(events: list, trigger: str) -> set[tuple[str, str | None]]:
    return {(e.location.country, e.location.feature) for e in events
            if e.trigger.text == trigger and e.location is not None}


def test_seed_events_in_ukraine_uzbekistan_and_belarus(seed_events: list) -> None:
    countries = {e.location.country for e in seed_events if e.location is not None}
    assert {"UKR", "UZB", "BLR"} <= countries
    assert _located(seed_events, "launched") == {("UKR", "country")}  # "into Ukraine"
    assert _located(seed_events, "summit") == {("UZB", "country")}  # "a summit in Uzbekistan"
    # "Belarus' defence ministry said ... its air defences had downed a missile in a field"
    assert _located(seed_events, "downed") == {("BLR", "country")}


def test_visit_goes_to_its_destination(seed_events: list) -> None:
    visits = [e for e in seed_events if e.trigger.text == "visit" and e.location is not None]
    assert visits and all(e.location.country == "RUS" for e in visits)


def test_no_place_without_a_place_in_the_sentence(seed_events: list) -> None:
    for e in seed_events:
        if e.location is not None:
            assert e.location.text in e.sentence
            assert e.location.feature in ("country", "admin1", "admin2", "city", "region")
