"""Composing the stages: Article -> list[Event].

The pipeline is the only place that knows the order of the stages; each stage
gets the one spaCy Doc of the article so nothing is parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from eventwire import nlp
from eventwire.model import Article, Event

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter): checkpoints, partitions."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(slots=True)
class Coded:
    """One article's outcome: its events, or the reason it could not be coded."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def _code_doc(doc, article: Article, keep_negated: bool) -> list[Event]:
    from eventwire import actors, events, geo, time

    timexes = time.tag(article.text, article.published)
    places = geo.places_in_doc(doc)
    mentions = actors.actors_in_doc(doc, article.published)
    found = events.extract(doc, article, timexes, places, mentions)
    if not keep_negated:
        found = [e for e in found if not e.negated]
    return found


def run(
    articles: Iterable[Article],
    keep_negated: bool = False,
    batch_size: int = 16,
) -> Iterator[Coded]:
    """Code a stream of articles in spaCy batches, in input order.

    A failure inside one article's stages is reported on that article and the
    stream goes on: one odd text must not stop a corpus run.
    """
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, batch_size=batch_size):
        try:
            yield Coded(article, _code_doc(doc, article, keep_negated))
        except Exception as exc:  # noqa: BLE001 - reported per article, batch goes on
            where = article.origin or article.id
            yield Coded(article, [], f"{where}: could not code article {article.id}: "
                                     f"{type(exc).__name__}: {exc}")


def code(text: str, published: str | date, keep_negated: bool = False) -> list[Event]:
    """The whole pipeline on one article (the Python API's front door)."""
    from eventwire.ingest import read_text

    article = read_text(text, published)
    doc = nlp.parse(article.text)
    return _code_doc(doc, article, keep_negated)
