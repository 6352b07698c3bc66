"""Browser measurements in headless Debian Chromium (Playwright), run in a child process the parent can kill.

    python -m benchmarks.browser URL --mode dashboard|floor --runs 5 --timeout 120 --out RESULTS.jsonl

Each run opens a new browser context (empty cache) and records, in the page's own clock
(``performance.now()``, 0 = navigation start):

* ``navigation_ms``: until every chart is drawn (dashboard: timeline, map, growth and sector marks and the
  network's points; floor: the empty graph's SVG); ``navigation_in_sight_ms``: until every chart in sight is;
* ``click_ms``: from the click on a filter option (dashboard: the first sector of the sector dropdown; floor:
  the button) until every chart in sight has been redrawn and shown (the frame after its ``plotly_afterplot``)
  or the floor's div has changed; ``click_all_ms``: until every chart, in sight or not, has been redrawn;
* ``second_click_ms``: the same for a second change a moment later (dashboard: the second sector too), as a
  user makes them: the first change after loading can be cheaper than the ones that follow;
* dashboard only, a moment later each: ``lang_switch_ms`` and then ``present_toggle_ms``, from the click on the
  language switch (to English) and on the presentation switch until every chart in sight is drawn again and
  shown (``…_all_ms``: every chart), whether the page redraws them in place or loads itself anew
  (``lang_switch_reloaded``, ``present_toggle_reloaded``).

A chart is in sight when its box meets the viewport at the click (at the first drawing: once every chart is
drawn, the page not scrolled). The dashboard draws those first and the others only as they near the viewport
(assets/plotly-visible.js): what a user waits for is the charts in sight. For the times of every chart, those out
of sight are drawn once the charts in sight are shown, as if each were scrolled to at that moment.

Both come with when each chart was drawn and a breakdown: when the last callback answer had arrived (the
server's and the network's share) and how long the main thread was busy in long tasks (the browser's share).
The first run also records every response the page needed until its charts were drawn and the network was
quiet: bytes as sent, decoded, and gzip-compressed. Never ``playwright install``: /usr/bin/chromium only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import measures

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The flags of tests/conftest.py (stack_notes.md section 5); never --disable-software-rasterizer.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}
# Between the two filter changes of a run: time for what the first one started to finish.
SETTLE_MS = 1000
DASHBOARD_CHARTS = {
    "timeline": "#timeline .scatterlayer .point",
    "map": "#map .scatterlayer .point",
    "growth": "#growth .scatterlayer .trace",
    "sectors": "#sectors .barlayer .point",
    "network": "#network .scatterlayer .point",
}
FLOOR_CHARTS = {"graph": "#graph .main-svg"}
# The dashboard's switches, measured in this order: name -> what is clicked.
SWITCHES = {"lang_switch": "#lang-switch", "present_toggle": "#present-toggle"}

# From the first script of every page: long tasks (main thread busy > 50 ms) and room for resource timings.
INIT_JS = """
window.__longTasks = [];
window.__inSight = (charts) => charts.filter((id) => {
    const element = document.getElementById(id);
    const box = element ? element.getBoundingClientRect() : {width: 0};
    return box.width > 0 && box.bottom > 0 && box.top < window.innerHeight;
});
// Once the charts in sight are done: the others drawn as if scrolled to (the floor has none held aside).
window.__drawRest = (charts, done) => {
    if (window.dashboardCharts && charts.every((id) => document.getElementById(id))
            && window.__inSight(charts).every(done)) {
        window.dashboardCharts.drawAll();
    }
};
try {
    performance.setResourceTimingBufferSize(2000);
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            window.__longTasks.push([entry.startTime, entry.duration]);
        }
    }).observe({type: "longtask", buffered: true});
} catch (error) {
    window.__longTasks = null;
}
"""
DRAWN_JS = """(charts) => {
    const seen = window.__seen = window.__seen || {};
    for (const [name, selector] of Object.entries(charts)) {
        if (!(name in seen) && document.querySelector(selector)) {
            seen[name] = performance.now();
        }
    }
    window.__drawRest(Object.keys(charts), (name) => name in seen);
    if (Object.keys(charts).every((name) => name in seen)) {
        window.__navDone = window.__navDone || performance.now();
        return true;
    }
    return false;
}"""
# Between two moments: when the last callback answer had arrived, and how long the main thread was busy in
# long tasks (what the browser spent drawing rather than waiting for the server).
BREAKDOWN_JS = """([start, end]) => {
    const answers = performance.getEntriesByType("resource").filter(
        (e) => e.name.includes("_dash-update-component") && e.startTime >= start && e.responseEnd <= end);
    const busy = (window.__longTasks || []).reduce(
        (sum, [from, duration]) => sum + Math.max(0, Math.min(from + duration, end) - Math.max(from, start)), 0);
    return {
        callbacks: answers.length,
        last_answer_ms: answers.length ? Math.max(...answers.map((e) => e.responseEnd)) - start : null,
        long_tasks_ms: window.__longTasks === null ? null : busy,
    };
}"""
MISSING_JS = "(charts) => Object.keys(charts).filter((name) => !document.querySelector(charts[name]))"
# A chart is shown redrawn at the frame after its plotly_afterplot: the browser paints once the task that drew it
# (and whatever else that task draws) is over.
WATCH_CHARTS_JS = """(charts) => {
    window.__bench = {click: null, plots: {}, shown: {}, inSight: null};
    for (const id of charts) {
        const gd = document.querySelector("#" + id + " .js-plotly-plot");
        if (gd && gd.on) {
            gd.on("plotly_afterplot", () => {
                window.__bench.plots[id] = performance.now();
                requestAnimationFrame(() => { window.__bench.shown[id] = performance.now(); });
            });
        }
    }
    document.addEventListener("click", (event) => {
        if (window.__bench.click === null && event.target.closest("[role=option], .dash-dropdown-option")) {
            window.__bench.click = performance.now();
            window.__bench.inSight = window.__inSight(charts);
        }
    }, true);
}"""
REDRAWN_JS = """(charts) => {
    const b = window.__bench;
    if (b.click !== null) {
        window.__drawRest(b.inSight, (id) => (b.shown[id] || 0) > b.click);
    }
    return b.click !== null && charts.every((id) => (b.plots[id] || 0) > b.click && (b.shown[id] || 0) > b.click);
}"""
# Before a switch: the charts drawn now, and the click's time and the charts in sight in a clock that outlives a
# page load (ms since the epoch, kept in sessionStorage). A chart counts as drawn again once it has been replotted
# (the same plot, at the frame after it) or a new plot shows its marks (a page drawn anew, or loaded anew).
WATCH_SWITCH_JS = """([charts, target]) => {
    window.__switch = {marker: true, plots: {}, done: {}};
    sessionStorage.removeItem("__switchClick");
    for (const id of charts) {
        const gd = document.querySelector("#" + id + " .js-plotly-plot");
        if (gd && gd.on) {
            gd.__beforeSwitch = true;
            gd.on("plotly_afterplot", () => {
                requestAnimationFrame(() => {
                    window.__switch.plots[id] = performance.timeOrigin + performance.now();
                });
            });
        }
    }
    document.addEventListener("click", (event) => {
        if (!sessionStorage.getItem("__switchClick") && event.target.closest(target)) {
            sessionStorage.setItem("__switchClick", String(performance.timeOrigin + performance.now()));
            sessionStorage.setItem("__switchInSight", JSON.stringify(window.__inSight(charts)));
        }
    }, true);
}"""
SWITCHED_JS = """(charts) => {
    const click = Number(sessionStorage.getItem("__switchClick"));
    if (!click) {
        return false;
    }
    const state = window.__switch = window.__switch || {marker: false, plots: {}, done: {}};
    const now = performance.timeOrigin + performance.now();
    for (const [id, selector] of Object.entries(charts)) {
        const gd = document.querySelector("#" + id + " .js-plotly-plot");
        if (id in state.done || !gd) {
            continue;
        }
        if (gd.__beforeSwitch ? (state.plots[id] || 0) > click : document.querySelector(selector) !== null) {
            state.done[id] = (gd.__beforeSwitch ? state.plots[id] : now) - click;
        }
    }
    window.__drawRest(Object.keys(charts), (id) => id in state.done);
    return Object.keys(charts).every((id) => id in state.done);
}"""
WATCH_FLOOR_JS = """() => {
    window.__bench = {click: null, done: null};
    const target = document.querySelector("#clicks");
    new MutationObserver(() => {
        if (window.__bench.click !== null && window.__bench.done === null) {
            window.__bench.done = performance.now();
        }
    }).observe(target, {childList: true, subtree: true, characterData: true});
    document.querySelector("#button").addEventListener("click", () => {
        window.__bench.click = performance.now();
    }, true);
}"""


class ClickTimeout(Exception):
    pass


def _byte_records(responses: list) -> list[dict[str, Any]]:
    records = []
    for response in responses:
        request = response.request
        try:
            body = response.body()
        except Exception:  # redirects and some empty answers have no body to read
            body = b""
        try:
            wire = int(request.sizes()["responseBodySize"])
        except Exception:
            wire = int(response.headers.get("content-length") or len(body))
        records.append(measures.response_record(response.url, request.method, response.status,
                                                response.headers.get("content-encoding"), wire, body,
                                                request.resource_type))
    return records


def _navigate(page, url: str, charts: dict[str, str], timeout_ms: float) -> dict[str, Any]:
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(DRAWN_JS, arg=charts, polling="raf", timeout=timeout_ms)
    done = float(page.evaluate("window.__navDone"))
    seen = page.evaluate("window.__seen")
    in_sight = page.evaluate("(charts) => window.__inSight(charts)", list(charts))
    return {"navigation_ms": done, "navigation_in_sight_ms": max((seen[c] for c in in_sight), default=done),
            "navigation_charts_ms": seen, "navigation_breakdown": page.evaluate(BREAKDOWN_JS, [0, done])}


def _click_dashboard(page, timeout_ms: float, option_index: int = 0) -> dict[str, Any]:
    page.evaluate(WATCH_CHARTS_JS, list(DASHBOARD_CHARTS))
    page.click("#filter-sector", timeout=timeout_ms)
    option = page.get_by_role("option").nth(option_index)
    label = option.get_attribute("value", timeout=timeout_ms) or option.inner_text(timeout=timeout_ms).strip()
    option.click(timeout=timeout_ms)
    try:
        page.wait_for_function(REDRAWN_JS, arg=list(DASHBOARD_CHARTS), polling="raf", timeout=timeout_ms)
    except Exception as error:  # say which charts were not redrawn
        bench = page.evaluate("window.__bench")
        late = [c for c in DASHBOARD_CHARTS if bench["click"] is None or (bench["plots"].get(c) or 0) <= bench["click"]]
        raise ClickTimeout(f"not redrawn after the click: {late}") from error
    bench = page.evaluate("window.__bench")
    shown = max(bench["shown"][name] for name in bench["inSight"])
    page.keyboard.press("Escape")
    return {"click_ms": shown - bench["click"], "click_all_ms": max(bench["plots"].values()) - bench["click"],
            "clicked": label, "click_in_sight": bench["inSight"],
            "click_charts_ms": {name: at - bench["click"] for name, at in bench["plots"].items()},
            "click_breakdown": page.evaluate(BREAKDOWN_JS, [bench["click"], shown])}


def _switch(page, target: str, timeout_ms: float) -> dict[str, Any]:
    """From a click on ``target`` until every chart is drawn again: ms, per chart, and whether the page reloaded."""
    page.evaluate(WATCH_SWITCH_JS, [list(DASHBOARD_CHARTS), target])
    page.click(target, timeout=timeout_ms)
    try:
        page.wait_for_function(SWITCHED_JS, arg=DASHBOARD_CHARTS, polling="raf", timeout=timeout_ms)
    except Exception as error:
        raise ClickTimeout(f"not drawn again after {target}: {page.evaluate('window.__switch')}") from error
    state = page.evaluate("window.__switch")
    in_sight = page.evaluate("JSON.parse(sessionStorage.getItem('__switchInSight'))")
    return {"ms": max(state["done"][name] for name in in_sight), "all_ms": max(state["done"].values()),
            "charts_ms": state["done"], "reloaded": not state["marker"]}


def _switches(page, timeout_ms: float) -> dict[str, Any]:
    """The language switch, then the presentation switch, a moment apart."""
    result: dict[str, Any] = {}
    for name, target in SWITCHES.items():
        page.wait_for_timeout(SETTLE_MS)
        switched = _switch(page, target, timeout_ms)
        result.update({f"{name}_ms": switched["ms"], f"{name}_all_ms": switched["all_ms"],
                       f"{name}_charts_ms": switched["charts_ms"], f"{name}_reloaded": switched["reloaded"]})
    return result


def _click_floor(page, timeout_ms: float, option_index: int = 0) -> dict[str, Any]:
    """The floor has one button: every click is on it, whatever ``option_index``."""
    page.evaluate(WATCH_FLOOR_JS)
    page.click("#button", timeout=timeout_ms)
    page.wait_for_function("() => window.__bench.done !== null", polling="raf", timeout=timeout_ms)
    bench = page.evaluate("window.__bench")
    return {"click_ms": bench["done"] - bench["click"], "clicked": "button",
            "click_breakdown": page.evaluate(BREAKDOWN_JS, [bench["click"], bench["done"]])}


def run(args: argparse.Namespace) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    record = measures.Recorder(args.out)
    timeout_ms = args.timeout * 1000
    charts = DASHBOARD_CHARTS if args.mode == "dashboard" else FLOOR_CHARTS
    click = _click_dashboard if args.mode == "dashboard" else _click_floor
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            record(event="browser", version=browser.version)
            for n in range(args.runs):
                context = browser.new_context(viewport=VIEWPORT)
                context.add_init_script(INIT_JS)
                page = context.new_page()
                page.set_default_timeout(timeout_ms)
                responses: list = []
                errors: list[str] = []
                page.on("response", lambda response, responses=responses: responses.append(response))
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                result: dict[str, Any] = {"event": "run", "run": n}
                started = time.perf_counter()
                try:
                    result.update(_navigate(page, args.url, charts, timeout_ms))
                    if n == 0:
                        try:
                            page.wait_for_load_state("networkidle", timeout=min(timeout_ms, 10_000))
                        except PlaywrightTimeout:
                            result["network_idle"] = False
                        record(event="bytes", responses=_byte_records(list(responses)))
                    result.update(click(page, timeout_ms))
                    page.wait_for_timeout(SETTLE_MS)
                    second = click(page, timeout_ms, option_index=1)
                    result["second_click_ms"] = second["click_ms"]
                    if "click_all_ms" in second:
                        result["second_click_all_ms"] = second["click_all_ms"]
                    if args.mode == "dashboard":
                        result.update(_switches(page, timeout_ms))
                except ClickTimeout as error:
                    result["error"] = "timeout"
                    result["missing"] = str(error)
                except PlaywrightTimeout:
                    result["error"] = "timeout"
                    with contextlib.suppress(PlaywrightError):
                        result["missing"] = page.evaluate(MISSING_JS, charts)
                except PlaywrightError as error:
                    result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
                result["wall_s"] = round(time.perf_counter() - started, 3)
                result["page_errors"] = errors[:5]
                record(**result)
                context.close()
                if "error" in result and args.stop_on_error:
                    break
        finally:
            browser.close()
    record(event="done")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--mode", choices=("dashboard", "floor"), default="dashboard")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0, help="per navigation or click (s)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stop-on-error", action=argparse.BooleanOptionalAction, default=True)
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
