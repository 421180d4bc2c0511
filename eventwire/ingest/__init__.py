"""Reading dated articles: many input formats in, validated ``Article`` records out.

Article ids are stable: the record's own ``id`` (as a string) when it has one, otherwise the
first 16 hex digits of sha256 over the publication date and the whitespace-normalized text
(see :func:`article_id`), so the same article read from a seed file, JSONL or CSV gets the
same id. Bad input never raises from :func:`read`; it yields a :class:`ReadError` naming the
file, line and reason, and the stream continues.
"""

from __future__ import annotations

from eventwire.ingest.readers import (
    FORMATS,
    STDIN,
    Item,
    ReadStats,
    format_of,
    read,
    read_file,
    read_stdin,
)
from eventwire.ingest.records import (
    ReadError,
    article_id,
    make_article,
    normalize_text,
    parse_date,
    read_text,
    record_to_article,
)

__all__ = [
    "FORMATS", "STDIN", "Item", "ReadError", "ReadStats", "article_id", "format_of",
    "make_article", "normalize_text", "parse_date", "read", "read_file", "read_stdin",
    "read_text", "record_to_article",
]
