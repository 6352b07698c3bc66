"""Atomic, reversible publishing of a data package.

Every published version is a complete, immutable package in ``versions/<id>/`` with its own record
(``version.json``: the version it replaced, who, when, which file). The live ``datapackage.json`` names
the files of one version. Publishing writes and validates the new version, appends its entry to the
audit log, and only then swaps that one descriptor with ``os.replace``. Killing the process at any
moment therefore leaves either the old or the new package live, never a mixture; an audit entry whose
swap never happened reads as pending and is marked abandoned by the next publish or rollback; and
:func:`rollback` finds the version to return to in the version store itself.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import json
import logging
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
from dashboard.registry import retention

VERSIONS = "versions"
VERSION_RECORD = "version.json"
AUDIT_LOG = "audit.jsonl"
LOCK_FILE = ".publish.lock"
STAGING_PREFIX = ".staging-"
# Appended after an audit entry whose descriptor swap never happened (the process died in between).
ABANDONED = "abandoned"
VERSION_ID_TIME = "%Y%m%dT%H%M%S%fZ"

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """Publishing or rolling back is not possible; nothing live was changed."""


@dataclass(frozen=True)
class PublishResult:
    version: str
    previous: str | None
    diff: dict[str, dict[str, int]]


@dataclass(frozen=True)
class AuditLog:
    entries: list[dict]  # the publications and rollbacks that took effect, oldest first
    pending: dict | None  # the last one, recorded but not (yet) live
    abandoned: list[dict]  # recorded, but the process died before making them live
    damaged_lines: list[int]  # torn or malformed lines (numbered from 1), skipped


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
    return dt.datetime.now(dt.UTC).strftime(VERSION_ID_TIME) + "-" + secrets.token_hex(2)


def _copy_live_package(data_dir: Path, descriptor: dict, target: Path) -> None:
    for live, local in _local_paths(descriptor).items():
        (target / local).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / live, target / local)
    _write_json_atomically(target / DESCRIPTOR, _relocated(descriptor, ""))


def _write_version_record(staging: Path, record: dict) -> None:
    (staging / VERSION_RECORD).write_text(_json_text({"time": _now(), **record}), encoding="utf-8")


def version_record(data_dir: Path, version: str) -> dict | None:
    """What the version store says of a version; None for one published before versions kept a record."""
    try:
        record = json.loads((data_dir / VERSIONS / version / VERSION_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _audit(data_dir: Path, entry: dict) -> None:
    line = (json.dumps({"time": _now(), **entry}, ensure_ascii=False) + "\n").encode("utf-8")
    with (data_dir / AUDIT_LOG).open("a+b") as handle:
        # After a line torn by a crash, start a new line rather than extend (and spoil) the torn one.
        if handle.seek(0, os.SEEK_END):
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                line = b"\n" + line
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def current_version(data_dir: Path) -> str | None:
    return _read_descriptor(data_dir).get("version")


def versions(data_dir: Path) -> list[str]:
    folder = data_dir / VERSIONS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_audit(data_dir: Path) -> AuditLog:
    """The audit log as it stands against the live package; torn or malformed lines are skipped and logged."""
    data_dir = Path(data_dir)
    live = current_version(data_dir)
    path = data_dir / AUDIT_LOG
    lines = path.read_bytes().split(b"\n") if path.exists() else []
    entries, abandoned, damaged = [], [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            entry = None
        if not isinstance(entry, dict):
            damaged.append(number)
        elif entry.get("action") != ABANDONED:
            entries.append(entry)
        elif entries and entries[-1].get("version") == entry.get("version"):
            abandoned.append(entries.pop())
    # Recorded before its swap: until the swap, the package it replaces is still the live one.
    pending = entries.pop() if entries and entries[-1].get("version") != live and \
        entries[-1].get("previous") == live else None
    if damaged:
        logger.warning("%s: skipped %d torn or malformed line(s), numbers %s", path, len(damaged), damaged[:20])
    return AuditLog(entries=entries, pending=pending, abandoned=abandoned, damaged_lines=damaged)


def audit_log(data_dir: Path) -> list[dict]:
    """The publications and rollbacks that took effect, oldest first."""
    return read_audit(data_dir).entries


def rollback_target(data_dir: Path) -> str | None:
    """The version the live one replaced: from its record in the version store, else from the audit log."""
    live = current_version(data_dir)
    if not live:
        return None
    record = version_record(data_dir, live)
    if record is not None:
        return record.get("previous")
    made_live = [e for e in audit_log(data_dir) if e.get("action") == "publish" and e.get("version") == live]
    return made_live[-1].get("previous") if made_live else None


def _clear_interrupted(data_dir: Path) -> None:
    """Remove what a killed publish left half-written and close its audit entry if its swap never happened."""
    folder = data_dir / VERSIONS
    if folder.is_dir():
        for leftover in folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)
        retention.remove_discarded(folder)
    pending = read_audit(data_dir).pending
    if pending is not None:
        _audit(data_dir, {"action": ABANDONED, "version": pending.get("version")})


def _version_time(path: Path) -> float:
    try:
        stamp = dt.datetime.strptime(path.name.split("-")[0], VERSION_ID_TIME).replace(tzinfo=dt.UTC)
    except ValueError:  # a folder put there by hand
        return path.stat().st_mtime
    return stamp.timestamp()


def prune_versions(data_dir: Path, policy: retention.Policy) -> list[str]:
    """Apply the retention policy to ``versions/``, never removing the live version or the rollback target."""
    data_dir = Path(data_dir)
    folder = data_dir / VERSIONS
    protected = {folder / v for v in (current_version(data_dir), rollback_target(data_dir)) if v}
    entries = [retention.Entry(folder / v, _version_time(folder / v), retention.size_of(folder / v))
               for v in versions(data_dir)]
    removed = retention.expired(entries, policy, now=dt.datetime.now(dt.UTC).timestamp(), protected=protected)
    for entry in removed:
        retention.discard(entry.path)
    return [entry.path.name for entry in removed]


def _archive_unversioned(data_dir: Path, descriptor: dict) -> str:
    """The version id of the live package; one never published through here is first kept as a version
    and made live from there (the same files), so that the live package is always in the version store."""
    if descriptor.get("version"):
        return descriptor["version"]
    version = _new_version_id()
    staging = data_dir / VERSIONS / f"{STAGING_PREFIX}{version}"
    staging.mkdir(parents=True)
    _copy_live_package(data_dir, {**descriptor, "version": version}, staging)
    _write_version_record(staging, {"version": version, "previous": None, "action": "archive"})
    _finish_version(data_dir, staging, version)
    _make_live(data_dir, _relocated({**descriptor, "version": version}, f"{VERSIONS}/{version}"))
    return version


def publish(tables: dict[str, pd.DataFrame], data_dir: Path, *, user: str, source: str) -> PublishResult:
    """Replace the given tables of the live package; the others are kept as they are.

    Raises :class:`PackageError` (nothing changed) if the resulting package is invalid.
    """
    data_dir = Path(data_dir)
    policy = retention.versions_policy()  # a bad setting stops here, before anything changes
    with _exclusive(data_dir):
        _clear_interrupted(data_dir)
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
        diff = _diff(old, new, descriptor)
        record = {"action": "publish", "user": user, "source": source, "version": version, "previous": previous,
                  "diff": diff}
        _write_version_record(staging, record)
        _finish_version(data_dir, staging, version)
        _audit(data_dir, record)
        _make_live(data_dir, _relocated({**descriptor, "version": version}, f"{VERSIONS}/{version}"))
        prune_versions(data_dir, policy)
    return PublishResult(version=version, previous=previous, diff=diff)


def rollback(data_dir: Path, *, user: str) -> PublishResult:
    """Make live again the version that the live one replaced."""
    data_dir = Path(data_dir)
    with _exclusive(data_dir):
        _clear_interrupted(data_dir)
        live = current_version(data_dir)
        target = rollback_target(data_dir)
        if not target or target not in versions(data_dir):
            raise PublishError("there is no earlier version to roll back to")
        version_dir = data_dir / VERSIONS / target
        new = load_package(version_dir)
        old = load_package(data_dir)
        target_descriptor = json.loads((version_dir / DESCRIPTOR).read_text(encoding="utf-8"))
        diff = _diff(old, new, target_descriptor)
        _audit(data_dir, {"action": "rollback", "user": user, "version": target, "previous": live, "diff": diff})
        _make_live(data_dir, _relocated(target_descriptor, f"{VERSIONS}/{target}"))
    return PublishResult(version=target, previous=live, diff=diff)
