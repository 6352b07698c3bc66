"""Runtime helpers for the committed GeoJSON boundary (json + shapely only, no geopandas).

The map draws the oblast outline as a ``go.Scattergeo(mode="lines")`` trace, which renders offline
without any topojson download, and uses :func:`contains` to check settlement coordinates.
GeoJSON dicts passed to these functions are treated as read-only; what is derived from a loaded layer
(:class:`GeoJSON`) is kept with it (:mod:`dashboard.data.memo`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from dashboard.data.memo import cached

GEOMETRY_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}
)


class GeoJSON(dict):
    """A loaded GeoJSON layer: the dict, and what has been derived from it (outline arrays, bounds, prepared
    polygons), computed once per layer."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.cache: dict[str, Any] = {}


class GeoDataError(ValueError):
    """A GeoJSON file is missing, unreadable or not GeoJSON."""


def load_geojson(path: Path) -> GeoJSON:
    """Read a GeoJSON file; raise :class:`GeoDataError` naming the file if it cannot be used."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise GeoDataError(f"GeoJSON file {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise GeoDataError(
            f"GeoJSON file {path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoDataError(f"GeoJSON file {path} cannot be read: {exc}") from exc

    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        if not isinstance(data.get("features"), list):
            raise GeoDataError(f"GeoJSON file {path} is a FeatureCollection without a 'features' list")
    elif kind != "Feature" and kind not in GEOMETRY_TYPES:
        found = f"type {kind!r}" if isinstance(data, dict) else f"a JSON {type(data).__name__}"
        raise GeoDataError(f"GeoJSON file {path} is not GeoJSON: expected a FeatureCollection, found {found}")
    return GeoJSON(data)


def _geometries(geojson: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Geometry dicts of a FeatureCollection, Feature or bare geometry; null geometries are skipped."""
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        for feature in geojson.get("features", []):
            yield from _geometries(feature)
    elif kind == "Feature":
        if geojson.get("geometry"):
            yield from _geometries(geojson["geometry"])
    elif kind == "GeometryCollection":
        for geometry in geojson.get("geometries", []):
            yield from _geometries(geometry)
    elif kind in GEOMETRY_TYPES:
        yield geojson


def _polygons(geojson: dict[str, Any]) -> Iterator[list[list[list[float]]]]:
    """Each polygon as its list of rings (exterior first), from Polygon and MultiPolygon geometries."""
    for geometry in _geometries(geojson):
        if geometry["type"] == "Polygon":
            yield geometry["coordinates"]
        elif geometry["type"] == "MultiPolygon":
            yield from geometry["coordinates"]


def outline_lonlat(geojson: dict[str, Any]) -> tuple[list[float | None], list[float | None]]:
    """All polygon rings as lon and lat lists with ``None`` between rings, for a Scattergeo line trace."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for polygon in _polygons(geojson):
        for ring in polygon:
            if lons:
                lons.append(None)
                lats.append(None)
            lons.extend(float(point[0]) for point in ring)
            lats.extend(float(point[1]) for point in ring)
    return lons, lats


def outline_array(geojson: dict[str, Any]) -> np.ndarray:
    """:func:`outline_lonlat` as one read-only 2 × n float array (NaN between rings), once per GeoJSON dict:
    every filter change draws the map from it."""
    def compute() -> np.ndarray:
        lonlat = np.array(outline_lonlat(geojson), dtype=float).reshape(2, -1)
        lonlat.flags.writeable = False
        return lonlat

    return cached(geojson, "outline", compute)


def _prepared_polygons(geojson: dict[str, Any]) -> list[BaseGeometry]:
    """Prepared shapely polygons of a GeoJSON dict."""
    def compute() -> list[BaseGeometry]:
        geometries = [shape({"type": "Polygon", "coordinates": rings}) for rings in _polygons(geojson)]
        shapely.prepare(geometries)
        return geometries

    return cached(geojson, "prepared", compute)


def contains(geojson: dict[str, Any], lat: float, lon: float) -> bool:
    """Whether the point lies in any polygon of the GeoJSON (points on a boundary count as inside)."""
    return any(shapely.intersects_xy(geometry, lon, lat) for geometry in _prepared_polygons(geojson))


def bounds(geojson: dict[str, Any]) -> tuple[float, float, float, float]:
    """Bounding box ``(min_lon, min_lat, max_lon, max_lat)`` of all geometries."""
    def compute() -> tuple[float, float, float, float]:
        geometries = [shape(geometry) for geometry in _geometries(geojson)]
        if not geometries:
            raise GeoDataError("GeoJSON has no geometries, so it has no bounds")
        min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(geometries)
        return float(min_lon), float(min_lat), float(max_lon), float(max_lat)

    return cached(geojson, "bounds", compute)


def _lines(geojson: dict[str, Any]) -> Iterator[list[list[float]]]:
    """Each ring of the polygons and each line of the line strings."""
    for geometry in _geometries(geojson):
        kind, coordinates = geometry["type"], geometry["coordinates"]
        if kind == "LineString":
            yield coordinates
        elif kind in ("MultiLineString", "Polygon"):
            yield from coordinates
        elif kind == "MultiPolygon":
            for polygon in coordinates:
                yield from polygon


def _of_kind(geojson: dict[str, Any], kind: str | None) -> dict[str, Any]:
    if kind is None or geojson.get("type") != "FeatureCollection":
        return geojson
    return {"type": "FeatureCollection",
            "features": [f for f in geojson["features"] if (f.get("properties") or {}).get("kind") == kind]}


def path_array(geojson: dict[str, Any], kind: str | None = None,
               clip: tuple[float, float, float, float] | None = None) -> np.ndarray:
    """Every ring and line of a layer (of its features whose ``kind`` property is ``kind``, when given; cut to
    the box ``clip`` = (min_lon, min_lat, max_lon, max_lat), when given) as one read-only 2 × n float array, NaN
    between parts (a line trace draws them apart; a ``fill="toself"`` trace fills each ring), once per layer,
    kind and box."""
    def compute() -> np.ndarray:
        layer = _of_kind(geojson, kind)
        if clip is None:
            parts = [np.asarray(line, dtype=float)[:, :2] for line in _lines(layer)]
        else:
            cut = [shapely.clip_by_rect(shape(geometry), *clip) for geometry in _geometries(layer)]
            pieces = shapely.get_parts(cut)
            rings = [shapely.get_rings(piece) if piece.geom_type == "Polygon" else [piece] for piece in pieces]
            parts = [shapely.get_coordinates(line) for group in rings for line in group if not line.is_empty]
        gap = np.full((1, 2), np.nan)
        joined = np.concatenate([piece for part in parts for piece in (part, gap)][:-1]) if parts else np.empty((0, 2))
        lonlat = joined.T.copy()
        lonlat.flags.writeable = False
        return lonlat

    return cached(geojson, f"paths:{kind}:{clip}", compute)


def labels(geojson: dict[str, Any], lang: str) -> list[tuple[str, float, float]]:
    """``(name, lon, lat)`` of the features a layer names: at their ``label_lon``/``label_lat``, else at a point
    feature's own position."""
    def compute() -> list[tuple[str, float, float]]:
        named = []
        for feature in geojson.get("features", []) if geojson.get("type") == "FeatureCollection" else []:
            properties, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
            name = properties.get(f"name_{lang}")
            if not name:
                continue
            if properties.get("label_lon") is not None:
                named.append((name, float(properties["label_lon"]), float(properties["label_lat"])))
            elif geometry.get("type") == "Point":
                named.append((name, float(geometry["coordinates"][0]), float(geometry["coordinates"][1])))
        return named

    return cached(geojson, f"labels:{lang}", compute)


def place_names(towns: pd.DataFrame, span_deg: float, aspect: float, char_width: float, line_height: float,
                width: float, within: tuple[float, float, float, float] | None = None,
                marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`place_name_records` of a frame (``centred`` an optional column): the rows whose names fit, each
    with its ``position``."""
    records = towns.assign(centred=towns.get("centred", False)).to_dict("records")
    placed = place_name_records(records, span_deg, aspect, char_width, line_height, width, within,
                                [] if marks is None else marks[["lon", "lat", "size"]].to_dict("records"))
    return towns.iloc[[row for row, _position in placed]].assign(position=[position for _row, position in placed])


def place_name_records(towns: list[dict], span_deg: float, aspect: float, char_width: float, line_height: float,
                       width: float, within: tuple[float, float, float, float] | None = None,
                       marks: Sequence[dict] = ()) -> list[tuple[int, str]]:
    """The towns whose names fit, as (index in ``towns``, side of its name): "middle right", or "middle left"
    for a town drawn as a ``dot`` (a town with points has its points in a row on its left), or "middle center"
    for a name ``centred`` on its point (a region's, a lake's).

    Each of ``towns`` has ``name``, ``lon``, ``lat``, ``size`` (the widest mark's diameter), ``dot`` and
    ``centred``, most important first; the picture is ``width`` units (pixels, points) wide for ``span_deg``
    degrees of longitude, and a name's box ``char_width`` per character by ``line_height``. A name that would
    overlap one placed before it, or stand out of ``within`` (lon0, lat0, lon1, lat1: what the picture shows),
    or over a town's mark (its own or one of the unnamed ``marks``: ``lon``, ``lat``, ``size``), tries the left,
    then is left out. Plain Python over a few dozen names: pandas' cost per operation would be most of a map's
    drawing."""
    scale = width / span_deg
    placed: list[tuple[float, float, float, float]] = []
    for mark in [*towns, *marks]:
        x, y, size = mark["lon"] * scale, mark["lat"] * aspect * scale, mark["size"]
        if size > 0:
            placed.append((x - size / 2, y - size / 2, x + size / 2, y + size / 2))
    kept = []
    lon0, lat0, lon1, lat1 = within or (-np.inf, -np.inf, np.inf, np.inf)
    bounds = (lon0 * scale, lat0 * aspect * scale, lon1 * scale, lat1 * aspect * scale)
    for row, town in enumerate(towns):
        x, y = town["lon"] * scale, town["lat"] * aspect * scale
        text = len(town["name"]) * char_width + 4
        sides = [("middle right", x + town["size"] / 2), ("middle left", x - town["size"] / 2 - text)]
        if town["centred"]:
            sides = [("middle center", x - text / 2)]
        for position, left in sides if town["dot"] else sides[:1]:
            box = (left, y - line_height / 2, left + text, y + line_height / 2)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                  for b in placed):
                placed.append(box)
                kept.append((row, position))
                break
    return kept
