"""The trigger lexicon: every code exists, every type is reachable, modes are PLOVER 2.0."""

from __future__ import annotations

import csv

from eventwire import ontology
from eventwire.events import triggers
from eventwire.model import PLOVER_TYPES


def test_every_rule_has_a_coded_plover_type():
    rules = [r for lst in triggers.rules().values() for r in lst]
    assert len(rules) > 150
    types = set()
    for r in rules:
        info = ontology.lookup(r.cameo)
        assert info.plover_type in PLOVER_TYPES, r
        assert r.pos in ("V", "N")
        types.add(info.plover_type)
    assert types == set(PLOVER_TYPES)


def test_modes_are_plover_2_modes(shared):
    path = shared / "resources" / "plover" / "PLOVER_structured_codebook.csv"
    with path.open(encoding="utf-8") as fh:
        modes = {(r["event"], r["mode"]) for r in csv.DictReader(fh) if r["mode"]}
    for lst in triggers.rules().values():
        for r in lst:
            if r.mode:
                assert (ontology.lookup(r.cameo).plover_type, r.mode) in modes, r


def test_conditions_are_known():
    known = {"obj", "patient", "prt", "prep", "mod", "noobj", "xcomp", "must"}
    for lst in triggers.rules().values():
        for r in lst:
            assert {k for k, _ in r.require} <= known, r
