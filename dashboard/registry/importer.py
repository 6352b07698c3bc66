"""Import of the member registry (an .xlsx workbook or one .csv table) and the checks of a data package.

:func:`read_registry` reads what the cluster's staff fill in, checks every cell and converts the sheets to
package tables; :func:`validate_package` runs the same domain checks on a package folder. Bad input never
raises: every problem becomes a :class:`Finding` located as a person sees it (file, sheet, row with the
header as row 1, column header), in Russian and English, with how to fix it; all are collected in one pass.
The workbook format itself lives in :mod:`dashboard.registry.schema`.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import csv
import datetime as dt
import difflib
import functools
import io
import json
import logging
import math
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import openpyxl
import pandas as pd
from confusable_homoglyphs import confusables
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from dashboard.data import geo
from dashboard.data.cells import FORMULA_PREFIXES
from dashboard.data.package import DESCRIPTOR, ClusterData, ClusterMeta, PackageError, Problem, load_package
from dashboard.data.vocab import SCOPE, Term
from dashboard.i18n import LANGS, format_date, format_number, t
from dashboard.registry.inn import inn_fault, ogrn_fault
from dashboard.registry.schema import (
    AUXILIARY,
    LINKS,
    PRE_LAUNCH_KINDS,
    SHEET_BY_TABLE,
    SHEETS,
    Column,
    Kind,
    Sheet,
    header_key,
    sheet_for,
)

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A registry far beyond any cluster's size is refused before its rows are checked, and a report lists the first
# findings of each kind with a count of the rest: so no file under the upload cap can take minutes or exhaust
# memory. Both are configurable (README "Updating the data").
MAX_ROWS = int(os.environ.get("CLUSTER_IMPORT_MAX_ROWS", "20000"))
MAX_FINDINGS_PER_KIND = int(os.environ.get("CLUSTER_IMPORT_MAX_FINDINGS", "100"))
# Columns read of a sheet (the registry's widest sheet has about twenty): a cell far to the right (column XFD)
# would otherwise widen every row read.
MAX_COLUMNS = 60
# What a workbook's sheets may unpack to: a row of a registry sheet takes well under this much XML. A zip packs
# sheet XML about fifteen-fold, and a sheet is parsed whole when it does not declare its extent.
MAX_SHEET_XML_BYTES_PER_ROW = 1024
# The line of a report that counts the findings of a kind beyond those listed (itself no finding).
MORE_OF_KIND = "more_of_kind"
MAX_TEXT_CHARS = 2000
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
HEADER_SEARCH_ROWS = 10  # a title line or two above the header row is tolerated
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
SLUG_LENGTH = 48
LEGAL_FORMS = ("ооо", "оао", "зао", "пао", "ао", "ноао", "фгбоу", "фгуп", "ано", "ип", "во", "впо")
BOOLEAN_WORDS = {"true": ("да", "yes", "true", "1", "д", "y", "истина"),
                 "false": ("нет", "no", "false", "0", "н", "n", "ложь")}

Pair = tuple[str, str]


def _both(key: str, **params: object) -> Pair:
    """A catalogue text in Russian and in English; a (ru, en) pair among ``params`` gives each language its own."""
    ru, en = (t(key, lang, **{name: (value[index] if isinstance(value, tuple) else value)
                               for name, value in params.items()})
              for index, lang in enumerate(LANGS))
    return ru, en


# --------------------------------------------------------------------------------------------------------------
# findings and reports
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem (``error``) or doubt (``warning``), located as the user sees the file."""

    severity: str
    code: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message_ru: str
    message_en: str
    hint_ru: str
    hint_en: str

    def where(self, lang: str = "ru") -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(t("registry_where_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("registry_where_row", lang, row=self.row))
        if self.column:
            parts.append(t("registry_where_column", lang, column=self.column))
        return ", ".join(parts)

    def text(self, lang: str = "ru") -> str:
        """One line: severity, place, what is wrong, how to fix it."""
        label = t(f"registry_severity_{self.severity}", lang)
        message, hint = (self.message_ru, self.hint_ru) if lang == "ru" else (self.message_en, self.hint_en)
        return f"{label}: {self.where(lang)}: {message} {hint}".strip()


@dataclass
class Report:
    """Every finding of one import or package check."""

    findings: list[Finding] = field(default_factory=list)
    # Findings of a kind beyond the first MAX_FINDINGS_PER_KIND, not listed: severity -> how many.
    omitted: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" and f.code != MORE_OF_KIND]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning" and f.code != MORE_OF_KIND]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def to_text(self, lang: str = "ru") -> str:
        """A summary line, then one line per finding, grouped by file and sheet and ordered by row."""
        if not self.findings:
            return t("registry_no_findings", lang)
        summary = t("registry_summary", lang, errors=len(self.errors) + self.omitted.get("error", 0),
                    warnings=len(self.warnings) + self.omitted.get("warning", 0))
        groups: dict[tuple[str, str | None], int] = {}
        for f in self.findings:
            groups.setdefault((f.file, f.sheet), len(groups))
        ordered = sorted(self.findings, key=lambda f: (groups[(f.file, f.sheet)], f.row or 0))
        return "\n".join([summary, *(f.text(lang) for f in ordered)])

    def to_json(self) -> list[dict[str, Any]]:
        """Findings as plain dicts with stable keys (the :class:`Finding` fields)."""
        return [asdict(f) for f in self.findings]


@dataclass(frozen=True)
class ImportResult:
    """The report, and the package tables (as text, the schema's columns) when the report has no errors."""

    report: Report
    tables: dict[str, pd.DataFrame] | None


@dataclass(frozen=True)
class Loc:
    """Where a finding points: file, sheet, row (header = 1), column header as written, cell text."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None


class _Out:
    """Collects findings, filling the message templates in both languages."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.places: dict[tuple[str, str | None], int] = {}
        self.kinds: dict[tuple[str, str], int] = {}  # (code, severity) -> findings of that kind so far

    def place(self, file: str, sheet: str | None = None) -> None:
        """Register a file or sheet as it is read, so the report follows the workbook's order."""
        self.places.setdefault((file, sheet), len(self.places))

    def add(self, code: str, loc: Loc, *, severity: str = "error", suggest: Pair | str | None = None,
            **params: object) -> None:
        kind = (code, severity)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.kinds[kind] > MAX_FINDINGS_PER_KIND:
            return  # counted; the report says how many more of this kind there are
        params.setdefault("value", _short(loc.value))
        params.setdefault("column", loc.column)
        message_ru, message_en = _both(f"registry_finding_{code}", **params)
        hint_ru, hint_en = _both(f"registry_fix_{code}", **params)
        if suggest:
            did_you_mean = _both("registry_suggest", suggest=suggest)
            hint_ru, hint_en = did_you_mean[0] + hint_ru, did_you_mean[1] + hint_en
        value = None if loc.value is None else _short(loc.value, 200)
        self.findings.append(Finding(severity, code, loc.file, loc.sheet, loc.row, loc.column, value,
                                     message_ru, message_en, hint_ru, hint_en))

    def problem(self, problem: Problem) -> None:
        """A schema problem from :func:`load_package`, kept at its file, row and column."""
        loc = Loc(problem.file, None, problem.row, problem.field, problem.value)
        self.add("package_invalid", loc, detail=problem.message)

    def report(self) -> Report:
        """Findings ordered by file and sheet as read, then by row (stable: same-row findings keep their order);
        of a kind found more than MAX_FINDINGS_PER_KIND times, the first of them and a line counting the rest."""
        last = len(self.places)
        listed = sorted(self.findings, key=lambda f: (self.places.get((f.file, f.sheet), last), f.row or 0))
        omitted: dict[str, int] = {}
        for (code, severity), count in self.kinds.items():
            more = count - MAX_FINDINGS_PER_KIND
            if more > 0:
                omitted[severity] = omitted.get(severity, 0) + more
                first = next(f for f in listed if (f.code, f.severity) == (code, severity))
                ru, en = _both("registry_finding_more_of_kind", n=more, message=(first.message_ru, first.message_en))
                listed.append(Finding(severity, MORE_OF_KIND, first.file, first.sheet, None, None, None, ru, en,
                                      *_both("registry_fix_more_of_kind")))
        return Report(listed, omitted)


def _short(text: str | None, limit: int = 80) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------------------------
# cell text: cleaning, names, dates, numbers
# --------------------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters a reader cannot see: zero-width ones, and the bidirectional controls that reorder what is shown
# (an override can make «ООО Ромашка» display as something else). A cell loses them, with a warning.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
                                   "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_QUOTES = re.compile(r"[«»\"'„“”‚‘’]")
_LEGAL_FORM = re.compile(r"\b(?:" + "|".join(LEGAL_FORMS) + r")\b")
_PLACE_PREFIX = re.compile(r"^(?:г|город|пос|поселок|п|пгт|рп|с|д)\.?\s+")
_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))


def _clean(value: object) -> str:
    """Cell text as meant: stray and non-breaking spaces trimmed, a neutralising apostrophe removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.strftime("%d.%m.%Y")
    lines = (_SPACES.sub(" ", line).strip() for line in str(value).translate(_INVISIBLE).splitlines())
    text = "\n".join(lines).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def _label_key(text: str) -> str:
    """Labels and titles compare without case, «ё» and extra spaces."""
    return " ".join(text.casefold().replace("ё", "е").split()).rstrip(".")


def normalise_name(name: str) -> str:
    """An organisation name for comparison: no case, quotes, legal form (ООО, ПАО, …) or extra spaces; ё → е."""
    text = _QUOTES.sub(" ", name.casefold().replace("ё", "е"))
    return " ".join(_LEGAL_FORM.sub(" ", text).split())


@functools.lru_cache(maxsize=4096)
def _prototype(char: str) -> str:
    """The one character that stands for all those that look like ``char`` (Unicode TR39 confusables, from
    confusable_homoglyphs): the smallest of its look-alikes, followed until it stands still, since the table
    links look-alikes in chains (Cyrillic О → Latin O → digit 0)."""
    seen = {char}
    while True:
        found = confusables.is_confusable(char, greedy=True)
        alike = [h["c"] for h in found[0]["homoglyphs"] if len(h["c"]) == 1] if found else []
        smallest = min([char, *alike])
        if smallest in seen and smallest == char:
            return char
        if smallest in seen:
            return min(seen)
        seen.add(smallest)
        char = smallest


def skeleton(text: str) -> str:
    """Text as it looks: every character replaced by the one that stands for its look-alikes, so a name typed
    with Latin letters that look Cyrillic («OOO Poмaшкa») equals the real one."""
    return "".join(map(_prototype, text))


@functools.cache
def _legal_form_skeletons() -> frozenset[str]:
    return frozenset(skeleton(form) for form in LEGAL_FORMS)


def _look_key(name: str) -> str:
    """An organisation name as it looks (:func:`normalise_name`, then :func:`skeleton`): the legal form is left
    out even when typed in look-alike letters («OOO»)."""
    return " ".join(word for word in skeleton(normalise_name(name)).split() if word not in _legal_form_skeletons())


def _place_key(name: str) -> str:
    """A settlement name for comparison: also without «г.»/«пос.» prefixes and with hyphens as spaces."""
    return _PLACE_PREFIX.sub("", _label_key(name).replace("-", " ")).strip()


def slugify(text: str) -> str:
    """A stable ASCII id from a name: transliterated, lowercase, hyphens, at most ``SLUG_LENGTH`` characters."""
    ascii_text = "".join(_TRANSLIT.get(ch, ch) for ch in normalise_name(text))
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


_DAY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"(\d{4})(?:\s*г(?:ода?)?\.?)?")
_AFTER = re.compile(r"(?:не\s+ранее|not\s+before|после|after)\s+(.+)", re.IGNORECASE)


class _BadDate(ValueError):
    """A date that cannot be read; ``args[0]`` is the (ru, en) reason, empty when there is none to say."""


def parse_date(value: object) -> tuple[dt.date, str]:
    """A date cell as (first day of the period, precision); Excel date cells are days. Raises ``_BadDate``."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = _clean(value)
    after = _AFTER.fullmatch(text)
    if after:
        return parse_date(after.group(1))[0], "after"
    for pattern, order, precision in ((_DAY, (3, 2, 1), "day"), (_ISO_DAY, (1, 2, 3), "day"),
                                      (_MONTH, (2, 1, None), "month"), (_ISO_MONTH, (1, 2, None), "month"),
                                      (_YEAR, (1, None, None), "year")):
        match = pattern.fullmatch(text)
        if not match:
            continue
        year, month, day = (int(match.group(i)) if i else 1 for i in order)
        if not 1900 <= year <= 2100:
            raise _BadDate(_both("registry_reason_year_range"))
        try:
            return dt.date(year, month, day), precision
        except ValueError:
            raise _BadDate(_both("registry_reason_no_such_day")) from None
    raise _BadDate(("", ""))


def format_date_cell(value: dt.date | pd.Timestamp | None, precision: str) -> str:
    """The written form :func:`parse_date` reads back to the same date and precision ("" when unknown)."""
    if value is None or pd.isna(value) or precision == "unknown":
        return ""
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value.month:02d}.{value.year}"
    if precision == "after":
        return "не ранее " + format_date_cell(value, "month" if value.day == 1 else "day")
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def parse_number(value: object) -> float | None:
    """A number from a cell: decimal comma or point, spaces (also non-breaking) as thousands separators."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[\s'’]", "", _clean(value))
    text = re.sub(r"(?i)(₽|руб\.?|rub)$", "", text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")  # Russian decimal comma: "78,3"
    elif text.count(",") > 1 or text.count(".") > 1:
        text = text.replace(",", "").replace(".", "")  # thousands separators: "1,234,567"
    return float(text) if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text) else None


def _period_end(value: dt.date, precision: str) -> dt.date | None:
    """Last day the date may stand for; ``None`` when open-ended ("not before")."""
    if precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == "year":
        return value.replace(month=12, day=31)
    return None if precision == "after" else value


def _dates(value: dt.date, precision: str) -> Pair:
    return format_date(value, precision, "ru"), format_date(value, precision, "en")


# --------------------------------------------------------------------------------------------------------------
# look-ups: vocabularies, sectors, settlements, organisations, projects
# --------------------------------------------------------------------------------------------------------------


class Lookup:
    """Finds an id by what a person writes for it (id, names, labels), with ambiguity and a suggestion."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[object], Pair]], key: Callable[[str], str]):
        self._key = key
        self.ids: dict[str, str] = {}
        self.keys: dict[str, list[str]] = {}
        self.display: dict[str, Pair] = {}
        for ident, names, display in entries:
            self.ids[str(ident).casefold()] = ident
            self.display[ident] = display
            for name in names:
                if isinstance(name, str) and name.strip() and key(name):
                    owners = self.keys.setdefault(key(name), [])
                    if ident not in owners:
                        owners.append(ident)

    def find(self, text: str) -> list[str]:
        """Ids the text names: the id itself first, else every entry sharing its normalised name."""
        if text.casefold() in self.ids:
            return [self.ids[text.casefold()]]
        return list(self.keys.get(self._key(text), []))

    def suggest(self, text: str) -> Pair | None:
        close = difflib.get_close_matches(self._key(text), list(self.keys), n=1, cutoff=0.6)
        return self.display[self.keys[close[0]][0]] if close else None

    def names(self, ids: Iterable[str]) -> Pair:
        """Display names with their ids, for telling look-alikes apart."""
        pairs = [(self.display[i], i) for i in ids]
        return (", ".join(f"«{ru}» ({i})" for (ru, _), i in pairs),
                ", ".join(f"«{en}» ({i})" for (_, en), i in pairs))

    def label(self, ident: str, candidates: Iterable[object]) -> str:
        """The first candidate text that names only ``ident`` (for writing a reference back), else the id."""
        for text in candidates:
            if isinstance(text, str) and text and self.find(text) == [ident]:
                return text
        return ident


def vocab_lookup(terms: Mapping[str, Term], extra: Mapping[str, Iterable[str]] | None = None) -> Lookup:
    extra = extra or {}
    return Lookup(((code, (code, t.ru, t.en, *extra.get(code, ())), (t.ru, t.en)) for code, t in terms.items()),
                  _label_key)


def frame_records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    """Rows of a package table as dicts, missing values as ``None``."""
    return ({k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records"))


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, list | tuple | dict) and bool(pd.isna(value)))


def org_lookup(records: Iterable[Mapping[str, Any]]) -> Lookup:
    keys = ("org_id", "name_ru", "name_en", "short_name_ru", "short_name_en", "inn")
    return Lookup(((r["org_id"], [r.get(k) for k in keys], (r.get("name_ru") or r["org_id"],) * 2)
                   for r in records if r.get("org_id")), normalise_name)


def project_lookup(records: Iterable[Mapping[str, Any]]) -> Lookup:
    return Lookup(((r["project_id"], [r.get("title_ru"), r.get("title_en")],
                    (r.get("title_ru") or r["project_id"], r.get("title_en") or r.get("title_ru") or r["project_id"]))
                   for r in records if r.get("project_id")), _label_key)


def sector_lookup(sectors: pd.DataFrame) -> Lookup:
    return Lookup(((r["sector_id"], [r["name_ru"], r["name_en"]], (r["name_ru"], r["name_en"]))
                   for r in frame_records(sectors)), _label_key)


def settlement_lookup(settlements: pd.DataFrame) -> Lookup:
    return Lookup(((r["settlement_id"], [r["name_ru"], r["name_en"]], (r["name_ru"], r["name_en"]))
                   for r in frame_records(settlements)), _place_key)


# --------------------------------------------------------------------------------------------------------------
# reading files into raw tables
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Hollow:
    """Cells of a sheet that read as empty although the author filled them: the covered part of a merged area
    (its value sits in the area's first cell only) and formulas saved without a computed value."""

    # column (from 1) -> merged areas crossing it as (first row, last row, first column, area), by first row
    merged: dict[int, list[tuple[int, int, int, str]]] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column from 1)

    def why(self, row: int, column: int) -> tuple[str, dict[str, str]] | None:
        """The finding code and its parameters for an empty cell, if the emptiness comes from the sheet's form."""
        if (row, column) in self.formulas:
            return "formula_no_value", {}
        areas = self.merged.get(column, [])
        # areas do not overlap, so only the last one starting at or above the row can cover it
        index = bisect.bisect_right(areas, (row, math.inf)) - 1
        if index >= 0:
            first_row, last_row, first_column, area = areas[index]
            if row <= last_row and (row, column) != (first_row, first_column):  # the first cell holds the value
                return "merged_cell", {"area": area}
        return None


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _hollow_cells(sheet: Any, max_row: int, max_column: int) -> Hollow:
    """Merged areas and value-less formulas of a read-only sheet, from its XML (read-only openpyxl exposes
    neither). Streamed, like the rows: the sheet's unpacked size is bounded before this is called."""
    hollow = Hollow()
    with sheet.parent._archive.open(sheet._worksheet_path) as xml:
        cell: str | None = None
        formula = value = False
        areas = 0
        for event, element in ElementTree.iterparse(xml, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_SHEET_NS}c":
                    cell, formula, value = element.get("r"), False, False
                continue
            if tag == f"{_SHEET_NS}f":
                formula = True
            elif tag in (f"{_SHEET_NS}v", f"{_SHEET_NS}is"):
                value = value or bool(element.text) or len(element) > 0
            elif tag == f"{_SHEET_NS}c":
                if formula and not value and cell:
                    row, column = coordinate_to_tuple(cell)
                    if row <= max_row and column <= max_column:
                        hollow.formulas.add((row, column))
                element.clear()
            elif tag == f"{_SHEET_NS}mergeCell" and areas < max_row:
                areas += 1
                area = element.get("ref", "")
                with contextlib.suppress(ValueError, TypeError):
                    first_column, first_row, last_column, last_row = range_boundaries(area)
                    for column in range(first_column, min(last_column, max_column) + 1):
                        hollow.merged.setdefault(column, []).append((first_row, last_row, first_column, area))
            elif tag == f"{_SHEET_NS}row":
                element.clear()
    for column_areas in hollow.merged.values():
        column_areas.sort()
    return hollow


@dataclass
class _Raw:
    """One sheet or CSV file as read: its registry sheet, the columns found and the data rows."""

    spec: Sheet
    file: str
    sheet: str | None
    columns: list[tuple[Column, int, str]]  # column, cell index, header as written
    rows: list[tuple[int, tuple[object, ...]]]  # row number as Excel shows it, cells
    hollow: Hollow = field(default_factory=lambda: Hollow())  # cells that look empty but are not


def _titles(sheets: Iterable[Sheet] = SHEETS) -> Pair:
    ru, en = (", ".join(s.title(lang) for s in sheets) for lang in LANGS)
    return ru, en


def _read(path: Path, out: _Out, lang: str) -> list[_Raw]:
    here = Loc(path.name)
    out.place(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        out.add("file_unreadable", here, reason=_both("registry_reason_file_not_found"))
        return []
    if size > MAX_UPLOAD_BYTES:
        out.add("file_too_large", here, size=f"{size / 2**20:.1f}", limit=MAX_UPLOAD_BYTES // 2**20)
        return []
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES + CSV_SUFFIXES:
        out.add("file_type", here, suffix=suffix or path.name)
        return []
    if size == 0:
        out.add("file_empty", here)
        return []
    return _read_workbook(path, out, lang) if suffix in EXCEL_SUFFIXES else _read_csv(path, out, lang)


def _unpacked_sheets_bytes(path: Path) -> int | None:
    """How many bytes the workbook's sheets unpack to, from its zip directory alone; ``None`` if it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(entry.file_size for entry in archive.infolist()
                       if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError):
        return None


def _read_workbook(path: Path, out: _Out, lang: str) -> list[_Raw]:
    unpacked = _unpacked_sheets_bytes(path)
    limit = MAX_ROWS * MAX_SHEET_XML_BYTES_PER_ROW
    if unpacked is not None and unpacked > limit:
        out.add("workbook_unpacks_too_large", Loc(path.name), size=f"{unpacked / 2**20:.0f}",
                limit=f"{limit / 2**20:.0f}", rows=MAX_ROWS)
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
            # read-only: rows are streamed from the file, never the whole sheet held as cell objects
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # a damaged file raises anything from zipfile, the XML parsers or openpyxl
        out.add("file_unreadable", Loc(path.name), reason=_both("registry_reason_not_workbook"))
        return []
    try:
        return _read_sheets(book, path, out, lang)
    finally:
        book.close()  # read-only workbooks keep their file open until closed


def _read_sheets(book: openpyxl.Workbook, path: Path, out: _Out, lang: str) -> list[_Raw]:
    raws: list[_Raw] = []
    seen: dict[str, str] = {}
    for sheet in book.worksheets:
        here = Loc(path.name, sheet.title)
        out.place(path.name, sheet.title)
        if header_key(sheet.title) in AUXILIARY:
            continue
        spec = sheet_for(sheet.title)
        if spec is None:
            out.add("sheet_unknown", here, severity="warning", sheet=sheet.title, titles=_titles())
            continue
        if spec.table in seen:
            out.add("sheet_duplicate", here, sheet=sheet.title, first=seen[spec.table],
                    table=_titles([spec]))
            continue
        seen[spec.table] = sheet.title
        # What the sheet declares it spans (a stray cell at XFD1048576 makes it a million rows of 16 384 cells):
        # beyond the limits it is refused before a cell is read.
        if (sheet.max_row or 0) > MAX_ROWS + HEADER_SEARCH_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
            out.add("sheet_too_large", here, rows=MAX_ROWS, columns=MAX_COLUMNS, extent=sheet.calculate_dimension())
            continue
        # The declaration may be missing or false: the rows are read up to the limit all the same.
        rows = _bounded_rows(sheet.iter_rows(max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1, max_col=MAX_COLUMNS,
                                             values_only=True), here, out)
        if rows is None:
            continue
        raw = _raw_table(spec, path.name, sheet.title, rows, out, lang)
        if raw:
            raw.hollow = _hollow_cells(sheet, MAX_ROWS + HEADER_SEARCH_ROWS + 1, MAX_COLUMNS)
            raws.append(raw)
    if not seen:
        out.add("no_sheets", Loc(path.name), titles=_titles())
    return raws


def _bounded_rows(rows: Iterable[tuple[object, ...]], here: Loc, out: _Out
                  ) -> list[tuple[int, tuple[object, ...]]] | None:
    """The rows of a sheet or file up to the row limit, numbered as a spreadsheet shows them; ``None`` for a table
    with more rows (reported, none of its rows checked: that would take minutes)."""
    kept = []
    for number, cells in enumerate(rows, start=1):
        if not any(cell is not None and cell != "" for cell in cells):
            continue  # an empty row (a sheet pads its gaps with them) holds nothing to check
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            out.add("too_many_rows", here, limit=MAX_ROWS)
            return None
        kept.append((number, tuple(cells)))
    return kept


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's «Unicode text»), else Windows-1251."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1251")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _is_binary(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    return "\x00" in sample or control > len(sample) / 100


def _parse_csv(text: str, delimiter: str) -> list[tuple[int, tuple[object, ...]]]:
    # A quoted line break stays inside one cell, as in Excel, so the row number counts records, not lines.
    return [(n, tuple(r)) for n, r in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)]


def _sniff(text: str) -> str:
    """The delimiter under which the first line splits into the most known headers, then the most cells."""
    head = "\n".join(text.splitlines()[:20])

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = _parse_csv(head, delimiter)
        except csv.Error:
            return -1, -1
        header = rows[0][1] if rows else ()
        known = sum(1 for cell in header if any(s.match(cell) for s in SHEETS))
        return known, len(header)

    return max((",", ";", "\t"), key=score)


def _read_csv(path: Path, out: _Out, lang: str) -> list[_Raw]:
    here = Loc(path.name)
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0":
        out.add("file_unreadable", here, reason=_both("registry_reason_workbook_not_csv"))
        return []
    text = _decode(data)
    if text is None or _is_binary(text):
        out.add("file_unreadable", here, reason=_both("registry_reason_not_csv_text"))
        return []
    if not text.strip():
        out.add("file_empty", here)
        return []
    try:
        rows = _bounded_rows(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff(text)), here, out)
    except csv.Error as exc:
        out.add("file_unreadable", here, reason=_both("registry_reason_csv_parse", error=exc))
        return []
    if rows is None:
        return []
    spec = sheet_for(path.stem) or _guess_sheet(rows, out, here)
    raw = _raw_table(spec, path.name, None, rows, out, lang) if spec else None
    return [raw] if raw else []


def _guess_sheet(rows: list[tuple[int, tuple[object, ...]]], out: _Out, here: Loc) -> Sheet | None:
    """The sheet whose columns the first non-empty row names most; ``None`` (and an error) when unclear."""
    header = next((cells for _, cells in rows if any(_clean(c) for c in cells)), ())
    scores = [sum(1 for cell in header if _clean(cell) and s.match(_clean(cell))) for s in SHEETS]
    best = max(scores)
    winners = [s for s, score in zip(SHEETS, scores, strict=True) if score == best]
    if best and len(winners) == 1:
        return winners[0]
    candidates = _both("registry_fits", sheets=_titles(winners)) if best else ("", "")
    files = ", ".join(f"{s.table}.csv" for s in SHEETS)
    out.add("table_unknown", here, candidates=candidates, files=files)
    return None


def _raw_table(spec: Sheet, file: str, sheet: str | None, rows: list[tuple[int, tuple[object, ...]]],
               out: _Out, lang: str) -> _Raw | None:
    """Find the header row, map its headers to columns, report unknown, repeated and missing columns."""
    whole_file = sheet is None  # a CSV file is one table: no rows is an error, an empty sheet only skipped
    filled = [(n, cells) for n, cells in rows if any(_clean(c) for c in cells)]
    if not filled:
        if whole_file:
            out.add("file_empty", Loc(file))
        else:
            out.add("no_rows", Loc(file, sheet), severity="warning", effect=_both("registry_sheet_skipped"))
        return None
    header_row, header = next(((n, cells) for n, cells in filled[:HEADER_SEARCH_ROWS]
                               if any(spec.match(_clean(c)) for c in cells if _clean(c))), filled[0])
    columns: list[tuple[Column, int, str]] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(header):
        written = _clean(cell)
        if not written:
            continue
        column = spec.match(written)
        here = Loc(file, sheet, header_row, written, written)
        if column is None:
            headers = {header_key(c.header(lang)): c.header(lang) for c in spec.columns}
            close = difflib.get_close_matches(header_key(written), list(headers), n=1, cutoff=0.6)
            out.add("column_unknown", here, severity="warning", table=_titles([spec]),
                    suggest=headers[close[0]] if close else None)
        elif column.field in seen:
            out.add("column_duplicate", here, first=seen[column.field])
        else:
            seen[column.field] = written
            columns.append((column, index, written))
    for column in spec.columns:
        if column.required and column.field not in seen:
            out.add("column_missing", Loc(file, sheet, header_row, column.header(lang)))
    data = [(n, cells) for n, cells in filled if n > header_row]
    if not data:
        out.add("no_rows", Loc(file, sheet), severity="error" if whole_file else "warning",
                effect=("", "") if whole_file else _both("registry_sheet_skipped"))
        return None
    return _Raw(spec, file, sheet, columns, data)



# --------------------------------------------------------------------------------------------------------------
# converting cells to package values
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Record:
    """One row: package values and where each came from."""

    row: Loc
    values: dict[str, Any] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)

    def loc(self, name: str) -> Loc:
        return self.locs.get(name, self.row)


@dataclass
class _Context:
    """What converting cells needs: the current package, look-ups and where findings go."""

    base: ClusterData
    out: _Out
    orgs: Lookup
    projects: Lookup
    sectors: Lookup
    settlements: Lookup
    org_where: Pair = field(default_factory=lambda: _both("registry_in_current"))
    project_where: Pair = field(default_factory=lambda: _both("registry_in_current"))
    vocabs: dict[int, Lookup] = field(default_factory=dict)

    def vocab(self, column: Column) -> Lookup:
        extra = BOOLEAN_WORDS if column.kind is Kind.BOOLEAN else None
        if column.vocab is SCOPE:  # the staff may write this cluster's own name for its scope
            extra = {"regional_cluster": [self.base.meta.short_name(lang) for lang in LANGS]}
        return self.vocabs.setdefault(id(column.vocab), vocab_lookup(column.vocab or {}, extra))


@dataclass
class _Cell:
    column: Column
    loc: Loc
    raw: object
    text: str
    ctx: _Context

    def bad(self, code: str, **params: Any) -> None:
        self.ctx.out.add(code, self.loc, **params)


def _one(cell: _Cell, lookup: Lookup, unknown: str, ambiguous: str | None = None, **params: Any) -> str | None:
    """Resolve a cell through a look-up, reporting an unknown (with a suggestion) or ambiguous value."""
    found = lookup.find(cell.text)
    if len(found) == 1:
        return found[0]
    if found and ambiguous:
        cell.bad(ambiguous, candidates=lookup.names(found))
    else:
        cell.bad(unknown, suggest=lookup.suggest(cell.text), **params)
    return None


def _convert_id(cell: _Cell) -> str | None:
    ident = cell.text.lower()
    if ID_PATTERN.fullmatch(ident):
        return ident
    cell.bad("id_invalid")
    return None


def _convert_number(cell: _Cell) -> float | int | None:
    integer = cell.column.kind is Kind.INTEGER
    number = parse_number(cell.raw)
    if number is not None and (not math.isfinite(number) or (cell.column.maximum is not None
                                                             and number > cell.column.maximum)):
        # 400 nines or 1e309 are infinite as floats: no registry value, and never to be published
        limit = cell.column.maximum or 0
        cell.bad("number_too_large", limit=(format_number(limit, "ru"), format_number(limit, "en")))
        return None
    if number is None or (integer and not number.is_integer()):
        cell.bad("integer_format" if integer else "number_format")
        return None
    if number < 0:
        cell.bad("number_negative")
        return None
    return int(number) if integer else number


def _convert_date(cell: _Cell) -> tuple[dt.date, str] | None:
    try:
        return parse_date(cell.raw)
    except _BadDate as exc:
        cell.bad("date_format", reason=exc.args[0])
        return None


def _convert_enum(cell: _Cell) -> str | None:
    lookup = cell.ctx.vocab(cell.column)
    if cell.column.kind is Kind.BOOLEAN:
        if isinstance(cell.raw, bool):
            return "true" if cell.raw else "false"
        found = lookup.find(cell.text)
        if len(found) != 1:
            cell.bad("boolean_format")
        return found[0] if len(found) == 1 else None
    terms = cell.column.vocab or {}
    allowed = ("; ".join(t.ru for t in terms.values()), "; ".join(t.en for t in terms.values()))
    return _one(cell, lookup, "enum_unknown", allowed=allowed)


def _convert_sector(cell: _Cell) -> str | None:
    sectors = cell.ctx.base.sectors
    allowed = ("; ".join(sectors["name_ru"]), "; ".join(sectors["name_en"]))
    return _one(cell, cell.ctx.sectors, "sector_unknown", allowed=allowed)


def _convert_settlement(cell: _Cell) -> str | None:
    return _one(cell, cell.ctx.settlements, "settlement_unknown", "settlement_ambiguous")


def _convert_project(cell: _Cell) -> str | None:
    return _one(cell, cell.ctx.projects, "project_unknown", "project_ambiguous", where=cell.ctx.project_where)


def _convert_orgs(cell: _Cell) -> list[str]:
    """Organisations separated by «;» (or line breaks); each unknown or ambiguous one reported by name."""
    ids: list[str] = []
    for token in re.split(r"[;\n]", cell.text):
        token = token.strip()
        if not token:
            continue
        part = _Cell(cell.column, Loc(cell.loc.file, cell.loc.sheet, cell.loc.row, cell.loc.column, token),
                     token, token, cell.ctx)
        found = _one(part, cell.ctx.orgs, "org_unknown", "org_ambiguous", where=cell.ctx.org_where)
        if found and found not in ids:
            ids.append(found)
    return ids


def _convert_number_text(cell: _Cell) -> str:
    """INN/OGRN: digits as text; a number cell that lost its leading zero gets it back."""
    raw = cell.raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        digits = str(int(raw))
        return digits.zfill(10) if len(digits) == 9 else digits.zfill(12) if len(digits) == 11 else digits
    return re.sub(r"\s", "", cell.text)


def _convert_urls(cell: _Cell) -> str:
    return " ".join(token.rstrip(",;") for token in cell.text.split())


CONVERTERS: dict[Kind, Callable[[_Cell], Any]] = {
    Kind.ID: _convert_id,
    Kind.TEXT: lambda cell: cell.text,
    Kind.DATE: _convert_date,
    Kind.ENUM: _convert_enum,
    Kind.BOOLEAN: _convert_enum,
    Kind.NUMBER: _convert_number,
    Kind.INTEGER: _convert_number,
    Kind.ORGS: _convert_orgs,
    Kind.URLS: _convert_urls,
    Kind.URL: _convert_urls,
    Kind.SETTLEMENT: _convert_settlement,
    Kind.SECTOR: _convert_sector,
    Kind.PROJECT: _convert_project,
    Kind.INN: _convert_number_text,
    Kind.OGRN: _convert_number_text,
}


def _convert(raw: _Raw, ctx: _Context) -> list[_Record]:
    """Every row of a raw table as package values; each bad cell reported at its place."""
    records = []
    for number, cells in raw.rows:
        record = _Record(Loc(raw.file, raw.sheet, number))
        for column, index, header in raw.columns:
            value = cells[index] if index < len(cells) else None
            text = _clean(value)
            loc = Loc(raw.file, raw.sheet, number, header, text or None)
            record.locs[column.field] = loc
            if isinstance(value, str) and value != value.translate(_INVISIBLE):
                ctx.out.add("invisible_removed", loc, severity="warning")
            if not text:
                hollow = raw.hollow.why(number, index + 1)
                if hollow:
                    code, params = hollow
                    ctx.out.add(code, loc, severity="error" if column.required else "warning", **params)
                elif column.required:
                    hint = _both("registry_what_to_enter", hint=(column.hint("ru"), column.hint("en")))
                    ctx.out.add("required", loc, what=hint if column.hint("ru") else _both("registry_fill_cell"))
                continue
            converted = CONVERTERS[column.kind](_Cell(column, loc, value, text, ctx))
            if column.kind is Kind.DATE and converted:
                record.values[column.field], record.values[f"{column.field}_precision"] = converted
            elif converted is not None:
                record.values[column.field] = converted
        _derive(raw.spec, record)
        records.append(record)
    _assign_ids(raw.spec, records, ctx.out)
    return records


def _derive(spec: Sheet, record: _Record) -> None:
    """Fields the package needs that the sheet does not carry, from the ones it does."""
    values = record.values
    for column in spec.columns:
        name = column.field
        if column.kind is Kind.DATE:
            values.setdefault(name, None)
            values.setdefault(f"{name}_precision", "unknown")
        if not values.get(name) and column.fallback and values.get(column.fallback):
            values[name] = values[column.fallback]
        if name not in values and column.default is not None:
            values[name] = column.default
    if spec.table == "organisations" and not values.get("location_precision"):
        values["location_precision"] = "settlement" if values.get("settlement_id") else "unknown"


def _assign_ids(spec: Sheet, records: list[_Record], out: _Out) -> None:
    """Report repeated ids; give rows without one a slug of their name, unique within the sheet."""
    taken: dict[str, int | None] = {}
    for record in records:
        ident = record.values.get(spec.id_field)
        if not ident:
            continue
        if ident in taken:
            out.add("id_duplicate", record.loc(spec.id_field), first=taken[ident])
        else:
            taken[ident] = record.row.row
    for record in records:
        if record.values.get(spec.id_field) or record.loc(spec.id_field).value:
            continue  # has an id, or an invalid one already reported
        stem = slugify(" ".join(str(record.values.get(f) or "") for f in spec.slug_from)) or spec.table
        ident, n = stem, 1
        while ident in taken:
            n += 1
            ident = f"{stem}-{n}"
        taken[ident] = record.row.row
        record.values[spec.id_field] = ident


# --------------------------------------------------------------------------------------------------------------
# domain checks, shared by the import and the package check
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Domain:
    """What the domain checks compare against: the cluster's metadata, gazetteer and outline."""

    meta: ClusterMeta
    settlements: pd.DataFrame
    boundary: dict | None
    out: _Out
    today: dt.date = field(default_factory=dt.date.today)


def _domain_checks(spec: Sheet, records: list[_Record], domain: _Domain) -> None:
    for record in records:
        for column in spec.columns:
            value = record.values.get(column.field)
            if value is None or value == "":
                continue
            loc = record.loc(column.field)
            if column.kind in (Kind.TEXT, Kind.URLS, Kind.URL):
                _check_text(str(value), loc, domain.out)
            if column.kind in (Kind.URLS, Kind.URL):
                _check_urls(column, str(value), loc, domain.out)
            elif column.kind is Kind.INN and (fault := inn_fault(str(value))):
                domain.out.add("inn_invalid", loc, reason=_both(_NUMBER_FAULTS["inn", fault]))
            elif column.kind is Kind.OGRN and (fault := ogrn_fault(str(value))):
                domain.out.add("ogrn_invalid", loc, reason=_both(_NUMBER_FAULTS["ogrn", fault]))
            elif column.kind is Kind.DATE:
                _check_date(spec, column, record, domain)
            elif column.kind is Kind.SETTLEMENT:
                _check_region(str(value), loc, domain)
    if spec.table == "organisations":
        _check_duplicate_orgs(records, domain.out)


# (number, fault) -> the catalogue's reason
_NUMBER_FAULTS: dict[tuple[str, str], str] = {
    ("inn", "length"): "registry_reason_inn_length",
    ("ogrn", "length"): "registry_reason_ogrn_length",
    ("inn", "checksum"): "registry_reason_check_digit",
    ("ogrn", "checksum"): "registry_reason_check_digit",
}


def _check_text(text: str, loc: Loc, out: _Out) -> None:
    if len(text) > MAX_TEXT_CHARS:
        out.add("text_too_long", loc, limit=MAX_TEXT_CHARS, length=len(text))
    if text.startswith(FORMULA_PREFIXES):
        out.add("formula_like", loc, severity="warning", char=text[0])


def _check_urls(column: Column, text: str, loc: Loc, out: _Out) -> None:
    tokens = text.split()
    if column.kind is Kind.URL and len(tokens) > 1:
        out.add("url_several", loc, count=len(tokens))
    for token in tokens:
        parts = urlsplit(token)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            out.add("url_invalid", Loc(loc.file, loc.sheet, loc.row, loc.column, token))


def _check_date(spec: Sheet, column: Column, record: _Record, domain: _Domain) -> None:
    """Before the launch, in the future, or before the date that opens its period."""
    values, loc = record.values, record.loc(column.field)
    value, precision = values[column.field], values.get(f"{column.field}_precision", "day")
    end = _period_end(value, precision)
    launch = domain.meta.launch_date
    of_cluster = values.get("scope", "regional_cluster") == "regional_cluster"
    rule = column.date
    if rule.launch and end and end < launch and of_cluster and values.get("kind") not in PRE_LAUNCH_KINDS:
        domain.out.add("date_before_launch", loc, severity=rule.launch, date=_dates(value, precision),
                       launch=_dates(launch, "day"), advice=_both(f"registry_advice_launch_{rule.launch}"))
    if rule.past and value > domain.today:
        domain.out.add("date_in_future", loc, date=_dates(value, precision))
    start = values.get(rule.ends) if rule.ends else None
    if start and end and end < start:
        opening = spec.column(rule.ends) if rule.ends else None
        domain.out.add("end_before_start", loc, date=_dates(value, precision),
                       start=_dates(start, values.get(f"{rule.ends}_precision", "day")),
                       start_column=record.loc(rule.ends).column or (opening.header("ru") if opening else ""))


def _check_region(settlement_id: str, loc: Loc, domain: _Domain) -> None:
    rows = domain.settlements[domain.settlements["settlement_id"] == settlement_id]
    if rows.empty:
        return
    place = rows.iloc[0]
    inside = place["region_code"] == domain.meta.region_code and (
        domain.boundary is None or geo.contains(domain.boundary, float(place["lat"]), float(place["lon"])))
    if not inside:
        written = loc.value if loc.value not in (None, settlement_id) else place["name_ru"]
        domain.out.add("settlement_outside_region", loc, severity="warning", value=written,
                       region=(domain.meta.region_ru, domain.meta.region_en))


def _check_duplicate_orgs(records: list[_Record], out: _Out) -> None:
    """The same INN, or the same name apart from case, quotes and legal form, on two rows."""
    by_inn: dict[str, _Record] = {}
    by_name: dict[str, _Record] = {}
    for record in records:
        inn, name = record.values.get("inn"), record.values.get("name_ru")
        if inn:
            first = by_inn.setdefault(inn, record)
            if first is not record:
                out.add("org_duplicate_inn", record.loc("inn"), first=first.row.row, name=first.values.get("name_ru"))
        if name and normalise_name(name):
            first = by_name.setdefault(_look_key(name), record)
            if first is not record:
                out.add("org_duplicate_name", record.loc("name_ru"), first=first.row.row, name=first.values["name_ru"])


# --------------------------------------------------------------------------------------------------------------
# public entry points
# --------------------------------------------------------------------------------------------------------------


def read_registry(path: Path, base: ClusterData, lang: str = "ru") -> ImportResult:
    """Read, check and convert a registry workbook or CSV table against the current package ``base``."""
    path = Path(path)
    out = _Out()
    tables = None
    try:
        raws = _read(path, out, lang)
        if raws:
            tables = _import(raws, base, out)
        elif not out.report().errors:  # every registry sheet was skipped: nothing would be imported
            out.add("no_rows", Loc(path.name), effect=("", ""))
    except Exception:  # the user gets a finding, never a traceback; the log keeps the details
        log.exception("registry import failed on %s", path)
        out.add("internal_error", Loc(path.name))
    report = out.report()
    return ImportResult(report, tables if report.ok else None)


def _import(raws: list[_Raw], base: ClusterData, out: _Out) -> dict[str, pd.DataFrame]:
    by_table = {raw.spec.table: raw for raw in raws}
    ctx = _Context(base, out, org_lookup(frame_records(base.organisations)),
                   project_lookup(frame_records(base.projects)), sector_lookup(base.sectors),
                   settlement_lookup(base.settlements))
    domain = _Domain(base.meta, base.settlements, base.boundary, out)
    records: dict[str, list[_Record]] = {}
    for spec in SHEETS:  # organisations first, projects before events: later sheets refer to earlier ones
        raw = by_table.get(spec.table)
        if raw is None:
            continue
        records[spec.table] = _convert(raw, ctx)
        _domain_checks(spec, records[spec.table], domain)
        where = _both("registry_on_sheet", sheet=(raw.sheet or spec.title("ru"), raw.sheet or spec.title("en")))
        if spec.table == "organisations":
            ctx.orgs, ctx.org_where = org_lookup(r.values for r in records[spec.table]), where
        elif spec.table == "projects":
            ctx.projects, ctx.project_where = project_lookup(r.values for r in records[spec.table]), where
    _check_dangling(records, by_table, base, out)
    return _frames(records, base)


def _check_dangling(records: dict[str, list[_Record]], by_table: dict[str, _Raw], base: ClusterData,
                    out: _Out) -> None:
    """Current rows that the import keeps must not lose the organisation or project they refer to."""
    if "organisations" in records:
        kept = {r.values.get("org_id") for r in records["organisations"]}
        referrers: dict[str, list[Pair]] = {}
        for link, (sheet, _) in LINKS.items():
            if sheet.table not in records:
                for org_id in base.tables[link]["org_id"]:
                    referrers.setdefault(org_id, []).append(_titles([sheet]))
        for org_id in base.tables.get("organisation_names", pd.DataFrame(columns=["org_id"]))["org_id"]:
            referrers.setdefault(org_id, []).append(_both("registry_referrer_former_names"))
        _report_dangling("ref_removed", referrers, kept, by_table["organisations"], base.organisations, "org_id",
                         "name_ru", out)
    if "projects" in records and "events" not in records:
        kept = {r.values.get("project_id") for r in records["projects"]}
        referrers = {pid: [_both("registry_referrer_events")] for pid in base.events["project_id"].dropna()}
        _report_dangling("project_removed", referrers, kept, by_table["projects"], base.projects, "project_id",
                         "title_ru", out)


def _report_dangling(code: str, referrers: dict[str, list[Pair]], kept: set[Any], raw: _Raw, frame: pd.DataFrame,
                     id_field: str, name_field: str, out: _Out) -> None:
    names = dict(zip(frame[id_field], frame[name_field], strict=True))
    for ident, where in referrers.items():
        if ident not in kept:
            unique = list(dict.fromkeys(where))
            out.add(code, Loc(raw.file, raw.sheet, value=ident), name=names.get(ident, ident),
                    tables=(", ".join(ru for ru, _ in unique), ", ".join(en for _, en in unique)))


def _csv_text(value: object) -> str:
    """A package value as the CSV files write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _frames(records: dict[str, list[_Record]], base: ClusterData) -> dict[str, pd.DataFrame]:
    """Package tables as text with exactly the schema's columns (taken from the loaded package)."""
    frames = {}
    for table, rows in records.items():
        columns = list(base.tables[table].columns)
        frames[table] = pd.DataFrame([[_csv_text(r.values.get(c)) for c in columns] for r in rows],
                                     columns=columns, dtype=str)
        spec = SHEET_BY_TABLE[table]
        for column in spec.links:
            link_columns = list(base.tables[str(column.link)].columns)
            pairs = [[r.values.get(spec.id_field, ""), org] for r in rows for org in r.values.get(column.field, [])]
            frames[str(column.link)] = pd.DataFrame(pairs, columns=link_columns, dtype=str)
    return frames


def _package_records(spec: Sheet, frame: pd.DataFrame, file: str) -> list[_Record]:
    """Rows of a loaded package table as records located in its CSV file (header = row 1)."""
    records = []
    for number, values in enumerate(frame_records(frame), start=2):
        values = {k: (v.date() if isinstance(v, pd.Timestamp) else v) for k, v in values.items()}
        locs = {k: Loc(file, None, number, k, _csv_text(v) or None) for k, v in values.items()}
        records.append(_Record(Loc(file, None, number), values, locs))
    return records


def validate_package(data_dir: Path) -> Report:
    """Schema problems of a package folder (as findings), then, if it loads, the registry's domain checks."""
    data_dir = Path(data_dir)
    out = _Out()
    try:
        data = load_package(data_dir)
    except PackageError as exc:
        for problem in exc.problems:
            out.problem(problem)
        return out.report()
    except Exception:  # as in read_registry
        log.exception("package check failed on %s", data_dir)
        out.add("internal_error", Loc(DESCRIPTOR))
        return out.report()
    descriptor = json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    domain = _Domain(data.meta, data.settlements, data.boundary, out)
    for spec in SHEETS:
        _domain_checks(spec, _package_records(spec, data.tables[spec.table], paths[spec.table]), domain)
    return out.report()
