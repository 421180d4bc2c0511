"""The one CAMEO/PLOVER table: complete, consistent with its sources, and quad-correct."""

from __future__ import annotations

import csv
import re

import pytest

from eventwire import ontology
from eventwire.model import PLOVER_TYPES


def _cameo_codes(shared) -> list[str]:
    lines = (shared / "resources" / "cameo" / "CAMEO.eventcodes.txt").read_text(encoding="utf-8")
    return [ln.split("\t")[0] for ln in lines.splitlines()[1:] if ln.strip()]


def test_every_cameo_code_maps(shared):
    codes = _cameo_codes(shared)
    assert len(codes) == 311
    for code in codes:
        info = ontology.lookup(code)
        assert info.cameo == code
        if code.startswith("01"):
            assert info.plover_type is None  # statements: PLOVER has no type for them
        else:
            assert info.plover_type in PLOVER_TYPES, code
    assert {c.plover_type for c in ontology.all_codes()} - {None} == set(PLOVER_TYPES)


@pytest.mark.parametrize(("code", "quad"), [
    ("010", 0), ("0214", 0), ("036", 1), ("057", 1), ("062", 2), ("0874", 2),
    ("090", 3), ("1123", 3), ("138", 3), ("141", 4), ("163", 4), ("195", 4), ("2042", 4),
])
def test_quad_from_root(code, quad):
    assert ontology.lookup(code).quad == quad


def test_every_quad_follows_the_root():
    for info in ontology.all_codes():
        root = int(info.cameo[:2])
        expected = 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert info.quad == expected, info.cameo


def test_intensity_and_name_come_from_gdelt_tables(shared):
    lines = (shared / "resources" / "cameo" / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]
    gold = dict(ln.split("\t") for ln in lines if ln.strip())
    for code, value in gold.items():
        assert ontology.lookup(code).intensity == float(value)
    assert ontology.lookup("195").intensity == -10.0
    assert ontology.lookup("044").name == "Meet at a 'third' location"


def test_plover_rows_match_source_except_documented_overrides(shared):
    src = (shared / "resources" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    first: dict[str, str] = {}
    for line in src.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            first.setdefault(m.group(1), m.group(2))
    from importlib import resources
    over_text = resources.files("eventwire.ontology").joinpath("cameo_plover_overrides.tsv").read_text()
    over = {r["cameo"] for r in csv.DictReader(
        [ln for ln in over_text.splitlines() if not ln.startswith("#")], delimiter="\t")}
    for code, ptype in first.items():
        if code in ("1213", "1214"):  # not CAMEO codes
            continue
        if code not in over:
            assert ontology.lookup(code).plover_type == ptype, code
    assert first["163"] == "COERCE" and ontology.lookup("163").plover_type == "SANCTION"
    assert ontology.lookup("0813").plover_type == "RETREAT"  # the odd line under RETREAT
    assert ontology.lookup("08").plover_type == "CONCEDE"    # first of the two '08:' headers


def test_appeals_mirror_demands():
    assert ontology.lookup("0232").plover_type == "REQUEST"
    assert ontology.lookup("0232").mode == ontology.lookup("1032").mode == "assist"
    assert ontology.lookup("0232").contexts == ("military",)


def test_plover_default_cameo_round_trips():
    for ptype in PLOVER_TYPES:
        assert ontology.lookup(ontology.plover_default_cameo(ptype)).plover_type == ptype
    assert ontology.plover_default_cameo("ACCUSE") == "11"
    assert ontology.plover_default_cameo("assault", "aerial") == "195"
    assert ontology.lookup(ontology.plover_default_cameo("CONSULT", "phone")).mode == "phone"
    with pytest.raises(KeyError):
        ontology.plover_default_cameo("STATEMENT")
    with pytest.raises(KeyError):
        ontology.lookup("999")


def test_intent_codes_are_agree():
    assert ontology.intent_cameo("062") == "0312"
    assert ontology.intent_cameo("042") == "036"
    assert ontology.intent_cameo("195") is None
    assert ontology.lookup(ontology.intent_cameo("0841")).plover_type == "AGREE"


def test_modes_are_plover_2_modes(shared):
    path = shared / "resources" / "plover" / "PLOVER_structured_codebook.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    modes = {(r["event"], r["mode"]) for r in rows if r["mode"]}
    for info in ontology.all_codes():
        if info.mode:
            assert (info.plover_type, info.mode) in modes, (info.cameo, info.mode)


def test_threat_codes_mirror_the_conflictual_acts():
    assert ontology.threat_cameo("143") == "133"  # boycott -> threaten protest
    assert ontology.threat_cameo("163") == "1312"  # sanctions -> threaten sanctions
    assert ontology.threat_cameo("1723") == "1323"  # curfew -> threaten a curfew
    assert ontology.threat_cameo("195") == "1384"
    # made conditional ("will withdraw its force unless ..."): threats to halt involvement
    assert ontology.threat_cameo("0872") == "136" and ontology.threat_cameo("165") == "135"
    assert ontology.threat_cameo("042") is None  # a visit is no threat
    for code in ("14", "16", "17", "18", "19", "20", "1724", "204"):
        assert ontology.lookup(ontology.threat_cameo(code)).plover_type == "THREATEN"
