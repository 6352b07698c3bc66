"""Russian and English formats of numbers, money, dates and counted nouns, by the rules of CLDR (through Babel)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import tokenize_pattern

from dashboard.i18n.catalogue import NOUNS
from dashboard.i18n.texts import t

NBSP = "\u00a0"

# Where a counted word's forms (catalogue.NOUNS) stand for each CLDR plural category of its language: Russian
# one/few/many (1 организация, 2 организации, 5 организаций), English one/other. Whole numbers never fall in
# Russian "other"; fractions do, and take the genitive singular, the form of "few" (1,5 организации).
PLURAL_FORMS: dict[str, dict[str, int]] = {
    "ru": {"one": 0, "few": 1, "many": 2, "other": 1},
    "en": {"one": 0, "other": 1},
}

# How precisely a date is known -> the CLDR skeleton of its pattern: 20.11.2014, 11.2014, 2014; Nov 2014.
DATE_SKELETONS = {"ru": {"day": "yMd", "month": "yM", "year": "y"}, "en": {"month": "yMMM", "year": "y"}}
# English days are written "20 Nov 2014", where CLDR English has "Nov 20, 2014" (and British English "Sept").
DATE_PATTERNS = {"ru": {}, "en": {"day": "d MMM y"}}

# The CLDR date fields the patterns above use, as str.format fields of (day, month, year, month name): positional,
# as keywords would double the cost of a date.
DATE_FIELDS = {("d", 1): "{0}", ("d", 2): "{0:02d}", ("M", 2): "{1:02d}", ("M", 3): "{3}", ("y", 1): "{2}"}


def _template(pattern: str) -> str:
    """A CLDR date pattern ("dd.MM.y") as a str.format template ("{0:02d}.{1:02d}.{2}")."""
    return "".join(DATE_FIELDS[value] if kind == "field" else value.replace("{", "{{").replace("}", "}}")
                   for kind, value in tokenize_pattern(pattern))


@dataclass(frozen=True)
class _Conventions:
    """A language's symbols, plural rule and date patterns, read from CLDR once: Babel's format_decimal and
    format_date parse their pattern on every call, 5–10 µs a value, several times the whole format here."""

    group: str
    decimal: str
    form_index: Callable[[float], int]  # which of a word's forms (PLURAL_FORMS order) agrees with a count
    month_names: tuple[str, ...]
    dates: Mapping[str, str]  # a date's precision -> its str.format template


@functools.cache
def _conventions(lang: str) -> _Conventions:
    language = "ru" if lang == "ru" else "en"
    locale = Locale(language)
    patterns = {precision: locale.datetime_skeletons[skeleton].pattern
                for precision, skeleton in DATE_SKELETONS[language].items()} | DATE_PATTERNS[language]
    dates = {precision: _template(pattern) for precision, pattern in patterns.items()}
    symbols = locale.number_symbols["latn"]
    forms = PLURAL_FORMS[language]

    # Babel's plural rule takes microseconds, and sentences count the same few numbers over and over.
    @functools.lru_cache(maxsize=4096)
    def form_index(count: float) -> int:
        return forms[locale.plural_form(count)]

    return _Conventions(
        group=symbols["group"],
        decimal=symbols["decimal"],
        form_index=form_index,
        month_names=tuple(locale.months["format"]["abbreviated"][month] for month in range(1, 13)),
        dates=dates | {"after": dates["month"]},  # «не ранее 04.2022»: "after" is known to the month
    )


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1 234,5 in Russian (non-breaking space, decimal comma); 1,234.5 in English."""
    symbols = _conventions(lang)
    # The decimal point first: a group symbol may be a point (German), never an underscore.
    return f"{value:_.{decimals}f}".replace(".", symbols.decimal).replace("_", symbols.group)


def plural(count: float, forms: tuple[str, ...], lang: str) -> str:
    """The form of a word that agrees with ``count``, of its forms in :data:`PLURAL_FORMS` order."""
    return forms[_conventions(lang).form_index(count)]


def plural_ru(count: int, forms: tuple[str, str, str]) -> str:
    """The Russian form for ``count``: (one, few, many) as in 1 организация, 2 организации, 5 организаций."""
    return plural(count, forms, "ru")


def counted(count: int, noun: str, lang: str) -> str:
    """A number with its noun in agreement: «21 организация», «1 234 организации»; "1 organisation"."""
    ru, en = NOUNS[noun]
    return f"{format_number(count, lang)} {plural(count, ru if lang == 'ru' else en, lang)}"


def format_rub(amount: float, lang: str) -> str:
    if amount >= 1e9:
        return t("rub_bln", lang).format(format_number(amount / 1e9, lang, 1 if amount % 1e9 else 0))
    if amount >= 1e6:
        return t("rub_mln", lang).format(format_number(amount / 1e6, lang, 1 if amount % 1e6 else 0))
    return t("rub", lang).format(format_number(amount, lang))


def format_date(value: dt.date | pd.Timestamp | None, precision: str, lang: str) -> str:
    """A date shown only as precisely as it is known: 20.11.2014, 11.2014, 2014, «не ранее 04.2022»."""
    if value is None or pd.isna(value) or precision == "unknown":
        return t("date_unknown", lang)
    rules = _conventions(lang)
    month = value.month
    text = rules.dates.get(precision, rules.dates["day"]).format(value.day, month, value.year,
                                                                 rules.month_names[month - 1])
    return f"{t('not_before', lang)} {text}" if precision == "after" else text


def format_dates(dates: pd.Series, precisions: pd.Series, lang: str) -> pd.Series:
    """:func:`format_date` for whole columns at once (a registry has a hundred thousand of them): each distinct
    (date, precision) pair is written once, and the rows take their text by index."""
    date_codes, distinct_dates = pd.factorize(pd.to_datetime(pd.Series(dates)), use_na_sentinel=False)
    precision_codes, distinct_precisions = pd.factorize(pd.Series(precisions), use_na_sentinel=False)
    pairs, rows = np.unique(date_codes * len(distinct_precisions) + precision_codes, return_inverse=True)
    date_of_pair, precision_of_pair = np.divmod(pairs, len(distinct_precisions))
    texts = [format_date(date, precision, lang) for date, precision in zip(
        distinct_dates.take(date_of_pair).to_pydatetime(), distinct_precisions.take(precision_of_pair), strict=True)]
    return pd.Series(np.asarray(texts, dtype=object)[rows], dtype=object)
