"""Build eventwire/api/static/world.json, the country outlines the web UI draws its map on.

Why a build step: the UI must work with no internet (no map tiles, no CDN), so the outlines
ship with the package as one small file derived here once, with its provenance recorded in it.

Input and its licence:

- npm package ``world-atlas`` (version 2.x, ISC licence for the packaging, Mike Bostock):
  ``countries-110m.json``, Natural Earth's Admin 0 country boundaries at 1:110m as TopoJSON.
  Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).

Install it at build time only (nothing is fetched when this script runs):

    npm install --prefix /tmp/wa world-atlas@2
    .venv/bin/python scripts/build_world.py --atlas /tmp/wa/node_modules/world-atlas

Output format (compact, for an equirectangular projection drawn by the UI)::

    {"provenance": {...},
     "countries": [{"id": "250", "name": "France",
                    "rings": [[[lon0, lat0, dlon1, dlat1, ...], ...], ...]}, ...]}

``rings`` holds one list per polygon (outer ring first, then holes); each ring is a flat list
of integer tenths of a degree, the first point absolute and the rest as deltas from the point
before (small numbers keep the file small). Rings that cross the antimeridian are made
continuous, so their longitudes may pass +-180: draw them again shifted by 360 degrees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "eventwire" / "api" / "static" / "world.json"
DEFAULT_ATLAS = Path("/tmp/wa/node_modules/world-atlas")
# Coordinates are kept in tenths of a degree (about 11 km at the equator): the 1:110m outlines
# are coarser than that already.
PRECISION = 10
# Douglas-Peucker tolerance in degrees: drops points a 1280-pixel-wide world map cannot show.
TOLERANCE = 0.05

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Turn TopoJSON's quantized, delta-encoded arcs into lists of (lon, lat) in degrees."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring_of(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Stitch a ring from arc indices; a negative index ~i means arc i walked backwards."""
    ring: list[Point] = []
    for index in indices:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        # Consecutive arcs share their joining point; keep it once.
        ring.extend(arc[1:] if ring else arc)
    return ring


def unwrap(ring: list[Point]) -> list[Point]:
    """Make a ring that crosses the antimeridian continuous (longitudes may pass +-180).

    A flat map would otherwise draw a line across the whole world where the ring jumps from
    +180 to -180; the UI draws such a ring a second time shifted by 360 degrees. A ring that
    winds around a pole (Antarctica) is left as it is: it closes only with its jump.
    """
    out: list[Point] = []
    shift = 0.0
    for i, (lon, lat) in enumerate(ring):
        if i:
            step = lon + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((lon + shift, lat))
    if abs(out[-1][0] - out[0][0]) > 180:
        return ring
    middle = (min(p[0] for p in out) + max(p[0] for p in out)) / 2
    if middle > 180:
        out = [(lon - 360, lat) for lon, lat in out]
    elif middle < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return out


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on an open polyline (iterative, so long rings cannot overflow the stack)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance and worst_at > 0:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def encode_ring(ring: list[Point], tolerance: float = TOLERANCE) -> list[int] | None:
    """Simplify, round to tenths of a degree and delta-encode one closed ring; None if it vanishes."""
    # Split the closed ring at its farthest point so both halves keep their ends.
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - ring[0][0],
                                                         ring[i][1] - ring[0][1]))
    half = simplify(ring[: far + 1], tolerance) + simplify(ring[far:], tolerance)[1:]
    rounded: list[tuple[int, int]] = []
    for lon, lat in half:
        point = (round(lon * PRECISION), round(lat * PRECISION))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()  # the UI closes every ring itself
    if len(rounded) < 3:
        return None
    flat = [rounded[0][0], rounded[0][1]]
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def countries(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per country with its polygons as encoded rings."""
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        encoded = []
        for polygon in polygons:
            rings = [encode_ring(unwrap(ring_of(r, arcs))) for r in polygon]
            if rings and rings[0] is not None:  # an outer ring too small to draw drops its holes
                encoded.append([r for r in rings if r is not None])
        if encoded:
            out.append({"id": geometry.get("id"),
                        "name": (geometry.get("properties") or {}).get("name"),
                        "rings": encoded})
    return out


def build(atlas: Path) -> dict[str, Any]:
    """Read the installed world-atlas package and return the compact outline document."""
    source = atlas / "countries-110m.json"
    if not source.exists():
        raise SystemExit(f"{source} not found: run 'npm install --prefix /tmp/wa world-atlas@2' "
                         "and pass --atlas /tmp/wa/node_modules/world-atlas")
    package = json.loads((atlas / "package.json").read_text(encoding="utf-8"))
    topology = json.loads(source.read_text(encoding="utf-8"))
    return {
        "provenance": {
            "source": f"npm world-atlas@{package.get('version')} countries-110m.json",
            "data": "Natural Earth Admin 0 country boundaries, 1:110m (naturalearthdata.com)",
            "licence": "Natural Earth: public domain; world-atlas packaging: ISC",
            "built": dt.date.today().isoformat(),
            "builder": "scripts/build_world.py",
            "format": "rings are flat [lon0,lat0,dlon,dlat,...] in tenths of a degree, "
                      f"Douglas-Peucker {TOLERANCE} degrees",
        },
        "countries": countries(topology),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--atlas", type=Path, default=DEFAULT_ATLAS,
                        help="folder of the installed world-atlas npm package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    doc = build(args.atlas)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in doc["countries"] for p in c["rings"] for r in p)
    print(f"wrote {args.out} ({len(text) / 1024:.0f} KB, {len(doc['countries'])} countries, "
          f"{points} points)")


if __name__ == "__main__":
    main()
