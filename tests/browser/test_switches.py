"""The language and presentation switches in real Chromium: the page changes in place, never reloading, and
keeps the filters chosen before; the address, the document's language and its title follow."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.figures.base import font_size, wrap_label
from tests.browser import charts_drawn, show_grid, url_query

TIMELINE_MARKERS = "#timeline .scatterlayer .point"
# null while the page drawn anew has not drawn the chart yet, which waiting for a size then goes on through
FONT_SIZE_JS = "(id) => document.querySelector('#' + id + ' .js-plotly-plot')?._fullLayout?.font.size ?? null"
SECTOR_LABELS_JS = "() => document.querySelector('#sectors .js-plotly-plot')._fullData[0].y"
KPI_SIZE_JS = "e => parseFloat(getComputedStyle(e).fontSize)"
# Each chart's box and the height its figure is drawn at.
CHART_HEIGHTS_JS = """() => ['timeline', 'map', 'growth', 'sectors', 'network'].map((id) => {
    const chart = document.getElementById(id);
    return [id, chart.offsetHeight, chart.querySelector('.js-plotly-plot')._fullLayout.height];
})"""


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


def participants(data, **params) -> str:
    return str(derive.named_participants(apply_filters(data, parse_state(params, data)).organisations))


def open_with_a_sector_chosen(page, url):
    """The page, with a sector chosen in the page itself (not in the address it was opened with), and a mark
    that a reload would lose."""
    page.goto(url)
    page.wait_for_selector(TIMELINE_MARKERS)
    page.click(f"#{ids.FILTER_SECTOR}")
    page.get_by_role("option", name="Авиастроение", exact=True).click()
    page.keyboard.press("Escape")
    assert url_query(page, {"sector": ["aircraft"]}) == {"sector": ["aircraft"]}
    page.evaluate("window.__marker = 1")


def not_reloaded(page) -> bool:
    return page.evaluate("() => window.__marker === 1 && performance.getEntriesByType('navigation').length === 1")


def test_language_switch_redraws_the_page_in_english_without_a_reload(page, live_server, data):
    open_with_a_sector_chosen(page, live_server)
    switch = page.locator(f"#{ids.LANG_SWITCH}")
    # A real link to the same view in English: a new tab or a bookmark opens it.
    expect(switch).to_have_attribute("href", "?lang=en&sector=aircraft")

    switch.click()

    expect(page.locator("h1")).to_have_text(data.meta.name_en)
    assert not_reloaded(page)
    expect(page).to_have_title(data.meta.name_en)
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("label[for=filter-sector]")).to_have_text("Sector")
    expect(page.locator(f"#{ids.KPI_PARTICIPANTS}")).to_have_text(participants(data, sector=["aircraft"]))
    sectors = derive.sector_counts(data, apply_filters(data, parse_state({"sector": ["aircraft"]}, data)), "en")
    charts_drawn(page)
    assert sorted(page.evaluate(SECTOR_LABELS_JS)) == sorted(wrap_label(label) for label in sectors["label"])
    assert url_query(page, {"lang": ["en"], "sector": ["aircraft"]}) == {"lang": ["en"], "sector": ["aircraft"]}
    expect(switch).to_have_attribute("href", "?sector=aircraft")
    # A table's grid is still created when its section nears the screen, in the new language.
    members = show_grid(page, ids.MEMBERS_TABLE)
    expect(members.locator(".ag-row")).to_have_count(len(apply_filters(
        data, parse_state({"sector": ["aircraft"]}, data)).organisations))
    expect(members.locator(".ag-header-cell[col-id=name]")).to_have_text(t("col_name", "en"))
    assert not_reloaded(page)

    # Back returns to the Russian page, again in place.
    page.go_back()
    expect(page.locator("h1")).to_have_text(data.meta.name_ru)
    expect(page).to_have_title(data.meta.name_ru)
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert url_query(page, {"sector": ["aircraft"]}) == {"sector": ["aircraft"]}
    assert not_reloaded(page)
    page.log.assert_no_console_errors()


def test_switching_the_language_there_and_back_draws_each_language_again(page, live_server, data):
    """The router keeps the pages it has sent by address (page.sent_page): every switch, to an address seen
    before or not, shows that address's language, texts and charts."""
    open_with_a_sector_chosen(page, live_server)
    filtered = apply_filters(data, parse_state({"sector": ["aircraft"]}, data))
    for lang in ("en", "ru", "en", "ru"):
        page.click(f"#{ids.LANG_SWITCH}")
        expect(page.locator("h1")).to_have_text(data.meta.name(lang))
        expect(page.locator("label[for=filter-sector]")).to_have_text(t("filter_sector", lang))
        expect(page.locator(f"#{ids.LANG_SWITCH}")).to_have_text(t("lang_switch", lang))
        charts_drawn(page)
        sectors = derive.sector_counts(data, filtered, lang)
        assert sorted(page.evaluate(SECTOR_LABELS_JS)) == sorted(wrap_label(label) for label in sectors["label"])
        wanted = {"lang": ["en"], "sector": ["aircraft"]} if lang == "en" else {"sector": ["aircraft"]}
        assert url_query(page, wanted) == wanted
    assert not_reloaded(page)
    page.log.assert_no_console_errors()


def test_the_document_is_in_the_language_of_its_address(page, live_server, data):
    page.goto(live_server + "/?lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page).to_have_title(data.meta.name_en)


def test_presentation_switch_enlarges_the_view_in_place_and_back(page, live_server, data):
    open_with_a_sector_chosen(page, live_server)
    toggle = page.locator(f"#{ids.PRESENT_TOGGLE}")
    kpi = page.locator(f"#{ids.KPI_PARTICIPANTS}")
    small = kpi.evaluate(KPI_SIZE_JS)
    assert page.evaluate(FONT_SIZE_JS, ids.TIMELINE) == 13

    expect(toggle).to_have_attribute("href", "?sector=aircraft&present=1")
    toggle.click()

    expect(page.locator(".dashboard.present")).to_be_visible()
    assert not_reloaded(page)
    expect(toggle).to_have_text(t("present_off", "ru"))
    expect(page.locator(".filters-col")).to_be_hidden()
    page.wait_for_function(f"() => ({FONT_SIZE_JS})('{ids.TIMELINE}') === {font_size(True)}")
    assert kpi.evaluate(KPI_SIZE_JS) > small * 1.4
    # the sector chart is out of sight: drawn once the browser is idle (assets/plotly-visible.js)
    charts_drawn(page)
    assert page.evaluate(FONT_SIZE_JS, ids.SECTORS) == font_size(True)
    # Taller charts in boxes as tall as they are.
    assert all(box == height for _, box, height in page.evaluate(CHART_HEIGHTS_JS))
    expect(kpi).to_have_text(participants(data, sector=["aircraft"]))
    wanted = {"sector": ["aircraft"], "present": ["1"]}
    assert url_query(page, wanted) == wanted
    assert page.evaluate("() => document.fullscreenElement === document.documentElement")
    # The language switch keeps presentation mode, and the arrow keys still step the date after it.
    expect(page.locator(f"#{ids.LANG_SWITCH}")).to_have_attribute("href", "?lang=en&sector=aircraft&present=1")
    page.click(f"#{ids.LANG_SWITCH}")
    expect(page.locator("h1")).to_have_text(data.meta.name_en)
    expect(page.locator(".dashboard.present")).to_be_visible()
    page.locator("h1").click()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{ids.ASOF_LABEL}")).not_to_have_text(t("asof_today", "en"))

    page.click(f"#{ids.PRESENT_TOGGLE}")

    expect(page.locator(".dashboard.present")).to_have_count(0)
    expect(page.locator(".filters-col")).to_be_visible()
    expect(page.locator(f"#{ids.PRESENT_TOGGLE}")).to_have_text(t("present_on", "en"))
    page.wait_for_function(f"() => ({FONT_SIZE_JS})('{ids.TIMELINE}') === 13")
    charts_drawn(page)
    assert all(box == height for _, box, height in page.evaluate(CHART_HEIGHTS_JS))
    assert "present" not in url_query(page, {})
    assert page.evaluate("() => document.fullscreenElement === null")
    assert not_reloaded(page)
    page.log.assert_no_console_errors()
