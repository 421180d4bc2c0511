"""Every export format read back: what was stored is what comes out."""

from __future__ import annotations

import csv
import json

import pyarrow.dataset as ds
import pytest

from eventwire.output import flatten
from eventwire.store import EventFilter, Store, iter_records
from eventwire.store.export import GDELT_COLUMNS, ExportError, export


@pytest.fixture()
def store(tmp_path, batch):
    s = Store(tmp_path / "s.duckdb")
    s.write(batch)
    yield s
    s.close()


def _records(store):
    return list(iter_records(store))


def test_csv_round_trip(store, tmp_path):
    out = tmp_path / "e.csv"
    assert export(store, "csv", out) == 3
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = [{k: "" if v is None else str(v) for k, v in flatten(r).items()}
                for r in _records(store)]
    assert rows == expected


def test_jsonl_round_trip(store, tmp_path):
    out = tmp_path / "e.jsonl"
    export(store, "jsonl", out)
    assert [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()] == _records(store)


def test_parquet_is_partitioned_by_date(store, tmp_path):
    out = tmp_path / "pq"
    assert export(store, "parquet", out) == 3
    parts = sorted(p.relative_to(out).parts[:2] for p in out.rglob("*.parquet"))
    assert ("year=2022", "month=11") in parts and ("year=2022", "month=12") in parts
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 3
    got = {r["id"]: r for r in table.to_pylist()}
    for rec in _records(store):
        row = got[rec["id"]]
        assert row["actor_code"] == rec["actor"]["code"]
        assert row["date_value"] == rec["date"]["value"]
        assert row["location_lat"] == rec["location"]["lat"]
        assert json.loads(row["quantities"]) == rec["quantities"]


def test_geojson_points(store, tmp_path):
    out = tmp_path / "e.geojson"
    assert export(store, "geojson", out, EventFilter(type="ASSAULT")) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 2
    f = doc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [32.0, 49.0]}
    assert f["properties"]["type"] == "ASSAULT"


def test_plover_json_layout(store, tmp_path):
    out = tmp_path / "e.plover.jsonl"
    export(store, "plover-json", out)
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    first = recs["a1-0"]
    assert first["event"] == ["ASSAULT"]
    assert first["actor"] == [{"code": "RUS", "sector": "MIL", "entityText": "RUSMIL",
                               "identifierText": "RUSMIL"}]
    assert first["date"] == "2022-12-29" and first["quadCode"] == 4
    assert first["eventLoc"]["geonameid"] == 690791
    assert first["citeInfo"]["url"] == "https://example.org/a1"
    month = recs["a1-1"]
    assert month["date"] == "2022-12-01" and month["datePrecision"] == "month"


def test_gdelt_csv_columns(store, tmp_path):
    out = tmp_path / "e.gdelt.csv"
    export(store, "gdelt-csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(body) == 3
    row = next(r for r in body if r["Day"] == "20221229")
    assert row["EventCode"] == "190" and row["EventRootCode"] == "19"
    assert row["QuadClass"] == "4" and row["Actor1Code"] == "RUSMIL"
    assert row["Actor2CountryCode"] == "UKR" and row["ActionGeo_Lat"] == "49.0"
    assert row["SOURCEURL"] == "https://example.org/a1"
    assert len({r["GlobalEventID"] for r in body}) == 3 and row["GlobalEventID"].isdigit()


def test_bad_format_and_path(store, tmp_path):
    with pytest.raises(ExportError, match="choose one of"):
        export(store, "xml", tmp_path / "x")
    with pytest.raises(ExportError, match="is a folder"):
        export(store, "csv", tmp_path)
