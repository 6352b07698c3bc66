"""How long published versions and uploaded files are kept: by count, by age and by a disk quota.

An entry is kept only while it is among the newest ``keep``, younger than ``max_age_s`` and, oldest first,
within ``quota_bytes`` in total; protected entries (the live version, the one rollback returns to, an upload
being published) are never removed and count towards the quota. Removal renames an entry out of sight
before deleting it, so a crash never leaves a half-deleted version that looks complete.
"""

from __future__ import annotations

import contextlib
import math
import os
import secrets
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DAY_S = 24 * 3600
HOUR_S = 3600
MIB = 1024 * 1024
# Folders being removed: hidden, so neither a version nor an upload, and cleared by the next prune.
DISCARD_PREFIX = ".discarded-"
# An upload folder renamed by the request publishing it (see dashboard/web/admin.py, `_claim`).
CLAIMED_MARK = ".publishing-"


@dataclass(frozen=True)
class Policy:
    keep: int
    max_age_s: float
    quota_bytes: int


@dataclass(frozen=True)
class Entry:
    path: Path
    time: float
    size: int


def _env_number(name: str, default: float, *, integer: bool = False) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (integer and not value.is_integer()):
        kind = "a whole number" if integer else "a number"
        raise ValueError(f"{name} must be {kind} >= 0, not {raw!r}")
    return value


def versions_policy() -> Policy:
    """``versions/``: CLUSTER_VERSIONS_KEEP (50), CLUSTER_VERSIONS_MAX_AGE_DAYS (365),
    CLUSTER_VERSIONS_QUOTA_MB (1024)."""
    return Policy(keep=int(_env_number("CLUSTER_VERSIONS_KEEP", 50, integer=True)),
                  max_age_s=_env_number("CLUSTER_VERSIONS_MAX_AGE_DAYS", 365) * DAY_S,
                  quota_bytes=int(_env_number("CLUSTER_VERSIONS_QUOTA_MB", 1024) * MIB))


def uploads_policy() -> Policy:
    """``.uploads``: CLUSTER_UPLOADS_KEEP (20), CLUSTER_UPLOADS_MAX_AGE_HOURS (24),
    CLUSTER_UPLOADS_QUOTA_MB (200)."""
    return Policy(keep=int(_env_number("CLUSTER_UPLOADS_KEEP", 20, integer=True)),
                  max_age_s=_env_number("CLUSTER_UPLOADS_MAX_AGE_HOURS", 24) * HOUR_S,
                  quota_bytes=int(_env_number("CLUSTER_UPLOADS_QUOTA_MB", 200) * MIB))


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def expired(entries: Iterable[Entry], policy: Policy, *, now: float, protected: set[Path]) -> list[Entry]:
    """The entries the policy removes, oldest last; ``protected`` ones never."""
    newest_first = sorted(entries, key=lambda e: e.time, reverse=True)
    kept, removed = [], []
    for rank, entry in enumerate(newest_first):
        over = rank >= policy.keep or now - entry.time > policy.max_age_s
        (removed if over and entry.path not in protected else kept).append(entry)
    total = sum(entry.size for entry in kept)
    for entry in reversed(kept[:]):
        if total <= policy.quota_bytes:
            break
        if entry.path not in protected:
            kept.remove(entry)
            removed.append(entry)
            total -= entry.size
    return removed


def _delete(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def discard(path: Path) -> None:
    hidden = path.with_name(f"{DISCARD_PREFIX}{path.name}.{secrets.token_hex(4)}")
    os.rename(path, hidden)
    _delete(hidden)


def remove_discarded(folder: Path) -> None:
    """What a crash left half-deleted."""
    for leftover in folder.glob(f"{DISCARD_PREFIX}*"):
        _delete(leftover)


def prune_uploads(folder: Path, policy: Policy | None = None, *, now: float | None = None) -> list[Path]:
    """Apply the uploads policy to the staging folder; returns what was removed.

    An upload being published is protected until it is older than the age limit (its worker was killed).
    """
    policy = policy or uploads_policy()
    now = time.time() if now is None else now
    remove_discarded(folder)
    entries = []
    for path in folder.iterdir():
        with contextlib.suppress(OSError):  # another worker may remove it meanwhile
            entries.append(Entry(path, path.stat().st_mtime, size_of(path)))
    protected = {e.path for e in entries if CLAIMED_MARK in e.path.name and now - e.time <= policy.max_age_s}
    removed = expired(entries, policy, now=now, protected=protected)
    for entry in removed:
        with contextlib.suppress(OSError):
            discard(entry.path)
    return [entry.path for entry in removed]
