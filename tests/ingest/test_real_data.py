"""The shared seed article and corpora read cleanly, with the right dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from eventwire.ingest import ReadError, ReadStats, article_id, read
from eventwire.model import Article


def test_seed_article(shared: Path, seed_text: str) -> None:
    path = shared / "data" / "seed" / "000_b377222dc834d2b2.txt"
    (art,) = list(read([path]))
    assert isinstance(art, Article), str(art)
    assert art.published == date(2022, 12, 30)
    assert art.text == seed_text
    assert art.text.startswith("Russian president Vladimir Putin said on Friday")
    assert art.id == article_id(seed_text, date(2022, 12, 30))
    assert art.origin == str(path)


def test_seedformat_folder_matches_the_jsonl_corpus(shared: Path) -> None:
    corpus = shared / "data" / "corpus"
    seeds = list(read([corpus / "seedformat"]))
    assert len(seeds) == 100
    assert all(isinstance(a, Article) for a in seeds), [str(e) for e in seeds]
    names = [Path(a.origin).name for a in seeds]
    assert names == sorted(names)
    for art in seeds:  # the header date, not the file name's (AFP_ENG_19970401.0534 is 04-02)
        header = Path(art.origin).read_text(encoding="utf-8")[:20]
        y, m, d = re.match(r"\s*date (\d{4})-(\d{2})-(\d{2}) ", header).groups()
        assert art.published == date(int(y), int(m), int(d)), art.origin
    assert len({a.published for a in seeds}) > 1
    wanted = {Path(a.origin).stem for a in seeds}
    te3 = {a.id: a for a in read(corpus / "te3_silver.jsonl.gz") if a.id in wanted}
    for art in seeds:  # the same documents, so the same date and text
        twin = te3[Path(art.origin).stem]
        assert (art.published, art.text) == (twin.published, twin.text)


def test_te3_silver_streams_all_articles(shared: Path) -> None:
    stats = ReadStats()
    ids: set[str] = set()
    first = None
    for item in stats.tally(read([shared / "data" / "corpus" / "te3_silver.jsonl.gz"])):
        assert not isinstance(item, ReadError), str(item)
        first = first or item
        ids.add(item.id)
        assert date(1990, 1, 1) < item.published < date(2010, 1, 1)
        assert item.text.strip() == item.text and item.source
    assert (stats.ok, stats.failed) == (2452, 0)
    assert len(ids) == 2452
    assert first.id == "AFP_ENG_19970401.0006" and first.published == date(1997, 4, 1)
    assert first.origin.endswith("te3_silver.jsonl.gz:1")
