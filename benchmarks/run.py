"""Run every benchmark at every scale and write ``benchmarks/results/<timestamp>.json`` and ``latest.md``.

    python -m benchmarks [--scales bundled,1k,10k,100k] [--runs 5] [--calls 30] [--budget 300]
    make bench BENCH_ARGS="--scales bundled,1k"

Scales: ``bundled`` (data/) and synthetic packages of N organisations (``1k``, ``10k``, ``2500`` …) written by
``tools.synthetic`` into ``benchmarks/.packages/`` and reused while the generator version, N and seed
match. For each scale, each measurement next to its floor in the same run:

* cold start of ``gunicorn -w 2 app:server`` (CLUSTER_DATA_DIR) to the first 200 of "/", and until both
  workers have loaded the app — floor: ``benchmarks/floor_app.py`` served the same way;
* page load bytes (every response the browser needed until the charts were drawn; as sent, decoded, and if
  gzip-compressed) — floor: plotly.min.js, raw and gzip-compressed;
* the main filter callback: in-process (test client) and over HTTP, p50/p95 — floor: apply_filters alone;
* the response bytes of the filter and page render callbacks;
* headless Chromium: navigation until every chart is drawn, and a sector choice, the language switch and the
  presentation switch each until every chart in sight is redrawn (and until every chart is) — floors: the bare
  app's first render and a trivial callback round trip;
* peak memory (VmHWM) of every gunicorn worker after the measurements.

Everything is on 127.0.0.1; every child process and request has a timeout, and a measurement that runs out
of time is recorded as "timeout" with whatever it had measured so far. No thresholds: measurement only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks import measures, report
from benchmarks.browser import SWITCHES
from benchmarks.serving import HOST, ROOT, Gunicorn, ServerError, request_full

BENCH_DIR = Path(__file__).resolve().parent
PACKAGES_DIR = BENCH_DIR / ".packages"
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_SCALES = "bundled,1k,10k,100k"
APP = "app:server"
FLOOR_APP = "benchmarks.floor_app:server"
WORKERS = 2
ACCEPT = {"Accept-Encoding": "gzip"}
PACKAGES = ("dash", "plotly", "pandas", "numpy", "frictionless", "gunicorn", "flask", "werkzeug",
            "dash-bootstrap-components", "dash-ag-grid", "networkx", "playwright")


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------
# scales and packages
# ---------------------------------------------------------------------------------------------------------


def parse_scale(text: str) -> tuple[str, int | None]:
    """``bundled`` -> ("bundled", None); ``10k`` / ``10000`` -> ("10k", 10000)."""
    text = text.strip().lower()
    if text == "bundled":
        return "bundled", None
    number = int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)
    if number < 1:
        raise ValueError(f"a scale must be at least 1 organisation: {text}")
    label = f"{number // 1000}k" if number % 1000 == 0 else str(number)
    return label, number


def _package_ok(folder: Path, organisations: int, seed: int) -> bool:
    from tools import synthetic

    try:
        cluster = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["cluster"]
    except (OSError, ValueError, KeyError):
        return False
    return (cluster.get("synthetic_generator") == synthetic.GENERATOR_VERSION
            and cluster.get("synthetic_organisations") == organisations and cluster.get("synthetic_seed") == seed)


def synthetic_package(organisations: int, seed: int, packages_dir: Path, regenerate: bool) -> tuple[Path, dict]:
    """The cached package of ``organisations`` (generated when missing or stale) and how long generating took."""
    from tools import synthetic

    folder = packages_dir / f"synthetic-{organisations}-seed{seed}"
    timing_file = folder.with_suffix(".json")
    if not regenerate and _package_ok(folder, organisations, seed):
        timing = json.loads(timing_file.read_text()) if timing_file.exists() else {}
        return folder, {"seconds": timing.get("seconds"), "cached": True, "measured": timing.get("measured")}
    packages_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".tmp-{folder.name}-", dir=packages_dir))
    try:
        started = time.perf_counter()
        synthetic.generate(scratch / "pkg", organisations, seed)
        seconds = time.perf_counter() - started
        if folder.exists():
            shutil.rmtree(folder)
        (scratch / "pkg").rename(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    timing = {"seconds": round(seconds, 3), "measured": dt.datetime.now().isoformat(timespec="seconds")}
    timing_file.write_text(json.dumps(timing) + "\n")
    return folder, {**timing, "cached": False}


# ---------------------------------------------------------------------------------------------------------
# child processes
# ---------------------------------------------------------------------------------------------------------


def run_child(module: str, arguments: list[str], timeout: float, out: Path) -> tuple[list[dict], str | None]:
    """Run ``python -m module arguments`` (its own process group) for at most ``timeout`` seconds; return the
    JSON lines it wrote to ``out`` and "timeout" / an error text, or None when it finished cleanly."""
    out.unlink(missing_ok=True)
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen([sys.executable, "-m", module, *arguments], cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=stderr, start_new_session=True)
        problem = None
        try:
            code = process.wait(timeout=timeout)
            if code != 0:
                stderr.seek(0)
                tail = stderr.read().decode(errors="replace").strip().splitlines()[-3:]
                problem = f"exit code {code}: " + " | ".join(tail)
        except subprocess.TimeoutExpired:
            problem = "timeout"
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # the child and anything it started (Chromium)
            process.wait()
    records = []
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                break  # a line cut short by the kill
    return records, problem


def inprocess(data_dir: Path, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    out, bodies = work / "inprocess.jsonl", work / "bodies.json"
    log(f"  in-process measurements ({data_dir.name})")
    records, problem = run_child("benchmarks.inprocess", [
        str(data_dir), "--out", str(out), "--bodies", str(bodies), "--calls", str(args.calls),
        "--warmup", str(args.warmup), "--budget", str(args.budget), "--seed", str(args.seed)],
        timeout=args.budget + args.load_timeout, out=out)
    by_metric: dict[str, list[dict]] = {}
    for record in records:
        by_metric.setdefault(record["metric"], []).append(record)
    seconds = lambda metric: [r["seconds"] for r in by_metric.get(metric, [])]  # noqa: E731
    ms = lambda values: measures.summarise(v * 1000 for v in values)  # noqa: E731
    result: dict[str, Any] = {"problems": []}
    result["rows"] = (by_metric.get("rows") or [{}])[0].get("tables")
    result["load_package"] = {"seconds": [round(s, 3) for s in seconds("load_package")],
                              "frictionless_validate_s": round(seconds("frictionless_validate")[0], 3)
                              if seconds("frictionless_validate") else None}
    result["create_app_s"] = round(seconds("create_app")[0], 3) if seconds("create_app") else None
    routers = by_metric.get("router_callback", [])
    first = routers[0] if routers else {}
    result["router_callback"] = {"first_ms": round(first["seconds"] * 1000, 1) if first else None,
                                 "inprocess_ms": ms([r["seconds"] for r in routers[1:]]),
                                 "bytes": first.get("bytes"), "gzip_bytes": first.get("gzip_bytes")}
    changes = [r["callbacks"] for r in by_metric.get("filter_change", []) if not r["warmup"]]
    answered = [change for change in changes if all(c["status"] in (200, 204) for c in change)]
    main = [c for change in answered for c in change if c["name"] == measures.FILTER_FIRST_OUTPUT]
    names = (by_metric.get("filter_callbacks") or [{}])[0].get("names", [])
    result["filter_callback"] = {
        "callbacks": names,
        "inprocess_ms": ms(c["seconds"] for c in main),
        "bytes": measures.summarise((c["bytes"] for c in main), 0),
        "gzip_bytes": measures.summarise((c["gzip_bytes"] for c in main), 0),
        "change_inprocess_ms": ms(sum(c["seconds"] for c in change) for change in answered),
        "change_bytes": measures.summarise((sum(c["bytes"] for c in change) for change in answered), 0),
        "change_gzip_bytes": measures.summarise((sum(c["gzip_bytes"] for c in change) for change in answered), 0),
        "by_callback": {name: {"inprocess_ms": ms(c["seconds"] for ch in answered for c in ch if c["name"] == name),
                               "bytes": measures.summarise((c["bytes"] for ch in answered for c in ch
                                                            if c["name"] == name), 0)} for name in names},
        "statuses": sorted({c["status"] for change in changes for c in change}),
        "status": "ok" if len(changes) >= args.calls else ("timeout" if problem == "timeout" or by_metric.get(
            "budget_exhausted") else "incomplete"),
    }
    result["apply_filters_ms"] = measures.summarise((s * 1000 for s in seconds("apply_filters")), 2)
    result["views_render_ms"] = ms(seconds("views_render"))
    if problem:
        result["problems"].append(f"in-process: {problem} after {len(records)} records "
                                  f"(last: {records[-1]['metric'] if records else 'none'})")
        if not routers:
            result["router_callback"]["status"] = problem if problem == "timeout" else "error"
        if not changes:
            result["filter_callback"]["status"] = "timeout" if problem == "timeout" else "error"
    failed = [c for change in changes for c in change if c["status"] not in (200, 204)]
    if failed:
        kinds = sorted({f"{c['name']} HTTP {c['status']}" for c in failed})
        result["problems"].append(f"in-process: {len(failed)} filter callback answers were errors ({', '.join(kinds)})")
    for error in by_metric.get("views_render_error", [])[:3]:
        result["problems"].append(f"page.render raised {error['error']} for {error['params']}")
    if by_metric.get("budget_exhausted"):
        result["problems"].append(f"in-process: budget of {args.budget:.0f} s used up after "
                                  f"{len(changes)} timed filter changes")
    result["_bodies"] = json.loads(bodies.read_text(encoding="utf-8")) if bodies.exists() else None
    return result


def browser(url: str, mode: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    out = work / f"browser-{mode}.jsonl"
    log(f"  browser ({mode}, {args.runs} runs)")
    records, problem = run_child("benchmarks.browser", [
        url, "--mode", mode, "--runs", str(args.runs), "--timeout", str(args.browser_timeout), "--out", str(out)],
        timeout=args.runs * 2 * args.browser_timeout + 120, out=out)
    runs = [r for r in records if r.get("event") == "run"]
    result: dict[str, Any] = {
        **{key: [round(r[key], 1) for r in runs if key in r]
           for key in ("navigation_ms", "navigation_in_sight_ms", "click_ms", "click_all_ms", "second_click_ms",
                       "second_click_all_ms", *(f"{name}{part}_ms" for name in SWITCHES for part in ("", "_all")))},
        "reloaded": {name: any(r.get(f"{name}_reloaded") for r in runs) for name in SWITCHES},
        "clicked": next((r["clicked"] for r in runs if "clicked" in r), None),
        "breakdown_ms": {
            f"{phase}_{part}": measures.median(r[f"{phase}_breakdown"][part] for r in runs
                                               if r.get(f"{phase}_breakdown", {}).get(part) is not None)
            for phase in ("navigation", "click") for part in ("last_answer_ms", "long_tasks_ms")},
        "charts_ms": {phase: {name: measures.median(r[f"{phase}_charts_ms"][name] for r in runs
                                                    if name in r.get(f"{phase}_charts_ms", {}))
                              for name in sorted({n for r in runs for n in r.get(f"{phase}_charts_ms", {})})}
                      for phase in ("navigation", "click")},
        "errors": [{k: r[k] for k in ("run", "error", "missing") if k in r} for r in runs if "error" in r],
        "page_errors": sorted({e for r in runs for e in r.get("page_errors", [])})[:5],
        "version": next((r["version"] for r in records if r.get("event") == "browser"), None),
    }
    errors = [e["error"] for e in result["errors"]]
    result["status"] = ("timeout" if problem == "timeout" or "timeout" in errors else
                        "error" if problem or errors else "ok")
    result["problems"] = []
    if problem:
        result["problems"].append(f"browser ({mode}): {problem}")
    for error in result["errors"]:
        missing = f" ({error['missing']})" if error.get("missing") else ""
        result["problems"].append(f"browser ({mode}) run {error['run']}: {error['error']}{missing}")
    byte_log = next((r["responses"] for r in records if r.get("event") == "bytes"), None)
    result["bytes"] = ({**measures.account(byte_log), "responses": byte_log} if byte_log is not None
                       else {"status": result["status"] if result["status"] != "ok" else "error"})
    return result


# ---------------------------------------------------------------------------------------------------------
# servers
# ---------------------------------------------------------------------------------------------------------


def cold_starts(app: str, data_dir: Path | None, args: argparse.Namespace) -> tuple[dict[str, Any], Gunicorn | None]:
    """``args.cold_starts`` fresh starts; the last server is returned still running (None if it failed)."""
    result: dict[str, Any] = {"first_200_s": [], "workers_ready_s": [], "status": "ok", "problems": []}
    server = None
    for n in range(args.cold_starts):
        server = Gunicorn(app, WORKERS, data_dir, log_prefix="bench-gunicorn-")
        try:
            result["first_200_s"].append(round(server.wait_ready(args.start_timeout), 3))
            ready = server.wait_workers_idle(WORKERS, args.start_timeout)
            if ready is None:
                result["problems"].append(f"cold start {n + 1}: workers still busy after {args.start_timeout:.0f} s")
            else:
                result["workers_ready_s"].append(round(ready, 3))
        except ServerError as error:
            result["status"] = "timeout" if "did not answer" in str(error) else "error"
            result["problems"].append(f"cold start {n + 1}: {error}; log tail: {server.log_tail(5)}")
            server.stop()
            return result, None
        if n < args.cold_starts - 1:
            server.stop(remove_log=True)
    return result, server


def http_page_bytes(server: Gunicorn) -> dict[str, Any]:
    """What a first visit downloads, fetched over HTTP without a browser: the index, every script and style
    sheet it references, the layout with the page (asked for as the page asks, naming itself as referrer)
    and the dependencies (no async chunks)."""
    records = []
    page_url = f"http://{HOST}:{server.port}/"

    def fetch(method: str, path: str, body: object = None) -> bytes:
        status, headers, raw = request_full(HOST, server.port, method, path, body,
                                            headers={**ACCEPT, "Referer": page_url}, timeout=120)
        content = measures.decoded(raw, headers.get("content-encoding"))
        records.append(measures.response_record(path, method, status, headers.get("content-encoding"), raw, content))
        return content

    index = fetch("GET", "/").decode("utf-8", errors="replace")
    for reference in measures.page_references(index):
        parts = urlsplit(reference)
        if parts.netloc and parts.netloc != f"{HOST}:{server.port}":
            continue  # the page never leaves the machine; nothing to count
        fetch("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    fetch("GET", "/_dash-layout")
    fetch("GET", "/_dash-dependencies")
    return {**measures.account(records), "responses": records}


def http_callbacks(server: Gunicorn, bodies: dict, args: argparse.Namespace) -> dict[str, Any]:
    """The same filter changes as in-process, over HTTP (Accept-Encoding: gzip, as browsers send): warm-up on
    two connections at once (both workers), then per change the main callback alone, and every callback the
    change fires as the browser sends them: the main one, then those that follow its answer at once (wall time
    until the last answer)."""
    errors: list[str] = []

    def post(body: dict) -> tuple[float, int | None, dict]:
        started = time.perf_counter()
        try:
            status, headers, _ = request_full(HOST, server.port, "POST", measures.UPDATE, body, headers=ACCEPT,
                                              timeout=args.request_timeout)
        except OSError as error:
            errors.append(f"{type(error).__name__}: {error}")
            return time.perf_counter() - started, None, {}
        if status not in (200, 204):
            errors.append(f"HTTP {status}")
        return time.perf_counter() - started, status, headers

    def together(change: list[dict]) -> float:
        started = time.perf_counter()
        post(change[0])
        threads = [threading.Thread(target=post, args=(body,), daemon=True) for body in change[1:]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.request_timeout + 5)
        return time.perf_counter() - started

    warmup = [body for change in bodies.get("warmup") or [] for body in change]
    threads = [threading.Thread(target=lambda: [post(b) for b in warmup], daemon=True) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.budget)
    errors.clear()
    deadline = time.perf_counter() + args.budget
    main_ms, change_ms, encodings, done = [], [], set(), 0
    changes = bodies.get("calls") or []
    for change in changes:
        if time.perf_counter() > deadline:
            break
        failed = len(errors)
        seconds, status, headers = post(change[0])
        if status == 200:
            main_ms.append(seconds * 1000)
            encodings.add(headers.get("content-encoding", "") or "none")
        wall = together(change)
        if len(errors) == failed:
            change_ms.append(wall * 1000)
        done += 1
    status = "ok" if done == len(changes) and not errors else ("timeout" if done < len(changes) else "errors")
    return {"http_ms": measures.summarise(main_ms), "change_http_ms": measures.summarise(change_ms),
            "http": {"status": status, "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
                     "content_encoding": sorted(encodings), "changes": done}}


# ---------------------------------------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------------------------------------


def plotly_js() -> Path:
    spec = importlib.util.find_spec("plotly")
    return Path(spec.origin).parent / "package_data" / "plotly.min.js"


def measure_floor(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    log("floor: bare Dash app")
    plotly = plotly_js().read_bytes()
    result: dict[str, Any] = {"plotly_raw_bytes": len(plotly), "plotly_gzip_bytes": measures.gzip_size(plotly),
                              "problems": []}
    result["cold_start"], server = cold_starts(FLOOR_APP, None, args)
    result["problems"] += result["cold_start"].pop("problems")
    if server is None:
        return result
    try:
        result["page_bytes_http"] = http_page_bytes(server)
        if args.browser:
            measure_browser(result, server, "floor", args, work)
        result["memory_kib"] = server.memory()
    finally:
        server.stop(remove_log=True)
    return result


def measure_browser(result: dict[str, Any], server: Gunicorn, label: str, args: argparse.Namespace,
                    work: Path) -> None:
    """The browser measurements of ``server`` into ``result``: timings, page bytes and their problems."""
    result["browser"] = browser(server.url, label, args, work)
    result["problems"] += result["browser"].pop("problems")
    result["page_bytes_browser"] = result["browser"].pop("bytes")


def measure_scale(label: str, organisations: int | None, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    log(f"scale {label}")
    result: dict[str, Any] = {"scale": label, "problems": [], "code": code_fingerprint(),
                              "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    if organisations is None:
        data_dir, result["generate"] = ROOT / "data", None
    else:
        data_dir, result["generate"] = synthetic_package(organisations, args.seed, args.packages, args.regenerate)
        log(f"  package {data_dir.name}: " + ("cached" if result["generate"]["cached"]
                                              else f"generated in {result['generate']['seconds']:.2f} s"))
    result["package_dir"] = str(data_dir)

    if args.inprocess:
        measured = inprocess(data_dir, args, work)
        bodies = measured.pop("_bodies")
        result["problems"] += measured.pop("problems")
        result.update(measured)
        result["organisations"] = (result.get("rows") or {}).get("organisations", organisations)
    else:
        bodies = None
        result["organisations"] = organisations

    log("  cold starts")
    result["cold_start"], server = cold_starts(APP, data_dir, args)
    result["problems"] += result["cold_start"].pop("problems")
    if server is None:
        return result
    try:
        log("  page bytes over HTTP")
        try:
            result["page_bytes_http"] = http_page_bytes(server)
        except OSError as error:
            result["page_bytes_http"] = {"status": "timeout" if "timed out" in str(error) else "error"}
            result["problems"].append(f"page bytes over HTTP: {error}")
        if bodies and args.http:
            log("  filter callback over HTTP")
            http = http_callbacks(server, bodies, args)
            result.setdefault("filter_callback", {}).update(http)
            if http["http"]["status"] != "ok":
                result["problems"].append(f"filter callbacks over HTTP: {http['http']['status']} after "
                                          f"{http['http']['changes']} changes, "
                                          f"{http['http']['errors']} errors {http['http']['error_kinds']}")
        if args.browser:
            measure_browser(result, server, "dashboard", args, work)
        result["memory_kib"] = server.memory()
    finally:
        server.stop()
    log_text = Path(server.log.name).read_text(errors="replace")
    if "WORKER TIMEOUT" in log_text:
        result["problems"].append(f"gunicorn killed a worker for exceeding its timeout (WORKER TIMEOUT) "
                                  f"{log_text.count('WORKER TIMEOUT')}×")
    if "Traceback" in log_text or "ERROR" in log_text:
        result["problems"].append(f"errors in the gunicorn log, kept at {server.log.name}")
    else:
        Path(server.log.name).unlink(missing_ok=True)
    return result


def code_fingerprint() -> str:
    """A digest of the code the servers run (app.py, dashboard/, assets/): others may edit it during a run."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "app.py", *(ROOT / "dashboard").rglob("*.py"), *(ROOT / "assets").rglob("*")]):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kib / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform(), "packages": versions,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def git_state() -> dict[str, Any]:
    def git(*arguments: str) -> str:
        try:
            return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=20,
                                  check=False).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=DEFAULT_SCALES, help=f"comma-separated (default {DEFAULT_SCALES})")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per scale (default 5)")
    parser.add_argument("--calls", type=int, default=30, help="timed filter callback calls (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls first (default 3)")
    parser.add_argument("--cold-starts", type=int, default=3, help="cold starts per server (default 3)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="seconds each callback measurement may take before it stops (default 300)")
    parser.add_argument("--load-timeout", type=float, default=600.0,
                        help="seconds on top of --budget for the in-process loading (default 600)")
    parser.add_argument("--start-timeout", type=float, default=300.0, help="server start timeout (default 300 s)")
    parser.add_argument("--browser-timeout", type=float, default=120.0,
                        help="per browser navigation or click (default 120 s)")
    parser.add_argument("--request-timeout", type=float, default=120.0, help="per HTTP request (default 120 s)")
    parser.add_argument("--seed", type=int, default=20141120, help="generator seed (default 20141120)")
    parser.add_argument("--regenerate", action="store_true", help="generate the synthetic packages again")
    parser.add_argument("--packages", type=Path, default=PACKAGES_DIR, help="cache of synthetic packages")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR, help="where results go")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the browser")
    parser.add_argument("--no-http", dest="http", action="store_false", help="skip the HTTP callback replay")
    parser.add_argument("--no-inprocess", dest="inprocess", action="store_false",
                        help="skip the in-process measurements (and so the HTTP replay)")
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="skip the floor app")
    args = parser.parse_args(argv)
    try:
        args.scale_list = [parse_scale(s) for s in args.scales.split(",") if s.strip()]
    except ValueError as error:
        parser.error(str(error))
    if min(args.runs, args.calls, args.cold_starts) < 1 or args.warmup < 0:
        parser.error("--runs, --calls and --cold-starts must be at least 1, --warmup at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = dt.datetime.now()
    options = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    results: dict[str, Any] = {"started": started.isoformat(timespec="seconds"), "machine": machine(),
                               "git": git_state(), "code": code_fingerprint(), "options": options,
                               "floor": {}, "scales": []}
    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"{started:%Y%m%d-%H%M%S}.json"

    def save() -> str:
        results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
        out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        table = report.markdown(results)
        (args.results / "latest.md").write_text(table, encoding="utf-8")
        return table

    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        work = Path(scratch)
        if args.floor:
            results["floor"] = measure_floor(args, work)
            results["machine"]["chromium"] = (results["floor"].get("browser") or {}).get("version")
            save()
        for label, organisations in args.scale_list:
            scale_started = time.perf_counter()
            scale = measure_scale(label, organisations, args, work)
            scale["wall_s"] = round(time.perf_counter() - scale_started, 1)
            scale["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
            if code_fingerprint() != results["code"]:
                scale["problems"].append("the code (app.py, dashboard/, assets/) changed during the run: "
                                         "numbers may mix two versions")
                results["code"] = code_fingerprint()
            results["scales"].append(scale)
            results["machine"]["chromium"] = (results["machine"].get("chromium")
                                              or (results["scales"][-1].get("browser") or {}).get("version"))
            save()
    print(save())
    log(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
