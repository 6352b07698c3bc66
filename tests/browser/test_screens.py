"""The dashboard on a phone, a small laptop and paper: nothing wider than the screen, the filters folded where
there is no room beside the views, targets a finger can hit, tables that can be read, and a printout that is a
report of the view it was printed from."""

from __future__ import annotations

import io
import itertools
import re

import pypdf
import pytest
from playwright.sync_api import expect

from dashboard.data import derive
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.package import load_package
from dashboard.data.tables import WIDE, grid_columns
from dashboard.exports.naming import active_filters_text
from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.figures.map import NARROW_HEIGHT
from dashboard.ui.sections import tables
from dashboard.ui.view import View
from tests.browser import DRAW_EVERY_CHART_JS, charts_drawn, show_grid

PHONE = {"is_mobile": True, "has_touch": True}
SETTLED = "#timeline .scatterlayer .point"
AVIATION_2019 = "?sector=aircraft&asof=2019-12-31"
# Controls a finger or a mouse aims at, but not those inside a chart's toolbar or a grid (their own widgets).
TARGETS_JS = """() => [...document.querySelectorAll(
    'button, a[href], summary, input[type=search], input[type=date], .form-check-label, .Select-control')]
  .filter(e => !e.closest('.modebar, .ag-root-wrapper, .js-plotly-plot') && e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return {what: (e.id || e.textContent || e.tagName).trim().slice(0, 40), w: r.width, h: r.height,
                      button: e.matches('.btn:not(.org-link)')}; })"""


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture
def screen(browser):
    """A page in a browser window of a given width (a phone's is a touch screen)."""
    contexts = []

    def open_(width: int, url: str, phone: bool = False, init_script: str = ""):
        context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900},
                                      **(PHONE if phone else {}))
        contexts.append(context)
        context.add_init_script(DRAW_EVERY_CHART_JS)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(SETTLED)
        return page

    yield open_
    for context in contexts:
        context.close()


def scroll_through(page):
    """Scroll to the bottom, so that every table's grid is created (assets/lazy_grids.js)."""
    for grid in ids.GRIDS:
        show_grid(page, grid).locator(".ag-row").first.wait_for()


@pytest.mark.parametrize("width", [360, 390, 768, 1024])
def test_nothing_is_wider_than_the_screen(screen, live_server, width):
    page = screen(width, live_server, phone=width < 768)
    scroll_through(page)
    if width < 992:  # the filters, opened, fit too
        page.click(f"#{ids.FILTERS_TOGGLE}")
        page.locator(f"#{ids.FILTER_SEARCH}").wait_for()
    # the screen's width, not innerWidth: a phone's browser zooms out to show a wider page, and innerWidth grows
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_filters_fold_on_a_phone_and_open_on_a_tap(screen, live_server):
    page = screen(390, live_server, phone=True)
    toggle, search = page.locator(f"#{ids.FILTERS_TOGGLE}"), page.locator(f"#{ids.FILTER_SEARCH}")
    assert toggle.is_visible() and not search.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    # the views come right after the header and the toggle
    assert page.locator(f"#{ids.KPI_PARTICIPANTS}").bounding_box()["y"] < 844

    toggle.tap()
    search.wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    search.fill("Иркут")  # the opened filters work
    expect(page).to_have_url(re.compile(r"[?&]q="))
    toggle.tap()
    search.wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_beside_the_views_the_filters_stand_open_without_a_toggle(screen, live_server):
    page = screen(1440, live_server)
    assert page.locator(f"#{ids.FILTER_SEARCH}").is_visible()
    assert not page.locator(f"#{ids.FILTERS_TOGGLE}").is_visible()


def test_a_finger_can_hit_every_control_on_a_phone(screen, live_server):
    page = screen(390, live_server, phone=True)
    page.click(f"#{ids.FILTERS_TOGGLE}")
    scroll_through(page)
    targets = page.evaluate(TARGETS_JS)
    assert len(targets) > 30
    small = [target for target in targets if min(target["w"], target["h"]) < 24]
    assert not small, small
    # a button standing on its own: the 44 pixels of the platforms' guidelines
    low = [target for target in targets if target["button"] and target["h"] < 44]
    assert not low, low


def test_the_map_names_its_towns_inside_the_chart_on_a_phone(screen, live_server):
    page = screen(390, live_server, phone=True)
    page.locator(f"#{ids.MAP}").scroll_into_view_if_needed()
    page.wait_for_selector("#map .textpoint text")
    # the enlarged detail stands under the region (the layout the figure gives a narrow chart)
    expect(page.locator("#map .js-plotly-plot .svg-container")).to_have_css("height", f"{NARROW_HEIGHT}px")
    chart = page.locator(f"#{ids.MAP}").bounding_box()
    names = page.evaluate("""() => [...document.querySelectorAll('#map .textpoint text')].map(e => {
        const r = e.getBoundingClientRect(); return {name: e.textContent, left: r.left, right: r.right}; })""")
    assert len(names) >= 10
    cut = [name["name"] for name in names if name["left"] < chart["x"] - 1
           or name["right"] > chart["x"] + chart["width"] + 1]
    assert not cut, cut


GRID_JS = """([grid, skipped]) => {
  const root = document.getElementById(grid);
  const cells = [...root.querySelectorAll('.ag-center-cols-container .ag-cell')];
  const canvas = document.createElement('canvas').getContext('2d');
  // every word of a cell, measured in the cell's font, against the room the cell gives its text
  const split = [];
  for (const cell of cells.filter(c => !skipped.includes(c.getAttribute('col-id')))) {
    const text = cell.querySelector('.ag-cell-value') || cell;
    const style = getComputedStyle(text);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = text.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const breaks = cell.getAttribute('col-id') === 'sources' ? /\\s+|(?<=\\.)/ : /\\s+|(?<=-)/;
    for (const word of text.textContent.split(breaks)) {
      if (canvas.measureText(word).width > room + 0.5) split.push(word);
    }
  }
  const wrap = getComputedStyle(root.querySelector('.ag-cell-wrap-text'));
  const heads = [...root.querySelectorAll('.ag-header-cell-text')];
  const viewport = root.querySelector('.ag-body-horizontal-scroll-viewport');
  const headers = [...root.querySelectorAll('.ag-header-cell')].map(h => h.getBoundingClientRect());
  return {
    wordBreak: wrap.wordBreak, hyphens: wrap.hyphens, lang: root.closest('[lang]').lang,
    tallest: Math.max(...[...root.querySelectorAll('.ag-center-cols-container .ag-row')].map(r => r.offsetHeight)),
    cutHeaders: heads.filter(h => h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight + 1)
                     .map(h => h.textContent),
    scrolls: viewport.scrollWidth > viewport.clientWidth,
    shownColumns: headers.filter(h => h.right <= root.getBoundingClientRect().right + 1).length,
    split: split,
  };
}"""


@pytest.mark.parametrize("width", [1440, 1024])
def test_tables_wrap_between_words_grow_to_their_text_and_show_whole_headers(screen, live_server, width):
    page = screen(width, live_server)
    scroll_through(page)
    for grid in ids.GRIDS:
        seen = page.evaluate(GRID_JS, [grid, []])
        # a line breaks between words, hyphenated by the page's language where the browser can
        assert (seen["wordBreak"], seen["hyphens"], seen["lang"]) == ("normal", "auto", "ru"), grid
        assert seen["tallest"] > 48, grid  # rows grow to their text (the old rows were 48 pixels, cut)
        assert not seen["cutHeaders"], (grid, seen["cutHeaders"])
        if width == 1440:
            # every column beside the filters, none scrolled out of sight
            assert not seen["scrolls"], grid
        else:
            assert seen["shownColumns"] >= 4, grid  # the ones a reader needs first
    # The members' words fit their columns. Names (and the other tables' titles and short columns) hold longer
    # words than a 1440-pixel screen has room for beside every other column: a browser with the language's
    # hyphenation (hyphens: auto) breaks those at a syllable, one without it (this Chromium) where it must.
    names = [column.field for column in grid_columns("organisations", "ru") if column.width == WIDE]
    split = page.evaluate(GRID_JS, [ids.MEMBERS_TABLE, names])["split"]
    assert split == [], ", ".join(split)


def test_an_amount_the_sources_do_not_state_says_so(screen, live_server):
    page = screen(1440, live_server)
    grid = show_grid(page, ids.AGREEMENTS_TABLE)
    grid.locator(".ag-row").first.wait_for()
    amounts = grid.locator(".ag-center-cols-container [col-id=amount]").all_inner_texts()
    assert amounts and all(amount == t("amount_not_stated", "ru") for amount in amounts)


def test_print_is_a_report_of_the_filtered_view(screen, live_server, data):
    state = parse_state({"sector": ["aircraft"], "asof": ["2019-12-31"]}, data)
    filtered = apply_filters(data, state)
    page = screen(1440, live_server + AVIATION_2019)  # printed at once: no table was scrolled to

    pages = [" ".join(p.extract_text().split()) for p in print_pdf(page).pages]
    text = " ".join(pages)

    filters = t("print_filters", "ru", filters=active_filters_text(data, state))
    assert "31.12.2019" in filters
    for number, printed in enumerate(pages, 1):  # every page says what it shows
        assert data.meta.name_ru in printed, number
        assert filters in printed, number
    # the first page sums up: the key figures and the timeline
    assert t("kpi_participants", "ru") in pages[0] and t("timeline", "ru") in pages[0]
    # every table's rows, though no grid was ever drawn
    members = derive.member_rows(data, filtered, "ru")
    agreements = derive.agreement_rows(data, filtered, "ru")
    assert members and agreements
    # a long name wraps in its cell, and the PDF's text breaks it where the line does
    unwrapped = "".join(text.split())
    for row in members:
        assert "".join(row["name"].split()) in unwrapped
    for row in agreements:
        assert "".join(row["title"].split()) in unwrapped
    # the comparison's dates in the page's format (its summary), not as the browser's date fields show them
    launch, as_of = (day.strftime("%d.%m.%Y") for day in (data.meta.launch_date, data.meta.data_as_of))
    assert f"С {launch} по {as_of}" in text
    assert data.meta.launch_date.strftime("%m/%d/%Y") not in text
    # no buttons, no toolbars
    assert "PNG" not in text and "SVG" not in text
    assert t("filters_toggle", "ru") not in text and t("present_on", "ru") not in text


PRINT_COPIES_JS = """() => [...document.querySelectorAll('[data-print-rows]')].map((host) =>
    [...host.querySelectorAll('tr')].map((row) => [...row.cells].map((cell) => cell.textContent)))"""


def test_the_tables_copies_for_print_are_laid_out_only_for_print(screen, live_server, data):
    """Every row of every table is on paper (above), yet no table is laid out for it on screen: print-tables.js
    builds them from their rows before printing (as Ctrl+P, window.print() and a saved PDF do) and takes them away
    after."""
    page = screen(1440, live_server)
    assert page.evaluate(PRINT_COPIES_JS) == [[], [], []]

    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(PRINT_COPIES_JS)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")

    view = View(data, parse_state({}, data))
    copies = [tables.print_table(grid, "ru", tables.rows(view, grid)) for grid in ids.GRIDS]
    assert printed == [[copy["header"], *copy["rows"]] for copy in copies]
    assert all(len(copy["rows"]) > 1 for copy in copies)
    assert page.evaluate(PRINT_COPIES_JS) == [[], [], []]



def test_printed_after_a_filter_change_the_tables_list_the_rows_it_left(screen, live_server, data):
    """The tables' print copies follow the charts' answer to a filter change: printed once it is in, they hold the
    rows the filters leave."""
    view = View(data, parse_state({"sector": ["aircraft"]}, data))
    chosen = tables.print_table(ids.MEMBERS_TABLE, "ru", tables.rows(view, ids.MEMBERS_TABLE))
    assert 1 < len(chosen["rows"]) < len(tables.rows(View(data, parse_state({}, data)), ids.MEMBERS_TABLE))
    page = screen(1440, live_server)

    page.click(f"#{ids.FILTER_SECTOR}")
    page.get_by_role("option", name="Авиастроение", exact=True).click()

    # printed (and put away) until the members' copy is the chosen sector's: it never is if the copies stay behind
    page.wait_for_function(f"""(expected) => {{
        window.dispatchEvent(new Event('beforeprint'));
        const members = ({PRINT_COPIES_JS})()[{ids.GRIDS.index(ids.MEMBERS_TABLE)}];
        window.dispatchEvent(new Event('afterprint'));
        return JSON.stringify(members) === JSON.stringify(expected);
    }}""", arg=[chosen["header"], *chosen["rows"]])


# Tick labels reaching past their chart's box (by more than a rounding error): plotly.js is told to leave them be
# ("allow", figures/base.py), so no label may need hiding.
TICK_LABELS_PAST_THEIR_CHART_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((chart) => {
    const box = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('.xtick text, .ytick text, .x2tick text, .y2tick text')].filter((label) => {
        const edges = label.getBoundingClientRect();
        return edges.width && (edges.left < box.left - 1 || edges.right > box.right + 1 || edges.top < box.top - 1
                               || edges.bottom > box.bottom + 1);
    }).map((label) => `${chart.parentElement.closest('[id]').id}: ${label.textContent}`);
})"""


@pytest.mark.parametrize(("width", "phone", "query"), [(390, True, ""), (1440, False, ""), (1440, False, "?lang=en"),
                                                       (1920, False, "?present=1")])
def test_every_tick_label_is_whole_within_its_chart(screen, live_server, width, phone, query):
    page = screen(width, live_server + query, phone=phone)
    charts_drawn(page)

    assert page.locator(".js-plotly-plot .xtick text").count() > 10
    assert page.evaluate(TICK_LABELS_PAST_THEIR_CHART_JS) == []

# plotly.js's Plotly.update, counted: assets/narrow_charts.js narrows a chart drawn wide with it.
COUNT_UPDATES_JS = """document.addEventListener("DOMContentLoaded", () => {
    const update = window.Plotly.update;
    window.__updates = 0;
    window.Plotly.update = function () {
        window.__updates += 1;
        return update.apply(this, arguments);
    };
});"""


def test_a_phone_draws_each_chart_once_in_its_narrow_layout(screen, live_server):
    page = screen(390, live_server, phone=True, init_script=COUNT_UPDATES_JS)
    charts_drawn(page)
    narrowed = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter((gd) => gd.layout.meta && gd.layout.meta.narrow).map((gd) => gd.layout.meta.narrowed)""")
    assert len(narrowed) >= 4 and all(narrowed)
    assert page.evaluate("window.__updates") == 0  # not drawn wide first


def print_pdf(page) -> pypdf.PdfReader:
    """The page printed as the browser prints it (A4 landscape, assets/style.css)."""
    return pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True, prefer_css_page_size=True)))


def lowest_line(pdf_page: pypdf.PageObject) -> tuple[float, str]:
    """A printed page's lowest line of text (a chart's labels among them): how much of the page lies above it, as
    a part of its height, and its text."""
    lines = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            lines.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))  # its baseline on the page

    pdf_page.extract_text(visitor_text=visit)
    box = pdf_page.mediabox
    y, text = min(lines)
    return (float(box.top) - y) / float(box.height), text


@pytest.mark.parametrize("query", ["", AVIATION_2019], ids=["all", "aviation-2019"])
def test_no_printed_page_is_left_half_empty_or_ends_with_a_heading(screen, live_server, query):
    """A chart that does not fit below what precedes it moves to the next page; it is drawn lower instead where
    it would leave more than half a page blank (assets/print.js). A heading goes with what follows it."""
    page = screen(1440, live_server + query)
    headings = set(page.locator(".view h2, .view h3").all_inner_texts())
    lowest = [lowest_line(pdf_page) for pdf_page in print_pdf(page).pages]
    assert all(used >= 0.5 for used, _ in lowest[:-1]), [round(used, 2) for used, _ in lowest]
    assert not [text for _, text in lowest if text in headings]


def test_charts_print_as_wide_as_the_page(screen, live_server):
    page = screen(1440, live_server)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what printing does first (assets/print.js)
    widths = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g.offsetWidth)
        .map(g => [g.querySelector('.main-svg').getBoundingClientRect().width, g.closest('.view').clientWidth])""")
    assert len(widths) >= 5
    for chart, section in widths:
        assert chart >= 0.9 * section
    assert not page.locator(".chart-export").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


@pytest.mark.parametrize("width", [360, 390])
def test_the_as_of_years_stand_apart_on_a_phone(screen, live_server, width):
    page = screen(width, live_server, phone=True)
    marks = page.locator(".asof-slider .dash-slider-mark")
    expect(marks.first).to_be_visible()
    shown = [box for mark in marks.all() if mark.is_visible() and (box := mark.bounding_box())]
    assert len(shown) >= 2
    for left, right in itertools.pairwise(sorted(shown, key=lambda box: box["x"])):
        assert left["x"] + left["width"] <= right["x"], (left, right)


def test_the_growth_charts_titles_and_labels_fit_a_phone(screen, live_server):
    page = screen(390, live_server, phone=True)
    chart = page.locator(f"#{ids.GROWTH} .js-plotly-plot")
    # the narrow layout is applied once the chart is drawn (assets/narrow_charts.js)
    page.wait_for_function(f"() => document.querySelector('#{ids.GROWTH} .js-plotly-plot')?.layout?.meta?.narrowed")
    frame = chart.bounding_box()
    for note in chart.locator(".annotation-text").all():
        box = note.bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"], note.text_content()
