"""The hardened app in real Chromium: the dashboard still works under the Content-Security-Policy (a blocked
script, style or eval shows up as a console error and as a ``securitypolicyviolation`` event), and the admin
page opens with Basic authentication.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.security import generate_password_hash

from dashboard.web.admin import ENV_CREDENTIALS, register_admin
from dashboard.web.app import create_app
from dashboard.web.security import register_security
from tests.browser import MAP_MARKERS, show_grid
from tests.packages import copy_package

USER, PASSWORD = "admin", "browser-test-password"
# Records every CSP violation, including ones that do not reach the console.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


@pytest.fixture(scope="module")
def secured_server(serve_app, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("secured")
    pkg = copy_package(folder)
    credentials = folder / "credentials"
    credentials.write_text(f"{USER}:{generate_password_hash(PASSWORD, method='pbkdf2:sha256:1000')}\n",
                           encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(ENV_CREDENTIALS, str(credentials))
        app = create_app(Path(pkg))
        register_admin(app.server, app.server.config["CLUSTER_PACKAGE"])  # no-ops if create_app did them
        register_security(app)
    return serve_app(app)


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def test_dashboard_renders_every_view_under_the_policy(page, secured_server):
    page.add_init_script(WATCH_CSP)
    response = page.goto(secured_server)
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page.wait_for_selector("#timeline .scatterlayer .point")
    page.wait_for_selector(MAP_MARKERS)
    expect(page.locator("#growth .scatterlayer .trace")).not_to_have_count(0)
    expect(page.locator("#kpi-participants")).not_to_be_empty()
    for grid in ("agreements-table", "projects-table", "members-table"):
        expect(show_grid(page, grid).locator(".ag-row").first).to_be_visible()

    # A filter change: a callback request from the real renderer passes the request validation.
    participants = page.locator("#kpi-participants").inner_text()
    page.click("#filter-sector")
    page.get_by_role("option", name="Авиастроение", exact=True).click()
    page.keyboard.press("Escape")
    expect(page.locator("#kpi-participants")).not_to_have_text(participants)

    # Sorting by the join date runs the grid's {"function": ...} comparator; opening a profile uses getRowId.
    members = show_grid(page, "members-table")
    members.locator(".ag-header-cell[col-id=joined] .ag-header-cell-label").click()
    expect(members.locator(".ag-header-cell[col-id=joined]")).to_have_attribute("aria-sort", "ascending")
    members.locator(".ag-row .ag-cell[col-id=name]").first.click()
    expect(page.locator("#profile #profile-name")).to_be_visible()
    page.keyboard.press("Escape")

    # The language switch rebuilds the page through the router callback.
    page.click("#lang-switch")
    expect(page.locator("label[for=filter-sector]")).to_have_text("Sector")
    page.wait_for_selector(MAP_MARKERS)

    assert csp_violations(page) == []
    page.log.assert_no_external_requests(secured_server)
    page.log.assert_no_console_errors()

    # Control: the policy is enforced and a blocked eval or inline script does show up, so the clean run
    # above means that nothing (plotly.js, AG Grid's function strings) needed 'unsafe-eval' or inline code.
    page.evaluate("""() => {
        setTimeout('window.__evaluated = 1', 0);
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.appendChild(s);
    }""")
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    assert page.evaluate("() => [window.__evaluated, window.__inline]") == [None, None]
    assert any("unsafe-eval" in error for error in page.log.console_errors)


def test_admin_page_opens_with_basic_authentication(browser, secured_server):
    anonymous = browser.new_context()
    try:
        response = anonymous.request.get(secured_server + "/admin")
        assert response.status == 401
        assert response.headers["www-authenticate"].startswith("Basic")
    finally:
        anonymous.close()

    context = browser.new_context(http_credentials={"username": USER, "password": PASSWORD})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.add_init_script(WATCH_CSP)
        response = page.goto(secured_server + "/admin")
        assert response.status == 200
        expect(page.locator("h1")).to_have_text("Администрирование дашборда")
        expect(page.locator("#upload input[type=file]")).to_be_visible()
        expect(page.locator("#upload button[type=submit]")).to_be_visible()
        expect(page.locator("#upload")).to_contain_text("10 МБ")
        expect(page.locator("#audit")).to_contain_text("Публикаций ещё не было")
        # Bootstrap (served by the app itself) is applied: the navbar is coloured.
        colour = page.evaluate("() => getComputedStyle(document.querySelector('nav.navbar')).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        assert csp_violations(page) == []

        # The form posts its CSRF token: the browser's upload is checked (the real importer finds no table in it).
        page.set_input_files("#file", files=[{"name": "реестр.csv", "mimeType": "text/csv", "buffer": b"x,y\n1,2\n"}])
        page.click("#upload button[type=submit]")
        expect(page.locator("h1")).to_have_text("Проверка файла")
        expect(page.locator("#check-summary")).to_contain_text("реестр.csv")
        expect(page.locator("#report")).to_contain_text("ошибка")
        assert csp_violations(page) == []
        assert errors == []
    finally:
        context.close()
