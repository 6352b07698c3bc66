"""Bounded load benchmark of the dashboard on this machine (127.0.0.1 only).

Starts ``gunicorn -w 2 app:server`` on a free local port (or uses ``--url`` of a local server), then runs
``--sessions`` concurrent sessions for ``--seconds``. Each session opens the page the way a browser does
(the router callback) and then replays filter callbacks built from ``/_dash-dependencies`` with a random
sector, status, year range, search text and language. Prints (or writes to ``--out``) a JSON report:
requests, errors (non-2xx answers and exceptions), throughput and latency percentiles.

    .venv/bin/python scripts/loadtest.py --sessions 20 --seconds 60 --out benchmarks/results/load.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import measures  # noqa: E402
from benchmarks.serving import REQUEST_TIMEOUT_S, Gunicorn, ServerError, request  # noqa: E402

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_SESSIONS, MAX_SECONDS = 200, 600
SEARCHES = ("", "", "", "Иркут", "авиа", "завод", "университет", "Яковлев", "технопарк", "zzz")
UPDATE = "/_dash-update-component"


@dataclass
class Sample:
    kind: str
    status: int | None
    seconds: float
    error: str | None = None


@dataclass
class Plan:
    """What the sessions send: the two callbacks and the values the filters offer."""

    router: dict
    filters: dict
    options: dict[str, list[Any]] = field(default_factory=dict)
    years: tuple[int, int] = (2014, 2026)


def callback_body(spec: dict, values: dict[str, object]) -> dict:
    """The body dash-renderer posts for ``spec`` when its first input changed; ``values`` give inputs and state."""
    return measures.callback_body(spec, values, values, changed=[spec["inputs"][0]["id"]])


def discover(host: str, port: int) -> Plan:
    """Find the router and filter callbacks and the filters' options on the running app."""
    status, raw = request(host, port, "GET", "/_dash-dependencies")
    if status != 200:
        raise SystemExit(f"/_dash-dependencies answered {status}")
    dependencies = json.loads(raw)
    router = next(d for d in dependencies if d["output"] == "page.children")
    filters = next(d for d in dependencies
                   if "kpi-participants.children" in d["output"]
                   and {"filter-sector", "filter-search"} <= {i["id"] for i in d["inputs"]})
    plan = Plan(router=router, filters=filters)
    status, raw = request(host, port, "POST", UPDATE, callback_body(router, {"url": ""}))
    if status == 200:
        page = measures.components_by_id(json.loads(raw))
        for name in ("filter-sector", "filter-status", "filter-role", "filter-settlement"):
            if name in page:
                plan.options[name] = [o["value"] for o in page[name].get("options") or []]
        if page.get("filter-date", {}).get("min") is not None:
            plan.years = (int(page["filter-date"]["min"]), int(page["filter-date"]["max"]))
    return plan


def random_filters(plan: Plan, rng: random.Random) -> dict[str, object]:
    low, high = plan.years
    start = rng.randint(low, high)
    values: dict[str, object] = {
        "filter-date": [start, rng.randint(start, high)] if rng.random() < 0.6 else [low, high],
        "filter-search": rng.choice(SEARCHES),
        "lang": "en" if rng.random() < 0.2 else "ru",
    }
    for name, options in plan.options.items():
        chosen = rng.sample(options, k=rng.randint(0, min(2, len(options)))) if options else []
        values[name] = chosen if name in ("filter-sector", "filter-status") or rng.random() < 0.2 else []
    return values


def session(host: str, port: int, plan: Plan, deadline: float, seed: int, samples: list[Sample],
            lock: threading.Lock) -> None:
    """One visitor: open the page, then change filters until the deadline."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    kind, body = "router", callback_body(plan.router, {"url": rng.choice(["", "?lang=en", "?sector=aircraft"])})
    local: list[Sample] = []
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            status, _ = request(host, port, "POST", UPDATE, body, conn)
            local.append(Sample(kind, status, time.perf_counter() - started,
                                None if 200 <= status < 300 else f"HTTP {status}"))
        except (OSError, http.client.HTTPException) as error:
            local.append(Sample(kind, None, time.perf_counter() - started, f"{type(error).__name__}: {error}"))
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
        kind, body = "filters", callback_body(plan.filters, random_filters(plan, rng))
    conn.close()
    with lock:
        samples.extend(local)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), round(fraction * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def latency_ms(samples: list[Sample]) -> dict[str, float]:
    values = sorted(s.seconds * 1000 for s in samples)
    if not values:
        return {}
    return {"p50": round(percentile(values, 0.50), 1), "p95": round(percentile(values, 0.95), 1),
            "p99": round(percentile(values, 0.99), 1), "max": round(values[-1], 1),
            "mean": round(sum(values) / len(values), 1)}


def summary(samples: list[Sample], elapsed: float, url: str, args: argparse.Namespace, plan: Plan) -> dict[str, Any]:
    errors = [s for s in samples if s.error]
    return {
        "url": url,
        "server": "external" if args.url else f"gunicorn -w {args.workers} {args.app}",
        "sessions": args.sessions,
        "seconds": round(elapsed, 1),
        "requests": len(samples),
        "errors": len(errors),
        "error_kinds": dict(Counter(e.error for e in errors).most_common(5)),
        "status_counts": {str(k): v for k, v in sorted(Counter(s.status for s in samples).items(), key=str)},
        "throughput_rps": round(len(samples) / elapsed, 2) if elapsed else 0.0,
        "latency_ms": latency_ms(samples),
        "latency_ms_by_kind": {kind: latency_ms([s for s in samples if s.kind == kind])
                               for kind in sorted({s.kind for s in samples})},
        "filters_offered": {name: len(values) for name, values in plan.options.items()} | {"years": plan.years},
        "cpu_count": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a server already running on this machine, e.g. http://127.0.0.1:8050")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="duration (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--app", default="app:server", help="WSGI app for gunicorn (default app:server)")
    parser.add_argument("--data", type=Path, help="data package for the started server (CLUSTER_DATA_DIR)")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--out", type=Path, help="write the JSON report here (default: print it)")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be in (0, {MAX_SECONDS}]")
    if args.url and (urlsplit(args.url).hostname not in LOCAL_HOSTS or urlsplit(args.url).scheme != "http"):
        parser.error("--url must be http:// on 127.0.0.1 / localhost: this benchmark never loads another host")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    server = None
    if args.url:
        parts = urlsplit(args.url)
        host, port, url = parts.hostname, parts.port or 80, args.url.rstrip("/")
    else:
        server = Gunicorn(args.app, args.workers, args.data, log_prefix="loadtest-gunicorn-")
        host, port, url = "127.0.0.1", server.port, server.url
    try:
        if server:
            try:
                server.wait_ready()
            except ServerError as error:
                raise SystemExit(str(error)) from None
        plan = discover(host, port)
        samples: list[Sample] = []
        lock = threading.Lock()
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [threading.Thread(target=session, args=(host, port, plan, deadline, args.seed + n, samples, lock),
                                    daemon=True) for n in range(args.sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + REQUEST_TIMEOUT_S + 5)
        report = summary(samples, time.monotonic() - started, url, args, plan)
    finally:
        if server:
            server.stop()
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
