"""The period comparison in real headless Chromium: type two dates, read back what the page shows.

Runs on the real dashboard. (Named ``*_browser`` because ``tests/unit/ui/test_comparison.py`` exists.)
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dashboard.data import comparison
from dashboard.data.filters import apply_filters
from dashboard.data.package import load_package
from dashboard.ui import ids
from tests.browser import charts_drawn

LABELS = {"joined": "Вступили", "left": "Вышли", "agreements": "Подписаны соглашения",
          "projects_started": "Начаты проекты", "projects_finished": "Завершены проекты", "events": "События"}


@pytest.fixture(scope="module")
def data(bundled_data_dir):
    return load_package(bundled_data_dir)


@pytest.fixture(scope="module")
def url(live_server):
    return live_server


def test_two_dates_show_what_changed_between_them(page, url, data):
    a, b = dt.date(2015, 1, 1), dt.date(2019, 12, 31)
    state = comparison.comparison_state(data, {})
    want = comparison.compare(data, apply_filters(data, state), a, b, "ru")
    page.goto(url)
    expect(page.locator(f"#{ids.COMPARE_SUMMARY}")).to_contain_text("С 20.11.2014 по 26.11.2026")
    expect(page.locator("label[for=compare-a]")).to_have_text("Дата А")
    expect(page.locator("label[for=compare-b]")).to_have_text("Дата Б")

    page.fill("#compare-a", a.isoformat())
    page.fill("#compare-b", b.isoformat())

    expect(page.locator(f"#{ids.COMPARE_SUMMARY}")).to_have_text(comparison.summary(want, "ru"))
    results = page.locator(f"#{ids.COMPARE_RESULTS}")
    for category, label in LABELS.items():
        block = results.locator(f"#compare-{category.replace('_', '-')}")
        count = want.counts()[category]
        expect(block.locator("h3")).to_have_text(f"{label} ({count})")
        expect(block.locator("li")).to_have_count(count)
        if count == 0:
            expect(block).to_contain_text("ничего")
        else:
            first = want.items(category)[0]
            expect(block.locator("li").first).to_have_text(f"{first.date_label} — {first.name}")
    # members of this cluster only: not the 2019 interregional cluster's ten nor the registry's specialised
    # organisation, a support body (issue 13, one count everywhere)
    assert want.counts()["joined"] == 3
    assert LABELS["joined"] + " (3)" == results.locator("#compare-joined h3").inner_text()

    charts_drawn(page)
    bars = page.evaluate("() => document.querySelector('#compare-figure .js-plotly-plot').data"
                         ".map(t => [t.type, t.name, t.x])")
    assert bars == [["bar", "Дата А: 01.01.2015", list(want.sector_counts["at_a"])],
                    ["bar", "Дата Б: 31.12.2019", list(want.sector_counts["at_b"])]]
    expect(page.locator("#compare-figure .bars .point")).to_have_count(2 * len(want.sector_counts))

    page.log.assert_no_external_requests(url)
    page.log.assert_no_console_errors()
