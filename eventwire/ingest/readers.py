"""Input formats: seed files, JSONL, CSV/TSV, folders, ``.gz`` and stdin, all streamed.

Every reader consumes an iterator of raw byte lines and yields ``Article`` or ``ReadError``;
nothing is decoded or held beyond one record, so a multi-gigabyte JSONL file streams line by
line and one broken line never stops the lines after it.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import itertools
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from eventwire.ingest.records import ReadError, make_article, parse_date, record_to_article
from eventwire.model import Article

Item = Article | ReadError

STDIN = "-"
STDIN_LABEL = "<stdin>"
FORMATS: tuple[str, ...] = ("seed", "jsonl", "csv", "tsv")
_FMT_ALIASES = {"txt": "seed", "text": "seed", "json": "jsonl", "ndjson": "jsonl"}
_EXTENSIONS = {"": "seed", ".txt": "seed", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".json": "jsonl", ".csv": "csv", ".tsv": "tsv"}
_BOM = b"\xef\xbb\xbf"
_SEED_HEADER = re.compile(r"date:?[ \t]+(\S+)", re.IGNORECASE)
_SEED_SNIFF = re.compile(rb"date:?[ \t]+\d", re.IGNORECASE)
_SEED_MAX_BYTES = 64 * 1024 * 1024  # one article per file: anything bigger is not one article
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024 * 1024  # a longer "line" is not a record: it would only fill memory  # the csv module's default (128 KiB) is below long articles
_FORMAT_HINT = "use .txt, .jsonl, .csv or .tsv (optionally + .gz), or pass fmt='seed'|'jsonl'|'csv'|'tsv'"


def read(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
         fmt: str | None = None) -> Iterator[Item]:
    """Stream articles from files, folders (recursively) and ``-`` (stdin), in the given order.

    Each bad record or file yields one :class:`ReadError` and the stream goes on. ``fmt``
    forces one format for every input instead of guessing it from the file name
    (``.gz`` is still decompressed). Folders are walked in sorted order, skipping hidden
    entries; a symlinked folder already on the walk is not entered twice.
    """
    kind = normalize_fmt(fmt)  # checked now, not at the first next()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return _read_all(paths, kind)


def normalize_fmt(fmt: str | None) -> str | None:
    """``None``/``"auto"`` -> guess; accepts aliases (txt, json, ndjson); raises on unknown."""
    if fmt is None or fmt.lower() == "auto":
        return None
    kind = _FMT_ALIASES.get(fmt.lower(), fmt.lower())
    if kind not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return kind


def _read_all(paths: Iterable[str | os.PathLike[str]], kind: str | None) -> Iterator[Item]:
    for path in paths:
        label = os.fspath(path)
        if label == STDIN:
            yield from read_stdin(kind)
        else:
            yield from _read_path(Path(label), label, kind, set())


def _read_path(path: Path, label: str, kind: str | None,
               seen: set[tuple[int, int]]) -> Iterator[Item]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield ReadError(label, None, "no such file or directory", "check the path")
        return
    except OSError as exc:
        yield ReadError(label, None, f"cannot read ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_dir(path, label, kind, seen, (info.st_dev, info.st_ino))
    elif not stat.S_ISREG(info.st_mode):  # a FIFO would block the batch forever on open()
        what = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        yield ReadError(label, None, f"not a regular file ({what})",
                        "pass a regular file, or - to read a pipe from stdin")
    else:
        yield from read_file(path, kind, label)


def _read_dir(path: Path, label: str, kind: str | None, seen: set[tuple[int, int]],
              key: tuple[int, int]) -> Iterator[Item]:
    if key in seen:  # a symlink back into the walk: entering it would loop or duplicate
        return
    seen.add(key)
    try:
        with os.scandir(path) as it:
            names = sorted(entry.name for entry in it if not entry.name.startswith("."))
    except OSError as exc:
        yield ReadError(label, None, f"cannot list folder ({exc.strerror or exc})")
        return
    for name in names:
        yield from _read_path(path / name, os.path.join(label, name), kind, seen)


def format_of(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name; format is None for an unknown extension.

    A purely numeric suffix (``APW19980213.1320``) is part of a document name, not an extension.
    """
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    if suffix[1:].isdigit():
        suffix = ""
    return _EXTENSIONS.get(suffix), gz


def _open_binary(path: Path, gz: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - caller closes


def read_file(path: str | os.PathLike[str], fmt: str | None = None,
              label: str | None = None) -> Iterator[Item]:
    """One file, format from ``fmt`` or its name; errors while reading end only this file."""
    path = Path(path)
    label = os.fspath(path) if label is None else label
    guessed, gz = format_of(path.name)
    kind = normalize_fmt(fmt) or guessed
    if kind is None:
        ext = path.name[len(path.stem):] or path.name
        yield ReadError(label, None, f"unknown file extension '{ext}'", _FORMAT_HINT)
        return
    try:
        handle = _open_binary(path, gz)
    except OSError as exc:
        yield ReadError(label, None, f"cannot open file ({exc.strerror or exc})")
        return
    with handle:
        yield from _guarded(label, _READERS[kind](label, _decoded(_bounded_lines(handle))), gz)


def _guarded(label: str, items: Iterator[Item], gz: bool = False) -> Iterator[Item]:
    """A reader's records; a failure of the stream under it ends the file with one error."""
    try:
        yield from items
    except LineTooLong as exc:
        yield ReadError(label, exc.line, f"line longer than {MAX_LINE_BYTES >> 20} MiB",
                        "records before it were read; split the input into one record per line")
    except UnicodeDecodeError as exc:
        yield ReadError(label, None, f"invalid {exc.encoding.upper()} ({exc.reason})",
                        "records before this point were read; re-encode the file as UTF-8")
    except (OSError, EOFError, zlib.error) as exc:
        what = "corrupt or truncated gzip file" if gz else "read failed"
        yield ReadError(label, None, f"{what} ({exc})", "records before this point were read")


def read_stdin(fmt: str | None = None, stream: Any = None) -> Iterator[Item]:
    """Standard input (``-``), format sniffed from the first non-blank line unless ``fmt``.

    ``{`` or ``[`` starts JSONL, ``date YYYY-...`` a seed article, a header row with a
    ``text`` column CSV (TSV if tab-separated). Origins read ``<stdin>:LINE`` (a seed
    article, being the whole input, is just ``<stdin>``).
    """
    stream = sys.stdin if stream is None else stream
    source = getattr(stream, "buffer", stream)  # bytes when we can get them, else text
    lines = _decoded(_as_bytes(source))
    head: list[bytes] = []
    try:
        for raw in lines:
            head.append(raw)
            if raw.strip():
                break
    except (LineTooLong, UnicodeDecodeError, OSError) as exc:
        yield ReadError(STDIN_LABEL, None, f"cannot read stdin ({exc})")
        return
    if not head or not head[-1].strip():
        yield ReadError(STDIN_LABEL, None, "no input on stdin")
        return
    if head[0].startswith(b"\x1f\x8b"):
        yield ReadError(STDIN_LABEL, None, "gzip data on stdin",
                        "decompress it first (zcat FILE.gz | ...) or pass the .gz file's path")
        return
    kind = normalize_fmt(fmt) or _sniff(head[-1])
    if kind is None:
        yield ReadError(STDIN_LABEL, len(head), "cannot tell the input format",
                        "pass fmt='seed'|'jsonl'|'csv'|'tsv'")
        return
    yield from _guarded(STDIN_LABEL, _READERS[kind](STDIN_LABEL, itertools.chain(head, lines)))


def _sniff(first: bytes) -> str | None:
    line = first.strip()
    if line[:1] in (b"{", b"["):
        return "jsonl"
    if _SEED_SNIFF.match(line):
        return "seed"
    text = line.decode("utf-8", "replace").lower()
    for kind, sep in (("tsv", "\t"), ("csv", ",")):
        if "text" in (cell.strip().strip('"') for cell in text.split(sep)):
            return kind
    return None


class LineTooLong(ValueError):
    """A line over MAX_LINE_BYTES: reading on would hold an unbounded amount in memory."""

    def __init__(self, line: int | None) -> None:
        super().__init__(f"line {line} is longer than {MAX_LINE_BYTES} bytes")
        self.line = line


def _bounded_lines(handle: IO[bytes], limit: int | None = None) -> Iterator[bytes]:
    """Lines of a binary file, none over ``limit`` bytes (a line with no end is not read whole)."""
    limit = MAX_LINE_BYTES if limit is None else limit
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) > limit:
            raise LineTooLong(number)
        yield raw


def _decoded(lines: Iterable[bytes]) -> Iterator[bytes]:
    """UTF-8 lines: a UTF-8 BOM dropped, UTF-16 (told by its BOM) re-encoded, CR-only ends split.

    A bare CR ends a line as in universal-newline mode; the CR stays on the line, so a CSV
    field quoted across lines keeps it, and line numbers match what an editor shows.
    """
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    it = itertools.chain([] if second is None else [second], it)
    if _is_utf16(first, second):
        it = _from_utf16(first, it)
    else:
        it = itertools.chain([first[len(_BOM):] if first.startswith(_BOM) else first], it)
    for raw in it:
        cr = raw.find(b"\r")
        if cr < 0 or cr == len(raw) - 2 and raw.endswith(b"\r\n"):
            yield raw
        else:
            yield from raw.splitlines(keepends=True)


def _is_utf16(first: bytes, second: bytes | None) -> bool:
    """A UTF-16 BOM that really starts UTF-16 text: its newline is two bytes, 00 0a (big
    endian: the first line ends in them, and so does the next unless it is the last) or 0a 00
    (little endian: the next line starts with the 00). A line of junk that merely begins with those two bytes, in a UTF-8 file, is one
    bad line, not a reason to read the rest as UTF-16 and lose it."""
    if first.startswith(b"\xfe\xff"):
        return not first.endswith(b"\n") or (first.endswith(b"\x00\n") and (
            second is None or second.endswith(b"\x00\n") or not second.endswith(b"\n")))
    if first.startswith(b"\xff\xfe"):
        return not first.endswith(b"\n") or (second is not None and second.startswith(b"\x00"))
    return False


def _from_utf16(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    # the byte lines were cut at 0x0a, which in UTF-16 is half a character: decode the
    # stream incrementally and cut it again at real newlines
    decoder = codecs.getincrementaldecoder("utf-16")()  # the BOM picks the byte order
    pending = ""
    for raw in itertools.chain([first], rest):
        pending += decoder.decode(raw)
        if "\n" in pending:
            *done, pending = pending.split("\n")
            for line in done:
                yield (line + "\n").encode("utf-8")
        if len(pending) > MAX_LINE_BYTES:
            raise LineTooLong(None)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending.encode("utf-8")


def _as_bytes(lines: Iterable[bytes | str]) -> Iterator[bytes]:
    for line in lines:
        yield line if isinstance(line, bytes) else line.encode("utf-8", "surrogateescape")


def _bad_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1  # 1-based, in bytes
    return f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at column {column})"


def _invalid(label: str, line: int | None, exc: ValueError, what: str) -> ReadError:
    reason = str(exc)
    if "date" in reason:
        hint = "give the publication date as YYYY-MM-DD"
    elif "text" in reason:
        hint = f"the article text is required; fix or remove the {what}"
    else:
        hint = f"fix or remove the {what}"
    return ReadError(label, line, reason, hint)


def read_seed(label: str, lines: Iterable[bytes]) -> Iterator[Item]:
    """One article per file: ``date YYYY-MM-DD`` then the text (same line or the next)."""
    chunks: list[bytes] = []
    size = 0
    for raw in lines:
        size += len(raw)
        if size > _SEED_MAX_BYTES:
            yield ReadError(label, None, f"over {_SEED_MAX_BYTES >> 20} MiB for one article",
                            "a seed file holds one article; use JSONL for many")
            return
        chunks.append(raw)
    data = b"".join(chunks)
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadError(label, data.count(b"\n", 0, exc.start) + 1, _bad_utf8(data, exc),
                        "re-encode the file as UTF-8")
        return
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    body = content.lstrip()
    header_line = content[:len(content) - len(body)].count("\n") + 1
    match = _SEED_HEADER.match(body)
    if match is None:
        yield ReadError(label, header_line, "no 'date YYYY-MM-DD' header",
                        "start the file with 'date YYYY-MM-DD', then the article text")
        return
    try:
        published = parse_date(match[1])
    except ValueError as exc:
        yield _invalid(label, header_line, exc, "file")
        return
    try:
        yield make_article(body[match.end():], published, origin=label)
    except ValueError as exc:
        yield _invalid(label, None, exc, "file")


def read_jsonl(label: str, lines: Iterable[bytes]) -> Iterator[Item]:
    """One JSON object per line; each line is decoded on its own so bad bytes stay local."""
    return _jsonl(label, enumerate(lines, 1), first=True)


def _jsonl(label: str, numbered: Iterator[tuple[int, bytes]], first: bool) -> Iterator[Item]:
    quiet = False  # inside what looks like a JSON array: unparsable lines are its parts
    for number, raw in numbered:
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            yield ReadError(label, number, _bad_utf8(raw, exc), "re-encode the line as UTF-8")
            continue
        if not line:
            continue
        if first and line.startswith("["):
            # a JSON array file, or junk before JSONL records: one error for the array, and
            # from here on only lines that are JSON objects of their own are read (the rest
            # of an array is not reported line by line; no JSONL record after junk is lost)
            yield ReadError(label, number, "a JSON array (or a line starting one), not one JSON "
                            "object per line", "convert it to JSONL, e.g. jq -c '.[]' FILE > FILE.jsonl")
            first, quiet = False, True
            continue
        first = False
        if quiet and line.endswith(","):
            line = line[:-1]  # "{...}," inside an array written one object per line: read it
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            if not quiet:
                yield ReadError(label, number, f"malformed JSON ({exc.msg} at column {exc.colno})",
                                "fix or remove the line")
            continue
        except RecursionError:
            yield ReadError(label, number, "malformed JSON (nested too deeply)",
                            "fix or remove the line")
            continue
        if not isinstance(obj, dict):
            if quiet:
                continue
            yield ReadError(label, number, f"expected a JSON object, got {_json_type(obj)}",
                            'write one {"date": ..., "text": ...} object per line')
            continue
        try:
            yield record_to_article(obj, f"{label}:{number}")
        except ValueError as exc:
            yield _invalid(label, number, exc, "line")


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def read_csv(label: str, lines: Iterable[bytes], delimiter: str = ",") -> Iterator[Item]:
    """A header row, then one article per row; quoted fields may hold newlines and quotes.

    Bytes that are not UTF-8 are carried through as surrogates and reported per row, so one
    bad row does not end the file. Line numbers are where the row starts.
    """
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    text_lines = (raw.decode("utf-8", "surrogateescape") for raw in lines)
    reader = csv.reader(text_lines, delimiter=delimiter, strict=True)
    columns = "date (or published), text, and optionally id, title, url, source"
    header: list[str] = []
    try:
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        yield ReadError(label, None, "no header row (the file is empty)",
                        f"the first row must name the columns: {columns}")
        return
    except csv.Error as exc:
        yield ReadError(label, reader.line_num, f"malformed CSV header ({exc})",
                        f"the first row must name the columns: {columns}")
        return
    header_line = reader.line_num
    header = [cell.strip().lower() for cell in header]
    missing = [name for name in ("text", "date") if name not in header
               and not (name == "date" and "published" in header)]
    if missing:
        found = ", ".join(repr(cell) for cell in header)
        yield ReadError(label, header_line,
                        f"the header has no {' or '.join(map(repr, missing))} column "
                        f"(found: {found})",
                        f"the first row must name the columns: {columns}")
        return
    width, text_col = len(header), header.index("text")
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(label, start, f"malformed CSV ({exc})",
                            "quote fields that contain quotes, delimiters or newlines")
            if reader.line_num < start:  # nothing consumed: cannot make progress
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            yield ReadError(label, start, f"row has {len(row)} fields but the header has {width}",
                            "quote fields that contain the delimiter")
            continue
        if len(row) <= text_col:
            yield ReadError(label, start,
                            f"row is missing the 'text' column (has {len(row)} of {width} fields)",
                            "fix or remove the row")
            continue
        try:
            yield record_to_article(dict(zip(header, row, strict=False)), f"{label}:{start}")
        except ValueError as exc:
            yield _invalid(label, start, exc, "row")


def read_tsv(label: str, lines: Iterable[bytes]) -> Iterator[Item]:
    """CSV rules with a tab delimiter."""
    return read_csv(label, lines, delimiter="\t")


_READERS: dict[str, Callable[[str, Iterable[bytes]], Iterator[Item]]] = {
    "seed": read_seed, "jsonl": read_jsonl, "csv": read_csv, "tsv": read_tsv,
}


@dataclass
class ReadStats:
    """Running counts for a caller that wants a summary ("2,450 read, 2 failed")."""

    ok: int = 0
    failed: int = 0

    def tally(self, items: Iterable[Item]) -> Iterator[Item]:
        """Pass items through unchanged, counting them."""
        for item in items:
            if isinstance(item, ReadError):
                self.failed += 1
            else:
                self.ok += 1
            yield item
