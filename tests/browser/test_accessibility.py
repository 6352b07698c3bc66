"""Accessibility in real Chromium: axe-core, the keyboard, and the charts' text alternatives.

axe-core (the npm package pinned in ``package.json``, installed by ``npm ci``; ``make test`` runs it when
``node_modules/axe-core`` is missing) is injected into the page and run on the main page, in presentation
mode and with an organisation's profile open; any violation of impact serious or critical fails.

Two details of the set-up matter:

* The app's Content-Security-Policy refuses inline scripts, so ``add_script_tag(path=...)`` (an inline
  script) would be blocked. axe is served instead from a same-origin URL that Playwright answers from
  ``node_modules``, and the page keeps its real policy.
* Bootstrap scrolls smoothly unless the user prefers reduced motion. axe scrolls every text into view to
  measure its colour contrast; a smooth scroll has not moved yet when it looks, and the text ends up
  "incomplete" instead of checked. The pages are opened with reduced motion, so contrast is measured.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from tests.browser import MAP_MARKERS, show_grid

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__test__/axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")

# Every drawn view: plotly points/bars/traces of each chart.
CHART_MARKS = {
    "timeline": "#timeline .scatterlayer .point",
    "map": MAP_MARKERS,
    "growth": "#growth .scatterlayer .trace",
    "sectors": "#sectors .bars .point",
    "network": "#network .scatterlayer .trace .point",
    "compare-figure": "#compare-figure .bars .point",
}
GRIDS = ("agreements-table", "projects-table", "members-table")
# Charts whose data table sits in a <details> below the chart (the comparison shows its table openly).
CHARTS_WITH_DETAILS = ("timeline", "map", "growth", "sectors", "network")

FOCUSED = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return {
        key: e.id || (e.closest('[id]') ? e.closest('[id]').id + ' ' + e.tagName.toLowerCase() : e.tagName),
        id: e.id, role: e.getAttribute('role'), tag: e.tagName.toLowerCase(),
        focusVisible: e.matches(':focus-visible'),
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    };
}"""


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --no-audit --no-fund` in the repository "
                    "(make test does it when node_modules/axe-core is missing)", pytrace=False)
    return AXE_JS


def participants(data, **params) -> str:
    return str(derive.named_participants(apply_filters(data, parse_state(params, data)).organisations))


def open_page(page, url: str, *, grids: bool = True, charts: tuple[str, ...] = tuple(CHART_MARKS)) -> None:
    """Open the dashboard and wait until every view is drawn (grids scrolled into view: AG Grid draws its
    cells only once a grid has been on screen, before that axe sees rows without cells)."""
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    for chart in charts:
        page.wait_for_selector(CHART_MARKS[chart])
    if grids:
        for grid in GRIDS:
            show_grid(page, grid)
            expect(page.locator(f"#{grid} .ag-header-cell").first).to_be_visible()
            expect(page.locator(f"#{grid} .ag-row").first).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")


def run_axe(page, base_url: str, axe_script: Path) -> list[dict]:
    """Inject axe-core from a same-origin URL (the CSP allows only 'self' scripts) and run it."""
    page.route(base_url + AXE_URL_PATH,
               lambda route: route.fulfill(path=str(axe_script), content_type="text/javascript"))
    page.add_script_tag(url=base_url + AXE_URL_PATH)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def assert_no_blocking_violations(violations: list[dict]) -> None:
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    lines = []
    for v in blocking:
        targets = "; ".join(" >> ".join(node["target"]) for node in v["nodes"][:3])
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
    assert not blocking, f"{len(blocking)} serious/critical axe violation(s):\n" + "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# axe-core
# ---------------------------------------------------------------------------------------------------------


def test_main_page_has_no_serious_axe_violations(page, live_server, axe_script):
    open_page(page, live_server)
    # The charts' data tables are audited too.
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    expect(page.locator("#timeline-data tbody tr").first).to_be_visible()

    assert_no_blocking_violations(run_axe(page, live_server, axe_script))
    page.log.assert_no_console_errors()


def test_presentation_mode_has_no_serious_axe_violations(page, live_server, axe_script):
    open_page(page, live_server + "/?present=1", grids=False)
    expect(page.locator(".dashboard.present")).to_be_visible()

    assert_no_blocking_violations(run_axe(page, live_server, axe_script))
    page.log.assert_no_console_errors()


def test_organisation_profile_has_no_serious_axe_violations(page, live_server, axe_script, data):
    open_page(page, live_server)
    row = page.locator("#members-table .ag-row[row-index='0']")
    name = data.organisations.set_index("org_id").loc[row.get_attribute("row-id"), "name_ru"]
    expect(row.locator("[col-id=name]")).to_have_text(name)  # the cell is drawn
    row.locator("[col-id=name]").click()

    dialog = page.get_by_role("dialog", name=re.compile("^Профиль организации"))
    expect(dialog).to_be_visible()
    expect(dialog.locator("#profile-name")).to_have_text(name)
    expect(page.locator("#profile.showing")).to_have_count(0)  # the slide-in has ended

    assert_no_blocking_violations(run_axe(page, live_server, axe_script))
    page.log.assert_no_console_errors()


# ---------------------------------------------------------------------------------------------------------
# text alternatives of the charts
# ---------------------------------------------------------------------------------------------------------


def test_every_chart_is_a_named_figure_with_a_summary_and_a_data_table(page, live_server):
    open_page(page, live_server, grids=False)
    for chart in CHART_MARKS:
        figure = page.locator(f"[role=figure]:has(> #{chart})")
        expect(figure).to_have_count(1)
        heading = page.locator("#" + figure.get_attribute("aria-labelledby"))
        expect(heading).to_have_role("heading")
        expect(figure).to_have_accessible_name(heading.inner_text())
        summary = page.locator("#" + figure.get_attribute("aria-describedby"))
        expect(summary).to_be_visible()
        expect(summary).to_have_text(re.compile(r"\S.{20,}\d"))  # a sentence with numbers, not a placeholder
        expect(figure).to_have_accessible_description(summary.inner_text())

    for chart in CHARTS_WITH_DETAILS:
        section = page.locator(f"section:has(#{chart})")
        details = section.locator("details")
        expect(details).to_have_count(1)
        rows = details.locator("table tbody tr")
        expect(rows.first).to_be_hidden()
        details.locator("summary").focus()  # reachable and opened from the keyboard
        page.keyboard.press("Enter")
        expect(rows.first).to_be_visible()
        assert rows.count() > 0
        expect(details.locator("table thead th").first).to_have_attribute("scope", "col")
    expect(page.locator("#compare-sector-table tbody tr").first).to_be_visible()


# ---------------------------------------------------------------------------------------------------------
# keyboard
# ---------------------------------------------------------------------------------------------------------


def tab_until(page, wanted: set[str], limit: int = 60) -> dict[str, dict]:
    """Press Tab from the top of the page until every key in ``wanted`` had the focus; what each had."""
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("h1").click()  # the sequential focus starting point: the top of the page
    seen: dict[str, dict] = {}
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.setdefault(focused["key"], focused)
        if wanted <= seen.keys():
            break
    assert wanted <= seen.keys(), f"never reached with Tab: {sorted(wanted - seen.keys())}; got {list(seen)}"
    return seen


def test_tab_reaches_every_control_with_a_visible_focus_ring(page, live_server):
    open_page(page, live_server, grids=False)
    controls = {"filter-search", "filter-sector", "filter-status", "filter-date span", "asof-prev", "asof-next",
                "asof-play", "asof span", "download-xlsx", "download-pptx"}
    seen = tab_until(page, controls)
    for key in controls:
        focused = seen[key]
        assert focused["focusVisible"], f"{key}: focus from Tab is not :focus-visible"
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, f"{key}: no visible focus ring"

    # What the keys reach is named by its visible label.
    expect(page.locator("#filter-search")).to_have_accessible_name("Поиск по названию")
    expect(page.locator("#filter-sector")).to_have_accessible_name(re.compile(r"^Отрасль "))
    thumbs = page.locator("#filter-date [role=slider]")
    expect(thumbs.nth(0)).to_have_accessible_name("Период начало")
    expect(thumbs.nth(1)).to_have_accessible_name("Период конец")
    asof = page.locator("#asof [role=slider]")
    expect(asof).to_have_accessible_name("Состояние на")
    expect(asof).to_have_attribute("aria-valuetext", "сегодня")
    expect(page.get_by_role("radiogroup", name="Шаг даты").get_by_role("radio")).to_have_count(2)


def test_sector_dropdown_works_from_the_keyboard(page, live_server, data, axe_script):
    open_page(page, live_server, grids=False)
    tab_until(page, {"filter-sector"})
    trigger = page.locator("#filter-sector")
    expect(trigger).to_be_focused()

    page.keyboard.press("Enter")
    expect(trigger).to_have_attribute("aria-expanded", "true")
    menu = page.get_by_role("dialog", name="Отрасль")
    expect(menu).to_be_visible()
    # The open menu is accessible too: a named listbox whose options are the checkboxes the arrows focus.
    page.route(live_server + AXE_URL_PATH,
               lambda route: route.fulfill(path=str(axe_script), content_type="text/javascript"))
    page.add_script_tag(url=live_server + AXE_URL_PATH)
    assert_no_blocking_violations(
        page.evaluate("() => axe.run('.dash-dropdown-content', {resultTypes: ['violations']})")["violations"])

    page.keyboard.press("ArrowDown")
    option = page.locator(".dash-dropdown-content input[type=checkbox]:focus")
    expect(option).to_have_count(1)
    expect(option).to_have_role("option")
    expect(option).to_have_attribute("aria-selected", "false")
    sector = option.get_attribute("value")
    label = data.sectors.set_index("sector_id").loc[sector, "name_ru"]
    expect(option).to_have_accessible_name(label)
    page.keyboard.press("Space")
    expect(option).to_be_checked()
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")

    expect(trigger).to_have_attribute("aria-expanded", "false")
    expect(trigger).to_be_focused()
    expect(page.locator("#filter-sector-value")).to_have_text(label)
    expect(page.locator("#kpi-participants")).to_have_text(participants(data, sector=[sector]))
    # The address is rewritten in the browser right after the views update: wait for it, exactly.
    expect(page).to_have_url(f"{live_server}/?sector={sector}")
    page.log.assert_no_console_errors()


def test_date_slider_and_asof_buttons_work_from_the_keyboard(page, live_server, data):
    open_page(page, live_server, grids=False)
    tab_until(page, {"filter-date span"})
    lower = page.locator("#filter-date [role=slider]").first
    expect(lower).to_be_focused()
    start = int(lower.get_attribute("aria-valuenow"))
    page.keyboard.press("ArrowRight")
    expect(lower).to_have_attribute("aria-valuenow", str(start + 1))
    expect(page.locator("#kpi-participants")).to_have_text(participants(data, **{"from": str(start + 1)}))
    expect(page).to_have_url(re.compile(rf"[?&]from={start + 1}\b"))

    tab_until(page, {"asof-prev"})
    expect(page.locator("#asof-label")).to_have_text("сегодня")
    page.keyboard.press("Enter")
    expect(page.locator("#asof-label")).not_to_have_text("сегодня")
    stepped = page.locator("#asof-label").inner_text()
    expect(page.locator("#asof [role=slider]")).to_have_attribute("aria-valuetext", stepped)
    page.keyboard.press("Tab")
    expect(page.locator("#asof-next")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#asof-label")).to_have_text("сегодня")


def test_download_buttons_work_from_the_keyboard(page, live_server):
    open_page(page, live_server, grids=False)
    tab_until(page, {"download-xlsx"})
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".xlsx")

    page.keyboard.press("Tab")  # the CSV menu: opened and used with the keyboard
    page.keyboard.press("Enter")
    expect(page.locator(".downloads .dropdown-menu.show .dropdown-item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".downloads .dropdown-menu.show .dropdown-item:focus")).to_have_count(1)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


def test_enter_opens_a_profile_from_the_members_table_and_from_an_org_link(page, live_server, data):
    names = data.organisations.set_index("org_id")["name_ru"]
    open_page(page, live_server + "/?q=%D0%98%D0%A0%D0%9D%D0%98%D0%A2%D0%A3", grids=False,  # q=ИРНИТУ
              charts=("timeline", "map"))
    grid = show_grid(page, "members-table")
    expect(grid.locator(".ag-row")).to_have_count(1)

    page.locator("#section-members p").first.click()  # start right above the grid
    page.keyboard.press("Tab")
    expect(grid.locator(".ag-header-cell").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    cell = grid.locator(".ag-row .ag-cell").first
    expect(cell).to_be_focused()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name=re.compile(names["irnitu"]))
    expect(dialog).to_be_visible()
    expect(dialog.locator("#profile-name")).to_have_text(names["irnitu"])
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(cell).to_be_focused()  # the focus returns where it was

    open_page(page, live_server, grids=False)
    link = page.locator("#map-elsewhere").get_by_role("button", name="ОАК")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#profile #profile-name")).to_contain_text("Объединённая авиастроительная корпорация")
