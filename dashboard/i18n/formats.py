"""Russian and English formats of numbers, money, dates and counted nouns."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.i18n.catalogue import NOUNS
from dashboard.i18n.texts import t

NBSP = "\u00a0"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1 234,5 in Russian (non-breaking space, decimal comma); 1,234.5 in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def plural_ru(count: int, forms: tuple[str, str, str]) -> str:
    """The Russian form for ``count``: (one, few, many) as in 1 организация, 2 организации, 5 организаций."""
    if count % 10 == 1 and count % 100 != 11:
        return forms[0]
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return forms[1]
    return forms[2]


def counted(count: int, noun: str, lang: str) -> str:
    """A number with its noun in agreement: «21 организация», «1 234 организации»; "1 organisation"."""
    ru, en = NOUNS[noun]
    form = plural_ru(count, ru) if lang == "ru" else en[count != 1]
    return f"{format_number(count, lang)} {form}"


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
    if precision == "year":
        return f"{value.year}"
    if lang == "ru":
        text = f"{value.month:02d}.{value.year}" if precision in ("month", "after") else value.strftime("%d.%m.%Y")
    else:
        month = MONTHS_EN[value.month - 1]
        text = f"{month} {value.year}" if precision in ("month", "after") else f"{value.day} {month} {value.year}"
    return f"{t('not_before', lang)} {text}" if precision == "after" else text


def format_dates(dates: pd.Series, precisions: pd.Series, lang: str) -> pd.Series:
    """:func:`format_date` for whole columns at once (a registry has a hundred thousand of them)."""
    dates = pd.to_datetime(pd.Series(dates)).reset_index(drop=True)
    precisions = pd.Series(precisions).reset_index(drop=True)
    year = dates.dt.year.astype("Int64").astype("string")
    if lang == "ru":
        month = dates.dt.strftime("%m.%Y")
        day = dates.dt.strftime("%d.%m.%Y")
    else:
        names = dates.dt.month.map(lambda m: MONTHS_EN[int(m) - 1], na_action="ignore").astype("string")
        month = names + " " + year
        day = dates.dt.day.astype("Int64").astype("string") + " " + month
    text = day.where(precisions == "day", month)
    text = text.where(precisions != "year", year)
    text = text.where(precisions != "after", t("not_before", lang) + " " + month)
    return text.where(dates.notna() & (precisions != "unknown"), t("date_unknown", lang)).astype(object)
