"""The store: idempotent writes, queries, and the record round trip."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventwire.model import Article
from eventwire.store import EventFilter, Store, StoreError, events_arrow, first_day, iter_records


def test_write_is_idempotent(tmp_path, batch):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert s.write(batch) == (2, 3)
        assert s.write(batch) == (0, 0)
        assert s.known_ids(["a1", "zz", "a2"]) == {"a1", "a2"}
    with Store(db) as s:  # reopened: data survived, still no duplicates
        assert s.write(batch) == (0, 0)
        assert s.counts() == {"articles": 2, "events": 3, "stories": 0}


def test_article_without_events_is_stored(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert s.write([(Article("e", date(2020, 1, 1), "nothing happened"), [])]) == (1, 0)
        assert s.known_ids(["e"]) == {"e"}


def test_record_round_trip(tmp_path, batch):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(batch)
        recs = list(iter_records(s))
    original = batch[0][1][0].to_dict()
    stored = next(r for r in recs if r["id"] == original["id"])
    assert stored == json.loads(json.dumps(original))


def test_filters(tmp_path, batch):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(batch)
        ids = lambda **kw: [r["id"] for r in iter_records(s, EventFilter(**kw))]  # noqa: E731
        assert ids(actor="RUS") == ["a1-0"]
        assert ids(recipient="RUS") == ["a2-0", "a1-1"]
        assert ids(type="assault") == ["a2-0", "a1-0"]
        assert ids(since=date(2022, 12, 1)) == ["a1-1", "a1-0"]
        assert ids(until=date(2022, 11, 30)) == ["a2-0"]
        assert ids(actor="RUS", recipient="UKR", type="ASSAULT", since=date(2022, 12, 1)) == ["a1-0"]
        assert ids(limit=1) == ["a2-0"]
        assert ids(actor="RUSM") == ["a1-0"] and ids(actor="WST") == ["a1-1"]
        assert ids(actor="R_S") == [] and ids(actor="%") == []  # no LIKE wildcards
        table = events_arrow(s, EventFilter(type="ASSAULT"))
    assert table.num_rows == 2
    assert set(table.column("actor_code").to_pylist()) == {"RUSMIL", "UKRMIL"}


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="eventwire ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize(("value", "day"), [
    ("2022-12-29", date(2022, 12, 29)),
    ("2022-12-29TNI", date(2022, 12, 29)),
    ("2022-12", date(2022, 12, 1)),
    ("2022-W51", date(2022, 12, 19)),
    ("2023-SP", date(2023, 3, 1)),
    ("2022-Q3", date(2022, 7, 1)),
    ("2022", date(2022, 1, 1)),
    ("PAST_REF", None),
    ("2022-02-30", None),
])
def test_first_day(value, day):
    assert first_day(value) == day


def test_more_filters(tmp_path, batch):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(batch)
        ids = lambda **kw: [r["id"] for r in iter_records(s, EventFilter(**kw))]  # noqa: E731
        assert ids(country="rus") == ["a2-0", "a1-1", "a1-0"]
        assert ids(country="UKR", type="ASSAULT") == ["a2-0", "a1-0"]
        assert ids(quad=4) == ["a2-0", "a1-1", "a1-0"]
        assert ids(quad=1) == []
        assert ids(mode="DRONE") == []
        kyiv = (50.45, 30.52)  # the events sit at (49.0, 32.0): about 200 km away
        assert ids(near=kyiv, km=100) == []
        assert len(ids(near=kyiv, km=250)) == 3
        assert len(ids(text="launched DRONES")) == 3
        assert ids(text="100%_sure") == []


def test_pandas_frame(tmp_path, batch):
    from eventwire.store import events_frame

    with Store(tmp_path / "s.duckdb") as s:
        s.write(batch)
        df = events_frame(s, EventFilter(actor="RUS"))
    assert list(df["id"]) == ["a1-0"]
    assert df.loc[0, "location_name"] == "Ukraine"
