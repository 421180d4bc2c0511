"""Every kind of bad input yields one clear error, and the good records around it survive."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventwire.ingest import ReadError, read
from eventwire.ingest import readers as readers_mod
from eventwire.model import Article

GOOD_JSON = b'{"date": "2022-12-29", "text": "Good %d."}'


def split(items: list) -> tuple[list[Article], list[ReadError]]:
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, ReadError)]
    assert len(arts) + len(errs) == len(items)
    return arts, errs


def test_jsonl_bad_lines_each_give_one_error(tmp_path: Path) -> None:
    lines = [
        GOOD_JSON % 1,
        b'{"text": "No date."}',
        b'{"date": "2022-02-30", "text": "Impossible."}',
        b'{"date": "0000-00-00", "text": "Zero."}',
        b'{"date": "2022-12-29", "text": ""}',
        b'{"date": "2022-12-29", "text": "  \\n\\t "}',
        b'{"date": "2022-12-29", "text": "caf\xe9 au lait"}',  # latin-1 byte, not UTF-8
        b'{"date": "2022-12-29" "text": "comma missing"}',
        b'[1, 2]',
        b'{"date": "2022-12-29", "text": 5}',
        b'"just a string"',
        b'{"date": "2022-12-29"}',
        b'{"date": 20221229, "text": "Number date."}',
        b'',  # blank lines are not records
        GOOD_JSON % 2,
    ]
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b"\n".join(lines))  # no final newline
    arts, errs = split(list(read([p])))
    assert [a.text for a in arts] == ["Good 1.", "Good 2."]
    assert [a.origin for a in arts] == [f"{p}:1", f"{p}:15"]
    got = [(e.path, e.line, e.reason) for e in errs]
    assert got == [
        (str(p), 2, "missing date (no 'date' or 'published' field)"),
        (str(p), 3, "impossible date '2022-02-30'"),
        (str(p), 4, "impossible date '0000-00-00'"),
        (str(p), 5, "empty text"),
        (str(p), 6, "empty text"),
        (str(p), 7, "invalid UTF-8 (byte 0xe9 at column 36)"),
        (str(p), 8, "malformed JSON (Expecting ',' delimiter at column 23)"),
        (str(p), 9, "expected a JSON object, got an array"),
        (str(p), 10, "text must be a string, got int"),
        (str(p), 11, "expected a JSON object, got a string"),
        (str(p), 12, "missing 'text' field"),
        (str(p), 13, "date must be a string like '2022-12-30', got int"),
    ]
    assert str(errs[6]) == (f"{p}:8: malformed JSON (Expecting ',' delimiter at column 23): "
                            "fix or remove the line")
    assert all(e.hint for e in errs)


def test_json_array_file_is_one_error_and_keeps_its_records(tmp_path: Path) -> None:
    p = tmp_path / "dump.json"
    p.write_text('[\n  {"date": "2022-12-29", "text": "A."},\n  {"date": "2022-12-29"}\n]\n',
                 encoding="utf-8")
    err, good, bad = list(read([p]))
    assert err.line == 1 and err.reason.startswith("a JSON array")
    assert "jq" in err.hint
    # written one object per line, the array's records are still read (nothing is lost) ...
    assert isinstance(good, Article) and good.text == "A."
    # ... and a bad one among them is reported on its own line
    assert isinstance(bad, ReadError) and bad.line == 3


def test_csv_bad_rows_each_give_one_error(tmp_path: Path) -> None:
    rows = [
        b"date,text,id",
        b"2022-12-29,Good 1.,g1",
        b"2022-12-29",  # text column missing
        b"2022-02-30,Impossible.,x",
        b"2022-12-29,,x",
        b"2022-12-29,   ,x",
        b"2022-12-29,caf\xe9,x",
        b"2022-12-29,too,many,fields",
        b'2022-12-29,"bad"quote,x',
        b",No date.,x",
        b'2022-12-29,"Good 2,\nwith a newline and ""quotes"".",g2',
    ]
    p = tmp_path / "mixed.csv"
    p.write_bytes(b"\r\n".join(rows) + b"\r\n")
    arts, errs = split(list(read([p])))
    assert [a.id for a in arts] == ["g1", "g2"]
    assert arts[1].text == 'Good 2,\nwith a newline and "quotes".'
    assert arts[1].origin == f"{p}:11"
    got = [(e.line, e.reason) for e in errs]
    assert got == [
        (3, "row is missing the 'text' column (has 1 of 3 fields)"),
        (4, "impossible date '2022-02-30'"),
        (5, "empty text"),
        (6, "empty text"),
        (7, "invalid UTF-8 (or a lone surrogate) in text"),
        (8, "row has 4 fields but the header has 3"),
        (9, "malformed CSV (',' expected after '\"')"),
        (10, "empty date"),
    ]
    assert all(e.path == str(p) for e in errs)


@pytest.mark.parametrize(("header", "reason"), [
    (b"date,body\n2022-12-29,x\n", "the header has no 'text' column (found: 'date', 'body')"),
    (b"when,text\n2022-12-29,x\n", "the header has no 'date' column (found: 'when', 'text')"),
    (b"", "no header row (the file is empty)"),
])
def test_csv_header_problems(tmp_path: Path, header: bytes, reason: str) -> None:
    p = tmp_path / "h.csv"
    p.write_bytes(header)
    (err,) = list(read([p]))
    assert err.reason == reason
    assert "first row must name the columns" in err.hint


@pytest.mark.parametrize(("content", "line", "reason"), [
    (b"Russia said nothing.", 1, "no 'date YYYY-MM-DD' header"),
    (b"\n\ndate 2022-02-30 Text.", 3, "impossible date '2022-02-30'"),
    (b"date 0000-00-00\nText.", 1, "impossible date '0000-00-00'"),
    (b"date 2022-12-29  \r\n  \r\n", None, "empty text"),
    (b"date 2022-12-29\nline two\ncaf\xe9", 3, "invalid UTF-8 (byte 0xe9 at column 4)"),
    (b"", 1, "no 'date YYYY-MM-DD' header"),
])
def test_seed_file_problems(tmp_path: Path, content: bytes, line: int | None,
                            reason: str) -> None:
    (tmp_path / "a_good.txt").write_bytes(b"date 2022-12-29 Before.")
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes(content)
    (tmp_path / "c_good.txt").write_bytes(b"date 2022-12-30 After.")
    arts, errs = split(list(read([tmp_path])))
    assert [a.text for a in arts] == ["Before.", "After."]
    assert [(e.path, e.line, e.reason) for e in errs] == [(str(bad), line, reason)]


def test_file_level_problems_do_not_stop_the_stream(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(GOOD_JSON % 1 + b"\n")
    unknown = tmp_path / "notes.md"
    unknown.write_text("# notes\n", encoding="utf-8")
    not_gz = tmp_path / "fake.jsonl.gz"
    not_gz.write_bytes(GOOD_JSON % 9)
    locked = tmp_path / "locked.jsonl"
    locked.write_bytes(GOOD_JSON % 9)
    missing = tmp_path / "missing.jsonl"

    real_open = readers_mod._open_binary

    def deny(path: Path, gz: bool):  # root can read anything, so simulate the permission error
        if path.name == "locked.jsonl":
            raise PermissionError(13, "Permission denied")
        return real_open(path, gz)

    monkeypatch.setattr(readers_mod, "_open_binary", deny)
    items = list(read([missing, unknown, not_gz, locked, good]))
    arts, errs = split(items)
    assert [a.text for a in arts] == ["Good 1."]
    assert items[-1] is arts[0]
    assert [(e.path, e.line) for e in errs] == [(str(missing), None), (str(unknown), None),
                                                (str(not_gz), None), (str(locked), None)]
    assert errs[0].reason == "no such file or directory"
    assert errs[1].reason == "unknown file extension '.md'"
    assert errs[2].reason.startswith("corrupt or truncated gzip file (Not a gzipped file")
    assert errs[3].reason == "cannot open file (Permission denied)"
    assert str(errs[1]).endswith("or pass fmt='seed'|'jsonl'|'csv'|'tsv'")


def test_unknown_extension_inside_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("about\n", encoding="utf-8")
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(GOOD_JSON % 1))
    arts, errs = split(list(read([tmp_path])))
    assert len(arts) == 1 and len(errs) == 1 and errs[0].path.endswith("README.md")
