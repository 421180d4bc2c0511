"""POST /articles: parse a request body with the ingest readers, code it, store it.

The body goes through the same readers and validation as ``eventwire ingest`` (one JSON
object or a list of them with the JSONL reader's fields, JSON Lines, or one article in
the seed format), so an article gets the same id and the same events either way.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

from eventwire.api.gate import StoreGate
from eventwire.ingest import ReadError, record_to_article
from eventwire.ingest.readers import read_jsonl, read_seed
from eventwire.model import Article

JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
SEED_TYPES = ("text/plain",)
ACCEPTED = JSON_TYPES + JSONL_TYPES + SEED_TYPES

# spaCy pipelines are not meant to be driven from several threads at once, and one
# write at a time is all DuckDB allows anyway
_CODING = threading.Lock()


class BodyError(ValueError):
    """The request body cannot be read as articles; the message says how to fix it."""


@dataclass(slots=True)
class IngestResult:
    added: int = 0
    skipped: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"added": self.added, "skipped": self.skipped, "events": self.events,
                "errors": self.errors}


def parse_body(body: bytes, content_type: str) -> tuple[list[Article], list[str]]:
    """Articles in the body, and one message per record that could not be read."""
    kind = content_type.split(";", 1)[0].strip().lower()
    label = "<body>"
    if kind in JSON_TYPES:
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BodyError(f"the body is not valid JSON ({exc}): send one article object "
                            'like {"date": "2022-12-30", "text": "..."} or a list of them') from exc
        except RecursionError as exc:
            raise BodyError("the JSON body is nested too deeply: send flat article objects") from exc
        items = data if isinstance(data, list) else [data]
        articles: list[Article] = []
        errors: list[str] = []
        for n, item in enumerate(items, 1):
            where = f"{label}[{n - 1}]" if isinstance(data, list) else label
            if not isinstance(item, dict):
                errors.append(f"{where}: expected an article object with date and text, "
                              f"got {type(item).__name__}")
                continue
            try:
                articles.append(record_to_article(item, where))
            except ValueError as exc:
                errors.append(f"{where}: {exc}")
        return articles, errors
    if kind in JSONL_TYPES:
        items = list(read_jsonl(label, body.splitlines(keepends=True)))
    elif kind in SEED_TYPES:
        items = list(read_seed(label, body.splitlines(keepends=True)))
    else:
        raise BodyError(f"cannot read a body of type {kind or 'unknown'!r}: send "
                        "application/json (an article object or a list), "
                        "application/x-ndjson (one object per line) or text/plain "
                        "(the seed format: 'date YYYY-MM-DD' then the text)")
    return ([i for i in items if isinstance(i, Article)],
            [str(i) for i in items if isinstance(i, ReadError)])


def ingest(gate: StoreGate, articles: list[Article], errors: list[str],
           dedupe: bool = True) -> IngestResult:
    """Code the articles not stored yet and write them in one transaction.

    The NLP runs before the write lock is taken, so readers wait only for the write
    itself (and the story grouping that ``eventwire ingest`` also runs after adding).
    """
    from eventwire import pipeline

    result = IngestResult(errors=list(errors))
    with _CODING:
        with gate.read() as store:
            todo, result.skipped = store.unseen(articles)
        done = []
        for coded in pipeline.run(todo):
            if coded.error:
                result.errors.append(coded.error)
            else:
                done.append((coded.article, coded.events))
        if not done:
            return result
        with gate.write() as store:
            result.added, result.events = store.write(done)
            if dedupe and result.added:
                from eventwire.store.dedup import dedupe as run_dedupe

                run_dedupe(store)
    return result
