"""The TimeML reader and TempEval-3 style scorer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventwire.eval.timeml import GoldDoc, Scores, parse_tml, score_doc
from eventwire.model import Timex


def test_parse_tml_keeps_gold_offsets(shared: Path) -> None:
    doc = parse_tml(shared / "eval" / "time" / "timebank" / "ABC19980108.1830.0711.tml")
    assert doc.dct == date(1998, 1, 8)
    assert "<" not in doc.text
    first = doc.timexes[0]
    assert (first.text, first.type, first.value) == ("week", "DURATION", "P1W")
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert all(t.value != "1998-01-08" or t.text != "19980108" for t in doc.timexes)


def test_score_doc_strict_relaxed_and_values() -> None:
    text = "He left last Friday for three days."
    gold = [Timex(8, 19, "last Friday", "DATE", "2022-12-23"),
            Timex(24, 34, "three days", "DURATION", "P3D")]
    doc = GoldDoc("x", date(2022, 12, 30), text, gold)
    system = [Timex(13, 19, "Friday", "DATE", "2022-12-30"),
              Timex(24, 34, "three days", "DURATION", "P3D"),
              Timex(0, 2, "He", "DATE", "PRESENT_REF")]
    scores = Scores()
    score_doc(doc, system, scores)
    s = scores.summary()
    assert (scores.strict, scores.relaxed, scores.value_ok) == (1, 2, 1)
    assert s["relaxed_p"] == 2 / 3 and s["relaxed_r"] == 1.0
    assert abs(s["value_f1"] - 0.5 * s["relaxed_f1"]) < 1e-9


def test_score_doc_pairs_one_to_one() -> None:
    # one system span covering two gold spans matches only one of them
    text = "on Monday and Tuesday"
    gold = [Timex(3, 9, "Monday", "DATE", "2022-12-26"),
            Timex(14, 21, "Tuesday", "DATE", "2022-12-27")]
    doc = GoldDoc("x", date(2022, 12, 30), text, gold)
    scores = Scores()
    score_doc(doc, [Timex(3, 21, "Monday and Tuesday", "DATE", "2022-12-26")], scores)
    assert (scores.relaxed, scores.strict, scores.value_ok) == (1, 0, 1)
    assert scores.prf(scores.relaxed) == (1.0, 0.5, 2 / 3)
