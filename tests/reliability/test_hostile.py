"""`eventwire ingest` over the hostile corpus (scripts/build_hostile_corpus.py), as a real process.

The batch must finish; every bad record must get an error naming its file, line and
reason; every good record must be stored, once, also after a re-run; and the
process's peak memory must stay bounded (a 5 MB article, a 66 MB line, 3,000 tiny
articles, nesting 200,000 deep).
"""

from __future__ import annotations

import json
import os
import re
import runpy
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 1536
ERROR = re.compile(r"^error (.+?)(?::(\d+))?: (.*)$")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    build = runpy.run_path(str(REPO / "scripts" / "build_hostile_corpus.py"))["build"]
    return root, build(root)


def _ingest(ew, root: Path, db: Path) -> tuple[int, str, float]:
    """Run the CLI; returns (exit code, stderr, peak RSS of that process in MB)."""
    argv = [sys.executable, "-m", "eventwire.cli", "ingest", str(root), "--db", str(db)]
    proc = ew.Proc(argv, ew.env_with(COLUMNS="100000"))
    _, status, usage = os.wait4(proc.p.pid, 0)  # this child's own rusage, not all children's
    proc.p.returncode = os.waitstatus_to_exitcode(status)
    while (line := proc._q.get(timeout=30)) is not None:
        proc.lines.append(line)
    return proc.p.returncode, proc.text, usage.ru_maxrss / 1024


def _errors(stderr: str, root: Path) -> list[tuple[str, int | None, str]]:
    out = []
    prefix = f"{root}{os.sep}"
    for line in stderr.splitlines():
        m = ERROR.match(line)
        if m and m[1].startswith(prefix):
            out.append((m[1][len(prefix):], int(m[2]) if m[2] else None, m[3]))
    return out


def test_hostile_corpus_is_ingested_safely(ew, hostile, tmp_path):
    from eventwire.store import Store

    root, manifest = hostile
    kinds = manifest["kinds"]
    assert len(kinds) >= 20
    db = tmp_path / "hostile.duckdb"
    rc, stderr, peak_mb = _ingest(ew, root, db)
    assert rc == 1, stderr[-3000:]  # finished, with failures reported
    assert re.search(r"\d+ articles ok, \d+ failed", stderr), stderr[-3000:]
    assert "Traceback" not in stderr
    assert peak_mb < MAX_RSS_MB, f"peak RSS {peak_mb:.0f} MB"

    errors = _errors(stderr, root)
    with Store(db, read_only=True) as store:
        stored = [r[0] for r in store.con.execute("SELECT origin FROM articles").fetchall()]
    prefix = f"{root}{os.sep}"
    origins = {o[len(prefix):] for o in stored}
    assert len(origins) == len(stored)
    for kind in kinds:
        for path, line, reason in kind["errors"]:
            hits = [e for e in errors if e[0] == path and (line is None or e[1] == line)]
            assert any(reason in e[2] for e in hits), (kind["name"], path, line, reason, hits)
        missing = set(kind["good"]) - origins
        assert not missing, (kind["name"], sorted(missing)[:5])
        assert not set(kind["skipped"]) & origins, kind["name"]
    expected = {o for k in kinds for o in k["good"] + k["maybe"]}
    assert origins <= expected, sorted(origins - expected)[:5]
    # every error names a file that is in the corpus and, for a record, its line
    assert all(e[2] for e in errors)
    record_errors = [e for e in errors if e[1] is not None]
    assert len(record_errors) >= 50

    rc2, stderr2, _ = _ingest(ew, root, db)  # nothing is stored twice
    assert rc2 == 1
    assert "0 articles ok" in stderr2
    with Store(db, read_only=True) as store:
        again = [r[0] for r in store.con.execute("SELECT origin FROM articles").fetchall()]
    assert sorted(again) == sorted(stored)
    print(f"{len(kinds)} kinds, {len(stored)} stored, {len(errors)} errors, "
          f"peak RSS {peak_mb:.0f} MB")


def test_manifest_matches_the_files(hostile):
    root, manifest = hostile
    listed = {p for k in manifest["kinds"] for p, _, _ in k["errors"]}
    listed |= {o.rsplit(":", 1)[0] if o.rsplit(":", 1)[-1].isdigit() else o
               for k in manifest["kinds"] for o in k["good"]}
    for rel in listed:
        assert os.path.lexists(root / rel), rel
    on_disk = json.loads((root / ".manifest.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(manifest))
