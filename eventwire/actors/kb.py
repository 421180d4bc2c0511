"""The actor knowledge base: loading the packaged table and normalizing keys.

The table (``eventwire/data/actors.json``) is built offline by
``scripts/build_actors.py``; the build and the resolver share :func:`norm`
so that keys written at build time are the keys looked up at run time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Strip accents, unify apostrophes, drop dots, hyphens to spaces; keep case."""
    plain = text.translate(_APOSTROPHES)
    if not plain.isascii():  # most news text is ASCII: nothing to decompose
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace(".", "").replace("-", " ").replace("\u2013", " ")
    return _SPACES.sub(" ", plain).strip()


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """The lookup key of a surface form: folded and lower-cased."""
    return fold(text).lower()


def case_matches(surface: str, form: str) -> bool:
    """True when ``surface`` has the capitals ``form`` requires ("US" not "us").

    Words written in lower case in ``form`` (function words such as "the")
    match in any case, so "The West" matches the form "the West"; an all-caps surface
    of four letters or more (datelines, headlines) matches a mixed-case form.
    """
    got, want = fold(surface).split(), fold(form).split()
    if len(got) != len(want):
        return False
    letters = "".join(got)
    if letters.isupper() and len(letters) >= 4 and not "".join(want).isupper():
        return [g.lower() for g in got] == [w.lower() for w in want]  # "CANBERRA" datelines
    return all(
        g.lower() == w if w.islower() else g == w for g, w in zip(got, want, strict=True)
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A country, capital, seat of government, IGO or group, as named in text."""

    country: str
    sector: str | None
    name: str
    kind: str  # country | capital | seat | igo | group
    case_form: str  # non-empty: the surface must match one of these "|"-separated forms


@dataclass(frozen=True, slots=True)
class Term:
    country: str
    sector: str | None
    start: str  # YYYYMMDD or "" (open)
    end: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class KB:
    entities: dict[str, Entity]
    sectors: dict[str, tuple[str, bool]]  # key -> (sector, weak)
    people: tuple[Person, ...]
    person_aliases: dict[str, tuple[int, ...]]
    max_words: int
    starts: dict[str, int]  # first_word() of a key -> most words such a key has
    # (first letter, surname's first three letters) -> full-name keys, for misspellings
    fuzzy_names: dict[tuple[str, str], tuple[str, ...]]


def first_word(key: str) -> str:
    """The part of a key's first word before any apostrophe ("kyiv's" -> "kyiv")."""
    head = key.split(" ", 1)[0]
    return head.split("'", 1)[0]


def _entity(row: list[Any]) -> Entity:
    country, sector, name, kind, case_form = row
    return Entity(country, sector or None, name, kind, case_form)


def _term(text: str) -> Term:
    country, sector, start, end = (None if x == "-" else x for x in text.split(" "))
    return Term(country or "", sector, start or "", end or "")


@lru_cache(maxsize=1)
def load() -> KB:
    """Read the packaged table once per process."""
    raw = json.loads(
        resources.files("eventwire").joinpath("data/actors.json").read_text(encoding="utf-8")
    )
    entities = {key: _entity(row) for key, row in raw["entities"].items()}
    sectors = {key: (row[0], bool(row[1])) for key, row in raw["sectors"].items()}
    people: list[Person] = []
    aliases: dict[str, list[int]] = {}
    for idx, (name, extra, terms) in enumerate(raw["people"]):
        people.append(Person(name, tuple(_term(t) for t in terms.split("|"))))
        for key in (norm(name), *extra):
            aliases.setdefault(key, []).append(idx)
    frozen = {key: tuple(ids) for key, ids in aliases.items()}
    longest = max(len(k.split()) for k in (*entities, *sectors, *frozen))
    starts: dict[str, int] = {}
    for k in (*entities, *sectors, *frozen):
        fw = first_word(k)
        starts[fw] = max(starts.get(fw, 0), len(k.split()))
    fuzzy: dict[tuple[str, str], list[str]] = {}
    for k in frozen:
        words = k.split()
        if len(words) >= 2 and len(k) >= 8:
            fuzzy.setdefault((words[0][:1], words[-1][:3]), []).append(k)
    return KB(entities, sectors, tuple(people), frozen, longest, starts,
              {key: tuple(keys) for key, keys in fuzzy.items()})
