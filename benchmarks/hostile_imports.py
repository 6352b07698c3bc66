"""How long, and how much memory, checking hostile registry files takes: each file is built here, in a temporary
folder, and checked by ``python -m dashboard validate`` in a child process (wall time and its peak RSS).

    python -m benchmarks.hostile_imports [--rows 200000]

Measurement only, no thresholds; the README quotes the figures.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Название", "Отрасль", "Роль", "Статус участия", "Источник (URL)", "Достоверность"]
# Short cells, so that hundreds of thousands of rows stay under the 10 MiB upload limit.
ROW = ["R{n}", "aircraft", "enterprise", "member", "https://e.x/{n}", "stated"]
BAD_ROW = ["R{n}", "x", "x", "x", "x", "x"]
TIMEOUT_S = 600
TIME = "/usr/bin/time"  # GNU time (Debian package "time"): the child's own peak memory


def _rows(template: list[str], count: int) -> list[list[str]]:
    return [[cell.format(n=n) for cell in template] for n in range(count)]


def far_corner(folder: Path, rows: int) -> Path:
    path = folder / "far_corner.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Организации"
    sheet.append(HEADER)
    sheet.append(_rows(ROW, 1)[0])
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def _csv(folder: Path, template: list[str], rows: int) -> Path:
    path = folder / "organisations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(_rows(template, rows))
    return path


def many_rows_csv(folder: Path, rows: int) -> Path:
    return _csv(folder, ROW, rows)


def many_findings_csv(folder: Path, rows: int) -> Path:
    return _csv(folder, BAD_ROW, rows)


def many_rows_xlsx(folder: Path, rows: int) -> Path:
    path = folder / "many_rows.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Организации")
    sheet.append(HEADER)
    for row in _rows(ROW, rows):
        sheet.append(row)
    book.save(path)
    return path


FILES: dict[str, Callable[[Path, int], Path]] = {
    "one cell at XFD1048576 (xlsx)": far_corner,
    "N valid rows (csv)": many_rows_csv,
    "N rows, each with 4 errors (csv)": many_findings_csv,
    "N valid rows (xlsx)": many_rows_xlsx,
}


def check(path: Path) -> tuple[float, float, int, str]:
    """Seconds, peak RSS in MB (GNU time's %M), exit code and the report's first line of ``validate`` on ``path``."""
    started = time.perf_counter()
    result = subprocess.run([TIME, "-f", "%M", sys.executable, "-m", "dashboard", "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S)
    seconds = time.perf_counter() - started
    *error, peak_kb = result.stderr.strip().splitlines() or ["0"]
    first = (result.stdout.strip().splitlines() or error[-1:] or [""])[0]
    return seconds, int(peak_kb) / 1024, result.returncode, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000, help="rows of the large files (default 150 000)")
    args = parser.parse_args(argv)
    print("| file | size | seconds | peak RSS | exit | report's first line |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in FILES.items():
            folder = Path(tmp) / build.__name__
            folder.mkdir()
            path = build(folder, args.rows)
            seconds, peak, code, first = check(path)
            size = path.stat().st_size / 2**20
            print(f"| {name.replace('N', f'{args.rows:,}')} | {size:.1f} MB | {seconds:.1f} s | {peak:.0f} MB | "
                  f"{code} | {first[:90]} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
