"""The web UI in headless Chromium against the real API on 127.0.0.1 over the test store.

Debian's chromium is driven by Playwright (no browser download). Every request that would
leave 127.0.0.1 is aborted and counted, so the page must work offline. Screenshots land in
tests/api/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("eventwire: chromium is not installed and this user cannot install it; run "
                "'apt-get install chromium chromium-driver' as root to enable the browser tests",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: "
                               "run 'make setup' (pip install -e '.[dev]')")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed: run 'make setup'")

from eventwire.api.app import create_app  # noqa: E402  (after the skips above)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
STATIC = Path(__file__).resolve().parents[2] / "eventwire" / "api" / "static"
LOCAL_HOST = "127.0.0.1"
WAIT_MS = 10_000
ROLES = {"actor": "actor", "recipient": "recipient", "trigger": "trigger", "date": "date",
         "place": "location"}


@dataclass
class Server:
    base: str

    def get(self, path: str, **params: Any) -> Any:
        """The API's own answer, to compare the page with."""
        query = f"?{urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.base}{path}{query}", timeout=10) as response:
            return json.load(response)


@dataclass
class Watch:
    """What a page did that it must not: console errors, script errors, far requests, dialogs."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.outside, f"requests left {LOCAL_HOST}: {self.outside}"
        assert not self.errors, f"console or script errors: {self.errors}"
        assert not self.dialogs, f"a dialog fired (script ran?): {self.dialogs}"


@pytest.fixture(scope="module")
def server(api_store: Path) -> Iterator[Server]:
    """The real app under uvicorn in a thread, on a free port of 127.0.0.1."""
    sock = socket.socket()
    sock.bind((LOCAL_HOST, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(api_store), host=LOCAL_HOST, port=port,
                            log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the API server did not start on 127.0.0.1")
        time.sleep(0.05)
    yield Server(f"http://{LOCAL_HOST}:{port}")
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, server: Server) -> Iterator[Any]:
    """Open the UI at a path and viewport; returns (page, watch) once the first render is done."""
    contexts = []

    def opener(path: str = "/", width: int = 1280, height: int = 800) -> tuple[Any, Watch]:
        watch = Watch()
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)

        def guard(route: Any) -> None:
            if urlsplit(route.request.url).hostname == LOCAL_HOST:
                route.continue_()
            else:
                watch.outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and watch.errors.append(m.text))
        page.on("pageerror", lambda e: watch.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            watch.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(server.base + path)
        page.wait_for_selector("body[data-ready='true']", timeout=WAIT_MS)
        return page, watch

    yield opener
    for context in contexts:
        context.close()


def shot(page: Any, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def row_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#events tr.event-row", "rows => rows.map(r => r.dataset.id)")


def wait_rows(page: Any, ids: list[str]) -> None:
    """Wait until the table shows exactly these event ids, in this order."""
    page.wait_for_function(
        "ids => JSON.stringify([...document.querySelectorAll('#events tr.event-row')]"
        ".map(r => r.dataset.id)) === JSON.stringify(ids)", arg=ids, timeout=WAIT_MS)


def page_ids(server: Server, **params: Any) -> list[str]:
    return [e["id"] for e in server.get("/events", limit=25, **params)["events"]]


def test_page_draws_every_view_offline_without_errors(open_page: Any, server: Server) -> None:
    page, watch = open_page("/")
    # Table: the API's first page, in its order.
    wait_rows(page, page_ids(server))
    # Timeline: one bar piece per (series, date) point the API returned.
    timeline = server.get("/timeline")
    points = sum(len(s["points"]) for s in timeline["series"])
    assert points > 0
    assert page.locator("#timeline svg rect[data-key]").count() == points
    assert page.locator("#timeline .legend li").count() == len(timeline["series"])
    # Map: country outlines from the shipped world.json and one marker per located place.
    places = server.get("/places", limit=500)["features"]
    assert places, "the test store should have located events"
    assert page.locator("#map .land path").count() > 150
    markers = page.locator("#map circle.marker")
    assert markers.count() == len(places)
    names = {f["properties"]["name"] for f in places}
    assert set(page.eval_on_selector_all("#map circle.marker", "m => m.map(c => c.dataset.name)")
               ) == names
    # Network: one node per actor, one arrow per edge between two different actors.
    network = server.get("/network", limit=60)
    assert network["edges"]
    assert page.locator("#network g.node").count() == len(network["nodes"])
    drawn = page.eval_on_selector_all("#network line", "ls => ls.map(l => "
                                      "l.dataset.source + '>' + l.dataset.target)")
    expected = [f"{e['source']}>{e['target']}" for e in network["edges"]
                if e["source"] != e["target"]]
    assert drawn == expected
    health = server.get("/health")
    assert f"{health['events']} events" in page.locator("#health").inner_text()
    shot(page, "desktop-1280")
    watch.assert_clean()


def test_filter_by_actor_narrows_the_table(open_page: Any, server: Server) -> None:
    page, watch = open_page("/")
    total = server.get("/events", limit=1)["total"]
    code = next(a["code"] for a in server.get("/actors", limit=50)["actors"]
                if 0 < server.get("/events", actor=a["code"], limit=1)["total"] < total)
    expected = page_ids(server, actor=code)
    page.fill("input[name=actor]", code.lower())  # the form upper-cases codes
    page.press("input[name=actor]", "Enter")
    page.wait_for_url(re.compile(rf"[?&]actor={code}(&|$)"), timeout=WAIT_MS)
    wait_rows(page, expected)
    assert len(expected) < min(total, 25)
    actors = page.eval_on_selector_all("#events td.col-actor", "tds => tds.map(t => t.textContent)")
    assert actors and all(a.startswith(code) for a in actors)
    assert page.locator("#page-info").inner_text().endswith(f"of {len(expected)}")
    # The other views follow the same filter.
    network = server.get("/network", actor=code, limit=60)
    page.wait_for_function("n => document.querySelectorAll('#network g.node').length === n",
                           arg=len(network["nodes"]), timeout=WAIT_MS)
    watch.assert_clean()


def test_article_view_highlights_the_record_spans(open_page: Any, server: Server) -> None:
    events = server.get("/events", limit=1000)["events"]
    # The event with the most evidence spans shows the most highlighting.
    record = max(events, key=lambda e: sum(1 for key in ROLES.values()
                                           if e.get(key) and e[key].get("start") is not None)
                 + len(e["quantities"]))
    code = record["actor"]["code"]
    page, watch = open_page(f"/?actor={code}")
    row = page.locator(f"#events tr.event-row[data-id='{record['id']}']")
    row.focus()
    page.keyboard.press("Enter")  # rows open from the keyboard
    page.wait_for_selector("#article[open] #article-text mark", timeout=WAIT_MS)
    assert f"event={record['id']}" in page.url
    detail = server.get(f"/events/{record['id']}")
    text = detail["article"]["text"]
    assert page.locator("#article-text").text_content() == text  # the whole article, as is
    checked = 0
    for role, key in ROLES.items():
        span = detail["event"].get(key)
        if not span or span.get("start") is None:
            assert page.locator(f"#article-text mark[data-roles~='{role}']").count() == 0
            continue
        shown = page.eval_on_selector_all(
            f"#article-text mark[data-roles~='{role}']", "ms => ms.map(m => m.textContent).join('')")
        assert shown == span["text"] == text[span["start"]:span["end"]], role
        checked += 1
    quantities = sorted(detail["event"]["quantities"], key=lambda q: q["start"])
    shown = page.eval_on_selector_all(
        "#article-text mark[data-roles~='quantity']", "ms => ms.map(m => m.textContent).join('')")
    assert shown == "".join(q["text"] for q in quantities)
    assert checked >= 4
    assert page.locator("#article-legend li").count() == 6
    shot(page, "article-view", full=False)
    # Escape closes the view, drops the event from the URL and gives focus back to the row.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('article').open", timeout=WAIT_MS)
    page.wait_for_function("() => !location.search.includes('event=')", timeout=WAIT_MS)
    assert page.evaluate("document.activeElement.dataset.id") == record["id"]
    watch.assert_clean()


def test_other_mentions_open_and_closing_returns_to_the_table(open_page: Any,
                                                              server: Server) -> None:
    with_mentions = None
    for record in server.get("/events", limit=1000)["events"]:
        detail = server.get(f"/events/{record['id']}")
        if detail["mentions"]:
            with_mentions = detail
            break
    assert with_mentions, "the test store should hold a story with two mentions"
    first = with_mentions["event"]["id"]
    other = with_mentions["mentions"][0]
    page, watch = open_page("/")
    page.locator(f"#events tr.event-row[data-id='{first}']").click()
    page.wait_for_selector("#article[open] #article-mentions button", timeout=WAIT_MS)
    assert page.locator("#article-mentions button").count() == len(with_mentions["mentions"])
    page.locator("#article-mentions button").first.click()
    page.wait_for_url(re.compile(rf"event={other['id']}"), timeout=WAIT_MS)
    text = server.get(f"/events/{other['id']}")["article"]["text"]
    page.wait_for_function("t => document.getElementById('article-text').textContent === t",
                           arg=text, timeout=WAIT_MS)
    page.click("#article-close")
    page.wait_for_function("() => !document.getElementById('article').open", timeout=WAIT_MS)
    page.wait_for_function("() => location.search === ''", timeout=WAIT_MS)
    assert page.evaluate("document.activeElement.dataset.id") == first
    watch.assert_clean()


def test_map_marker_lists_its_events_and_opens_one(open_page: Any, server: Server) -> None:
    page, watch = open_page("/")
    feature = max(server.get("/places", limit=500)["features"],
                  key=lambda f: f["properties"]["events"])
    props = feature["properties"]
    marker = page.locator(f"#map circle.marker[data-name='{props['name']}']")
    marker.focus()
    page.keyboard.press("Enter")
    listed = page.locator("#place-events button")
    listed.first.wait_for(timeout=WAIT_MS)
    assert page.eval_on_selector_all("#place-events button", "bs => bs.map(b => b.dataset.id)"
                                     ) == props["event_ids"]
    listed.first.click()
    page.wait_for_selector("#article[open] #article-text mark", timeout=WAIT_MS)
    located = server.get(f"/events/{props['event_ids'][0]}")["event"]["location"]
    if located and located.get("start") is not None:
        place = page.eval_on_selector_all("#article-text mark[data-roles~='place']",
                                          "ms => ms.map(m => m.textContent).join('')")
        assert place == located["text"]
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('article').open", timeout=WAIT_MS)
    # The panel also filters the whole view to events near the place.
    page.click("#place-filter")
    page.wait_for_url(re.compile(r"[?&]near="), timeout=WAIT_MS)
    wait_rows(page, page_ids(server, near=props["name"]))
    assert page.input_value("input[name=near]") == props["name"]
    watch.assert_clean()


def test_article_html_is_shown_as_text_and_never_runs(open_page: Any, server: Server) -> None:
    xss = server.get("/events", article_id="crafted-xss", limit=10)["events"]
    assert xss, "the test store should hold the crafted XSS article (tests/api/conftest.py)"
    record = next((e for e in xss if "onerror" in e["sentence"]), xss[0])
    text = server.get(f"/events/{record['id']}")["article"]["text"]
    assert "<script>" in text and "onerror=" in text
    page, watch = open_page(f"/?event={record['id']}")
    page.wait_for_selector("#article[open] #article-text mark", timeout=WAIT_MS)
    assert page.locator("#article-text").text_content() == text  # literally, markup and all
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("img").count() == 0  # nowhere on the page either
    title = server.get(f"/events/{record['id']}")["article"]["title"]
    assert page.locator("#article-title").text_content() == (title or f"Article {record['article_id']}")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('article').open", timeout=WAIT_MS)
    cell = page.locator(f"tr.event-row[data-id='{record['id']}'] td.col-sentence")
    assert cell.text_content() == record["sentence"]  # the table shows it literally too
    page.wait_for_timeout(200)  # give a stray onerror handler time to fire
    watch.assert_clean()


def test_static_code_never_builds_markup_from_strings() -> None:
    """A guard on the source: no HTML parsing sinks, no inline script or handlers in the page."""
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|"
                       r"new Function|createContextualFragment")
    scripts = sorted(STATIC.rglob("*.js"))
    assert scripts
    for path in scripts:
        assert not sinks.search(path.read_text(encoding="utf-8")), path
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"\sstyle\s*=", html)


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd rule: is the point inside the closed ring?"""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_shipped_outlines_carry_provenance_and_put_capitals_in_their_countries() -> None:
    doc = json.loads((STATIC / "world.json").read_text(encoding="utf-8"))
    provenance = doc["provenance"]
    assert "world-atlas" in provenance["source"] and "public domain" in provenance["licence"]
    assert (STATIC / "world.json").stat().st_size < 200_000
    outlines = {}
    for country in doc["countries"]:
        polygons = []
        for polygon in country["rings"]:
            rings = []
            for flat in polygon:
                lon = lat = 0
                ring = []
                for i in range(0, len(flat), 2):
                    lon, lat = lon + flat[i], lat + flat[i + 1]
                    ring.append((lon / 10, lat / 10))
                rings.append(ring)
            polygons.append(rings)
        outlines[country["name"]] = polygons

    def holds(name: str, lon: float, lat: float) -> bool:
        return any(_inside((lon, lat), rings[0]) and not any(_inside((lon, lat), hole)
                                                             for hole in rings[1:])
                   for rings in outlines[name])

    for name, lon, lat in (("France", 2.35, 48.86), ("Ukraine", 30.52, 50.45),
                           ("Brazil", -47.93, -15.78), ("Japan", 139.69, 35.69)):
        assert holds(name, lon, lat), name
    assert not holds("Germany", 2.35, 48.86)
    assert not holds("South Africa", 27.5, -29.5)  # Lesotho is a hole in South Africa


def test_filters_live_in_the_url_through_reload_and_history(open_page: Any,
                                                           server: Server) -> None:
    page, watch = open_page("/")
    everything = page_ids(server)
    wait_rows(page, everything)
    page.select_option("select[name=type]", "ASSAULT")
    page.select_option("select[name=quad]", "4")
    page.fill("input[name=since]", "2024-01-01")
    page.check("input[name=stories]")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ASSAULT"), timeout=WAIT_MS)
    filtered = page_ids(server, type="ASSAULT", quad=4, since="2024-01-01", stories="true")
    assert filtered and len(filtered) < len(everything)
    wait_rows(page, filtered)
    page.reload()
    page.wait_for_selector("body[data-ready='true']", timeout=WAIT_MS)
    wait_rows(page, filtered)
    assert page.input_value("select[name=type]") == "ASSAULT"
    assert page.input_value("select[name=quad]") == "4"
    assert page.input_value("input[name=since]") == "2024-01-01"
    assert page.is_checked("input[name=stories]")
    page.go_back()
    wait_rows(page, everything)
    assert page.input_value("select[name=type]") == ""
    page.go_forward()
    wait_rows(page, filtered)
    # Sorting is part of the shared view too.
    page.select_option("#sort", "date")
    page.wait_for_url(re.compile(r"sort=date"), timeout=WAIT_MS)
    wait_rows(page, page_ids(server, type="ASSAULT", quad=4, since="2024-01-01",
                             stories="true", sort="date"))
    watch.assert_clean()


def test_timeline_switches_to_types_by_week(open_page: Any, server: Server) -> None:
    page, watch = open_page("/?by=type&interval=week")
    timeline = server.get("/timeline", by="type", interval="week")
    keys = page.eval_on_selector_all("#timeline rect[data-key]", "rs => rs.map(r => r.dataset.key)")
    assert set(keys) == {s["key"] for s in timeline["series"]}
    mondays = page.eval_on_selector_all("#timeline rect[data-date]",
                                        "rs => rs.map(r => r.dataset.date)")
    assert mondays and all(time.strptime(d, "%Y-%m-%d").tm_wday == 0 for d in mondays)
    assert page.input_value("#by") == "type"
    watch.assert_clean()


def test_network_node_filters_by_that_actor(open_page: Any, server: Server) -> None:
    page, watch = open_page("/")
    node = server.get("/network", limit=60)["nodes"][0]
    page.locator(f"#network g.node[data-id='{node['id']}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"actor={node['id']}"), timeout=WAIT_MS)
    wait_rows(page, page_ids(server, actor=node["id"]))
    assert page.input_value("input[name=actor]") == node["id"]
    watch.assert_clean()


def test_phone_width_has_no_horizontal_overflow(open_page: Any, server: Server) -> None:
    page, watch = open_page("/", width=390, height=844)
    wait_rows(page, page_ids(server))
    overflow = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
    assert overflow <= 0
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                     && !e.closest('.sr, .skip, thead')
                     && !(e.ownerSVGElement))  // shapes clipped by their own svg
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    shot(page, "phone-390", full=False)
    page.locator("#events tr.event-row").first.click()
    page.wait_for_selector("#article[open] #article-text", timeout=WAIT_MS)
    box = page.locator("#article").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    shot(page, "phone-390-article", full=False)
    watch.assert_clean()


def test_skip_link_is_first_and_moves_to_the_table(open_page: Any) -> None:
    page, watch = open_page("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "events-h"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select')]
        .filter(i => !i.labels || !i.labels.length).map(i => i.name || i.id)""")
    assert unlabelled == []
    watch.assert_clean()


def test_bad_url_values_show_the_api_message(open_page: Any, server: Server) -> None:
    page, watch = open_page("/?quad=9&event=no-such-event")
    status = page.locator("#status")
    assert "error" in (status.get_attribute("class") or "")
    assert "quad" in status.inner_text()
    assert not page.evaluate("document.getElementById('article').open")
    # The browser logs the refused requests themselves; nothing else may go wrong.
    assert watch.errors and all("status of 4" in e for e in watch.errors), watch.errors
    assert not watch.outside and not watch.dialogs
