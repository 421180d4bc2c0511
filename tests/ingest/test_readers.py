"""Every input format, compressed and not, from files, folders and stdin."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import ReadError, ReadStats, article_id, format_of, read
from eventwire.model import Article

TEXT_A = "Russia fired missiles at Kyiv on Thursday.\n\nUkraine said 16 were shot down."
TEXT_B = 'He said "we will respond", officials said, adding: talks, later.'
DAY_A, DAY_B = date(2022, 12, 29), date(2023, 1, 3)


def articles(items: list) -> list[Article]:
    errors = [str(i) for i in items if isinstance(i, ReadError)]
    assert not errors, errors
    return items


def jsonl_bytes() -> bytes:
    rows = [{"id": "a1", "date": "2022-12-29", "title": "Strikes", "text": TEXT_A,
             "url": "https://x.test/a", "source": "wire"},
            {"published": "2023-01-03T08:15:00Z", "text": TEXT_B}]
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def csv_bytes(delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["id", "date", "title", "text", "url", "source"])
    writer.writerow(["a1", "2022-12-29", "Strikes", TEXT_A, "https://x.test/a", "wire"])
    writer.writerow(["", "2023-01-03", "", TEXT_B, "", ""])
    return out.getvalue().encode()


def check_two(items: list, origin_a: str, origin_b: str) -> None:
    a, b = articles(items)
    assert (a.id, a.published, a.text, a.title, a.url, a.source) == \
        ("a1", DAY_A, TEXT_A, "Strikes", "https://x.test/a", "wire")
    assert (b.id, b.published, b.text, b.title) == (article_id(TEXT_B, DAY_B), DAY_B, TEXT_B, None)
    assert (a.origin, b.origin) == (origin_a, origin_b)


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(jsonl_bytes())
    check_two(list(read([p])), f"{p}:1", f"{p}:2")


@pytest.mark.parametrize("name", ["in.ndjson", "in.json"])
def test_jsonl_other_extensions(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"\n" + jsonl_bytes().replace(b"\n", b"\r\n"))  # blank first line, CRLF
    check_two(list(read(p)), f"{p}:2", f"{p}:3")


def test_csv_with_embedded_newlines_quotes_and_crlf(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_bytes(b"\xef\xbb\xbf" + csv_bytes())  # Excel-style BOM
    # TEXT_A has two embedded newlines, so row 2 starts on line 2 and row 3 on line 5
    check_two(list(read([p])), f"{p}:2", f"{p}:5")


def test_tsv(tmp_path: Path) -> None:
    p = tmp_path / "in.tsv"
    p.write_bytes(csv_bytes("\t"))
    check_two(list(read([p])), f"{p}:2", f"{p}:5")


def test_csv_published_column_and_unknown_columns(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text("Published, TEXT ,lang\n2022-12-29,Short text.,en\n", encoding="utf-8")
    (art,) = articles(list(read([p])))
    assert (art.published, art.text) == (DAY_A, "Short text.")


def test_seed_same_line_and_next_line(tmp_path: Path) -> None:
    same = tmp_path / "a.txt"
    same.write_bytes(b" date 2022-12-29 " + TEXT_A.encode())  # like the real seed file
    nxt = tmp_path / "b.txt"
    nxt.write_bytes(b"\xef\xbb\xbf\r\n  date 2022-12-29\r\n" + TEXT_A.replace("\n", "\r\n").encode()
                    + b"\r\n")
    a, b = articles(list(read([same, nxt])))
    assert a.text == b.text == TEXT_A
    assert a.published == b.published == DAY_A
    assert a.id == b.id == article_id(TEXT_A, DAY_A)
    assert (a.origin, b.origin) == (str(same), str(nxt))


def test_seed_without_extension_and_numeric_suffix(tmp_path: Path) -> None:
    for name in ("ARTICLE", "APW19980213.1320"):
        (tmp_path / name).write_text("date 2023-01-03\n" + TEXT_B, encoding="utf-8")
    items = articles(list(read([tmp_path])))
    assert [Path(a.origin).name for a in items] == ["APW19980213.1320", "ARTICLE"]
    assert format_of("APW19980213.1320") == ("seed", False)
    assert format_of("x.JSONL.GZ") == ("jsonl", True)
    assert format_of("x.tar.gz") == (None, True)


def test_same_article_gets_same_id_in_every_format(tmp_path: Path) -> None:
    text = "Protesters gathered in Tbilisi.\nPolice used water cannon."
    (tmp_path / "a.txt").write_text(f"date 2023-03-08 {text}", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"date": "2023-03-08T12:00:00Z", "text": text.replace("\n", "\r\n")}) + "\n",
        encoding="utf-8")
    with open(tmp_path / "c.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["date", "text"], ["2023-03-08", f"  {text}  "]])
    items = articles(list(read([tmp_path])))
    assert len(items) == 3
    assert {a.id for a in items} == {article_id(text, date(2023, 3, 8))}
    assert {a.text for a in items} == {text}


@pytest.mark.parametrize("name", ["x.jsonl.gz", "x.csv.gz", "x.txt.gz", "x.tsv.gz"])
def test_gzip_of_each_format(tmp_path: Path, name: str) -> None:
    payload = {"x.jsonl.gz": jsonl_bytes(), "x.csv.gz": csv_bytes(), "x.tsv.gz": csv_bytes("\t"),
               "x.txt.gz": b"date 2022-12-29\n" + TEXT_A.encode()}[name]
    p = tmp_path / name
    p.write_bytes(gzip.compress(payload))
    items = articles(list(read([p])))
    assert items[0].text == TEXT_A and items[0].published == DAY_A
    assert len(items) == (1 if name == "x.txt.gz" else 2)


def test_folder_recursion_sorted_skips_hidden_and_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "z.txt").write_text("date 2022-01-03 Third.", encoding="utf-8")
    (root / "b" / "deep" / "y.txt").write_text("date 2022-01-02 Second.", encoding="utf-8")
    (root / "a.jsonl").write_text('{"date": "2022-01-01", "text": "First."}\n', encoding="utf-8")
    (root / ".hidden" / "h.txt").write_text("date 2022-01-09 Hidden.", encoding="utf-8")
    (root / ".dot.txt").write_text("date 2022-01-09 Hidden.", encoding="utf-8")
    os.symlink(root, root / "b" / "loop")  # would recurse forever if followed blindly
    items = articles(list(read([str(root)])))
    assert [a.text for a in items] == ["First.", "Second.", "Third."]
    assert items[1].origin == os.path.join(str(root), "b", "deep", "y.txt")


def test_fmt_override_applies_to_any_name(tmp_path: Path) -> None:
    p = tmp_path / "export.dat"
    p.write_bytes(jsonl_bytes())
    (err,) = list(read([p]))
    assert isinstance(err, ReadError) and "unknown file extension '.dat'" in err.reason
    check_two(list(read([p], fmt="jsonl")), f"{p}:1", f"{p}:2")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        read([p], fmt="xml")


def test_stats_counts_ok_and_failed(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(jsonl_bytes() + b"not json\n")
    stats = ReadStats()
    assert len(list(stats.tally(read(p)))) == 3
    assert (stats.ok, stats.failed) == (2, 1)


class _Stdin:
    """A binary stdin like the real one: text wrapper with a .buffer."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("kind", ["jsonl", "csv", "tsv"])
@pytest.mark.parametrize("mode", ["binary", "text"])
def test_stdin_sniffs_format(monkeypatch: pytest.MonkeyPatch, kind: str, mode: str) -> None:
    data = {"jsonl": jsonl_bytes(), "csv": csv_bytes(), "tsv": csv_bytes("\t")}[kind]
    data = b"\n  \n" + data  # leading blank lines are skipped when sniffing
    stdin = _Stdin(data) if mode == "binary" else io.StringIO(data.decode(), newline="")
    monkeypatch.setattr(sys, "stdin", stdin)
    a, b = articles(list(read(["-"])))
    assert (a.id, a.text, b.text) == ("a1", TEXT_A, TEXT_B)
    assert a.origin == ("<stdin>:3" if kind == "jsonl" else "<stdin>:4")  # after the header


def test_stdin_seed_and_fmt_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(" date 2022-12-29 " + TEXT_A))
    (art,) = articles(list(read("-")))
    assert (art.published, art.text, art.origin) == (DAY_A, TEXT_A, "<stdin>")
    # fmt wins over sniffing: JSONL forced through the CSV reader has no usable header
    monkeypatch.setattr(sys, "stdin", _Stdin(b'{"date":"2022-12-29","text":"x"}\n'))
    (err,) = list(read("-", fmt="csv"))
    assert isinstance(err, ReadError) and err.reason.startswith("malformed CSV header")
    monkeypatch.setattr(sys, "stdin", _Stdin(csv_bytes("\t")))
    assert len(articles(list(read("-", fmt="tsv")))) == 2


def test_stdin_unknown_and_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nhello world\n"))
    (err,) = list(read("-"))
    assert (err.path, err.line, err.reason) == ("<stdin>", 2, "cannot tell the input format")
    assert "fmt=" in str(err)
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    (err,) = list(read("-"))
    assert err.reason == "no input on stdin"
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(jsonl_bytes())))
    (err,) = list(read("-"))
    assert err.reason == "gzip data on stdin" and "zcat" in err.hint


def test_reading_streams_lazily(tmp_path: Path) -> None:
    """The first record arrives before a broken tail is even decompressed."""
    p = tmp_path / "big.jsonl.gz"
    body = gzip.compress(jsonl_bytes() * 2000)
    p.write_bytes(body[: len(body) // 2])  # truncated gzip
    it = read([p])
    assert isinstance(next(it), Article)
    rest = list(it)
    assert isinstance(rest[-1], ReadError) and "truncated gzip" in rest[-1].reason
    assert all(isinstance(x, Article) for x in rest[:-1]) and len(rest) > 100


@pytest.mark.parametrize("junk", [b"\xfe\xff", b"\xff\xfe", b"\xff\xfe\x00x", b"\xfe\xffab\x00"])
def test_a_junk_line_with_utf16_bom_bytes_loses_nothing_after_it(tmp_path: Path, junk: bytes) -> None:
    """Found by the fuzz test: a first line that only begins like a UTF-16 BOM must stay one
    bad line, not turn the UTF-8 records after it into UTF-16 garbage."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(junk + b"\n" + jsonl_bytes())
    items = list(read([path]))
    assert isinstance(items[0], ReadError) and ":1" in str(items[0])
    assert [a.text for a in items[1:]] == [TEXT_A, TEXT_B]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "x.jsonl"
    text = jsonl_bytes().decode("utf-8")
    path.write_bytes(text.encode(encoding) if encoding == "utf-16" else ("\ufeff" + text).encode(encoding))
    assert [a.text for a in articles(list(read([path])))] == [TEXT_A, TEXT_B]
