"""The records that flow between stages.

Every stage speaks in these dataclasses and nothing else, so a stage can be
replaced without touching its neighbours. Offsets are character offsets into
the article text (``text[start:end] == span text``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "quarter", "year")
MODALITIES: tuple[str, ...] = ("asserted", "intended", "hypothetical", "reported-future")


@dataclass(slots=True)
class Article:
    """One dated news article, as read from any input format."""

    id: str
    published: date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # "path:line" it was read from, for error messages


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Timex:
    """A TIMEX3 time expression found in text; ``value`` is normalized against the DCT."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2022-12-29, 2022-W51, 2023-SP, P3D, PAST_REF, XXXX-09 ...
    # the calendar value an anchored duration points to ("three days later" is tagged, as
    # TimeML does, as the DURATION "three days", and still dates the event it modifies)
    anchor: str | None = None


@dataclass(slots=True)
class TimeValue:
    """The date an event is stamped with, and the expression it came from (if any)."""

    value: str
    precision: str  # one of PRECISIONS
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Place:
    """A resolved toponym. ``country`` is ISO 3166 alpha-3."""

    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    feature: str | None = None  # country, admin1, admin2, city, region, continent

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "geonameid": self.geonameid,
                "lat": self.lat, "lon": self.lon, "country": self.country,
                "admin1": self.admin1, "feature": self.feature,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Actor:
    """A coded actor: ISO alpha-3 country (or IGO code), sector, and CAMEO-style code."""

    name: str
    country: str | None
    sector: str | None
    code: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Quantity:
    value: float | int
    unit: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Attribution:
    """Who the article says reported the event ("Kyiv's military said")."""

    text: str
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Event:
    """One coded event, with evidence spans for every field (DESIGN.md §2)."""

    id: str
    article_id: str
    published: str
    sentence: str
    sentence_index: int
    trigger: Span
    type: str
    mode: str | None
    contexts: list[str]
    cameo: str
    quad: int
    intensity: float
    actor: Actor | None
    recipient: Actor | None
    date: TimeValue
    location: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attribution: Attribution | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON record, field order as in DESIGN.md §2."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "published": self.published,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "trigger": self.trigger.to_dict(),
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "cameo": self.cameo,
            "quad": self.quad,
            "intensity": self.intensity,
            "actor": self.actor.to_dict() if self.actor else None,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "date": self.date.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "quantities": [q.to_dict() for q in self.quantities],
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "negated": self.negated,
            "modality": self.modality,
            "confidence": self.confidence,
        }


def as_plain(obj: Any) -> Any:
    """dataclass -> dict for records that have no hand-written ``to_dict``."""
    return asdict(obj)
