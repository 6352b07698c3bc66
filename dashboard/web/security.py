"""HTTP hardening of the Dash app: security headers, validation of callback requests, no tracebacks.

``register_security(app)`` is called once the app's callbacks are registered. The Content-Security-Policy
allows scripts from the app itself plus the hashes of Dash's own inline scripts (the renderer start-up and
the clientside callbacks), so no inline or injected script can run. Neither plotly.js (the app draws only
SVG ``scatter`` traces: no WebGL, no map tiles, no workers) nor dash-ag-grid needs ``'unsafe-eval'``:
dash-ag-grid parses ``{"function": ...}`` strings and ``getRowId`` with its bundled esprima parser and
interprets the syntax tree itself (checked in Chromium by ``tests/browser/test_admin_page.py``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import dash
from flask import Flask, Response, request
from werkzeug.exceptions import InternalServerError, RequestEntityTooLarge

MAX_CALLBACK_BYTES = 1024 * 1024
MAX_PROP_ID_CHARS = 1000
EXTENSION_KEY = "cluster_security"

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

logger = logging.getLogger(__name__)


def content_security_policy(script_hashes: list[str]) -> str:
    """The policy for every response; ``script_hashes`` are Dash's ``'sha256-…'`` inline-script hashes."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        # plotly.js, React components and AG Grid set style attributes and inject <style> elements.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _plain(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _is_reference(item: object) -> bool:
    """``{"id": ..., "property": ...}`` as dash-renderer sends for one input, state or output."""
    return (isinstance(item, dict) and isinstance(item.get("id"), str | dict)
            and isinstance(item.get("property"), str))


def _is_group(item: object) -> bool:
    """One reference, or a list of them (what a pattern-matching ``ALL`` input, state or output carries)."""
    return _is_reference(item) or (isinstance(item, list) and all(_is_reference(i) for i in item))


def _valid_prop_id(prop_id: object) -> bool:
    """``ctx.triggered_id`` parses a pattern-matching prop id as JSON, so it must be well-formed."""
    if not isinstance(prop_id, str) or len(prop_id) > MAX_PROP_ID_CHARS:
        return False
    component = prop_id.rpartition(".")[0]
    if not component.startswith("{"):
        return True
    try:
        return isinstance(json.loads(component), dict)
    except ValueError:
        return False


def callback_body_problem(body: Any, callback_map: dict[str, dict]) -> str | None:
    """Why a parsed callback request cannot be dispatched, or ``None`` if its shape fits a server callback."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' must be a string"
    spec = callback_map.get(output)
    if spec is None or "callback" not in spec:  # unknown, or a clientside callback
        return "no such callback"
    inputs, state = body.get("inputs"), body.get("state", [])
    if not isinstance(inputs, list) or not isinstance(state, list):
        return "'inputs' and 'state' must be lists"
    for given, declared, kind in ((inputs, spec["inputs"], "inputs"), (state, spec["state"], "state")):
        if len(given) != len(declared) or not all(map(_is_group, given)):
            return f"'{kind}' do not match the callback"
    outputs, declared_outputs = body.get("outputs"), spec.get("output")
    if spec.get("no_output"):
        outputs_ok = True  # dash ignores what is sent
    elif isinstance(declared_outputs, list | tuple):
        outputs_ok = (isinstance(outputs, list) and len(outputs) == len(declared_outputs)
                      and all(map(_is_group, outputs)))
    else:
        outputs_ok = _is_group(outputs)
    if not outputs_ok:
        return "'outputs' do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(_valid_prop_id(p) for p in changed):
        return "'changedPropIds' must be a list of property ids"
    return None


def _callback_request_problem(app: dash.Dash) -> tuple[int, str] | None:
    if request.mimetype != "application/json":
        return 415, "expected Content-Type: application/json"
    # Flask 3.1 takes a per-request limit; it covers both Content-Length and chunked bodies.
    request.max_content_length = MAX_CALLBACK_BYTES
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        return 413, f"request body larger than {MAX_CALLBACK_BYTES} bytes"
    try:
        raw.decode("utf-8")
        # Parsed once here; dash's own request.get_json() then reuses the cached result.
        body = request.get_json(silent=True)
    except (UnicodeDecodeError, RecursionError):
        return 400, "the body must be UTF-8 JSON"
    if body is None:
        return 400, "the body must be valid JSON"
    problem = callback_body_problem(body, app.callback_map)
    return (400, problem) if problem else None


def register_security(app: dash.Dash) -> None:
    """Add security headers, callback request validation and traceback-free error pages to ``app``."""
    server: Flask = app.server
    if server.extensions.get(EXTENSION_KEY):
        return
    server.extensions[EXTENSION_KEY] = True
    # Even with TESTING or debug set, an exception must reach the handler below, not a debugger page.
    server.config["PROPAGATE_EXCEPTIONS"] = False
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"
    policy: list[str] = []

    @server.before_request
    def validate_callback_request() -> Response | None:
        if request.method != "POST" or request.path != update_path:
            return None
        problem = _callback_request_problem(app)
        return _plain(*problem) if problem else None

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        if not policy:
            # After the first request dash has merged every inline script (its own setup runs before this).
            policy.append(content_security_policy(list(app.csp_hashes())))
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in STATIC_HEADERS.items():
            response.headers[name] = value
        return response

    @server.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError) -> Response:
        # Flask has already logged the traceback of an unhandled exception; only a plain note goes out.
        if error.original_exception is None:
            logger.error("internal server error on %s %s", request.method, request.path)
        return _plain(500, "Внутренняя ошибка сервера. Internal server error.")
