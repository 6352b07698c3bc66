"""The keyboard in real Chromium: the browser keeps its scrolling keys, the "as of" shortcuts work only in the
as-of bar or in presentation mode, and "?" lists them."""

from __future__ import annotations

from playwright.sync_api import expect

from dashboard.i18n import t
from dashboard.ui import ids
from tests.browser.test_accessibility import AXE_JS, assert_no_blocking_violations, run_axe

LABEL = f"#{ids.ASOF_LABEL}"
DIALOG = f"#{ids.SHORTCUTS}"


def open_dashboard(page, url):
    page.goto(url)
    page.wait_for_selector("#timeline .main-svg")


def scrolled(page) -> int:
    return page.evaluate("window.scrollY")


def test_page_keys_scroll_the_page_and_leave_the_date_alone(page, live_server):
    open_dashboard(page, live_server)
    page.locator("h1").click()  # the focus on the page itself, in no control
    page.keyboard.press("PageDown")
    page.wait_for_function("() => window.scrollY > 0")
    page.keyboard.press("PageUp")
    page.wait_for_function("() => window.scrollY === 0")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    # One step back by the button lands one year back: the keys stepped nothing.
    page.click(f"#{ids.ASOF_PREV}")
    expect(page.locator(LABEL)).to_have_text("31.12.2025")
    page.log.assert_no_console_errors()


def test_arrows_step_the_date_with_the_focus_in_the_asof_bar(page, live_server):
    open_dashboard(page, live_server + "/?asof=2016-12-31")
    page.locator(f"#{ids.ASOF_PREV}").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(LABEL)).to_have_text("31.12.2017")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(LABEL)).to_have_text("31.12.2016")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(LABEL)).to_have_text("31.12.2015")
    top = scrolled(page)
    page.keyboard.press("PageDown")  # still the page's key, even here
    page.wait_for_function("top => window.scrollY > top", arg=top)
    page.click(f"#{ids.ASOF_NEXT}")
    expect(page.locator(LABEL)).to_have_text("31.12.2016")
    page.log.assert_no_console_errors()


def test_a_clicker_steps_the_date_anywhere_in_presentation_mode(page, live_server):
    open_dashboard(page, live_server + "/?asof=2016-12-31&present=1")
    page.locator("h1").click()
    page.keyboard.press("PageDown")
    expect(page.locator(LABEL)).to_have_text("31.12.2017")
    page.keyboard.press("PageUp")
    expect(page.locator(LABEL)).to_have_text("31.12.2016")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(LABEL)).to_have_text("31.12.2015")
    assert scrolled(page) == 0


def test_question_mark_lists_the_shortcuts_and_escape_closes_the_list(page, live_server):
    open_dashboard(page, live_server)
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_hidden()
    opener = page.locator(f"#{ids.ASOF_NEXT}")
    opener.focus()
    page.keyboard.press("?")

    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_name(t("shortcuts", "ru"))
    for key in ("←", "→", "PageUp", "PageDown", "Enter", "?", "Esc"):
        expect(dialog.locator("kbd", has_text=key).first).to_be_visible()
    expect(dialog).to_contain_text(t("shortcut_step", "ru"))
    assert page.evaluate("document.activeElement.closest('dialog') !== null")  # the focus is in the list
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")  # and stays there
    assert_no_blocking_violations(run_axe(page, live_server, AXE_JS))

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect(page.locator(LABEL)).to_have_text(t("asof_today", "ru"))
    page.log.assert_no_console_errors()


def test_the_shortcuts_button_opens_the_list_in_the_page_language(page, live_server):
    open_dashboard(page, live_server + "/?lang=en")
    button = page.locator(f"#{ids.SHORTCUTS_OPEN}")
    expect(button).to_have_accessible_name(t("shortcuts_open", "en"))
    button.click()
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(t("shortcut_page", "en"))
    dialog.get_by_role("button", name=t("shortcuts_close", "en")).click()
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()


def test_question_mark_typed_in_the_search_box_is_text(page, live_server):
    open_dashboard(page, live_server)
    search = page.locator(f"#{ids.FILTER_SEARCH}")
    search.click()
    page.keyboard.type("?")
    expect(search).to_have_value("?")
    expect(page.locator(DIALOG)).to_be_hidden()
