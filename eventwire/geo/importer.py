"""Build a gazetteer from a GeoNames dump a user downloaded (`eventwire gazetteer import`).

Reads GeoNames' own formats (https://download.geonames.org/export/dump/readme.txt):

- the main table, ``allCountries.zip`` or ``cities500.zip`` / ``cities1000.zip`` ... (or the
  ``.txt`` inside): 19 tab-separated columns, geonameid first;
- ``admin1CodesASCII.txt`` (``CC.code  name  asciiname  geonameid``) and, if given,
  ``admin2Codes.txt`` (same layout, ``CC.a1.a2`` codes): names and ids of subdivisions a
  city-only table does not hold;
- ``alternateNamesV2.zip`` / ``.txt`` (``id  geonameid  lang  name  preferred  short
  colloquial  historic  from  to``): more names, links and codes left out;
- ``countryInfo.txt`` (ISO, ISO3, ... ) for alpha-3 codes (else the packaged gazetteer's).

The result is the same file format as the packaged gazetteer (``eventwire.geo.store``);
point ``$EVENTWIRE_GAZETTEER`` at it to use it. The packaged file's English usage
("U.S.", AP state abbreviations) and demonyms are carried over for the places the dump
has. Subdivisions and countries without a point of their own get one derived from the
populated places inside them, as the packaged build does.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from eventwire.geo.gazetteer import (
    ALTERNATE,
    DATA_FILE,
    DEMONYM,
    POSTAL,
    PREFERRED,
    PRIMARY,
    QUALIFIER,
    fold,
    normalize,
)
from eventwire.geo.store import read_store, write_store

COUNTRY_CODES = {"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX"}
REGION_CLASSES = {"L", "T", "H"}  # areas and regions, relief, water
REGION_CODES = {"RGN", "RGNE", "AREA", "ISL", "ISLS", "PEN", "MTS", "MT", "VAL", "STM", "LK",
                "SEA", "GULF", "BAY", "OCN", "DSRT", "PLN", "PRK", "RSV"}
SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "fr_1793", "unlc", "wkdt", "tcid", "phon"}
_KEEP_KINDS = (PREFERRED, QUALIFIER, POSTAL, DEMONYM)
_ORDER = {PREFERRED: 5, PRIMARY: 4, ALTERNATE: 3, DEMONYM: 2, QUALIFIER: 1, POSTAL: 0}


def latin_name(name: str) -> bool:
    """A name English text could contain: Latin script, capitalized, no digits, no code."""
    ascii_form = fold(name)
    if not ascii_form.isascii() or any(ch.isdigit() for ch in ascii_form):
        return False
    if not ascii_form[:1].isupper():  # romanizations from other scripts come lowercased
        return False
    return not (ascii_form.isupper() and len(ascii_form) <= 4)  # "JFK", "LHR": codes


def representative_point(points: list[tuple[float, float]], cell: float
                         ) -> tuple[float, float] | None:
    """Mean over occupied grid cells of the points' mean in each cell (follows the settled
    area, not the head count); longitudes unwrapped when that narrows the set (Fiji)."""
    if not points:
        return None
    lons = [lo for _, lo in points]
    if max(lons) - min(lons) > 180:
        shifted = [(la, lo + 360 if lo < 0 else lo) for la, lo in points]
        if max(lo for _, lo in shifted) - min(lo for _, lo in shifted) < 180:
            points = shifted
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon in points:
        cells[(math.floor(lat / cell), math.floor(lon / cell))].append((lat, lon))
    means = [(sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
             for pts in cells.values()]
    lat = sum(m[0] for m in means) / len(means)
    lon = sum(m[1] for m in means) / len(means)
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _lines(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of a GeoNames text file, or of the .txt inside its .zip."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            inner = next(n for n in zf.namelist() if n.endswith(".txt")
                         and not n.lower().startswith(("readme", "iso-languagecodes")))
            with zf.open(inner) as raw:
                for line in io.TextIOWrapper(raw, encoding="utf-8"):
                    if line.strip() and not line.startswith("#"):
                        yield line.rstrip("\n").split("\t")
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _role(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("alternatenames"):
        return "alternates"
    if name.startswith("countryinfo"):
        return "countries"
    return "main"


def import_geonames(paths: Sequence[Path], out: Path, min_population: int = 0
                    ) -> dict[str, int]:
    """Write a gazetteer built from GeoNames dump files to ``out``; returns counts per
    feature kind and of names. Populated places under ``min_population`` are left out."""
    by_role: dict[str, list[Path]] = defaultdict(list)
    for p in paths:
        by_role[_role(Path(p))].append(Path(p))
    if not by_role["main"]:
        raise ValueError("no GeoNames main table (allCountries / citiesNNN) among the files")

    packaged = read_store((resources.files("eventwire") / "data" / DATA_FILE).read_bytes())
    iso3: dict[str, str] = dict(packaged["meta"].get("country_codes", {}))
    for p in by_role["countries"]:
        for row in _lines(p):
            if len(row) > 1 and len(row[0]) == 2:
                iso3[row[0]] = row[1]

    places: dict[int, list] = {}
    names: dict[str, dict[int, int]] = defaultdict(dict)

    def add_name(name: str, gid: int, kind: int) -> None:
        key = normalize(name)
        if len(key) < 2:
            return
        have = names[key].get(gid)
        if have is None or _ORDER[kind] > _ORDER[have]:
            names[key][gid] = kind

    points: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[tuple, int] = defaultdict(int)
    for p in by_role["main"]:
        for row in _lines(p):
            if len(row) < 15:
                continue
            gid, name, ascii_name, alts = int(row[0]), row[1], row[2], row[3]
            lat, lon, fclass, fcode, cc = float(row[4]), float(row[5]), row[6], row[7], row[8]
            a1, a2, pop = row[10] or None, row[11] or None, int(row[14] or 0)
            if fclass == "P":
                if pop < min_population:
                    continue
                feature = "city"
                for key in ((cc,), (cc, a1), (cc, a1, a2)):
                    if None not in key:
                        points[key].append((lat, lon))
                        pops[key] += pop
            elif fclass == "A" and fcode in COUNTRY_CODES:
                feature, a1, a2 = "country", None, None
            elif fclass == "A" and fcode == "ADM1":
                feature, a2 = "admin1", None
            elif fclass == "A" and fcode == "ADM2":
                feature = "admin2"
            elif fclass == "L" and fcode == "CONT":
                feature, cc, a1, a2 = "continent", "", None, None
            elif fclass in REGION_CLASSES and fcode in REGION_CODES:
                feature = "region"
            else:
                continue
            places[gid] = [name, feature, pop, iso3.get(cc), a1, a2, round(lat, 4), round(lon, 4)]
            add_name(name, gid, PRIMARY)
            add_name(ascii_name, gid, PRIMARY)
            for alt in alts.split(",") if alts else ():
                if latin_name(alt):
                    add_name(alt, gid, ALTERNATE)

    # subdivisions and countries named in the code tables but absent from a city table
    have = {(p[1], p[3], p[4], p[5]) for p in places.values()}
    for role, feature in (("admin1", "admin1"), ("admin2", "admin2")):
        for p in by_role[role]:
            for row in _lines(p):
                if len(row) < 4 or not row[3].isdigit():
                    continue
                code = row[0].split(".")
                cc, a1 = code[0], code[1]
                a2 = code[2] if feature == "admin2" and len(code) > 2 else None
                gid = int(row[3])
                key = (cc, a1) if feature == "admin1" else (cc, a1, a2)
                if gid in places or (feature, iso3.get(cc), a1, a2) in have:
                    continue
                point = representative_point(points.get(key, []), 0.5 if a2 is None else 0.1)
                if point is None:
                    continue
                places[gid] = [row[1], feature, pops.get(key, 0), iso3.get(cc), a1, a2, *point]
                add_name(row[1], gid, PRIMARY)
                add_name(row[2], gid, PRIMARY)

    # alternate names (the big table) for the places kept
    for p in by_role["alternates"]:
        for row in _lines(p):
            if len(row) < 4 or not row[1].isdigit():
                continue
            gid = int(row[1])
            if gid not in places or row[2] in SKIP_LANGS or (len(row) > 7 and row[7] == "1"):
                continue
            if latin_name(row[3]):
                add_name(row[3], gid, ALTERNATE)

    # countries and continents from the packaged file when the dump has none (a city
    # table), then the packaged English usage and demonyms for the places kept
    pk_gid = packaged["gid"]
    features, countries = packaged["features"], packaged["countries"]
    copied: set[int] = set()
    for feature in ("country", "continent"):
        if any(p[1] == feature for p in places.values()):
            continue
        for i, gid in enumerate(pk_gid):
            if features[packaged["feature"][i]] == feature:
                lat, lon = packaged["lat"][i] / 10_000, packaged["lon"][i] / 10_000
                places[gid] = [packaged["name"][i], feature, packaged["population"][i],
                               countries[packaged["country"][i]], None, None, lat, lon]
                copied.add(gid)
    for k, key in enumerate(packaged["keys"][:len(packaged["post_off"]) - 1]):
        for post in packaged["postings"][packaged["post_off"][k]:packaged["post_off"][k + 1]]:
            gid, kind = pk_gid[post >> 3], post & 7
            if (kind in _KEEP_KINDS and gid in places) or gid in copied:
                have_kind = names[key].get(gid)
                if have_kind is None or _ORDER[kind] > _ORDER[have_kind]:
                    names[key][gid] = kind

    write_store(Path(out), places, names, {
        "sources": "GeoNames dump (CC BY 4.0): " + ", ".join(sorted(Path(p).name for p in paths)),
        "country_codes": iso3,
    })
    counts: dict[str, int] = defaultdict(int)
    for row in places.values():
        counts[row[1]] += 1
    return {**counts, "places": len(places), "names": len(names)}
