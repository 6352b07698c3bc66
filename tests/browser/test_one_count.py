"""One count, every view: given the same filters, the KPI, the timeline, the growth chart (its panel title and its
summary) and the members table show the same number of this cluster's members, the number the data layer
defines once (dashboard/data/counts.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.data import counts
from dashboard.data.filters import apply_filters, parse_state
from dashboard.data.vocab import STATUS
from dashboard.ui import ids
from tests.browser import show_grid
from tests.packages import bundled

# no filter; one sector; a period ending before most joinings; a municipality; a search for one organisation
STATES = ["", "sector=aircraft", "to=2018", "settlement=irkutsk", "q=ИРНИТУ"]
MEMBER_LABELS = {STATUS[status].ru for status in counts.MEMBER_STATUSES}
STATUSES_JS = """id => { const statuses = [];
  dash_ag_grid.getApi(id).forEachNodeAfterFilterAndSort(node => statuses.push(node.data.status));
  return statuses; }"""


def number_after(text: str, words: str) -> int:
    found = re.search(rf"{words}\D*?(\d+)", text)
    assert found, f"«{words}» not in: {text}"
    return int(found.group(1))


@pytest.mark.parametrize("query", STATES)
def test_every_view_counts_the_same_members(page, live_server, query):
    data = bundled()
    organisations = apply_filters(data, parse_state(dict(p.split("=") for p in query.split("&") if p), data)
                                  ).organisations
    members = counts.count(organisations)
    page.goto(f"{live_server}/?{query}")
    expect(page.locator(f"#{ids.GROWTH} .main-svg").first).to_be_visible(timeout=20_000)

    panel = page.locator(f"#{ids.GROWTH} .annotation-text", has_text="Названы в источниках").first
    shown = {
        "KPI": int(page.locator("#kpi-participants").inner_text()),
        "growth panel": number_after(panel.text_content(), "Названы в источниках[^:]*:"),
        "growth summary": number_after(page.locator(f"#{ids.summary(ids.GROWTH)}").inner_text(),
                                       "Названо участников к концу периода:"),
    }
    if members:  # an empty timeline says so instead of counting
        shown["timeline joinings"] = number_after(page.locator(f"#{ids.summary(ids.TIMELINE)}").inner_text(),
                                                  "вступления:")
    grid = show_grid(page, ids.MEMBERS_TABLE)
    if len(organisations):
        # the grid is created once it nears the screen
        expect(grid.locator(".ag-row").first).to_be_visible(timeout=20_000)
    # every row the grid holds, not only those it has drawn (rows grow to their text: a few fill the screen)
    statuses = page.evaluate(STATUSES_JS, ids.MEMBERS_TABLE) if len(organisations) else []
    shown["members table"] = sum(status in MEMBER_LABELS for status in statuses)
    assert shown == dict.fromkeys(shown, members)
