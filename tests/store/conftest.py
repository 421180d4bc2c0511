"""Hand-made events with every field set, shared by the store tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Actor, Article, Event, Place, Quantity, Span, TimeValue


def makemake_event(article: Article, idx: int, type_: str, actor: str, recipient: str, day: str) -> Event:
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
    a1 = Article("a1", date(2022, 12, 30), "text one", origin="x.txt", url="https://example.org/a1",
                 title="Drones over Kyiv")
    a2 = Article("a2", date(2022, 11, 5), "text two")
    return [
        (a1, [makemake_event(a1, 0, "ASSAULT", "RUSMIL", "UKR", "2022-12-29"),
              makemake_event(a1, 1, "SANCTION", "WST", "RUS", "2022-12")]),
        (a2, [makemake_event(a2, 0, "ASSAULT", "UKRMIL", "RUS", "2022-11-04")]),
    ]
