"""Score ``eventwire.time.tag`` against TimeML gold (TimeBank), TempEval-3 style.

Extent: strict (same offsets) and relaxed (overlap) precision/recall/F1 over one-to-one
matches. Attributes (type, value): accuracy over the relaxed matches times relaxed F1, as
TempEval-3 reports them. The document creation time is the TIMEX3 whose
``functionInDocument`` is ``CREATION_TIME``; it anchors the tagger and is not scored.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.model import Timex
from eventwire.time import tag

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass(slots=True)
class GoldDoc:
    """A TimeML document as plain text with its gold TIMEX3 spans."""

    name: str
    dct: date
    text: str
    timexes: list[Timex]


@dataclass(slots=True)
class Scores:
    """Counts that add up across documents; ratios are derived."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def summary(self) -> dict[str, float]:
        sp, sr, sf = self.prf(self.strict)
        rp, rr, rf = self.prf(self.relaxed)
        acc_t = self.type_ok / self.relaxed if self.relaxed else 0.0
        acc_v = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": sf,
                "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "type_f1": acc_t * rf, "value_f1": acc_v * rf,
                "type_accuracy": acc_t, "value_accuracy": acc_v,
                "gold": self.gold, "system": self.system}


def parse_tml(path: str | Path) -> GoldDoc:
    """Strip the TimeML tags from the TEXT element, keeping gold offsets into the plain text."""
    raw = Path(path).read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    dct_value = dict(_ATTR.findall(dct_m.group()))["value"]
    body_start = raw.index("<TEXT>") + len("<TEXT>")
    body = raw[body_start:raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, at = open_timex.pop()
            if at.get("functionInDocument") == "CREATION_TIME":
                continue
            timexes.append(Timex(start, length, "", at.get("type", ""), at.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: t.start)
    return GoldDoc(Path(path).stem, date.fromisoformat(dct_value[:10]), text, timexes)


def score_doc(doc: GoldDoc, system: list[Timex], scores: Scores) -> None:
    """Add one document's matches to ``scores`` (greedy one-to-one by overlap)."""
    scores.gold += len(doc.timexes)
    scores.system += len(system)
    used: set[int] = set()
    for g in doc.timexes:
        best, best_overlap = None, 0
        for i, s in enumerate(system):
            if i in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            scores.errors.append(("missed", doc.name, g.text, g.value))
            continue
        used.add(best)
        s = system[best]
        scores.relaxed += 1
        scores.strict += (s.start, s.end) == (g.start, g.end)
        scores.type_ok += s.type == g.type
        if s.value == g.value:
            scores.value_ok += 1
        else:
            scores.errors.append(("value", doc.name, f"{s.text} -> {s.value}", f"{g.text} = {g.value}"))
    for i, s in enumerate(system):
        if i not in used:
            scores.errors.append(("spurious", doc.name, s.text, s.value))


def evaluate(paths: Iterable[str | Path]) -> Scores:
    """Run the tagger over TimeML files and accumulate TempEval-3 counts."""
    scores = Scores()
    for path in paths:
        doc = parse_tml(path)
        score_doc(doc, tag(doc.text, doc.dct), scores)
    return scores


def run_eval(folder: str | Path) -> dict[str, float | int]:
    """TempEval-3 Task A figures over every .tml file in a folder (DCT excluded)."""
    files = sorted(Path(folder).glob("*.tml"))
    if not files:
        raise ValueError(f"no .tml files in {folder}")
    summary: dict[str, float | int] = {"documents": len(files)}
    summary.update(evaluate(files).summary())
    return summary


def run_bench(folder: str | Path, repeat: int = 3) -> dict[str, float | int]:
    """Documents per second of tag() alone on the TimeML texts (best of ``repeat`` passes)."""
    import time

    docs = [parse_tml(p) for p in sorted(Path(folder).glob("*.tml"))]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            tag(d.text, d.dct)
        best = min(best, time.perf_counter() - t0)
    chars = sum(len(d.text) for d in docs)
    return {"documents": len(docs), "seconds": round(best, 3),
            "docs_per_s": round(len(docs) / best, 1), "chars_per_s": round(chars / best)}


def main(folder: str) -> None:
    """``python -m eventwire.eval.timeml FOLDER``: print the scores and the first errors."""
    scores = evaluate(sorted(Path(folder).glob("*.tml")))
    for key, val in scores.summary().items():
        print(f"{key:16s} {val:.3f}" if isinstance(val, float) else f"{key:16s} {val}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1])
