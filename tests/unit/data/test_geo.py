"""Tests for dashboard/data/geo.py, the shipped oblast boundary and data/settlements.csv."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dashboard.data.geo import (
    GeoDataError,
    GeoJSON,
    bounds,
    contains,
    labels,
    load_geojson,
    outline_array,
    outline_lonlat,
    path_array,
    place_names,
)

ROOT = Path(__file__).resolve().parents[3]
BOUNDARY = ROOT / "data" / "geo" / "irkutsk_oblast.geojson"
SETTLEMENTS = ROOT / "data" / "settlements.csv"
REQUIRED_IDS = {
    "irkutsk",
    "usolye-sibirskoye",
    "shelekhov",
    "angarsk",
    "moscow",
    "dubna",
    "ulyanovsk",
    "nizhny-novgorod",
}
# Russian alphabet only (U+0410-U+044F plus Yo); words joined by a space, hyphen or dot.
RUSSIAN_NAME = re.compile("[\u0410-\u044f\u0401\u0451]+(?:[ .-][\u0410-\u044f\u0401\u0451]+)*")


def square(x0: float, y0: float, size: float) -> list[list[float]]:
    """Closed counter-clockwise square ring."""
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def feature(geometry: dict[str, Any] | None, name: str) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"name": name}, "geometry": geometry}


@pytest.fixture
def fixture_geojson() -> dict[str, Any]:
    """A 10x10 square with a 2x2 hole, and a MultiPolygon of two 1x1 squares, plus ignorable features."""
    holed = {"type": "Polygon", "coordinates": [square(0, 0, 10), list(reversed(square(4, 4, 2)))]}
    multi = {"type": "MultiPolygon", "coordinates": [[square(20, 0, 1)], [square(30, 5, 1)]]}
    return {
        "type": "FeatureCollection",
        "features": [
            feature(holed, "holed"),
            feature(None, "no geometry"),
            feature(multi, "multi"),
            feature({"type": "Point", "coordinates": [50.0, -3.0]}, "point"),
        ],
    }


@pytest.fixture(scope="module")
def oblast() -> dict[str, Any]:
    return load_geojson(BOUNDARY)


@pytest.fixture(scope="module")
def settlements() -> list[dict[str, str]]:
    with SETTLEMENTS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- outline_lonlat -----------------------------------------------------------------------------


def test_outline_lonlat_separates_and_covers_every_ring(fixture_geojson: dict[str, Any]) -> None:
    lons, lats = outline_lonlat(fixture_geojson)
    rings = [
        square(0, 0, 10),
        list(reversed(square(4, 4, 2))),
        square(20, 0, 1),
        square(30, 5, 1),
    ]
    expected_lons: list[float | None] = []
    expected_lats: list[float | None] = []
    for i, ring in enumerate(rings):
        if i:
            expected_lons.append(None)
            expected_lats.append(None)
        expected_lons += [float(x) for x, _ in ring]
        expected_lats += [float(y) for _, y in ring]
    assert lons == expected_lons
    assert lats == expected_lats
    assert lons.count(None) == len(rings) - 1
    assert all(isinstance(v, float) for v in lons + lats if v is not None)


def test_outline_lonlat_of_shipped_boundary(oblast: dict[str, Any]) -> None:
    lons, lats = outline_lonlat(oblast)
    rings = [ring for f in oblast["features"] for ring in _rings(f["geometry"])]
    assert len(lons) == len(lats) == sum(len(r) for r in rings) + len(rings) - 1
    assert lons.count(None) == lats.count(None) == len(rings) - 1
    assert len(lons) > 500  # a real outline, not a bounding box
    assert (lons[0], lats[0]) == (rings[0][0][0], rings[0][0][1])


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def test_outline_lonlat_empty_collection() -> None:
    assert outline_lonlat({"type": "FeatureCollection", "features": []}) == ([], [])


# --- contains -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (1.0, 1.0, True),  # in the holed square
        (5.0, 5.0, False),  # in its hole
        (9.5, 9.5, True),
        (0.5, 20.5, True),  # first part of the MultiPolygon
        (5.5, 30.5, True),  # second part
        (0.5, 25.0, False),  # between the parts
        (-3.0, 50.0, False),  # on the Point feature: points have no area
        (1.0, -1.0, False),
        (0.0, 5.0, True),  # on the boundary
    ],
)
def test_contains_fixture(fixture_geojson: dict[str, Any], lat: float, lon: float, inside: bool) -> None:
    assert contains(fixture_geojson, lat, lon) is inside


def test_contains_does_not_mix_up_geojson_objects(fixture_geojson: dict[str, Any]) -> None:
    shifted = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [square(100, 0, 1)]},
    }
    assert contains(fixture_geojson, 1.0, 1.0)
    assert not contains(shifted, 1.0, 1.0)
    assert contains(shifted, 0.5, 100.5)
    assert not contains(fixture_geojson, 0.5, 100.5)


def test_every_irkutsk_settlement_is_inside_the_outline(
    oblast: dict[str, Any], settlements: list[dict[str, str]]
) -> None:
    irkutsk = [s for s in settlements if s["region_code"] == "RU-IRK"]
    assert len(irkutsk) >= 40
    outside = [s["settlement_id"] for s in irkutsk if not contains(oblast, float(s["lat"]), float(s["lon"]))]
    assert outside == []


def test_other_regions_are_outside_the_outline(
    oblast: dict[str, Any], settlements: list[dict[str, str]]
) -> None:
    others = [s for s in settlements if s["region_code"] != "RU-IRK"]
    assert {s["settlement_id"] for s in others} >= {"moscow", "dubna", "ulyanovsk", "nizhny-novgorod"}
    for s in others:
        assert not contains(oblast, float(s["lat"]), float(s["lon"])), s["settlement_id"]
    assert not contains(oblast, 55.7520, 37.6178)  # Moscow
    assert not contains(oblast, 51.8335, 107.5841)  # Ulan-Ude, Buryatia, across Lake Baikal
    assert not contains(oblast, 56.0097, 92.7917)  # Krasnoyarsk


# --- bounds -------------------------------------------------------------------------------------


def test_bounds_fixture(fixture_geojson: dict[str, Any]) -> None:
    assert bounds(fixture_geojson) == (0.0, -3.0, 50.0, 10.0)


def test_bounds_of_shipped_boundary(oblast: dict[str, Any]) -> None:
    min_lon, min_lat, max_lon, max_lat = bounds(oblast)
    # Natural Earth RU-IRK: lon 95.653-119.133 E, lat 51.132-64.300 N (simplification may shave a little).
    assert min_lon == pytest.approx(95.65, abs=0.05)
    assert max_lon == pytest.approx(119.13, abs=0.05)
    assert min_lat == pytest.approx(51.13, abs=0.05)
    assert max_lat == pytest.approx(64.30, abs=0.05)


def test_bounds_without_geometries_raises() -> None:
    with pytest.raises(GeoDataError):
        bounds({"type": "FeatureCollection", "features": []})


# --- load_geojson -------------------------------------------------------------------------------


def test_shipped_boundary_properties_and_size(oblast: dict[str, Any]) -> None:
    assert len(oblast["features"]) == 1
    props = oblast["features"][0]["properties"]
    assert props == {"name_ru": "Иркутская область", "name_en": "Irkutsk Oblast", "iso_3166_2": "RU-IRK"}
    assert oblast["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert BOUNDARY.stat().st_size <= 32_000


def test_load_geojson_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.geojson"
    with pytest.raises(GeoDataError, match=r"nowhere\.geojson.*does not exist"):
        load_geojson(path)


def test_load_geojson_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(GeoDataError, match=r"broken\.geojson.*not valid JSON") as info:
        load_geojson(path)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ([1, 2, 3], "found a JSON list"),
        ({"type": "Topology"}, "found type 'Topology'"),
        ({"type": "FeatureCollection"}, "without a 'features' list"),
    ],
)
def test_load_geojson_not_geojson(tmp_path: Path, content: Any, reason: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(GeoDataError) as info:
        load_geojson(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_load_geojson_roundtrip(tmp_path: Path, fixture_geojson: dict[str, Any]) -> None:
    path = tmp_path / "fixture.geojson"
    path.write_text(json.dumps(fixture_geojson), encoding="utf-8")
    assert load_geojson(path) == fixture_geojson


# --- data/settlements.csv -----------------------------------------------------------------------


def test_settlements_columns_match_datapackage() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "settlements")
    with SETTLEMENTS.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [field["name"] for field in resource["schema"]["fields"]]


def test_settlements_ids_and_names(settlements: list[dict[str, str]]) -> None:
    ids = [s["settlement_id"] for s in settlements]
    assert set(ids) >= REQUIRED_IDS
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", i) for i in ids)
    bad_names = [
        (s["settlement_id"], s["name_ru"]) for s in settlements if not RUSSIAN_NAME.fullmatch(s["name_ru"])
    ]
    assert bad_names == []
    by_id = {s["settlement_id"]: s for s in settlements}
    assert by_id["irkutsk"]["name_ru"] == "Иркутск"
    assert by_id["usolye-sibirskoye"]["name_ru"] == "Усолье-Сибирское"
    assert by_id["nizhny-novgorod"]["name_ru"] == "Нижний Новгород"
    assert by_id["dubna"]["region_code"] == "RU-MOS"
    assert by_id["moscow"]["region_code"] == "RU-MOW"


def test_settlements_geonames_fields(settlements: list[dict[str, str]]) -> None:
    for s in settlements:
        assert s["source_urls"] == f"https://www.geonames.org/{int(s['geonameid'])}"
        assert re.fullmatch(r"-?\d+\.\d{4}", s["lat"]) and re.fullmatch(r"-?\d+\.\d{4}", s["lon"])
    keys = [(s["region_code"], s["name_en"]) for s in settlements]
    assert keys == sorted(keys)


def test_outline_array_is_the_outline_once_per_loaded_layer(fixture_geojson: dict[str, Any]) -> None:
    layer = GeoJSON(fixture_geojson)
    lons, lats = outline_lonlat(layer)
    array = outline_array(layer)
    np.testing.assert_array_equal(array, np.array([lons, lats], dtype=float))
    assert outline_array(layer) is array and not array.flags.writeable
    # a plain dict gets the same values, computed anew
    np.testing.assert_array_equal(outline_array(fixture_geojson), array)
    assert outline_array({"type": "FeatureCollection", "features": []}).shape == (2, 0)


# --- the map's context layers (scripts/extract_geography.py) ----------------------------------------------

LAYERS = {"neighbours": "Natural Earth", "water": "Natural Earth; GSHHG", "towns": "GeoNames"}


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_context_layers_are_small_and_carry_source_licence_and_credit(name: str) -> None:
    path = ROOT / "data" / "geo" / f"{name}.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    assert layer["credit"] == LAYERS[name]
    assert layer["source"] and layer["licence"]
    assert path.stat().st_size < 40_000
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["cluster"][name] == f"geo/{name}.geojson"


def test_context_layers_name_the_neighbours_baikal_the_angara_and_the_main_towns() -> None:
    neighbours, water, towns = (load_geojson(ROOT / "data" / "geo" / f"{name}.geojson")
                                for name in ("neighbours", "water", "towns"))
    assert {name for name, _, _ in labels(neighbours, "ru")} == {
        "Бурятия", "Красноярский край", "Якутия", "Забайкальский край"}
    assert "RU-IRK" not in {f["properties"]["iso_3166_2"] for f in neighbours["features"]}
    assert [name for name, _, _ in labels(water, "en")] == ["Lake Baikal", "Angara"]
    baikal_lon, baikal_lat = labels(water, "ru")[0][1:]
    assert contains(water, baikal_lat, baikal_lon)  # the name sits on the lake
    main = labels(towns, "ru")
    assert main[0] == ("Иркутск", 104.291, 52.296)  # the largest first
    assert {"Братск", "Ангарск", "Усть-Илимск", "Усть-Кут", "Тулун"} <= {name for name, _, _ in main}
    oblast = load_geojson(BOUNDARY)
    assert all(contains(oblast, lat, lon) for _, lon, lat in main)


def test_path_array_joins_rings_and_lines_of_one_kind() -> None:
    layer = GeoJSON({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "lake"},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
        {"type": "Feature", "properties": {"kind": "river"},
         "geometry": {"type": "MultiLineString", "coordinates": [[[5, 5], [6, 6]], [[7, 7], [8, 8]]]}}]})
    rivers = path_array(layer, "river")
    assert [None if np.isnan(x) else x for x in rivers[0]] == [5, 6, None, 7, 8]
    assert path_array(layer, "lake").shape == (2, 4)
    assert path_array(layer).shape == (2, 4 + 1 + 5)
    assert path_array(layer, "river") is rivers  # once per layer and kind
    assert not rivers.flags.writeable
    assert path_array(GeoJSON({"type": "FeatureCollection", "features": []})).shape == (2, 0)


def test_place_names_keeps_names_apart() -> None:
    towns = pd.DataFrame([
        {"name": "Big", "lon": 100.0, "lat": 55.0, "size": 20.0, "dot": False},
        {"name": "Near", "lon": 100.4, "lat": 55.0, "size": 5.0, "dot": True},
        {"name": "Marked", "lon": 100.05, "lat": 55.02, "size": 10.0, "dot": False},  # no room, and no left side
        {"name": "Far", "lon": 110.0, "lat": 60.0, "size": 5.0, "dot": True},
        {"name": "Lake", "lon": 105.0, "lat": 57.0, "size": 0.0, "dot": False, "centred": True},
        {"name": "Shut", "lon": 107.0, "lat": 57.0, "size": 5.0, "dot": True},  # an unnamed mark on each side
    ])
    marks = pd.DataFrame({"lon": [107.1, 106.9], "lat": [57.0, 57.0], "size": [20.0, 20.0]})
    placed = place_names(towns.fillna({"centred": False}), span_deg=10.0, aspect=1.0, char_width=7.0,
                         line_height=16.0, width=1000.0, marks=marks)
    assert list(zip(placed["name"], placed["position"], strict=True)) == [
        ("Big", "middle right"), ("Near", "middle right"), ("Far", "middle right"), ("Lake", "middle center")]
    # a name stays inside the picture
    inside = place_names(towns.fillna({"centred": False}), span_deg=10.0, aspect=1.0, char_width=7.0,
                         line_height=16.0, width=1000.0, within=(99.0, 54.0, 100.36, 56.0))
    assert list(inside["name"]) == ["Big"]


def test_path_array_cut_to_a_box_keeps_closed_rings() -> None:
    layer = GeoJSON({"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]})
    cut = path_array(layer, clip=(5.0, 5.0, 20.0, 20.0))
    assert cut.shape[0] == 2 and not np.isnan(cut).any()
    assert cut[0].min() == 5 and cut[0].max() == 10 and cut[1].min() == 5 and cut[1].max() == 10
    assert (cut[:, 0] == cut[:, -1]).all()  # a ring still closes, so a fill stays inside it
    assert path_array(layer, clip=(50.0, 50.0, 60.0, 60.0)).shape == (2, 0)
