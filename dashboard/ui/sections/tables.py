"""The agreements, projects and members tables: sortable grids of the filtered rows, each with its sources.

A grid is created only when its section nears the screen: starting three grids was the largest part of a
page's first drawing, and a page read from the top may never need them (assets/lazy_grids.js sets the
grid's ``-near`` store, a callback here creates it with its rows). Dash skips a callback whose output is not
on the page, so a filter change sends rows only to the grids that exist, as ``rowData`` (the user's sorting
stays).

A printout cannot wait for a grid, and a grid prints only the rows it has drawn: each table's rows, every row the
grid receives, are also on the page as data (a store), which assets/print-tables.js lays out as a plain table just
before the page is printed. Drawn on the page, those tables were a seventh of its elements, laid out on every load
and filter change for a printout that seldom comes.
"""

from __future__ import annotations

from collections.abc import Collection

import dash
import dash_ag_grid as dag
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data import derive
from dashboard.data import tables as table_spec
from dashboard.data.tables import Kind
from dashboard.i18n import grid_locale, t
from dashboard.ui import components, ids
from dashboard.ui.view import (
    CONTEXT,
    FILTER_STATES,
    Output_,
    View,
    current_data,
    register_filter_callback,
    state_from_controls,
)

# Rows a table receives: the eye reads no more, and every row is in the downloads.
MAX_TABLE_ROWS = 150
SECTIONS = {ids.AGREEMENTS_TABLE: "agreements", ids.PROJECTS_TABLE: "projects", ids.MEMBERS_TABLE: "members"}
OUTPUTS: tuple[Output_, ...] = tuple((ids.table_note(grid), "children") for grid in ids.GRIDS)
# The tables for print follow the charts' answer (a printout comes later than a glance at the charts): a filter
# change's first answer neither waits for their rows nor carries them.
PRINT_OUTPUTS: tuple[Output_, ...] = tuple((ids.print_table(grid), "data") for grid in ids.GRIDS)
# Each grid's table (its columns are declared once, in dashboard/data/tables.py) and height in pixels.
GRIDS: dict[str, tuple[str, int]] = {
    ids.AGREEMENTS_TABLE: ("agreements", 330),
    ids.PROJECTS_TABLE: ("projects", 380),
    ids.MEMBERS_TABLE: ("organisations", 560),
}
ROWS = {ids.AGREEMENTS_TABLE: derive.agreement_rows, ids.PROJECTS_TABLE: derive.project_rows,
        ids.MEMBERS_TABLE: derive.member_rows}

# A click on a row of the members grid, reported like a profile button's (rowId is the organisation's id).
MEMBER_CLICKED_JS = """
function(cell) {
    return cell && cell.rowId ? {org: cell.rowId, at: Date.now()} : window.dash_clientside.no_update;
}
"""


def _column_def(column: table_spec.GridColumn) -> dict:
    """AG Grid's definition of a column of the spec."""
    definition = {"field": column.field, "headerName": column.header, "flex": column.width.share,
                  "minWidth": column.width.min_px}
    if column.kind is Kind.LINKS:
        definition.update(cellRenderer="SourceLinks", cellDataType=False, sortable=False, filter=False)
    if column.sort_field:
        definition["comparator"] = {"function": "(a, b, nodeA, nodeB) => "
                                    f"nodeA.data.{column.sort_field}.localeCompare(nodeB.data.{column.sort_field})"}
    return definition


def table_grid(grid_id: str, lang: str, rows: list[dict]) -> dag.AgGrid:
    """One of :data:`GRIDS` with its rows."""
    table, height = GRIDS[grid_id]
    row_id = table_spec.TABLES[table].row_id
    # Rows as tall as their text (autoHeight), headers whole (autoHeaderHeight): a cut line of a name or a
    # header left the reader guessing. Measuring rows costs a redraw time, which a table of at most
    # MAX_TABLE_ROWS rows affords.
    options = {"animateRows": False}
    # an empty grid says why and how to widen it, as the note above it does (AG Grid's own text says neither)
    options["localeText"] = {**grid_locale(lang), "noRowsToShow": t("empty_chart", lang)}
    return dag.AgGrid(
        id=grid_id, columnDefs=[_column_def(column) for column in table_spec.grid_columns(table, lang)], rowData=rows,
        # the filter stays in the column's menu; its icon took the room of a header's word
        defaultColDef={"sortable": True, "filter": True, "suppressHeaderFilterButton": True, "resizable": True,
                       "wrapText": True, "autoHeight": True, "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions=options, style={"height": f"{height}px"}, className="ag-theme-alpine",
        **({"getRowId": f"params.data.{row_id}"} if row_id else {}),
    )


def _grid_section(grid_id: str) -> html.Div:
    """A table's note and the place its grid is created in once the section nears the screen."""
    height = GRIDS[grid_id][1]
    opens_profile = {"data-rows-open-profile": ""} if grid_id == ids.MEMBERS_TABLE else {}
    return html.Div([
        html.P(id=ids.table_note(grid_id), className="small text-muted mb-1"),
        dcc.Store(id=ids.grid_near(grid_id)),
        html.Div(id=ids.grid_slot(grid_id), className="grid-slot", style={"minHeight": f"{height}px"},
                 **{"data-near-store": ids.grid_near(grid_id)}, **opens_profile),
        dcc.Store(id=ids.print_table(grid_id)),
        html.Div(className="print-only", **{"data-print-rows": ids.print_table(grid_id)}),
    ])


def layout(view: View, grid_id: str) -> html.Section:
    """The section of one table (the members' with a hint: a row opens the profile)."""
    name, lang = SECTIONS[grid_id], view.lang
    hint = [html.P(t("members_hint", lang), className="small text-muted")] if grid_id == ids.MEMBERS_TABLE else []
    return components.section(name, t(name, lang), *hint, _grid_section(grid_id))


def _note(total: int, lang: str) -> str:
    if not total:
        return t("empty_chart", lang)
    return t("table_shown", lang, shown=MAX_TABLE_ROWS, total=total) if total > MAX_TABLE_ROWS else ""


def print_table(grid_id: str, lang: str, rows: list[dict]) -> dict:
    """The rows of a grid as the plain table print shows: its header and its rows' cells as text, source links as
    their sites (as the grid shows them)."""
    columns = table_spec.grid_columns(GRIDS[grid_id][0], lang)

    def cell(column: table_spec.GridColumn, row: dict) -> str:
        value = row[column.field]
        return " · ".join(map(derive.source_domain, value)) if column.kind is Kind.LINKS else str(value)

    return {"header": [column.header for column in columns],
            "rows": [[cell(column, row) for column in columns] for row in rows]}


def values(view: View, unfolded: Collection[Output_]) -> dict:
    """How many rows each table has beyond those it shows."""
    filtered, lang = view.filtered, view.lang
    totals = {ids.AGREEMENTS_TABLE: len(filtered.agreements), ids.PROJECTS_TABLE: len(filtered.projects),
              ids.MEMBERS_TABLE: len(filtered.organisations)}
    return {(ids.table_note(grid), "children"): _note(total, lang) for grid, total in totals.items()}


def print_values(view: View, unfolded: Collection[Output_] = ()) -> dict:
    """The tables for print."""
    return {(ids.print_table(grid), "data"): print_table(grid, view.lang, rows(view, grid)) for grid in ids.GRIDS}


def rows(view: View, grid_id: str) -> list[dict]:
    """The rows a grid shows; an amount the sources do not state says so (an empty cell looks like a fault)."""
    table, lang = GRIDS[grid_id][0], view.lang
    shown = ROWS[grid_id](view.data, view.filtered, lang, MAX_TABLE_ROWS)
    amounts = [column.key for column in table_spec.TABLES[table].columns_for(exported=False)
               if column.kind is Kind.AMOUNT]
    unstated = t("amount_not_stated", lang)
    for row in shown:
        row.update({key: unstated for key in amounts if not row[key]})
    return shown


def register_callbacks(app: dash.Dash) -> None:
    for grid in ids.GRIDS:
        _register_grid(app, grid)
    register_filter_callback(app, PRINT_OUTPUTS, print_values, follow=True)
    # A callback with an input that is not on the page never fires: the members grid, created once its section
    # nears the screen, reports its clicks on its own.
    app.clientside_callback(MEMBER_CLICKED_JS, Output(ids.ORG_CLICKED, "data", allow_duplicate=True),
                            Input(ids.MEMBERS_TABLE, "cellClicked"), prevent_initial_call=True)


def _register_grid(app: dash.Dash, grid: str) -> None:
    # after the charts' answer, as the network's (sections.network)
    register_filter_callback(app, [(grid, "rowData")], lambda view, _unfolded: {(grid, "rowData"): rows(view, grid)},
                             follow=True)

    @app.callback(Output(ids.grid_slot(grid), "children"), inputs={"near": Input(ids.grid_near(grid), "data")},
                  state={"filters": FILTER_STATES, "context": CONTEXT}, prevent_initial_call=True)
    def create(near: object, filters: dict, context: dict) -> object:
        """The grid, with its rows for the filters the page shows, once its section nears the screen."""
        if near is not True:
            raise PreventUpdate
        data = current_data()
        view = View(data, state_from_controls(data, filters, context))
        return table_grid(grid, view.lang, rows(view, grid))
