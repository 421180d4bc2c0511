"""Write a corpus of hostile inputs for `eventwire ingest`, with what each must produce.

    python scripts/build_hostile_corpus.py OUTDIR

Every file is made here from fixed seeds (no downloads), so the corpus is the same on
every machine. OUTDIR/.manifest.json (hidden, so the readers skip it) lists each kind
of input with the records it must store (by origin, ``FILE`` or ``FILE:LINE``), the
errors it must report (line and a piece of the reason) and the records it must skip
(duplicates). tests/reliability/test_hostile.py runs the real CLI over OUTDIR and checks
every entry; ``--small`` leaves out the multi-megabyte files for quick runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOOD_TEXT = ("Russian forces fired 12 missiles at the Ukrainian city of Kharkiv on Sunday, "
             "Ukraine's air force said.")
DIPLOMACY = "Poland summoned the Belarusian ambassador on Friday over a border incident."


@dataclass
class Kind:
    """One kind of hostile input: its files and what ingesting them must do."""

    name: str
    good: list[str] = field(default_factory=list)  # origins that must be stored
    errors: list[tuple[str, int | None, str]] = field(default_factory=list)  # file, line, reason
    skipped: list[str] = field(default_factory=list)  # origins read but not stored (duplicates)
    maybe: list[str] = field(default_factory=list)  # origins either stored or reported


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.kinds: list[Kind] = []

    def kind(self, name: str) -> Kind:
        k = Kind(name)
        self.kinds.append(k)
        return k

    def write(self, rel: str, data: bytes | str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def manifest(self) -> dict:
        return {"kinds": [k.__dict__ for k in self.kinds]}


def jl(**rec: object) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def build(root: Path, small: bool = False) -> dict:
    rnd = random.Random(20240229)
    c = Corpus(root)

    k = c.kind("binary junk")  # every line starts with 0xff: never UTF-8
    lines = [b"\xff" + bytes(rnd.randrange(128, 256) for _ in range(rnd.randrange(1, 200)))
             for _ in range(20)]
    c.write("junk/binary.jsonl", b"\n".join(lines) + b"\n")
    k.errors += [("junk/binary.jsonl", i, "invalid UTF-8") for i in range(1, 21)]
    c.write("junk/binary.txt", bytes(rnd.randrange(256) for _ in range(4096)))
    k.errors.append(("junk/binary.txt", None, ""))  # either not UTF-8 or no date header
    c.write("junk/random.csv", b"\xfe\xfd" + bytes(rnd.randrange(256) for _ in range(2048)))
    k.errors.append(("junk/random.csv", None, ""))

    k = c.kind("invalid UTF-8 inside good lines")
    data = (jl(id="u1", date="2023-03-01", text=GOOD_TEXT).encode()
            + b'{"id": "u2", "date": "2023-03-01", "text": "caf\xe9 bomb\xc3"}\n'
            + jl(id="u3", date="2023-03-02", text=DIPLOMACY).encode())
    c.write("utf8/mixed.jsonl", data)
    k.good += ["utf8/mixed.jsonl:1", "utf8/mixed.jsonl:3"]
    k.errors.append(("utf8/mixed.jsonl", 2, "invalid UTF-8"))
    csv_bad = ("id,date,text\nc1,2023-03-03," + GOOD_TEXT.replace(",", "") + "\n").encode() \
        + b"c2,2023-03-03,bad \xff byte\n" + ("c3,2023-03-04,\"" + DIPLOMACY + "\"\n").encode()
    c.write("utf8/mixed.csv", csv_bad)
    k.good += ["utf8/mixed.csv:2", "utf8/mixed.csv:4"]
    k.errors.append(("utf8/mixed.csv", 3, "invalid UTF-8"))

    k = c.kind("UTF-16 with BOM")
    c.write("utf16/le.jsonl", "\ufeff".encode("utf-16-le")
            + (jl(id="w1", date="2023-04-01", text=GOOD_TEXT)
               + jl(id="w2", date="2023-04-02", text=DIPLOMACY)).encode("utf-16-le"))
    k.good += ["utf16/le.jsonl:1", "utf16/le.jsonl:2"]
    c.write("utf16/be.txt", ("\ufeffdate 2023-04-03\n" + DIPLOMACY + "\n").encode("utf-16-be"))
    k.good.append("utf16/be.txt")
    c.write("utf16/broken.jsonl", "\ufeff".encode("utf-16-le")
            + jl(id="w3", date="2023-04-04", text=GOOD_TEXT).encode("utf-16-le") + b"\x00\xd8A")
    k.good.append("utf16/broken.jsonl:1")
    k.errors.append(("utf16/broken.jsonl", None, "UTF-16"))

    k = c.kind("empty and whitespace-only")
    c.write("empty/zero.txt", b"")
    k.errors.append(("empty/zero.txt", None, "date"))
    c.write("empty/spaces.txt", " \n\t\n   \n")
    k.errors.append(("empty/spaces.txt", None, "date"))
    c.write("empty/header_only.txt", "date 2023-05-01\n   \n")
    k.errors.append(("empty/header_only.txt", None, "empty text"))
    c.write("empty/texts.jsonl", jl(id="e1", date="2023-05-01", text="")
            + jl(id="e2", date="2023-05-01", text=" \n\t ") + "\n   \n"
            + jl(id="e3", date="2023-05-01", text="\u00a0\u2003"))
    k.errors += [("empty/texts.jsonl", 1, "empty text"), ("empty/texts.jsonl", 2, "empty text"),
                 ("empty/texts.jsonl", 5, "empty text")]
    c.write("empty/zero.jsonl", b"")
    c.write("empty/zero.csv", b"")
    k.errors.append(("empty/zero.csv", None, "no header row"))

    if not small:
        k = c.kind("a 5 MB article")
        para = (GOOD_TEXT + " " + DIPLOMACY + " The talks in Geneva lasted three hours.\n\n")
        body = para * (5_000_000 // len(para) + 1)
        c.write("big/five_mb.txt", "date 2023-06-01\n" + body)
        k.good.append("big/five_mb.txt")

    k = c.kind("a 100,000-character sentence without punctuation")
    words = ["troops", "moved", "toward", "the", "border", "near", "Kharkiv", "and", "officials",
             "said", "talks", "would", "continue", "in", "Geneva", "next", "week"]
    sentence = " ".join(rnd.choice(words) for _ in range(20_000))[:100_000].rstrip() + "x"
    c.write("long/sentence.txt", "date 2023-06-02\n" + sentence + "\n")
    k.good.append("long/sentence.txt")
    c.write("long/word.jsonl", jl(id="lw1", date="2023-06-03", text="a" * 300_000))
    k.good.append("long/word.jsonl:1")

    k = c.kind("HTML pages")
    html = ("<!DOCTYPE html><html><head><title>News</title><script>var x = '<b>';</script>"
            "</head><body><h1>Strike</h1><p>" + GOOD_TEXT + "</p><p>" + DIPLOMACY
            + "</p></body></html>")
    c.write("html/page.html", html)
    k.errors.append(("html/page.html", None, "unknown file extension"))
    c.write("html/page.txt", "date 2023-06-04\n" + html)
    k.good.append("html/page.txt")
    c.write("html/pages.jsonl", jl(id="h1", date="2023-06-05", text=html, title="<i>x</i>"))
    k.good.append("html/pages.jsonl:1")

    k = c.kind("impossible, extreme and missing dates")
    c.write("dates/dates.jsonl", "".join([
        jl(id="d1", date="2022-02-30", text=GOOD_TEXT),
        jl(id="d2", date="0000-00-00", text=GOOD_TEXT),
        jl(id="d3", date="9999-12-31", text="Troops will withdraw tomorrow and next year, "
           "officials said on Monday."),
        jl(id="d4", text=GOOD_TEXT),
        jl(id="d5", date=None, text=GOOD_TEXT),
        jl(id="d6", date="", text=GOOD_TEXT),
        jl(id="d7", date="30/12/2022", text=GOOD_TEXT),
        jl(id="d8", date="0001-01-01", text="The attack happened yesterday, last week and "
           "two years ago."),
        jl(id="d9", date="2022-12-30T25:61:00Z", text=GOOD_TEXT),
        jl(id="d10", date="2022-12-30T23:30:00-05:00", text=GOOD_TEXT),
        jl(id="d11", date="9000-01-01", text=GOOD_TEXT),
        # the ends of the supported range: relative dates reach past the calendar's ends
        jl(id="d12", date="8999-12-31", text="Talks will resume in 2000 years, tomorrow "
           "and next week, officials said on Monday."),
        jl(id="d13", date="1000-01-01", text="The siege ended 1500 years ago, yesterday and "
           "last week, officials said."),
    ]))
    k.errors += [("dates/dates.jsonl", 1, "impossible date"),
                 ("dates/dates.jsonl", 2, "impossible date"),
                 ("dates/dates.jsonl", 4, "missing date"),
                 ("dates/dates.jsonl", 5, "missing date"),
                 ("dates/dates.jsonl", 6, "empty date"),
                 ("dates/dates.jsonl", 7, "unrecognized date"),
                 ("dates/dates.jsonl", 9, "unrecognized timestamp"),
                 ("dates/dates.jsonl", 3, "is outside"),  # 9999-12-31: a placeholder
                 ("dates/dates.jsonl", 8, "is outside"),  # 0001-01-01
                 ("dates/dates.jsonl", 11, "is outside")]
    k.good += ["dates/dates.jsonl:10", "dates/dates.jsonl:12", "dates/dates.jsonl:13"]
    c.write("dates/no_date.txt", GOOD_TEXT + "\n")
    k.errors.append(("dates/no_date.txt", 1, "no 'date YYYY-MM-DD' header"))

    k = c.kind("future publication dates")
    c.write("future/future.jsonl", jl(id="f1", date="2091-07-04", text=GOOD_TEXT)
            + jl(id="f2", date="2100-02-28", text="Talks will resume next Tuesday."))
    k.good += ["future/future.jsonl:1", "future/future.jsonl:2"]

    k = c.kind("non-English text")
    c.write("lang/mixed.jsonl", "".join([
        jl(id="l1", date="2023-07-01", text="Российские войска обстреляли Харьков в воскресенье."),
        jl(id="l2", date="2023-07-01", text="قصفت القوات الروسية مدينة خاركيف يوم الأحد."),
        jl(id="l3", date="2023-07-01", text="俄罗斯军队周日炮击了哈尔科夫市。"),
        jl(id="l4", date="2023-07-01", text="Les forces russes ont bombardé Kharkiv dimanche."),
    ]))
    k.good += [f"lang/mixed.jsonl:{i}" for i in range(1, 5)]

    k = c.kind("JSON with wrong types")
    c.write("types/wrong.jsonl", "".join([
        jl(id="t1", date="2023-07-02", text=12345),
        jl(id="t2", date=20230702, text=GOOD_TEXT),
        jl(id=["t3"], date="2023-07-02", text=GOOD_TEXT),
        jl(id=True, date="2023-07-02", text=GOOD_TEXT),
        jl(id=1.5, date="2023-07-02", text=GOOD_TEXT),
        jl(id="t6", date="2023-07-02", text=GOOD_TEXT, title={"a": 1}),
        jl(id="t7", date="2023-07-02", text=[GOOD_TEXT]),
        json.dumps([1, 2, 3]) + "\n",
        '"just a string"\n',
        "null\n",
        jl(id=987654321, date="2023-07-02", text=DIPLOMACY),
        '{"id": "t12", "date": "2023-07-02", "text": "ok", "id": 1e400}\n',
        '{"id": "t13", "date": NaN, "text": "ok"}\n',
    ]))
    k.errors += [("types/wrong.jsonl", 1, "text must be a string"),
                 ("types/wrong.jsonl", 2, "date must be a string"),
                 ("types/wrong.jsonl", 3, "id must be"),
                 ("types/wrong.jsonl", 4, "id must be"),
                 ("types/wrong.jsonl", 5, "id must be"),
                 ("types/wrong.jsonl", 6, "title must be a string"),
                 ("types/wrong.jsonl", 7, "text must be a string"),
                 ("types/wrong.jsonl", 8, "expected a JSON object"),
                 ("types/wrong.jsonl", 9, "expected a JSON object"),
                 ("types/wrong.jsonl", 10, "expected a JSON object"),
                 ("types/wrong.jsonl", 12, "id must be"),
                 ("types/wrong.jsonl", 13, "date must be a string")]
    k.good.append("types/wrong.jsonl:11")  # a JSON number id is read as the string "987654321"

    k = c.kind("CSV with embedded newlines and quotes")
    c.write("csv/quoted.csv", "".join([
        "id,date,text,title\n",
        'q1,2023-07-03,"' + GOOD_TEXT + '\n\nA second paragraph, with ""quotes"".",T1\n',
        'q2,2023-07-03,"He said ""no"", twice.\r\nThen left.",\n',
        'q3,2023-07-03,unterminated "quote in the middle,x\n',
        'q4,2023-07-03,"' + DIPLOMACY + '",too,many,fields\n',
        "q5,2023-07-03\n",
        'q6,2023-07-04,"' + DIPLOMACY + '",\n',
    ]))
    k.good += ["csv/quoted.csv:2", "csv/quoted.csv:5", "csv/quoted.csv:7", "csv/quoted.csv:10"]
    k.errors += [("csv/quoted.csv", 8, "fields but the header has"),
                 ("csv/quoted.csv", 9, "missing the 'text' column")]
    c.write("csv/tabs.tsv", "date\ttext\n2023-07-05\t" + DIPLOMACY + "\n2023-07-05\n")
    k.good.append("csv/tabs.tsv:2")
    k.errors.append(("csv/tabs.tsv", 3, "missing the 'text' column"))
    c.write("csv/no_text_column.csv", "id,date,body\nx,2023-07-05,hello\n")
    k.errors.append(("csv/no_text_column.csv", 1, "no 'text' column"))

    k = c.kind("NUL bytes")
    c.write("nul/raw.jsonl", b'{"id": "n1", "date": "2023-07-06", "text": "a\x00b"}\n'
            + b"\x00" * 10_000 + b"\n"
            + jl(id="n3", date="2023-07-06", text="Before\u0000after: " + DIPLOMACY).encode())
    k.errors += [("nul/raw.jsonl", 1, "malformed JSON"), ("nul/raw.jsonl", 2, "malformed JSON")]
    k.good.append("nul/raw.jsonl:3")
    c.write("nul/seed.txt", b"date 2023-07-07\n" + GOOD_TEXT.encode() + b"\x00\x00 end.\n")
    k.good.append("nul/seed.txt")

    k = c.kind("deeply nested JSON")
    deep = "[" * 200_000 + "]" * 200_000
    deep_obj = '{"a":' * 100_000 + "1" + "}" * 100_000
    c.write("nested/deep.jsonl", '{"id": "x1", "date": "2023-07-08", "text": "ok"}\n'
            + deep_obj + "\n" + '{"id": "x2", "date": "2023-07-08", "text": "ok", "title": '
            + deep + "}\n" + jl(id="x3", date="2023-07-08", text=DIPLOMACY))
    k.good += ["nested/deep.jsonl:1", "nested/deep.jsonl:4"]
    k.errors += [("nested/deep.jsonl", 2, "nested too deeply"),
                 ("nested/deep.jsonl", 3, "nested too deeply")]
    c.write("nested/array.jsonl", deep + "\n")
    k.errors.append(("nested/array.jsonl", 1, "a JSON array"))

    k = c.kind("symlink loops and dangling links")
    loop = root / "links" / "sub"
    loop.mkdir(parents=True, exist_ok=True)
    c.write("links/sub/article.jsonl", jl(id="s1", date="2023-07-09", text=DIPLOMACY))
    k.good.append("links/sub/article.jsonl:1")
    _symlink("..", loop / "up")  # links/sub/up -> links: a loop
    _symlink("self", root / "links" / "self")  # a link to itself
    k.errors.append(("links/self", None, "cannot read"))
    _symlink("gone.jsonl", root / "links" / "vanished.jsonl")  # deleted after listing
    k.errors.append(("links/vanished.jsonl", None, "no such file"))

    k = c.kind("files that block or vanish while read")
    fifo = root / "special" / "pipe.jsonl"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)  # open() on it would wait forever for a writer
        k.errors.append(("special/pipe.jsonl", None, "not a regular file"))
    c.write("special/after.jsonl", jl(id="p1", date="2023-07-10", text=GOOD_TEXT))
    k.good.append("special/after.jsonl:1")

    k = c.kind("a huge line without a newline")
    if not small:
        c.write("huge/line.jsonl", b'{"id": "hl", "date": "2023-07-11", "text": "'
                + b"x" * (66 << 20) + b'"}')
        k.errors.append(("huge/line.jsonl", 1, "longer than"))
    c.write("huge/last_no_newline.jsonl", jl(id="ln1", date="2023-07-11", text=GOOD_TEXT)
            + jl(id="ln2", date="2023-07-11", text=DIPLOMACY).rstrip("\n"))
    k.good += ["huge/last_no_newline.jsonl:1", "huge/last_no_newline.jsonl:2"]

    k = c.kind("gzip: truncated, zero bytes, not gzip")
    full = gzip.compress("".join(jl(id=f"g{i}", date="2023-07-12", text=f"{DIPLOMACY} Item {i}.")
                                 for i in range(200)).encode(), mtime=0)
    c.write("gz/truncated.jsonl.gz", full[: len(full) // 2])
    k.errors.append(("gz/truncated.jsonl.gz", None, "corrupt or truncated gzip"))
    k.maybe += [f"gz/truncated.jsonl.gz:{i}" for i in range(1, 201)]
    c.write("gz/zero.jsonl.gz", b"")
    c.write("gz/plain.jsonl.gz", jl(id="gp", date="2023-07-12", text=GOOD_TEXT))
    k.errors.append(("gz/plain.jsonl.gz", None, "gzip"))

    k = c.kind("CRLF and CR-only line endings")
    c.write("eol/crlf.jsonl", (jl(id="r1", date="2023-07-13", text=GOOD_TEXT)
                               + jl(id="r2", date="2023-07-13", text=DIPLOMACY)
                               ).replace("\n", "\r\n"))
    k.good += ["eol/crlf.jsonl:1", "eol/crlf.jsonl:2"]
    c.write("eol/cr.jsonl", (jl(id="r3", date="2023-07-14", text=GOOD_TEXT)
                             + jl(id="r4", date="2023-07-14", text=DIPLOMACY)).replace("\n", "\r"))
    k.good += ["eol/cr.jsonl:1", "eol/cr.jsonl:2"]
    c.write("eol/cr.csv", "id,date,text\rr5,2023-07-15,\"" + DIPLOMACY + "\r\rsecond\"\r"
            "r6,2023-07-15,plain text\r")
    k.good += ["eol/cr.csv:2", "eol/cr.csv:5"]
    c.write("eol/cr.txt", "date 2023-07-16\r" + GOOD_TEXT + "\r\r" + DIPLOMACY + "\r")
    k.good.append("eol/cr.txt")

    k = c.kind("very many tiny articles")
    n_tiny = 300 if small else 3000
    c.write("tiny/many.jsonl", "".join(
        jl(date="2023-08-01", text=f"Talks {i % 500}.") for i in range(n_tiny)))
    k.good += [f"tiny/many.jsonl:{i}" for i in range(1, min(n_tiny, 500) + 1)]
    k.skipped += [f"tiny/many.jsonl:{i}" for i in range(501, n_tiny + 1)]  # same text, same id

    k = c.kind("emoji, right-to-left and zero-width characters")
    c.write("chars/odd.jsonl", "".join([
        jl(id="z1", date="2023-08-02", text="🚀🔥 Russia\u200b launched 💥 drones at Kyiv on "
           "Monday 🇺🇦."),
        jl(id="z2", date="2023-08-02", text="\u202eIsrael struck Gaza on Tuesday\u202c, "
           "\u200fofficials said."),
        jl(id="z3", date="2023-08-02", text="\ufeffZero\u200dwidth\u2060joiners and "
           "combining ma\u0301rks in Kyiv."),
        json.dumps({"id": "z4", "date": "2023-08-02", "text": "Lone surrogate \ud800 here."})
        + "\n",  # ASCII JSON: the lone surrogate is written as the escape \\ud800
    ]))
    k.good += ["chars/odd.jsonl:1", "chars/odd.jsonl:2", "chars/odd.jsonl:3"]
    k.errors.append(("chars/odd.jsonl", 4, "lone surrogate"))

    k = c.kind("duplicate ids with different text")
    c.write("dups/dups.jsonl", jl(id="dup", date="2023-08-03", text=GOOD_TEXT)
            + jl(id="dup", date="2023-08-04", text=DIPLOMACY)
            + jl(id="dup2", date="2023-08-03", text=DIPLOMACY))
    k.good += ["dups/dups.jsonl:1", "dups/dups.jsonl:3"]
    k.skipped.append("dups/dups.jsonl:2")

    k = c.kind("markup in file names and text")
    c.write("names/a[/b] [bold]x.jsonl", jl(id="m1", date="2023-08-05",
                                              text="[red]Alarm[/red] [/] " + DIPLOMACY)
            + "{broken\n")
    k.good.append("names/a[/b] [bold]x.jsonl:1")
    k.errors.append(("names/a[/b] [bold]x.jsonl", 2, "malformed JSON"))

    k = c.kind("a JSON array file and a BOM before JSONL")
    c.write("misc/array.json", json.dumps([{"date": "2023-08-06", "text": GOOD_TEXT}]))
    k.errors.append(("misc/array.json", 1, "a JSON array"))
    c.write("misc/bom.jsonl", b"\xef\xbb\xbf" + jl(id="b1", date="2023-08-06",
                                                   text=GOOD_TEXT).encode())
    k.good.append("misc/bom.jsonl:1")
    c.write("misc/notes.pdf", b"%PDF-1.4 junk")
    k.errors.append(("misc/notes.pdf", None, "unknown file extension"))

    k = c.kind("punctuation-only and numbers-only text")
    c.write("punct/p.jsonl", jl(id="pp1", date="2023-08-07", text="!!!! ???? .... ,,,, ;;;;")
            + jl(id="pp2", date="2023-08-07", text=" ".join(str(i) for i in range(5000)))
            + jl(id="pp3", date="2023-08-07", text="\n" * 20_000 + "Kyiv." + "\n" * 20_000))
    k.good += ["punct/p.jsonl:1", "punct/p.jsonl:2", "punct/p.jsonl:3"]

    manifest = c.manifest()
    (root / ".manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                         encoding="utf-8")
    return manifest


def _symlink(target: str, link: Path) -> None:
    with contextlib.suppress(FileExistsError):
        link.symlink_to(target)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--small", action="store_true", help="leave out the multi-megabyte files")
    args = ap.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    manifest = build(args.outdir, small=args.small)
    kinds = manifest["kinds"]
    print(f"{len(kinds)} kinds of hostile input in {args.outdir}: "
          f"{sum(len(k['good']) for k in kinds)} records to store, "
          f"{sum(len(k['errors']) for k in kinds)} errors to report", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
