"""Build the offline world map of the web UI from Natural Earth 110m countries (public domain).

The outlines come from the ``naturalearth_lowres`` shapefile that geopandas 0.14 ships inside its wheel
(Natural Earth 1:110m Cultural Vectors, "Admin 0 - Countries"; public domain, naturalearthdata.com). This
script is run once by a developer, with network access to PyPI, and its output is committed:

    python scripts/build_world_map.py            # -> src/tidings/api/static/world-110m.json

The shapefile is read with the standard library (no GDAL): polygons, and the ``iso_a3`` and ``name`` fields.
Coordinates are rounded to 0.1 degree, which keeps the file small and is below what 1:110m resolves.
"""

from __future__ import annotations

import itertools
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "src/tidings/api/static/world-110m.json"
DIGITS = 1
# Natural Earth has no ISO code for these; tidings uses its own (see data/actors/countries.yaml).
FIXES = {"Kosovo": "KOS"}


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Records of a dBase III file as dicts of stripped strings."""
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        at = header_len + i * record_len + 1  # skip the deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[at : at + length].decode("utf-8", "replace").strip()
            at += length
        rows.append(row)
    return rows


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def read_shp(data: bytes) -> list[list[list[list[list[float]]]]]:
    """Polygons of a shapefile: per record, a list of polygons, each a list of rings (outer first)."""
    shapes = []
    pos = 100
    while pos < len(data):
        _, words = struct.unpack(">II", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + words * 2]
        pos += 8 + words * 2
        kind = struct.unpack("<i", content[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        points = struct.unpack(f"<{2 * n_points}d", content[base : base + 16 * n_points])
        xy = [[points[2 * i], points[2 * i + 1]] for i in range(n_points)]
        polygons: list[list[list[list[float]]]] = []
        for start, end in zip(parts, [*parts[1:], n_points], strict=True):
            ring = xy[start:end]
            # Shapefile outer rings run clockwise (negative signed area); holes run anticlockwise.
            if _signed_area(ring) <= 0 or not polygons:
                polygons.append([ring])
            else:
                polygons[-1].append(ring)
        shapes.append(polygons)
    return shapes


def _round_ring(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def build(shp: bytes, dbf: bytes) -> dict[str, object]:
    """The GeoJSON FeatureCollection (properties ``iso3`` and ``name``)."""
    features = []
    for record, polygons in zip(read_dbf(dbf), read_shp(shp), strict=True):
        rings = [[_round_ring(r) for r in poly] for poly in polygons]
        rings = [[r for r in poly if len(r) >= 4] for poly in rings]
        rings = [poly for poly in rings if poly]
        if not rings:
            continue
        iso3 = record.get("iso_a3", "")
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso3": FIXES.get(record.get("name", ""), iso3 if iso3 != "-99" else None),
                    "name": record.get("name"),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": rings},
            }
        )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), via the naturalearth_lowres "
        f"shapefile in the {WHEEL} wheel; built by scripts/build_world_map.py",
        "features": features,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-q", "-d", folder], check=True
        )
        wheel = next(Path(folder).glob("geopandas-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            shp, dbf = zf.read(MEMBER + ".shp"), zf.read(MEMBER + ".dbf")
    collection = build(shp, dbf)
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(collection['features'])} countries -> {OUT} ({OUT.stat().st_size} bytes)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
