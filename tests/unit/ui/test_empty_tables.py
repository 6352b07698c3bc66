"""The tables when nothing matches the filters: the note above each grid and the grid's own no-rows text say so
and how to widen the view."""

from __future__ import annotations

import pytest

from dashboard.data.filters import parse_state
from dashboard.i18n import grid_locale, t
from dashboard.ui import ids
from dashboard.ui.sections import tables
from dashboard.ui.view import View
from tests import packages as pk


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_empty_table_says_nothing_matches_and_how_to_widen(lang):
    data = pk.bundled()
    view = View(data, parse_state({"sector": ["electrical"], "from": ["2014"], "to": ["2015"], "lang": [lang]}, data))
    notes = tables.values(view, ())
    for grid in ids.GRIDS:
        assert tables.rows(view, grid) == []
        assert notes[(ids.table_note(grid), "children")] == t("empty_chart", lang)
    whole = tables.values(View(data, parse_state({}, data)), ())
    assert all(whole[(ids.table_note(grid), "children")] == "" for grid in ids.GRIDS)  # the bundled tables fit


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_grid_without_rows_shows_the_same_words(lang):
    grid = tables.table_grid(ids.MEMBERS_TABLE, lang, [])
    locale = grid.dashGridOptions["localeText"]
    assert locale["noRowsToShow"] == t("empty_chart", lang)
    assert {key: text for key, text in locale.items() if key != "noRowsToShow"} == {
        key: text for key, text in grid_locale(lang).items() if key != "noRowsToShow"}
