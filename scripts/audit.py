"""Lighthouse on the dashboard: the median score of each category over several runs, the page's load metrics
and the layout shift, on a desktop and on a phone.

Usage (``make audit`` installs Lighthouse 12 into the untracked folder .lighthouse/ and runs this)::

    .venv/bin/python scripts/audit.py --lighthouse .lighthouse/node_modules/.bin/lighthouse [--runs 3]
        [--presets desktop mobile] [--origin URL ...] [QUERY ...]

The app is served in this process on a free local port, on the bundled data (or CLUSTER_DATA_DIR), unless
``--origin`` names servers already running: several are audited in turn, run by run, so that two versions of
the app are compared side by side on a shared machine. Lighthouse drives Debian's Chromium with its desktop
preset (no CPU throttling) or its default mobile settings (a mid-range phone: 4× slower CPU, slow 4G).
Measurement only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

from dashboard.web.app import create_app

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Load metrics, as Lighthouse names them, and the unit each is printed in.
METRICS = {"first-contentful-paint": "s", "largest-contentful-paint": "s", "speed-index": "s",
           "total-blocking-time": "ms"}
PRESETS = {"desktop": ["--preset=desktop"], "mobile": []}  # Lighthouse emulates a phone by default
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def lighthouse(binary: str, url: str, preset: str, report: Path) -> dict:
    report.unlink(missing_ok=True)  # an earlier run's, in a kept folder
    subprocess.run([binary, url, *PRESETS[preset], f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox", "--output=json", f"--output-path={report}",
                    "--quiet"], check=False, env={**os.environ, "CHROME_PATH": CHROMIUM})
    # A run Lighthouse could not trace (NO_NAVSTART on a busy machine) fails, with a report that says so.
    return json.loads(report.read_text(encoding="utf-8"))


def summary(reports: list[dict]) -> str:
    scores = {name: statistics.median(round(r["categories"][name]["score"] * 100) for r in reports)
              for name in CATEGORIES}
    metrics = {name: statistics.median(r["audits"][name]["numericValue"] for r in reports) for name in METRICS}
    shift = statistics.median(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports)
    return ("  ".join(f"{name} {score:g}" for name, score in scores.items())
            + "  " + "  ".join(f"{name} {value / 1000:.2f} s" if METRICS[name] == "s" else f"{name} {value:.0f} ms"
                               for name, value in metrics.items())
            + f"  layout-shift {shift:.3f}  (median of {len(reports)})")


def failing(report: dict) -> list[str]:
    """What keeps a category other than performance below 100."""
    return sorted({ref["id"] for name in CATEGORIES[1:] for ref in report["categories"][name]["auditRefs"]
                   if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument("--origin", action="append", help="audit this running server instead (repeatable)")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's reports in this folder")
    parser.add_argument("queries", nargs="*", default=[""], help="query strings of the pages, e.g. '?lang=en'")
    args = parser.parse_args()
    server = None
    if not args.origin:
        server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    origins = args.origin or [f"http://127.0.0.1:{server.server_port}"]
    try:
        with tempfile.TemporaryDirectory() as temporary:
            folder = args.reports or Path(temporary)
            folder.mkdir(parents=True, exist_ok=True)  # Lighthouse writes into a folder, never makes one
            for preset in args.presets:
                for q, query in enumerate(args.queries):
                    runs: dict[str, list[dict]] = {origin: [] for origin in origins}
                    for i in range(args.runs):
                        for n, origin in enumerate(origins):
                            report = folder / f"{preset}-{q}-{n}-{i}.json"
                            runs[origin].append(lighthouse(args.lighthouse, f"{origin}/{query}", preset, report))
                    for origin, done in runs.items():
                        name = f"{preset} {origin if len(origins) > 1 else ''}/{query}"
                        reports = [r for r in done if "runtimeError" not in r]
                        for run in done:
                            if "runtimeError" in run:
                                print(f"{name}  a run failed and is left out: {run['runtimeError']['code']}")
                        if reports:
                            print(f"{name}  {summary(reports)}")
                            if failed := next((f for f in map(failing, reports) if f), None):
                                print("    failing:", ", ".join(failed))
    finally:
        if server:
            server.shutdown()


if __name__ == "__main__":
    main()
