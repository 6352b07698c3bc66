"""In-process measurements of one data package, run in a child process so that the parent can time it out.

    python -m benchmarks.inprocess DATA_DIR --out RESULTS.jsonl --bodies BODIES.json [--calls 30 ...]

Writes one JSON object per line as soon as it is measured (a timeout keeps what was done): load_package
(and the frictionless validation in it), create_app, the page render (router) callback, then, through
``app.server.test_client()``, every server callback a filter change fires (the main one, the charts part,
first) for varied filter changes, and, for the same states, the floor (``filters.apply_filters`` alone) and
``page.render`` (all the views without Dash around them). The request bodies go to BODIES.json so that the
parent replays exactly the same requests over HTTP.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import measures


def timed(function, *args, **kwargs) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def post(client, body: dict) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    response = client.post(measures.UPDATE, json=body)
    data = response.get_data()
    return time.perf_counter() - started, response.status_code, data


def run(args: argparse.Namespace) -> None:
    record = measures.Recorder(args.out)
    import frictionless

    from dashboard.data.filters import apply_filters, parse_state
    from dashboard.data.package import DESCRIPTOR, load_package
    from dashboard.ui.page import render as render_page
    from dashboard.ui.view import View
    from dashboard.web.app import create_app

    # -- loading -------------------------------------------------------------------------------------------
    seconds, _ = timed(frictionless.validate, str(args.data / DESCRIPTOR))
    record(metric="frictionless_validate", seconds=seconds)
    loads = []
    while len(loads) < args.load_repeats and (not loads or sum(loads) < args.load_budget):
        seconds, data = timed(load_package, args.data)
        loads.append(seconds)
        record(metric="load_package", seconds=seconds)
    record(metric="rows", tables={name: len(frame) for name, frame in data.tables.items()})
    seconds, app = timed(create_app, args.data)
    record(metric="create_app", seconds=seconds)
    deadline = time.perf_counter() + args.budget
    client = app.server.test_client()
    dependencies = json.loads(client.get("/_dash-dependencies").get_data())
    router = measures.find_callback(dependencies, measures.ROUTER_OUTPUT.split(".")[0])
    filters = measures.filter_callbacks(dependencies)
    record(metric="filter_callbacks", names=[measures.callback_name(spec) for spec in filters])

    # -- the page render (router) callback -----------------------------------------------------------------
    router_body = measures.callback_body(router, {"url": ""}, changed=["url"])
    page_json = None
    for n in range(args.router_repeats):
        seconds, status, body = post(client, router_body)
        record(metric="router_callback", seconds=seconds, status=status, bytes=len(body), first=n == 0,
               gzip_bytes=measures.gzip_size(body) if n == 0 else None)
        page_json = page_json or (json.loads(body) if status == 200 else None)
        if time.perf_counter() > deadline:
            break
    if page_json is None:
        record(metric="error", message="the router callback did not answer 200")
        return
    page = measures.components_by_id(page_json)

    # -- the filter callbacks: every callback one filter change fires, one after the other ---------------------
    states = measures.filter_states(page, args.warmup + args.calls, args.seed)
    changes = [measures.change_bodies(filters, page, state) for state in states]
    for n, bodies in enumerate(changes):
        if time.perf_counter() > deadline:
            record(metric="budget_exhausted", phase="filter_callback", done=n)
            break
        callbacks = []
        for k, body in enumerate(bodies):
            seconds, status, response = post(client, body)
            if k == 0:
                measures.follow(bodies, response)
            callbacks.append({"name": body["output"].lstrip(".").split(".")[0], "seconds": seconds,
                              "status": status, "bytes": len(response),
                              "gzip_bytes": measures.gzip_size(response)})
        record(metric="filter_change", warmup=n < args.warmup, callbacks=callbacks)

    # the bodies as the browser sends them, those that follow the main callback with its answer's address
    args.bodies.write_text(json.dumps({"router": router_body, "warmup": changes[:args.warmup],
                                       "calls": changes[args.warmup:]}, ensure_ascii=False), encoding="utf-8")
    record(metric="bodies_written", warmup=args.warmup, calls=args.calls)

    # -- floors for the same states: the pandas filtering alone, and page.render ---------------------------
    timed_states = states[args.warmup:]
    renders = 0
    for state in timed_states:
        filter_state = parse_state(measures.parse_params(state["values"], state["state"]), data)
        seconds, _ = timed(apply_filters, data, filter_state)
        record(metric="apply_filters", seconds=seconds)
        if renders < args.render_calls and time.perf_counter() < deadline:
            try:
                seconds, _ = timed(render_page, View(data, filter_state))
            except Exception as error:  # a bug in the app for this state: say so, measure the others
                record(metric="views_render_error", error=f"{type(error).__name__}: {error}"[:300],
                       params={k: v for k, v in measures.parse_params(state["values"], state["state"]).items() if v})
                continue
            renders += 1
            record(metric="views_render", seconds=seconds)
    record(metric="done")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--bodies", type=Path, required=True)
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--render-calls", type=int, default=10)
    parser.add_argument("--router-repeats", type=int, default=5)
    parser.add_argument("--load-repeats", type=int, default=3)
    parser.add_argument("--load-budget", type=float, default=30.0,
                        help="no further load_package repeat once the runs so far took this long (s)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="no new callback call this many seconds after create_app (s)")
    parser.add_argument("--seed", type=int, default=2014)
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
