"""The router's answers kept by address (``page.sent_page``): each package's own, and only the last few."""

from __future__ import annotations

import orjson
import pytest

from dashboard.data.package import load_package
from dashboard.ui import page
from tests.packages import BUNDLED


@pytest.fixture
def drawn(monkeypatch):
    """The addresses drawn anew, in order."""
    addresses = []
    draw = page.page
    monkeypatch.setattr(page, "page", lambda view, filled=True: addresses.append(view.state.to_query())
                        or draw(view, filled))
    return addresses


def test_a_published_package_draws_its_pages_anew(drawn):
    before, after = load_package(BUNDLED), load_package(BUNDLED)  # a publish: the same files, a new package
    sent = orjson.loads(orjson.dumps(page.sent_page(before, "?lang=en")))  # the JSON a fragment holds
    # the same view again, its parameters in another order
    assert page.sent_page(before, "?lang=en&status=member") is page.sent_page(before, "?status=member&lang=en")
    page.sent_page(after, "?lang=en")
    assert drawn == ["?lang=en", "?lang=en&status=member", "?lang=en"]
    assert sent["props"]["lang"] == "en"


def test_only_the_last_addresses_are_kept(drawn, monkeypatch):
    monkeypatch.setattr(page, "PAGES_KEPT", 2)
    data = load_package(BUNDLED)
    for search in ("?lang=en", "?present=1", "?lang=en", "?sector=aircraft", "?lang=en", "?present=1"):
        page.sent_page(data, search)
    # "?lang=en", asked for again before each new address, stays; "?present=1" does not
    assert drawn == ["?lang=en", "?present=1", "?sector=aircraft", "?present=1"]
