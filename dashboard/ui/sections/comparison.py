"""Period comparison: what changed in the cluster between two dates chosen by the user.

Between date A and date B (A ≤ B; swapped when given the other way round) it lists who joined or left,
the agreements signed, the projects started or finished and the events, and compares the named
participants per sector at A and at B. Everything obeys the sector, status, role, settlement and search
filters exactly as the other views do; the year range of the filter panel is not used, because the two
dates set the period here.

Dates kept to month or year precision are stored as the first day of their period. An item counts as
having happened by a date when that stored day is not after the date; undated items are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters, parse_state
from dashboard.data.live import LivePackage
from dashboard.data.memo import cached
from dashboard.data.package import ClusterData
from dashboard.data.vocab import PARTICIPANT_STATUSES, TIMELINE_GROUP, sector_colours
from dashboard.i18n import format_date, format_dates, format_number, plural_ru
from dashboard.i18n import t as i18n_t
from dashboard.ui import components, events, ids
from dashboard.ui.figures import Figure, base_layout, count_ticks, figure, graph_config, label_margin, wrap_label

# Element ids of the view (the lead may move them to dashboard/ids.py).
COMPARE_A = "compare-a"
COMPARE_B = "compare-b"
COMPARE_FIGURE = "compare-figure"
COMPARE_RESULTS = "compare-results"
COMPARE_SUMMARY = "compare-summary"
SECTION_ID = "section-compare"

# Who can join or leave: the statuses the timeline shows as joinings.
JOINING_STATUSES = derive.JOINING_STATUSES
# Milliseconds without typing before a date is sent (typing a year fires on every digit otherwise).
DATE_DEBOUNCE_MS = 600
MINUS = "\u2212"

# Texts of this view, Russian first, in the convention of i18n.TEXT.
TEXT: dict[str, tuple[str, str]] = {
    "compare": ("Сравнение двух дат", "Compare two dates"),
    "date_a": ("Дата А", "Date A"),
    "date_b": ("Дата Б", "Date B"),
    "joined": ("Вступили", "Joined"),
    "left": ("Вышли", "Left"),
    "agreements": ("Подписаны соглашения", "Agreements signed"),
    "projects_started": ("Начаты проекты", "Projects started"),
    "projects_finished": ("Завершены проекты", "Projects finished"),
    "events": ("События", "Events"),
    "nothing": ("ничего", "nothing"),
    "note": (
        "Показано то, что произошло после даты А и не позже даты Б; фильтры отрасли, статуса, роли, "
        "населённого пункта и поиска действуют, период из панели фильтров — нет. Даты, известные с точностью "
        "до месяца или года, хранятся как первый день периода: запись считается состоявшейся к дате, если "
        "этот день не позже неё (например, «03.2016» — к 01.03.2016). «Вступили» и «Вышли» — участники "
        "кластера и межрегионального авиакластера, как на хронологии; записи без даты не учитываются. "
        "Столбцы — названные в источниках учредители и участники по отраслям на каждую из двух дат.",
        "Shown: what happened after date A and no later than date B; the sector, status, role, settlement "
        "and search filters apply, the period of the filter panel does not. Dates known only to the month or "
        "year are stored as the first day of that period: an item counts as happened by a date when that day "
        "is not after it (e.g. \"Mar 2016\" counts from 1 Mar 2016). \"Joined\" and \"Left\" cover members of "
        "the cluster and of the interregional aviation cluster, as on the timeline; undated items are not "
        "counted. Bars: founders and members named in sources, by sector, on each of the two dates.",
    ),
    "bar_name": ("{which}: {date}", "{which}: {date}"),
    "sector_table": ("Названные участники по отраслям", "Named participants by sector"),
    "col_change": ("Изменение", "Change"),
    "total": ("Всего", "Total"),
    "no_participants": (
        "Под фильтры не подходит ни один названный участник.", "No named participant matches the filters.",
    ),
    "participants_summary": (
        "Названных участников: {at_a} на {a} и {at_b} на {b}.",
        "Named participants: {at_a} on {a} and {at_b} on {b}.",
    ),
}

# Category -> (Russian verb forms, noun forms) for the summary sentence: (one, few, many).
RU_SUMMARY: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "joined": (("вступила", "вступили", "вступили"), ("организация", "организации", "организаций")),
    "left": (("вышла", "вышли", "вышли"), ("организация", "организации", "организаций")),
    "agreements": (("подписано", "подписано", "подписано"), ("соглашение", "соглашения", "соглашений")),
    "projects_started": (("начат", "начато", "начато"), ("проект", "проекта", "проектов")),
    "projects_finished": (("завершён", "завершено", "завершено"), ("проект", "проекта", "проектов")),
    "events": (("произошло", "произошло", "произошло"), ("событие", "события", "событий")),
}
# Category -> (singular, plural, verb) for the English summary.
EN_SUMMARY: dict[str, tuple[str, str, str]] = {
    "joined": ("organisation", "organisations", "joined"),
    "left": ("organisation", "organisations", "left"),
    "agreements": ("agreement", "agreements", "signed"),
    "projects_started": ("project", "projects", "started"),
    "projects_finished": ("project", "projects", "finished"),
    "events": ("event", "events", ""),
}
# Items listed by name per category; the heading counts them all.
MAX_LISTED = 40
CATEGORIES = ("joined", "left", "agreements", "projects_started", "projects_finished", "events")
SECTOR_COLUMNS = ["sector", "label", "at_a", "at_b", "change"]


def t(key: str, lang: str, **kwargs: object) -> str:
    """A text of this view (falls back to the shared i18n table for keys it does not hold)."""
    if key not in TEXT:
        return i18n_t(key, lang, **kwargs)
    ru, en = TEXT[key]
    text = ru if lang == "ru" else en
    return text.format(**kwargs) if kwargs else text


class Item(NamedTuple):
    """One thing that happened in the interval: its id, stored date, date as shown, and name."""

    key: str
    date: pd.Timestamp
    date_label: str
    name: str


@dataclass(frozen=True)
class Comparison:
    """What changed between ``date_a`` and ``date_b`` (``date_a`` ≤ ``date_b``): per category, how many items
    and the first :data:`MAX_LISTED` of them by date (a whole registry can have a hundred thousand)."""

    date_a: dt.date
    date_b: dt.date
    listed: dict[str, list[Item]]
    totals: dict[str, int]
    sector_counts: pd.DataFrame  # columns SECTOR_COLUMNS, one row per sector with a participant at A or B

    def items(self, category: str) -> list[Item]:
        return self.listed[category]

    def counts(self) -> dict[str, int]:
        return {category: self.totals[category] for category in CATEGORIES}


def _between(dates: pd.Series, after: pd.Timestamp, until: pd.Timestamp) -> pd.Series:
    """Dated and after ``after`` and not after ``until``: the interval (A, B]. NaT compares False."""
    return (dates > after) & (dates <= until)


# The category of the items each table gives the timeline: the comparison lists them from its catalogue.
TIMELINE_CATEGORIES = {"agreements": "agreements", "organisations": "joined", "projects": "projects_started",
                       "events": "events"}
# Categories the timeline does not show: their table and the date that places them in (A, B].
OWN_DATES = {"left": ("organisations", "left"), "projects_finished": ("projects", "finished")}


def _catalogue(data: ClusterData, lang: str) -> pd.DataFrame:
    """Every dated item a comparison can list, named and dated in ``lang`` once per package, in date then name
    order; ``row`` is its row as :func:`derive.package_rows`, so a comparison only picks rows. Most are the
    timeline's items, whose texts it shares; events about other clusters of the region say so, as their
    timeline row does."""
    timeline = derive.timeline_catalogue(data)
    timeline = timeline[timeline["date"].notna()]
    names = timeline[f"title_{lang}"]
    context = TIMELINE_GROUP["context"].label(lang).lower()
    parts = [pd.DataFrame({
        "category": pd.Series(derive.row_tables(data, timeline["key"].to_numpy())).map(TIMELINE_CATEGORIES),
        "row": timeline["key"].to_numpy(), "date": timeline["date"].to_numpy(),
        "date_label": timeline[f"date_label_{lang}"].to_numpy(),
        "name": names.where(timeline["group"] != "context", names + f" ({context})").to_numpy()})]
    for category, (table, date_field) in OWN_DATES.items():
        frame = data.tables[table]
        if table == "organisations":
            frame = frame[frame["status"].isin(JOINING_STATUSES)]
        frame = frame[frame[date_field].notna()]
        names = derive.joining_titles(frame, lang) if table == "organisations" else derive.localized(
            frame, "title", lang)
        parts.append(pd.DataFrame({
            "category": category, "row": derive.package_rows(data, table, frame.index),
            "date": frame[date_field].to_numpy(),
            "date_label": format_dates(frame[date_field], frame[f"{date_field}_precision"], lang).to_numpy(),
            "name": names.to_numpy()}))
    return pd.concat(parts, ignore_index=True).sort_values(["date", "name"], kind="stable")


def participants_at(orgs: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Named participants (founders, members) linked by ``day`` and not left by then."""
    named = orgs[orgs["status"].isin(PARTICIPANT_STATUSES)]
    return named[(named["joined"] <= day) & ~(named["left"] <= day)]


def sector_counts(data: ClusterData, orgs: pd.DataFrame, day_a: pd.Timestamp, day_b: pd.Timestamp,
                  lang: str) -> pd.DataFrame:
    """Named participants per sector at A and at B, in the package's sector order; empty sectors left out."""
    at_a = participants_at(orgs, day_a)["sector"].value_counts()
    at_b = participants_at(orgs, day_b)["sector"].value_counts()
    labels = derive.table_labels(data, "sectors", "sector_id", lang)
    rows = [(sector, labels[sector], int(at_a.get(sector, 0)), int(at_b.get(sector, 0)))
            for sector in data.sectors["sector_id"] if at_a.get(sector, 0) or at_b.get(sector, 0)]
    frame = pd.DataFrame(rows, columns=SECTOR_COLUMNS[:-1]).astype({"at_a": int, "at_b": int})
    frame["change"] = frame["at_b"] - frame["at_a"]
    return frame[SECTOR_COLUMNS]


def compare(data: ClusterData, filtered: FilteredData, date_a: dt.date, date_b: dt.date, lang: str) -> Comparison:
    """What happened in (A, B] within ``filtered`` (the filters applied over the whole period)."""
    if date_a > date_b:
        date_a, date_b = date_b, date_a
    day_a, day_b = pd.Timestamp(date_a), pd.Timestamp(date_b)
    catalogue = cached(data, f"comparison:{lang}", lambda: _catalogue(data, lang))
    picked = catalogue[derive.shown_rows(data, filtered)[catalogue["row"]] & _between(catalogue["date"], day_a, day_b)]
    rows = picked.groupby("category", sort=False).indices
    listed = {}
    for category in CATEGORIES:
        first = picked.iloc[rows.get(category, [])[:MAX_LISTED]]
        listed[category] = [Item(*values) for values in zip(
            derive.row_ids(data, first["row"].to_numpy()), first["date"], first["date_label"].to_numpy(dtype=object),
            first["name"].to_numpy(dtype=object), strict=True)]
    return Comparison(date_a=date_a, date_b=date_b, listed=listed,
                      totals={category: len(rows.get(category, [])) for category in CATEGORIES},
                      sector_counts=sector_counts(data, filtered.organisations, day_a, day_b, lang))


def _day_label(day: dt.date, lang: str) -> str:
    return format_date(pd.Timestamp(day), "day", lang)


def _signed(change: int, lang: str) -> str:
    if change > 0:
        return f"+{format_number(change, lang)}"
    if change < 0:
        return f"{MINUS}{format_number(-change, lang)}"
    return "0"


def comparison_figure(comparison: Comparison, sector_colours: dict[str, str], lang: str,
                      axis_labels: Iterable[str] = ()) -> Figure:
    """Named participants per sector as grouped horizontal bars: pale at date A, solid at date B; labels as
    wide as ``axis_labels`` (every sector's) need (see figures.sectors_figure)."""
    counts = comparison.sector_counts
    colours = [sector_colours.get(sector, "#6c757d") for sector in counts["sector"]]
    traces = []
    for which, column, day, opacity in (("date_a", "at_a", comparison.date_a, 0.45),
                                        ("date_b", "at_b", comparison.date_b, 1.0)):
        name = t("bar_name", lang, which=t(which, lang), date=_day_label(day, lang))
        traces.append({
            "type": "bar", "x": list(counts[column]), "y": [wrap_label(label) for label in counts["label"]],
            "orientation": "h", "name": name,
            # Opacity, not a hatch pattern: plotly.js cannot derive a pattern's colours from per-bar colours.
            "marker": {"color": colours, "opacity": opacity, "line": {"width": 1, "color": colours}},
            "text": list(counts[column]), "textposition": "outside", "cliponaxis": False,
            "hovertemplate": f"<b>%{{y}}</b><br>{name}: %{{x}}<extra></extra>",
        })
    top = max([*counts["at_a"], *counts["at_b"], 1])
    layout = base_layout(
        # as high as all the package's sectors need, whatever the filters show (see figures.sectors_figure)
        lang, height=150 + 56 * max(len(sector_colours), 1), barmode="group", bargap=0.25, bargroupgap=0.05,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"r": 30, "t": 40, "b": 10, **label_margin([*axis_labels, *counts["label"]], present=False)},
        xaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(top), "range": [0, top * 1.15 + 0.5],
               "rangemode": "tozero", "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
    )
    if counts.empty:
        layout["annotations"] = [{"text": t("no_participants", lang), "showarrow": False, "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5}]
        layout["yaxis"]["visible"] = False
    return figure(traces, layout)


def summary(comparison: Comparison, lang: str) -> str:
    """One sentence for screen readers: the interval, the count in each category, the named participants."""
    a, b = _day_label(comparison.date_a, lang), _day_label(comparison.date_b, lang)
    parts = []
    for category, count in comparison.counts().items():
        if lang == "ru":
            verbs, nouns = RU_SUMMARY[category]
            parts.append(f"{plural_ru(count, verbs)} {format_number(count, lang)} {plural_ru(count, nouns)}")
        else:
            one, many, verb = EN_SUMMARY[category]
            parts.append(" ".join(filter(None, (format_number(count, lang), one if count == 1 else many, verb))))
    opening = f"С {a} по {b} " if lang == "ru" else f"From {a} to {b}: "
    counts = comparison.sector_counts
    participants = t("participants_summary", lang, a=a, b=b, at_a=format_number(int(counts["at_a"].sum()), lang),
                     at_b=format_number(int(counts["at_b"].sum()), lang))
    return f"{opening}{', '.join(parts)}. {participants}"


def _category(comparison: Comparison, category: str, lang: str) -> html.Div:
    items, total = comparison.items(category), comparison.counts()[category]
    listed = [f"{item.date_label} — {item.name}" for item in items]
    if total > len(items):
        listed.append(i18n_t("and_more", lang, n=total - len(items)))
    body = components.text_list(listed) if items else html.P(t("nothing", lang), className="text-muted mb-2")
    return html.Div([html.H3(f"{t(category, lang)} ({format_number(total, lang)})", className="h6 mb-1",
                             id=f"compare-{category.replace('_', '-')}-title"), body],
                    id=f"compare-{category.replace('_', '-')}", className="compare-category")


def _sector_table(comparison: Comparison, lang: str) -> list:
    counts = comparison.sector_counts
    if counts.empty:
        return []
    a, b = _day_label(comparison.date_a, lang), _day_label(comparison.date_b, lang)
    header = [i18n_t("col_sector", lang), f"{t('date_a', lang)} ({a})", f"{t('date_b', lang)} ({b})",
              t("col_change", lang)]
    rows = [[row["label"], format_number(row["at_a"], lang), format_number(row["at_b"], lang),
             _signed(row["change"], lang)] for row in counts.to_dict("records")]
    at_a, at_b = int(counts["at_a"].sum()), int(counts["at_b"].sum())
    total = [t("total", lang), format_number(at_a, lang), format_number(at_b, lang), _signed(at_b - at_a, lang)]
    return [html.H3(t("sector_table", lang), className="h6 mt-3"),
            components.text_table(header, [*rows, total], numeric=(1, 2, 3), id="compare-sector-table")]


def results(comparison: Comparison, lang: str) -> list:
    """The children of the results area: the summary sentence, one list per category, the sector table."""
    return [
        html.P(summary(comparison, lang), id=COMPARE_SUMMARY, className="small", **{"aria-live": "polite"}),
        dbc.Row([dbc.Col(_category(comparison, category, lang), md=6, xl=4) for category in CATEGORIES],
                className="g-3"),
        *_sector_table(comparison, lang),
    ]


def comparison_state(data: ClusterData, params: dict[str, object]) -> FilterState:
    """The filter state the comparison obeys: the organisation filters and language of untrusted ``params``
    (keys as in the URL), over the whole period, whatever else the page's state holds."""
    keys = ("sector", "status", "role", "settlement", "q", "lang")
    return parse_state({key: params.get(key) for key in keys}, data)


def parse_dates(value_a: object, value_b: object, data: ClusterData) -> tuple[dt.date, dt.date]:
    """Dates from the two inputs (untrusted): ISO dates clamped to [launch, data as of]; anything else gives
    the default (launch for A, data as of for B)."""
    low, high = data.meta.launch_date, data.meta.data_as_of

    def one(value: object, default: dt.date) -> dt.date:
        if not isinstance(value, str) or len(value) > 32:
            return default
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return default
        return min(max(day, low), high)

    return one(value_a, low), one(value_b, high)


def render(data: ClusterData, state: FilterState, value_a: object, value_b: object) -> tuple[Figure, list]:
    """Figure and results for one filter state and the two (untrusted) input values."""
    state = comparison_state(data, {"sector": list(state.sector), "status": list(state.status),
                                    "role": list(state.role), "settlement": list(state.settlement),
                                    "q": state.search, "lang": state.lang})
    date_a, date_b = parse_dates(value_a, value_b, data)
    comparison = compare(data, apply_filters(data, state), date_a, date_b, state.lang)
    colours = sector_colours(list(data.sectors["sector_id"]))
    labels = derive.table_labels(data, "sectors", "sector_id", state.lang).values()
    return comparison_figure(comparison, colours, state.lang, labels), results(comparison, state.lang)


def section(data: ClusterData, state: FilterState) -> html.Section:
    """The comparison view, first painted with the default dates (launch, data as of) and ``state``'s filters."""
    lang = state.lang
    low, high = data.meta.launch_date.isoformat(), data.meta.data_as_of.isoformat()
    figure, children = render(data, state, low, high)
    filename = "klaster-sravnenie" if lang == "ru" else "cluster-comparison"
    config = graph_config(lang, filename)

    def date_input(input_id: str, label_key: str, value: str) -> dbc.Col:
        return dbc.Col([
            dbc.Label(t(label_key, lang), html_for=input_id),
            dbc.Input(id=input_id, type="date", min=low, max=high, value=value, required=True,
                      debounce=DATE_DEBOUNCE_MS),
        ], xs=6, md=4, xl=3)

    return html.Section([
        html.H2(t("compare", lang), className="h4", id=f"{SECTION_ID}-title"),
        dbc.Row([date_input(COMPARE_A, "date_a", low), date_input(COMPARE_B, "date_b", high)],
                className="g-3 mb-2"),
        html.P(t("note", lang), className="small text-muted"),
        components.export_buttons(COMPARE_FIGURE, lang),
        # a figure named by the heading and described by the summary sentence in the results
        html.Div(dcc.Graph(id=COMPARE_FIGURE, figure=figure, config=config), role="figure",
                 **{"aria-labelledby": f"{SECTION_ID}-title", "aria-describedby": COMPARE_SUMMARY}),
        html.Div(children, id=COMPARE_RESULTS, className="compare-results"),
    ], id=SECTION_ID, className="view mb-4")


def register_callbacks(app: dash.Dash, package: LivePackage) -> None:
    @app.callback(
        Output(COMPARE_FIGURE, "figure"),
        Output(COMPARE_RESULTS, "children"),
        Input(COMPARE_A, "value"),
        Input(COMPARE_B, "value"),
        Input(ids.FILTER_SECTOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_ROLE, "value"),
        Input(ids.FILTER_SETTLEMENT, "value"),
        Input(ids.FILTER_SEARCH, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )
    def update_comparison(value_a, value_b, sector, status, role, settlement, search, lang) -> tuple:
        if events.new_layout():
            raise PreventUpdate  # the page was just rendered with these very values
        data = package.current()
        state = comparison_state(data, {"sector": sector, "status": status, "role": role,
                                        "settlement": settlement, "q": search, "lang": lang})
        return render(data, state, value_a, value_b)
