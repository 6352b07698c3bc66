"""HTTP hardening: security headers, the Content-Security-Policy, callback request validation, no tracebacks,
and data that tries to inject markup or links.

Callback requests are built from ``/_dash-dependencies`` as in ``test_callbacks.py``, so new callbacks are
covered without editing this file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from dashboard.data import derive
from dashboard.data.package import PackageError, load_package
from dashboard.ui import components, ids
from dashboard.web.app import create_app
from dashboard.web.security import MAX_CALLBACK_BYTES, STATIC_HEADERS, register_security
from tests.dash_requests import callback_body, component_dicts, find_callback, text_table_rows
from tests.packages import copy_package, set_cell_where

UPDATE = "/_dash-update-component"
XSS = "<script>alert(1)</script>"
ORG = "irnitu"


def secured(data_dir):
    app = create_app(data_dir)
    register_security(app)  # a no-op if create_app already did it
    return app


@pytest.fixture(scope="module")
def app(bundled_data_dir):
    return secured(bundled_data_dir)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def dependencies(app):
    return app.server.test_client().get("/_dash-dependencies").get_json()


@pytest.fixture(scope="module")
def server_callbacks(dependencies):
    return [spec for spec in dependencies if not spec.get("clientside_function")]


def csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def assert_secure_headers(response) -> None:
    for name, value in STATIC_HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"]


# --- headers and the policy -----------------------------------------------------------------------------------


def test_every_kind_of_response_carries_the_security_headers(client, server_callbacks):
    index = client.get("/")
    assert index.status_code == 200
    script = re.search(r'<script src="(/_dash-component-suites/[^"]+)"', index.get_data(as_text=True)).group(1)
    callback = client.post(UPDATE, json=callback_body(server_callbacks[0], {}, {}))
    responses = {
        "index": index,
        "asset": client.get("/assets/style.css"),
        "component suite": client.get(script),
        "bootstrap": client.get("/vendor/bootstrap.min.css"),
        "dependencies": client.get("/_dash-dependencies"),
        "callback": callback,
        "refused callback": client.post(UPDATE, json=[]),
    }
    for name, response in responses.items():
        assert response.status_code < 500, name
        assert_secure_headers(response)
    assert responses["asset"].status_code == 200 and responses["component suite"].status_code == 200
    assert callback.status_code in (200, 204)


def test_the_policy_allows_every_inline_script_of_the_page_and_nothing_else(client, app):
    response = client.get("/")
    html = response.get_data(as_text=True)
    script_src = csp(response)["script-src"]
    for expected in app.csp_hashes():
        assert expected in script_src
    inline = [m.group("body") for m in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S)
              if "src=" not in m.group("attrs") and "application/json" not in m.group("attrs")]
    assert inline, "the page has Dash's inline renderer script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert set(script_src) == {"'self'", *app.csp_hashes()}
    assert "http" not in response.headers["Content-Security-Policy"]  # no outside origin anywhere


def test_debug_is_off(app):
    assert app.server.debug is False
    assert not app.server.config.get("PROPAGATE_EXCEPTIONS")


# --- malformed callback requests ------------------------------------------------------------------------------


def valid_body(server_callbacks) -> dict:
    return callback_body(server_callbacks[0], {}, {})


MALFORMED = {
    "not json": dict(data="hello", content_type="application/json"),
    "truncated json": dict(data='{"output": "page.children", "inputs": [', content_type="application/json"),
    "json list": dict(json=[1, 2, 3]),
    "json string": dict(json="page.children"),
    "json null": dict(data="null", content_type="application/json"),
    "empty object": dict(json={}),
    "empty body": dict(data="", content_type="application/json"),
    "unknown output": dict(json={"output": "nope.children", "outputs": {"id": "nope", "property": "children"},
                                 "inputs": []}),
    "output not a string": dict(json={"output": ["page.children"], "outputs": [], "inputs": []}),
    "invalid utf-8": dict(data=b'{"output": "\xff\xfe"}', content_type="application/json"),
    "utf-16": dict(data='{"output": "x"}'.encode("utf-16"), content_type="application/json"),
    "deeply nested": dict(data="[" * 200_000 + "]" * 200_000, content_type="application/json"),
    "text/plain": dict(data='{"output": "x"}', content_type="text/plain"),
    "form": dict(data={"output": "x"}),
    "no content type": dict(data='{"output": "x"}'),
}


def assert_refused(response, name: str = "") -> None:
    assert 400 <= response.status_code < 500, (name, response.status_code)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "File \"" not in body, name
    assert len(body) < 500, name


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_callback_requests_are_refused_without_a_server_error(client, name):
    assert_refused(client.post(UPDATE, **MALFORMED[name]), name)


def test_a_huge_callback_body_is_refused(client, server_callbacks):
    body = {**valid_body(server_callbacks), "padding": "x" * MAX_CALLBACK_BYTES}
    response = client.post(UPDATE, json=body)
    assert response.status_code == 413
    assert_refused(response)


@pytest.mark.parametrize("change", [
    {"inputs": None}, {"inputs": "x"}, {"inputs": [1, 2, 3]}, {"inputs": []}, {"inputs": [None] * 50},
    {"state": {"id": "lang"}}, {"state": [[1]]}, {"outputs": None}, {"outputs": [{"id": 5}]},
    {"changedPropIds": "url.search"}, {"changedPropIds": [{"a": 1}]}, {"changedPropIds": ['{"bad json.value']},
    {"changedPropIds": ["x" * 5000]},
])
def test_callback_requests_of_the_wrong_shape_are_refused(client, server_callbacks, change):
    for spec in server_callbacks:
        body = {**callback_body(spec, {}, {}), **change}
        if change.get("inputs") == [] and not spec["inputs"]:
            continue
        assert_refused(client.post(UPDATE, json=body), f"{spec['output']} {change}")


def test_clientside_callbacks_cannot_be_called_on_the_server(client, dependencies):
    clientside = [spec for spec in dependencies if spec.get("clientside_function")]
    assert clientside
    for spec in clientside:
        assert_refused(client.post(UPDATE, json=callback_body(spec, {}, {})), spec["output"])


# --- hostile values in well-formed requests -------------------------------------------------------------------

HOSTILE = [
    None, XSS, "javascript:alert(1)", "\u0000\ud7ff\U0001f600" + "я" * 5000, -1, 10**30, 1.5e308, True,
    [XSS, None, 7, {"$gt": ""}, [[["deep"]]]], {"rowId": XSS, "points": [{"customdata": [XSS] * 20}]},
]


def hostile_body(spec: dict, values: list) -> dict:
    """A well-formed request for ``spec`` whose inputs and state take ``values`` in turn."""
    body = callback_body(spec, {}, {})
    items = [*body["inputs"], *body["state"]]
    for item, value in zip(items, values * len(items), strict=False):
        item["value"] = value
    for index, item in enumerate(body["inputs"]):
        if item["id"].startswith("{"):  # pattern-matching input: a list of matched components
            matched = {key: (XSS if value == ["ALL"] else value) for key, value in json.loads(item["id"]).items()}
            body["inputs"][index] = [{"id": matched, "property": item["property"], "value": item["value"]}]
            body["changedPropIds"] = [json.dumps(matched, separators=(",", ":"), sort_keys=True)
                                      + "." + item["property"]]
    return body


def test_hostile_values_in_every_callback_give_a_response_not_an_error(client, server_callbacks):
    # Rotating the list puts every hostile value into every input and state once.
    for spec in server_callbacks:
        for shift in range(len(HOSTILE)):
            values = HOSTILE[shift:] + HOSTILE[:shift]
            response = client.post(UPDATE, json=hostile_body(spec, values))
            assert response.status_code in (200, 204), (spec["output"], values[0])


def test_an_exception_in_a_callback_gives_a_short_500_and_is_logged(client, app, server_callbacks, monkeypatch,
                                                                   caplog):
    def broken():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.server.config["CLUSTER_PACKAGE"], "current", broken)
    spec = find_callback(server_callbacks, ids.PAGE)
    response = client.post(UPDATE, json=callback_body(spec, {ids.URL: "?"}))
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "secret internal detail" not in body and len(body) < 200
    assert_secure_headers(response)
    assert "secret internal detail" in caplog.text  # the traceback stays in the server log


# --- data that tries to inject markup or links ----------------------------------------------------------------


@pytest.fixture(scope="module")
def xss_app(tmp_path_factory):
    pkg = copy_package(tmp_path_factory.mktemp("xss"))
    set_cell_where(pkg, "organisations.csv", "org_id", ORG, "name_ru", XSS)
    set_cell_where(pkg, "organisations.csv", "org_id", ORG, "notes_ru", '<img src=x onerror="alert(2)">')
    return secured(pkg)


def test_markup_in_an_organisation_name_stays_text_in_the_profile(xss_app):
    client = xss_app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    spec = find_callback(dependencies, ids.PROFILE)
    response = client.post(UPDATE, json=callback_body(spec, {ids.ORG_CLICKED: {"org": ORG, "at": 1}},
                                                       {ids.LANG: "ru"}))
    assert response.status_code == 200
    children = response.get_json()["response"][ids.PROFILE_BODY]["children"]
    shown = list(component_dicts(children))
    title = next(c for c in shown if c["props"].get("id") == "profile-name")
    assert title["props"]["children"] == XSS  # a text child: React escapes it
    assert '<img src=x onerror="alert(2)">' in [c["props"].get("children") for c in shown]
    for component in shown:
        assert component["type"] not in ("Script", "Iframe", "Markdown", "DangerouslySetInnerHTML")
        assert "dangerously_allow_html" not in component["props"]
        href = component["props"].get("href")
        assert href is None or href.startswith(("http://", "https://")), href


def test_markup_in_an_organisation_name_stays_text_in_the_members_table(xss_app):
    client = xss_app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    grids = []
    for grid in ids.GRIDS:  # each grid is created once its section nears the screen
        body = callback_body(find_callback(dependencies, ids.grid_slot(grid)), {ids.grid_near(grid): True},
                             {"filter-date": [2014, 2026], ids.LANG: "ru"})
        created = client.post(UPDATE, json=body)
        assert created.status_code == 200
        grids += [c for c in component_dicts(created.get_json()["response"]) if c["type"] == "AgGrid"]
    members = next(g for g in grids if g["props"]["id"] == ids.MEMBERS_TABLE)
    row = next(r for r in members["props"]["rowData"] if r["org_id"] == ORG)
    assert row["name"] == XSS
    for grid in grids:
        assert not grid["props"].get("dangerously_allow_code")
        for column in grid["props"]["columnDefs"]:
            # Default cells render text; the only custom renderer builds React elements, http(s) links only.
            assert column.get("cellRenderer") in (None, "SourceLinks"), column
        for row in grid["props"].get("rowData") or []:
            assert all(url.startswith(("http://", "https://")) for url in row.get("sources", []))


@pytest.mark.parametrize("urls", ["javascript:alert(1)", "https://example.org javascript:alert(1)",
                                  "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:alert(1)"])
def test_a_non_http_source_url_is_refused_by_the_schema(tmp_path, urls):
    pkg = copy_package(tmp_path)
    row = set_cell_where(pkg, "organisations.csv", "org_id", ORG, "source_urls", urls)
    with pytest.raises(PackageError) as refused:
        load_package(pkg)
    assert any(p.file.endswith("organisations.csv") and p.row == row and p.field == "source_urls"
               for p in refused.value.problems)


def test_source_links_keep_only_http_urls():
    assert derive.source_list("javascript:alert(1) https://a.example/x http://b.example data:x") == [
        "https://a.example/x", "http://b.example"]


@pytest.mark.parametrize("text", [XSS, "[click](javascript:alert(1))", "<img src=x onerror=alert(1)>", "**bold** _it_",
                                  "a | b", "`code` # title", "https://example.org/x_y", "line\nbreak\\"])
def test_text_tables_and_lists_show_data_as_literal_text(text):
    table = components.text_table(["Name"], [[text]])
    cell = table.children.splitlines()[2].removeprefix("| ").removesuffix(" |")
    # Every punctuation mark is a character reference, so Markdown makes no link, markup or HTML of it; read
    # back, the cell is the text itself (line breaks as spaces). tests/browser/test_text_tables.py shows it.
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"&#\d+;", "", cell))
    assert text_table_rows(table.children)[1] == [" ".join(text.split())]
    assert components.text_list([text]).children[0].children == f"- {components.literal(text)}"
