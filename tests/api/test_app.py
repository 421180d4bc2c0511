"""The HTTP API against a real store: every endpoint and filter, checked against the
store's own query functions (the API must answer exactly what `eventwire events` would)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.output import CSV_COLUMNS, flatten
from eventwire.store import EventFilter, Store, iter_records
from eventwire.store.lock import Gate

XSS_SCRIPT = "<script>alert(1)</script>"  # as in conftest.CRAFTED
XSS_IMG = "<img src=x onerror=alert(1)>"

TOKEN = "s3cret-token"
SEED = (Path(__file__).resolve().parents[2] / "samples" / "02_attack.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def client(api_store: Path):
    with TestClient(create_app(api_store)) as c:
        yield c


@pytest.fixture(scope="module")
def records(api_store: Path) -> list[dict]:
    with Store(api_store, read_only=True) as st:
        return list(iter_records(st))


def expected_ids(api_store: Path, **kw) -> set[str]:
    with Store(api_store, read_only=True) as st:
        return {r["id"] for r in iter_records(st, EventFilter(**kw))}


def all_pages(client: TestClient, params: dict, size: int = 4) -> list[dict]:
    out, offset = [], 0
    while True:
        body = client.get("/events", params={**params, "limit": size, "offset": offset}).json()
        out += body["events"]
        offset += size
        if offset >= body["total"]:
            return out


# ------------------------------------------------------------------ health, headers, UI


def test_health_counts_the_store(client, api_store):
    with Store(api_store, read_only=True) as st:
        counts = st.counts()
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["version"]
    assert {k: body[k] for k in counts} == counts
    assert counts["events"] > counts["stories"] > 0  # the crafted reports merged into one story


def test_security_headers_on_api_and_page(client):
    for url in ("/health", "/", "/events?type=nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        assert "unsafe-inline" not in csp and "http" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_index_and_static_are_served_or_missing_ui_is_explained(client, tmp_path, monkeypatch):
    from eventwire.api import app as app_module

    page = client.get("/")
    if (app_module.STATIC / "index.html").is_file():
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    monkeypatch.setattr(app_module, "STATIC", tmp_path)
    missing = client.get("/")
    assert missing.status_code == 404 and "missing" in missing.text
    assert client.get("/static/no-such-file.js").status_code == 404


def test_openapi_and_docs(client):
    schema = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/actors", "/timeline",
            "/network", "/places", "/articles", "/health"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "country", "type", "quad", "mode", "since", "until", "near",
            "km", "text", "stories", "article_id", "sort", "limit", "offset", "format"} <= names
    docs = client.get("/docs")
    assert docs.status_code == 200 and "GET /events" in docs.text and "near" in docs.text
    # offline and CSP-clean: no script at all, nothing from another host
    assert "<script" not in docs.text and "://" not in docs.text


# ------------------------------------------------------------------ /events


def test_events_default_page_is_every_record_newest_first(client, records):
    body = client.get("/events", params={"limit": 1000}).json()
    assert body["total"] == len(records) and body["limit"] == 1000 and body["offset"] == 0
    assert sorted(body["events"], key=lambda r: r["id"]) == sorted(records, key=lambda r: r["id"])
    days = [r["date"]["value"][:10] for r in body["events"]]
    assert client.get("/events").json()["limit"] == 50
    # the date sort is on the first day the TIMEX value covers; day values compare as text
    day_only = [d for d in days if len(d) == 10]
    assert day_only == sorted(day_only, reverse=True)


@pytest.mark.parametrize("params,kw", [
    ({"actor": "RUS"}, {"actor": "RUS"}),
    ({"actor": "rusmil"}, {"actor": "RUSMIL"}),
    ({"recipient": "UKR"}, {"recipient": "UKR"}),
    ({"actor": "RUS", "recipient": "UKR"}, {"actor": "RUS", "recipient": "UKR"}),
    ({"country": "irn"}, {"country": "IRN"}),
    ({"type": "assault"}, {"type": "ASSAULT"}),
    ({"quad": 4}, {"quad": 4}),
    ({"quad": 0}, {"quad": 0}),
    ({"mode": "drone"}, {"mode": "drone"}),
    ({"since": "2024-01-01"}, {"since": date(2024, 1, 1)}),
    ({"until": "2023-03-07"}, {"until": date(2023, 3, 7)}),
    ({"since": "2023-01-01", "until": "2023-12-31"},
     {"since": date(2023, 1, 1), "until": date(2023, 12, 31)}),
    ({"text": "Civilians KILLED"}, {"text": "Civilians KILLED"}),
    ({"stories": "true"}, {"stories": True}),
    ({"article_id": "crafted-xss"}, {"article_id": "crafted-xss"}),
    ({"type": "ASSAULT", "stories": "true", "actor": "RUS"},
     {"type": "ASSAULT", "stories": True, "actor": "RUS"}),
])
def test_every_filter_matches_the_store_query(client, api_store, params, kw):
    want = expected_ids(api_store, **kw)
    assert want, f"the test store should have events for {kw}"
    body = client.get("/events", params={**params, "limit": 1000}).json()
    assert body["total"] == len(want)
    assert {r["id"] for r in body["events"]} == want


def test_near_resolves_the_place_and_filters_by_distance(client, api_store):
    from eventwire.geo import lookup

    kyiv = next(c for c in lookup("Kyiv") if c.lat is not None)
    want = expected_ids(api_store, near=(kyiv.lat, kyiv.lon), km=20.0)
    body = client.get("/events", params={"near": "Kyiv", "km": 20}).json()
    assert {r["id"] for r in body["events"]} == want and want
    wide = client.get("/events", params={"near": "Kyiv", "km": 2000}).json()
    assert wide["total"] > body["total"]


def test_story_rows_carry_mention_counts(client):
    events = client.get("/events", params={"stories": "true", "limit": 1000}).json()["events"]
    assert all(r["story"]["id"] == r["id"] for r in events)
    # the two crafted reports of one strike form one story across both articles
    merged = max(events, key=lambda r: r["story"]["mentions"])
    assert merged["story"]["mentions"] >= 2 and merged["story"]["articles"] == 2


def test_pagination_walks_every_event_once(client, records):
    walked = all_pages(client, {"sort": "date"}, size=4)
    assert len(walked) == len(records)
    assert len({r["id"] for r in walked}) == len(records)
    assert walked == client.get("/events", params={"sort": "date", "limit": 1000}).json()["events"]
    past = client.get("/events", params={"offset": 500}).json()
    assert past["events"] == [] and past["total"] == len(records) and past["offset"] == 500


@pytest.mark.parametrize("key", ["intensity", "type", "confidence", "date"])
def test_sorts_order_by_their_field(client, key):
    def value(rec):
        return rec["date"]["value"] if key == "date" else rec[key]

    up = client.get("/events", params={"sort": key, "limit": 1000}).json()["events"]
    down = client.get("/events", params={"sort": f"-{key}", "limit": 1000}).json()["events"]
    if key != "date":  # TIMEX values of mixed precision are ordered by their first day
        assert [value(r) for r in up] == sorted(value(r) for r in up)
        assert [value(r) for r in down] == sorted((value(r) for r in down), reverse=True)
    assert [r["id"] for r in up] == [r["id"] for r in reversed(down)]


def test_csv_has_the_export_columns_and_rows(client):
    page = client.get("/events", params={"actor": "RUS", "limit": 1000}).json()["events"]
    resp = client.get("/events", params={"actor": "RUS", "limit": 1000, "format": "csv"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [r["id"] for r in page]
    want = flatten(page[0])
    assert rows[0]["sentence"] == want["sentence"] and rows[0]["actor_code"] == want["actor_code"]
    assert resp.headers["x-total-count"] == str(len(page))


def test_geojson_has_one_point_per_located_event(client, records):
    resp = client.get("/events", params={"format": "geojson", "limit": 1000})
    assert resp.headers["content-type"].startswith("application/geo+json")
    fc = resp.json()
    located = {r["id"]: r for r in records if (r.get("location") or {}).get("lat") is not None}
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == len(located) > 0
    for feat in fc["features"]:
        loc = located[feat["id"]]["location"]
        assert feat["geometry"] == {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
        assert feat["properties"] == located[feat["id"]]


# ------------------------------------------------------------------ single event, article


def test_event_detail_has_article_spans_and_story_mentions(client, records):
    by_story = client.get("/events", params={"stories": "true", "limit": 1000}).json()["events"]
    story = max(by_story, key=lambda r: r["story"]["mentions"])
    assert story["story"]["mentions"] >= 2
    body = client.get(f"/events/{story['id']}").json()
    assert body["event"]["id"] == story["id"]
    text = body["article"]["text"]
    trig = body["event"]["trigger"]
    assert text[trig["start"]:trig["end"]] == trig["text"]
    for role in ("actor", "recipient", "location"):
        part = body["event"].get(role)
        if part and part.get("start") is not None:
            assert text[part["start"]:part["end"]] == part["text"]
    assert len(body["mentions"]) == story["story"]["mentions"] - 1
    others = body["mentions"]
    assert story["id"] not in {m["id"] for m in others}
    assert {m["article_id"] for m in others} - {story["article_id"]}, "the other report is there"
    # every other mention lists the story's earliest mention among its own
    for other in others:
        back = client.get(f"/events/{other['id']}").json()
        assert story["id"] in [m["id"] for m in back["mentions"]]
        assert other["id"] not in [m["id"] for m in back["mentions"]]
    lone = next(r for r in by_story if r["story"]["mentions"] == 1)
    assert client.get(f"/events/{lone['id']}").json()["mentions"] == []


def test_article_view_returns_text_and_its_events(client, records):
    body = client.get("/articles/crafted-xss").json()
    assert XSS_SCRIPT in body["article"]["text"] and XSS_IMG in body["article"]["text"]
    assert body["article"]["title"] == "Crafted crafted-xss"
    want = sorted(r["id"] for r in records if r["article_id"] == "crafted-xss")
    assert sorted(r["id"] for r in body["events"]) == want and want
    starts = [(r["sentence_index"], r["trigger"]["start"]) for r in body["events"]]
    assert starts == sorted(starts)


def test_unknown_ids_are_404_with_a_hint(client):
    for url, hint in (("/events/does-not-exist", "GET /events"),
                      ("/articles/does-not-exist", "article_id")):
        resp = client.get(url)
        assert resp.status_code == 404 and hint in resp.json()["detail"]


# ------------------------------------------------------------------ aggregates


def test_actors_search_counts_both_roles(client, records):
    counts: Counter[str] = Counter()
    for r in records:
        for role in ("actor", "recipient"):
            if r.get(role) and r[role].get("code"):
                counts[r[role]["code"]] += 1
    body = client.get("/actors", params={"limit": 1000}).json()["actors"]
    assert {a["code"]: a["events"] for a in body} == dict(counts)
    assert [a["events"] for a in body] == sorted((a["events"] for a in body), reverse=True)
    found = client.get("/actors", params={"q": "rusm"}).json()["actors"]
    assert [a["code"] for a in found] == ["RUSMIL"] and found[0]["country"] == "RUS"
    by_name = client.get("/actors", params={"q": "UKRAIN"}).json()["actors"]
    assert {a["code"] for a in by_name} >= {"UKR"}
    assert len(client.get("/actors", params={"limit": 2}).json()["actors"]) == 2


@pytest.mark.parametrize("interval", ["day", "week"])
@pytest.mark.parametrize("by", ["quad", "type"])
def test_timeline_counts_every_matching_event(client, records, interval, by):
    body = client.get("/timeline", params={"interval": interval, "by": by}).json()
    assert body["interval"] == interval and body["by"] == by
    assert sum(p["count"] for s in body["series"] for p in s["points"]) == len(records)
    keys = {s["key"] for s in body["series"]}
    assert keys == {str(r["quad"]) if by == "quad" else r["type"] for r in records}
    for s in body["series"]:
        days = [date.fromisoformat(p["date"]) for p in s["points"]]
        assert days == sorted(days)
        if interval == "week":
            assert all(d.weekday() == 0 for d in days)
    assault = client.get("/timeline", params={"interval": interval, "by": by,
                                              "type": "ASSAULT"}).json()
    n_assault = sum(r["type"] == "ASSAULT" for r in records)
    assert sum(p["count"] for s in assault["series"] for p in s["points"]) == n_assault


def test_network_edges_match_the_records(client, records):
    pairs: Counter[tuple[str, str]] = Counter()
    intensity: dict[tuple[str, str], list[float]] = {}
    for r in records:
        if r.get("actor") and r.get("recipient") and r["actor"]["code"] and r["recipient"]["code"]:
            key = (r["actor"]["code"], r["recipient"]["code"])
            pairs[key] += 1
            intensity.setdefault(key, []).append(r["intensity"])
    body = client.get("/network").json()
    got = {(e["source"], e["target"]): e for e in body["edges"]}
    assert {k: e["count"] for k, e in got.items()} == dict(pairs)
    for key, e in got.items():
        assert e["mean_intensity"] == pytest.approx(sum(intensity[key]) / len(intensity[key]),
                                                    abs=1e-3)
    assert [e["count"] for e in body["edges"]] == sorted((e["count"] for e in body["edges"]),
                                                         reverse=True)
    assert {n["id"] for n in body["nodes"]} == {c for k in pairs for c in k}
    one = client.get("/network", params={"limit": 1}).json()
    assert len(one["edges"]) == 1 and len(one["nodes"]) == 2
    assert client.get("/network", params={"type": "ASSAULT"}).json()["edges"][0]["source"] \
        .startswith("RUS")


def test_places_group_located_events(client, records):
    fc = client.get("/places").json()
    assert fc["type"] == "FeatureCollection"
    located = [r for r in records if (r.get("location") or {}).get("lat") is not None]
    assert sum(f["properties"]["events"] for f in fc["features"]) == len(located)
    ids = {r["id"]: r for r in located}
    for f in fc["features"]:
        props = f["properties"]
        assert 1 <= len(props["event_ids"]) <= 5
        for eid in props["event_ids"]:
            loc = ids[eid]["location"]
            assert (loc["name"], loc["lon"], loc["lat"]) == (props["name"],
                                                              *f["geometry"]["coordinates"])
    kyiv = client.get("/places", params={"actor": "RUS", "type": "ASSAULT"}).json()
    assert "Kyiv" in {f["properties"]["name"] for f in kyiv["features"]}


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("url,status", [
    ("/events?sort=size", 422), ("/events?limit=0", 422), ("/events?limit=1001", 422),
    ("/events?offset=-1", 422), ("/events?quad=5", 422), ("/events?quad=x", 422),
    ("/events?since=2022-13-01", 422), ("/events?until=yesterday", 422),
    ("/events?format=xml", 422), ("/events?km=0", 422), ("/events?km=nan", 422),
    ("/events?actor=RUS%27--", 422), ("/events?country=RUSSIA", 422),
    ("/events?stories=maybe", 422), ("/timeline?interval=month", 422),
    ("/timeline?by=actor", 422), ("/network?limit=0", 422), ("/places?limit=-3", 422),
    ("/actors?limit=100000", 422), ("/events?offset=99999999999999999999999", 422),
    ("/events?type=BOMBING", 400), ("/events?since=2024-02-01&until=2024-01-01", 400),
    ("/events?near=Qwxzyville", 400), ("/events?text=a%00b", 400), ("/actors?q=%00", 400),
])
def test_bad_parameters_are_4xx_with_a_detail(client, url, status):
    resp = client.get(url)
    assert resp.status_code == status, resp.text
    detail = resp.json()["detail"]
    if status == 400:
        assert isinstance(detail, str) and len(detail) > 20


def test_sql_looking_text_is_just_text(client, records):
    before = len(records)
    for text in ("' OR 1=1 --", "%", "_", "x'); DROP TABLE events; --"):
        body = client.get("/events", params={"text": text, "mode": text}).json()
        assert body["total"] == 0
    assert client.get("/health").json()["events"] == before


# ------------------------------------------------------------------ writes


@pytest.fixture()
def writable(api_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(api_store, copy)
    return copy


def test_post_is_off_without_a_token(api_store):
    with TestClient(create_app(api_store)) as c:
        resp = c.post("/articles", json={"date": "2024-01-01", "text": "Russia attacked Kyiv."})
    assert resp.status_code == 403 and "ingest is off" in resp.json()["detail"]


def test_post_needs_the_right_token(writable):
    with TestClient(create_app(writable, token=TOKEN)) as c:
        article = {"date": "2024-01-01", "text": "Russia attacked Kyiv."}
        none = c.post("/articles", json=article)
        assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
        wrong = c.post("/articles", json=article, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        basic = c.post("/articles", json=article, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
        assert c.get("/health").json()["articles"] == 9


def test_post_json_codes_stores_and_is_idempotent(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {"id": "posted-1", "date": "2024-06-01", "title": "Posted",
               "text": "Russian forces launched missiles at Odesa on Friday, Ukraine said."}
    with TestClient(create_app(writable, token=TOKEN)) as c:
        before = c.get("/health").json()  # opens the cached read-only connection first
        assert c.get("/events", params={"limit": 1}).json()["total"] == before["events"]
        first = c.post("/articles", json=article, headers=auth)
        assert first.status_code == 201, first.text
        out = first.json()
        assert out["added"] == 1 and out["skipped"] == 0 and out["events"] >= 1
        assert out["errors"] == []
        assert c.get("/events", params={"limit": 1}).json()["total"] == \
            before["events"] + out["events"]
        after = c.get("/health").json()
        assert after["articles"] == before["articles"] + 1
        assert after["events"] == before["events"] + out["events"]
        view = c.get("/articles/posted-1").json()
        assert view["article"]["title"] == "Posted" and len(view["events"]) == out["events"]
        again = c.post("/articles", json=[article], headers=auth).json()
        assert again == {"added": 0, "skipped": 1, "events": 0, "errors": []}


def test_post_list_reports_bad_items_and_stores_good_ones(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = [{"date": "2024-06-02", "text": "Protesters rallied in Tbilisi against the law."},
            {"date": "2024-02-30", "text": "An impossible date."},
            {"text": "no date"}, "not an object"]
    with TestClient(create_app(writable, token=TOKEN)) as c:
        out = c.post("/articles", json=body, headers=auth).json()
    assert out["added"] == 1 and len(out["errors"]) == 3
    assert "[1]" in out["errors"][0] and "date" in out["errors"][0]


def test_post_seed_text_and_json_lines(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(writable, token=TOKEN)) as c:
        seed = SEED.replace("date 2024-02-11", "date 2024-02-12", 1)
        assert seed != SEED
        resp = c.post("/articles", content=seed.encode(),
                      headers={**auth, "Content-Type": "text/plain; charset=utf-8"})
        assert resp.status_code == 201 and resp.json()["added"] == 1, resp.text
        lines = "\n".join(json.dumps({"date": "2024-06-0" + str(i),
                                      "text": f"Iran accused Israel of an attack, day {i}."})
                          for i in (3, 4))
        resp = c.post("/articles", content=lines.encode(),
                      headers={**auth, "Content-Type": "application/x-ndjson"})
        assert resp.json()["added"] == 2
        bad = c.post("/articles", content=b"no header here",
                     headers={**auth, "Content-Type": "text/plain"})
        assert bad.status_code == 201 and bad.json()["added"] == 0
        assert "date YYYY-MM-DD" in bad.json()["errors"][0]


def test_post_rejects_bad_bodies(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(writable, token=TOKEN, max_body=1000)) as c:
        big = {"date": "2024-01-01", "text": "x " * 1000}
        assert c.post("/articles", json=big, headers=auth).status_code == 413

        def chunks():  # no Content-Length: the limit is enforced while reading
            for _ in range(20):
                yield b"y" * 100

        streamed = c.post("/articles", content=chunks(),
                          headers={**auth, "Content-Type": "text/plain"})
        assert streamed.status_code == 413
        assert c.post("/articles", content=b"{oops", headers={
            **auth, "Content-Type": "application/json"}).status_code == 400
        assert c.post("/articles", content=b"a,b", headers={
            **auth, "Content-Type": "text/csv"}).status_code == 415
        assert c.post("/articles", json=[], headers=auth).status_code == 400


# ------------------------------------------------------------------ locking


HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


def test_store_locked_by_a_writer_is_503_then_recovers(writable):
    app = create_app(writable, read_wait=0.2, idle_s=0.05)
    with TestClient(app) as c:
        assert c.get("/health").status_code == 200
        gate = app.state.gate
        for _ in range(200):  # the cached connection closes once the server is idle
            if not gate.is_open:
                break
            time.sleep(0.05)
        assert not gate.is_open
        holder = subprocess.Popen([sys.executable, "-c", HOLD, str(writable)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            resp = c.get("/events", params={"actor": "RUS"})
            assert resp.status_code == 503
            assert resp.headers["retry-after"].isdigit()
            assert "retry" in resp.json()["detail"]
        finally:
            holder.communicate("")
        assert c.get("/events", params={"actor": "RUS"}).status_code == 200


def test_a_waiting_checkpoint_gets_the_file(writable):
    """A writer holding the store's gate makes the server let go of its cached connection."""
    app = create_app(writable, read_wait=0.2, idle_s=60)
    with TestClient(app) as c:
        total = c.get("/events", params={"limit": 1}).json()["total"]  # counted, remembered
        assert app.state.gate.is_open  # kept open between requests (idle_s=60)
        checkpoint = Gate(writable)
        assert checkpoint.enter(shared=False, wait=1.0)
        try:
            for _ in range(100):  # no request needed: the gate's watcher lets go of the file
                if not app.state.gate.is_open:
                    break
                time.sleep(0.05)
            assert not app.state.gate.is_open
            # now the writer can open DuckDB read-write, and requests wait for it, then 503
            with duckdb.connect(str(writable)) as con:
                con.execute("INSERT INTO events SELECT * REPLACE ('added-meanwhile' AS id) "
                            "FROM events LIMIT 1")
            resp = c.get("/health")
            assert resp.status_code == 503 and resp.headers["retry-after"]
        finally:
            checkpoint.leave()
        # the store changed while the server had let go of it: totals are counted afresh
        assert c.get("/events", params={"limit": 1}).json()["total"] == total + 1


def test_pages_come_from_the_page_index_once_built_and_it_follows_writes(writable):
    app = create_app(writable, idle_s=60)
    gate = app.state.gate
    params = {"sort": "-date", "limit": 3}
    with TestClient(app) as c:
        by_sql = c.get("/events", params=params).json()  # also starts the index build
        for _ in range(200):
            if (index := gate.page_index()) is not None:
                break
            time.sleep(0.05)
        assert index is not None and index.size == by_sql["total"]
        assert c.get("/events", params=params).json() == by_sql  # same page, from the index
        with gate.write() as store:  # what POST /articles does
            store.con.execute("INSERT INTO events SELECT * REPLACE ('added-later' AS id, "
                              "DATE '2099-01-01' AS date_start_day) FROM events LIMIT 1")
        assert gate.page_index() is None  # the old content's index is gone
        newest = c.get("/events", params=params).json()
        assert newest["total"] == by_sql["total"] + 1
        for _ in range(200):
            if (index := gate.page_index()) is not None:
                break
            time.sleep(0.05)
        assert index is not None and index.size == by_sql["total"] + 1
        assert index.page_ids(EventFilter(), "-date", 1) == ["added-later"]


def test_reads_wait_for_this_servers_own_write_then_503(writable):
    app = create_app(writable, token=TOKEN, read_wait=0.2)
    with TestClient(app) as c:
        assert c.get("/health").status_code == 200
        with app.state.gate.write() as store:  # what POST /articles holds while storing
            assert not store.read_only
            resp = c.get("/health")
            assert resp.status_code == 503 and "POST /articles" in resp.json()["detail"]
        assert c.get("/health").status_code == 200


# ------------------------------------------------------------------ the serve command


def test_serve_without_a_store_says_how_to_make_one(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "eventwire ingest" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_uvicorn_on_localhost(api_store):
    import httpx

    port = _free_port()
    env = {**os.environ, "EVENTWIRE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db",
                             str(api_store), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        banner = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in banner and "read-only" in banner
        for _ in range(100):
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert resp.json()["events"] > 0
    finally:
        proc.terminate()
        proc.wait(10)
