"""The seed article's events carry the dates the design doc relies on (event dating in
``eventwire.events.context.event_date`` over the tagger's expressions)."""

from __future__ import annotations

import pytest

import eventwire


@pytest.fixture(scope="module")
def events(seed_text: str) -> list:
    return eventwire.code(seed_text, "2022-12-30")


def _dates(events: list, trigger: str) -> set[tuple[str, str]]:
    return {(e.date.value, e.date.precision) for e in events if e.trigger.text == trigger}


def test_drone_attack_overnight(events: list) -> None:
    # "Russia launched 16 kamikaze drones into Ukraine overnight": the night ending on the
    # publication day (2022-12-29/30), stamped with its last day
    assert _dates(events, "launched") == {("2022-12-30", "day")}


def test_thursday_missile_strikes(events: list) -> None:
    assert _dates(events, "repelled") == {("2022-12-29", "day")}
    assert _dates(events, "attacks") == {("2022-12-29", "day")}
    # "a day after Russia carried out one of the biggest aerial assaults"
    assert _dates(events, "carried") == {("2022-12-29", "day")}


def test_uzbekistan_summit(events: list) -> None:
    assert _dates(events, "summit") == {("2022-09", "month")}


def test_state_visit(events: list) -> None:
    assert _dates(events, "visit") == {("2023-SP", "season")}


def test_no_borrowed_dates(events: list) -> None:
    # the video conference is not dated by the "next spring" inside Putin's quoted words,
    # nor the "no limits" praise by the invasion date of the "since ..." clause
    assert _dates(events, "conference") == {("2022-12-30", "day")}
    assert _dates(events, "hailed") == {("2022-12-30", "day")}
    undated = [e for e in events if e.date.text is None]
    assert all(e.date.value == "2022-12-30" and e.date.precision == "day" for e in undated)


def test_invasion_date(events: list, seed_text: str) -> None:
    # The events stage emits no event for "Moscow sent its armed forces into Ukraine on
    # February 24"; if it does, it must carry that day. The expression itself is checked.
    sent = [e for e in events if e.trigger.text == "sent"]
    assert all((e.date.value, e.date.precision) == ("2022-02-24", "day") for e in sent)
    from eventwire.time import tag

    assert ("February 24", "2022-02-24") in {(t.text, t.value) for t in tag(seed_text, "2022-12-30")}
