"""The registry workbook the cluster's staff fill in, declared once: its sheets, their columns, and where each
column goes in the data package.

The template writer (:mod:`dashboard.registry.template`), the importer (:mod:`dashboard.registry.importer`)
and every message about a cell read this table; no other module names a sheet or a column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from dashboard.data import vocab
from dashboard.data.vocab import Term


class Kind(StrEnum):
    """How a cell is read, checked and written."""

    ID = "id"  # package identifier: lowercase ASCII slug, generated from the name when empty
    TEXT = "text"
    DATE = "date"  # written form keeps the precision: 20.11.2014, 11.2014, 2014, «не ранее 04.2022»
    ENUM = "enum"  # a vocabulary: Russian label, English label or code
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"  # да/нет, yes/no
    ORGS = "orgs"  # list of organisations separated by ";" (names, short names, INN or ids)
    URLS = "urls"  # one or more http(s) URLs separated by spaces or line breaks
    URL = "url"  # exactly one http(s) URL
    SETTLEMENT = "settlement"  # a settlement of the package's gazetteer, by Russian or English name
    SECTOR = "sector"  # a sector of the package's sectors table, by name or id
    PROJECT = "project"  # a project by id or title
    INN = "inn"
    OGRN = "ogrn"


# Membership-count vocabulary: vocab.py has no labels for it (its test lists the field as unlabelled).
COUNTED: dict[str, Term] = {
    "participants": Term("Участники кластера", "Cluster participants"),
    "agreement_signatories": Term("Подписанты соглашения", "Agreement signatories"),
    "interregional_irkutsk_members": Term(
        "Иркутские участники межрегионального кластера", "Irkutsk members of the interregional cluster"
    ),
}

YES_NO: dict[str, Term] = {"true": Term("да", "yes"), "false": Term("нет", "no")}

# Events of these kinds precede a launch by nature (the launch is announced before it happens).
PRE_LAUNCH_KINDS = frozenset({"announcement"})

KIND_HINTS: dict[Kind, tuple[str, str]] = {
    Kind.ID: ("Латиница, цифры, дефис; пусто — создаётся из названия",
              "Lowercase Latin letters, digits, hyphens; empty: made from the name"),
    Kind.DATE: ("ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ; «не ранее ММ.ГГГГ» — если известна только нижняя граница",
                "DD.MM.YYYY, MM.YYYY or YYYY; «not before MM.YYYY» when only a lower bound is known"),
    Kind.ENUM: ("Выберите значение из списка", "Pick a value from the list"),
    Kind.NUMBER: ("Число цифрами, например 440000000 или 78,3", "A number in digits, e.g. 440000000 or 78.3"),
    Kind.INTEGER: ("Целое число", "A whole number"),
    Kind.BOOLEAN: ("да или нет", "yes or no"),
    Kind.ORGS: ("Названия, краткие названия, ИНН или идентификаторы организаций через «;»",
                "Names, short names, INN or ids of organisations separated by «;»"),
    Kind.URLS: ("Ссылки http(s)://…, несколько — через пробел", "http(s):// links, several separated by spaces"),
    Kind.URL: ("Адрес http(s)://…", "An http(s):// address"),
    Kind.SETTLEMENT: ("Выберите из списка населённых пунктов", "Pick from the list of settlements"),
    Kind.SECTOR: ("Выберите отрасль из списка", "Pick a sector from the list"),
    Kind.PROJECT: ("Идентификатор или название проекта с листа «Проекты»",
                   "Id or title of a project from the Projects sheet"),
    Kind.INN: ("10 цифр (организация) или 12 цифр (ИП)", "10 digits (company) or 12 digits (sole trader)"),
    Kind.OGRN: ("13 цифр (ОГРН) или 15 цифр (ОГРНИП)", "13 digits (OGRN) or 15 digits (OGRNIP)"),
}


@dataclass(frozen=True)
class Column:
    """One column of a registry sheet and the package field it fills."""

    field: str  # package field; for ORGS the pseudo-field whose values fill the ``link`` table
    header_ru: str
    header_en: str
    kind: Kind = Kind.TEXT
    required: bool = False
    width: int = 20
    vocab: Mapping[str, Term] | None = None  # ENUM and BOOLEAN
    link: str | None = None  # ORGS: link table (its columns: the sheet's id field and org_id)
    fallback: str | None = None  # field whose value fills this one when the cell is empty (name_en ← name_ru)
    default: str | None = None  # package value of an empty cell
    launch: Literal["error", "warning"] | None = None  # DATE: severity of a date before the cluster's launch
    past: bool = False  # DATE: must not be in the future
    ends: str | None = None  # DATE: closes the period opened by this date field (left after joined)
    hint_ru: str = ""
    hint_en: str = ""

    def header(self, lang: str) -> str:
        return self.header_ru if lang == "ru" else self.header_en

    def hint(self, lang: str) -> str:
        own = self.hint_ru if lang == "ru" else self.hint_en
        ru, en = KIND_HINTS.get(self.kind, ("", ""))
        return own or (ru if lang == "ru" else en)


@dataclass(frozen=True)
class Sheet:
    """One registry sheet: a package table plus the link tables its list columns fill."""

    table: str
    title_ru: str
    title_en: str
    id_field: str
    slug_from: tuple[str, ...]  # fields joined into a generated id
    about_ru: str
    about_en: str
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)

    def match(self, header: object) -> Column | None:
        """The column a header names: Russian or English header or the package field, any case and spacing."""
        key = header_key(header)
        return next((c for c in self.columns if key in _column_keys(c)), None)

    @property
    def links(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.link)


def header_key(header: object) -> str:
    """Headers compare without case, spaces, «ё» and the required-mark «*»."""
    text = str(header or "").casefold().replace("ё", "е").replace("*", "")
    return re.sub(r"\s+", "", text).rstrip(":")


def _column_keys(column: Column) -> set[str]:
    return {header_key(column.header_ru), header_key(column.header_en), header_key(column.field)}


def _provenance() -> tuple[Column, ...]:
    """Scope (if any), sources, confidence and notes: the tail every sheet shares."""
    return (
        Column("source_urls", "Источник (URL)", "Source (URL)", Kind.URLS, required=True, width=40,
               hint_ru="Ссылка на источник, подтверждающий строку; несколько — через пробел",
               hint_en="Link to the source behind the row; several separated by spaces"),
        Column("confidence", "Достоверность", "Confidence", Kind.ENUM, required=True, width=22,
               vocab=vocab.CONFIDENCE,
               hint_ru="«указано в источнике» или «наш вывод» (рассуждение — в примечаниях)",
               hint_en="«stated in the source» or «our inference» (reasoning in the notes)"),
        Column("notes_ru", "Примечания", "Notes", width=50),
        Column("notes_en", "Примечания (англ.)", "Notes (English)", width=50),
    )


def _ident(field: str) -> Column:
    return Column(field, "Идентификатор", "ID", Kind.ID, width=24)


def _scope() -> Column:
    return Column("scope", "Относится к", "Scope", Kind.ENUM, required=True, width=30, vocab=vocab.SCOPE,
                  hint_ru="Машиностроительный кластер, межрегиональный авиакластер 2019 г. или контекст региона",
                  hint_en="The machine-building cluster, the 2019 interregional aviation cluster or regional context")


def _title() -> tuple[Column, Column]:
    return (
        Column("title_ru", "Название", "Title", required=True, width=50),
        Column("title_en", "Название (англ.)", "Title (English)", width=40, fallback="title_ru",
               hint_ru="Пусто — используется русское название", hint_en="Empty: the Russian title is used"),
    )


def _amount() -> Column:
    return Column("amount_rub", "Сумма (руб.)", "Amount (RUB)", Kind.NUMBER, width=16)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "organisations", "Организации", "Organisations", "org_id", ("name_ru",),
        "Участники кластера и связанные организации: одна строка — одна организация.",
        "Cluster members and related bodies: one row per organisation.",
        (
            _ident("org_id"),
            Column("name_ru", "Название", "Name", required=True, width=45,
                   hint_ru="Полное название, например ПАО «Яковлев»", hint_en="Full name, e.g. ПАО «Яковлев»"),
            Column("name_en", "Название (англ.)", "Name (English)", width=35, fallback="name_ru",
                   hint_ru="Пусто — используется русское название", hint_en="Empty: the Russian name is used"),
            Column("short_name_ru", "Краткое название", "Short name", width=20),
            Column("short_name_en", "Краткое название (англ.)", "Short name (English)", width=20),
            Column("inn", "ИНН", "INN", Kind.INN, width=14),
            Column("ogrn", "ОГРН", "OGRN", Kind.OGRN, width=17),
            Column("sector", "Отрасль", "Sector", Kind.SECTOR, required=True, width=30),
            Column("role", "Роль", "Role", Kind.ENUM, required=True, width=26, vocab=vocab.ROLE),
            Column("status", "Статус участия", "Membership status", Kind.ENUM, required=True, width=26,
                   vocab=vocab.STATUS),
            Column("settlement_id", "Населённый пункт", "Settlement", Kind.SETTLEMENT, width=20),
            Column("location_precision", "Точность местоположения", "Location precision", Kind.ENUM, width=24,
                   vocab=vocab.LOCATION_PRECISION,
                   hint_ru="Пусто — «населённый пункт», если он указан, иначе «не указано»",
                   hint_en="Empty: «settlement» when one is given, else «not stated»"),
            Column("joined", "Дата вступления", "Joined", Kind.DATE, width=16, launch="warning", past=True),
            Column("left", "Дата выхода", "Left", Kind.DATE, width=16, past=True, ends="joined"),
            Column("website", "Сайт", "Website", Kind.URL, width=28),
            *_provenance(),
        ),
    ),
    Sheet(
        "agreements", "Соглашения", "Agreements", "agreement_id", ("title_ru",),
        "Соглашения о создании кластера, вступлении, инвестициях: одна строка — одно соглашение.",
        "Founding, joining and investment agreements: one row per agreement.",
        (
            _ident("agreement_id"),
            Column("signed", "Дата подписания", "Date signed", Kind.DATE, width=16, launch="error", past=True),
            *_title(),
            Column("kind", "Вид соглашения", "Kind", Kind.ENUM, required=True, width=24,
                   vocab=vocab.AGREEMENT_KIND),
            Column("parties", "Стороны", "Parties", Kind.ORGS, required=True, width=45,
                   link="agreement_parties"),
            Column("place_ru", "Место подписания", "Place", width=30),
            Column("place_en", "Место подписания (англ.)", "Place (English)", width=30),
            _amount(),
            _scope(),
            *_provenance(),
        ),
    ),
    Sheet(
        "projects", "Проекты", "Projects", "project_id", ("title_ru",),
        "Совместные и инвестиционные проекты: одна строка — один проект.",
        "Joint and investment projects: one row per project.",
        (
            _ident("project_id"),
            *_title(),
            # Planned projects may start or finish in the future, so neither date is held to the past.
            Column("started", "Начало", "Start", Kind.DATE, width=14, launch="error"),
            Column("finished", "Окончание", "Finish", Kind.DATE, width=14, ends="started"),
            Column("status", "Статус проекта", "Project status", Kind.ENUM, required=True, width=24,
                   vocab=vocab.PROJECT_STATUS),
            _amount(),
            Column("amount_note_ru", "Пояснение к сумме", "Amount note", width=35),
            Column("amount_note_en", "Пояснение к сумме (англ.)", "Amount note (English)", width=35),
            Column("participants", "Участники", "Participants", Kind.ORGS, width=45, link="project_participants"),
            _scope(),
            *_provenance(),
        ),
    ),
    Sheet(
        "events", "События", "Events", "event_id", ("title_ru",),
        "События хронологии: объявления, вехи, реестр, переименования, контекст региона.",
        "Timeline events: announcements, milestones, registry entries, renamings, regional context.",
        (
            _ident("event_id"),
            Column("date", "Дата", "Date", Kind.DATE, width=14, launch="error", past=True),
            Column("kind", "Вид события", "Kind", Kind.ENUM, required=True, width=24, vocab=vocab.EVENT_KIND),
            *_title(),
            Column("organisations", "Организации", "Organisations", Kind.ORGS, width=45,
                   link="event_organisations"),
            Column("project_id", "Проект", "Project", Kind.PROJECT, width=30),
            _scope(),
            *_provenance(),
        ),
    ),
    Sheet(
        "membership_counts", "Численность", "Membership counts", "count_id", ("counted", "date"),
        "Число участников кластера, как его называют источники.",
        "Participant counts as the sources report them.",
        (
            _ident("count_id"),
            Column("date", "Дата", "Date", Kind.DATE, required=True, width=14, launch="error", past=True),
            Column("count", "Число", "Count", Kind.INTEGER, required=True, width=10),
            Column("approximate", "Приблизительно", "Approximate", Kind.BOOLEAN, width=15, vocab=YES_NO,
                   default="false", hint_ru="«да», если источник пишет «около»; пусто — нет",
                   hint_en="«yes» when the source says «about»; empty: no"),
            Column("counted", "Что посчитано", "Counted", Kind.ENUM, required=True, width=30, vocab=COUNTED),
            _scope(),
            *_provenance(),
        ),
    ),
)

SHEET_BY_TABLE: dict[str, Sheet] = {s.table: s for s in SHEETS}

# Sheets of the template that hold no data: skipped on import without a warning.
INSTRUCTIONS = ("Инструкция", "Instructions")
LISTS = ("Списки", "Lists")
AUXILIARY = frozenset(header_key(t) for t in (*INSTRUCTIONS, *LISTS))

# Link tables filled from list columns: table -> (sheet, column).
LINKS: dict[str, tuple[Sheet, Column]] = {c.link: (s, c) for s in SHEETS for c in s.links if c.link}


def sheet_for(title: object) -> Sheet | None:
    """The registry sheet a sheet title or file stem names (Russian or English title, or the table name)."""
    key = header_key(title)
    return next((s for s in SHEETS if key in {header_key(s.title_ru), header_key(s.title_en), s.table}), None)
