"""Lighthouse on the dashboard: the median score of each category over several runs, and the layout shift.

Usage (``make audit`` installs Lighthouse 12 into the untracked folder .lighthouse/ and runs this)::

    .venv/bin/python scripts/audit.py --lighthouse .lighthouse/node_modules/.bin/lighthouse [--runs 3] [QUERY ...]

The app is served in this process on a free local port, on the bundled data (or CLUSTER_DATA_DIR); Lighthouse
drives Debian's Chromium with its desktop preset. Measurement only: nothing here passes or fails.
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
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def lighthouse(binary: str, url: str, report: Path) -> dict:
    subprocess.run([binary, url, "--preset=desktop", f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox", "--output=json", f"--output-path={report}",
                    "--quiet"], check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("queries", nargs="*", default=[""], help="query strings of the pages, e.g. '?lang=en'")
    args = parser.parse_args()
    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for query in args.queries:
                url = f"http://127.0.0.1:{server.server_port}/{query}"
                runs = [lighthouse(args.lighthouse, url, Path(folder) / f"run{i}.json") for i in range(args.runs)]
                # Lighthouse finishes a run it could not trace (NO_NAVSTART on a busy machine) without its scores.
                reports = [r for r in runs if "runtimeError" not in r]
                for run in runs:
                    if "runtimeError" in run:
                        print(f"/{query}  a run failed and is left out: {run['runtimeError']['code']}")
                if not reports:
                    continue
                scores = {name: statistics.median(round(r["categories"][name]["score"] * 100) for r in reports)
                          for name in CATEGORIES}
                shift = statistics.median(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports)
                print(f"/{query}  " + "  ".join(f"{name} {score:g}" for name, score in scores.items())
                      + f"  layout-shift {shift:.3f}  (median of {len(reports)})")
                for report in reports:  # what keeps a category below 100, once
                    failing = sorted({audit_id for name in CATEGORIES[1:]
                                      for ref in report["categories"][name]["auditRefs"]
                                      if ref["weight"] and (audit_id := ref["id"])
                                      and report["audits"][audit_id]["score"] not in (None, 1)})
                    if failing:
                        print("    failing:", ", ".join(failing))
                        break
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
