"""Pure helpers of the benchmarks: percentiles, byte accounting, Dash callback bodies, page references.

Nothing here starts a process or opens a socket, so the tests can check it quickly.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

GZIP_LEVEL = 6  # what web servers and Flask-Compress use by default
UPDATE = "/_dash-update-component"
ROUTER_OUTPUT = "page.children"
FILTER_FIRST_OUTPUT = "kpi-participants"
FILTER_IDS = ("filter-sector", "filter-status", "filter-role", "filter-settlement", "filter-date", "filter-search")
# What the main filter callback answers with, the page's address, which the other filter-driven callbacks follow
# (dashboard.ui.view.FOLLOWED): the browser sends theirs once the main one's answer is in.
FOLLOWED = "url-query"
SEARCHES = ("Иркут", "авиа", "завод", "маш", "Ангара", "университет", "Яковлев", "zzz")


# ---------------------------------------------------------------------------------------------------------
# statistics
# ---------------------------------------------------------------------------------------------------------


def percentile(values: Iterable[float], fraction: float) -> float | None:
    """Nearest-rank percentile (``fraction`` in [0, 1]); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def median(values: Iterable[float]) -> float | None:
    """The ordinary median (mean of the two middle values for an even count); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summarise(values: Iterable[float], digits: int = 1) -> dict[str, float | int | None]:
    """n, p50, p95, min, max and mean of the values, rounded."""
    values = list(values)

    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, digits)

    return {"n": len(values), "p50": rounded(percentile(values, 0.5)), "p95": rounded(percentile(values, 0.95)),
            "min": rounded(min(values, default=None)), "max": rounded(max(values, default=None)),
            "mean": rounded(sum(values) / len(values) if values else None)}


# ---------------------------------------------------------------------------------------------------------
# bytes
# ---------------------------------------------------------------------------------------------------------


def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    """Size of ``data`` gzip-compressed (deterministic: no file name, zero mtime)."""
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def decoded(body: bytes, encoding: str | None) -> bytes:
    """The body as the application produced it: gunzipped when the server sent it gzip-encoded."""
    if encoding and encoding.strip().lower() == "gzip":
        return gzip.decompress(body)
    return body


def response_record(url: str, method: str, status: int, encoding: str | None, wire: bytes | int,
                    raw: bytes, resource_type: str | None = None) -> dict[str, Any]:
    """One response in the byte accounting: bytes as sent (``wire``), decoded (``raw``) and gzip-compressed."""
    wire_bytes = wire if isinstance(wire, int) else len(wire)
    return {
        "path": urlsplit(url).path or "/",
        "method": method,
        "status": status,
        "category": categorise(url, method, resource_type),
        "compressed": bool(encoding and encoding.strip().lower() not in ("", "identity")),
        "encoding": encoding or "",
        "wire_bytes": wire_bytes,
        "raw_bytes": len(raw),
        "gzip_bytes": gzip_size(raw) if raw else 0,
    }


def categorise(url: str, method: str = "GET", resource_type: str | None = None) -> str:
    path = urlsplit(url).path or "/"
    if path == "/" or resource_type == "document":
        return "index"
    if path.endswith("/_dash-layout"):
        return "layout"
    if path.endswith("/_dash-dependencies"):
        return "dependencies"
    if path.endswith(UPDATE):
        return "callbacks"
    if path.endswith(".js") or resource_type == "script":
        return "scripts"
    if path.endswith(".css") or resource_type == "stylesheet":
        return "css"
    return "other"


def account(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Totals of a page load: bytes as sent, decoded and if gzip-compressed, overall and per category."""
    records = list(records)
    totals: dict[str, Any] = {
        "requests": len(records),
        "wire_bytes": sum(r["wire_bytes"] for r in records),
        "raw_bytes": sum(r["raw_bytes"] for r in records),
        "gzip_bytes": sum(r["gzip_bytes"] for r in records),
        "compressed_responses": sum(1 for r in records if r["compressed"]),
        "by_category": {},
    }
    for record in records:
        entry = totals["by_category"].setdefault(record["category"], {"requests": 0, "wire_bytes": 0,
                                                                      "raw_bytes": 0, "gzip_bytes": 0})
        entry["requests"] += 1
        for key in ("wire_bytes", "raw_bytes", "gzip_bytes"):
            entry[key] += record[key]
    totals["server_compressed"] = (
        "all" if records and totals["compressed_responses"] == len(records)
        else "some" if totals["compressed_responses"] else "none")
    return totals


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.found.append(values["src"])
        elif tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.found.append(values["href"])


def page_references(html: str) -> list[str]:
    """Scripts and style sheets an HTML page references, in document order, without duplicates."""
    parser = _References()
    parser.feed(html)
    return list(dict.fromkeys(parser.found))


# ---------------------------------------------------------------------------------------------------------
# Dash callbacks
# ---------------------------------------------------------------------------------------------------------


def find_callback(dependencies: list[dict], first_output: str) -> dict:
    """The callback whose (first) output is a property of the component ``first_output``."""
    for spec in dependencies:
        if spec["output"].lstrip(".").startswith(f"{first_output}."):
            return spec
    raise LookupError(f"no callback with first output {first_output!r}")


def callback_body(spec: dict, values: Mapping[str, object], state: Mapping[str, object] | None = None,
                  changed: Iterable[str] = ()) -> dict:
    """The JSON body dash-renderer posts to ``/_dash-update-component`` for ``spec`` (an entry of
    ``/_dash-dependencies``); ``values``/``state`` by component id, ``changed`` the inputs that fired."""
    multi = spec["output"].startswith("..")
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in spec["output"].strip(".").split("...")]
    inputs = [{**i, "value": values.get(i["id"])} for i in spec["inputs"]]
    changed = list(changed)
    return {
        "output": spec["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": inputs,
        "state": [{**s, "value": (state or {}).get(s["id"])} for s in spec["state"]],
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs if i["id"] in changed],
    }


def callback_name(spec: dict) -> str:
    """The component id of a callback's first output (``kpi-participants`` for the main filter callback)."""
    return spec["output"].lstrip(".").split(".")[0]


def filter_callbacks(dependencies: list[dict]) -> list[dict]:
    """The server callbacks a filter change can fire (an input is one of the filters, or the address the main one
    answers with), the main one first."""
    found = [spec for spec in dependencies if not spec.get("clientside_function")
             and any(i["id"] in (*FILTER_IDS, FOLLOWED) for i in spec["inputs"])]
    return sorted(found, key=lambda spec: callback_name(spec) != FILTER_FIRST_OUTPUT)


def fired_by(specs: list[dict], changed: Iterable[str]) -> list[dict]:
    """Those of ``specs`` that the browser calls when the inputs ``changed`` change: those of a filter, then those
    that follow the main one's answer."""
    changed = set(changed)
    return [spec for spec in specs if changed & {i["id"] for i in spec["inputs"]}] + [
        spec for spec in specs if FOLLOWED in {i["id"] for i in spec["inputs"]}]


def change_bodies(specs: list[dict], page: Mapping[str, dict], change: Mapping[str, Any]) -> list[dict]:
    """The request bodies of one filter change (a :func:`filter_states` entry) for every callback it fires:
    inputs and states the change does not set keep their values on the rendered page."""
    bodies = []
    for spec in fired_by(specs, change["changed"]):
        values = {i["id"]: page.get(i["id"], {}).get(i["property"]) for i in spec["inputs"]}
        state = {s["id"]: page.get(s["id"], {}).get(s["property"]) for s in spec["state"]}
        follows = FOLLOWED in values
        bodies.append(callback_body(spec, {**values, **change["values"]}, {**state, **change["state"]},
                                    [FOLLOWED] if follows else change["changed"]))
    return bodies


def follow(bodies: list[dict], answer: bytes) -> None:
    """Give the bodies that follow the main callback (all of ``bodies`` but the first) the address of its
    ``answer``, as the browser does."""
    try:
        query = json.loads(answer)["response"][FOLLOWED]["data"]
    except (ValueError, KeyError, TypeError):
        return
    for body in bodies[1:]:
        for i in body["inputs"]:
            if i["id"] == FOLLOWED:
                i["value"] = query


def components_by_id(tree: object) -> dict[str, dict]:
    """Props of every component with a string id in a serialised Dash component tree."""
    found: dict[str, dict] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props")
            if "type" in node and isinstance(props, dict) and isinstance(props.get("id"), str):
                found[props["id"]] = props
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def option_values(props: Mapping[str, Any] | None) -> list[Any]:
    options = (props or {}).get("options") or []
    return [o["value"] if isinstance(o, dict) else o for o in options]


def filter_states(page: Mapping[str, dict], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` varied, realistic values of the filter callback's inputs and states, from the rendered page's
    components (``components_by_id`` of the router response). Deterministic for a seed."""
    rng = random.Random(seed)
    options = {name: option_values(page.get(name))
               for name in ("filter-sector", "filter-status", "filter-role", "filter-settlement")}
    date = page.get("filter-date", {})
    low, high = int(date.get("min", 2014)), int(date.get("max", 2026))
    steps = page.get("asof-steps", {}).get("data") or []
    asof = page.get("asof", {}).get("value", max(len(steps) - 1, 0))
    states = []
    for _ in range(count):
        values: dict[str, Any] = {name: [] for name in options}
        if options["filter-sector"] and rng.random() < 0.7:
            values["filter-sector"] = rng.sample(options["filter-sector"], k=rng.randint(1, 2))
        if options["filter-status"] and rng.random() < 0.4:
            values["filter-status"] = rng.sample(options["filter-status"], k=1)
        if options["filter-role"] and rng.random() < 0.15:
            values["filter-role"] = rng.sample(options["filter-role"], k=1)
        if options["filter-settlement"] and rng.random() < 0.2:
            values["filter-settlement"] = rng.sample(options["filter-settlement"], k=1)
        start = rng.randint(low, high)
        values["filter-date"] = [start, rng.randint(start, high)] if rng.random() < 0.5 else [low, high]
        values["filter-search"] = rng.choice(SEARCHES) if rng.random() < 0.25 else ""
        values["focus"] = []
        values["asof"] = asof
        lang = "en" if rng.random() < 0.2 else "ru"
        state = {"asof-steps": steps, "url-query": "", "lang": lang}
        touched = [name for name in ("filter-sector", "filter-status", "filter-role", "filter-settlement",
                                     "filter-search") if values[name]] or ["filter-date"]
        states.append({"values": values, "state": state, "changed": [rng.choice(touched)]})
    return states


def parse_params(values: Mapping[str, Any], state: Mapping[str, Any]) -> dict[str, Any]:
    """The URL-like parameters the filter callback builds from its inputs (for ``filters.parse_state``)."""
    years = values.get("filter-date")
    years = years if isinstance(years, list) and len(years) == 2 else [None, None]
    return {"sector": values.get("filter-sector"), "status": values.get("filter-status"),
            "role": values.get("filter-role"), "settlement": values.get("filter-settlement"),
            "from": years[0], "to": years[1], "q": values.get("filter-search"), "org": values.get("focus"),
            "asof": None, "present": None, "lang": state.get("lang")}


class Recorder:
    """Writes each measurement as one JSON line as soon as it is taken (a child killed by its timeout keeps
    what it measured)."""

    def __init__(self, path: Path):
        self.file = path.open("a", encoding="utf-8")

    def __call__(self, **record: Any) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.file.flush()
