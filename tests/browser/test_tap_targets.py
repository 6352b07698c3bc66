"""Tap targets of at least 24 × 24 px or spaced as far apart (WCAG 2.5.8), as axe-core's target-size rule checks
them: Lighthouse runs that rule, axe leaves it off by default."""

from __future__ import annotations

from tests.browser.test_accessibility import AXE_JS, open_page, run_axe


def test_every_control_is_a_large_enough_target(page, live_server):
    open_page(page, live_server)
    run_axe(page, live_server, AXE_JS)  # brings axe-core into the page
    result = page.evaluate("() => axe.run(document, {runOnly: ['target-size']})")
    assert [node["target"] for violation in result["violations"] for node in violation["nodes"]] == []
