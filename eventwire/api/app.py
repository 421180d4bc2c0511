"""The HTTP API over one event store, and the web UI's files.

Read-only unless the server has a token; every filter is the CLI's (`eventwire events`),
turned into the same EventFilter, so the API, the CLI and the exports always agree.
Bad input gets a 4xx whose detail says what to send instead; a store locked by a
writer gets a 503 with Retry-After.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html
import io
import json
from contextlib import asynccontextmanager
from dataclasses import astuple
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire import __version__
from eventwire.api.gate import StoreGate, StoreUnavailable
from eventwire.model import PLOVER_TYPES
from eventwire.output import CSV_COLUMNS, flatten
from eventwire.store import EventFilter, views

STATIC = Path(__file__).resolve().parent / "static"
RETRY_AFTER_S = 5
MAX_OFFSET = 10_000_000

# Everything the page loads comes from this server: no inline script, no other origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

_MISSING_UI = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>eventwire: UI assets missing</title></head><body>
<h1>The web UI's files are missing</h1>
<p>eventwire/api/static/index.html is not installed. The JSON API works: see
<a href="/docs">/docs</a>. Reinstall eventwire (pip install eventwire) to get the UI.</p>
</body></html>"""


# ---------------------------------------------------------------- response schemas
# Event records are the DESIGN.md §2 record, passed through as stored.
Record = dict[str, Any]


class Detail(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    version: str
    articles: int
    events: int
    stories: int
    indexed: bool = Field(description="Whether pages of /events come from the in-memory "
                                      "page index yet (built in the background after a start "
                                      "or an ingest; until then SQL answers them).")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[Record]


class ArticleOut(BaseModel):
    id: str
    published: str
    title: str | None
    url: str | None
    source: str | None
    text: str


class EventDetail(BaseModel):
    event: Record
    article: ArticleOut | None
    mentions: list[Record]


class ArticleView(BaseModel):
    article: ArticleOut
    events: list[Record]


class ActorOut(BaseModel):
    code: str
    name: str | None
    country: str | None
    events: int


class ActorList(BaseModel):
    actors: list[ActorOut]


class Point(BaseModel):
    date: str
    count: int


class Series(BaseModel):
    key: str
    points: list[Point]


class Timeline(BaseModel):
    interval: str
    by: str
    series: list[Series]


class Node(BaseModel):
    id: str
    name: str | None
    country: str | None
    events: int


class Edge(BaseModel):
    source: str
    target: str
    count: int
    mean_intensity: float


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class Geometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2)


class Feature(BaseModel):
    type: Literal["Feature"]
    id: str | None = None
    geometry: Geometry
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[Feature]


class IngestOut(BaseModel):
    added: int
    skipped: int
    events: int
    errors: list[str]


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Detail, "description": "A parameter our code rejects; the detail says why."},
    503: {"model": Detail, "description": "The store is locked by a writer; retry later."},
}


# ---------------------------------------------------------------- filters


class BadRequest(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(status_code=400, detail=detail)


CODE_PATTERN = r"^[A-Za-z0-9]{1,32}$"


def event_filter(
    actor: Annotated[str | None, Query(
        description="Actor CAMEO code prefix or country (RUS finds RUSGOV, RUSMIL).",
        pattern=CODE_PATTERN)] = None,
    recipient: Annotated[str | None, Query(
        description="Recipient CAMEO code prefix or country.", pattern=CODE_PATTERN)] = None,
    country: Annotated[str | None, Query(
        description="Actor or recipient country (ISO alpha-3).",
        pattern=r"^[A-Za-z]{3}$")] = None,
    type: Annotated[str | None, Query(
        description="PLOVER event type: " + ", ".join(PLOVER_TYPES) + " (any case).",
        max_length=32)] = None,
    quad: Annotated[int | None, Query(
        description="CAMEO quad class: 0 statement, 1 verbal and 2 material cooperation, "
                    "3 verbal and 4 material conflict.", ge=0, le=4)] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. drone, visit.",
                                      max_length=64)] = None,
    since: Annotated[date | None, Query(description="Events dated on or after (YYYY-MM-DD).")
                     ] = None,
    until: Annotated[date | None, Query(description="Events dated on or before (YYYY-MM-DD).")
                     ] = None,
    near: Annotated[str | None, Query(
        description="A place name (resolved by the gazetteer): events within km of it.",
        max_length=200)] = None,
    km: Annotated[float, Query(description="Radius for near, in km.", gt=0, le=20_100,
                               allow_inf_nan=False)] = 50.0,
    text: Annotated[str | None, Query(
        description="Words that must all appear in the sentence (any case).",
        max_length=500)] = None,
    stories: Annotated[bool, Query(
        description="One row per deduplicated story (its earliest mention).")] = False,
    article_id: Annotated[str | None, Query(description="Only this article's events.",
                                            max_length=500)] = None,
) -> EventFilter:
    """The query parameters every event view shares, as the CLI's EventFilter."""
    if type is not None and type.strip().upper() not in PLOVER_TYPES:
        raise BadRequest(f"unknown type {type!r}: use a PLOVER type, one of "
                         + ", ".join(PLOVER_TYPES))
    if since and until and since > until:
        raise BadRequest(f"since ({since}) is after until ({until}): swap them")
    for name, value in (("mode", mode), ("text", text), ("near", near),
                        ("article_id", article_id)):
        if value is not None and "\x00" in value:
            raise BadRequest(f"{name} contains a NUL character: remove it")
    return EventFilter(actor=actor, recipient=recipient, type=type.strip() if type else None,
                       since=since, until=until, article_id=article_id, country=country,
                       mode=mode, quad=quad, near=_near(near), km=km, text=text,
                       stories=stories)


def _near(place: str | None) -> tuple[float, float] | None:
    if place is None or not place.strip():
        return None
    from eventwire.geo import lookup

    for cand in lookup(place.strip()):
        if cand.lat is not None and cand.lon is not None:
            return cand.lat, cand.lon
    raise BadRequest(f"no place called {place!r} in the gazetteer: try another spelling, "
                     "or a bigger place nearby")


Filter = Annotated[EventFilter, Depends(event_filter)]


# ---------------------------------------------------------------- helpers


def _json(obj: Any, status: int = 200, media_type: str = "application/json") -> Response:
    """Serialize once with the json module: the records are plain JSON already, so
    FastAPI's per-field encoder would only add latency."""
    return Response(json.dumps(obj, ensure_ascii=False, separators=(",", ":")),
                    status_code=status, media_type=media_type)


def _feature(rec: Record) -> Record | None:
    loc = rec.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Feature", "id": rec["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": rec}


def _csv(records: list[Record]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for rec in records:
        writer.writerow(flatten(rec))
    return buf.getvalue()


def _stories_available(gate_store: Any, flt: EventFilter) -> None:
    if flt.stories and not views.has_stories(gate_store):
        raise BadRequest("this store has no story table (made by an older eventwire): "
                         "run `eventwire ingest` on it once to group mentions into stories")


# ---------------------------------------------------------------- the app


def create_app(db: Path, token: str | None = None, max_body: int = 5_000_000,
               idle_s: float = 30.0, read_wait: float = 3.0) -> FastAPI:
    """The API over the store at ``db``; POST /articles only when ``token`` is set.

    ``idle_s``: close the cached read-only connection after this long without requests;
    ``read_wait``: how long a request waits for another process's write before a 503.
    """
    gate = StoreGate(db, idle_s=idle_s, read_wait=read_wait)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        try:  # build the page index while the first visitor's browser loads the page
            with gate.read():
                gate.page_index()
        except StoreUnavailable:
            pass  # another process writes the store: the first request builds it instead
        yield
        gate.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Political event data (PLOVER/CAMEO) with the evidence for every field. "
                    "Read-only unless the server was started with a token.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger page loads its code from a CDN: see /docs below
        redoc_url=None,
    )
    app.state.gate = gate

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503,
                            headers={"Retry-After": str(RETRY_AFTER_S)})

    # ------------------------------------------------------------ read endpoints

    @app.get("/health", response_model=Health, responses=_ERRORS, tags=["store"])
    def health() -> Response:
        """Liveness, version and what the store holds."""
        with gate.read() as store:
            counts = views.counts(store)
            indexed = gate.page_index() is not None
        return _json({"status": "ok", "version": __version__, **counts, "indexed": indexed})

    @app.get("/events", response_model=EventPage, tags=["events"], responses={
        **_ERRORS,
        200: {"description": "A page of events (JSON), or the page as CSV or GeoJSON.",
              "content": {"text/csv": {"schema": {"type": "string"}},
                          "application/geo+json": {"schema": FeatureCollection.model_json_schema(
                              ref_template="#/components/schemas/{model}")}}}})
    def events(
        flt: Filter,
        sort: Annotated[Literal[views.SORT_CHOICES], Query(  # type: ignore[valid-type]
            description="Order: date, intensity, type or confidence; '-' for descending.")
        ] = "-date",
        limit: Annotated[int, Query(ge=1, le=1000, description="Events per page.")] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")] = 0,
        fmt: Annotated[Literal["json", "csv", "geojson"], Query(
            alias="format", description="json (a page object), csv or geojson.")] = "json",
    ) -> Response:
        """Stored events matching the filters, one page at a time."""
        key = ("total", astuple(flt))
        with gate.read() as store:
            _stories_available(store, flt)
            page = views.page(store, flt, sort=sort, limit=limit, offset=offset,
                              total=gate.memo.get(key), index=gate.page_index())
            gate.remember(key, page.total)
        if fmt == "csv":
            return Response(_csv(page.records), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'inline; filename="events.csv"',
                                     "X-Total-Count": str(page.total)})
        if fmt == "geojson":
            feats = [f for r in page.records if (f := _feature(r)) is not None]
            resp = _json({"type": "FeatureCollection", "features": feats},
                         media_type="application/geo+json")
            resp.headers["X-Total-Count"] = str(page.total)
            return resp
        head = json.dumps({"total": page.total, "limit": limit, "offset": offset})
        return Response(f'{head[:-1]},"events":[{",".join(page.raw)}]}}',
                        media_type="application/json")

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"],
             responses={404: {"model": Detail}, 503: _ERRORS[503]})
    def event(event_id: Annotated[str, PathParam(max_length=500)]) -> Response:
        """One event with its article (for the evidence spans) and its story's other mentions."""
        with gate.read() as store:
            rec = views.event(store, event_id)
            if rec is None:
                raise HTTPException(404, f"no event with id {event_id!r}: list ids with "
                                         "GET /events")
            art = views.article(store, rec["article_id"])
            others = views.mentions(store, event_id)
        return _json({"event": rec, "article": art, "mentions": others})

    @app.get("/articles/{article_id}", response_model=ArticleView, tags=["articles"],
             responses={404: {"model": Detail}, 503: _ERRORS[503]})
    def article(article_id: Annotated[str, PathParam(max_length=500)]) -> Response:
        """One article's text and its events in reading order."""
        with gate.read() as store:
            art = views.article(store, article_id)
            if art is None:
                raise HTTPException(404, f"no article with id {article_id!r}: an event's "
                                         "article_id names its article")
            evs = views.article_events(store, article_id)
        return _json({"article": art, "events": evs})

    @app.get("/actors", response_model=ActorList, responses=_ERRORS, tags=["actors"])
    def actors(
        q: Annotated[str | None, Query(
            description="Part of an actor code or name (any case).", max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    ) -> Response:
        """Actor codes by how many events they take part in (as actor or recipient)."""
        if q is not None and "\x00" in q:
            raise BadRequest("q contains a NUL character: remove it")
        with gate.read() as store:
            found = views.actors(store, q.strip() if q else None, limit)
        return _json({"actors": found})

    @app.get("/timeline", response_model=Timeline, responses=_ERRORS, tags=["events"])
    def timeline(
        flt: Filter,
        interval: Annotated[Literal["day", "week"], Query(
            description="Bucket size; weeks are keyed by their Monday.")] = "day",
        by: Annotated[Literal["quad", "type"], Query(description="One series per quad or type.")
                      ] = "quad",
    ) -> Response:
        """Event counts over time, one series per quad class or PLOVER type."""
        with gate.read() as store:
            _stories_available(store, flt)
            series = views.timeline(store, flt, interval=interval, by=by)
        return _json({"interval": interval, "by": by, "series": series})

    @app.get("/network", response_model=Network, responses=_ERRORS, tags=["events"])
    def network(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=5000, description="Most edges returned.")] = 100,
    ) -> Response:
        """Who acts on whom: actor -> recipient edges with counts and mean intensity."""
        with gate.read() as store:
            _stories_available(store, flt)
            graph = views.network(store, flt, limit=limit)
        return _json(graph)

    @app.get("/places", response_model=FeatureCollection, tags=["events"], responses={
        **_ERRORS, 200: {"content": {"application/geo+json": {}}}})
    def places(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=10_000, description="Most places returned.")] = 500,
    ) -> Response:
        """Where events happen: one GeoJSON point per place, with event counts."""
        with gate.read() as store:
            _stories_available(store, flt)
            found = views.places(store, flt, limit=limit)
        feats = [{"type": "Feature",
                  "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                  "properties": {"name": p["name"], "country": p["country"],
                                 "events": p["events"], "event_ids": p["event_ids"]}}
                 for p in found]
        return _json({"type": "FeatureCollection", "features": feats},
                     media_type="application/geo+json")

    # ------------------------------------------------------------ writes

    @app.post("/articles", status_code=201, response_model=IngestOut, tags=["articles"],
              responses={400: {"model": Detail}, 401: {"model": Detail},
                         403: {"model": Detail}, 413: {"model": Detail},
                         415: {"model": Detail}, 503: {"model": Detail}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"oneOf": [
                      {"type": "object"}, {"type": "array", "items": {"type": "object"}}]}},
                  "application/x-ndjson": {"schema": {"type": "string"}},
                  "text/plain": {"schema": {"type": "string"}}}}})
    async def add_articles(request: Request) -> Response:
        """Code and store articles (JSON object or list, JSON Lines, or the seed format).

        Needs the server's token as ``Authorization: Bearer TOKEN``; off without one.
        """
        from eventwire.api import writes

        if token is None:
            raise HTTPException(403, "ingest is off: this server is read-only; start it with "
                                     "--token (or EVENTWIRE_TOKEN) to accept POST /articles")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(401, "send the server's token as 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        # compare digests: equal lengths, so the time taken says nothing about the token
        if not hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(),
                                   hashlib.sha256(token.encode()).digest()):
            raise HTTPException(403, "wrong token: use the one the server was started with")
        body = await _read_limited(request, max_body)
        try:
            articles, errors = writes.parse_body(body, request.headers.get("content-type", ""))
        except writes.BodyError as exc:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            raise HTTPException(415 if kind not in writes.ACCEPTED else 400, str(exc)) from exc
        if not articles and not errors:
            raise HTTPException(400, "no articles in the body: send at least one article")
        result = await run_in_threadpool(writes.ingest, gate, articles, errors)
        return _json(result.as_dict(), status=201)

    # ------------------------------------------------------------ the UI

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if not page.is_file():
            return HTMLResponse(_MISSING_UI, status_code=404)
        return FileResponse(page, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (plain ASGI: no per-request task or buffering,
    unlike @app.middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    if key not in headers:
                        headers.append(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def docs_page(schema: dict[str, Any]) -> str:
    """The API reference as one plain HTML page (no script, nothing from other hosts),
    so it works offline and under the strict Content-Security-Policy."""
    esc = html.escape
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>{esc(schema['info']['title'])} API</title>"
             "<link rel='stylesheet' href='/static/app.css'></head><body><main>"
             f"<h1>{esc(schema['info']['title'])} API {esc(schema['info']['version'])}</h1>"
             f"<p>{esc(schema['info'].get('description', ''))} "
             "Machine-readable schema: <a href='/openapi.json'>/openapi.json</a>.</p>"]
    for path, item in schema["paths"].items():
        for method, op in item.items():
            parts.append(f"<section><h2><code>{esc(method.upper())} {esc(path)}</code></h2>"
                         f"<p>{esc(op.get('description') or op.get('summary') or '')}</p>")
            params = op.get("parameters") or []
            if params:
                parts.append("<table><tr><th>parameter</th><th>in</th><th>type</th>"
                             "<th>default</th><th>meaning</th></tr>")
                for prm in params:
                    sch = prm.get("schema", {})
                    kinds = [sch] + list(sch.get("anyOf", []))
                    kind = " | ".join(sorted({k.get("type", "") for k in kinds if k.get("type")}
                                             - {"null"}))
                    if "enum" in sch:
                        kind = " | ".join(map(str, sch["enum"]))
                    parts.append(
                        f"<tr><td><code>{esc(prm['name'])}</code></td><td>{esc(prm['in'])}</td>"
                        f"<td>{esc(kind)}</td><td>{esc(str(sch.get('default', '')))}</td>"
                        f"<td>{esc(prm.get('description', ''))}</td></tr>")
                parts.append("</table>")
            codes = ", ".join(esc(str(c)) for c in op.get("responses", {}))
            parts.append(f"<p>Responses: {codes}</p></section>")
    parts.append("</main></body></html>")
    return "".join(parts)


async def _read_limited(request: Request, max_body: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``max_body`` bytes."""
    too_big = HTTPException(413, f"the body is over {max_body} bytes: send fewer articles "
                                 "per request")
    length = request.headers.get("content-length")
    if length is not None:
        try:
            if int(length) > max_body:
                raise too_big
        except ValueError as exc:
            raise HTTPException(400, "Content-Length is not a number") from exc
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)
