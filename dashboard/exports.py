"""Exports of the current view: descriptive file names, XLSX, CSV and a PowerPoint deck, all as bytes.

Pure functions of the data package and a filter state, so the Dash download callbacks stay thin. Every
table comes from :mod:`dashboard.derive`, the same rows the dashboard shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from dashboard import derive
from dashboard.datapackage import ClusterData
from dashboard.filters import MULTI, FilteredData, FilterState, apply_filters, year_bounds
from dashboard.i18n import format_date, pick, t
from dashboard.importer import neutralise
from dashboard.vocab import CONFIDENCE, ROLE, STATUS, TIMELINE_GROUP, Term, sector_colours

# Texts only the exports use; the shared ones come from dashboard.i18n.
TEXT: dict[str, Term] = {
    "about": Term("Сведения", "About"),
    "cluster": Term("Кластер", "Cluster"),
    "coverage": Term("Покрытие", "Coverage"),
    "credits": Term("Источники данных", "Data credits"),
    "rows": Term("Строк в таблице «{}»", "Rows in table \"{}\""),
    "col_reported": Term("Заявленное число участников", "Reported participants"),
    "period_all": Term("{}–{} (весь период)", "{}–{} (whole period)"),
    "focus": Term("Выбранные организации", "Selected organisations"),
    "snapshot": Term("срез", "snapshot"),
    "kpis": Term("Ключевые показатели", "Key figures"),
    "by_sector_note": Term(
        "Учредители и участники кластера, названные в открытых источниках, в текущей выборке.",
        "Founders and members of the cluster named in public sources, in the current selection.",
    ),
    "growth_note": Term(
        "Области — участники, названные в источниках, нарастающим итогом по дате первого упоминания. "
        "Таблица — числа участников из официальных сообщений; между этими датами данных нет.",
        "Areas: participants named in sources, cumulative by date first linked. Table: participant counts "
        "from official statements; nothing is known between those dates.",
    ),
    "page": Term("{} ({} из {})", "{} ({} of {})"),
    "not_on_map": Term("Не на карте: {} за пределами области, {} без указанного места.",
                       "Not on the map: {} outside the region, {} with no stated location."),
}
# File name words for the export kinds the dashboard offers; any other ``what`` is used as given.
FILE_WHAT: dict[str, Term] = {
    "organisations": Term("участники", "members"),
    "agreements": Term("соглашения", "agreements"),
    "projects": Term("проекты", "projects"),
    "events": Term("хронология", "timeline"),
    "counts": Term("численность", "counts"),
    "tables": Term("таблицы", "tables"),
    "presentation": Term("презентация", "presentation"),
    "map": Term("карта", "map"),
}
# Used instead of the values when a filter has more than MAX_FILE_VALUES of them.
FILE_PLURAL: dict[str, Term] = {
    "sector": Term("отрасли", "sectors"),
    "status": Term("статусы", "statuses"),
    "role": Term("роли", "roles"),
    "settlement": Term("пункты", "places"),
    "focus": Term("организации", "orgs"),
}
MAX_FILE_VALUES = 3
MAX_FILE_STEM = 150
TABLES: dict[str, str] = {  # export table -> i18n key of its title
    "organisations": "members",
    "agreements": "agreements",
    "projects": "kpi_projects",
    "events": "timeline",
    "counts": "growth_reported",
}
XLSX_MAX_WIDTH = 60
CSV_SEPARATOR = {"ru": ";", "en": ","}

# PowerPoint geometry (16:9) and look.
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.3)
CONTENT_W = SLIDE_W - 2 * MARGIN
FOOTER_TOP = Inches(7.0)
GREY = RGBColor(0x6C, 0x75, 0x7D)
TIMELINE_ROWS_PER_SLIDE = 10
KPI_SHORT_VALUE = 6
VALUE_TICKS = 6
SOURCES_PER_SLIDE = 18
MAX_URL_SHOWN = 110
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5


def tx(key: str, lang: str, *args: object) -> str:
    """An export text, else a shared one from dashboard.i18n."""
    return TEXT[key].label(lang).format(*args) if key in TEXT else t(key, lang)


def cluster_name(data: ClusterData, lang: str) -> str:
    return data.meta.name_ru if lang == "ru" else data.meta.name_en


def as_of_text(data: ClusterData, lang: str) -> str:
    return f"{t('data_as_of', lang)} {format_date(pd.Timestamp(data.meta.data_as_of), 'day', lang)}"


def _value_labels(data: ClusterData, key: str, lang: str) -> dict[str, str]:
    if key == "sector":
        return derive.table_labels(data, "sectors", "sector_id", lang)
    if key == "settlement":
        return derive.table_labels(data, "settlements", "settlement_id", lang)
    return {code: term.label(lang) for code, term in (STATUS if key == "status" else ROLE).items()}


def _filters(data: ClusterData, state: FilterState) -> list[tuple[str, str, bool]]:
    """(filter name, what it shows, whether it narrows the view) for every filter."""
    lang = state.lang
    rows = []
    for key in MULTI:
        labels = _value_labels(data, key, lang)
        chosen = getattr(state, key)
        rows.append((t(f"filter_{key}", lang), ", ".join(labels[v] for v in chosen) or t("all", lang), bool(chosen)))
    orgs = data.organisations.set_index("org_id")
    focus = ", ".join(derive.org_label(orgs.loc[org_id].to_dict(), lang) for org_id in state.focus)
    rows.append((tx("focus", lang), focus or t("all", lang), bool(focus)))
    low, high = year_bounds(data)
    whole = (state.year_from, state.year_to) == (low, high)
    # The period is always named, so a reader knows which years the figures cover.
    rows.append((t("filter_date", lang),
                 tx("period_all", lang, low, high) if whole else f"{state.year_from}–{state.year_to}", True))
    asof = state.asof or data.meta.data_as_of
    rows.append((t("asof", lang), format_date(pd.Timestamp(asof), "day", lang), state.asof is not None))
    rows.append((t("filter_search", lang), state.search or "—", bool(state.search)))
    return rows


def filter_summary(data: ClusterData, state: FilterState) -> list[tuple[str, str]]:
    """(filter name, what it shows) for every filter, "All" where nothing is chosen."""
    return [(name, value) for name, value, _ in _filters(data, state)]


def active_filters_text(data: ClusterData, state: FilterState) -> str:
    """One line naming only the filters in effect (the period always)."""
    return "; ".join(f"{name}: {value}" for name, value, active in _filters(data, state) if active)


# --- file names ----------------------------------------------------------------------------------------------

def _file_part(text: str) -> str:
    """Letters (any script), digits, "-", "+" and "." kept; the rest, Windows-forbidden characters too, "_"."""
    return re.sub(r"_+", "_", re.sub(r"[^\w.+\-]", "_", text)).strip("_.-")


def _short_label(label: str) -> str:
    words = label.lower().replace("(", " ").split()
    # "Не участник" needs both words; a one- or two-letter first word means nothing alone.
    return "_".join(words[:2]) if len(words) > 1 and len(words[0]) <= 2 else words[0]


def cluster_short_name(data: ClusterData, lang: str) -> str:
    """A short file-name form of the cluster: "Машкластер_Иркутск" / "Irkutsk_machine-building_cluster"."""
    meta = data.meta
    name, region = (meta.name_ru, meta.region_ru) if lang == "ru" else (meta.name_en, meta.region_en)
    words = name.split()
    at = next((i for i, w in enumerate(words) if w.casefold().startswith(("кластер", "cluster"))), None)
    if not at:  # no "cluster" word, or nothing before it to abbreviate
        return _file_part(name)[:40]
    place = region.split()[0]
    if lang == "ru":
        # Russian region adjectives: "Иркутская" -> "Иркутск", "Красноярский" -> "Красноярск".
        place = re.sub(r"(ая|ий|ой|ый|ое)$", "", place)
        return _file_part(f"{words[at - 1][:3]}{words[at].lower()}_{place}")
    return _file_part(f"{place}_{words[at - 1].lower()}_{words[at].lower()}")


def _filter_file_parts(data: ClusterData, state: FilterState) -> list[str]:
    lang = state.lang
    parts = []
    for key in MULTI:
        chosen = getattr(state, key)
        if len(chosen) > MAX_FILE_VALUES:
            parts.append(f"{FILE_PLURAL[key].label(lang)}-{len(chosen)}")
        elif chosen and lang == "ru":
            labels = _value_labels(data, key, lang)
            parts.append("+".join(_short_label(labels[v]) for v in chosen))
        elif chosen:
            # The codes are English slugs already ("aircraft", "irkutsk").
            parts.append("+".join(v.replace("_", "-") for v in chosen))
    if state.focus:
        parts.append(f"{FILE_PLURAL['focus'].label(lang)}-{len(state.focus)}")
    if state.search:
        parts.append(f"{t('filter_search', lang).split()[0].lower()}-{state.search[:20]}")
    if state.asof is not None:
        parts.append(f"{tx('snapshot', lang)}-{state.asof.isoformat()}")
    if (state.year_from, state.year_to) != year_bounds(data):
        parts.append(str(state.year_from) if state.year_from == state.year_to
                     else f"{state.year_from}-{state.year_to}")
    return parts


def export_filename(data: ClusterData, state: FilterState, what: str, ext: str) -> str:
    """A file name saying what was exported, under which filters, as of which date; safe on Windows."""
    lang = state.lang
    what = FILE_WHAT[what].label(lang) if what in FILE_WHAT else what
    as_of = ("на_" if lang == "ru" else "as-of_") + data.meta.data_as_of.isoformat()
    parts = [cluster_short_name(data, lang), what, *_filter_file_parts(data, state)]
    stem = "_".join(p for p in map(_file_part, parts) if p)[:MAX_FILE_STEM - len(as_of) - 1].rstrip("_.-")
    return f"{stem}_{as_of}.{_file_part(ext.lstrip('.')) or 'bin'}"


# --- tables --------------------------------------------------------------------------------------------------

def _frame(rows: list[dict], columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Rows as a DataFrame with the given columns under their human headers; source lists joined by spaces."""
    frame = pd.DataFrame(rows, columns=list(columns))
    if "sources" in frame:
        frame["sources"] = frame["sources"].map(" ".join)
    return frame.rename(columns={key: tx(label, lang) for key, label in columns.items()})


def _timeline_rows(data: ClusterData, filtered: FilteredData, state: FilterState) -> list[dict]:
    """The timeline items with every source URL and the confidence of the record behind each item."""
    lang = state.lang
    return [{
        "date": item["date_label"],
        "group": TIMELINE_GROUP[item["group"]].label(lang),
        "title": item["title"],
        "confidence": CONFIDENCE[item["confidence"]].label(lang),
        "sources": item["sources"],
    } for item in derive.timeline_items(data, filtered, state).to_dict("records")]


def _tables(data: ClusterData, filtered: FilteredData, state: FilterState) -> dict[str, pd.DataFrame]:
    lang = state.lang
    notes = derive.lookup(data.organisations, "org_id", lang, "notes")
    members = [{**row, "notes": notes[row["org_id"]]} for row in derive.member_rows(data, filtered, lang)]
    counts = [{
        "date": row["date_label"], "count": row["label"], "notes": pick(row, "notes", lang),
        "confidence": CONFIDENCE[row["confidence"]].label(lang), "sources": derive.source_list(row["source_urls"]),
    } for row in derive.reported_counts(data, filtered, lang).to_dict("records")]
    tail = {"confidence": "col_confidence", "sources": "col_sources"}
    return {
        "organisations": _frame(members, {
            "name": "col_name", "short": "col_short", "sector": "col_sector", "role": "col_role",
            "status": "col_status", "settlement": "col_settlement", "joined": "col_joined", "notes": "notes",
            **tail}, lang),
        "agreements": _frame(derive.agreement_rows(data, filtered, lang), {
            "date": "col_date", "title": "col_title", "kind": "col_kind", "parties": "col_parties",
            "amount": "col_amount", "scope": "col_scope", **tail}, lang),
        "projects": _frame(derive.project_rows(data, filtered, lang), {
            "date": "col_period", "title": "col_title", "participants": "col_participants", "amount": "col_amount",
            "status": "col_status", "scope": "col_scope", **tail}, lang),
        "events": _frame(_timeline_rows(data, filtered, state), {
            "date": "col_date", "group": "col_group", "title": "col_title", **tail}, lang),
        "counts": _frame(counts, {"date": "col_date", "count": "col_reported", "notes": "notes", **tail}, lang),
    }


def tables_for_export(data: ClusterData, state: FilterState) -> dict[str, pd.DataFrame]:
    """The filtered tables as people read them: human headers, labels, dates as precise as known, sources."""
    return _tables(data, apply_filters(data, state), state)


def table_title(table: str, lang: str) -> str:
    return t(TABLES[table], lang)


def _safe_text(value: object) -> str:
    """A cell as text no spreadsheet will run as a formula and openpyxl will accept."""
    return ILLEGAL_CHARACTERS_RE.sub("", neutralise("" if value is None or pd.isna(value) else str(value)))


def about_rows(data: ClusterData, state: FilterState, tables: dict[str, pd.DataFrame]) -> list[tuple[str, object]]:
    """The "About" sheet: what was exported, from which data, under which filters, with which credits."""
    lang = state.lang
    rows = [(tx("cluster", lang), cluster_name(data, lang)),
            (t("data_as_of", lang), format_date(pd.Timestamp(data.meta.data_as_of), "day", lang))]
    if data.meta.synthetic:
        rows.append((t("synthetic_banner", lang), ""))
    rows.append((t("filters", lang), ""))
    rows += [(f"  {name}", value) for name, value in filter_summary(data, state)]
    rows += [(tx("rows", lang, table_title(name, lang)), len(frame)) for name, frame in tables.items()]
    rows += [(tx("coverage", lang), derive.coverage_text(data, lang)), (tx("credits", lang), t("footer", lang))]
    return rows


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _write_sheet(sheet, rows: Iterable[Iterable[object]], header: bool) -> None:
    """Rows as text cells (numbers stay numbers), columns as wide as their text up to a limit."""
    widths: dict[int, int] = {}
    for row in rows:
        cells = [v if isinstance(v, int) else _safe_text(v) for v in row]
        sheet.append(cells)
        for i, value in enumerate(cells, start=1):
            widths[i] = max(widths.get(i, 0), len(str(value)))
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 8), XLSX_MAX_WIDTH) + 2
    if header:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    else:
        for cell in sheet["A"]:
            cell.font = Font(bold=True)
        for cell in sheet["B"]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_xlsx(data: ClusterData, state: FilterState) -> bytes:
    """An "About" sheet, then one sheet per filtered table with a bold frozen header."""
    lang = state.lang
    tables = tables_for_export(data, state)
    book = Workbook()
    about = book.active
    about.title = _sheet_name(tx("about", lang))
    _write_sheet(about, about_rows(data, state, tables), header=False)
    for name, frame in tables.items():
        sheet = book.create_sheet(_sheet_name(table_title(name, lang)))
        _write_sheet(sheet, [list(frame.columns), *frame.itertuples(index=False)], header=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(data: ClusterData, state: FilterState, table: str) -> bytes:
    """One filtered table as CSV for Excel: UTF-8 with BOM, ';' in Russian (',' in English), a credit line last."""
    tables = tables_for_export(data, state)
    if table not in tables:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(tables)}")
    frame = tables[table]
    text = io.StringIO()
    writer = csv.writer(text, delimiter=CSV_SEPARATOR[state.lang], lineterminator="\r\n")
    writer.writerow([_safe_text(c) for c in frame.columns])
    writer.writerows([_safe_text(v) for v in row] for row in frame.itertuples(index=False))
    writer.writerow([_safe_text(t("footer", state.lang))])
    return text.getvalue().encode("utf-8-sig")


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
    slide = _slide(deck, data, lang, tx("kpis", lang))
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
    chart_width = Inches(8.2) if not reported.empty else CONTENT_W
    if series.empty:
        _text_box(slide, MARGIN, CONTENT_TOP, chart_width, Inches(1), [t("nothing_found", lang)], size=18)
    else:
        frame = slide.shapes.add_chart(XL_CHART_TYPE.AREA_STACKED, MARGIN, CONTENT_TOP, chart_width, Inches(5.0),
                                       _step_chart_data(series, sector_labels))
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
        _text_box(slide, left, CONTENT_TOP, width, Inches(0.5), [t("growth_reported", lang)], size=14, bold=True)
        rows = [[t("col_date", lang), t("col_participants", lang), t("source", lang)]]
        rows += [[r["date_label"], r["label"], derive.source_domain(r["source"])] for r in reported.to_dict("records")]
        _add_table(slide, left, CONTENT_TOP + Inches(0.6), width, rows, [0.34, 0.28, 0.38], size=11,
                   links=list(reported["source"]))
    _text_box(slide, MARGIN, Inches(6.35), CONTENT_W, Inches(0.6), [tx("growth_note", lang)], size=11, colour=GREY)


def _sector_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState,
                  colours: dict[str, str]) -> None:
    lang = state.lang
    slide = _slide(deck, data, lang, t("sectors", lang))
    counts = derive.sector_counts(data, filtered, lang)
    if counts.empty:
        _text_box(slide, MARGIN, CONTENT_TOP, CONTENT_W, Inches(1), [t("nothing_found", lang)], size=18)
        return
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
              [tx("by_sector_note", lang), derive.coverage_text(data, lang)], size=11, colour=GREY)


def _pages(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _paged_title(title: str, page: int, pages: int, lang: str) -> str:
    return title if pages == 1 else tx("page", lang, title, page, pages)


def _timeline_slides(deck, data: ClusterData, events: pd.DataFrame, lang: str) -> None:
    header = list(events.columns[:3])
    pages = _pages([list(row) for row in events.iloc[:, :3].itertuples(index=False)], TIMELINE_ROWS_PER_SLIDE)
    for number, rows in enumerate(pages, start=1):
        slide = _slide(deck, data, lang, _paged_title(t("timeline", lang), number, len(pages), lang))
        if rows:
            _add_table(slide, MARGIN, CONTENT_TOP, CONTENT_W, [header, *rows], [0.14, 0.14, 0.72])
        else:
            _text_box(slide, MARGIN, CONTENT_TOP, CONTENT_W, Inches(1), [t("nothing_found", lang)], size=18)


def _map_slide(deck, data: ClusterData, filtered: FilteredData, state: FilterState) -> None:
    # Imported here: static_map uses this module's text helpers.
    from dashboard.static_map import static_map_png

    lang = state.lang
    slide = _slide(deck, data, lang, t("map", lang))
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


def export_sources(tables: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """Unique source URLs of the exported records, in table order."""
    column = t("col_sources", lang)
    return list(dict.fromkeys(url for frame in tables.values() for cell in frame[column] for url in cell.split()))


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
    tables = _tables(data, filtered, state)
    colours = sector_colours(list(data.sectors["sector_id"]))
    sector_labels = derive.table_labels(data, "sectors", "sector_id", lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    _title_slide(deck, data, state)
    _kpi_slide(deck, data, filtered, state)
    _growth_slide(deck, data, filtered, state, colours, sector_labels)
    _sector_slide(deck, data, filtered, state, colours)
    _timeline_slides(deck, data, tables["events"], lang)
    _map_slide(deck, data, filtered, state)
    _sources_slides(deck, data, export_sources(tables, lang), lang)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
