"""The API's page index must pick exactly the page SQL picks, for every filter and sort."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.model import PLOVER_TYPES, Actor, Article, Event, Place, Span, TimeValue
from eventwire.store import Store, views
from eventwire.store.pageindex import PageIndex
from eventwire.store.query import EventFilter

CODES = ("RUS", "RUSMIL", "RUSGOV", "UKR", "UKRMIL", "USA", "USAGOV", "ISR", "ISRMIL", "PSE",
         "IGOUNO", "CHN")
PLACES = (("Kyiv", 50.45, 30.52, "UKR"), ("Jerusalem", 31.77, 35.21, "ISR"),
          ("Gaza", 31.50, 34.47, "PSE"), ("Moscow", 55.75, 37.62, "RUS"),
          ("Beijing", 39.90, 116.40, "CHN"))
MODES = (None, "drone", "visit", "aerial")
SENTENCES = ("Russia fired MISSILES at Kyiv.", "The Élysée said talks would resume.",
             "Missile debris fell near the border.", "Protesters marched in Gaza City.",
             "Officials met in Beijing; no missile was mentioned.", "")


def _actor(rng: random.Random) -> Actor | None:
    if rng.random() < 0.15:
        return None
    code = rng.choice(CODES)
    return Actor(name=code, country=code[:3], sector=code[3:] or None, code=code, text=code,
                 start=0, end=3)


def _event(rng: random.Random, article: Article, i: int) -> Event:
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(60))
    # many events share a day (ties broken on the row id), some are only a month, some undated
    value = rng.choices([day.isoformat(), day.isoformat()[:7], "PAST_REF"], [8, 1, 1])[0]
    place = rng.choice(PLACES) if rng.random() < 0.7 else None
    return Event(
        id=f"{article.id}-{i}", article_id=article.id, published=article.published.isoformat(),
        sentence=rng.choice(SENTENCES), sentence_index=i, trigger=Span("did", 2, 5),
        type=rng.choice(PLOVER_TYPES), mode=rng.choice(MODES), contexts=[],
        cameo="190", quad=rng.randrange(5),
        intensity=rng.choice([-10.0, -5.0, 0.0, 3.4, 7.0]),
        actor=_actor(rng), recipient=_actor(rng),
        date=TimeValue(value, {10: "day", 7: "month"}.get(len(value), "year")),
        location=(Place(0, 3, place[0], place[0], 1, place[1], place[2], place[3], None, "city")
                  if place else None),
        confidence=rng.choice([0.3, 0.5, 0.75, 0.9]))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    rng = random.Random(11)
    path = Path(tmp_path_factory.mktemp("pageindex")) / "events.duckdb"
    with Store(path) as st:
        batches = []
        for a in range(60):
            art = Article(f"art{a:03d}", date(2023, 3, 1), "text")
            batches.append((art, [_event(rng, art, i) for i in range(25)]))
        st.write(batches)
    st = Store(path, read_only=True)
    yield st
    st.close()


FILTERS = (
    EventFilter(),
    EventFilter(actor="RUS"),
    EventFilter(actor="rusmil"),
    EventFilter(actor="R"),
    EventFilter(recipient="UKR", type="assault"),
    EventFilter(actor="USA", recipient="ISR", since=date(2023, 1, 20)),
    EventFilter(country="PSE", quad=4),
    EventFilter(country="ISR"),
    EventFilter(since=date(2023, 2, 1), until=date(2023, 2, 7)),
    EventFilter(until=date(2023, 1, 10)),
    EventFilter(since=date(2023, 1, 31), until=date(2023, 1, 31)),
    EventFilter(mode="DRONE", quad=4),
    EventFilter(quad=0),
    EventFilter(near=(31.77, 35.21), km=100),
    EventFilter(near=(50.45, 30.52), km=5, actor="RUS"),
    EventFilter(type="CONSULT", since=date(2030, 1, 1)),  # nothing matches
    EventFilter(actor="XXX"),
    EventFilter(text="missile"),
    EventFilter(text="MISSILE kyiv", actor="RUS"),
    EventFilter(text="élysée"),
    EventFilter(text="talks", since=date(2023, 2, 1)),
    EventFilter(text="nowhere to be found"),
    EventFilter(text="kyiv.missile"),  # only across two sentences: no match
    EventFilter(text="."),
)


@pytest.mark.parametrize("flt", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_page_index_picks_the_sql_page(store: Store, flt: EventFilter):
    index = PageIndex.build(store)
    cond, params = views.where(flt)
    for sort, (limit, offset), block in itertools.product(
            views.SORT_CHOICES, ((50, 0), (7, 13), (1, 0), (20, 1490)), (64, 100_000)):
        want = [r[0] for r in store.con.execute(
            f"SELECT id FROM events{cond} ORDER BY {views.order_by(sort)} LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()]
        got = index.page_ids(flt, sort, limit, offset, block=block)
        assert got == want, (flt, sort, limit, offset, block)


def test_filters_on_columns_it_does_not_hold_go_to_sql(store: Store):
    index = PageIndex.build(store)
    assert index.size == 1500
    for flt in (EventFilter(article_id="art001"), EventFilter(stories=True),
                EventFilter(article_id="art001", text="missile")):
        assert index.page_ids(flt) is None
    # and views.page answers them all the same
    page = views.page(store, EventFilter(article_id="art001"), limit=5, index=index)
    assert page.total == 25 and len(page.raw) == 5


class _Counting(PageIndex):
    __slots__ = ("answered",)

    def page_ids(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        ids = super().page_ids(*args, **kwargs)
        self.answered = getattr(self, "answered", 0) + (ids is not None)
        return ids


def test_views_page_uses_the_index_and_agrees_with_sql(store: Store):
    index = _Counting.build(store)
    flt = EventFilter(actor="RUS", quad=4)
    plain = views.page(store, flt, sort="-intensity", limit=30, offset=5)
    fast = views.page(store, flt, sort="-intensity", limit=30, offset=5, index=index)
    assert index.answered == 1
    assert fast.raw == plain.raw and fast.total == plain.total
    with pytest.raises(ValueError, match="unknown sort"):
        views.page(store, flt, sort="-nothing", index=index)
