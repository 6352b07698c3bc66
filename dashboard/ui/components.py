"""Small components more than one view uses."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dash import dcc, html

from dashboard.i18n import t
from dashboard.ui import ids
from dashboard.ui.figures.base import graph_config

# Every ASCII punctuation mark. Written as a numeric character reference it is only ever text: dcc.Markdown's
# parser honours backslash escapes for a few marks only.
# Rows of a chart's data table (its text alternative).
MAX_DATA_ROWS = 60

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def literal(value: object) -> str:
    """Data as Markdown that reads exactly as the text: no markup, link or HTML can come out of it."""
    return _PUNCTUATION.sub(lambda mark: f"&#{ord(mark.group())};", " ".join(str(value).split()))


# Text tables and lists are one Markdown component each, not one Dash component per cell: dash-renderer
# redraws a page in time proportional to (components it rebuilds) x (components on the page).
def text_table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (),
               note: str = "", **props: object) -> dcc.Markdown:
    """A table (GitHub-flavoured Markdown) with ``numeric`` columns right-aligned and a ``note`` below it."""
    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(literal(cell) for cell in cells) + " |"

    rule = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|"
    text = "\n".join([line(header), rule, *(line(row) for row in rows)])
    return dcc.Markdown(text + (f"\n\n{literal(note)}" if note else ""), className="text-table small", **props)


def text_list(items: Sequence[object], **props: object) -> html.Div:
    """A bulleted list of plain text items. dcc.Markdown draws it once its script has arrived, after the page's
    first paint: until then its lines stand in its place as plain text, as tall as the list (assets/style.css), so
    that nothing below it moves when it appears."""
    return html.Div([
        dcc.Markdown("\n".join(f"- {literal(item)}" for item in items), className="text-list", **props),
        html.Div("\n".join(" ".join(str(item).split()) for item in items), className="text-list-standin"),
    ])


def org_buttons(entries: list[tuple[str, str]]) -> list:
    """One link-styled button per (org id, label) that opens the organisation's profile."""
    return [html.Button(label, id=ids.org_link(org_id), className="btn btn-link btn-sm org-link p-0 me-2")
            for org_id, label in entries]


def export_buttons(chart_id: str, lang: str) -> html.Div:
    """PNG (presentation resolution) and SVG downloads of a chart, named after the cluster, chart and filters."""
    return html.Div([
        html.Button(fmt.upper(), id=ids.chart_export(chart_id, fmt), className="btn btn-outline-secondary btn-sm",
                    title=t(f"download_{fmt}", lang),
                    # the toolbar's camera clicks the PNG button (assets/toolbar_camera.js)
                    **{"aria-label": f"{t(f'download_{fmt}', lang)}", f"data-{fmt}-for": chart_id})
        for fmt in ("png", "svg")
    ], className="chart-export btn-group btn-group-sm mb-1", role="group")


def data_table(header: list[str], rows: list[list[object]], lang: str, total: int | None = None,
               numeric: tuple[int, ...] = ()) -> dcc.Markdown:
    """The data behind a chart as a plain table: the text alternative screen readers and keyboards reach.

    ``total`` is the number of rows there are when ``rows`` holds only the first of them."""
    total = len(rows) if total is None else total
    note = t("table_shown", lang, shown=MAX_DATA_ROWS, total=total) if total > MAX_DATA_ROWS else ""
    return text_table(header, rows[:MAX_DATA_ROWS], numeric=numeric, note=note)


def chart(graph_id: str, section_name: str, lang: str) -> html.Div:
    """A chart with its text alternative: a summary it is described by, and its data as a table folded in a
    <details> (drawn only while open). The toolbar saves its picture as «klaster-<chart>» («cluster-<chart>»)."""
    filename = f"{'klaster' if lang == 'ru' else 'cluster'}-{graph_id}"
    return html.Div([
        export_buttons(graph_id, lang),
        html.Div(dcc.Graph(id=graph_id, config=graph_config(lang, filename)),
                 role="figure", **{"aria-labelledby": ids.section_title(section_name),
                                   "aria-describedby": ids.summary(graph_id)}),
        html.P(id=ids.summary(graph_id), className="chart-summary small"),
        html.Details([html.Summary(t("data_table", lang)), html.Div(id=ids.data_table(graph_id))],
                     id=ids.details(ids.data_table(graph_id)), className="chart-data small"),
    ])


def section(name: str, title: str, *children: object) -> html.Section:
    """A view of the page: its heading (which names its chart) and its content."""
    return html.Section([html.H2(title, className="h4", id=ids.section_title(name)), *children],
                        id=ids.section(name), className="view mb-4")
