"""The gazetteer's on-disk form: one zlib stream of typed columns, quick to load.

Layout: 4-byte little-endian header length, a JSON header (meta, the country-code and
feature tables, and the list of sections with their array typecode and byte length), then
the sections' bytes in that order. Place columns are in geonameid order (ids stored as
deltas, so they compress); text columns are "\\n"-joined. Names are a sorted list of
normalized keys, with ``post_off`` giving each key's slice of ``postings`` (place row << 3 |
name kind). Arrays load with ``frombytes`` and names with one ``split``, so a 300k-place
gazetteer opens in a fraction of a second with no parsing per place.

Written by ``scripts/build_gazetteer.py`` and by ``eventwire.geo.importer`` (a full GeoNames
dump), read by ``eventwire.geo.gazetteer``.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

FEATURES = ("continent", "country", "admin1", "admin2", "city", "region")
NO_COORD = -(2**31)
MAX_POP = 2**32 - 1
_LITTLE = sys.byteorder == "little"


def _array_bytes(typecode: str, values: list[int]) -> bytes:
    arr = array(typecode, values)
    if not _LITTLE:  # pragma: no cover - files are little-endian everywhere
        arr.byteswap()
    return arr.tobytes()


def write_store(out: Path | BinaryIO, places: dict[int, list[Any]],
                names: dict[str, dict[int, int]], meta: dict[str, Any]) -> None:
    """Write places (gid -> [name, feature, pop, country3, admin1, admin2, lat, lon]) and
    names (normalized key -> {gid: kind}) to ``out``."""
    ids = sorted(places)
    row_of = {gid: i for i, gid in enumerate(ids)}
    countries = sorted({p[3] for p in places.values() if p[3]})
    cidx = {c: i + 1 for i, c in enumerate(countries)}

    def coord(v: float | None) -> int:
        return NO_COORD if v is None else round(v * 10_000)

    keys = sorted(k for k, hits in names.items() if hits)
    offsets, postings = [0], []
    for key in keys:
        for gid, kind in sorted(names[key].items()):
            if gid in row_of:
                postings.append(row_of[gid] << 3 | kind)
        offsets.append(len(postings))

    def text(values: list[str | None]) -> bytes:
        return "\n".join(v or "" for v in values).encode("utf-8")

    sections: list[tuple[str, str, bytes]] = [
        ("gid", "I", _array_bytes("I", [b - a for a, b in zip([0, *ids], ids, strict=False)])),
        ("feature", "B", _array_bytes("B", [FEATURES.index(places[g][1]) for g in ids])),
        ("population", "I", _array_bytes("I", [min(int(places[g][2] or 0), MAX_POP)
                                               for g in ids])),
        ("country", "H", _array_bytes("H", [cidx.get(places[g][3], 0) for g in ids])),
        ("lat", "i", _array_bytes("i", [coord(places[g][6]) for g in ids])),
        ("lon", "i", _array_bytes("i", [coord(places[g][7]) for g in ids])),
        ("name", "text", text([places[g][0] for g in ids])),
        ("admin1", "text", text([places[g][4] for g in ids])),
        ("admin2", "text", text([places[g][5] for g in ids])),
        ("keys", "text", text(keys)),
        ("post_off", "I", _array_bytes("I", offsets)),
        ("postings", "I", _array_bytes("I", postings)),
    ]
    header = json.dumps({"meta": meta, "countries": countries, "features": list(FEATURES),
                         "sections": [[n, t, len(b)] for n, t, b in sections]},
                        ensure_ascii=True, separators=(",", ":")).encode("ascii")
    raw = b"".join([struct.pack("<I", len(header)), header, *(b for _, _, b in sections)])
    blob = zlib.compress(raw, 9)
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob)
    else:
        out.write(blob)


def read_store(blob: bytes) -> dict[str, Any]:
    """Sections of a stored gazetteer: arrays, lists of str, plus ``meta``/``countries``."""
    raw = zlib.decompress(blob)
    (n,) = struct.unpack_from("<I", raw, 0)
    header = json.loads(raw[4:4 + n])
    pos = 4 + n
    out: dict[str, Any] = {"meta": header["meta"], "countries": [None, *header["countries"]],
                           "features": tuple(header["features"])}
    for name, typecode, size in header["sections"]:
        chunk = raw[pos:pos + size]
        pos += size
        if typecode == "text":
            out[name] = chunk.decode("utf-8").split("\n")
        else:
            arr = array(typecode)
            arr.frombytes(chunk)
            if not _LITTLE:  # pragma: no cover
                arr.byteswap()
            out[name] = arr
    out["gid"] = array("I", accumulate(out["gid"]))
    return out
