"""The offline gazetteer: GeoNames-derived places and the names they go by.

The data file is built by ``scripts/build_gazetteer.py`` (provenance in
``eventwire/data/gazetteer.SOURCES.md``) and read once per process, so every
stage can ask for candidates without touching the network or ``../shared``.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_FILE = "gazetteer.json.gz"

# Name kinds stored in the names table (see scripts/build_gazetteer.py).
PRIMARY = 0  # the place's own name, official or short country name
ALTERNATE = 1  # a GeoNames alternate name (exonym, old spelling ...)
PREFERRED = 2  # hand-listed common English usage, the reading a newsroom means
QUALIFIER = 3  # only valid after a comma, as in "Alexandria, La."
POSTAL = 4  # a state's postal code: a qualifier only when written in capitals ("Paris, TX")

FEATURE_PRIOR: dict[str, float] = {"continent": 4.5, "country": 4.0, "admin1": 2.0, "city": 0.0}
KIND_BONUS: dict[int, float] = {
    PRIMARY: 0.0, ALTERNATE: -1.5, PREFERRED: 5.0, QUALIFIER: 0.0, POSTAL: 0.0,
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
    """Places by geonameid and a normalized-name index onto them."""

    def __init__(self, data: dict[str, Any]) -> None:
        cols = data["places"]
        self.meta: dict[str, Any] = data.get("meta", {})
        self._row: dict[int, int] = {gid: i for i, gid in enumerate(cols["geonameid"])}
        self._cols = cols
        self._names: dict[str, str] = data["names"]  # norm -> "gid:kind,gid:kind"

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, geonameid: object) -> bool:
        return geonameid in self._row

    def has_name(self, norm: str) -> bool:
        return norm in self._names

    def entries(self, norm: str) -> list[tuple[int, int]]:
        """(geonameid, name kind) pairs stored under a normalized name."""
        packed = self._names.get(norm)
        if not packed:
            return []
        out = []
        for item in packed.split(","):
            gid, _, kind = item.partition(":")
            out.append((int(gid), int(kind)))
        return out

    def place(self, geonameid: int, kind: int = PRIMARY) -> Candidate:
        """The place with this id as a candidate, scored without context."""
        i = self._row[geonameid]
        c = self._cols
        feature = c["feature"][i]
        pop = c["population"][i]
        score = FEATURE_PRIOR.get(feature, 0.0) + math.log10(pop + 1) + KIND_BONUS[kind]
        return Candidate(
            geonameid=geonameid, name=c["name"][i], feature=feature, population=pop,
            country=c["country"][i], admin1=c["admin1"][i], lat=c["lat"][i], lon=c["lon"][i],
            kind=kind, score=round(score, 3),
        )

    def lookup(self, name: str, qualifier: bool = False) -> list[Candidate]:
        """Candidates for a surface name, best first; qualifier-only names need ``qualifier``."""
        best: dict[int, Candidate] = {}
        capitals = name.replace(".", "").isupper()
        for gid, kind in self.entries(normalize(name)):
            if (kind == QUALIFIER and not qualifier) or (
                    kind == POSTAL and not (qualifier and capitals)):
                continue  # "Ms." is no Mississippi, "La." only after a comma
            cand = self.place(gid, kind)
            if gid not in best or cand.score > best[gid].score:
                best[gid] = cand
        return sorted(best.values(), key=lambda c: (-c.score, c.geonameid))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the packaged gazetteer once per process."""
    ref = resources.files("eventwire") / "data" / DATA_FILE
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return Gazetteer(json.load(fh))


def lookup(name: str, qualifier: bool = False) -> list[Candidate]:
    """Candidates for ``name`` from the packaged gazetteer, best first."""
    return load().lookup(name, qualifier=qualifier)
