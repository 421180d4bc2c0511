"""Writing event records as a table, JSONL or CSV.

Both `eventwire code` (no database) and `eventwire events` (from the store)
print through here, so the two always agree on every format.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "jsonl", "csv")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "published", "sentence_index", "date_value", "date_precision",
    "date_text", "type", "mode", "contexts", "cameo", "quad", "intensity",
    "actor_code", "actor_country", "actor_sector", "actor_text",
    "recipient_code", "recipient_country", "recipient_sector", "recipient_text",
    "trigger_text", "trigger_start", "trigger_end",
    "location_name", "location_country", "location_geonameid", "location_lat", "location_lon",
    "quantities", "attribution_text", "negated", "modality", "confidence", "sentence",
)


def flatten(rec: dict[str, Any]) -> dict[str, Any]:
    """One §2 record as one flat CSV row (nested spans become prefixed columns)."""
    row: dict[str, Any] = {k: rec.get(k) for k in (
        "id", "article_id", "published", "sentence_index", "type", "mode", "cameo", "quad",
        "intensity", "negated", "modality", "confidence", "sentence")}
    row["contexts"] = ";".join(rec.get("contexts") or [])
    for prefix, keys in (
        ("date", ("value", "precision", "text")),
        ("trigger", ("text", "start", "end")),
        ("actor", ("code", "country", "sector", "text")),
        ("recipient", ("code", "country", "sector", "text")),
        ("location", ("name", "country", "geonameid", "lat", "lon")),
        ("attribution", ("text",)),
    ):
        part = rec.get(prefix) or {}
        for k in keys:
            row[f"{prefix}_{k}"] = part.get(k)
    row["quantities"] = ";".join(
        f"{q['value']} {q['unit']}" if q.get("unit") else str(q["value"])
        for q in rec.get("quantities") or []
    )
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(flatten(rec))
        n += 1
    return n


def _who(part: dict[str, Any] | None) -> str:
    if not part:
        return "-"
    return part.get("code") or part.get("text") or "-"


def _qty(rec: dict[str, Any]) -> str:
    return ", ".join(
        f"{q['value']} {q['unit']}" if q.get("unit") else str(q["value"])
        for q in rec.get("quantities") or []
    )


def write_table(records: Iterable[dict[str, Any]], console: Console, title: str | None = None) -> int:
    """A readable summary table; the JSONL and CSV formats carry every field."""
    table = Table(title=title, show_lines=False, expand=True)
    for name, kw in (
        ("date", {"no_wrap": True}), ("type", {"no_wrap": True}), ("cameo", {}),
        ("actor", {}), ("recipient", {}), ("trigger", {}), ("where", {}), ("how many", {}),
        ("modality", {}), ("evidence", {"ratio": 3}),
    ):
        table.add_column(name, **kw)
    n = 0
    for rec in records:
        loc = rec.get("location") or {}
        sentence = rec.get("sentence") or ""
        table.add_row(
            rec["date"]["value"], rec["type"], rec["cameo"], _who(rec.get("actor")),
            _who(rec.get("recipient")), rec["trigger"]["text"], loc.get("name") or "",
            _qty(rec), rec.get("modality") or "",
            sentence if len(sentence) <= 160 else sentence[:157] + "...",
        )
        n += 1
    console.print(table)
    return n


def write(records: Iterable[dict[str, Any]], fmt: str, out: TextIO, console: Console) -> int:
    """Write records in one of FORMATS; returns how many were written."""
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "csv":
        return write_csv(records, out)
    if fmt == "table":
        return write_table(records, console)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def records_of(events: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for e in events:
        yield e.to_dict()
