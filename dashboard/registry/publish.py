"""Atomic, reversible publishing of a data package.

Every published version is a complete, immutable package in ``versions/<id>/``. The live
``datapackage.json`` names the files of one version; publishing writes and validates a new version
beside the old ones, then swaps that one descriptor with ``os.replace``. Killing the process at any
moment therefore leaves either the old or the new package live, never a mixture, and every earlier
version stays on disk for :func:`rollback`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.package import (
    DESCRIPTOR,
    GEO_FILES,
    ClusterData,
    PackageError,
    Problem,
    load_package,
    mark_validated,
)

VERSIONS = "versions"
AUDIT_LOG = "audit.jsonl"
LOCK_FILE = ".publish.lock"
STAGING_PREFIX = ".staging-"


class PublishError(Exception):
    """Publishing or rolling back is not possible; nothing live was changed."""


@dataclass(frozen=True)
class PublishResult:
    version: str
    previous: str | None
    diff: dict[str, dict[str, int]]


@contextlib.contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """One publish or rollback at a time per data directory, across processes."""
    with (data_dir / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_descriptor(data_dir: Path) -> dict:
    return json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))


def _json_text(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def _write_json_atomically(path: Path, content: dict) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    tmp.write_text(_json_text(content), encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, path)
    _fsync(path.parent)


def _local_paths(descriptor: dict) -> dict[str, str]:
    """Each file of the live package: path in the descriptor -> path inside its own version."""
    root = descriptor.get("version_root", "")
    cluster = descriptor["cluster"]
    paths = [r["path"] for r in descriptor["resources"]]
    paths += [cluster[key] for key in GEO_FILES if cluster.get(key)]
    return {path: path.removeprefix(f"{root}/") if root else path for path in paths}


def _relocated(descriptor: dict, root: str) -> dict:
    """The descriptor with every file path moved under ``root`` ("" for the version's own copy)."""
    descriptor = json.loads(json.dumps(descriptor))
    old_root = descriptor.pop("version_root", "")

    def move(path: str) -> str:
        local = path.removeprefix(f"{old_root}/") if old_root else path
        return f"{root}/{local}" if root else local

    for resource in descriptor["resources"]:
        resource["path"] = move(resource["path"])
    cluster = descriptor["cluster"]
    for key in GEO_FILES:
        if cluster.get(key):
            cluster[key] = move(cluster[key])
    if root:
        descriptor["version_root"] = root
    return descriptor


def _csv_cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_table(frame: pd.DataFrame, fields: list[str], path: Path) -> None:
    """Write a table as UTF-8 CSV with exactly the schema's columns, in schema order."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fields)
        for row in frame.reindex(columns=fields).itertuples(index=False):
            writer.writerow([_csv_cell(v) for v in row])


def _make_live(data_dir: Path, descriptor: dict) -> None:
    """Swap in the descriptor of a version that has just been loaded (so validated) from its own folder.

    It is marked validated first, so that the workers noticing the swap reload without validating again.
    """
    mark_validated(data_dir, _json_text(descriptor).encode("utf-8"))
    _write_json_atomically(data_dir / DESCRIPTOR, descriptor)


def _new_version_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(2)


def _copy_live_package(data_dir: Path, descriptor: dict, target: Path) -> None:
    for live, local in _local_paths(descriptor).items():
        (target / local).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / live, target / local)
    _write_json_atomically(target / DESCRIPTOR, _relocated(descriptor, ""))


def _finish_version(data_dir: Path, staging: Path, version: str) -> None:
    for path in staging.rglob("*"):
        if path.is_file():
            _fsync(path)
    final = data_dir / VERSIONS / version
    os.rename(staging, final)
    _fsync(final.parent)


def _comparable(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    frame = frame.astype("string").fillna("")
    return frame.set_index(key) if key else frame


def _diff(old: ClusterData | None, new: ClusterData, descriptor: dict) -> dict[str, dict[str, int]]:
    """Rows added, removed and changed per table, matched by primary key."""
    result = {}
    for resource in descriptor["resources"]:
        name, key = resource["name"], resource["schema"].get("primaryKey", [])
        after = _comparable(new.tables[name], key)
        if old is None:
            result[name] = {"added": len(after), "removed": 0, "changed": 0}
            continue
        before = _comparable(old.tables[name], key)
        common = before.index.intersection(after.index)
        changed = int((before.loc[common] != after.loc[common, before.columns]).any(axis=1).sum())
        result[name] = {"added": len(after.index.difference(before.index)),
                        "removed": len(before.index.difference(after.index)), "changed": changed}
    return result


def _audit(data_dir: Path, entry: dict) -> None:
    entry = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **entry}
    with (data_dir / AUDIT_LOG).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def current_version(data_dir: Path) -> str | None:
    return _read_descriptor(data_dir).get("version")


def versions(data_dir: Path) -> list[str]:
    folder = data_dir / VERSIONS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def audit_log(data_dir: Path) -> list[dict]:
    path = data_dir / AUDIT_LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _remove_stale_staging(data_dir: Path) -> None:
    folder = data_dir / VERSIONS
    if folder.is_dir():
        for leftover in folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _archive_unversioned(data_dir: Path, descriptor: dict) -> str:
    """The version id of the live package; one never published through here is first kept as a version."""
    if descriptor.get("version"):
        return descriptor["version"]
    version = _new_version_id()
    staging = data_dir / VERSIONS / f"{STAGING_PREFIX}{version}"
    staging.mkdir(parents=True)
    _copy_live_package(data_dir, {**descriptor, "version": version}, staging)
    _finish_version(data_dir, staging, version)
    return version


def publish(tables: dict[str, pd.DataFrame], data_dir: Path, *, user: str, source: str) -> PublishResult:
    """Replace the given tables of the live package; the others are kept as they are.

    Raises :class:`PackageError` (nothing changed) if the resulting package is invalid.
    """
    data_dir = Path(data_dir)
    with _exclusive(data_dir):
        _remove_stale_staging(data_dir)
        try:
            old = load_package(data_dir)
        except PackageError:
            old = None
        descriptor = _read_descriptor(data_dir)
        version = _new_version_id()
        staging = data_dir / VERSIONS / f"{STAGING_PREFIX}{version}"
        staging.mkdir(parents=True)
        try:
            _copy_live_package(data_dir, {**descriptor, "version": version}, staging)
            by_name = {r["name"]: r for r in descriptor["resources"]}
            unknown = sorted(set(tables) - set(by_name))
            if unknown:
                raise PackageError(data_dir, [Problem(DESCRIPTOR, f"no such table: {name}") for name in unknown])
            for name, frame in tables.items():
                resource = by_name[name]
                local = _local_paths({**descriptor, "resources": [resource]})[resource["path"]]
                write_table(frame, [f["name"] for f in resource["schema"]["fields"]], staging / local)
            new = load_package(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        previous = _archive_unversioned(data_dir, descriptor)
        _finish_version(data_dir, staging, version)
        _make_live(data_dir, _relocated({**descriptor, "version": version}, f"{VERSIONS}/{version}"))
        diff = _diff(old, new, descriptor)
        _audit(data_dir, {"action": "publish", "user": user, "source": source, "version": version,
                          "previous": previous, "diff": diff})
    return PublishResult(version=version, previous=previous, diff=diff)


def rollback(data_dir: Path, *, user: str) -> PublishResult:
    """Make live again the version that the live one replaced."""
    data_dir = Path(data_dir)
    with _exclusive(data_dir):
        descriptor = _read_descriptor(data_dir)
        live = descriptor.get("version")
        # The version to go back to is the one the live version replaced when it was published.
        made_live = [e for e in audit_log(data_dir) if e.get("action") == "publish" and e.get("version") == live]
        target = made_live[-1].get("previous") if made_live else None
        if not target or target not in versions(data_dir):
            raise PublishError("there is no earlier version to roll back to")
        version_dir = data_dir / VERSIONS / target
        new = load_package(version_dir)
        old = load_package(data_dir)
        target_descriptor = json.loads((version_dir / DESCRIPTOR).read_text(encoding="utf-8"))
        _make_live(data_dir, _relocated(target_descriptor, f"{VERSIONS}/{target}"))
        diff = _diff(old, new, target_descriptor)
        _audit(data_dir, {"action": "rollback", "user": user, "version": target, "previous": live, "diff": diff})
    return PublishResult(version=target, previous=live, diff=diff)
