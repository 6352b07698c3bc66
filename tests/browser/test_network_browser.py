"""The collaboration network section of the dashboard in real headless Chromium.

Expected numbers come from the pure functions.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import network
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package

NODE_POINTS = "#network .scatterlayer .trace .point"
EDGE_PATH = "#network .scatterlayer .trace:first-child path.js-line"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture(scope="module")
def network_url(live_server):
    return live_server


def test_network_draws_every_node_and_edge_offline(page, network_url, data):
    state = parse_state({}, data)
    nodes, edges = network.collaboration_graph(data, apply_filters(data, state), state.lang)
    assert (len(nodes), len(edges)) == (15, 34)

    page.goto(network_url)
    page.wait_for_selector(NODE_POINTS)

    expect(page.locator(NODE_POINTS)).to_have_count(len(nodes))
    # one line trace, which plotly.js draws as one path per edge: the NaN gaps really break the line
    expect(page.locator(EDGE_PATH)).to_have_count(len(edges))
    assert all(d.count("M") == 1 and d.count("L") == 1
               for d in page.locator(EDGE_PATH).evaluate_all("paths => paths.map(p => p.getAttribute('d'))"))
    expect(page.locator("#section-network h2")).to_have_text("Сеть сотрудничества")
    expect(page.locator("#network-summary")).to_have_text(network.network_summary(nodes, edges, "ru"))
    expect(page.locator("#network .legend .traces")).to_have_count(nodes["sector"].nunique())
    # the table is folded away until asked for
    table_rows = page.locator("#network-table tbody tr")
    expect(table_rows.first).to_be_hidden()
    page.locator("#section-network summary").click()
    expect(table_rows).to_have_count(len(nodes))
    expect(table_rows.first).to_be_visible()

    page.log.assert_no_external_requests(network_url)
    page.log.assert_no_console_errors()


def test_hovering_and_clicking_a_node_gives_its_organisation(page, network_url, data):
    page.goto(network_url)
    page.wait_for_selector(NODE_POINTS)
    # the first node trace is the first sector (aircraft); its first point the best connected node, Yakovlev
    point = page.locator(NODE_POINTS).first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*centre)  # plotly reports a click on the point it is hovering
    hover = page.locator("#network .hoverlayer .hovertext")
    expect(hover).to_contain_text("ПАО «Яковлев»")
    expect(hover).to_contain_text("Партнёров: 10")
    page.mouse.click(*centre)

    expect(page.locator("#profile #profile-name")).to_have_text("ПАО «Яковлев»")
    page.log.assert_no_console_errors()
