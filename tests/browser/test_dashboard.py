"""The dashboard in real headless Chromium: what a person sees after loading and clicking.

Expected numbers are computed from the bundled package with the same pure functions the app uses, so a
view that ignores a filter (or draws the wrong thing) fails here.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.ui import ids
from dashboard.web.vendor import GRID_BUNDLE_URL
from tests.browser import show_grid, url_query

MAP_MARKERS = "#map .subplot.xy .scatterlayer .trace:not(:has(.textpoint)) .point"  # not the towns' names
TIMELINE_MARKERS = "#timeline .scatterlayer .point"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def expected(data, **params):
    state = parse_state(params, data)
    filtered = apply_filters(data, state)
    return {
        "participants": str(derive.named_participants(filtered.organisations)),
        "agreements": str(len(filtered.agreements)),
        "map_points": len(derive.map_points(data, filtered, state.lang)),
        # one mark per row, date and date precision
        "timeline_points": len(derive.timeline_items(data, filtered, state).dropna(subset=["date"]).drop_duplicates(
            ["group", "date", "precision"])),
        "members": len(filtered.organisations),
    }


def open_dashboard(page, url):
    page.goto(url)
    page.wait_for_selector(TIMELINE_MARKERS)
    page.wait_for_selector(MAP_MARKERS)


def choose_option(page, dropdown_id, label):
    page.click(f"#{dropdown_id}")
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def test_page_shows_every_view_offline_without_errors(page, live_server, data):
    want = expected(data)
    open_dashboard(page, live_server)

    expect(page.locator("h1")).to_have_text(data.meta.name_ru)
    expect(page.locator("#data-as-of")).to_contain_text("26.11.2026")
    expect(page.locator("#coverage")).to_contain_text(f"кластера: {want['participants']} организаций")
    expect(page.locator("#coverage")).to_contain_text("76 (не ранее 04.2022")
    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    expect(page.locator("#kpi-agreements")).to_have_text(want["agreements"])
    expect(page.locator(TIMELINE_MARKERS)).to_have_count(want["timeline_points"])
    expect(page.locator(MAP_MARKERS)).to_have_count(want["map_points"])
    expect(page.locator("#growth .scatterlayer .trace")).not_to_have_count(0)
    expect(page.locator("#map-elsewhere")).to_contain_text("Москва")
    show_grid(page, "members-table")
    expect(page.locator("#members-table .ag-header-cell-text").first).to_have_text("Название")
    expect(page.locator("#members-table .ag-row").first).to_be_visible()

    page.log.assert_no_external_requests(live_server)
    page.log.assert_no_console_errors()


def test_choosing_a_sector_changes_kpi_and_map(page, live_server, data):
    want = expected(data, sector=["aircraft"])
    everything = expected(data)
    assert want["participants"] != everything["participants"]
    open_dashboard(page, live_server)

    choose_option(page, "filter-sector", "Авиастроение")

    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    expect(page.locator(MAP_MARKERS)).to_have_count(want["map_points"])
    expect(page.locator("#kpi-agreements")).to_have_text(want["agreements"])
    query_wanted = {"sector": ["aircraft"]}
    assert url_query(page, query_wanted) == query_wanted
    page.log.assert_no_console_errors()


def test_narrowing_the_date_range_removes_later_events(page, live_server, data):
    want = expected(data, to="2016")
    assert want["timeline_points"] < expected(data)["timeline_points"]
    open_dashboard(page, live_server)

    upper = page.locator("#filter-date [role=slider][aria-label=Maximum]")
    upper.focus()
    for _ in range(data.meta.data_as_of.year - 2016):
        upper.press("ArrowLeft")
    expect(upper).to_have_attribute("aria-valuenow", "2016")

    expect(page.locator(TIMELINE_MARKERS)).to_have_count(want["timeline_points"])
    latest = page.evaluate(
        "() => Math.max(...document.querySelector('#timeline .js-plotly-plot')._fullData"
        ".flatMap(t => t.x.map(x => new Date(x).getFullYear())))")
    assert latest <= 2016
    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    query_wanted = {"to": ["2016"]}
    assert url_query(page, query_wanted) == query_wanted


def test_url_with_filters_reopens_the_same_view(page, live_server, data):
    query = "?sector=aircraft&sector=components&from=2015&to=2020&q=%D0%98%D1%80%D0%BA%D1%83%D1%82"
    want = expected(data, sector=["aircraft", "components"], **{"from": "2015", "to": "2020"}, q="Иркут")
    open_dashboard(page, live_server + "/" + query)

    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    expect(page.locator(MAP_MARKERS)).to_have_count(want["map_points"])
    expect(page.locator("#filter-search")).to_have_value("Иркут")
    expect(page.locator("#filter-date [role=slider][aria-label=Minimum]")).to_have_attribute("aria-valuenow", "2015")
    expect(page.locator("#filter-sector-value")).not_to_have_text("Все")
    show_grid(page, "members-table")
    expect(page.locator("#members-table .ag-row")).to_have_count(want["members"])

    # The reopened view writes back the very same state.
    query_wanted = parse_qs(query[1:])
    assert url_query(page, query_wanted) == query_wanted


def test_language_switch_changes_labels_and_keeps_filters(page, live_server, data):
    open_dashboard(page, live_server + "/?sector=aircraft")

    page.click("#lang-switch")

    expect(page.locator("h1")).to_have_text(data.meta.name_en)
    expect(page.locator("label[for=filter-sector]")).to_have_text("Sector")
    expect(page.locator("#section-timeline h2")).to_have_text("Cluster timeline")
    page.wait_for_selector(MAP_MARKERS)
    query_wanted = {"lang": ["en"], "sector": ["aircraft"]}
    assert url_query(page, query_wanted) == query_wanted
    expect(page.locator("#kpi-participants")).to_have_text(expected(data, sector=["aircraft"])["participants"])

    page.click("#lang-switch")
    expect(page.locator("h1")).to_have_text(data.meta.name_ru)


def grid_code(page) -> list[str]:
    """AG Grid's bundle, if the page has fetched it (its chunks are fetched by the bundle)."""
    return [url for url in page.log.requests if "/dash_ag_grid/dash_ag_grid." in url]


def test_a_table_is_created_when_its_section_nears_the_screen_and_keeps_its_sorting(page, live_server, data):
    open_dashboard(page, live_server)
    page.wait_for_timeout(500)  # a moment for a grid that should not be there to appear
    expect(page.locator(".ag-root-wrapper")).to_have_count(0)  # the top of the page needs no table
    expect(page.locator(f"#{ids.table_note(ids.MEMBERS_TABLE)}")).to_be_attached()
    assert not grid_code(page)  # nor AG Grid's code

    members = show_grid(page, ids.MEMBERS_TABLE)
    expect(members.locator(".ag-row").first).to_be_visible()
    assert grid_code(page) == [live_server + GRID_BUNDLE_URL]
    members.locator(".ag-header-cell[col-id=name] .ag-header-cell-label").click()
    expect(members.locator(".ag-header-cell[col-id=name]")).to_have_attribute("aria-sort", "ascending")

    # A filter change sends the rows only: the grid, and the user's sorting, stay.
    page.evaluate("window.scrollTo(0, 0)")
    choose_option(page, "filter-sector", "Авиастроение")
    want = expected(data, sector=["aircraft"])
    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    members = show_grid(page, ids.MEMBERS_TABLE)
    expect(members.locator(".ag-row")).to_have_count(want["members"])
    expect(members.locator(".ag-header-cell[col-id=name]")).to_have_attribute("aria-sort", "ascending")
    pairs = members.locator(".ag-row").evaluate_all(
        "rows => rows.map(r => [Number(r.getAttribute('row-index')), r.querySelector('[col-id=name]').innerText])")
    shown = [name for _, name in sorted(pairs)]
    assert len(shown) == want["members"] and shown == sorted(shown)
    page.log.assert_no_console_errors()


def test_clicking_a_member_row_opens_its_profile(page, live_server, data):
    open_dashboard(page, live_server + "/?q=%D0%98%D0%A0%D0%9D%D0%98%D0%A2%D0%A3")
    show_grid(page, "members-table")
    rows = page.locator("#members-table .ag-row")
    expect(rows).to_have_count(1)

    rows.first.locator("[col-id=name]").click()

    profile = page.locator("#profile")
    expect(profile).to_be_visible()
    expect(profile.locator("#profile-name")).to_have_text(
        data.organisations.set_index("org_id").loc["irnitu", "name_ru"])
    expect(profile).to_contain_text("Иркутский государственный технический университет")  # former name
    links = profile.locator(".sources a")
    expect(links.first).to_have_attribute("target", "_blank")
    expect(links.first).to_have_attribute("href", re.compile(r"^https?://"))


def test_clicking_a_map_marker_opens_a_profile(page, live_server):
    open_dashboard(page, live_server + "/?settlement=usolye-sibirskoye")
    markers = page.locator(MAP_MARKERS)
    expect(markers).to_have_count(1)

    markers.first.scroll_into_view_if_needed()
    box = markers.first.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*centre)  # plotly reports a click on the point it is hovering
    expect(page.locator("#map .hoverlayer .hovertext")).to_contain_text("Усолье-Сибирское")
    page.mouse.click(*centre)

    expect(page.locator("#profile #profile-name")).to_have_text("Индустриальный технопарк «Усолье-Промтех»")


def test_organisations_outside_the_region_open_profiles_too(page, live_server):
    open_dashboard(page, live_server)
    page.locator("#map-elsewhere").get_by_role("button", name="ОАК").click()
    expect(page.locator("#profile #profile-name")).to_contain_text("Объединённая авиастроительная корпорация")


def test_the_page_fetches_no_code_it_does_not_run(page, live_server):
    open_dashboard(page, live_server)
    page.wait_for_load_state("networkidle")
    # dash_table's (no DataTable here) and highlight.js, which dcc.Markdown fetches to colour code it never has
    assert not [url for url in page.log.requests if "dash_table" in url or "highlight" in url]


def test_the_page_arrives_with_the_layout_without_a_router_round_trip(page, live_server, data):
    outputs = []
    page.on("request", lambda request: outputs.append((request.post_data_json or {}).get("output"))
            if "_dash-update-component" in request.url else None)
    want = expected(data, sector=["aircraft"])
    open_dashboard(page, live_server + "/?sector=aircraft")

    expect(page.locator("#kpi-participants")).to_have_text(want["participants"])
    expect(page.locator(MAP_MARKERS)).to_have_count(want["map_points"])
    assert f"{ids.PAGE}.children" not in outputs
