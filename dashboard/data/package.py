"""The cluster data package: validation against its Frictionless schema, then loading into DataFrames.

``data/datapackage.json`` declares every table once (types, required fields, enumerations, primary and
foreign keys) plus the cluster's metadata; this module only reads that declaration.

Frictionless validation takes most of the loading time, so a package that passed every check is marked in
``.validated.json`` beside its descriptor with a SHA-256 fingerprint of its content, and frictionless does not
validate it again while that content is unchanged; frictionless itself is then not even imported (a tenth of a
second of every start).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.data import geo

if TYPE_CHECKING:
    import frictionless

DESCRIPTOR = "datapackage.json"
TABLES = (
    "sectors", "settlements", "organisations", "organisation_names", "agreements", "agreement_parties",
    "projects", "project_participants", "events", "event_organisations", "membership_counts",
)
META_REQUIRED = ("name_ru", "name_en", "region_ru", "region_en", "region_code", "launch_date", "data_as_of",
                 "boundary")
# Optional texts of the cluster, in both languages, that the page shows instead of naming any cluster in code.
META_TEXTS = ("short_name_ru", "short_name_en", "search_example_ru", "search_example_en")
# The descriptor's GeoJSON files (cluster keys): the outline (required), then optional layers the map draws.
GEO_FILES = ("boundary", "districts", "neighbours", "water", "towns")
VALIDATED_MARKER = ".validated.json"
# The package the repository ships; CLUSTER_DATA_DIR names another.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data package, located as a person would look for it."""

    file: str
    message: str
    row: int | None = None
    field: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", column {self.field}"
        value = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{value}"


class PackageError(Exception):
    """The package cannot be used; ``problems`` lists every reason found."""

    def __init__(self, data_dir: Path, problems: list[Problem]):
        self.data_dir = data_dir
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Invalid data package {data_dir} ({len(problems)} problems):\n{lines}")


@dataclass(frozen=True)
class ClusterMeta:
    name_ru: str
    name_en: str
    region_ru: str
    region_en: str
    region_code: str
    launch_date: dt.date
    data_as_of: dt.date
    synthetic: bool = False
    # The cluster's short name where the page names its scope ("Машиностроительный кластер"); the full name
    # when the package gives none.
    short_name_ru: str = ""
    short_name_en: str = ""
    # An organisation name the search box offers as an example; none when the package gives none.
    search_example_ru: str = ""
    search_example_en: str = ""
    # The package's licences ("Creative Commons Attribution 4.0 (https://…)"), which every export states.
    licences: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def region(self, lang: str) -> str:
        return self.region_ru if lang == "ru" else self.region_en

    def short_name(self, lang: str) -> str:
        return (self.short_name_ru if lang == "ru" else self.short_name_en) or self.name(lang)

    def search_example(self, lang: str) -> str:
        return self.search_example_ru if lang == "ru" else self.search_example_en


@dataclass(frozen=True)
class ClusterData:
    meta: ClusterMeta
    tables: dict[str, pd.DataFrame]
    boundary: dict
    districts: dict | None = None
    # the map's context (data/geo/, scripts/extract_geography.py): neighbouring regions, lakes and rivers, towns
    neighbours: dict | None = None
    water: dict | None = None
    towns: dict | None = None
    # Values derived from the package alone (indexes, lookups), kept for the package's lifetime; not
    # init, so a copy made with dataclasses.replace starts without them.
    cache: dict = dataclasses.field(default_factory=dict, init=False, compare=False, repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def _frictionless_problems(report: frictionless.Report) -> list[Problem]:
    problems = []
    for task in report.tasks:
        for error in task.errors:
            # Foreign-key errors name several fields and cells; all other row errors name one.
            fields = getattr(error, "field_names", None) or [getattr(error, "field_name", None)]
            cells = getattr(error, "field_cells", None) or [getattr(error, "cell", None)]
            problems.append(Problem(
                file=Path(task.place).name if task.place else task.name,
                row=getattr(error, "row_number", None),
                field=", ".join(str(f) for f in fields if f) or None,
                value=", ".join(str(c) for c in cells if c not in (None, "")) or None,
                message=f"{error.title.lower()}: {error.note}" if error.note else error.title.lower(),
            ))
    problems.extend(Problem(file=DESCRIPTOR, message=e.message) for e in report.errors)
    return problems


def _date_precision_problems(descriptor: dict, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A date and its ``*_precision`` partner must agree: an empty date exactly when precision is unknown."""
    problems = []
    for resource in descriptor["resources"]:
        frame = tables[resource["name"]]
        for field in resource["schema"]["fields"]:
            name = field["name"]
            if field["type"] != "date" or f"{name}_precision" not in frame:
                continue
            precision = frame[f"{name}_precision"]
            mismatch = frame[name].isna() != (precision == "unknown")
            for index in frame.index[mismatch]:
                problems.append(Problem(
                    file=resource["path"], row=int(index) + 2, field=name, value=str(precision[index]),
                    message="a date must be given unless its precision is 'unknown', and only then left empty",
                ))
    return problems


def named_files(descriptor: dict) -> list:
    """The files a descriptor names, relative to its folder: every resource and every GeoJSON layer."""
    cluster = descriptor.get("cluster", {})
    return [r["path"] for r in descriptor["resources"]] + [cluster[key] for key in GEO_FILES if cluster.get(key)]


def _fingerprint(data_dir: Path, descriptor_bytes: bytes, descriptor: dict) -> str | None:
    """SHA-256 over the frictionless version, the descriptor and every file it names; None when one of those
    files cannot be read (the package is then always validated)."""
    digest = hashlib.sha256(f"frictionless {importlib.metadata.version('frictionless')}".encode())
    digest.update(hashlib.sha256(descriptor_bytes).digest())
    try:
        for name in named_files(descriptor):
            with (data_dir / name).open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    except (OSError, KeyError, TypeError, AttributeError):
        return None
    return digest.hexdigest()


def _marked_valid(data_dir: Path, fingerprint: str | None) -> bool:
    """Whether the marker of ``data_dir`` vouches for exactly this content; a missing or unreadable one does not."""
    if fingerprint is None:
        return False
    try:
        return json.loads((data_dir / VALIDATED_MARKER).read_text(encoding="utf-8"))["fingerprint"] == fingerprint
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_marker(data_dir: Path, fingerprint: str) -> None:
    """Replace the marker atomically; in a folder that cannot be written the package is validated on every load."""
    tmp = data_dir / f"{VALIDATED_MARKER}.{secrets.token_hex(4)}.tmp"
    try:
        tmp.write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")
        os.replace(tmp, data_dir / VALIDATED_MARKER)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _mark_if_unchanged(data_dir: Path, descriptor: dict, fingerprint: str) -> None:
    """Write the marker unless the package changed while it was validated: it must vouch for what was checked."""
    try:
        unchanged = _fingerprint(data_dir, (data_dir / DESCRIPTOR).read_bytes(), descriptor) == fingerprint
    except OSError:
        return
    if unchanged:
        _write_marker(data_dir, fingerprint)


def mark_validated(data_dir: Path, descriptor_bytes: bytes) -> None:
    """Mark as validated the package that ``descriptor_bytes``, once written to ``data_dir``, will describe.

    Only for :mod:`dashboard.registry.publish`, which calls it just before making live a descriptor that differs from
    one :func:`load_package` has validated in full only by where it places the same, immutable files.
    """
    fingerprint = _fingerprint(Path(data_dir), descriptor_bytes, json.loads(descriptor_bytes))
    if fingerprint is not None:
        _write_marker(Path(data_dir), fingerprint)


def _read_table(path: Path, fields: list[dict]) -> pd.DataFrame:
    """Read a CSV the schema already validated, converting columns to the declared types."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    for field in fields:
        name, kind = field["name"], field["type"]
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name]).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(frame[name]).astype("Float64")
        elif kind == "boolean":
            frame[name] = frame[name].str.lower().isin(["true", "1", "yes"])
    return frame


def _meta(cluster: dict, licences: list[dict]) -> ClusterMeta:
    return ClusterMeta(
        name_ru=cluster["name_ru"], name_en=cluster["name_en"],
        region_ru=cluster["region_ru"], region_en=cluster["region_en"], region_code=cluster["region_code"],
        launch_date=dt.date.fromisoformat(cluster["launch_date"]),
        data_as_of=dt.date.fromisoformat(cluster["data_as_of"]),
        synthetic=bool(cluster.get("synthetic", False)),
        **{key: str(cluster.get(key) or "") for key in META_TEXTS},
        licences=tuple(" ".join(filter(None, (licence.get("title") or licence.get("name"),
                                              licence.get("path") and f"({licence['path']})")))
                       for licence in licences),
    )


def _read_tables(data_dir: Path, descriptor: dict) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every table in its declared types; a file that cannot be read so is a problem, never a traceback."""
    tables, problems = {}, []
    for resource in descriptor["resources"]:
        try:
            tables[resource["name"]] = _read_table(data_dir / resource["path"], resource["schema"]["fields"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(file=resource["path"], message=f"cannot be read: {exc}"))
    return tables, problems


def load_package(data_dir: Path) -> ClusterData:
    """Validate the whole package and load it; raise :class:`PackageError` listing every problem found.

    Frictionless validation is skipped when the package's marker shows that this very content passed it.
    """
    data_dir = Path(data_dir)
    descriptor_path = data_dir / DESCRIPTOR
    try:
        descriptor_bytes = descriptor_path.read_bytes()
        descriptor = json.loads(descriptor_bytes.decode("utf-8"))
    except FileNotFoundError:
        raise PackageError(data_dir, [Problem(DESCRIPTOR, "file not found")]) from None
    except json.JSONDecodeError as exc:
        raise PackageError(data_dir, [Problem(DESCRIPTOR, f"not valid JSON: {exc}", row=exc.lineno)]) from None
    except UnicodeDecodeError as exc:
        raise PackageError(data_dir, [Problem(DESCRIPTOR, f"not UTF-8 text: {exc}")]) from None

    if not isinstance(descriptor, dict):
        raise PackageError(data_dir, [Problem(DESCRIPTOR, "must be a JSON object")])
    problems = _descriptor_problems(descriptor)
    if problems:
        raise PackageError(data_dir, problems)
    fingerprint = _fingerprint(data_dir, descriptor_bytes, descriptor)
    validated_now = not _marked_valid(data_dir, fingerprint)
    if validated_now:
        import frictionless

        problems = _frictionless_problems(frictionless.validate(str(descriptor_path)))
        if problems:
            raise PackageError(data_dir, problems)

    tables, problems = _read_tables(data_dir, descriptor)
    if problems:
        raise PackageError(data_dir, problems)
    problems = _date_precision_problems(descriptor, tables)
    cluster = descriptor["cluster"]
    layers: dict[str, dict] = {}
    for key in GEO_FILES:
        if key == "boundary" or cluster.get(key):
            try:
                layers[key] = geo.load_geojson(data_dir / cluster[key])
            except geo.GeoDataError as exc:
                problems.append(Problem(DESCRIPTOR, str(exc), field="cluster"))
    try:
        meta = _meta(cluster, descriptor.get("licenses", []))
    except (TypeError, ValueError) as exc:
        problems.append(Problem(DESCRIPTOR, f"cluster metadata: {exc}", field="cluster"))
    if problems:
        raise PackageError(data_dir, problems)
    if validated_now and fingerprint is not None:
        _mark_if_unchanged(data_dir, descriptor, fingerprint)
    return ClusterData(meta=meta, tables=tables, **layers)


def _descriptor_problems(descriptor: dict) -> list[Problem]:
    cluster = descriptor.get("cluster")
    if not isinstance(cluster, dict):
        return [Problem(DESCRIPTOR, "the 'cluster' metadata object is missing", field="cluster")]
    problems = [Problem(DESCRIPTOR, f"cluster metadata lacks '{key}'", field="cluster")
                for key in META_REQUIRED if not cluster.get(key)]
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return [*problems, Problem(DESCRIPTOR, "'resources' must be a list", field="resources")]
    names = {r.get("name") for r in resources if isinstance(r, dict)}
    problems += [Problem(DESCRIPTOR, f"resource '{name}' is missing", field="resources")
                 for name in TABLES if name not in names]
    return problems


def data_dir_from_env() -> Path:
    """The data package to serve: ``CLUSTER_DATA_DIR``, else the bundled one."""
    return Path(os.environ.get("CLUSTER_DATA_DIR") or DEFAULT_DATA_DIR)
