"""Page layout and components. Filter-driven properties get their first values from :func:`views.render`."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.data import derive
from dashboard.data.filters import FilterState, allowed_values
from dashboard.data.package import ClusterData
from dashboard.data.vocab import CONFIDENCE, LOCATION_PRECISION, ROLE, STATUS
from dashboard.exports import tables
from dashboard.i18n import format_date, pick, t
from dashboard.ui import components, figures, ids, views
from dashboard.ui.sections import comparison, network

WIDE_COLUMNS = ("title", "name", "parties", "participants")
PROFILE_TITLE = "profile-title"
AG_GRID_RU = {
    "page": "Стр.", "to": "—", "of": "из", "next": "Следующая", "last": "Последняя", "first": "Первая",
    "previous": "Предыдущая", "noRowsToShow": "Нет строк", "filterOoo": "Фильтр…", "contains": "Содержит",
    "notContains": "Не содержит", "equals": "Равно", "notEqual": "Не равно", "startsWith": "Начинается с",
    "endsWith": "Заканчивается на", "blank": "Пусто", "notBlank": "Не пусто", "andCondition": "И",
    "orCondition": "ИЛИ", "searchOoo": "Поиск…", "loadingOoo": "Загрузка…", "pageSizeSelectorLabel": "Строк:",
}


def _graph(graph_id: str, lang: str, filename: str) -> html.Div:
    """A chart with its text alternative: a summary it is described by, and its data as a table."""
    return html.Div([
        components.export_buttons(graph_id, lang),
        html.Div(dcc.Graph(id=graph_id, config=figures.graph_config(lang, filename)),
                 role="figure", **{"aria-labelledby": section_title(graph_id),
                                   "aria-describedby": ids.summary(graph_id)}),
        html.P(id=ids.summary(graph_id), className="chart-summary small"),
        html.Details([html.Summary(t("data_table", lang)), html.Div(id=ids.data_table(graph_id))],
                     id=ids.details(ids.data_table(graph_id)), className="chart-data small"),
    ])


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts of a drop-down's menu in the page's language (Dash shows English ones otherwise)."""
    keys = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
            "no_options_found")
    return {key: t(f"dropdown_{key}", lang) for key in keys}


def _options(codes: list[str], labels: dict[str, str]) -> list[dict]:
    return [{"label": labels.get(code, code), "value": code} for code in codes]


def _filter_panel(data: ClusterData, state: FilterState) -> dbc.Card:
    lang = state.lang
    allowed = allowed_values(data)
    labels = {
        "sector": derive.table_labels(data, "sectors", "sector_id", lang),
        "status": {k: v.label(lang) for k, v in STATUS.items()},
        "role": {k: v.label(lang) for k, v in ROLE.items()},
        "settlement": derive.table_labels(data, "settlements", "settlement_id", lang),
    }
    dropdown_ids = {"sector": ids.FILTER_SECTOR, "status": ids.FILTER_STATUS, "role": ids.FILTER_ROLE,
                    "settlement": ids.FILTER_SETTLEMENT}

    def dropdown(key: str) -> html.Div:
        return html.Div([
            dbc.Label(t(f"filter_{key}", lang), html_for=dropdown_ids[key]),
            dcc.Dropdown(id=dropdown_ids[key], options=_options(allowed[key], labels[key]),
                         value=list(getattr(state, key)), multi=True, placeholder=t("all", lang),
                         searchable=True, labels=dropdown_labels(lang)),
        ], className="mb-3")

    low, high = state.bounds
    return dbc.Card(dbc.CardBody([
        html.H2(t("filters", lang), className="h5"),
        html.Div([
            dbc.Label(t("filter_search", lang), html_for=ids.FILTER_SEARCH),
            dbc.Input(id=ids.FILTER_SEARCH, type="search", value=state.search, debounce=400,
                      placeholder=t("filter_search_placeholder", lang), maxLength=100),
        ], className="mb-3"),
        *(dropdown(key) for key in ("sector", "status", "role", "settlement")),
        html.Div([
            dbc.Label(t("filter_date", lang), html_for=ids.FILTER_DATE),
            dcc.RangeSlider(id=ids.FILTER_DATE, min=low, max=high, step=1,
                            value=[state.year_from, state.year_to], allowCross=False,
                            marks={y: str(y) for y in range(low, high + 1) if (y - low) % 3 == 0 or y == high},
                            tooltip={"placement": "bottom", "always_visible": False}),
            # Names of the two handles after the label (assets/a11y.js); Dash names them "Minimum"/"Maximum".
            html.Span(t("range_start", lang), id=f"{ids.FILTER_DATE}-thumb-1-label", hidden=True),
            html.Span(t("range_end", lang), id=f"{ids.FILTER_DATE}-thumb-2-label", hidden=True),
        ], className="mb-3"),
        html.Div(id=ids.SELECTION, className="small mb-2"),
        html.Div([
            html.Button(t("clear_selection", lang), id=ids.CLEAR_SELECTION,
                        className="btn btn-outline-secondary btn-sm"),
            html.A(t("reset", lang), id=ids.FILTER_RESET, href=f"?lang={lang}" if lang != "ru" else "?",
                   className="btn btn-outline-secondary btn-sm"),
        ], className="d-flex flex-wrap gap-2"),
    ]), className="filters sticky-lg-top")


def _asof_bar(data: ClusterData, state: FilterState) -> html.Div:
    """Step the whole dashboard through the cluster's history: buttons, slider, play, or the arrow keys."""
    lang = state.lang
    steps = derive.asof_steps(data, "year", state.asof)
    position = steps.index(state.asof) if state.asof else len(steps) - 1
    return html.Div([
        html.Div([
            html.Span(t("asof", lang), className="me-2", **{"data-label-for": ids.ASOF}),
            html.Strong(id=ids.ASOF_LABEL, className="me-3 asof-label", **{"data-valuetext-for": ids.ASOF}),
            html.Button("◀", id=ids.ASOF_PREV, className="btn btn-outline-primary btn-sm me-1",
                        title=t("asof_prev", lang), **{"aria-label": t("asof_prev", lang)}),
            html.Button("▶", id=ids.ASOF_NEXT, className="btn btn-outline-primary btn-sm me-2",
                        title=t("asof_next", lang), **{"aria-label": t("asof_next", lang)}),
            html.Button(t("asof_play", lang), id=ids.ASOF_PLAY, className="btn btn-primary btn-sm me-3"),
            # Bootstrap's radios: native inputs with labels (Dash 4's RadioItems nests them in role=option).
            html.Div(dbc.RadioItems(id=ids.ASOF_MODE, value="year", inline=True, className="asof-mode small",
                                    options=[{"label": t("asof_by_year", lang), "value": "year"},
                                             {"label": t("asof_by_event", lang), "value": "event"}]),
                     role="radiogroup", **{"aria-label": t("asof_mode", lang)}),
        ], className="d-flex flex-wrap align-items-center"),
        dcc.Slider(id=ids.ASOF, min=0, max=len(steps) - 1, step=1, value=position, marks=asof_marks(steps),
                   updatemode="mouseup", className="asof-slider", allow_direct_input=False),
        html.Small(t("asof_hint", lang), className="text-muted asof-hint"),
        dcc.Store(id=ids.ASOF_STEPS, data=[d.isoformat() for d in steps]),
        dcc.Interval(id=ids.ASOF_TIMER, interval=1500, disabled=True),
        dcc.Store(id=ids.ASOF_PLAY_LABELS, data=[t("asof_play", lang), t("asof_pause", lang)]),
    ], className="view asof-bar")


def asof_marks(steps: list) -> dict[int, str]:
    """Year labels under the as-of slider, thinned out so they never collide."""
    every = max(1, len(steps) // 8)
    return {i: str(step.year) for i, step in enumerate(steps) if i % every == 0 or i == len(steps) - 1}


def _downloads(lang: str) -> dbc.Card:
    """The current view's data and a presentation of it, for Excel and PowerPoint."""
    return dbc.Card(dbc.CardBody([
        html.H2(t("downloads", lang), className="h5"),
        html.Div([
            html.Button(t("download_xlsx", lang), id=ids.DOWNLOAD_XLSX, className="btn btn-outline-primary btn-sm"),
            dbc.DropdownMenu([dbc.DropdownMenuItem(tables.table_title(table, lang), id=ids.download_csv(table))
                              for table in tables.TABLES], label=t("download_csv", lang), size="sm",
                             color="outline-primary", className="d-inline-block"),
            html.Button(t("download_pptx", lang), id=ids.DOWNLOAD_PPTX, className="btn btn-outline-primary btn-sm"),
        ], className="d-flex flex-wrap gap-2"),
        dcc.Loading(dcc.Download(id=ids.DOWNLOAD), type="dot"),
    ]), className="mt-3 downloads")


def _kpi(kpi_id: str, lang: str) -> dbc.Col:
    return dbc.Col(dbc.Card(dbc.CardBody([
        html.Div(t(kpi_id.replace("-", "_"), lang), className="kpi-label"),
        html.Div(id=kpi_id, className="kpi-value"),
        html.Div(id=ids.caption(kpi_id), className="kpi-caption"),
    ]), className="kpi h-100"), xs=6, md=4, xl=True, className="mb-3")


def section_title(section_id: str) -> str:
    """Id of a section's heading (a chart in the section is named by it)."""
    return f"section-{section_id}-title"


def _section(title: str, *children: object, section_id: str) -> html.Section:
    return html.Section([html.H2(title, className="h4", id=section_title(section_id)), *children],
                        id=f"section-{section_id}", className="view mb-4")


# Each table's columns (field, label key), height in pixels and further AgGrid properties.
GRIDS: dict[str, tuple[list[tuple[str, str]], int, dict]] = {
    ids.AGREEMENTS_TABLE: ([
        ("date", "col_date"), ("title", "col_title"), ("kind", "col_kind"), ("parties", "col_parties"),
        ("amount", "col_amount"), ("scope", "col_scope"), ("confidence", "col_confidence"),
        ("sources", "col_sources")], 330, {}),
    ids.PROJECTS_TABLE: ([
        ("date", "col_period"), ("title", "col_title"), ("participants", "col_participants"),
        ("amount", "col_amount"), ("status", "col_status"), ("scope", "col_scope"),
        ("confidence", "col_confidence"), ("sources", "col_sources")], 380, {}),
    ids.MEMBERS_TABLE: ([
        ("name", "col_name"), ("short", "col_short"), ("sector", "col_sector"), ("role", "col_role"),
        ("status", "col_status"), ("settlement", "col_settlement"), ("joined", "col_joined"),
        ("confidence", "col_confidence"), ("sources", "col_sources")], 560, {"getRowId": "params.data.org_id"}),
}


def table_grid(grid_id: str, lang: str, rows: list[dict]) -> dag.AgGrid:
    """One of :data:`GRIDS` with its rows."""
    columns, height, extra = GRIDS[grid_id]
    column_defs = []
    for field, label_key in columns:
        column = {"field": field, "headerName": t(label_key, lang), "tooltipField": field}
        if field in WIDE_COLUMNS:
            column.update(flex=3, minWidth=240)
        if field == "sources":
            column.update(cellRenderer="SourceLinks", cellDataType=False, sortable=False, filter=False,
                          tooltipField=None, minWidth=160)
        if field == "date" or field == "joined":
            sort_field = f"{field}_sort" if field == "joined" else "date_sort"
            column["comparator"] = {"function": f"(a, b, nodeA, nodeB) => "
                                                f"nodeA.data.{sort_field}.localeCompare(nodeB.data.{sort_field})"}
        column_defs.append(column)
    # Rows of two wrapped lines at a fixed height: measuring every row's height (autoHeight) is most of a
    # table's redraw. The tooltip and the downloads give the whole text.
    options = {"tooltipShowDelay": 300, "animateRows": False, "rowHeight": 48}
    if lang == "ru":
        options["localeText"] = AG_GRID_RU
    return dag.AgGrid(
        id=grid_id, columnDefs=column_defs, rowData=rows,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "wrapText": True,
                       "flex": 1, "minWidth": 120, "cellStyle": {"lineHeight": "1.4", "overflow": "hidden"}},
        dashGridOptions=options, style={"height": f"{height}px"}, className="ag-theme-alpine", **extra,
    )


def _grid_section(grid_id: str) -> html.Div:
    """A table's note and the place its grid is created in once the section nears the screen: the grids'
    start-up is the largest part of a page's first drawing, and a page read from the top may never need them
    (assets/lazy_grids.js)."""
    height = GRIDS[grid_id][1]
    return html.Div([
        html.P(id=ids.table_note(grid_id), className="small text-muted mb-1"),
        dcc.Store(id=ids.grid_near(grid_id)),
        html.Div(id=ids.grid_slot(grid_id), className="grid-slot", style={"minHeight": f"{height}px"},
                 **{"data-near-store": ids.grid_near(grid_id)}),
    ])


def _header(data: ClusterData, lang: str, present: bool) -> html.Header:
    meta = data.meta
    coverage = derive.coverage_text(data, lang)
    banner = [dbc.Alert(t("synthetic_banner", lang), color="danger", id="synthetic-banner",
                        className="synthetic-banner mb-0 text-center fw-bold")] if meta.synthetic else []
    return html.Header([
        *banner,
        dbc.Container([
            html.Div([
                html.H1(meta.name_ru if lang == "ru" else meta.name_en, className="h3 mb-1"),
                html.Div([
                    html.Span(f"{t('data_as_of', lang)} {format_date(pd.Timestamp(meta.data_as_of), 'day', lang)}",
                              id="data-as-of", className="me-3"),
                    html.Span(coverage, id="coverage"),
                ], className="small"),
            ]),
            html.Div([
                html.Button(t("present_off" if present else "present_on", lang), id=ids.PRESENT_TOGGLE,
                            className="btn btn-warning btn-sm"),
                html.A(t("lang_switch", lang), id=ids.LANG_SWITCH, className="btn btn-light btn-sm lang-switch",
                       lang="en" if lang == "ru" else "ru"),
            ], className="d-flex gap-2 flex-shrink-0"),
        ], fluid=True, className="d-flex justify-content-between align-items-start gap-3 py-3"),
    ], className="app-header")


def page(data: ClusterData, state: FilterState) -> html.Div:
    """The whole dashboard for one language and filter state."""
    lang = state.lang
    filename = "klaster" if lang == "ru" else "cluster"
    body = html.Div([
        _header(data, lang, state.present),
        dcc.Store(id=ids.LANG, data=lang),
        dcc.Store(id=ids.URL_QUERY),
        dcc.Store(id=ids.FOCUS, data=list(state.focus)),
        dcc.Store(id=ids.CHART_NAMES),
        dcc.Store(id=ids.ORG_CLICKED),
        html.Div(id=ids.CHART_EXPORT_DONE, hidden=True),
        html.Div(id=ids.URL_SYNC, hidden=True),
        html.Main(dbc.Container(dbc.Row([
            dbc.Col([_filter_panel(data, state), _downloads(lang)], lg=3, className="mb-3 filters-col"),
            dbc.Col([
                _asof_bar(data, state),
                dbc.Row([_kpi(kpi, lang) for kpi in ids.KPIS], className="g-3 mt-1"),
                _section(t("timeline", lang), _graph(ids.TIMELINE, lang, f"{filename}-timeline"),
                         html.P(t("timeline_legend", lang), className="small text-muted"),
                         html.Div(id=ids.TIMELINE_UNDATED, className="small"), section_id="timeline"),
                _section(t("map", lang), _graph(ids.MAP, lang, f"{filename}-map"),
                         html.P(t("map_note", lang), className="small text-muted"),
                         html.Div(id=ids.MAP_ELSEWHERE, className="small"), section_id="map"),
                _section(t("growth", lang), _graph(ids.GROWTH, lang, f"{filename}-growth"),
                         html.P(t("growth_note", lang), className="small text-muted"), section_id="growth"),
                _section(t("sectors", lang), _graph(ids.SECTORS, lang, f"{filename}-sectors"),
                         html.P(t("sectors_hint", lang), className="small text-muted"), section_id="sectors"),
                network.section(lang),
                comparison.section(data, state),
                _section(t("agreements", lang), _grid_section(ids.AGREEMENTS_TABLE), section_id="agreements"),
                _section(t("projects", lang), _grid_section(ids.PROJECTS_TABLE), section_id="projects"),
                _section(t("members", lang), html.P(t("members_hint", lang), className="small text-muted"),
                         _grid_section(ids.MEMBERS_TABLE), section_id="members"),
            ], lg=9, className="main-col"),
        ]), fluid=True)),
        html.Footer(dbc.Container(t("footer", lang), fluid=True, className="small text-muted py-3")),
        dbc.Offcanvas(id=ids.PROFILE, title=html.Span(t("profile", lang), id=PROFILE_TITLE),
                      labelledby=f"{PROFILE_TITLE} profile-name", is_open=False, placement="end",
                      className="profile", children=html.Div(id=ids.PROFILE_BODY)),
    ], lang=lang, className="dashboard present" if state.present else "dashboard")
    _fill(body, views.render(data, state, parts=views.PAGE_PARTS))
    return body


def _fill(root: object, values: dict[tuple[str, str], object]) -> None:
    """Set the rendered values on the components of a freshly built layout."""
    by_id = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(getattr(node, "id", None), str):
            by_id[node.id] = node
        children = getattr(node, "children", None)
        # Components define __len__ (their number of children), so test for None, not truthiness.
        stack.extend(children if isinstance(children, list | tuple) else [] if children is None else [children])
    for (component_id, prop), value in values.items():
        setattr(by_id[component_id], prop, value)


def _links(source_urls: str) -> list:
    return [html.Li(html.A(url, href=url, target="_blank", rel="noopener noreferrer"))
            for url in derive.source_list(source_urls)]


def _linked(data: ClusterData, org_id: str, lang: str) -> list:
    """The profile's lists of agreements, projects and events naming the organisation."""
    tables = (
        ("agreements", data.agreements, data.agreement_parties, "agreement_id", "signed"),
        ("projects", data.projects, data.project_participants, "project_id", "started"),
        ("events", data.events, data.event_organisations, "event_id", "date"),
    )
    blocks = []
    for title_key, frame, links, key, date_field in tables:
        linked = frame[frame[key].isin(links.loc[links["org_id"] == org_id, key])].sort_values(date_field)
        items = [html.Li([f"{format_date(row[date_field], row[f'{date_field}_precision'], lang)} — "
                          f"{pick(row, 'title', lang)} ",
                          *(html.A("↗", href=url, target="_blank", rel="noopener noreferrer", title=url)
                            for url in derive.source_list(row["source_urls"]))])
                 for row in linked.to_dict("records")]
        blocks += [html.H3(t(title_key, lang), className="h6 mt-3"),
                   html.Ul(items) if items else html.P(t("none", lang), className="text-muted")]
    return blocks


def profile(data: ClusterData, org_ids: list[str], lang: str) -> list:
    """Profile of one organisation, or a chooser when a map marker stands for several."""
    if len(org_ids) > 1:
        names = derive.names_of(data, org_ids, lang)
        return [html.P(t("profile_choose", lang)),
                html.Ul([html.Li(components.org_buttons([entry])) for entry in zip(org_ids, names, strict=True)])]
    org = data.organisations.set_index("org_id").loc[org_ids[0]]
    row = {"org_id": org_ids[0], **org.to_dict()}
    settlements = derive.table_labels(data, "settlements", "settlement_id", lang)
    sectors = derive.table_labels(data, "sectors", "sector_id", lang)
    former = data.organisation_names[data.organisation_names["org_id"] == org_ids[0]]
    facts = [
        (t("col_sector", lang), sectors[row["sector"]]),
        (t("col_role", lang), ROLE[row["role"]].label(lang)),
        (t("col_status", lang), STATUS[row["status"]].label(lang)),
        (t("location", lang), f"{settlements.get(row['settlement_id'], '—')} "
                              f"({LOCATION_PRECISION[row['location_precision']].label(lang)})"),
        (t("col_joined", lang), format_date(row["joined"], row["joined_precision"], lang)),
        (t("col_confidence", lang), CONFIDENCE[row["confidence"]].label(lang)),
    ]
    former_items = [html.Li(f"{pick(f, 'former_name', lang)} ({t('until', lang)} "
                            f"{format_date(f['renamed'], f['renamed_precision'], lang)})")
                    for f in former.to_dict("records")]
    notes = pick(row, "notes", lang)
    return [
        html.H3(pick(row, "name", lang), className="h5", id="profile-name"),
        html.Dl([part for label, value in facts for part in (html.Dt(label), html.Dd(value))],
                className="profile-facts"),
        *([html.H3(t("former_names", lang), className="h6"), html.Ul(former_items)] if former_items else []),
        *([html.H3(t("notes", lang), className="h6"), html.P(notes)] if notes else []),
        html.H3(t("sources", lang), className="h6"), html.Ul(_links(row["source_urls"]), className="sources"),
        *_linked(data, org_ids[0], lang),
    ]


def app_shell(content: object = None, search: str | None = None) -> html.Div:
    """The address bar and the page. ``search`` is the query string ("?…" or "") the page ``content`` was
    drawn for; without it the address bar reports the address once mounted and the router callback draws
    the page."""
    location = dcc.Location(id=ids.URL) if search is None else dcc.Location(id=ids.URL, search=search)
    return html.Div([location, html.Div(content, id=ids.PAGE)])

