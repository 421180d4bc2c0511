"""The command line on real files: formats, store idempotence, bad input, exit codes."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED_ARTICLE = REPO.parent / "shared" / "data" / "seed" / "000_b377222dc834d2b2.txt"


def test_code_jsonl_prints_contract_records():
    res = runner.invoke(app, ["code", str(SEED_ARTICLE), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    recs = [json.loads(ln) for ln in lines]
    assert recs and all(r["article_id"] and r["published"] == "2022-12-30" for r in recs)
    assert any(r["type"] == "ASSAULT" for r in recs)


def test_code_csv_and_table_on_samples():
    res = runner.invoke(app, ["code", str(SAMPLES), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) >= 6
    assert {r["type"] for r in rows} >= {"ASSAULT", "SANCTION"}
    res = runner.invoke(app, ["code", str(SAMPLES / "02_attack.txt")])
    assert res.exit_code == 0
    assert "ASSAULT" in res.stdout


def test_bad_records_are_reported_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "g1", "date": "2022-12-30", "text": "Russia attacked Ukraine on Friday."})
        + "\n{not json\n"
        + json.dumps({"id": "g2", "date": "2022-02-30", "text": "Impossible date."}) + "\n"
        + json.dumps({"id": "g3", "date": "2022-12-29", "text": "Poland summoned the Belarusian ambassador."})
        + "\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["code", str(good), "--format", "jsonl"])
    assert res.exit_code == 1
    assert "good.jsonl:2" in res.stderr and "good.jsonl:3" in res.stderr
    assert "2 articles ok, 2 failed" in res.stderr
    assert {json.loads(ln)["article_id"] for ln in res.stdout.splitlines() if ln} <= {"g1", "g3"}


def test_ingest_twice_adds_nothing(tmp_path):
    db = tmp_path / "t.duckdb"
    corpus = tmp_path / "in"
    shutil.copytree(SAMPLES, corpus)
    shutil.copy(SEED_ARTICLE, corpus / "seed.txt")
    with gzip.open(corpus / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"date": "2023-01-02", "text": "Japan sent aid to Turkey on Monday."}) + "\n")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    q = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    stored = [json.loads(ln) for ln in q.stdout.splitlines() if ln]
    assert stored
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert second.exit_code == 0
    assert "0 articles ok" in second.stderr and "8 already stored" in second.stderr
    q2 = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert [json.loads(ln) for ln in q2.stdout.splitlines() if ln] == stored
    ru = runner.invoke(app, ["events", "--db", str(db), "--actor", "RUS", "--recipient", "UKR",
                             "--type", "ASSAULT", "--since", "2022-12-01", "--format", "jsonl"])
    assert ru.exit_code == 0
    recs = [json.loads(ln) for ln in ru.stdout.splitlines() if ln]
    assert recs and all(r["type"] == "ASSAULT" and r["actor"]["code"].startswith("RUS") for r in recs)


def test_events_without_store_says_what_to_do(tmp_path):
    res = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2
    assert "eventwire ingest" in res.stderr


def test_help_has_examples():
    for cmd in (["code"], ["ingest"], ["events"], ["export"], ["bench", "pipeline"], ["eval", "time"]):
        res = runner.invoke(app, [*cmd, "--help"])
        assert res.exit_code == 0
        assert "Example" in res.stdout


def test_export_formats_from_a_real_store(tmp_path):
    db = tmp_path / "t.duckdb"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)]).exit_code == 0
    n_stored = len(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines())
    assert n_stored > 0
    for fmt, name in (("csv", "e.csv"), ("parquet", "pq"), ("geojson", "e.geojson"),
                      ("plover-json", "e.jsonl"), ("gdelt-csv", "e.tsv")):
        res = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--output",
                                  str(tmp_path / name)])
        assert res.exit_code == 0, res.output
        assert f"events written to {tmp_path / name} ({fmt})" in res.stderr
    assert f"{n_stored} events written" in runner.invoke(
        app, ["export", "--db", str(db), "--output", str(tmp_path / "x.csv")]).stderr
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml", "--output", "x"])
    assert bad.exit_code == 2 and "choose one of" in bad.stderr
