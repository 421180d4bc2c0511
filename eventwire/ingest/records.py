"""Dates, ids and validation: what makes a raw record a usable :class:`Article`.

Every reader funnels through :func:`make_article` (or :func:`record_to_article`), so a seed
file, a JSONL line and a CSV row with the same content become the same Article, with the
same id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from eventwire.model import Article

_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Publication dates outside these years are placeholders (9999-12-31 for "unknown") or
# typos, not news; the stages after reading add days and years to the date, and near
# the ends of the calendar that overflows.
MIN_DATE, MAX_DATE = date(1000, 1, 1), date(8999, 12, 31)
_OPTIONAL_FIELDS = ("title", "url", "source")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_date(value: object) -> date:
    """Read a publication date; it anchors every relative time expression, so reject guesses.

    Accepts a ``date``/``datetime``, ``YYYY-MM-DD``, or a full ISO timestamp
    (``2022-12-30T10:00:00Z``), whose calendar date is taken *as written*: converting to UTC
    would move late-evening articles to the next day.  Raises ``ValueError`` with the reason.
    """
    if isinstance(value, datetime):
        return _in_range(value.date())
    if isinstance(value, date):
        return _in_range(value)
    if value is None:
        raise ValueError("missing date")
    if not isinstance(value, str):
        raise ValueError(f"date must be a string like '2022-12-30', got {type(value).__name__}")
    raw = value.strip()
    if not raw:
        raise ValueError("empty date")
    m = _DATE_PREFIX.match(raw)
    if m is None:
        raise ValueError(f"unrecognized date '{raw}' (expected YYYY-MM-DD)")
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"impossible date '{raw}'") from None
    rest = raw[m.end():]
    if rest:
        if rest[0] not in "T ":
            raise ValueError(f"unrecognized date '{raw}' (expected YYYY-MM-DD)")
        try:
            datetime.fromisoformat(raw)
        except ValueError:
            raise ValueError(
                f"unrecognized timestamp '{raw}' (expected YYYY-MM-DD or ISO 8601)") from None
    return _in_range(day)


def _in_range(day: date) -> date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"date {day.isoformat()} is outside {MIN_DATE.isoformat()}.."
                         f"{MAX_DATE.isoformat()} (a placeholder for an unknown date?)")
    return day


def normalize_text(text: str) -> str:
    """Whitespace collapsed and stripped: the form ids are computed from."""
    return " ".join(text.split())


def article_id(text: str, published: date) -> str:
    """A content id, so re-reading an article (in any format) never creates a duplicate.

    It is the first 16 hex digits of sha256 over ``"YYYY-MM-DD\\n" + normalized text``, where
    the text has its whitespace runs collapsed to one space and is stripped; line endings,
    indentation and re-wrapping therefore do not change it.
    """
    key = f"{published.isoformat()}\n{normalize_text(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def clean_text(text: object) -> str:
    """Validated article text with line endings unified, so offsets mean the same everywhere."""
    if text is None:
        raise ValueError("missing text")
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValueError("empty text")
    if _has_undecodable(text):
        raise ValueError("invalid UTF-8 (or a lone surrogate) in text")
    return text


def _has_undecodable(text: str) -> bool:
    # Readers decode with 'surrogateescape', so lone surrogates mark bytes that were not UTF-8
    # (or a JSON "\\ud800" escape): either way the text cannot be written back out as UTF-8.
    return _SURROGATE.search(text) is not None


def _clean_id(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"id must be a string or an integer, got {type(value).__name__}")
    return str(value).strip() or None


def _clean_optional(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {type(value).__name__}")
    if _has_undecodable(value):
        raise ValueError(f"invalid UTF-8 (or a lone surrogate) in {name}")
    return value.strip() or None


def make_article(text: object, published: object, id: object = None, *,
                 title: object = None, url: object = None, source: object = None,
                 origin: str | None = None) -> Article:
    """Build a validated Article or raise ``ValueError`` naming what is wrong.

    The id is the given ``id`` (as a string) when there is one, else :func:`article_id`.
    """
    day = parse_date(published)
    body = clean_text(text)
    given = _clean_id(id)
    return Article(
        id=given if given is not None else article_id(body, day),
        published=day,
        text=body,
        title=_clean_optional("title", title),
        url=_clean_optional("url", url),
        source=_clean_optional("source", source),
        origin=origin,
    )


def record_to_article(record: Mapping[str, object], origin: str | None = None) -> Article:
    """A JSON object or CSV row (``date``/``published``, ``text``, optional id/title/url/source)."""
    published = record.get("date")
    if published is None or published == "":
        published = record.get("published", published)
    if "date" not in record and "published" not in record:
        raise ValueError("missing date (no 'date' or 'published' field)")
    if "text" not in record:
        raise ValueError("missing 'text' field")
    return make_article(
        record.get("text"), published, record.get("id"),
        **{name: record.get(name) for name in _OPTIONAL_FIELDS},
        origin=origin,
    )


@dataclass(slots=True)
class ReadError:
    """One record (or file) that could not be read; the stream goes on after it."""

    path: str
    line: int | None
    reason: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}" + (f": {self.hint}" if self.hint else "")

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "reason": self.reason, "hint": self.hint}


def read_text(text: str, published: str | date, id: str | None = None) -> Article:
    """One article from Python (``eventwire.code``); same validation and ids as the readers.

    Raises ``ValueError`` with the reason ("impossible date '2022-02-30'", "empty text", ...).
    """
    return make_article(text, published, id)
