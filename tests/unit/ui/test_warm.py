"""``page.warm``, run once in gunicorn's master before it forks the workers, leaves no per-package catalogue for a
request to compute: each worker would compute its own (its memory grows) and a visitor would wait for it."""

from __future__ import annotations

import pytest

from dashboard.data.comparison import comparison_for
from dashboard.data.package import load_package
from dashboard.ui import page
from dashboard.ui.sections import network
from dashboard.ui.view import View, state_from_query
from tests.packages import BUNDLED


@pytest.fixture(scope="module")
def warmed():
    data = load_package(BUNDLED)  # a package of its own: the shared one has been used by other tests
    page.warm(data)
    return data


@pytest.mark.parametrize("query", ["?lang=ru", "?lang=en&present=1", "?lang=ru&q=%D0%B0", "?lang=en&status=member",
                                   "?lang=ru&from=2016&to=2019"])
def test_a_request_after_warm_computes_no_catalogue(warmed, query):
    computed = set(warmed.cache)
    view = View(warmed, state_from_query(warmed, query))
    page.render(view, unfolded={*page.FOLDED, *network.FOLDED})
    comparison_for(warmed, view.state, "2016-01-01", None)
    assert set(warmed.cache) == computed
