"""Build eventwire/ontology/cameo_plover.tsv: the one CAMEO -> PLOVER/quad/intensity table.

Every event's CAMEO code, PLOVER type, mode, contexts, quad class and intensity come
from this single table, so they can never disagree.

Inputs (read only here, never at run time):

- ``../shared/resources/plover/CAMEO2PLOVER-2021.txt`` -- openeventdata/PLOVER commit
  5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f, CAMEO -> PLOVER type, mode, contexts.
  License: CC BY-SA 4.0. The derived table is therefore shared under CC BY-SA 4.0 too.
- ``../shared/resources/cameo/CAMEO.eventcodes.txt`` and ``CAMEO.goldsteinscale.txt`` --
  GDELT lookup tables (copied in mpiccirilli/UNDP-BCPR-Project commit
  e009a802f0e801526a6ff9a70d452b5cecd7ccb6): code names and Goldstein intensities.
- ``eventwire/ontology/cameo_plover_overrides.tsv`` -- our own corrections, one reason each.

Rules:

- the 2021 table's comments (after ``#``) and stray notes are dropped; its ``NN:`` headers
  give the root codes; a code listed twice keeps its first row (``08`` is CONCEDE, the
  header ``08: RETREAT`` only groups 084-087); codes listed under another root
  (``0813`` under RETREAT, ``175`` under ASSAULT) keep the row they have;
- CAMEO 01x (public statements) have no PLOVER type: PLOVER does not code statements;
- CAMEO 02x (appeals) are not in the 2021 table; PLOVER 2.0 folds appeals into REQUEST, and
  02x mirrors 10x digit for digit (021 appeal for material cooperation, 101 demand it ...),
  so 02x takes the mode and contexts of the matching 10x code;
- codes in the 2021 table but not in CAMEO (1213, 1214) are left out;
- quad (CAMEO pentaclass) from the root: 0 for 01-02, 1 for 03-05, 2 for 06-08,
  3 for 09-13, 4 for 14-20.

Run: ``.venv/bin/python scripts/build_ontology.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "eventwire" / "ontology"
TABLE = OUT_DIR / "cameo_plover.tsv"
OVERRIDES = OUT_DIR / "cameo_plover_overrides.tsv"
SOURCES_MD = OUT_DIR / "SOURCES.md"

PLOVER_COMMIT = "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f"
GDELT_COPY_COMMIT = "e009a802f0e801526a6ff9a70d452b5cecd7ccb6"

ROW = re.compile(r"^(\d{2,4}):\s*(.*)$")


def quad_of(code: str) -> int:
    """CAMEO pentaclass from the two-digit root."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_tsv_codes(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    out: dict[str, str] = {}
    for line in rows:
        if line.strip():
            code, value = line.split("\t", 1)
            out[code.strip()] = value.strip()
    return out


def clean_name(name: str) -> str:
    # GDELT's copy carries mojibake for 044 ("Meet at a 'third' location").
    return name.replace("\u00d2hird\u00d3", " 'third' ").replace("  ", " ").strip()


def read_plover(path: Path) -> tuple[dict[str, tuple[str, str, list[str]]], list[str]]:
    """Parse the 2021 table: code -> (type, mode, contexts); also the duplicate notes."""
    table: dict[str, tuple[str, str, list[str]]] = {}
    notes: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = ROW.match(raw.strip())
        if not m:
            continue
        code, rest = m.groups()
        body = rest.split("#", 1)[0]
        parts = [p.strip() for p in body.split(",")]
        ptype = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        contexts = [c.strip() for c in parts[2].split(";")] if len(parts) > 2 else []
        contexts = [c for c in contexts if c]
        if code in table:
            notes.append(f"{code}: listed again as {ptype!r}; first row kept ({table[code][0]})")
            continue
        table[code] = (ptype, mode, contexts)
    return table, notes


def read_overrides(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def build(shared: Path) -> list[dict[str, str]]:
    plover, notes = read_plover(shared / "resources" / "plover" / "CAMEO2PLOVER-2021.txt")
    names = read_tsv_codes(shared / "resources" / "cameo" / "CAMEO.eventcodes.txt")
    gold = read_tsv_codes(shared / "resources" / "cameo" / "CAMEO.goldsteinscale.txt")
    overrides = {o["cameo"]: o for o in read_overrides(OVERRIDES)}
    rows: list[dict[str, str]] = []
    for code in sorted(names, key=lambda c: (c[:2], c)):
        source = "CAMEO2PLOVER-2021"
        if code.startswith("01"):
            ptype, mode, contexts = "", "", []
            source = "none: PLOVER does not code statements"
        elif code.startswith("02"):
            ptype, mode, contexts = plover["10" + code[2:]]
            source = f"derived from {'10' + code[2:]} (appeal mirrors demand)"
        else:
            ptype, mode, contexts = plover[code]
        if code in overrides:
            o = overrides[code]
            ptype = o["plover_type"]
            mode = mode if o["mode"] == "=" else o["mode"]
            if o["contexts"] != "=":
                contexts = [c.strip() for c in o["contexts"].split(";") if c.strip()]
            source = "override: " + o["reason"]
        rows.append({
            "cameo": code,
            "plover_type": ptype,
            "mode": mode.strip(),
            "contexts": ";".join(contexts),
            "quad": str(quad_of(code)),
            "intensity": gold[code],
            "name": clean_name(names[code]),
            "source": source,
        })
    for note in notes:
        print("note:", note)
    return rows


def write(rows: list[dict[str, str]]) -> None:
    header = [
        "# CAMEO -> PLOVER 2.0 type/mode/contexts, CAMEO quad class and Goldstein intensity.",
        "# Generated by scripts/build_ontology.py -- do not edit by hand; see SOURCES.md.",
        f"# PLOVER mapping: openeventdata/PLOVER CAMEO2PLOVER-2021.txt @ {PLOVER_COMMIT}, CC BY-SA 4.0.",
        f"# Names, intensities: GDELT CAMEO lookup tables (copy @ mpiccirilli/UNDP-BCPR-Project {GDELT_COPY_COMMIT}).",
        "# This derived table is shared under CC BY-SA 4.0.",
    ]
    cols = list(rows[0])
    with TABLE.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(header) + "\n")
        writer = csv.DictWriter(fh, fieldnames=cols, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    SOURCES_MD.write_text(
        "# Sources of the ontology tables\n\n"
        "## cameo_plover.tsv (generated by `scripts/build_ontology.py`)\n\n"
        f"- CAMEO -> PLOVER type, mode, contexts: `CAMEO2PLOVER-2021.txt` from "
        f"https://github.com/openeventdata/PLOVER at commit `{PLOVER_COMMIT}`. "
        "License: **CC BY-SA 4.0** (Creative Commons Attribution-ShareAlike 4.0); the derived "
        "table is shared under the same license. Attribution: the PLOVER project, "
        "Open Event Data Alliance (table edited by Philip Schrodt).\n"
        "- CAMEO code names and Goldstein intensities: GDELT's lookup tables "
        "`CAMEO.eventcodes.txt` and `CAMEO.goldsteinscale.txt` (gdeltproject.org/data/lookups/, "
        f"as copied in https://github.com/mpiccirilli/UNDP-BCPR-Project at `{GDELT_COPY_COMMIT}`; "
        "no license file). The CAMEO codebook itself is by Schrodt, Gerner et al.\n"
        "- Corrections: `cameo_plover_overrides.tsv` (ours, one reason per row).\n"
        "- Appeals (CAMEO 02x) are not in the 2021 table; they take the mode and contexts of the "
        "matching demand code 10x (PLOVER 2.0 REQUEST covers both). Statements (CAMEO 01x) have "
        "no PLOVER type.\n\n"
        "## intent_codes.tsv, cameo_plover_overrides.tsv\n\n"
        "Written by the eventwire authors (MIT, like the package).\n",
        encoding="utf-8",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    rows = build(args.shared)
    write(rows)
    print(f"wrote {len(rows)} codes to {TABLE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
