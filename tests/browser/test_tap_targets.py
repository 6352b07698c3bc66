"""Tap targets of at least 24 × 24 px or spaced as far apart (WCAG 2.5.8), as axe-core's target-size rule checks
them (Lighthouse runs that rule, axe leaves it off by default), and text contrast, on a desktop and on a phone
as Lighthouse's mobile run emulates one (412 px wide): the page folds its filters there, under a toggle of its
own."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import AXE_JS, open_page, run_axe


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 412, "height": 823}],
                         ids=["desktop", "phone"])
def test_every_control_is_a_large_enough_target_with_enough_contrast(page, live_server, viewport):
    page.set_viewport_size(viewport)
    open_page(page, live_server)
    run_axe(page, live_server, AXE_JS)  # brings axe-core into the page
    result = page.evaluate("() => axe.run(document, {runOnly: ['target-size', 'color-contrast']})")
    assert [(violation["id"], node["target"]) for violation in result["violations"]
            for node in violation["nodes"]] == []
