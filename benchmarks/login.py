"""What password guessing on ``/admin`` costs the dashboard's visitors (127.0.0.1 only).

    python -m benchmarks.login [--seconds 20] [--guessers 2]

For each scenario a fresh ``gunicorn --preload -w 2 app:server`` serves a copy of the bundled package with one
admin whose password is hashed as ``hash-password`` does (scrypt); one visitor sends the main filter callback
(as dash-renderer builds it) one request after another while ``--guessers`` threads send wrong passwords to
``/admin`` as fast as they are answered. Every loop stops at its deadline. Scenarios: no guessing; guessing with
the throttle opened wide (as before it existed); guessing from one address; guessing from a new address and a new
account name every time (one trusted proxy, forged X-Forwarded-For: only the site's limit holds). Prints the
visitor's latency p50/p95 and the guessers' answers as JSON.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import measures
from benchmarks.serving import HOST, Gunicorn, request
from dashboard.web.admin import ENV_CREDENTIALS, hash_password
from dashboard.web.auth import ENV_STATE, ENVIRONMENT
from tests.packages import copy_package

USER = "anna"
WIDE_OPEN = {ENVIRONMENT["free_failures"]: "1000000", ENVIRONMENT["site_failures_per_minute"]: "1000000"}
SCENARIOS: dict[str, tuple[int, dict[str, str], bool]] = {
    # name: (guessers, environment, a new address and account name for every guess)
    "no guessing": (0, {}, False),
    "guessing, throttle off (as before)": (-1, WIDE_OPEN, False),
    "guessing from one address": (-1, {}, False),
    "guessing from a new address and name every time": (-1, {ENVIRONMENT["trusted_proxies"]: "1"}, True),
}
FILTER_STATES = 50


def visitor_bodies(port: int) -> list[dict]:
    """Bodies of the main filter callback for varied filter states, built from the running app's page."""
    status, raw = request(HOST, port, "GET", "/_dash-dependencies")
    dependencies = json.loads(raw)
    router = measures.find_callback(dependencies, measures.ROUTER_OUTPUT.split(".")[0])
    main = measures.filter_callbacks(dependencies)[0]
    status, raw = request(HOST, port, "POST", measures.UPDATE, measures.callback_body(router, {"url": ""},
                                                                                       changed=["url"]))
    if status != 200:
        raise SystemExit(f"the router callback answered {status}")
    page = measures.components_by_id(json.loads(raw))
    states = measures.filter_states(page, FILTER_STATES, seed=16)
    return [body for state in states for body in measures.change_bodies([main], page, state)]


def visit(port: int, bodies: list[dict], deadline: float) -> tuple[list[float], Counter]:
    latencies, statuses = [], Counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    n = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _ = request(HOST, port, "POST", measures.UPDATE, bodies[n % len(bodies)], connection)
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[status] += 1
        n += 1
    connection.close()
    return latencies, statuses


def guess(port: int, number: int, deadline: float, rotate: bool, answers: Counter, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    local, n = Counter(), 0
    while time.perf_counter() < deadline:
        user = f"{USER}{number}x{n}" if rotate else USER
        headers = {"Authorization": "Basic " + base64.b64encode(f"{user}:guess {n}".encode()).decode()}
        if rotate:
            headers["X-Forwarded-For"] = f"10.{number}.{n // 256 % 256}.{n % 256}"
        status, _ = request(HOST, port, "GET", "/admin", connection=connection, headers=headers)
        local[status] += 1
        n += 1
    connection.close()
    with lock:
        answers.update(local)


def scenario(data_dir: Path, credentials: Path, work: Path, name: str, args: argparse.Namespace) -> dict[str, Any]:
    guessers, environment, rotate = SCENARIOS[name]
    guessers = args.guessers if guessers < 0 else guessers
    state = work / f"logins-{len(list(work.glob('logins-*')))}.sqlite"
    server = Gunicorn("app:server", 2, data_dir, extra_env={ENV_CREDENTIALS: str(credentials), ENV_STATE: str(state),
                                                            **environment}, log_prefix="login-bench-")
    try:
        server.wait_ready()
        bodies = visitor_bodies(server.port)
        visit(server.port, bodies, time.perf_counter() + 3)  # warm both workers
        deadline = time.perf_counter() + args.seconds
        answers, lock = Counter(), threading.Lock()
        threads = [threading.Thread(target=guess, args=(server.port, n, deadline, rotate, answers, lock), daemon=True)
                   for n in range(guessers)]
        for thread in threads:
            thread.start()
        latencies, statuses = visit(server.port, bodies, deadline)
        for thread in threads:
            thread.join(60)
    finally:
        server.stop(remove_log=True)
    summary = measures.summarise(latencies)
    return {"scenario": name, "visitor_requests": summary["n"], "visitor_p50_ms": summary["p50"],
            "visitor_p95_ms": summary["p95"], "visitor_statuses": dict(statuses),
            "guesses": sum(answers.values()), "guesses_per_s": round(sum(answers.values()) / args.seconds, 1),
            "guess_answers": dict(answers), "password_checks": answers[401]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of each scenario (at most 120)")
    parser.add_argument("--guessers", type=int, default=2, help="guessing threads (at most 8)")
    args = parser.parse_args(argv)
    args.seconds, args.guessers = min(args.seconds, 120), min(args.guessers, 8)
    with tempfile.TemporaryDirectory(prefix="login-bench-") as folder:
        work = Path(folder)
        credentials = work / "admins"
        credentials.write_text(f"{USER}:{hash_password('the right password, never guessed')}\n", encoding="utf-8")
        data_dir = copy_package(work)
        results = []
        for name in SCENARIOS:
            results.append(scenario(data_dir, credentials, work, name, args))
            print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
