"""The package a running app serves, reloaded when it changes on disk.

gunicorn loads the package once in its master (``--preload``) and forks the workers from it; each worker then
holds its own copy of the :class:`LivePackage` and notices a publish by itself (a few ``stat`` calls per
request), so no restart and no shared state are needed. An invalid package on disk never replaces the last
good one: the error is kept for the admin page.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

from dashboard.data.package import DESCRIPTOR, ClusterData, PackageError, load_package, named_files


def package_paths(data_dir: Path) -> list[Path]:
    """The descriptor and every file it names (resources, GeoJSON layers)."""
    paths = [data_dir / DESCRIPTOR]
    try:
        names = named_files(json.loads(paths[0].read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return paths
    return paths + [data_dir / name for name in names if isinstance(name, str)]


def stamp(data_dir: Path) -> tuple:
    """What changes whenever the package on disk changes: name, inode, size and mtime of its files."""
    marks = []
    for path in package_paths(data_dir):
        try:
            info = path.stat()
            marks.append((str(path), info.st_ino, info.st_size, info.st_mtime_ns))
        except OSError:
            marks.append((str(path), None))
    return tuple(marks)


class LivePackage:
    """The last good package of ``data_dir``; raises :class:`PackageError` if there is none at start."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._stamp = stamp(self.data_dir)
        self._data = load_package(self.data_dir)
        self.loaded_at = dt.datetime.now(dt.UTC)
        self.error: PackageError | None = None

    def current(self) -> ClusterData:
        now = stamp(self.data_dir)
        if now != self._stamp:
            with self._lock:
                if now != self._stamp:
                    self._reload(now)
        return self._data

    def _reload(self, now: tuple) -> None:
        try:
            self._data = load_package(self.data_dir)
            self.loaded_at = dt.datetime.now(dt.UTC)
            self.error = None
        except PackageError as error:
            self.error = error
        self._stamp = now
