"""Text tables and lists (one Markdown component each) show hostile data as exactly that text, in Chromium."""

from __future__ import annotations

import dash
from dash import html

from dashboard.ui import components

PUNCTUATION = "".join(chr(code) for code in range(0x21, 0x7F) if not chr(code).isalnum())
TEXTS = ["[click](javascript:alert(1))", "<img src=x onerror=alert(1)>", "**bold** _it_ ~~gone~~", "a | b",
         "`code` # title", "https://example.org/x_y www.example.org", "78,3 млн: «PRO» — 1\\2", PUNCTUATION]


def test_text_tables_and_lists_show_hostile_data_as_literal_text(serve_app, page):
    app = dash.Dash(__name__, assets_ignore=".*")
    app.layout = html.Div([components.text_table(["Название"], [[text] for text in TEXTS], id="table"),
                           components.text_list(TEXTS, id="list")])
    url = serve_app(app)
    page.goto(url + "/")
    page.wait_for_selector("#table td")

    assert page.locator("#table td").all_inner_texts() == TEXTS
    assert page.locator("#list li").all_inner_texts() == TEXTS
    assert page.locator("#table th").all_inner_texts() == ["Название"]
    # no link, image, emphasis, code or strike-through was made of the data
    assert page.locator("#table a, #list a, img, strong, em, code, del, h1").count() == 0
    page.log.assert_no_external_requests(url)
    page.log.assert_no_console_errors()
