"""Composing the stages: Article -> list[Event].

The pipeline is the only place that knows the order of the stages; each stage
gets the one spaCy Doc of the article so nothing is parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from eventwire import nlp
from eventwire.model import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

# How much of one article is coded. Every stage is now linear in the length of a text
# (the toponym pass and the time tagger were quadratic: 22 s at 50,000 characters, fixed),
# at about 7,000 characters a second on one core; news articles are almost all under
# 20,000 characters, so a 5 MB "article" is junk that would hold a batch for ten minutes.
# A longer one is coded in its first CODE_MAX_CHARS characters and its Coded.warning says so.
CODE_MAX_CHARS = 100_000


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
    warning: str | None = None  # coded, but not all of it (see CODE_MAX_CHARS)


def _code_doc(doc, article: Article, keep_negated: bool,
              notes: list[str] | None = None) -> list[Event]:
    from eventwire import actors, events, geo, time

    try:
        timexes = time.tag(nlp.text_of(doc), article.published)  # as parsed (maybe clipped)
    except Exception as exc:  # noqa: BLE001 - e.g. "tomorrow" from 9999-12-31 overflows
        # the events are still worth having: they fall back to the publication date
        timexes = []
        if notes is not None:
            notes.append(f"time expressions skipped ({type(exc).__name__}: {exc})")
    places = geo.places_in_doc(doc)
    mentions = actors.actors_in_doc(doc, article.published)
    found = events.extract(doc, article, timexes, places, mentions)
    if not keep_negated:
        found = [e for e in found if not e.negated]
    return found


def _parse(pairs: Iterable[tuple[str, Article]], batch_size: int = 16,
           ) -> Iterator[tuple[Doc, Article]]:
    """The model on the sentences that could hold an event (one path for batches and for
    ``code``, so both give the same events)."""
    from eventwire import actors
    from eventwire.events import may_hold_event, reads_previous

    return nlp.pipe_selective(pairs, may_hold_event, batch_size=batch_size,
                              with_previous=reads_previous, known=actors.named_alone)


def run(
    articles: Iterable[Article],
    keep_negated: bool = False,
    batch_size: int = 16,
) -> Iterator[Coded]:
    """Code a stream of articles in spaCy batches, in input order.

    A failure inside one article's stages is reported on that article and the
    stream goes on: one odd text must not stop a corpus run.
    """
    pairs = ((a.text[:CODE_MAX_CHARS], a) for a in articles)
    for doc, article in _parse(pairs, batch_size):
        where = article.origin or article.id
        notes: list[str] = []
        try:
            coded = Coded(article, _code_doc(doc, article, keep_negated, notes))
        except Exception as exc:  # noqa: BLE001 - reported per article, batch goes on
            yield Coded(article, [], f"{where}: could not code article {article.id}: "
                                     f"{type(exc).__name__}: {exc}")
            continue
        parsed = len(nlp.text_of(doc))
        if len(article.text) > parsed:
            notes.append(f"it has {len(article.text):,} characters; coded its first {parsed:,}")
        if notes:
            coded.warning = f"{where}: article {article.id}: " + "; ".join(notes)
        yield coded


def code(text: str, published: str | date, keep_negated: bool = False) -> list[Event]:
    """The whole pipeline on one article (the Python API's front door)."""
    from eventwire.ingest import read_text

    article = read_text(text, published)
    doc, _ = next(_parse([(article.text[:CODE_MAX_CHARS], article)]))
    return _code_doc(doc, article, keep_negated)
