"""A longer fuzz run of the code that meets raw input: the readers, the time tagger, the gazetteer.

    python scripts/fuzz.py --seconds 60                 # each target for 60 s
    python scripts/fuzz.py --engine hypothesis --seconds 30 --target time

With atheris installed (``pip install atheris``) each target runs under libFuzzer with
coverage guidance, in its own process; without it, hypothesis generates the inputs
(rounds of examples until the time is up). Either way the same checks run on each case
(the properties of tests/reliability/test_fuzz.py) and a failing input is saved under
--out. Prints, per target: cases run, failures, seconds; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import date, timedelta
from pathlib import Path

TARGETS = ("readers", "time", "geo")
SUFFIXES = (".jsonl", ".csv", ".tsv", ".txt", ".jsonl.gz")
_WORK = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))


# --- the checks, one input (bytes) at a time ---------------------------------------------

def check_readers(data: bytes) -> None:
    """Any bytes, as any format: only Articles and ReadErrors come out, nothing raises."""
    import gzip

    from eventwire.ingest import ReadError, read
    from eventwire.model import Article

    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    body = data[1:]
    path = _WORK / f"case{suffix}"
    path.write_bytes(gzip.compress(body, mtime=0) if suffix.endswith(".gz") else body)
    for item in read([path]):
        if isinstance(item, ReadError):
            assert item.reason and (item.line is None or item.line >= 1), item
        else:
            assert isinstance(item, Article) and item.text and item.id, item


def check_time(data: bytes) -> None:
    """Text and an anchor (1900-2099): offsets slice the text, values are valid TIMEX3."""
    from eventwire.time import is_valid, tag

    if len(data) < 2:
        return
    anchor = date(1900, 1, 1) + timedelta(days=int.from_bytes(data[:2], "big") % 73049)
    text = data[2:].decode("utf-8", "replace")
    found = tag(text, anchor)
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text, t
        assert is_valid(t.value), t
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start, (a, b)


def check_geo(data: bytes) -> None:
    """Any name: lookup answers a list; resolve answers one place or None per span."""
    from eventwire.geo import lookup
    from eventwire.geo.resolver import resolve

    text = data.decode("utf-8", "replace")
    for flags in ({}, {"qualifier": True}, {"demonym": True}):
        assert isinstance(lookup(text[:60], **flags), list)
    n = len(text)
    spans = [(min(b, n), min(b + 1 + (b % 12), n)) for b in data[:6]]
    assert len(resolve(text, spans)) == len(spans)


CHECKS = {"readers": check_readers, "time": check_time, "geo": check_geo}

# inputs to start from, so the fuzzer begins inside each grammar
SEEDS = {
    "readers": [b"\x00" + b'{"id": "a", "date": "2022-12-30", "text": "Russia attacked."}\n',
                b"\x01id,date,text\na,2022-12-30,\"Kyiv, \"\"quoted\"\"\"\n",
                b"\x03date 2022-12-30\nRussia attacked Ukraine on Friday.\n"],
    "time": [b"\x9c\x40On Friday, two days ago, in March 2022 and next week at 10:30 p.m."],
    "geo": [b"Kyiv", b"Springfield, Mass.", b"the Donetsk region"],
}


# --- engines ------------------------------------------------------------------------

class Tally:
    def __init__(self, target: str, out: Path) -> None:
        self.target, self.out = target, out
        self.cases = self.failures = 0

    def run(self, data: bytes) -> None:
        self.cases += 1
        try:
            CHECKS[self.target](data)
        except Exception:  # noqa: BLE001 - every failure is recorded, the run goes on
            self.failures += 1
            if self.failures <= 20:
                self.out.mkdir(parents=True, exist_ok=True)
                name = f"{self.target}-{self.failures:02d}"
                (self.out / f"{name}.bin").write_bytes(data)
                (self.out / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")


def run_hypothesis(target: str, seconds: float, out: Path) -> dict:
    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    tally = Tally(target, out)
    for data in SEEDS[target]:
        tally.run(data)
    started = time.monotonic()
    strategy = st.one_of(st.binary(max_size=3000),
                         st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
                         st.sampled_from(SEEDS[target]).flatmap(
                             lambda s: st.binary(max_size=40).map(lambda b, s=s: s[:20] + b + s[20:])))
    round_no = 0
    while time.monotonic() - started < seconds:
        round_no += 1

        @seed(round_no)
        @settings(max_examples=500, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def one(data: bytes) -> None:
            if time.monotonic() - started < seconds:
                tally.run(data)

        one()
    return {"target": target, "engine": "hypothesis", "cases": tally.cases,
            "failures": tally.failures, "seconds": round(time.monotonic() - started, 1)}


def run_atheris_child(target: str, seconds: float, out: Path) -> None:
    """In a child process: libFuzzer drives CHECKS[target]; totals go to stdout at exit."""
    import atheris

    with atheris.instrument_imports(include=["eventwire"]):
        import eventwire.geo  # noqa: F401
        import eventwire.ingest  # noqa: F401
        import eventwire.time  # noqa: F401
    tally = Tally(target, out)
    corpus = Path(tempfile.mkdtemp(prefix=f"eventwire-fuzz-{target}-"))
    for i, data in enumerate(SEEDS[target]):
        (corpus / f"seed{i}").write_bytes(data)
    count = Path(os.environ["EVENTWIRE_FUZZ_COUNT"])
    run = tally.run

    def counted(data: bytes) -> None:  # libFuzzer exits without atexit: count as we go
        before = tally.failures
        run(data)
        if tally.failures != before:
            count.write_text(str(tally.failures))

    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", "-max_len=4096",
                   "-print_final_stats=0", "-close_fd_mask=0", str(corpus)], counted)
    atheris.Fuzz()


def run_atheris(target: str, seconds: float, out: Path) -> dict:
    count = _WORK / f"{target}.failures"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, __file__, "--child", "--target", target,
                           "--seconds", str(seconds), "--out", str(out)],
                          capture_output=True, text=True, timeout=seconds + 600,
                          env={**os.environ, "EVENTWIRE_FUZZ_COUNT": str(count)})
    runs = re.findall(r"Done (\d+) runs", proc.stderr)
    res = {"target": target, "engine": "atheris", "cases": int(runs[-1]) if runs else 0,
           "failures": int(count.read_text()) if count.exists() else 0,
           "seconds": round(time.monotonic() - started, 1)}
    if proc.returncode != 0 or not runs:  # a crash or hang libFuzzer caught itself
        res["failures"] = max(res["failures"], 1)
        res["note"] = f"the fuzzer stopped (exit {proc.returncode}): {proc.stderr[-400:]}"
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="per target")
    ap.add_argument("--target", choices=TARGETS, action="append")
    ap.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                    help="where failing inputs and their tracebacks are saved")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    targets = args.target or list(TARGETS)
    if args.child:
        run_atheris_child(targets[0], args.seconds, args.out)
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    results = []
    for target in targets:
        res = (run_atheris if engine == "atheris" else run_hypothesis)(target, args.seconds,
                                                                        args.out)
        results.append(res)
        print(f"{res['target']:8} {res['engine']:10} {res['cases']:>9,} cases "
              f"{res['failures']:>4} failures {res['seconds']:>7.1f} s"
              + (f"  ({res['note']})" if res.get("note") else ""), flush=True)
    total = sum(r["cases"] for r in results)
    failed = sum(max(r["failures"], 0) for r in results)
    print(f"total    {engine:10} {total:>9,} cases {failed:>4} failures"
          + (f"; failing inputs in {args.out}" if failed else ""))
    return 1 if failed or any(r["failures"] < 0 for r in results) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
