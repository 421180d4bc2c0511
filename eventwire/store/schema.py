"""The DuckDB schema, versioned so later releases can migrate old stores forward."""

from __future__ import annotations

SCHEMA_VERSION = 2
# 1: articles, events.  2: event_story (cross-article deduplication).

# Event columns flattened for filtering; `record` keeps the exact §2 JSON so
# what comes out of the store is byte-for-byte what `eventwire code` prints.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("article_id", "VARCHAR NOT NULL"),
    ("published", "DATE"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("trigger_text", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("type", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("contexts", "VARCHAR[]"),
    ("cameo", "VARCHAR"),
    ("quad", "TINYINT"),
    ("intensity", "DOUBLE"),
    ("actor_text", "VARCHAR"),
    ("actor_name", "VARCHAR"),
    ("actor_country", "VARCHAR"),
    ("actor_sector", "VARCHAR"),
    ("actor_code", "VARCHAR"),
    ("actor_start", "INTEGER"),
    ("actor_end", "INTEGER"),
    ("recipient_text", "VARCHAR"),
    ("recipient_name", "VARCHAR"),
    ("recipient_country", "VARCHAR"),
    ("recipient_sector", "VARCHAR"),
    ("recipient_code", "VARCHAR"),
    ("recipient_start", "INTEGER"),
    ("recipient_end", "INTEGER"),
    ("date_value", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_start_day", "DATE"),  # first day the date value covers, for --since/--until
    ("date_text", "VARCHAR"),
    ("date_start", "INTEGER"),
    ("date_end", "INTEGER"),
    ("location_text", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_geonameid", "BIGINT"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_country", "VARCHAR"),
    ("location_feature", "VARCHAR"),
    ("location_start", "INTEGER"),
    ("location_end", "INTEGER"),
    ("quantities", "JSON"),
    ("attribution", "JSON"),
    ("negated", "BOOLEAN"),
    ("modality", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("record", "JSON NOT NULL"),
)

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("published", "DATE NOT NULL"),
    ("title", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("origin", "VARCHAR"),
    ("text", "VARCHAR NOT NULL"),
    ("n_events", "INTEGER"),
    ("ingested_at", "TIMESTAMP"),
)


def _create(table: str, columns: tuple[tuple[str, str], ...]) -> str:
    cols = ",\n  ".join(f"{name} {kind}" for name, kind in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {cols}\n)"


DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    _create("articles", ARTICLE_COLUMNS),
    _create("events", EVENT_COLUMNS),
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (type)",
    "CREATE INDEX IF NOT EXISTS events_actor ON events (actor_code)",
    "CREATE INDEX IF NOT EXISTS events_recipient ON events (recipient_code)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date_start_day)",
    # which story (deduplicated real-world event) each mention belongs to; the story id
    # is the id of its earliest mention
    "CREATE TABLE IF NOT EXISTS event_story (event_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS event_story_story ON event_story (story_id)",
)
