"""Toponym resolution: which place a name in this document means.

Works on text and spans alone, so gold spans can be resolved without parsing. Each
distinct name gets one reading per document. A reading is scored by its prior (feature
kind, population, how the name matched) plus its coherence with the readings of the
document's other names: same country, same first- and second-level subdivision, and
nearness. Coherence is computed twice: first against the other names' prior readings, then
against the readings that first round chose, each other name weighted by how sure its own
reading is. An explicit ", State" or ", Country" qualifier narrows a name's candidates and
fixes its reading for the document. A span that names no place but a people ("Georgian")
resolves to the people's country: the caller said it is a toponym. Nothing falls back to a
dateline or a capital.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from eventwire.geo.gazetteer import ALTERNATE, DEMONYM, Candidate, Gazetteer, load, normalize
from eventwire.model import Place

# Words tried off a span that does not resolve as a whole ("southern Ukraine",
# "Kyiv region"); county/parish are kept because they name a different place.
EDGE_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "greater",
    "downtown", "region", "province", "oblast", "city", "state", "area", "metro",
}
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w.]*)(?:[ \t]+[A-Z][\w.]*){0,2})")

# Coherence weights (score units are log10 population): another name read in the same
# country, the same state/province, the same county, or within NEAR_KM.
W_COUNTRY = 1.5
W_ADMIN1 = 2.0
W_ADMIN2 = 1.0
W_NEAR = 1.0
NEAR_KM = 80.0
# A state or province the document's towns lie in, over a town of the same name there.
W_CONTAINS = 1.0
# Support adds up over the other names (three towns in Texas say more than one), up to this.
MAX_SUPPORT = 3.0
# How much more than its best rival (another country or state) a reading must score to
# count fully as evidence for the others; less sure readings count in proportion.
SURE_MARGIN = 2.0
# An administrative unit named like a town inside it ("Alexandria" governorate, "Paris"
# department), or called by one of its other names after a town of its country ("Moscow"
# oblast), ranks just below that town unless the document's context lifts it.
NAMESAKE_GAP = 0.5
# Local support: another name that has *some* reading in the same county or within
# NEAR_KM lends up to W_LOCAL, less LOCAL_COST per unit of prior that reading gives up
# against that name's best one ("Paris" and "Henry County" together are Paris, Tennessee).
W_LOCAL = 2.5
LOCAL_COST = 0.4
# Only the best few candidates by prior are weighed in context ("Springfield" has dozens).
MAX_CANDIDATES = 25


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    key: str
    candidates: list[Candidate]
    qualified: bool = False


@dataclass(slots=True)
class _Reading:
    """One name's current reading and how sure it is (0..1)."""

    cand: Candidate
    sure: float
    points: list[tuple[float, float]] = field(default_factory=list)


def surface(text: str) -> str:
    """The name as looked up: possessive "'s" and surrounding punctuation removed."""
    return _POSSESSIVE.sub("", text.strip()).strip(" ,;:\"'()")


def candidates(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Candidates for a span, trying it whole first and then without edge words."""
    name = surface(text)
    found = gaz.lookup(name)
    if found:
        return found
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in EDGE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in EDGE_WORDS:
        words = words[:-1]
    trimmed = " ".join(words)
    return gaz.lookup(trimmed) if trimmed != name else []


def qualifier_after(gaz: Gazetteer, text: str, end: int) -> Candidate | None:
    """The state or country named right after a comma ("Paris, Texas"; "Alexandria, La.")."""
    m = QUALIFIER.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        for cand in gaz.lookup(" ".join(words[:n]), qualifier=True):
            if cand.feature in ("admin1", "country"):
                return cand
    return None


def _as_qualifier(gaz: Gazetteer, text: str, start: int, span: str) -> list[Candidate]:
    """A span right after "Town, " read as a state/country first ("La." is Louisiana there)."""
    if not text[:start].rstrip().endswith(","):
        return []
    return [c for c in gaz.lookup(surface(span), qualifier=True)
            if c.feature in ("admin1", "country")]


def _inside(cand: Candidate, qual: Candidate) -> bool:
    if cand.geonameid == qual.geonameid or cand.country != qual.country:
        return False
    return qual.feature != "admin1" or cand.admin1 == qual.admin1


def _namesakes(cands: list[Candidate]) -> list[Candidate]:
    """Rank a unit named like a town inside it just below that town."""
    towns = [c for c in cands if c.feature == "city" and c.kind != ALTERNATE]
    if not towns:
        return cands
    out = []
    for c in cands:
        if c.feature in ("admin1", "admin2"):
            inner = [t.score for t in towns if t.country == c.country and (
                     c.kind == ALTERNATE or (t.admin1 == c.admin1 and (
                         c.feature == "admin1" or t.admin2 == c.admin2)))]
            if inner and c.score >= max(inner):
                c = replace(c, score=max(inner) - NAMESAKE_GAP)
        out.append(c)
    return sorted(out, key=lambda c: (-c.score, c.geonameid))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: close enough at the scale of "near", and cheap."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _sureness(cands: list[Candidate], best: Candidate, best_score: float,
              scores: dict[int, float]) -> float:
    rival = max((scores[c.geonameid] for c in cands if c.country != best.country
                 or (c.admin1 != best.admin1 and c.feature != "country"
                     and best.feature != "country")), default=None)
    if rival is None:
        return 1.0
    return max(0.0, min(1.0, (best_score - rival) / SURE_MARGIN))


class _Evidence:
    """What the other names' readings say: weights per country, state, county, points."""

    def __init__(self) -> None:
        self.country: dict[str, float] = {}
        self.admin1: dict[tuple, float] = {}
        self.admin2: dict[tuple, float] = {}
        self.points: list[tuple[float, float, float]] = []
        self.towns: dict[tuple, float] = {}  # towns and counties read in each state

    def add(self, r: _Reading) -> None:
        c, w = r.cand, r.sure
        if w <= 0 or not c.country:
            return
        self.country[c.country] = self.country.get(c.country, 0.0) + w
        if c.feature == "country" or not c.admin1:
            return
        k1 = (c.country, c.admin1)
        self.admin1[k1] = self.admin1.get(k1, 0.0) + w
        if c.admin2:
            k2 = (c.country, c.admin1, c.admin2)
            self.admin2[k2] = self.admin2.get(k2, 0.0) + w
        if c.feature in ("city", "admin2") and c.lat is not None and c.lon is not None:
            self.points.append((c.lat, c.lon, w))
            self.towns[k1] = self.towns.get(k1, 0.0) + w

    def bonus(self, c: Candidate) -> float:
        s = W_COUNTRY * min(MAX_SUPPORT, self.country.get(c.country or "", 0.0))
        if c.feature == "country" or not c.admin1:
            return s
        s += W_ADMIN1 * min(MAX_SUPPORT, self.admin1.get((c.country, c.admin1), 0.0))
        if c.feature == "admin1":  # "Montreal ... Quebec": the province holding a named town
            s += W_CONTAINS * min(1.0, self.towns.get((c.country, c.admin1), 0.0))
        if c.admin2:
            s += W_ADMIN2 * min(MAX_SUPPORT, self.admin2.get((c.country, c.admin1, c.admin2), 0.0))
        if c.lat is not None and c.lon is not None and c.feature in ("city", "admin2"):
            near = max((w for lat, lon, w in self.points
                        if abs(lat - c.lat) < 1.5 and _km(lat, lon, c.lat, c.lon) <= NEAR_KM),
                       default=0.0)
            s += W_NEAR * near
        return s


class _Local:
    """Where one name's readings lie: counties and 1-degree cells, with their best prior."""

    def __init__(self, cands: list[Candidate]) -> None:
        top = cands[0].score
        self.counties: dict[tuple, float] = {}
        self.cells: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
        for c in cands:
            if c.feature not in ("city", "admin2") or c.lat is None or c.lon is None:
                continue
            cost = LOCAL_COST * (top - c.score)
            if c.admin2:
                k = (c.country, c.admin1, c.admin2)
                self.counties[k] = min(self.counties.get(k, cost), cost)
            self.cells.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append(
                (c.lat, c.lon, cost))

    def support(self, c: Candidate) -> float:
        if c.feature not in ("city", "admin2") or c.lat is None or c.lon is None:
            return 0.0
        cost = self.counties.get((c.country, c.admin1, c.admin2), math.inf) if c.admin2 \
            else math.inf
        la, lo = math.floor(c.lat), math.floor(c.lon)
        for dla in (-1, 0, 1):
            for dlo in (-1, 0, 1):
                for lat, lon, k in self.cells.get((la + dla, lo + dlo), ()):
                    if k < cost and _km(lat, lon, c.lat, c.lon) <= NEAR_KM:
                        cost = k
        return max(0.0, W_LOCAL - cost)


def _local_support(by_key: dict[str, list[Candidate]]) -> dict[str, dict[int, float]]:
    """Per name and candidate, the support the other names lend it (see _Local); it does
    not depend on the readings, so it is computed once per document."""
    places = {k: _Local(c) for k, c in by_key.items()}
    out: dict[str, dict[int, float]] = {}
    for key, cands in by_key.items():
        others = [loc for k, loc in places.items() if k != key and loc.cells]
        if not others:
            continue
        got = {}
        for c in cands:
            total = sum(o.support(c) for o in others)
            if total > 0:
                got[c.geonameid] = min(MAX_SUPPORT, total)
        out[key] = got
    return out


def _choose(by_key: dict[str, list[Candidate]], readings: dict[str, _Reading],
            local: dict[str, dict[int, float]]) -> dict[str, _Reading]:
    """One round: each name's best candidate given the other names' current readings."""
    out: dict[str, _Reading] = {}
    for key, cands in by_key.items():
        ev = _Evidence()
        for other, r in readings.items():
            if other != key:
                ev.add(r)
        near = local.get(key, {})
        scores = {c.geonameid: c.score + ev.bonus(c) + near.get(c.geonameid, 0.0)
                  for c in cands}
        best = max(cands, key=lambda c: (scores[c.geonameid], -c.geonameid))
        out[key] = _Reading(best, _sureness(cands, best, scores[best.geonameid], scores))
    return out


def to_place(start: int, end: int, text: str, cand: Candidate) -> Place:
    return Place(start=start, end=end, text=text, name=cand.name,
                 geonameid=cand.geonameid, lat=cand.lat, lon=cand.lon, country=cand.country,
                 admin1=cand.admin1, feature=cand.feature)


def resolve(text: str, spans: list[tuple[int, int]]) -> list[Place | None]:
    """Resolve given toponym spans (e.g. gold ones) to gazetteer places, same order; None if unknown."""
    gaz = load()
    mentions: list[_Mention] = []
    for start, end in spans:
        span = text[start:end]
        cands = _as_qualifier(gaz, text, start, span) or candidates(gaz, span) or [
            # "in Mass.": a state abbreviation stands alone when the caller says it is a place
            c for c in gaz.lookup(surface(span), qualifier=True) if c.feature == "admin1"]
        # "Georgian", "Palestinians": the span was given as a place, so a people names its
        # country (ahead of a village called "Spanish")
        people = [c for c in gaz.lookup(surface(span), demonym=True)
                  if c.kind == DEMONYM and c.feature == "country"]
        if people:
            cands = sorted([*people, *cands], key=lambda c: (-c.score, c.geonameid))
        m = _Mention(start, end, span, normalize(surface(span)),
                     _namesakes(cands[:MAX_CANDIDATES]))
        qual = qualifier_after(gaz, text, end) if cands else None
        if qual is not None:
            narrowed = [c for c in m.candidates if _inside(c, qual)]
            if narrowed:
                m.candidates, m.qualified = narrowed, True
                m.key = f"{m.key}|{qual.geonameid}"
        mentions.append(m)

    # one candidate list per name: a qualified mention's narrowed list wins for the name
    by_key: dict[str, list[Candidate]] = {}
    fixed: dict[str, str] = {}
    for m in mentions:
        if m.candidates:
            by_key.setdefault(m.key, m.candidates)
            if m.qualified:
                fixed.setdefault(m.key.split("|")[0], m.key)
    for m in mentions:  # "Paris, Texas ... Paris": the bare name takes the qualified reading
        if not m.qualified and m.key in fixed:
            by_key.pop(m.key, None)
            m.key = fixed[m.key]
    local = _local_support(by_key)
    prior = _choose(by_key, {}, {})
    readings = _choose(by_key, prior, local)
    readings = _choose(by_key, readings, local)
    return [to_place(m.start, m.end, m.text, readings[m.key].cand) if m.candidates else None
            for m in mentions]
