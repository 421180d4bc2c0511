"""Counts attached to an event's participants: "16 "kamikaze" drones", "more than 120 missiles"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Quantity
from eventwire.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Token

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "dozens": 24, "hundreds": 200,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def number_value(words: list[str]) -> float | int | None:
    """Value of a numeral written in digits or words ("16", "1,200", "three thousand")."""
    total: float = 0
    current: float = 0
    seen = False
    for w in (w.lower().replace(",", "") for w in words):
        if w in ("and", "-", "a"):
            continue
        try:
            current += float(w)
            seen = True
            continue
        except ValueError:
            pass
        if w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        elif w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
            seen = True
        else:
            return None
    if not seen:
        return None
    value = total + current
    return int(value) if float(value).is_integer() else value


def quantity_of(noun: Token) -> Quantity | None:
    """The count a noun carries (nummod child), with the counted noun's lemma as unit."""
    nums = [c for c in noun.children if c.dep_ == "nummod" and c.like_num]
    if not nums and noun.pos_ == "NUM" and noun.like_num:
        value = number_value([noun.text])
        if value is None:
            return None
        return Quantity(value=value, unit=None, text=noun.text, start=noun.idx,
                        end=noun.idx + len(noun.text))
    if not nums:
        return None
    num = nums[0]
    words = [t for t in num.subtree if t.like_num or t.lower_ in ("and", "-")]
    value = number_value([t.text for t in words]) if words else None
    if value is None:
        return None
    first = min(t.i for t in num.subtree)
    doc = noun.doc
    start = doc[first].idx
    end = noun.idx + len(noun.text)
    return Quantity(value=value, unit=noun.lemma_.lower(), text=text_of(doc)[start:end],
                    start=start, end=end)


def quantities(nouns: list[Token]) -> list[Quantity]:
    """Counts of the given participant nouns and their conjuncts ("54 missiles and 11 drones")."""
    out: list[Quantity] = []
    seen: set[int] = set()
    for noun in nouns:
        for n in (noun, *noun.conjuncts):
            if n.i in seen:
                continue
            seen.add(n.i)
            q = quantity_of(n)
            if q is not None:
                out.append(q)
    return out
