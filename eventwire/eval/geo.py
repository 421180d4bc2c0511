"""Score ``eventwire.geo`` on geoparsing gold corpora (LGL, TR-News in Gritta et al.'s XML).

Resolve mode hands the gold spans to ``geo.resolve`` and measures geocoding alone;
end2end mode runs ``geo.places_in_doc`` on the parsed text and measures recognition
(strict: same offsets; relaxed: overlapping spans, one-to-one) and then geocoding on the
gold toponyms it recognized (strict matches), as Gritta et al. (2018) score geoparsers.

Geocoding figures are over gold toponyms that carry a GeoNames point. A toponym is
correct at 161 km (100 miles) when the predicted point lies within that distance of the
gold point or when the predicted GeoNames id is the gold id (the same entity with a
different centroid). Some TR-News articles carry offsets shifted by a few characters (the
text was re-spaced after annotation); a span whose text is not its gold phrase is moved to
the nearest occurrence of the phrase within REALIGN_CHARS, and the count is reported. An unresolved toponym counts as wrong with the largest possible
error (half the Earth's circumference), so coverage is part of every figure.

Demonyms and the headline recognition figure. LGL's and TR-News's annotators tagged
peoples' adjectives ("the Sudanese people", "Lebanese government") as toponyms, though not
every one of them ("the Egyptian economy" is untagged). eventwire's ``geo.parse`` keeps
demonyms apart as actors by design (the issue: they "name actors, not places, unless the
gold convention of the corpus counts them"), so scoring ``parse``'s output against such a
gold set charges a difference of convention as a recognition error. ``run_eval`` therefore
takes the convention as an argument, defaulting to the corpus's own (demonyms counted):
that is the headline figure for LGL/TR-News, the one comparable with published results on
these corpora. The same run always reports the other convention as ``other_convention_*``
so neither figure hides the other, and ``geo.parse`` itself never returns "Russian" as a
place. (The ``eventwire eval geo`` command passes its ``--demonyms`` flag, whose default
is False, so it prints the actors' convention first until that default is changed.)

AUC of the error curve (Gritta et al. 2018, "Which Melbourne?"): sort the errors, map
each to ln(1 + km) / ln(1 + MAX_KM) so 0 km is 0 and the farthest point is 1, and take
the area under that curve with the toponyms spread evenly over [0, 1] (trapezoids).
0 is perfect, 1 is every toponym at the antipode; lower is better.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.model import Place

EARTH_RADIUS_KM = 6371.0088
MAX_KM = math.pi * EARTH_RADIUS_KM  # the farthest two points can be: about 20,015 km
ACC_KM = 161.0
REALIGN_CHARS = 60


@dataclass(slots=True)
class GoldToponym:
    """A gold span; ``geonameid``/``lat``/``lon`` are None where the annotators gave no entry."""

    start: int
    end: int
    phrase: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    fcode: str | None


@dataclass(slots=True)
class GoldArticle:
    docid: str
    text: str
    toponyms: list[GoldToponym]
    realigned: int = 0


def _realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """The nearest (start, end) within REALIGN_CHARS where ``phrase`` stands; None if none."""
    phrase = phrase.strip()
    if not phrase:
        return None
    for d in range(REALIGN_CHARS + 1):
        for s in (start - d, start + d):
            if s >= 0 and text.startswith(phrase, s):
                return s, s + len(phrase)
    return None


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def read_corpus(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles of an LGL/TR-News style XML file, in file order (first ``limit`` only)."""
    root = ET.parse(path).getroot()
    out: list[GoldArticle] = []
    for art in root.iter("article"):
        if limit is not None and len(out) >= limit:
            break
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        realigned = 0
        for node in art.iter("toponym"):
            start, end = int(node.findtext("start", "-1")), int(node.findtext("end", "-1"))
            phrase = (node.findtext("phrase") or "").strip()
            if phrase and text[start:end] != phrase:
                moved = _realign(text, start, end, phrase)
                if moved:
                    (start, end), realigned = moved, realigned + 1
            if not 0 <= start < end <= len(text):
                continue
            gaz = node.find("gaztag")
            gid = lat = lon = fcode = None
            if gaz is not None:
                raw = gaz.get("geonameid")
                gid = int(raw) if raw and raw.isdigit() else None
                lat, lon = _float(gaz.find("lat")), _float(gaz.find("lon"))
                fcode = gaz.findtext("fcode")
            tops.append(GoldToponym(start, end, phrase or text[start:end], gid, lat, lon, fcode))
        out.append(GoldArticle(art.get("docid", str(len(out))), text, tops, realigned))
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors_km: list[float]) -> float:
    """Area under the sorted, log-scaled error curve, in [0, 1] (lower is better)."""
    if not errors_km:
        return 0.0
    ys = sorted(math.log1p(min(e, MAX_KM)) / math.log1p(MAX_KM) for e in errors_km)
    if len(ys) == 1:
        return ys[0]
    width = 1.0 / (len(ys) - 1)
    return sum((a + b) / 2 * width for a, b in zip(ys, ys[1:], strict=False))


@dataclass(slots=True)
class Geocoding:
    """Per-toponym outcomes; the figures are derived."""

    errors: list[float] = field(default_factory=list)
    correct: int = 0
    exact: int = 0
    unresolved: int = 0

    def add(self, gold: GoldToponym, pred: Place | None) -> None:
        assert gold.lat is not None and gold.lon is not None
        if pred is None or pred.lat is None or pred.lon is None:
            self.unresolved += 1
            self.errors.append(MAX_KM)
            return
        err = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
        same = gold.geonameid is not None and pred.geonameid == gold.geonameid
        self.exact += same
        self.correct += same or err <= ACC_KM
        self.errors.append(0.0 if same else err)

    def summary(self) -> dict[str, float | int]:
        n = len(self.errors)
        if not n:
            return {"toponyms": 0}
        return {
            "toponyms": n,
            "acc@161km": round(self.correct / n, 4),
            "exact_id_acc": round(self.exact / n, 4),
            "mean_error_km": round(statistics.fmean(self.errors), 1),
            "median_error_km": round(statistics.median(self.errors), 1),
            "auc": round(error_auc(self.errors), 4),
            "unresolved": self.unresolved,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(hits: int, system: int, gold: int, prefix: str) -> dict[str, float]:
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_p": round(p, 4), f"{prefix}_r": round(r, 4), f"{prefix}_f1": round(f, 4)}


def _recognition(places: list[Place], art: GoldArticle, geocoding: Geocoding | None
                 ) -> tuple[int, int]:
    """Strict and relaxed (one-to-one overlap, strict matches first) hits of one article;
    strict hits with a gold point are geocoded into ``geocoding`` when given."""
    by_span = {(p.start, p.end): p for p in places}
    used: set[tuple[int, int]] = set()
    for gold in art.toponyms:
        key = (gold.start, gold.end)
        if key in by_span:
            used.add(key)
            if geocoding is not None and gold.lat is not None and gold.lon is not None:
                geocoding.add(gold, by_span[key])
    free = [k for k in by_span if k not in used]
    relaxed = len(used)
    for gold in art.toponyms:
        key = (gold.start, gold.end)
        if key in used:
            continue
        hit = next((k for k in free if _overlap(k, key)), None)
        if hit is not None:
            free.remove(hit)
            relaxed += 1
    return len(used), relaxed


def run_eval(path: Path, mode: str = "resolve", limit: int | None = None,
             demonyms: bool = True) -> dict[str, float | int]:
    """Geoparsing figures on one gold file; ``mode`` is "resolve" (gold spans) or "end2end".

    ``demonyms`` (end2end only) chooses the convention of the headline recognition
    figures: True counts peoples' adjectives ("Sudanese" -> Sudan) as toponyms, as the
    LGL and TR-News annotators did; False scores eventwire's default ``geo.parse``, which
    keeps them apart as actors. The other convention is reported too (``other_*`` keys),
    from the same parse."""
    from eventwire import geo

    if mode not in ("resolve", "end2end"):
        raise ValueError(f"mode is resolve or end2end, not {mode!r}")
    articles = read_corpus(Path(path), limit)
    geocoding = Geocoding()
    if mode == "resolve":
        for art in articles:
            preds = geo.resolve(art.text, [(t.start, t.end) for t in art.toponyms])
            for gold, pred in zip(art.toponyms, preds, strict=True):
                if gold.lat is not None and gold.lon is not None:
                    geocoding.add(gold, pred)
        return {"articles": len(articles), **geocoding.summary(),
                "realigned_spans": sum(a.realigned for a in articles)}

    from eventwire import nlp
    from eventwire.geo.toponyms import recognize

    n_gold = 0
    n_sys = [0, 0]  # [headline convention, the other one]
    strict = [0, 0]
    relaxed = [0, 0]
    texts = ((a.text, a) for a in articles)
    for doc, art in nlp.pipe(texts, disable=("lemmatizer",)):
        n_gold += len(art.toponyms)
        for k, counted in enumerate((demonyms, not demonyms)):
            places = [p for p in geo.resolve(doc.text, recognize(doc, demonyms=counted)) if p]
            n_sys[k] += len(places)
            hits, loose = _recognition(places, art, geocoding if k == 0 else None)
            strict[k] += hits
            relaxed[k] += loose
    figures: dict[str, float | int] = {"articles": len(articles), "gold_toponyms": n_gold,
                                       "demonyms_counted": int(demonyms),
                                       "system_toponyms": n_sys[0],
                                       "realigned_spans": sum(a.realigned for a in articles)}
    figures |= _prf(strict[0], n_sys[0], n_gold, "strict")
    figures |= _prf(relaxed[0], n_sys[0], n_gold, "relaxed")
    figures |= {f"geocoding_{k}": v for k, v in geocoding.summary().items()}
    other = _prf(strict[1], n_sys[1], n_gold, "strict") | _prf(
        relaxed[1], n_sys[1], n_gold, "relaxed")
    figures |= {f"other_convention_{k}": v for k, v in other.items() if k.endswith("_f1")}
    return figures


def run_bench(path: Path) -> dict[str, float | int]:
    """Gazetteer load time, toponyms resolved per second (gold spans, one core), peak RSS."""
    from eventwire.eval.bench import peak_rss_mb
    from eventwire.geo import gazetteer, resolve

    articles = read_corpus(Path(path))
    gazetteer.load.cache_clear()
    t0 = time.perf_counter()
    gazetteer.load()
    load_s = time.perf_counter() - t0
    jobs = [(a.text, [(t.start, t.end) for t in a.toponyms]) for a in articles]
    n = sum(len(spans) for _, spans in jobs)
    best = float("inf")
    for _ in range(3):
        gazetteer.load().clear_memo()  # each pass starts with no name looked up
        t0 = time.perf_counter()
        for text, spans in jobs:
            resolve(text, spans)
        best = min(best, time.perf_counter() - t0)
    return {"gazetteer_load_s": round(load_s, 3), "toponyms": n,
            "resolve_s": round(best, 3), "toponyms_per_s": round(n / best),
            "peak_rss_mb": round(peak_rss_mb(), 1)}
