"""Charts in sight are drawn first (assets/plotly-visible.js). A chart out of sight is drawn only when it nears the
viewport, before the page is printed, or when it is saved as a picture, and then with the latest filters: not while
the browser is idle."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.ui import ids
from dashboard.ui.figures.base import wrap_label
from tests.browser import show_grid

TIMELINE_MARKERS = "#timeline .scatterlayer .point"
# Resolves after the browser's idle moments, one after another, have come ``count`` times.
IDLE_MOMENTS_JS = """(count) => new Promise((resolve) => {
    const next = (left) => left ? requestIdleCallback(() => next(left - 1)) : resolve();
    next(count);
})"""
# Each chart's calls of Plotly.react (dcc.Graph's, a new figure each), in order: whether the call drew it before it
# returned.
DRAWN_BY_THE_CALL_JS = """document.addEventListener("DOMContentLoaded", () => {
    const react = window.Plotly.react;
    window.__drawnByTheCall = {};
    window.Plotly.react = function (gd) {
        const before = gd._fullData;
        const drawn = react.apply(this, arguments);
        const calls = window.__drawnByTheCall[gd.closest(".dash-graph").id] ||= [];
        calls.push(gd._fullData !== undefined && gd._fullData !== before);
        return drawn;
    };
});"""
SECTOR_LABELS_JS = "() => document.querySelector('#sectors .js-plotly-plot')?._fullData?.[0]?.y ?? null"
AVIATION = "Авиастроение"


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture
def idle(page_as_served, live_server):
    """The dashboard, its chart in sight (the timeline) drawn, and the browser idle a while after it."""
    page_as_served.goto(live_server)
    page_as_served.wait_for_selector(TIMELINE_MARKERS)
    page_as_served.evaluate(IDLE_MOMENTS_JS, 10)  # more than there are charts out of sight
    return page_as_served


def sector_labels(data, **params) -> list[str]:
    counts = derive.sector_counts(data, apply_filters(data, parse_state(params, data)), "ru")
    return sorted(wrap_label(label) for label in counts["label"])


def shown_labels(page) -> list[str] | None:
    labels = page.evaluate(SECTOR_LABELS_JS)
    return None if labels is None else sorted(labels)


def wait_for_labels(page, labels: list[str]) -> None:
    page.wait_for_function(f"(labels) => JSON.stringify([...(({SECTOR_LABELS_JS})() || [])].sort()) "
                           "=== JSON.stringify(labels)", arg=labels)


def choose_aviation(page, data) -> None:
    """Choose a sector at the top of the page, and wait until the view in sight shows it."""
    page.click(f"#{ids.FILTER_SECTOR}")
    page.get_by_role("option", name=AVIATION, exact=True).click()
    page.keyboard.press("Escape")
    participants = derive.named_participants(apply_filters(data, parse_state({"sector": ["aircraft"]},
                                                                              data)).organisations)
    expect(page.locator(f"#{ids.KPI_PARTICIPANTS}")).to_have_text(str(participants))


def test_a_chart_out_of_sight_is_first_drawn_when_it_nears_the_viewport(idle, data):
    assert shown_labels(idle) is None  # far below the first screen: not drawn yet

    idle.locator(f"#{ids.SECTORS}").scroll_into_view_if_needed()

    wait_for_labels(idle, sector_labels(data))


def test_after_a_filter_change_a_chart_out_of_sight_shows_it_once_scrolled_to(idle, data):
    sectors = idle.locator(f"#{ids.SECTORS}")
    sectors.scroll_into_view_if_needed()
    wait_for_labels(idle, sector_labels(data))
    idle.evaluate("window.scrollTo(0, 0)")

    choose_aviation(idle, data)

    assert shown_labels(idle) == sector_labels(data)  # out of sight: drawn as it was, for now
    sectors.scroll_into_view_if_needed()
    wait_for_labels(idle, sector_labels(data, sector=["aircraft"]))
    idle.log.assert_no_console_errors()


def test_printing_draws_every_chart_out_of_sight_with_the_filters_first(idle, data):
    choose_aviation(idle, data)

    printed = idle.evaluate(f"""() => {{
        window.dispatchEvent(new Event("beforeprint"));
        const printed = {{
            labels: ({SECTOR_LABELS_JS})(),
            charts: [...document.querySelectorAll(".dash-graph")].filter((graph) => graph.offsetWidth).length,
            scaled: document.querySelectorAll(".js-plotly-plot .svg-container.print-scaled").length,
        }};
        window.dispatchEvent(new Event("afterprint"));
        return printed;
    }}""")

    assert sorted(printed["labels"]) == sector_labels(data, sector=["aircraft"])
    # every chart drawn before assets/print.js fits it to the page
    assert printed["charts"] >= 5 and printed["scaled"] == printed["charts"]


def test_a_picture_of_a_chart_out_of_sight_shows_the_filters(idle, data):
    choose_aviation(idle, data)

    with idle.expect_download() as info:
        # the button's own click, not a user's scroll to it
        idle.evaluate("""() => document.querySelector('[data-svg-for="sectors"]').click()""")
    svg = info.value.path().read_text(encoding="utf-8")

    # one bar: the chosen sector's (each bar is a "point" of plotly.js's drawing)
    assert svg.count('class="point"') == len(sector_labels(data, sector=["aircraft"])) == 1


def test_a_filter_change_asks_for_the_charts_alone_and_for_the_rest_once_they_are_in(page, live_server, data):
    """The charts' request has the server to itself: the network's, the comparison's, an open table's and the
    tables' for print (which would keep a worker busy meanwhile) go out once its answer is in."""
    page.goto(live_server)
    page.wait_for_selector(TIMELINE_MARKERS)
    show_grid(page, ids.MEMBERS_TABLE)
    page.evaluate("window.scrollTo(0, 0)")
    events: list[tuple[str, str]] = []

    def outputs(request) -> str:
        return request.post_data_json["output"]

    page.on("request", lambda r: "_dash-update-component" in r.url and events.append(("sent", outputs(r))))
    page.on("requestfinished", lambda r: "_dash-update-component" in r.url and events.append(("in", outputs(r))))

    choose_aviation(page, data)
    expect(page.locator(f"#{ids.MEMBERS_TABLE} .ag-row")).to_have_count(len(apply_filters(
        data, parse_state({"sector": ["aircraft"]}, data)).organisations))

    charts = next(i for i, (_, output) in enumerate(events) if f"{ids.KPI_PARTICIPANTS}.children" in output)
    assert events[:2] == [("sent", events[charts][1]), ("in", events[charts][1])]
    followers = {output.strip(".").split(".")[0] for kind, output in events[2:] if kind == "sent"}
    assert {ids.NETWORK, ids.COMPARE_FIGURE, ids.MEMBERS_TABLE, ids.print_table(ids.AGREEMENTS_TABLE)} <= followers


def test_the_chart_in_sight_is_first_drawn_after_the_page_is_mounted_and_redrawn_at_once(page_as_served, live_server,
                                                                                           data):
    """Loading, the chart in sight is drawn in a task of its own once the one that mounts the page is over (drawn
    in it, it made that task the page's longest); a filter change redraws it at once."""
    page_as_served.context.add_init_script(DRAWN_BY_THE_CALL_JS)
    page_as_served.goto(live_server)
    page_as_served.wait_for_selector(TIMELINE_MARKERS)
    assert page_as_served.evaluate("window.__drawnByTheCall.timeline") == [False]

    choose_aviation(page_as_served, data)

    page_as_served.wait_for_function("window.__drawnByTheCall.timeline.length === 2")
    assert page_as_served.evaluate("window.__drawnByTheCall.timeline") == [False, True]
