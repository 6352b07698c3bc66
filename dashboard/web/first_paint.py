"""The page's header in the page's HTML itself: the cluster's name, the data date and the coverage show with the
first paint, where Dash shows "Loading..." until its scripts, the layout and React have drawn the page (a second on
a desktop, several on a phone).

It is a picture of the header the page draws (sections/header.py's own layout, written out as HTML, its links
as plain text): inert, hidden from assistive technology, laid over the top of the page (assets/style.css,
.first-paint) so that nothing moves when it goes, and gone as the page draws its own header (assets/first_paint.js).
"""

from __future__ import annotations

from html import escape

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.ui.sections import header
from dashboard.ui.view import View

# The props the picture keeps, as HTML attributes: no ids (the page's own elements bear them), nothing only scripts use
ATTRIBUTES = {"className": "class", "lang": "lang", "title": "title"}


def _html(node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, list | tuple):
        return "".join(map(_html, node))
    if not isinstance(node, Component):
        return escape(str(node))
    if isinstance(node, html.Dialog):
        return ""  # closed until asked for
    props = {name: getattr(node, prop) for prop, name in ATTRIBUTES.items() if getattr(node, prop, None)}
    if isinstance(node, dbc.Container):
        tag, props["class"] = "div", f"container{'-fluid' if node.fluid else ''} {props.get('class', '')}"
    elif isinstance(node, dbc.Alert):
        tag, props["class"] = "div", f"alert alert-{node.color} {props.get('class', '')}"
    elif isinstance(node, dcc.Link):
        tag = "span"  # a link to nowhere yet (its address is the page's to fill in)
    elif isinstance(node, html.Button | html.Header | html.Div | html.H1 | html.Span):
        tag = type(node).__name__.lower()
    else:
        raise TypeError(f"no picture of a {type(node).__name__}")
    attributes = "".join(f' {name}="{escape(str(value).strip())}"' for name, value in props.items())
    return f"<{tag}{attributes}>{_html(node.children)}</{tag}>"


def first_paint(view: View) -> str:
    """The header of ``view``'s page as HTML, inside a copy of the page's own wrapper (its language, its look in
    presentation mode)."""
    wrapper = "dashboard present" if view.state.present else "dashboard"
    return (f'<div class="first-paint" aria-hidden="true" inert><div class="{wrapper}" lang="{view.lang}">'
            f"{_html(header.layout(view))}</div></div>")
