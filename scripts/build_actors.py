"""Build eventwire/data/actors.json, the actor knowledge base.

Why a build step: the package must run without ../shared, so the facts it needs
(country names and codes, demonyms, capitals, sector nouns, office holders with
their terms) are derived here once and shipped as one compact JSON file.

Inputs and their licenses (details in eventwire/data/actors.SOURCES.md):

- ../shared/resources/plover/countries.csv (ahalterman/NGEC, MIT per NGEC-2025):
  country names, ISO alpha-3 codes, nationality/demonym lists.
- ../shared/resources/countryinfo/CountryInfo.260718.json, people_leaders.csv,
  people_gov.csv (openeventdata/CountryInfo, no license file; facts only):
  country names, capitals, heads of state/government and ministers with dates.
- ../shared/resources/petrarch2/Phoenix.agents.txt (openeventdata/petrarch2,
  MIT): CAMEO agent nouns and their sector codes.
- ../shared/resources/petrarch2/Phoenix.Countries.actors.txt,
  Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt
  (openeventdata/petrarch2, MIT): country spellings and places named for their
  country, people with date-ranged codes, IGOs, NGOs, companies, militant groups.
- pycountry (LGPL-2.1; only its ISO 3166 facts are used): alpha-3 codes,
  official and common names.
- eventwire/data/actors_curated.tsv (written for eventwire): short names, IGOs,
  groups, seats of government, sector overrides, office holders after 2016.

Run from the repository root:  .venv/bin/python scripts/build_actors.py
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pycountry

from eventwire.actors.kb import fold, norm

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "resources"
OUT = REPO / "eventwire" / "data" / "actors.json"
CURATED = REPO / "eventwire" / "data" / "actors_curated.tsv"

# Sector codes kept from the agents dictionary (religion/ethnic codes are left out).
SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "JUD", "MED", "BUS", "CVL", "LEG", "SPY",
           "EDU", "HLH", "LAB", "AGR", "CRM", "REF", "NGO", "ELI", "PTY", "UAF"}
# CountryInfo's people files end open terms at their compilation date.
OPEN_END = "20161201"
# Office holders whose last term ended before this are left out (size; news era).
OLDEST_END = "19800101"
LEADER_TITLES_SKIPPED = {"governor", "governor general", "chief minister", "administrator",
                         "high commissioner", "high", "resident commissioner", "commissioner"}
# Family name first in English news for these countries.
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "SGP"}
SURNAME_STOP = {"may", "young", "brown", "king", "rice", "bush", "mark", "will", "long",
                "hope", "white", "black", "green", "rich", "street", "bank", "said",
                "new", "good", "best", "more", "north", "south", "east", "west", "march",
                "april", "june", "july", "august", "grant", "page", "love", "law", "justice",
                "faith", "chance", "power", "major", "rose", "hill", "ali", "khan", "kim",
                "lee", "park", "singh", "sharif", "ahmed", "mohammed", "muhammad", "hassan",
                "hussein", "abdullah", "ibrahim", "saleh", "nguyen", "wang", "li", "zhang",
                "liu", "chen", "yang", "johnson", "smith", "jones", "wilson", "thomas",
                "martin", "moon", "yoon", "chan", "ford", "carter", "clinton", "adams", "junior",
                "senior"}
ENTITY_PRIORITY = {"curated": 0, "countries.csv": 1, "pycountry": 2, "countryinfo": 3,
                   "phoenix": 4}
# Phoenix/CAMEO codes of IGOs -> eventwire's IGO code (longest prefix wins); other IGOs
# keep the class code "IGO".
PHOENIX_IGO = {"IGOUNO": "UNO", "IGOWSTNAT": "NATO", "IGOEUR": "EUR", "IGOAFRAFU": "AFU",
               "IGOARBARL": "ARL", "IGOASAASN": "ASN", "IGOBUSOPC": "OPC", "IGOBUSWTO": "WTO",
               "IGOUNODEVWBK": "WBK", "IGOUNOWBK": "WBK", "IGOBUSIMF": "IMF",
               "IGOUNOHLHWHO": "WHO", "IGOUNOIAE": "IAEA", "IGOUNOJUDICJ": "ICJ"}
# CAMEO country codes that are not ISO 3166 alpha-3.
CAMEO_COUNTRY = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "KOS": "XKX",
                 "JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Phoenix names that are common English words or too short to trust as a single word.
PHOENIX_MIN_WORD = 4
WORD = re.compile(r"^[a-z][a-z' ]*[a-z]$")


def _split_aliases(field: str) -> list[tuple[str, bool]]:
    """Curated alias list -> (surface, case_sensitive)."""
    out = []
    for alias in field.split("|"):
        alias = alias.strip()
        forced = alias.startswith("=")
        alias = alias.lstrip("=")
        letters = fold(alias).replace(" ", "")
        caps = letters.isupper() and len(letters) <= 6
        if alias:
            out.append((alias, forced or caps))
    return out


class Builder:
    def __init__(self) -> None:
        # key -> (priority, [country, sector, name, kind, case_form])
        self.entities: dict[str, tuple[int, list]] = {}
        self.conflicts: dict[str, set[str]] = defaultdict(set)
        self.sectors: dict[str, list] = {}
        self.people: dict[str, dict] = {}  # norm(full name) -> {name, terms, aliases}
        self.surnames: dict[str, set[str]] = defaultdict(set)

    # -- entities -------------------------------------------------------------
    def add_entity(self, surface: str, country: str, sector: str | None, name: str,
                   kind: str, source: str, case_sensitive: bool = False) -> None:
        key = norm(surface)
        if not key or len(key) < 2:
            return
        prio = ENTITY_PRIORITY[source]
        row = [country, sector or "", name, kind, fold(surface) if case_sensitive else ""]
        old = self.entities.get(key)
        if old is not None and prio == old[0] and old[1][0] == country and old[1][4]:
            # same name written two ways ("NATO", "Nato"): either casing is fine
            forms = old[1][4].split("|") + [row[4]] if row[4] else []
            old[1][4] = "|".join(dict.fromkeys(forms))
        elif old is None or prio < old[0]:
            self.entities[key] = (prio, row)
        elif prio == old[0] and old[1][0] != country:
            self.conflicts[key].update({old[1][0], country})
        elif prio == old[0] and kind in ("country", "group", "igo") and old[1][3] == "capital":
            self.entities[key] = (prio, row)  # "Mexico" the country over "Mexico" the city

    def curated(self) -> list[list[str]]:
        rows = []
        for line in CURATED.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 7:
                raise SystemExit(f"{CURATED.name}: expected 7 columns: {line!r}")
            rows.append([None if c == "-" else c for c in cols])
        return rows

    def load_curated(self, rows: list[list[str]]) -> None:
        for kind, aliases, country, sector, start, end, name in rows:
            pairs = _split_aliases(aliases)
            if kind in ("country", "demonym", "capital", "seat", "igo", "group"):
                ekind = "country" if kind == "demonym" else kind
                for surface, cs in pairs:
                    self.add_entity(surface, country, sector, name or pairs[0][0], ekind,
                                    "curated", cs)
            elif kind in ("sector", "weak"):
                for surface, _ in pairs:
                    self.sectors[norm(surface)] = [sector, 1 if kind == "weak" else 0]
            elif kind == "person":
                self.add_person(name or pairs[0][0], [p for p, _ in pairs],
                                [country, sector or "", start or "", end or ""],
                                explicit=True)
            else:
                raise SystemExit(f"unknown kind {kind!r}")

    def load_countries_csv(self) -> None:
        with (SHARED / "plover" / "countries.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["CCA3"]
                country, sector = code[:3], (code[3:] or None)
                self.add_entity(row["Name"], country, sector, row["Name"], "country",
                                "countries.csv")
                for alias in row["Nationality"].split(","):
                    alias = alias.strip()
                    if alias:
                        caps = alias.replace(".", "").isupper()
                        self.add_entity(alias, country, sector, row["Name"], "country",
                                        "countries.csv", caps)

    def load_pycountry(self) -> None:
        for c in pycountry.countries:
            name = getattr(c, "common_name", None) or c.name
            for alias in {c.name, name, getattr(c, "official_name", c.name)}:
                if "," in alias or "(" in alias:
                    continue
                self.add_entity(alias, c.alpha_3, None, name, "country", "pycountry")

    def load_countryinfo(self) -> dict[str, str]:
        """Names and capitals; returns CountryInfo's country names -> alpha-3."""
        data = json.loads((SHARED / "countryinfo" / "CountryInfo.260718.json").read_text())
        by_name: dict[str, str] = {}
        for key, info in data.items():
            if not re.fullmatch(r"[A-Z]{3}", key):
                continue
            display = (info.get("countryname") or [key])[0].title()
            for cname in info.get("countryname", []):
                by_name[cname] = key
                self.add_entity(cname, key, None, display, "country", "countryinfo")
            for capital in info.get("capital", []):
                if len(capital) > 3 and WORD.match(capital):
                    self.add_entity(capital.title(), key, None, display, "capital",
                                    "countryinfo", True)
        by_name.update({"cote divoire": "CIV", "united kingdom": "GBR"})
        return by_name

    # -- Phoenix dictionaries ----------------------------------------------------
    def load_phoenix(self, countries: set[str]) -> None:
        """Countries/International/MilNonState actor files (TABARI format).

        A block is a name line, "+alias" lines and "[CODE dates]" codes. One undated
        code: an entity (a country block's spellings and places, an IGO, a group).
        Dated codes: a person (or office) with terms; an undated code beside them is
        the person's code outside those terms.
        """
        base = SHARED / "petrarch2"
        for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                      "Phoenix.MilNonState.actors.txt"):
            text = (base / fname).read_text(encoding="utf-8", errors="replace")
            for names, codes in _phoenix_blocks(text):
                self._phoenix_block(names, codes, countries, fname)

    def _phoenix_block(self, names: list[str], codes: list[tuple[str, str, str]],
                       countries: set[str], fname: str) -> None:
        parsed = [(_phoenix_code(c, countries), a, b) for c, a, b in codes]
        parsed = [(cs, a, b) for cs, a, b in parsed if cs is not None]
        if not parsed or not names:
            return
        dated = any(a or b for _, a, b in parsed)
        forms = [f for n in names for f in _phoenix_forms(n)]
        if not forms:
            return
        undated = [cs for cs, a, b in parsed if not a and not b]
        # a country block keeps its plain code beside the dated codes of earlier states
        country_block = [cs for cs in undated if cs[2] == "country"]
        if country_block or (not dated and len(parsed) == 1):
            country, sector, kind = (country_block or undated)[0]
            if kind == "country" and fname != "Phoenix.Countries.actors.txt":
                kind = "group"
            display = forms[0][0]
            for surface, acronym in forms:
                if len(norm(surface)) < PHOENIX_MIN_WORD and not acronym:
                    continue
                if kind == "country" or " " in norm(surface) or acronym or len(
                        norm(surface)) > 5 and kind != "mnc":
                    self.add_entity(surface, country, sector, display,
                                    "igo" if kind == "igo" else
                                    "country" if kind == "country" else "group",
                                    "phoenix", acronym)
            return
        people = [s for s, acronym in forms if not acronym]
        if not people or not all(k in ("country", "group", "igo") for (_, _, k), _, _ in parsed):
            return
        terms = []
        for (country, sector, kind), start, end in parsed:
            if country in ("NGO", "IMG", "MNC"):
                continue
            terms.append([country, "" if kind == "igo" else sector or "", start, end])
        if not terms:
            return
        key = norm(people[0])
        if key in self.people:  # CountryInfo/curated already know this person: names only
            self.people[key]["aliases"].update(norm(p) for p in people)
            return
        for term in terms:
            self.add_person(people[0].title(), people, term)

    # -- sectors --------------------------------------------------------------
    def load_agents(self) -> None:
        text = (SHARED / "petrarch2" / "Phoenix.agents.txt").read_text(encoding="latin-1")
        subs: dict[str, list[str]] = {}
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if m:
                subs[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
                continue
            m = re.match(r"^([A-Z0-9_!'.\- ]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
            if not m:
                continue
            phrase, plurals, code = m.group(1), m.group(2), m.group(3)
            sector = code[:3]
            if sector not in SECTORS:
                continue
            variants = [phrase]
            for token, words in subs.items():
                if token in phrase:
                    variants = [v.replace(token, w.upper() + "_") for v in variants
                                for w in words]
            forms = []
            for v in variants:
                words = [w for w in v.lower().replace(" ", "_").split("_") if w]
                if 1 <= len(words) <= 3 and all(re.fullmatch(r"[a-z][a-z'.\-]*", w)
                                                for w in words):
                    forms.append(" ".join(words))
            for form in forms:
                keys = {form}
                if plurals is None:
                    keys.add(_plural(form))
                elif plurals.strip("{} "):
                    keys.update(p.strip().lower().replace("_", " ")
                                for p in plurals.strip("{}").split(",") if p.strip())
                for k in keys:
                    self.sectors.setdefault(norm(k), [sector, 0])

    # -- people ---------------------------------------------------------------
    def add_person(self, display: str, aliases: list[str], term: list[str],
                   explicit: bool = False, surname_from: str | None = None) -> None:
        key = norm(aliases[0])
        person = self.people.setdefault(
            key, {"name": display, "terms": [], "aliases": set(), "curated_from": ""})
        if explicit:
            person["name"] = display
            first = person["curated_from"]
            person["curated_from"] = min(first, term[2]) if first else term[2]
        elif person["curated_from"] and (not term[3] or term[3] > person["curated_from"]):
            return  # the curated terms supersede this era of the person's career
        if term not in person["terms"]:
            person["terms"].append(term)
        for alias in aliases:
            person["aliases"].add(norm(alias))
            words = norm(alias).split()
            if len(words) >= 3 and term[0] not in FAMILY_NAME_FIRST \
                    and words[-1] not in SURNAME_STOP:
                # "Carlos Saul Menem" is "Carlos Menem" in most news copy
                person["aliases"].add(f"{words[0]} {words[-1]}")
        if surname_from:
            words = norm(surname_from).split()
            if len(words) >= 2:
                surname = words[0] if term[0] in FAMILY_NAME_FIRST else words[-1]
                if len(surname) > 2 and surname not in SURNAME_STOP and surname.isalpha():
                    person["aliases"].add(surname)

    def load_people(self, by_name: dict[str, str]) -> None:
        base = SHARED / "countryinfo"
        for fname, col in (("people_leaders.csv", "title"), ("people_gov.csv", "description")):
            with (base / fname).open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    country = by_name.get(row["country"].replace("_", " "))
                    role = row[col].strip()
                    if not country or not role or not row["startYr"]:
                        continue
                    leader = fname == "people_leaders.csv"
                    if leader and role.lower() in LEADER_TITLES_SKIPPED:
                        continue
                    sector = _sector_of_role(role) if not leader else "GOV"
                    if sector is None:
                        continue
                    names = [n.replace("_", " ").strip() for n in row["name"].split("|")]
                    names = [n for n in names if len(n.split()) >= 2]
                    if not names:
                        continue
                    end = "" if row["endYr"] >= OPEN_END else row["endYr"]
                    if end and end < OLDEST_END:
                        continue
                    self.add_person(names[0].title(), names,
                                    [country, sector, row["startYr"], end],
                                    surname_from=names[0] if leader else None)

    # -- output ---------------------------------------------------------------
    def result(self) -> dict:
        names = self.display_names()
        entities = {}
        for key, (prio, row) in sorted(self.entities.items()):
            if key in self.conflicts and prio != 0:
                continue  # two countries claim this name and nobody curated it
            if row[3] != "igo" and row[0] in names and prio != 0:
                row = [row[0], row[1], names[row[0]], row[3], row[4]]
            entities[key] = row
        # a surname that is also someone's given name ("Jean", "Marco") is too risky alone
        given = {norm(p["name"]).split()[0] for p in self.people.values()}
        people = []
        for pkey in sorted(self.people):
            p = self.people[pkey]
            if not p["curated_from"]:
                p["aliases"] = {a for a in p["aliases"] if " " in a or a not in given}
            terms = sorted(p["terms"], key=lambda t: t[2])
            people.append([
                p["name"],
                sorted(p["aliases"] - {norm(p["name"])}),
                "|".join(" ".join(x or "-" for x in t) for t in terms),
            ])
        return {
            "about": "eventwire actor knowledge base; built by scripts/build_actors.py; "
                     "sources and licenses in actors.SOURCES.md. people rows: "
                     "[name, other aliases, 'COUNTRY SECTOR START END|...'] ('-' = none/open)",
            "entities": entities,
            "sectors": dict(sorted(self.sectors.items())),
            "people": people,
        }

    def display_names(self) -> dict[str, str]:
        """One readable name per code: curated, else countries.csv, else pycountry."""
        names: dict[str, str] = {}
        for c in pycountry.countries:
            names[c.alpha_3] = getattr(c, "common_name", None) or c.name
        with (SHARED / "plover" / "countries.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if len(row["CCA3"]) == 3:
                    names[row["CCA3"]] = row["Name"]
        for prio, row in self.entities.values():
            if prio == 0 and row[3] == "country":
                names[row[0]] = row[2]
        return names


_PHX_CODE = re.compile(r"^\[\s*([A-Z-]+)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*\]$")


def _phoenix_blocks(text: str) -> list[tuple[list[str], list[tuple[str, str, str]]]]:
    """(names, [(code, start, end)]) per TABARI dictionary block."""
    blocks: list[tuple[list[str], list[tuple[str, str, str]]]] = []
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        if names:
            blocks.append((list(names), list(codes)))
        names.clear()
        codes.clear()

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = line.strip()
        if not raw[:1].isspace() and not head.startswith(("+", "[")):
            flush()
        found = re.findall(r"\[[^\]]*\]", head)
        name = re.sub(r"\[[^\]]*\]", "", head).strip().lstrip("+").strip()
        if name:
            names.append(name)
        for code in found:
            parsed = _phoenix_dates(code)
            if parsed is not None:
                codes.append(parsed)
    flush()
    return blocks


def _ymd8(raw: str) -> str | None:
    if len(raw) == 8:
        return raw
    if len(raw) == 6:  # YYMMDD: TABARI's two-digit years (dictionaries compiled 2014)
        return ("20" if int(raw[:2]) <= 30 else "19") + raw
    return None


def _phoenix_dates(code: str) -> tuple[str, str, str] | None:
    m = _PHX_CODE.match(code.replace("\t", " "))
    if not m:
        return None
    value, op, one, start, end = m.groups()
    if op:
        day = _ymd8(one)
        if day is None:
            return None
        return (value, day, "") if op == ">" else (value, "", day)
    if start:
        a, b = _ymd8(start), _ymd8(end)
        if a is None or b is None:
            return None
        return value, a, b
    return value, "", ""


def _phoenix_code(code: str, countries: set[str]) -> tuple[str, str | None, str] | None:
    """A CAMEO code -> (country, sector, kind) in eventwire's terms, or None to skip."""
    if not code or "-" in code or len(code) < 3:
        return None
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    head = CAMEO_COUNTRY.get(chunks[0], chunks[0])
    sector = next((c for c in chunks[1:] if c in SECTORS), None)
    if head == "IGO":
        best = max((p for p in PHOENIX_IGO if code.startswith(p)), key=len, default=None)
        return (PHOENIX_IGO[best] if best else "IGO"), None, "igo"
    if head in ("NGO", "MNC"):
        place = CAMEO_COUNTRY.get(chunks[1], chunks[1]) if len(chunks) > 1 else ""
        kind = "mnc" if head == "MNC" else "group"
        if place in countries:
            return place, "BUS" if head == "MNC" else "NGO", kind
        return head, None, kind
    if head == "IMG":
        return "IMG", None, "group"
    if head in countries:
        return head, sector, "country" if len(chunks) == 1 else "group"
    if head == "ELI" and len(chunks) == 1:
        return None
    return None


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "de", "del", "la", "al", "el", "to"}


def _phoenix_forms(name: str) -> list[tuple[str, bool]]:
    """Surface forms of a Phoenix phrase: words, and a bracketed acronym apart."""
    out = []
    acronyms = re.findall(r"\(([A-Z0-9.&/]{2,8})\)", name)
    plain = re.sub(r"\([^)]*\)", " ", name).replace("_", " ")
    plain = re.sub(r"\s+", " ", plain).strip(" -,")
    if plain and re.fullmatch(r"[A-Z0-9 .,'&/-]+", plain) and re.search(r"[A-Z]", plain):
        words = plain.split()
        if len(words) == 1 and (len(plain) <= 4 or not re.search(r"[AEIOUY]", plain)):
            out.append((plain, True))
        else:
            title = " ".join(w if w in _SMALL_WORDS else w.capitalize()
                             for w in plain.lower().split())
            out.append((title[:1].upper() + title[1:], False))
    out.extend((a, True) for a in acronyms if not a.isdigit())
    return out


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}".strip()


_ROLE_SECTORS = (
    (re.compile(r"\b(police|gendarmerie)\b", re.I), "COP"),
    (re.compile(r"^(first )?(deputy|vice|assistant|under)[ -]?(minister|secretary)|ambassador|"
                r"representative|adviser|advisor|deputy secretary|envoy", re.I), None),
    (re.compile(r"\bpresident|\bprime|\bpremier|\bsecretary of state|\bchancellor|"
                r"\bgovernor, central bank|\bminist\w* (of|for) (the )?(national )?"
                r"(foreign|external|defen[cs]e|interior|home|internal|finance|economy|justice)",
                re.I), "GOV"),
    (re.compile(r"\b(army|military|armed forces|navy|air force|chief of (the )?(general )?staff|"
                r"commander)\b", re.I), "MIL"),
    (re.compile(r"\b(intelligence|security service)\b", re.I), "SPY"),
    (re.compile(r"\b(supreme court|chief justice|court)\b", re.I), "JUD"),
    (re.compile(r"\b(speaker|parliament|assembly|senate|legislat)", re.I), "LEG"),
)


def _sector_of_role(role: str) -> str | None:
    """First matching role pattern; unknown roles are left out (keeps the file small)."""
    for pattern, sector in _ROLE_SECTORS:
        if pattern.search(role):
            return sector
    return None  # includes deputies, diplomats and advisers: left out on purpose


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    b = Builder()
    b.load_curated(b.curated())
    b.load_countries_csv()
    b.load_pycountry()
    by_name = b.load_countryinfo()
    b.load_agents()
    b.load_people(by_name)
    b.load_phoenix({c.alpha_3 for c in pycountry.countries} | {"XKX"})
    data = b.result()
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                           encoding="utf-8")
    print(f"wrote {args.output}: {len(data['entities'])} entity names, "
          f"{len(data['sectors'])} sector nouns, {len(data['people'])} people, "
          f"{args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
