"""Callbacks over HTTP, exactly as the browser calls them: ``POST /_dash-update-component``.

Requests are built from ``/_dash-dependencies``, so they follow the app's real wiring; hostile values
must give a sane view or no update, never a server error.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.ui import ids, page
from dashboard.web.app import create_app
from tests.dash_requests import callback_body, component_dicts, find_callback, text_table_rows


@pytest.fixture(scope="module")
def app(bundled_data_dir):
    return create_app(bundled_data_dir)


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture(scope="module")
def dependencies(app):
    return app.server.test_client().get("/_dash-dependencies").get_json()


def call(app, dependencies, first_output: str, values: dict[str, object], state: dict[str, object] | None = None):
    """Post one callback the way dash-renderer does and return (status, response JSON or None)."""
    body = callback_body(find_callback(dependencies, first_output), values, state)
    response = app.server.test_client().post("/_dash-update-component", json=body)
    return response.status_code, (response.get_json() if response.status_code == 200 else None)


FILTERS = ("filter-sector", "filter-status", "filter-role", "filter-settlement", "filter-date", "filter-search")


def filter_call(app, dependencies, **values):
    defaults = {"filter-date": [2014, 2026], "filter-search": ""}
    return call(app, dependencies, ids.KPI_PARTICIPANTS, {**defaults, **values}, {ids.LANG: values.get("lang", "ru")})


def table_rows(table: dict) -> list[list[str]]:
    return text_table_rows(table["props"]["children"])[1:]


def test_the_text_alternatives_follow_the_selection_and_draw_only_unfolded_tables(app, dependencies, data):
    sectors_details = ids.details(ids.data_table(ids.SECTORS))
    values = {"filter-date": [2014, 2026], "filter-search": "", "filter-sector": ["aircraft"], sectors_details: True}
    # the charts and their texts travel in one callback
    status, body = call(app, dependencies, ids.KPI_PARTICIPANTS, values, {ids.LANG: "en"})
    assert status == 200
    response = body["response"]
    assert {ids.TIMELINE_UNDATED, ids.MAP_ELSEWHERE, *map(ids.data_table, ids.DESCRIBED_CHARTS)} <= set(response)
    filtered = apply_filters(data, parse_state({"sector": ["aircraft"]}, data))
    expected = [[r.label, str(r.count)] for r in derive.sector_counts(data, filtered, "en").itertuples()]
    assert table_rows(response[ids.data_table(ids.SECTORS)]["children"]) == expected
    # The tables still folded away are not drawn at all.
    assert response[ids.data_table(ids.TIMELINE)]["children"] is None

    # Opening one draws that table alone; closing it sends nothing.
    spec = find_callback(dependencies, ids.KPI_PARTICIPANTS)
    body = callback_body(spec, {**values, sectors_details: False, ids.details(ids.data_table(ids.MAP)): True},
                         {ids.LANG: "en"})
    body["changedPropIds"] = [f"{ids.details(ids.data_table(ids.MAP))}.open"]
    opened = app.server.test_client().post("/_dash-update-component", json=body).get_json()["response"]
    assert set(opened) == {ids.data_table(ids.MAP)}
    points = derive.map_points(data, filtered, "en")
    assert [row[0] for row in table_rows(opened[ids.data_table(ids.MAP)]["children"])] == list(points["settlement"])
    body["changedPropIds"] = [f"{sectors_details}.open"]
    assert app.server.test_client().post("/_dash-update-component", json=body).status_code == 204


def test_filter_callbacks_return_every_view_for_the_selection(app, dependencies, data):
    values = {"filter-sector": ["aircraft"], "filter-date": [2014, 2019]}
    status, charts = filter_call(app, dependencies, **values)
    assert status == 200
    state = parse_state({"sector": ["aircraft"], "to": "2019"}, data)
    filtered = apply_filters(data, state)
    response = charts["response"]
    assert response[ids.KPI_PARTICIPANTS]["children"] == str(derive.named_participants(filtered.organisations))
    assert response[ids.URL_QUERY]["data"] == "?sector=aircraft&to=2019"
    assert response[ids.LANG_SWITCH]["href"] == "?lang=en&sector=aircraft&to=2019"
    assert set(response) == {component for component, _ in page.OUTPUTS}

    # the network and the tables follow the address the charts' answer sets
    inputs = {ids.URL_QUERY: response[ids.URL_QUERY]["data"]}
    for grid, expected in ((ids.MEMBERS_TABLE, filtered.organisations), (ids.AGREEMENTS_TABLE, filtered.agreements)):
        status, rows = call(app, dependencies, grid, inputs, {ids.LANG: "ru"})
        assert status == 200
        assert set(rows["response"]) == {grid}
        assert len(rows["response"][grid]["rowData"]) == len(expected)
    status, graph = call(app, dependencies, "network", inputs, {ids.LANG: "ru"})
    assert status == 200
    assert set(graph["response"]) == {"network", "network-summary", "network-table"}


@pytest.mark.parametrize("values", [
    {"filter-sector": [{"$gt": 1}, 5, None, "aircraft<script>"]},
    {"filter-sector": "aircraft"},
    {"filter-status": 12},
    {"filter-date": ["abc", 10**12]},
    {"filter-date": "2015"},
    {"filter-date": [2030, 1900]},
    {"filter-search": "Иркут" * 5000},
    {"filter-search": {"nested": ["x"]}},
    {"filter-settlement": [["irkutsk"]]},
    {"lang": "<script>"},
])
def test_hostile_filter_values_give_a_sane_view(app, dependencies, values):
    status, body = filter_call(app, dependencies, **values)
    assert status == 200
    response = body["response"]
    assert response[ids.KPI_PARTICIPANTS]["children"].isdigit()
    query = parse_qs(response[ids.URL_QUERY]["data"].lstrip("?"))
    assert set(query) <= {"q", "from", "to", "sector"}
    assert all(len(value) <= 100 and "script" not in value for values in query.values() for value in values)


@pytest.mark.parametrize("search", [None, "", "?sector=aircraft&from=2016", "?from=abc&to=&q=" + "x" * 10000,
                                    "?" + "&".join(f"sector={i}" for i in range(500)), "?lang=en&lang=de"])
def test_router_renders_a_page_for_any_query_string(app, dependencies, search):
    status, body = call(app, dependencies, ids.PAGE, {ids.URL: search})
    assert status == 200
    assert body["response"][ids.PAGE]["children"]["type"] == "Div"


def fetched_layout(app, referrer: str | None) -> dict[str, dict]:
    """The props of the layout's components by id, as the page fetches the layout (naming itself as referrer)."""
    headers = {"Referer": referrer} if referrer else {}
    layout = app.server.test_client().get("/_dash-layout", headers=headers).get_json()
    return {c["props"]["id"]: c["props"] for c in component_dicts(layout) if isinstance(c["props"].get("id"), str)}


def test_the_layout_brings_the_page_its_address_asks_for(app):
    layout = fetched_layout(app, "http://localhost:8050/?lang=en&sector=aircraft")
    assert layout[ids.URL]["search"] == "?lang=en&sector=aircraft"  # so the router callback does not fire again
    assert layout[ids.FILTER_SECTOR]["value"] == ["aircraft"]
    assert layout[ids.LANG]["data"] == "en"
    plain = fetched_layout(app, "http://localhost:8050/")
    assert plain[ids.URL]["search"] == ""
    assert plain[ids.FILTER_SECTOR]["value"] == []


def test_without_a_referrer_the_router_callback_draws_the_page(app, dependencies):
    layout = fetched_layout(app, None)
    assert "search" not in layout[ids.URL]  # the address bar reports the address once mounted
    assert layout[ids.PAGE].get("children") is None
    router = find_callback(dependencies, ids.PAGE)
    assert [(i["id"], i["property"]) for i in router["inputs"]] == [(ids.URL, "search")]
    assert router["prevent_initial_call"] is True


def test_a_map_click_opens_the_organisations_of_its_point_under_the_shown_filters(app, dependencies):
    click = {"points": [{"customdata": ["Irkutsk", 3, "names", "irkutsk", "support"]}]}
    status, body = call(app, dependencies, ids.PROFILE, {ids.MAP: click}, {ids.LANG: "en", ids.URL_QUERY: ""})
    assert status == 200
    chooser = str(body["response"][ids.PROFILE_BODY]["children"])
    assert "Irkutsk Oblast Cluster Development Centre" in chooser
    assert "Irkutsk Oblast Entrepreneurship Support Fund" in chooser
    # Under a filter that hides the point, the click finds nobody and changes nothing.
    status, body = call(app, dependencies, ids.PROFILE, {ids.MAP: click},
                        {ids.LANG: "en", ids.URL_QUERY: "?sector=aircraft"})
    assert (status, body["response"]) == (200, {})


def test_a_clicked_row_of_the_members_grid_is_reported_like_a_profile_button(dependencies):
    # The grid is created once its section nears the screen, and a callback with an input that is not on the
    # page never fires: the profile callback must not listen to the grid itself.
    profile_inputs = {i["id"] for i in find_callback(dependencies, ids.PROFILE)["inputs"]}
    assert ids.MEMBERS_TABLE not in profile_inputs and ids.ORG_CLICKED in profile_inputs
    clicks = [{"id": ids.MEMBERS_TABLE, "property": "cellClicked"}]
    forward = [spec for spec in dependencies if spec["inputs"] == clicks]
    assert len(forward) == 1 and forward[0]["clientside_function"] is not None
    assert forward[0]["output"].startswith(f"{ids.ORG_CLICKED}.data")


def test_a_grid_is_created_with_its_rows_once_its_section_nears_the_screen(app, dependencies, data):
    values = {"filter-sector": ["aircraft"], "filter-date": [2014, 2019], "filter-search": ""}
    filtered = apply_filters(data, parse_state({"sector": ["aircraft"], "to": "2019"}, data))
    status, body = call(app, dependencies, ids.grid_slot(ids.MEMBERS_TABLE),
                        {ids.grid_near(ids.MEMBERS_TABLE): True}, {**values, ids.LANG: "en"})
    assert status == 200
    grid = body["response"][ids.grid_slot(ids.MEMBERS_TABLE)]["children"]
    assert (grid["type"], grid["props"]["id"]) == ("AgGrid", ids.MEMBERS_TABLE)
    assert {row["org_id"] for row in grid["props"]["rowData"]} == set(filtered.organisations["org_id"])
    assert grid["props"]["columnDefs"][0]["headerName"] == "Name"
    # anything but true (the store's first value, a forged one) creates nothing
    for near in (None, False, "true", 1):
        status, _ = call(app, dependencies, ids.grid_slot(ids.MEMBERS_TABLE),
                         {ids.grid_near(ids.MEMBERS_TABLE): near}, {**values, ids.LANG: "en"})
        assert status == 204, near


def test_profile_opens_for_a_clicked_profile_button_and_ignores_anything_else(app, dependencies):
    # the browser reports a click on a profile button as {org, at} (sections.profile.ORG_CLICKED_JS)
    status, body = call(app, dependencies, ids.PROFILE, {ids.ORG_CLICKED: {"org": "irnitu", "at": 1}},
                        {ids.LANG: "ru"})
    assert status == 200 and body["response"][ids.PROFILE]["is_open"] is True
    assert "ИРНИТУ" in str(body["response"][ids.PROFILE_BODY]["children"]) or \
        "Иркутский национальный исследовательский технический университет" in str(body["response"][ids.PROFILE_BODY])
    for clicked in ({"org": "no-such-org"}, {"org": ["irnitu"]}, "irnitu", None):
        status, body = call(app, dependencies, ids.PROFILE, {ids.ORG_CLICKED: clicked}, {ids.LANG: "ru"})
        assert status in (200, 204), clicked
        assert not (body or {}).get("response"), clicked


def test_no_callback_changes_a_charts_config(dependencies):
    # plotly.js draws a chart anew from scratch when its config changes (Plotly.react becomes a new plot)
    outputs = [output for spec in dependencies for output in spec["output"].strip(".").split("...")]
    assert not [output for output in outputs if output.endswith(".config")]


@pytest.mark.parametrize(("query", "title"), [
    ("", "Машиностроительный кластер Иркутской области"),
    ("?lang=en", "Irkutsk Region Machine-Building Cluster"),
    ("?lang=en&sector=aircraft", "Irkutsk Region Machine-Building Cluster"),
    ("?lang=xx", "Машиностроительный кластер Иркутской области"),
])
def test_document_title_is_the_clusters_name_in_the_pages_language(app, query, title):
    page = app.server.test_client().get(f"/{query}").get_data(as_text=True)
    assert re.search(r"<title>(.*?)</title>", page).group(1) == title
    assert re.search(r'<html lang="(\w+)">', page).group(1) == ("ru" if "Машин" in title else "en")
