"""The view as a PowerPoint deck: title, key figures, native editable charts of growth and sectors, the
timeline, the map drawn on the server and the sources."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from dashboard.data import derive
from dashboard.data.filters import FilteredData, FilterState, apply_filters
from dashboard.data.package import ClusterData
from dashboard.data.tables import TABLES, Kind
from dashboard.data.vocab import TIMELINE_GROUP, sector_colours
from dashboard.exports.naming import active_filters_text, as_of_text, cluster_name
from dashboard.exports.tables import filtered_rows
from dashboard.i18n import t

# matplotlib (the map's picture) and pptx's chart data (which writes a workbook with xlsxwriter) are loaded by the
# first presentation downloaded, not by every start of the app (README "Performance").
if TYPE_CHECKING:
    from pptx.chart.data import CategoryChartData

# PowerPoint geometry (16:9) and look.
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.3)
CONTENT_W = SLIDE_W - 2 * MARGIN
FOOTER_TOP = Inches(7.0)
FILTER_NOTE_TOP = Inches(5.5)
GREY = RGBColor(0x6C, 0x75, 0x7D)
NOTE = RGBColor(0x8A, 0x4B, 0x00)
TIMELINE_ROWS_PER_SLIDE = 10
# The key milestones' slide: a date axis near the bottom, labels (name, then date) stacked above in lines.
MILESTONE_AXIS_TOP = Inches(6.3)
MILESTONE_LINE = Inches(0.62)
MILESTONE_LABEL_PT, MILESTONE_DATE_PT = 16, 12
MILESTONE_DOT = Inches(0.16)
# Width of a character of the slide font, in font sizes (as for the charts), and the label's padding.
MILESTONE_CHAR_EM = 0.62
MILESTONE_PADDING = Inches(0.2)
KPI_SHORT_VALUE = 6
VALUE_TICKS = 6
SOURCES_PER_SLIDE = 18
MAX_URL_SHOWN = 110
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5




# --- PowerPoint ----------------------------------------------------------------------------------------------


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _text_box(slide, left: int, top: int, width: int, height: int, lines: Iterable[str], size: int = 14,
              bold: bool = False, colour: RGBColor | None = None):
    """A word-wrapped text box, one paragraph per line."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        if colour is not None:
            paragraph.font.color.rgb = colour
    return box


def _slide(deck, data: ClusterData, lang: str, title: str):
    """A title-only slide with the title across the top and a small footer naming the data."""
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), CONTENT_W, Inches(0.9)
    shape.text = title
    shape.text_frame.paragraphs[0].font.size = Pt(30)
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    _text_box(slide, MARGIN, FOOTER_TOP, CONTENT_W, Inches(0.35),
              [f"{cluster_name(data, lang)} · {as_of_text(data, lang)}"], size=10, colour=GREY)
    return slide


def _title_slide(deck, data: ClusterData, state: FilterState) -> None:
    lang = state.lang
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(1.6), CONTENT_W, Inches(1.8)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(3.6), CONTENT_W, Inches(2.6)
    title.text = cluster_name(data, lang)
    lines = [active_filters_text(data, state), as_of_text(data, lang)]
    if data.meta.synthetic:
        lines.insert(0, t("synthetic_banner", lang))
    subtitle.text = "\n".join(lines)
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.font.size = Pt(18)


def _kpi_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState) -> None:
    lang = state.lang
    slide = _slide(deck, data, lang, t("export_kpis", lang))
    values = derive.kpis(data, filtered, lang)
    gap = Inches(0.2)
    width = (CONTENT_W - gap * (len(values) - 1)) // len(values)
    for i, (kpi, (value, caption)) in enumerate(values.items()):
        box = _text_box(slide, MARGIN + i * (width + gap), Inches(1.6), width, Inches(2.8), [value],
                        size=36 if len(value) <= KPI_SHORT_VALUE else 26, bold=True)
        # The i18n key of a KPI's label is its element id with underscores ("kpi-reported" -> "kpi_reported").
        for text, size, colour in ((t(kpi.replace("-", "_"), lang), 14, None), (caption, 11, GREY)):
            paragraph = box.text_frame.add_paragraph()
            paragraph.text = text
            paragraph.font.size = Pt(size)
            paragraph.space_before = Pt(8)
            if colour is not None:
                paragraph.font.color.rgb = colour
    _text_box(slide, MARGIN, Inches(4.8), CONTENT_W, Inches(1.0), [derive.coverage_text(data, lang)], size=14)
    _text_box(slide, MARGIN, Inches(5.9), CONTENT_W, Inches(0.8), [active_filters_text(data, state)], size=12,
              colour=GREY)


def _step_chart_data(series: pd.DataFrame, sector_labels: dict[str, str]) -> CategoryChartData:
    """Cumulative counts as steps: each date repeats with the previous values, so nothing is interpolated."""
    from pptx.chart.data import CategoryChartData

    wide = series.pivot(index="date", columns="sector", values="count")
    wide = wide[list(dict.fromkeys(series["sector"]))]
    dates: list[dt.date] = []
    rows: list[pd.Series] = []
    for i, (date, values) in enumerate(wide.iterrows()):
        if i:
            dates.append(date.date())
            rows.append(rows[-1])
        dates.append(date.date())
        rows.append(values)
    chart_data = CategoryChartData(number_format="0")
    chart_data.categories = dates
    for sector in wide.columns:
        chart_data.add_series(sector_labels[sector], [int(row[sector]) for row in rows])
    return chart_data


def _yearly_date_axis(chart) -> None:
    """One tick label per year on the chart's date axis (python-pptx has no API for the time unit)."""
    axis = chart.category_axis
    axis.tick_labels.number_format = "yyyy"
    axis.tick_labels.number_format_is_linked = False
    base = axis._element.find(qn("c:baseTimeUnit"))
    for tag, value in (("c:majorTimeUnit", "years"), ("c:majorUnit", "1")):
        element = OxmlElement(tag)
        element.set("val", value)
        base.addnext(element)


def _add_table(slide, left: int, top: int, width: int, rows: list[list[str]], col_widths: list[float],
               size: int = 12, links: list[str | None] | None = None):
    """A native table; ``col_widths`` are fractions of ``width``; ``links`` hyperlink a row's last cell."""
    shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Inches(0.4) * len(rows))
    table = shape.table
    for j, fraction in enumerate(col_widths):
        table.columns[j].width = Emu(int(width * fraction))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = value
            run = cell.text_frame.paragraphs[0].runs[0] if value else None
            if run is not None:
                run.font.size = Pt(size)
                if i and links and links[i - 1] and j == len(row) - 1:
                    run.hyperlink.address = links[i - 1]
    return shape


def _growth_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState,
                  colours: dict[str, str], sector_labels: dict[str, str]) -> None:
    lang = state.lang
    slide = _slide(deck, data, lang, t("growth", lang))
    series = derive.growth_series(data, filtered, state)
    reported = derive.reported_counts(data, filtered, lang)
    chart_width = Inches(7.4) if not reported.empty else CONTENT_W
    if series.empty:
        _text_box(slide, MARGIN, CONTENT_TOP, chart_width, Inches(1), [t("growth_no_named", lang)], size=18)
    else:
        # the named organisations under their own title: they are not the cluster's whole membership
        named = t("growth_named_panel_filtered" if state.filters_organisations else "growth_named_panel", lang,
                  named=derive.named_total(series))
        _text_box(slide, MARGIN, CONTENT_TOP, chart_width, Inches(0.5), [named], size=14, bold=True)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.AREA_STACKED, MARGIN, CONTENT_TOP + Inches(0.5), chart_width,
                                       Inches(4.5), _step_chart_data(series, sector_labels))
        chart = frame.chart
        chart.has_title = False
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(11)
        _yearly_date_axis(chart)
        chart.category_axis.tick_labels.font.size = Pt(11)
        highest = int(series.groupby("date")["count"].sum().max())
        chart.value_axis.major_unit = max(1, math.ceil(highest / VALUE_TICKS))
        chart.value_axis.tick_labels.number_format = "0"
        chart.value_axis.tick_labels.number_format_is_linked = False
        chart.value_axis.tick_labels.font.size = Pt(11)
        chart.value_axis.has_title = True
        chart.value_axis.axis_title.text_frame.text = t("count_axis", lang)
        chart.value_axis.axis_title.text_frame.paragraphs[0].font.size = Pt(11)
        for plot_series, sector in zip(chart.plots[0].series, dict.fromkeys(series["sector"]), strict=True):
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = _rgb(colours[sector])
    if not reported.empty:
        left = MARGIN + chart_width + Inches(0.3)
        width = SLIDE_W - MARGIN - left
        _text_box(slide, left, CONTENT_TOP, width, Inches(0.5), [t("growth_reported_panel", lang)], size=14, bold=True)
        rows = [[t("col_date", lang), t("col_participants", lang), t("growth_wording", lang), t("source", lang)]]
        rows += [[r["date_label"], r["label"], r["wording"], r["source_name"]] for r in reported.to_dict("records")]
        _add_table(slide, left, CONTENT_TOP + Inches(0.6), width, rows, [0.2, 0.14, 0.4, 0.26], size=11,
                   links=list(reported["source"]))
        if state.filters_organisations:
            # low on the slide: the table's rows grow with their wording in PowerPoint, not here
            _text_box(slide, left, FILTER_NOTE_TOP, width, Inches(0.6), [t("growth_reported_unfiltered", lang)],
                      size=12, colour=NOTE)
    _text_box(slide, MARGIN, Inches(6.35), CONTENT_W, Inches(0.6), [t("export_growth_note", lang)], size=11,
              colour=GREY)


def _sector_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState,
                  colours: dict[str, str]) -> None:
    lang = state.lang
    slide = _slide(deck, data, lang, t("sectors", lang))
    counts = derive.sector_counts(data, filtered, lang)
    if counts.empty:
        _text_box(slide, MARGIN, CONTENT_TOP, CONTENT_W, Inches(1), [t("nothing_found", lang)], size=18)
        return
    from pptx.chart.data import CategoryChartData

    chart_data = CategoryChartData(number_format="0")
    chart_data.categories = list(counts["label"])
    chart_data.add_series(t("kpi_participants", lang), [int(n) for n in counts["count"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, CONTENT_TOP, CONTENT_W, Inches(4.9),
                                   chart_data).chart
    chart.has_legend = False
    chart.has_title = False
    chart.category_axis.reverse_order = True  # first sector on top, as listed in the dashboard
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(12)
    for point, sector in zip(plot.series[0].points, counts["sector"], strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(colours[sector])
    _text_box(slide, MARGIN, Inches(6.3), CONTENT_W, Inches(0.6),
              [t("export_by_sector_note", lang), derive.coverage_text(data, lang)], size=11, colour=GREY)


def _pages(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _paged_title(title: str, page: int, pages: int, lang: str) -> str:
    return title if pages == 1 else t("export_page", lang, title=title, page=page, pages=pages)


def _line(slide, x0: int, y0: int, x1: int, y1: int, colour: RGBColor, dashed: bool = False) -> None:
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x0, y0, x1, y1).line
    line.color.rgb = colour
    line.width = Pt(1)
    if dashed:
        line.dash_style = 4  # MSO_LINE_DASH_STYLE.SQUARE_DOT


def _milestones_slide(deck, data: ClusterData, items: pd.DataFrame, lang: str) -> None:
    """The key milestones (the items with a short label) on a date axis, named as on the dashboard's timeline,
    each label in the highest line where it overlaps no other (:func:`derive.timeline_label_places`)."""
    dated = items[items["date"].notna()]
    labelled = dated[dated["label"].fillna("").astype(bool)]
    if labelled.empty:
        return
    slide = _slide(deck, data, lang, t("timeline_milestones", lang))
    first, last = dated["date"].min(), dated["date"].max()
    padding = max((last - first) * 0.03, pd.Timedelta(days=31))
    first, last = first - padding, last + padding
    left, width = MARGIN, CONTENT_W
    positions = ((labelled["date"] - first) / (last - first)).tolist()
    widths = [(len(label) * MILESTONE_CHAR_EM * Pt(MILESTONE_LABEL_PT) + MILESTONE_PADDING) / width
              for label in labelled["label"]]
    places = derive.timeline_label_places(positions, widths, gap=0.01)
    _line(slide, left, MILESTONE_AXIS_TOP, left + width, MILESTONE_AXIS_TOP, GREY)
    for year in range(first.year + 1, last.year + 1):
        x = left + int(width * ((pd.Timestamp(year, 1, 1) - first) / (last - first)))
        _line(slide, x, MILESTONE_AXIS_TOP, x, MILESTONE_AXIS_TOP + Inches(0.08), GREY)
        _text_box(slide, x - Inches(0.4), MILESTONE_AXIS_TOP + Inches(0.08), Inches(0.8), Inches(0.3), [str(year)],
                  size=11, colour=GREY).text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    lines = max(place.line for place in places) + 1
    for item, place, position, share in zip(labelled.itertuples(), places, positions, widths, strict=True):
        x = left + int(width * position)
        colour = _rgb(TIMELINE_GROUP[item.group].colour)
        top = MILESTONE_AXIS_TOP - Inches(0.3) - (lines - place.line) * MILESTONE_LINE
        _line(slide, x, top + Inches(0.1), x, MILESTONE_AXIS_TOP, GREY, dashed=True)
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, x - MILESTONE_DOT // 2, MILESTONE_AXIS_TOP - MILESTONE_DOT // 2,
                                     MILESTONE_DOT, MILESTONE_DOT)
        dot.fill.solid()
        dot.fill.fore_color.rgb = colour
        dot.line.color.rgb = colour
        box_width = int(width * share)
        box = _text_box(slide, x - box_width if place.ends_at_point else x, top, box_width, MILESTONE_LINE,
                        [item.label, item.date_label], size=MILESTONE_LABEL_PT, bold=True)
        frame = box.text_frame
        frame.margin_top = frame.margin_bottom = 0
        frame.margin_left = frame.margin_right = Inches(0.06)
        date = frame.paragraphs[1].runs[0].font
        date.size, date.bold, date.color.rgb = Pt(MILESTONE_DATE_PT), False, GREY
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.RIGHT if place.ends_at_point else PP_ALIGN.LEFT


def _timeline_slides(deck, data: ClusterData, events: list[dict], lang: str) -> None:
    """The exported timeline's columns that have a share of a slide's width, as read, a few rows a slide."""
    columns = [column for column in TABLES["events"].columns if column.slide_share]
    header = [t(column.header, lang) for column in columns]
    pages = _pages([[row[column.key] for column in columns] for row in events], TIMELINE_ROWS_PER_SLIDE)
    for number, rows in enumerate(pages, start=1):
        slide = _slide(deck, data, lang, _paged_title(t("timeline", lang), number, len(pages), lang))
        if rows:
            _add_table(slide, MARGIN, CONTENT_TOP, CONTENT_W, [header, *rows],
                       [column.slide_share for column in columns])
        else:
            _text_box(slide, MARGIN, CONTENT_TOP, CONTENT_W, Inches(1), [t("nothing_found", lang)], size=18)


def _map_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState) -> None:
    from dashboard.exports.static_map import static_map_png

    lang = state.lang
    slide = _slide(deck, data, lang, t("map", lang, region=data.meta.region(lang)))
    height = Inches(5.6)
    width = int(height * 1.6)
    slide.shapes.add_picture(io.BytesIO(static_map_png(data, state, 1600, 1000)), MARGIN, CONTENT_TOP, width, height)
    elsewhere = derive.organisations_elsewhere(data, filtered, lang)
    lines = []
    if elsewhere["outside"]:
        lines.append(t("outside_region", lang) + ":")
        lines += [f"{town}: {', '.join(label for _, label in orgs)}"
                  for town, orgs in sorted(elsewhere["outside"].items())]
    if elsewhere["unlocated"]:
        lines.append(t("no_location", lang) + ":")
        lines.append(", ".join(label for _, label in elsewhere["unlocated"]))
    left = MARGIN + width + Inches(0.3)
    _text_box(slide, left, CONTENT_TOP, SLIDE_W - MARGIN - left, height, [*lines, "", t("map_note", lang)], size=11)


def export_sources(rows: dict[str, list[dict]]) -> list[str]:
    """Unique source URLs of the exported records, in table order."""
    return list(dict.fromkeys(url for table, table_rows in rows.items()
                              for column in TABLES[table].columns_for(exported=True) if column.kind is Kind.LINKS
                              for row in table_rows for url in row[column.key]))


def _sources_slides(deck, data: ClusterData, urls: list[str], lang: str) -> None:
    pages = _pages(urls, SOURCES_PER_SLIDE)
    for number, chunk in enumerate(pages, start=1):
        slide = _slide(deck, data, lang, _paged_title(t("sources", lang), number, len(pages), lang))
        frame = slide.shapes.add_textbox(MARGIN, CONTENT_TOP, CONTENT_W, Inches(4.9)).text_frame
        frame.word_wrap = True
        for i, url in enumerate(chunk):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = url if len(url) <= MAX_URL_SHOWN else url[:MAX_URL_SHOWN - 1] + "…"
            run.font.size = Pt(11)
            run.hyperlink.address = url
        _text_box(slide, MARGIN, Inches(6.3), CONTENT_W, Inches(0.6), [t("footer", lang)], size=11, colour=GREY)


def to_pptx(data: ClusterData, state: FilterState) -> bytes:
    """A 16:9 deck of the current view with native, editable charts and tables, in the language of the state."""
    lang = state.lang
    filtered = apply_filters(data, state)
    rows = filtered_rows(data, filtered, state)
    colours = sector_colours(list(data.sectors["sector_id"]))
    sector_labels = derive.table_labels(data, "sectors", "sector_id", lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    _title_slide(deck, data, state)
    _kpi_slide(deck, data, filtered, state)
    _growth_slide(deck, data, filtered, state, colours, sector_labels)
    _sector_slide(deck, data, filtered, state, colours)
    _milestones_slide(deck, data, derive.timeline_items(data, filtered, state), lang)
    _timeline_slides(deck, data, rows["events"], lang)
    _map_slide(deck, data, filtered, state)
    _sources_slides(deck, data, export_sources(rows), lang)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
