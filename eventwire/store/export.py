"""Exports to the formats event-data users already load.

Every exporter streams from the store (no corpus held in memory) and takes
the same EventFilter as `eventwire events`, so an export is exactly a query
written to disk.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from eventwire import __version__
from eventwire.output import CSV_COLUMNS, flatten
from eventwire.store.db import Store, first_day
from eventwire.store.query import EventFilter, iter_records

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "geojson", "plover-json", "gdelt-csv")

# GDELT 2.0 Events table, in its column order (tab-separated, no header in GDELT's files;
# we write the header row so the file documents itself, and `--no-header` drops it).
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

# GDELT's Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GDELT_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "admin2": 5}


class ExportError(ValueError):
    """An export cannot be written; the message says what to do."""


def export_csv(store: Store, out: Path, flt: EventFilter | None = None) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for rec in iter_records(store, flt):
            writer.writerow(flatten(rec))
            n += 1
    return n


def export_jsonl(store: Store, out: Path, flt: EventFilter | None = None) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec in iter_records(store, flt):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def export_parquet(store: Store, out: Path, flt: EventFilter | None = None) -> int:
    """A Hive-partitioned Parquet dataset: out/year=YYYY/month=M/*.parquet (DuckDB streams it)."""
    clause, params = (flt or EventFilter()).sql()
    inner = ("SELECT * EXCLUDE (record), year(coalesce(date_start_day, published)) AS year, "
             "month(coalesce(date_start_day, published)) AS month FROM events" + clause)
    n = store.con.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0]
    out.mkdir(parents=True, exist_ok=True)
    target = str(out).replace("'", "''")
    store.con.execute(
        f"COPY ({inner}) TO '{target}' (FORMAT PARQUET, PARTITION_BY (year, month), "
        "OVERWRITE_OR_IGNORE true)", params)
    return n


def export_geojson(store: Store, out: Path, flt: EventFilter | None = None) -> int:
    """A FeatureCollection of the events that have a location; properties are the CSV row."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for rec in iter_records(store, flt):
            loc = rec.get("location") or {}
            if loc.get("lat") is None or loc.get("lon") is None:
                continue
            feature = {
                "type": "Feature",
                "id": rec["id"],
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": flatten(rec),
            }
            fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
    return n


def plover_record(rec: dict[str, Any], article: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event in the PLOVER JSON layout (PLOVER manual, ch. 6 'Data Fields')."""

    def entity(part: dict[str, Any] | None) -> list[dict[str, Any]]:
        if not part:
            return []
        return [{"code": part.get("country"), "sector": part.get("sector"),
                 "entityText": part.get("text"), "identifierText": part.get("name")}]

    loc = rec.get("location")
    event_loc = None
    if loc:
        event_loc = {"extractedPlace": loc.get("text"), "resolvedPlace": loc.get("name"),
                     "geonameid": loc.get("geonameid"), "lat": loc.get("lat"),
                     "lon": loc.get("lon"), "countryCode": loc.get("country"),
                     "featureClass": loc.get("feature")}
    quad = rec.get("quad")
    size: dict[str, Any] = {}
    for q in rec.get("quantities") or []:
        unit = (q.get("unit") or "").lower()
        if unit in ("dead", "killed"):
            size["dead"] = q["value"]
        elif unit in ("injured", "wounded"):
            size["injured"] = q["value"]
        elif unit in ("arrested", "detained"):
            size["arrested"] = q["value"]
    article = article or {}
    return {
        "id": rec["id"],
        "hasEvent": True,
        "date": rec["date"]["value"] if rec["date"]["precision"] == "day" else (
            str(first_day(rec["date"]["value"]) or rec["published"])),
        "datePrecision": rec["date"]["precision"],
        "actor": entity(rec.get("actor")),
        "recipient": entity(rec.get("recipient")),
        "event": [rec["type"]],
        "eventLoc": event_loc,
        "eventText": [rec["trigger"]["text"]],
        "quadCode": quad if quad else None,  # PLOVER's quad is 1-4; statements have none
        "eventScale": rec.get("intensity"),
        "mode": [rec["mode"]] if rec.get("mode") else [],
        "context": list(rec.get("contexts") or []),
        "size": size or None,
        "text": rec["sentence"],
        "textInfo": {"sequence": rec["sentence_index"], "start": rec["trigger"]["start"],
                     "end": rec["trigger"]["end"]},
        "citeInfo": {"corpus": rec["article_id"], "url": article.get("url"),
                     "title": article.get("title"), "language": "en",
                     "coder": f"eventwire {__version__}"},
        "cameo": rec.get("cameo"),
        "negated": rec.get("negated"),
        "modality": rec.get("modality"),
    }


def _articles(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = store.con.execute(
        "SELECT id, url, title, source FROM articles WHERE list_contains(?, id)",
        [sorted(ids)]).fetchall()
    return {r[0]: {"url": r[1], "title": r[2], "source": r[3]} for r in rows}


def _batched(store: Store, flt: EventFilter | None, size: int = 1000
             ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Records with their article's url/title, looked up a batch at a time."""
    batch: list[dict[str, Any]] = []

    def flush() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        meta = _articles(store, {r["article_id"] for r in batch})
        for r in batch:
            yield r, meta.get(r["article_id"], {})

    for rec in iter_records(store, flt):
        batch.append(rec)
        if len(batch) >= size:
            yield from flush()
            batch = []
    yield from flush()


def export_plover(store: Store, out: Path, flt: EventFilter | None = None) -> int:
    """PLOVER JSON, one record per line (the layout's recommended JSONL form)."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec, art in _batched(store, flt):
            fh.write(json.dumps(plover_record(rec, art), ensure_ascii=False) + "\n")
            n += 1
    return n


def _stable_int(hex_id: str) -> int:
    """GDELT wants an integer event id: the first 60 bits of ours."""
    try:
        return int(hex_id[:15], 16)
    except ValueError:
        return abs(hash(hex_id)) % (1 << 60)


def gdelt_row(rec: dict[str, Any], article: dict[str, Any] | None = None,
              added: datetime | None = None) -> dict[str, Any]:
    """One event as a GDELT 2.0 Events row: our values where we have them, empty where not."""
    day = first_day(rec["date"]["value"]) or date.fromisoformat(rec["published"])
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    row.update({
        "GlobalEventID": _stable_int(rec["id"]),
        "Day": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        "IsRootEvent": 1 if rec.get("sentence_index", 1) == 0 else 0,
        "EventCode": rec["cameo"],
        "EventBaseCode": rec["cameo"][:3],
        "EventRootCode": rec["cameo"][:2],
        "QuadClass": max(1, int(rec["quad"])),  # GDELT files statements (01-02) under 1
        "GoldsteinScale": rec["intensity"],
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
        "DATEADDED": (added or datetime.now(UTC)).strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": (article or {}).get("url") or rec["article_id"],
    })
    for n, role in ((1, "actor"), (2, "recipient")):
        part = rec.get(role)
        if part:
            row[f"Actor{n}Code"] = part.get("code") or ""
            row[f"Actor{n}Name"] = (part.get("name") or "").upper()
            row[f"Actor{n}CountryCode"] = part.get("country") or ""
            row[f"Actor{n}Type1Code"] = part.get("sector") or ""
    loc = rec.get("location")
    if loc:
        row.update({
            "ActionGeo_Type": _GDELT_GEO_TYPE.get(loc.get("feature") or "", 4),
            "ActionGeo_FullName": loc.get("name") or "",
            "ActionGeo_CountryCode": loc.get("country") or "",
            "ActionGeo_ADM1Code": loc.get("admin1") or "",
            "ActionGeo_Lat": loc.get("lat"),
            "ActionGeo_Long": loc.get("lon"),
            "ActionGeo_FeatureID": loc.get("geonameid") or "",
        })
    return row


def export_gdelt(store: Store, out: Path, flt: EventFilter | None = None,
                 header: bool = True) -> int:
    """GDELT 2.0 Events layout, tab-separated like GDELT's own export files."""
    added = datetime.now(UTC)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=GDELT_COLUMNS, delimiter="\t",
                                lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        if header:
            writer.writeheader()
        for rec, art in _batched(store, flt):
            writer.writerow(gdelt_row(rec, art, added))
            n += 1
    return n


def export(store: Store, fmt: str, out: Path, flt: EventFilter | None = None) -> int:
    """Write the filtered events of a store to ``out`` in ``fmt``; returns the event count."""
    writers = {"csv": export_csv, "jsonl": export_jsonl, "parquet": export_parquet,
               "geojson": export_geojson, "plover-json": export_plover,
               "gdelt-csv": export_gdelt}
    if fmt not in writers:
        raise ExportError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt != "parquet" and out.is_dir():
        raise ExportError(f"{out} is a folder: give a file path for --format {fmt}")
    if fmt != "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
    return writers[fmt](store, out, flt)
