"""Helpers that copy the bundled data package into a temporary folder and change it.

Every helper edits files in place in a copy, never the bundled package. Row numbers are those a person
sees in the file: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data.package import ClusterData, load_package

BUNDLED = Path(__file__).resolve().parent.parent / "data"


@cache
def bundled() -> ClusterData:
    """The shipped package, loaded once per test session. Tests must not modify its tables."""
    return load_package(BUNDLED)


@cache
def _bundled_csv(file: str) -> pd.DataFrame:
    return pd.read_csv(BUNDLED / file, dtype=str, keep_default_na=False)


def bundled_csv(file: str) -> pd.DataFrame:
    """A CSV of the shipped package read independently of the code under test (all columns as text)."""
    return _bundled_csv(file).copy()


def copy_package(dest: Path, src: Path = BUNDLED) -> Path:
    """Copy the data package at ``src`` to ``dest/pkg`` and return the copy's folder."""
    target = Path(dest) / "pkg"
    shutil.copytree(src, target)
    return target


def read_csv(pkg: Path, file: str) -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of one CSV of the package, as strings."""
    with (pkg / file).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write_csv(pkg: Path, file: str, header: list[str], rows: list[list[str]]) -> None:
    with (pkg / file).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def file_row(pkg: Path, file: str, key: str, value: str) -> int:
    """File row number (header = 1) of the first row whose ``key`` column equals ``value``."""
    header, rows = read_csv(pkg, file)
    column = header.index(key)
    for index, row in enumerate(rows):
        if row[column] == value:
            return index + 2
    raise KeyError(f"{file}: no row with {key}={value!r}")


def set_cell(pkg: Path, file: str, row: int, column: str, value: str) -> str:
    """Set one cell, addressed by file row number (header = 1) and column name; return the old value."""
    header, rows = read_csv(pkg, file)
    cells = rows[row - 2]
    position = header.index(column)
    old = cells[position]
    cells[position] = value
    write_csv(pkg, file, header, rows)
    return old


def set_cell_where(pkg: Path, file: str, key: str, key_value: str, column: str, value: str) -> int:
    """Set ``column`` in the row whose ``key`` column is ``key_value``; return that row's file number."""
    row = file_row(pkg, file, key, key_value)
    set_cell(pkg, file, row, column, value)
    return row


def append_row(pkg: Path, file: str, values: dict[str, str]) -> int:
    """Append a row (missing columns left empty); return its file row number."""
    header, rows = read_csv(pkg, file)
    unknown = set(values) - set(header)
    if unknown:
        raise KeyError(f"{file} has no columns {sorted(unknown)}")
    rows.append([values.get(column, "") for column in header])
    write_csv(pkg, file, header, rows)
    return len(rows) + 1


def duplicate_row(pkg: Path, file: str, row: int) -> int:
    """Append an exact copy of a row; return the copy's file row number."""
    header, rows = read_csv(pkg, file)
    rows.append(list(rows[row - 2]))
    write_csv(pkg, file, header, rows)
    return len(rows) + 1


def drop_column(pkg: Path, file: str, column: str) -> None:
    header, rows = read_csv(pkg, file)
    position = header.index(column)
    write_csv(pkg, file, [c for i, c in enumerate(header) if i != position],
              [[c for i, c in enumerate(r) if i != position] for r in rows])


def read_descriptor(pkg: Path) -> dict[str, Any]:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(pkg: Path, descriptor: dict[str, Any]) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def edit_descriptor(pkg: Path, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Apply ``change`` to the parsed descriptor and write it back; return the new descriptor."""
    descriptor = read_descriptor(pkg)
    change(descriptor)
    write_descriptor(pkg, descriptor)
    return descriptor


def set_cluster(pkg: Path, **values: Any) -> dict[str, Any]:
    """Overwrite keys of the ``cluster`` metadata; a value of ``None`` deletes the key."""

    def change(descriptor: dict[str, Any]) -> None:
        for key, value in values.items():
            if value is None:
                descriptor["cluster"].pop(key, None)
            else:
                descriptor["cluster"][key] = value

    return edit_descriptor(pkg, change)["cluster"]


def square(x0: float, y0: float, size: float) -> list[list[float]]:
    """A closed counter-clockwise square ring."""
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def two_squares_geojson(x0: float = 100.0, y0: float = 52.0, size: float = 1.0) -> dict[str, Any]:
    """Two adjacent square districts as a FeatureCollection."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "west"},
             "geometry": {"type": "Polygon", "coordinates": [square(x0, y0, size)]}},
            {"type": "Feature", "properties": {"name": "east"},
             "geometry": {"type": "Polygon", "coordinates": [square(x0 + size, y0, size)]}},
        ],
    }


def add_districts(pkg: Path, relative: str = "geo/districts.geojson",
                  geojson: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write a districts GeoJSON into the package and point ``cluster.districts`` at it; return the GeoJSON."""
    geojson = geojson if geojson is not None else two_squares_geojson()
    path = pkg / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(geojson), encoding="utf-8")
    set_cluster(pkg, districts=relative)
    return geojson
