"""Shared fixtures: where the evaluation data lives, one parsed pipeline, hand-made events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.model import Actor, Article, Event, Place, Quantity, Span, TimeValue

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "data" / "seed" / "000_b377222dc834d2b2.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: tests read the shared evaluation data beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The reference article's text (after the 'date YYYY-MM-DD' header)."""
    raw = SEED_ARTICLE.read_text(encoding="utf-8")
    return raw.split(" ", 3)[3] if raw.startswith(" date ") else raw.split(" ", 2)[2]


@pytest.fixture(scope="session")
def nlp():
    from eventwire import nlp as ew_nlp

    return ew_nlp.load()



def _make_event(article: Article, idx: int, type_: str, actor: str, recipient: str, day: str) -> Event:
    return Event(
        id=f"{article.id}-{idx}", article_id=article.id, published=article.published.isoformat(),
        sentence="Russia launched 16 drones into Ukraine.", sentence_index=idx,
        trigger=Span("launched", 7, 15), type=type_, mode=None, contexts=["military"],
        cameo="190", quad=4, intensity=-10.0,
        actor=Actor(name=actor, country=actor[:3], sector=actor[3:] or None, code=actor,
                    text=actor, start=0, end=6),
        recipient=Actor(name=recipient, country=recipient[:3], sector=None, code=recipient,
                        text=recipient, start=29, end=36),
        date=TimeValue(day, "day" if len(day) == 10 else "month", "overnight", 37, 46),
        location=Place(29, 36, "Ukraine", "Ukraine", 690791, 49.0, 32.0, "UKR", None, "country"),
        quantities=[Quantity(16, "drone", "16 drones", 16, 25)],
    )


@pytest.fixture()
def batch():
    """Two articles, three events with every field set (the store and bench tests)."""
    a1 = Article("a1", date(2022, 12, 30), "text one", origin="x.txt", url="https://example.org/a1",
                 title="Drones over Kyiv")
    a2 = Article("a2", date(2022, 11, 5), "text two")
    return [
        (a1, [_make_event(a1, 0, "ASSAULT", "RUSMIL", "UKR", "2022-12-29"),
              _make_event(a1, 1, "SANCTION", "WST", "RUS", "2022-12")]),
        (a2, [_make_event(a2, 0, "ASSAULT", "UKRMIL", "RUS", "2022-11-04")]),
    ]
