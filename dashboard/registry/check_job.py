"""A registry file checked in a process of its own, so that the admin page's request returns at once and no
file, however hostile, holds a web worker: ``python -m dashboard.registry.check_job FOLDER FILE DATA_DIR``.

The process lowers its priority and caps its own memory and CPU time, checks FILE against the package in
DATA_DIR and writes ``report.json`` into FOLDER (atomically: it is there whole or not at all). :func:`start`
launches it detached (no zombie is left for the web worker to reap) and :func:`state` reads how it stands.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.data.package import load_package

# The importer (with the spreadsheet and text libraries it needs) is loaded where it is used: in the check's own
# process and by the first report an admin page shows, not by every start of the app (README "Performance").
if TYPE_CHECKING:
    from dashboard.registry.importer import Finding

log = logging.getLogger(__name__)

REPORT = "report.json"
STARTED = "check.started"
# What one check may take: far more than a registry of the row limit needs (README "Updating the data").
MAX_MEMORY_BYTES = int(os.environ.get("CLUSTER_CHECK_MAX_MEMORY_MB", "1024")) * 2**20
MAX_CPU_S = int(os.environ.get("CLUSTER_CHECK_MAX_CPU_S", "60"))
# Checks running at once, all uploads together: more uploads wait for a free one.
MAX_RUNNING = int(os.environ.get("CLUSTER_CHECK_MAX_RUNNING", "2"))
NICENESS = 10


def start(folder: Path, file: Path, data_dir: Path) -> None:
    """Launch the check of ``file`` in the background; it reports into ``folder``."""
    (folder / STARTED).write_text(str(time.time()), encoding="utf-8")
    launch(folder, file, data_dir)


def launch(folder: Path, file: Path, data_dir: Path) -> None:
    """A detached process that runs :func:`main` on the arguments."""
    command = [sys.executable, "-m", __name__, str(folder), str(file), str(data_dir)]
    # Through a short-lived middle process: the check is then the child of init, not of the web worker.
    subprocess.run([sys.executable, "-c", "import subprocess, sys; subprocess.Popen(sys.argv[1:], "
                    "start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, "
                    "stderr=subprocess.DEVNULL)", *command], check=True, timeout=30)


def running(uploads: Path) -> int:
    """Checks started in ``uploads``' folders that have not reported yet (and are not long past their limit)."""
    cutoff = time.time() - 2 * MAX_CPU_S
    count = 0
    for marker in uploads.glob(f"*/{STARTED}"):
        try:
            if not (marker.parent / REPORT).exists() and marker.stat().st_mtime > cutoff:
                count += 1
        except OSError:
            continue
    return count


def state(folder: Path) -> tuple[str, dict | None]:
    """("done", report) once the check has reported, ("failed", None) when it died or ran out of time, else
    ("running", None)."""
    try:
        return "done", json.loads((folder / REPORT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        return "failed", None
    try:
        started = (folder / STARTED).stat().st_mtime
    except OSError:
        return "failed", None
    return ("failed" if time.time() - started > 2 * MAX_CPU_S else "running"), None


def findings(report: dict) -> list[Finding]:
    from dashboard.registry.importer import Finding

    return [Finding(**fields) for fields in report["findings"]]


def _limit_self() -> None:
    os.nice(NICENESS)  # visitors' requests go first
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_S, MAX_CPU_S))


def _write(folder: Path, content: dict) -> None:
    partial = folder / f".{REPORT}.tmp"
    partial.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, folder / REPORT)


def run(folder: Path, file: Path, data_dir: Path) -> None:
    """Check ``file`` and write its report into ``folder``; a check that fails says so (the log has why)."""
    from dashboard.registry import importer

    try:
        result = importer.read_registry(file, load_package(data_dir), lang="ru")
    except Exception as error:
        log.exception("checking %s failed", file.name)
        _write(folder, {"ok": False, "failed": type(error).__name__, "findings": []})
        return
    report = result.report
    _write(folder, {"ok": bool(report.ok and result.tables is not None), "omitted": report.omitted,
                    "findings": [asdict(f) for f in report.findings]})


def main(argv: list[str]) -> int:
    _limit_self()
    run(*map(Path, argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
