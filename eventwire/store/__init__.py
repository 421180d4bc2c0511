"""The embedded DuckDB store: schema, idempotent writes, queries."""

from eventwire.store.db import DEFAULT_DB, Store, StoreError, first_day
from eventwire.store.query import EventFilter, events_arrow, events_frame, iter_records

__all__ = ["DEFAULT_DB", "EventFilter", "Store", "StoreError", "events_arrow", "events_frame",
           "first_day", "iter_records"]
