"""The offline gazetteer: GeoNames-derived places and the names they go by.

The data file is built by ``scripts/build_gazetteer.py`` (provenance in
``eventwire/data/gazetteer.SOURCES.md``) and read once per process, so every
stage can ask for candidates without touching the network or ``../shared``.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.geo.store import FEATURES, NO_COORD, read_store

DATA_FILE = "gazetteer.bin"
# A gazetteer written by ``eventwire.geo.importer`` (a full GeoNames dump) replaces the
# packaged one when this variable names its file.
ENV_PATH = "EVENTWIRE_GAZETTEER"
MEMO_SIZE = 50_000  # memoized lookups kept before the memo starts over

# Name kinds stored in the names table (see scripts/build_gazetteer.py).
PRIMARY = 0  # the place's own name, official or short country name
ALTERNATE = 1  # a GeoNames alternate name (exonym, old spelling ...)
PREFERRED = 2  # hand-listed common English usage, the reading a newsroom means
QUALIFIER = 3  # only valid after a comma, as in "Alexandria, La."
POSTAL = 4  # a state's postal code: a qualifier only when written in capitals ("Paris, TX")
DEMONYM = 5  # "Georgian": names people, returned only when a caller asks (a gold span says so)

__all__ = ["ALTERNATE", "DEMONYM", "FEATURES", "POSTAL", "PREFERRED", "PRIMARY", "QUALIFIER",
           "Candidate", "Gazetteer", "fold", "load", "lookup", "normalize"]

FEATURE_PRIOR: dict[str, float] = {"continent": 4.5, "country": 4.0, "admin1": 2.0,
                                   "admin2": 0.0, "city": 0.0, "region": 1.0}
KIND_BONUS: dict[int, float] = {
    PRIMARY: 0.0, ALTERNATE: -1.5, PREFERRED: 5.0, QUALIFIER: 0.0, POSTAL: 0.0, DEMONYM: 0.0,
}

_ABBREV_FIRST = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_DROP = re.compile(r"[.\u2019'`\u00b4]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015_/,]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a name, with the score lookup ranked it by."""

    geonameid: int
    name: str
    feature: str
    population: int
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    kind: int
    score: float


def fold(text: str) -> str:
    """Strip accents so "Kyïv" and "Kyiv" meet; non-Latin letters survive (and are rejected later)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(name: str) -> str:
    """The key names are matched on: case, accents, periods, hyphens and a leading "the" removed."""
    text = fold(name).lower().replace("&", " and ")
    text = _DROP.sub("", text)
    text = _SPACE.sub(" ", text)
    text = _NON_WORD.sub("", text).strip()
    text = re.sub(r" +", " ", text)
    if text.startswith("the "):
        text = text[4:]
    first, _, rest = text.partition(" ")
    if rest and first in _ABBREV_FIRST:
        text = f"{_ABBREV_FIRST[first]} {rest}"
    return text


class Gazetteer:
    """Places by geonameid and a normalized-name index onto them (columns, not objects)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.meta: dict[str, Any] = data.get("meta", {})
        self._gid = data["gid"]
        self._features, self._feature = data["features"], data["feature"]
        self._pop = data["population"]
        self._countries, self._country = data["countries"], data["country"]
        self._lat, self._lon = data["lat"], data["lon"]
        self._name = data["name"]
        self._admin1, self._admin2 = data["admin1"], data["admin2"]
        self._row: dict[int, int] | None = None
        # sorted keys searched by bisection: no 450k-entry dict to build at load time
        self._keys: list[str] = data["keys"][:len(data["post_off"]) - 1]
        self._off, self._post = data["post_off"], data["postings"]
        self._memo: dict[tuple[str, bool, bool], tuple[Candidate, ...]] = {}

    def __len__(self) -> int:
        return len(self._gid)

    def _rows(self) -> dict[int, int]:
        if self._row is None:  # built on first use: lookups by name never need it
            self._row = {gid: i for i, gid in enumerate(self._gid)}
        return self._row

    def __contains__(self, geonameid: object) -> bool:
        return geonameid in self._rows()

    def _key_index(self, norm: str) -> int | None:
        k = bisect_left(self._keys, norm)
        return k if k < len(self._keys) and self._keys[k] == norm else None

    def has_name(self, norm: str) -> bool:
        return self._key_index(norm) is not None

    def _entries(self, norm: str) -> list[tuple[int, int]]:
        k = self._key_index(norm)
        if k is None:
            return []
        return [(p >> 3, p & 7) for p in self._post[self._off[k]:self._off[k + 1]]]

    def entries(self, norm: str) -> list[tuple[int, int]]:
        """(geonameid, name kind) pairs stored under a normalized name."""
        return [(self._gid[row], kind) for row, kind in self._entries(norm)]

    def _candidate(self, i: int, kind: int) -> Candidate:
        feature = self._features[self._feature[i]]
        pop = self._pop[i]
        score = FEATURE_PRIOR.get(feature, 0.0) + math.log10(pop + 1) + KIND_BONUS[kind]
        lat, lon = self._lat[i], self._lon[i]
        return Candidate(
            geonameid=self._gid[i], name=self._name[i], feature=feature, population=pop,
            country=self._countries[self._country[i]], admin1=self._admin1[i] or None,
            admin2=self._admin2[i] or None,
            lat=None if lat == NO_COORD else lat / 10_000,
            lon=None if lon == NO_COORD else lon / 10_000,
            kind=kind, score=round(score, 3),
        )

    def place(self, geonameid: int, kind: int = PRIMARY) -> Candidate:
        """The place with this id as a candidate, scored without context."""
        return self._candidate(self._rows()[geonameid], kind)

    def lookup(self, name: str, qualifier: bool = False, demonym: bool = False
               ) -> list[Candidate]:
        """Candidates for a surface name, best first; qualifier-only names need
        ``qualifier``, demonyms ("Georgian") need ``demonym``. Answers are memoized (news
        repeats its names); the list returned is the caller's to change."""
        memo_key = (name, qualifier, demonym)
        hit = self._memo.get(memo_key)
        if hit is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[memo_key] = self._lookup(name, qualifier, demonym)
        return list(hit)

    def clear_memo(self) -> None:
        """Forget memoized lookups (benchmarks measure cold lookups this way)."""
        self._memo.clear()

    def _lookup(self, name: str, qualifier: bool, demonym: bool) -> tuple[Candidate, ...]:
        best: dict[int, Candidate] = {}
        capitals = name.replace(".", "").isupper()
        for row, kind in self._entries(normalize(name)):
            if (kind == QUALIFIER and not qualifier) or (
                    kind == POSTAL and not (qualifier and capitals)) or (
                    kind == DEMONYM and not demonym):
                continue  # "Ms." is no Mississippi, "La." only after a comma
            cand = self._candidate(row, kind)
            if row not in best or cand.score > best[row].score:
                best[row] = cand
        return tuple(sorted(best.values(), key=lambda c: (-c.score, c.geonameid)))


def open_gazetteer(path: Path) -> Gazetteer:
    """A gazetteer from a file written by ``eventwire.geo.store.write_store``."""
    return Gazetteer(read_store(Path(path).read_bytes()))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the gazetteer once per process: $EVENTWIRE_GAZETTEER if set, else the packaged one."""
    custom = os.environ.get(ENV_PATH)
    if custom:
        return open_gazetteer(Path(custom))
    ref = resources.files("eventwire") / "data" / DATA_FILE
    return Gazetteer(read_store(ref.read_bytes()))


def lookup(name: str, qualifier: bool = False, demonym: bool = False) -> list[Candidate]:
    """Candidates for ``name`` from the gazetteer in use, best first."""
    return load().lookup(name, qualifier=qualifier, demonym=demonym)
