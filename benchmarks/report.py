"""The Markdown table of a benchmark run: one row per measurement, the floor, then one column per scale."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.measures import median

MB = 1_000_000


def _num(value: float | None, digits: int = 2) -> str | None:
    return None if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _ratio(value: float | None, floor: float | None) -> str:
    if value is None or not floor:
        return ""
    return f" (×{value / floor:,.0f})" if value / floor >= 10 else f" (×{value / floor:.1f})"


def _get(data: Any, *path: str | int) -> Any:
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _status(section: Any) -> str:
    """What to show when a measurement has no value: its recorded status (timeout, error), or a dash."""
    status = _get(section, "status") if isinstance(section, dict) else None
    return status if status and status != "ok" else "–"


def _seconds(section: Any, key: str, floor: float | None = None) -> str:
    value = median(_get(section, key) or [])
    text = _num(value)
    return text + " s" + _ratio(value, floor) if text else _status(section)


def _ms_pair(summary: Any, section: Any, floor: Any = None) -> str:
    p50, p95 = _get(summary, "p50"), _get(summary, "p95")
    if p50 is None:
        return _status(section)
    text = f"{_num(p50, 0)} / {_num(p95, 0)} ms" + _ratio(p50, _get(floor, "p50"))
    n = _get(summary, "n")
    partial = _get(section, "status") not in (None, "ok")
    return text + (f" [n={n}, {_get(section, 'status')}]" if partial else f" [n={n}]")


def _mb(value: float | None) -> str | None:
    return None if value is None else f"{value / MB:.2f} MB"


def _bytes(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value / MB:.2f} MB" if value >= 100_000 else f"{value / 1000:.1f} kB"


def _page_bytes(section: Any, key: str, floor: float | None = None) -> str:
    value = _get(section, key)
    if value is None:
        return _status(section)
    return _mb(value) + _ratio(value, floor)


def _browser(section: Any, key: str, floor_section: Any = None, unit: str = "s", floor_key: str | None = None) -> str:
    values = _get(section, key) or []
    value = median(values)
    if value is None:
        return _status(section)
    floor = median(_get(floor_section, floor_key or key) or [])
    shown = f"{value / 1000:.2f} s" if unit == "s" else f"{value:,.0f} ms"
    partial = _get(section, "status") not in (None, "ok")
    return shown + _ratio(value, floor) + f" [n={len(values)}" + (f", {_get(section, 'status')}]" if partial else "]")


def _rss(section: Any) -> str:
    workers = [v.get("VmHWM") for k, v in (section or {}).items() if k.startswith("worker") and isinstance(v, dict)]
    workers = [w for w in workers if w]
    if not workers:
        return _status(section)
    return " / ".join(f"{w / 1024:,.0f}" for w in workers) + " MB"


def _breakdown(section: Any, phase: str) -> str:
    answer = _get(section, "breakdown_ms", f"{phase}_last_answer_ms")
    busy = _get(section, "breakdown_ms", f"{phase}_long_tasks_ms")
    if answer is None and busy is None:
        return "–"
    return " / ".join("–" if v is None else f"{v:,.0f} ms".replace(",", " ") for v in (answer, busy))


def _slowest(charts: Any) -> str:
    if not charts:
        return "–"
    name = max(charts, key=lambda c: charts[c] or 0)
    return f"{name} {charts[name]:,.0f} ms".replace(",", " ")


Row = tuple[str, Callable[[dict], str], Callable[[dict, dict], str]]


def rows() -> list[Row]:
    """(label, floor cell, scale cell) for every line of the table."""
    none = lambda floor: ""  # noqa: E731
    return [
        ("organisations / rows in all tables", none,
         lambda s, f: f"{_get(s, 'organisations'):,} / {sum((_get(s, 'rows') or {}).values()):,}".replace(",", " ")
         if _get(s, "organisations") is not None else "–"),
        ("generate the package (s)", none,
         lambda s, f: (_num(_get(s, "generate", "seconds")) + " s" + (" (cached)" if _get(s, "generate", "cached")
                                                                      else "")) if _get(s, "generate") else "–"),
        ("load_package, median (s)", none, lambda s, f: _seconds(_get(s, "load_package"), "seconds")),
        ("… of which frictionless.validate (s)", none,
         lambda s, f: _num(_get(s, "load_package", "frictionless_validate_s")) or "–"),
        ("create_app in-process (s)", none, lambda s, f: _num(_get(s, "create_app_s")) or "–"),
        ("cold start: gunicorn -w 2 → first 200 of / (median)", lambda f: _seconds(_get(f, "cold_start"),
                                                                                    "first_200_s"),
         lambda s, f: _seconds(_get(s, "cold_start"), "first_200_s",
                               median(_get(f, "cold_start", "first_200_s") or []))),
        ("cold start → both workers loaded (median)", lambda f: _seconds(_get(f, "cold_start"), "workers_ready_s"),
         lambda s, f: _seconds(_get(s, "cold_start"), "workers_ready_s",
                               median(_get(f, "cold_start", "workers_ready_s") or []))),
        ("page load, browser: bytes as sent (floor: plotly.min.js gzip-6)",
         lambda f: _mb(_get(f, "plotly_gzip_bytes")) or "–",
         lambda s, f: _page_bytes(_get(s, "page_bytes_browser"), "wire_bytes", _get(f, "plotly_gzip_bytes"))
         + (f", {_get(s, 'page_bytes_browser', 'requests')} req., server compressed "
            f"{_get(s, 'page_bytes_browser', 'compressed_responses')}" if _get(s, "page_bytes_browser", "requests")
            else "")),
        ("page load, browser: bytes decoded (floor: plotly.min.js)",
         lambda f: _mb(_get(f, "plotly_raw_bytes")) or "–",
         lambda s, f: _page_bytes(_get(s, "page_bytes_browser"), "raw_bytes", _get(f, "plotly_raw_bytes"))),
        ("page load, browser: bytes if all gzip-6 (floor: plotly.min.js gzip-6)",
         lambda f: _mb(_get(f, "plotly_gzip_bytes")) or "–",
         lambda s, f: _page_bytes(_get(s, "page_bytes_browser"), "gzip_bytes", _get(f, "plotly_gzip_bytes"))),
        ("page load, HTTP (Accept-Encoding: gzip): index + refs + layout with the page + deps, as sent",
         lambda f: _page_bytes(_get(f, "page_bytes_http"), "wire_bytes"),
         lambda s, f: _page_bytes(_get(s, "page_bytes_http"), "wire_bytes")),
        ("page render (router callback, = the page in the layout): response raw / gzip", none,
         lambda s, f: f"{_bytes(_get(s, 'router_callback', 'bytes'))} / "
                      f"{_bytes(_get(s, 'router_callback', 'gzip_bytes'))}"
         if _get(s, "router_callback", "bytes") is not None else _status(_get(s, "router_callback"))),
        ("page render (router callback) in-process p50 / p95", none,
         lambda s, f: _ms_pair(_get(s, "router_callback", "inprocess_ms"), _get(s, "router_callback"))),
        ("main filter callback (charts) in-process p50 / p95 (× apply_filters)", none,
         lambda s, f: _ms_pair(_get(s, "filter_callback", "inprocess_ms"), _get(s, "filter_callback"),
                               _get(s, "apply_filters_ms"))),
        ("all callbacks of a filter change in-process, one after another", none,
         lambda s, f: _ms_pair(_get(s, "filter_callback", "change_inprocess_ms"), _get(s, "filter_callback"),
                               _get(s, "apply_filters_ms"))),
        ("main filter callback over HTTP, gunicorn -w 2 (× apply_filters)", none,
         lambda s, f: _ms_pair(_get(s, "filter_callback", "http_ms"), _get(s, "filter_callback", "http"),
                               _get(s, "apply_filters_ms"))),
        ("a filter change over HTTP: the main callback, then those following it at once, until the last answer", none,
         lambda s, f: _ms_pair(_get(s, "filter_callback", "change_http_ms"), _get(s, "filter_callback", "http"),
                               _get(s, "apply_filters_ms"))),
        ("floor: apply_filters alone p50 / p95 (same states)", none,
         lambda s, f: _ms_pair(_get(s, "apply_filters_ms"), None)),
        ("page.render alone, all views (no Dash)", none, lambda s, f: _ms_pair(_get(s, "views_render_ms"), None)),
        ("main filter callback response p50 / max raw, p50 gzip", none,
         lambda s, f: (f"{_bytes(_get(s, 'filter_callback', 'bytes', 'p50'))} / "
                       f"{_bytes(_get(s, 'filter_callback', 'bytes', 'max'))}, "
                       f"{_bytes(_get(s, 'filter_callback', 'gzip_bytes', 'p50'))}")
         if _get(s, "filter_callback", "bytes", "p50") is not None else "–"),
        ("all responses of a filter change p50 / max raw, p50 gzip", none,
         lambda s, f: (f"{_bytes(_get(s, 'filter_callback', 'change_bytes', 'p50'))} / "
                       f"{_bytes(_get(s, 'filter_callback', 'change_bytes', 'max'))}, "
                       f"{_bytes(_get(s, 'filter_callback', 'change_gzip_bytes', 'p50'))}")
         if _get(s, "filter_callback", "change_bytes", "p50") is not None else "–"),
        ("browser: navigation until every chart drawn (median)",
         lambda f: _browser(_get(f, "browser"), "navigation_ms"),
         lambda s, f: _browser(_get(s, "browser"), "navigation_ms", _get(f, "browser"))),
        ("… until every chart in sight is drawn (median)", none,
         lambda s, f: _browser(_get(s, "browser"), "navigation_in_sight_ms", _get(f, "browser"),
                               floor_key="navigation_ms")),
        ("browser: filter click until every chart in sight shown redrawn (median; floor: trivial callback)",
         lambda f: _browser(_get(f, "browser"), "click_ms", unit="ms"),
         lambda s, f: _browser(_get(s, "browser"), "click_ms", _get(f, "browser"), unit="ms")),
        ("… until every chart is redrawn, in sight or not (median)", none,
         lambda s, f: _browser(_get(s, "browser"), "click_all_ms", unit="ms")),
        ("browser: a second filter click a moment later, until every chart in sight shown redrawn (median)",
         lambda f: _browser(_get(f, "browser"), "second_click_ms", unit="ms"),
         lambda s, f: _browser(_get(s, "browser"), "second_click_ms", _get(f, "browser"), unit="ms")),
        *(row for name, label in (("lang_switch", "language switch"), ("present_toggle", "presentation switch"))
          for row in (
              (f"browser: {label} until every chart in sight shown drawn again (median; floor: trivial callback)",
               lambda f: _browser(_get(f, "browser"), "click_ms", unit="ms"),
               lambda s, f, name=name: _browser(_get(s, "browser"), f"{name}_ms", _get(f, "browser"), unit="ms",
                                                floor_key="click_ms")
               + (" (reloads the page)" if _get(s, "browser", "reloaded", name) else "")),
              ("… until every chart is drawn again (median)", none,
               lambda s, f, name=name: _browser(_get(s, "browser"), f"{name}_all_ms", unit="ms")))),
        ("… navigation: last callback answer / main thread in long tasks (medians)",
         lambda f: _breakdown(_get(f, "browser"), "navigation"),
         lambda s, f: _breakdown(_get(s, "browser"), "navigation")),
        ("… click: last callback answer / main thread in long tasks (medians)",
         lambda f: _breakdown(_get(f, "browser"), "click"),
         lambda s, f: _breakdown(_get(s, "browser"), "click")),
        ("… click: the chart redrawn last (median ms after the click)", none,
         lambda s, f: _slowest(_get(s, "browser", "charts_ms", "click"))),
        ("peak RSS (VmHWM) per gunicorn worker", lambda f: _rss(_get(f, "memory_kib")),
         lambda s, f: _rss(_get(s, "memory_kib"))),
    ]


def markdown(results: dict) -> str:
    """The table of a run (``results`` as written to the JSON file), with a line about the machine."""
    scales = results.get("scales", [])
    floor = results.get("floor") or {}
    header = ["measurement", "floor", *(s.get("scale", "?") for s in scales)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, floor_cell, scale_cell in rows():
        cells = [label, floor_cell(floor) or ""]
        for scale in scales:
            try:
                cells.append(scale_cell(scale, floor))
            except (TypeError, KeyError, ValueError):
                cells.append("–")
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    machine = results.get("machine", {})
    notes = [f"Run {results.get('started', '?')}; {machine.get('nproc', '?')} CPUs ({machine.get('cpu', '?')}), "
             f"{machine.get('ram_gb', '?')} GB RAM, Python {machine.get('python', '?')}, "
             f"Chromium {machine.get('chromium', '?')}; git {results.get('git', {}).get('commit', '?')[:10]}"
             f"{' + uncommitted changes' if results.get('git', {}).get('dirty') else ''}.",
             "p50 / p95 are nearest-rank percentiles over the timed calls (n); (×k) = k times the floor."]
    fired = next((_get(s, "filter_callback", "callbacks") for s in scales if _get(s, "filter_callback", "callbacks")),
                 None)
    if fired:
        notes.append(f"Server callbacks a filter change can fire (first outputs): {', '.join(fired)}.")
    loads = [f"{s.get('scale')} {_get(s, 'load_average_at_start', 0)}→{_get(s, 'load_average_at_end', 0)}"
             for s in scales if s.get("load_average_at_start")]
    if loads:
        notes.append("1-min load average at the start → end of each scale (other work on the machine skews "
                     "timings): " + ", ".join(loads) + ".")
    problems = [f"- {s.get('scale')}: {p}" for s in scales for p in s.get("problems", [])]
    problems += [f"- floor: {p}" for p in floor.get("problems", [])]
    if problems:
        notes += ["", "Problems:", *problems]
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"
