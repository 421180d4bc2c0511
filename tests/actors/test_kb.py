"""The packaged actor table: compact, self-contained, rebuilt byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventwire.actors import kb

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "eventwire" / "data" / "actors.json"


def test_table_is_compact_and_loads() -> None:
    assert DATA.stat().st_size < 3_000_000  # a few MB at most (package data budget ~25 MB)
    table = kb.load()
    assert table.entities["russia"].country == "RUS"
    assert table.entities["kyiv"].kind == "capital"
    assert table.sectors["finance ministry"] == ("GOV", False)
    assert table.sectors["spokesman"] == ("GOV", True)
    assert len(table.people) > 1000


def test_norm_and_case_forms() -> None:
    assert kb.norm("U.S.") == "us"
    assert kb.norm("Secretary-General") == "secretary general"
    assert kb.norm("Zelenskyy’s") == "zelenskyy's"
    assert kb.norm("Türkiye") == "turkiye"
    assert kb.case_matches("The West", "the West")
    assert not kb.case_matches("us", "US")


def test_runtime_code_never_reads_shared() -> None:
    for path in (REPO / "eventwire" / "actors").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "/shared" not in source and "\"shared\"" not in source, path


def test_build_reproduces_the_shipped_table(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "actors.json"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_actors.py"), "--output", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == DATA.read_bytes()
