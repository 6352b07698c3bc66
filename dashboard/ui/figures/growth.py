"""Membership growth in two panels on one time axis: above, the participant counts that sources report for the
whole cluster, each a point labelled with its date, source and wording; below, the organisations named in
sources, stacked by sector. Different measures from different sources: never joined by a line, never stacked
together, each panel on its own scale."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd

from dashboard.data.derive import named_total
from dashboard.i18n import format_number, t
from dashboard.ui.figures.base import (
    DATE_TICKS,
    LINE_EM,
    NARROW_LEGEND_LINE,
    Figure,
    base_layout,
    count_ticks,
    figure,
    hover_source,
    iso_dates,
    narrow_traces,
    no_data,
    point_data,
    wrap_label,
)

# The panels' shares of the plot's height, from the bottom: the named organisations, then the reported counts
# (the gap between them holds the upper panel's title).
NAMED_DOMAIN = (0.0, 0.42)
REPORTED_DOMAIN = (0.56, 1.0)
# A reported count's wording wraps onto lines of about this many characters beside its point.
WORDING_LINE = {False: 42, True: 48}
NARROW_LINE = 30  # a panel title's line on a phone's chart (360 px wide)
PRESENT_LEGEND_LINE = 48  # a legend entry's line on a projector: two entries stand side by side
# Where a filter note stands out from the grey of the panel titles.
NOTE_COLOUR = "#8a4b00"
TITLE_COLOUR = "#212529"
YEAR = np.timedelta64(365, "D")


def _panel_title(text: str, top: float, present: bool, line: int | None = None) -> dict:
    """A panel's title above its top edge; on lines of about ``line`` characters if given (a phone's chart)."""
    if line:
        text = "<br>".join(part for piece in text.split("<br>") for part in textwrap.wrap(piece, line) or [piece])
    return {"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": top, "xanchor": "left", "yanchor": "bottom",
            "align": "left", "showarrow": False, "yshift": 4,
            "font": {"size": 24 if present else 14, "color": TITLE_COLOUR}}


def _reported_labels(reported: pd.DataFrame, span: tuple[np.datetime64, np.datetime64], present: bool,
                     narrow: bool = False) -> list[dict]:
    """Each reported count's date, source and wording beside its point, towards the middle of the chart (so that
    a point near either end keeps its label inside the plot). On a phone's chart (``narrow``) the count, date and
    source only, the count with them on the inner side, where it has room: the wording is in the hover, the
    summary and the data table."""
    middle = span[0] + (span[1] - span[0]) / 2
    labels = []
    # columns as lists: a frame's rows as dicts took most of the figure's time
    columns = (reported[column].tolist() for column in ("label", "date_label", "source_name", "wording"))
    for day, count, label, date_label, source_name, wording in zip(
            reported["date"].to_numpy(dtype="datetime64[ns]"), reported["count"].tolist(), *columns, strict=True):
        wording = "<br>".join(textwrap.wrap(html.escape(wording, quote=False), WORDING_LINE[present]))
        leftwards = day > middle
        labels.append({
            "text": f"<b>{label}</b> · {date_label}<br>{source_name}" if narrow else
            f"<b>{date_label}</b> · {source_name}<br><i>{wording}</i>",
            "xref": "x", "yref": "y2", "x": str(np.datetime_as_string(day, unit="D")), "y": count,
            "xanchor": "right" if leftwards else "left", "xshift": -14 if leftwards else 14, "yanchor": "middle",
            "align": "right" if leftwards else "left", "showarrow": False,
            "font": {"size": 24 if present else 12, "color": TITLE_COLOUR},
        })
    return labels


def growth_figure(series: pd.DataFrame, reported: pd.DataFrame, sector_labels: dict[str, str],
                  sector_colours: dict[str, str], lang: str, present: bool = False,
                  filters_organisations: bool = False) -> Figure:
    """Reported counts as labelled, unconnected markers above; named participants stacked by sector as steps
    below. With organisations filtered (``filters_organisations``), the upper panel says that its counts are the
    whole cluster's, and the lower one that it counts the organisations matching the filters."""
    dates, counts = iso_dates(series["date"]), series["count"].to_numpy()
    codes, sectors = pd.factorize(series["sector"])  # in order of first appearance, as groupby(sort=False)
    by_sector = {sector: np.flatnonzero(codes == code) for code, sector in enumerate(sectors)}
    traces = [{
        "type": "scatter", "x": dates[rows], "y": counts[rows],
        "name": wrap_label(sector_labels[sector], PRESENT_LEGEND_LINE) if present else sector_labels[sector],
        "mode": "lines", "line": {"shape": "hv", "width": 1, "color": sector_colours[sector]}, "stackgroup": "named",
        "hovertemplate": f"{sector_labels[sector]}: %{{y}}<extra></extra>",
    } for sector, rows in by_sector.items()]
    named_top = max(sum(int(counts[rows].max()) for rows in by_sector.values()), 1)
    legend_title = t("growth_named", lang) + ":"
    layout = base_layout(
        lang, present, height=1000 if present else 660, hovermode="closest",
        # the legend names the lower panel's layers only: the upper panel's title and labels say what it shows
        # on a projector two entries a line, which leaves the panels the room their labels need
        legend={"traceorder": "reversed", "orientation": "h", "y": -0.08, "yanchor": "top",
                **({"entrywidth": 0.5, "entrywidthmode": "fraction"} if present else {}),
                "title": {"text": legend_title, "side": "top"}},
        xaxis={"type": "date", "tickformat": DATE_TICKS[lang], "anchor": "y"},
        # each sector's count only grows, so the stack is highest where every sector is at its highest
        yaxis={"title": {"text": t("count_axis", lang)}, **count_ticks(named_top), "range": [0, 1.15 * named_top]},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    if series.empty and reported.empty:
        return figure(traces, no_data(layout, lang))
    named_title = t("growth_named_panel_filtered" if filters_organisations else "growth_named_panel", lang,
                    named=format_number(named_total(series), lang))
    # a phone's chart (narrow): the titles and the legend on short lines, the labels with the counts, without the
    # wording
    if reported.empty:
        layout["yaxis"]["domain"] = [0, 1 - REPORTED_DOMAIN[0] + NAMED_DOMAIN[1]]
        annotations = [_panel_title(named_title, layout["yaxis"]["domain"][1], present)]
        narrow = [_panel_title(named_title, layout["yaxis"]["domain"][1], present, NARROW_LINE)]
        layout["margin"]["t"] = 40 if present else 30
    else:
        reported_top = max(int(reported["count"].max()), 1)
        span_dates = np.r_[series["date"].to_numpy(dtype="datetime64[ns]"),
                           reported["date"].to_numpy(dtype="datetime64[ns]")]
        labels = _reported_labels(reported, (span_dates.min(), span_dates.max()), present)
        traces.append({
            "type": "scatter", "x": iso_dates(reported["date"]), "y": reported["count"].to_numpy(), "yaxis": "y2",
            "name": t("growth_reported", lang), "showlegend": False, "mode": "markers+text",
            "marker": {"symbol": "diamond", "size": 20 if present else 14, "color": TITLE_COLOUR},
            # the count on the side away from its label
            "text": list(reported["label"]), "texttemplate": "<b>%{text}</b>",
            "textposition": ["middle left" if label["xanchor"] == "left" else "middle right" for label in labels],
            "textfont": {"size": 24 if present else 15}, "cliponaxis": False,
            "customdata": point_data(reported["date_label"], [hover_source(url) for url in reported["source"]],
                                     reported["wording"]),
            "hovertemplate": (f"<b>%{{text}}</b> (%{{customdata[0]}})<br>%{{customdata[2]}}<br>{t('source', lang)}: "
                              "%{customdata[1]}<extra></extra>"),
        })
        layout["yaxis"]["domain"] = list(NAMED_DOMAIN)
        # no axis title: the panel's title says what it counts
        layout["yaxis2"] = {"domain": list(REPORTED_DOMAIN), "anchor": "x", **count_ticks(reported_top),
                            "range": [0, 1.3 * reported_top]}
        reported_title = t("growth_reported_panel", lang)
        if filters_organisations:
            reported_title += f"<br><span style='color:{NOTE_COLOUR}'>{t('growth_reported_unfiltered', lang)}</span>"
            layout["margin"]["t"] = 64 if present else 48
        else:
            layout["margin"]["t"] = 40 if present else 30
        annotations = [_panel_title(reported_title, REPORTED_DOMAIN[1], present),
                       _panel_title(named_title, NAMED_DOMAIN[1], present), *labels]
        narrow = [_panel_title(reported_title, REPORTED_DOMAIN[1], present, NARROW_LINE),
                  _panel_title(named_title, NAMED_DOMAIN[1], present, NARROW_LINE),
                  *_reported_labels(reported, (span_dates.min(), span_dates.max()), present, narrow=True)]
        if series.empty:
            # the reported dates alone set the time axis: a year either side, or one date would span hours
            layout["xaxis"]["range"] = list(iso_dates(np.r_[span_dates.min() - YEAR, span_dates.max() + YEAR]))
            layout["yaxis"].update(visible=False, showgrid=False, zeroline=False)
            note = {"text": t("growth_no_named", lang), "showarrow": False, "xref": "paper", "yref": "paper",
                    "x": 0.5, "y": NAMED_DOMAIN[1] / 2, "font": {"size": 24 if present else 15, "color": "#495057"}}
            annotations.append(note)
            narrow.append(note)
    layout["annotations"] = annotations
    # the top title's lines beyond those of the wide chart's take room above the plot
    more_lines = narrow[0]["text"].count("<br>") - annotations[0]["text"].count("<br>")
    top = layout["margin"]["t"] + round(more_lines * LINE_EM * narrow[0]["font"]["size"])
    # the reported counts, if any, are in their labels
    phone_traces = narrow_traces(traces, mode=[trace["mode"].replace("+text", "") for trace in traces])
    legend_heading = wrap_label(legend_title, NARROW_LEGEND_LINE)
    # and the chart grows by the legend's lines beyond those of the wide chart, which leaves the panels their room
    legend_lines = legend_heading.count("<br>") + sum(
        phone_traces[str(i)]["name"].count("<br>") for i, trace in enumerate(traces) if trace.get("showlegend", True))
    height = layout["height"] + round((more_lines + legend_lines) * LINE_EM * layout["font"]["size"])
    layout["meta"] = {"narrow": {"annotations": narrow, "margin.t": top, "legend.title.text": legend_heading,
                                 "height": height},
                      "narrow_traces": phone_traces}
    return figure(traces, layout)
