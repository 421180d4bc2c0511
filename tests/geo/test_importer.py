"""`eventwire gazetteer import`: a GeoNames dump in GeoNames' own formats becomes a gazetteer."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire import geo
from eventwire.geo import gazetteer
from eventwire.geo.gazetteer import Gazetteer, open_gazetteer
from eventwire.geo.importer import import_geonames

FIXTURE = Path(__file__).parent / "data" / "geonames"
TABLES = ["admin1CodesASCII.txt", "admin2Codes.txt", "alternateNamesV2.txt", "countryInfo.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], Gazetteer, Path]:
    tmp = tmp_path_factory.mktemp("gaz")
    # the main table as GeoNames ships it: a .txt inside a .zip
    with zipfile.ZipFile(tmp / "cities500.zip", "w") as zf:
        zf.write(FIXTURE / "cities500.txt", "cities500.txt")
        zf.writestr("readme.txt", "not a table")
    out = tmp / "mine.bin"
    counts = import_geonames([tmp / "cities500.zip", *(FIXTURE / t for t in TABLES)], out,
                             min_population=500)
    return counts, open_gazetteer(out), out


def test_counts(built: tuple[dict[str, int], Gazetteer, Path]) -> None:
    counts, gaz, _ = built
    assert counts["city"] == 8  # "Tiny Hamlet" (120 people) is under min_population
    assert counts["admin1"] == 5  # "Nowhere State" has no town to place it
    assert counts["admin2"] == 1
    assert counts["country"] > 200  # a city table has no countries: the packaged ones
    assert len(gaz) == counts["places"]
    assert not gaz.lookup("Tiny Hamlet") and not gaz.lookup("Nowhere State")


def test_names_and_alternates(built: tuple[dict[str, int], Gazetteer, Path]) -> None:
    _, gaz, _ = built
    assert gaz.lookup("Kiev")[0].geonameid == 703448
    assert gaz.lookup("Kyiv")[0].geonameid == 703448
    assert gaz.lookup("Paname")[0].geonameid == 2988507  # from the alternatenames column
    assert gaz.lookup("The Big Peach")[0].geonameid == 4180439  # from alternateNamesV2
    assert gaz.lookup("Rhakotis") == []  # historic names are left out
    assert gaz.lookup("Not In The Table") == []
    assert gaz.lookup("PAR") == [] and not gaz.has_name("https en wikipedia org wiki paris")


def test_subdivisions_get_points_from_their_towns(
        built: tuple[dict[str, int], Gazetteer, Path]) -> None:
    _, gaz, _ = built
    parish = gaz.lookup("Rapides Parish")[0]
    assert (parish.geonameid, parish.feature, parish.country, parish.admin1) == (
        4338356, "admin2", "USA", "LA")
    assert parish.lat == pytest.approx(31.32, abs=0.1)
    assert parish.lon == pytest.approx(-92.44, abs=0.1)
    texas = gaz.lookup("Texas")[0]
    assert (texas.feature, texas.admin1, texas.population) == ("admin1", "TX", 24782)


def test_packaged_english_usage_carried_over(
        built: tuple[dict[str, int], Gazetteer, Path]) -> None:
    _, gaz, _ = built
    us = gaz.lookup("U.S.")[0]
    assert (us.feature, us.country) == ("country", "USA")
    assert gaz.lookup("La.", qualifier=True)[0].name == "Louisiana"
    assert gaz.lookup("La.") == []
    assert gaz.lookup("Ukrainian", demonym=True)[0].country == "UKR"


@pytest.fixture
def use_imported(built: tuple[dict[str, int], Gazetteer, Path],
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(gazetteer.ENV_PATH, str(built[2]))
    gazetteer.load.cache_clear()
    yield
    monkeypatch.delenv(gazetteer.ENV_PATH)
    gazetteer.load.cache_clear()


def test_resolve_reads_the_imported_gazetteer(use_imported: None) -> None:
    assert len(gazetteer.load()) < 1000
    text = "Police in Alexandria, La. and Pineville said the Alexandria fire was arson."
    spans = [(m, m + len(n)) for n in ("Alexandria", "Pineville")
             for m in [text.index(n)]]
    out = geo.resolve(text, spans)
    assert [(p.geonameid, p.admin1) for p in out if p] == [(4314550, "LA"), (4314551, "LA")]


def test_cli_sub_app(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.geo.cli import gazetteer_app

    out = tmp_path / "g.bin"
    files = [str(FIXTURE / "cities500.txt"), *(str(FIXTURE / t) for t in TABLES)]
    result = CliRunner().invoke(gazetteer_app, ["import", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "city 9" in result.output and out.exists()
    bad = CliRunner().invoke(gazetteer_app, ["import", str(tmp_path / "nope.zip")])
    assert bad.exit_code != 0
