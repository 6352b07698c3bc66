"""What every view shows for one filter state: the values of the filter-driven component properties.

The page layout uses :func:`render` for its first paint and the filter callback for every change, so the
two can never disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters, parse_state
from dashboard.data.package import ClusterData
from dashboard.data.vocab import TIMELINE_GROUP, sector_colours
from dashboard.exports import naming
from dashboard.i18n import LANGS, format_date, t
from dashboard.ui import components, figures, ids
from dashboard.ui.sections import comparison, network

# Rows a table receives: the eye reads no more, and every row is in the downloads.
MAX_TABLE_ROWS = 150
# Rows of a chart's data table (its text alternative).
MAX_DATA_ROWS = 60
# Items listed by name (undated timeline items), and organisations given a profile button under the map
# per town: every button is a Dash component, and many of them slow every redraw of the page.
MAX_LISTED = 40
MAX_BUTTONS = 12

# (component id, property) of the filter-driven outputs, in parts that separate callbacks compute side by
# side: the charts with their summaries and text alternatives (data tables and the lists beside them) and
# the tables' notes, the collaboration network, and each table's rows. The charts and their texts share what
# they are derived from; each answer the browser applies costs it a pass over the whole page, so they travel
# in one. A table's rows travel only once its grid exists (Dash skips a callback whose output is not on the
# page): grids are created when their sections near the screen (layout.table_grid, assets/lazy_grids.js).
CHART_OUTPUTS: tuple[tuple[str, str], ...] = (
    *((kpi, "children") for kpi in ids.KPIS),
    *((ids.caption(kpi), "children") for kpi in ids.KPIS),
    (ids.TIMELINE, "figure"),
    (ids.MAP, "figure"),
    (ids.GROWTH, "figure"),
    (ids.SECTORS, "figure"),
    *((ids.summary(chart), "children") for chart in ids.DESCRIBED_CHARTS),
    (ids.SELECTION, "children"),
    (ids.ASOF_LABEL, "children"),
    (ids.URL_QUERY, "data"),
    (ids.LANG_SWITCH, "href"),
    (ids.CHART_NAMES, "data"),
)
TEXT_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.TIMELINE_UNDATED, "children"),
    (ids.MAP_ELSEWHERE, "children"),
    *((ids.data_table(chart), "children") for chart in ids.DESCRIBED_CHARTS),
)
NOTE_OUTPUTS: tuple[tuple[str, str], ...] = tuple((ids.table_note(grid), "children") for grid in ids.GRIDS)
GRID_ROWS = {ids.AGREEMENTS_TABLE: derive.agreement_rows, ids.PROJECTS_TABLE: derive.project_rows,
             ids.MEMBERS_TABLE: derive.member_rows}
# Tables folded in a <details> (assets/details.js reports it open or closed) are drawn only while it is open:
# closed, they cost the page nothing, and a page holding thousands of table cells redraws slowly.
FOLDED: dict[tuple[str, str], str] = {
    **{(ids.data_table(chart), "children"): ids.details(ids.data_table(chart)) for chart in ids.DESCRIBED_CHARTS},
    (network.NETWORK_TABLE, "children"): ids.details(network.NETWORK_TABLE),
}
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "charts": CHART_OUTPUTS + TEXT_OUTPUTS + NOTE_OUTPUTS, "network": network.OUTPUTS,
    **{grid: ((grid, "rowData"),) for grid in ids.GRIDS}}
# What the page's first layout holds (its grids come later).
PAGE_PARTS = ("charts", "network")
OUTPUTS = tuple(output for outputs in PARTS.values() for output in outputs)


def _buttons(entries: list[tuple[str, str]], lang: str) -> list:
    """Profile buttons for the first organisations of a list; how many more there are, as text."""
    more = len(entries) - MAX_BUTTONS
    return [*components.org_buttons(entries[:MAX_BUTTONS]), *([t("and_more", lang, n=more)] if more > 0 else [])]


def _elsewhere(groups: dict, lang: str) -> list:
    blocks = []
    if groups["outside"]:
        items = [html.Li([html.Span(f"{town}: "), *_buttons(entries, lang)])
                 for town, entries in sorted(groups["outside"].items())]
        blocks += [html.H3(t("outside_region", lang), className="h6 mt-2"), html.Ul(items, className="mb-1")]
    if groups["unlocated"]:
        blocks += [html.H3(t("no_location", lang), className="h6 mt-2"),
                   html.Div(_buttons(groups["unlocated"], lang))]
    return blocks


def _table_note(total: int, lang: str) -> str:
    return t("table_shown", lang, shown=MAX_TABLE_ROWS, total=total) if total > MAX_TABLE_ROWS else ""


def _undated(items, lang: str) -> list:
    undated = np.flatnonzero(items["date"].isna().to_numpy())
    if not len(undated):
        return []
    listed = [f"{label}: {title}" for label, title in zip(items["date_label"].to_numpy()[undated[:MAX_LISTED]],
                                                          items["title"].to_numpy()[undated[:MAX_LISTED]], strict=True)]
    if len(undated) > MAX_LISTED:
        listed.append(t("and_more", lang, n=len(undated) - MAX_LISTED))
    return [html.H3(t("timeline_undated", lang), className="h6 mt-2"), components.text_list(listed)]


def data_table(header: list[str], rows: list[list[object]], lang: str, total: int | None = None,
               numeric: tuple[int, ...] = ()) -> dcc.Markdown:
    """The data behind a chart as a plain table: the text alternative screen readers and keyboards reach.

    ``total`` is the number of rows there are when ``rows`` holds only the first of them."""
    total = len(rows) if total is None else total
    note = t("table_shown", lang, shown=MAX_DATA_ROWS, total=total) if total > MAX_DATA_ROWS else ""
    return components.text_table(header, rows[:MAX_DATA_ROWS], numeric=numeric, note=note)


def _selection(data: ClusterData, state: FilterState) -> list:
    if not state.focus:
        return []
    return [html.Span(t("selection", state.lang), className="me-2"),
            *(html.Span(name, className="badge text-bg-warning me-1")
              for name in derive.names_of(data, state.focus, state.lang))]


def warm(data: ClusterData) -> None:
    """Compute what every view derives from the package alone (indexes, labels, search texts) before the first
    request needs it: under ``gunicorn --preload`` once, in the master, and the workers share it."""
    for lang in LANGS:
        state = parse_state({"lang": lang, "q": "-"}, data)
        render(data, state, unfolded=FOLDED)
        comparison.render(data, state, None, None)


def render(data: ClusterData, state: FilterState, parts: tuple[str, ...] = tuple(PARTS),
           unfolded: Collection[tuple[str, str]] = ()) -> dict:
    """The values of the outputs of ``parts`` for one filter state; of the :data:`FOLDED` tables, only those
    ``unfolded``."""
    filtered = apply_filters(data, state)
    colours = sector_colours(list(data.sectors["sector_id"]))
    values: dict[tuple[str, str], object] = {}
    derived = _Derived(data, state, filtered)
    if "charts" in parts:
        values.update(_charts(derived, colours))
        values.update(_texts(derived, unfolded))
        values.update(_table_notes(filtered, state.lang))
    for grid, rows in GRID_ROWS.items():
        if grid in parts:
            values[(grid, "rowData")] = rows(data, filtered, state.lang, MAX_TABLE_ROWS)
    if "network" in parts:
        values.update(network.render(data, filtered, state.lang, colours,
                                     table=(network.NETWORK_TABLE, "children") in unfolded))
    return values


def _table_notes(filtered: FilteredData, lang: str) -> dict:
    return {
        (ids.table_note(ids.AGREEMENTS_TABLE), "children"): _table_note(len(filtered.agreements), lang),
        (ids.table_note(ids.PROJECTS_TABLE), "children"): _table_note(len(filtered.projects), lang),
        (ids.table_note(ids.MEMBERS_TABLE), "children"): _table_note(len(filtered.organisations), lang),
    }


class _Derived:
    """What the charts of one filter state and their text alternatives are drawn from, each computed on first
    use and then shared by both."""

    def __init__(self, data: ClusterData, state: FilterState, filtered: FilteredData):
        self.data, self.state, self.filtered, self.lang = data, state, filtered, state.lang

    @functools.cached_property
    def sector_labels(self) -> dict[str, str]:
        return derive.table_labels(self.data, "sectors", "sector_id", self.lang)

    @functools.cached_property
    def timeline(self) -> pd.DataFrame:
        return derive.timeline_items(self.data, self.filtered, self.state)

    @functools.cached_property
    def points(self) -> pd.DataFrame:
        return derive.map_points(self.data, self.filtered, self.lang)

    @functools.cached_property
    def elsewhere(self) -> dict:
        return derive.organisations_elsewhere(self.data, self.filtered, self.lang)

    @functools.cached_property
    def series(self) -> pd.DataFrame:
        return derive.growth_series(self.data, self.filtered, self.state)

    @functools.cached_property
    def reported(self) -> pd.DataFrame:
        return derive.reported_counts(self.data, self.filtered, self.lang)

    @functools.cached_property
    def sectors(self) -> pd.DataFrame:
        return derive.sector_counts(self.data, self.filtered, self.lang)


def _charts(derived: _Derived, colours: dict[str, str]) -> dict:
    data, state, lang, present = derived.data, derived.state, derived.lang, derived.state.present
    values: dict[tuple[str, str], object] = {}
    for kpi, (value, caption) in derive.kpis(data, derived.filtered, lang).items():
        values[(kpi, "children")] = value
        values[(ids.caption(kpi), "children")] = caption
    values.update({
        (ids.TIMELINE, "figure"): figures.timeline_figure(derived.timeline, lang, present),
        (ids.MAP, "figure"): figures.map_figure(
            derived.points, data.boundary, derived.sector_labels, colours, lang,
            inset=derive.map_inset(data),
            districts=data.districts,
            present=present),
        (ids.GROWTH, "figure"): figures.growth_figure(derived.series, derived.reported, derived.sector_labels,
                                                      colours, lang, present),
        (ids.SECTORS, "figure"): figures.sectors_figure(derived.sectors, colours, lang, present,
                                                        derived.sector_labels.values()),
        (ids.summary(ids.TIMELINE), "children"): derive.timeline_summary(derived.timeline, lang),
        (ids.summary(ids.MAP), "children"): derive.map_summary(data, derived.filtered, derived.points, lang),
        (ids.summary(ids.GROWTH), "children"): derive.growth_summary(derived.series, derived.reported, lang),
        (ids.summary(ids.SECTORS), "children"): derive.sectors_summary(derived.sectors, lang),
        (ids.SELECTION, "children"): _selection(data, state),
        (ids.ASOF_LABEL, "children"): format_date(state.asof, "day", lang) if state.asof else t("asof_today", lang),
        (ids.URL_QUERY, "data"): state.to_query(),
        (ids.LANG_SWITCH, "href"): state.with_lang("en" if lang == "ru" else "ru").to_query() or "?",
    })
    values[(ids.CHART_NAMES, "data")] = {
        chart: naming.export_filename(data, state, chart, "png").removesuffix(".png")
        for chart in ids.EXPORTABLE_CHARTS}
    return values


def _texts(derived: _Derived, unfolded: Collection[tuple[str, str]]) -> dict:
    """What the charts show, as text: the organisations listed beside them and their unfolded data tables."""
    lang = derived.lang
    tables: dict[str, Callable[[_Derived], dcc.Markdown]] = {
        ids.TIMELINE: _timeline_table, ids.MAP: _map_table, ids.GROWTH: _growth_table, ids.SECTORS: _sectors_table}
    return {
        (ids.TIMELINE_UNDATED, "children"): _undated(derived.timeline, lang),
        (ids.MAP_ELSEWHERE, "children"): _elsewhere(derived.elsewhere, lang),
        **{(ids.data_table(chart), "children"): table(derived) for chart, table in tables.items()
           if (ids.data_table(chart), "children") in unfolded},
    }


def _timeline_table(derived: _Derived) -> dcc.Markdown:
    lang = derived.lang
    dated = derived.timeline[derived.timeline["date"].notna()]
    return data_table([t("col_date", lang), t("col_group", lang), t("col_title", lang)],
                      [[r.date_label, TIMELINE_GROUP[r.group].label(lang), r.title]
                       for r in dated.head(MAX_DATA_ROWS).itertuples()], lang, total=len(dated))


def _map_table(derived: _Derived) -> dcc.Markdown:
    lang = derived.lang
    header = [t("col_settlement", lang), t("col_sector", lang), t("col_count", lang), t("col_names", lang)]
    return data_table(header, [[r.settlement, r.sector_label, r.count, ", ".join(r.names)]
                               for r in derived.points.itertuples()], lang, numeric=(2,))


def _sectors_table(derived: _Derived) -> dcc.Markdown:
    lang = derived.lang
    return data_table([t("col_sector", lang), t("col_count", lang)],
                      [[r.label, r.count] for r in derived.sectors.itertuples()], lang, numeric=(1,))


def _growth_table(derived: _Derived) -> dcc.Markdown:
    lang, series = derived.lang, derived.series
    final = series.groupby("sector")["count"].last() if len(series) else {}
    return data_table([t("col_sector", lang), t("col_count", lang)],
                      [[derived.sector_labels[s], n] for s, n in dict(final).items()]
                      + [[f"{t('growth_reported', lang)} ({r.date_label})", r.label]
                         for r in derived.reported.itertuples()], lang, numeric=(1,))
