"""Tests for dashboard/i18n: dates shown only as precisely as known, Russian/English numbers and roubles."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import string
from pathlib import Path

import pandas as pd
import pytest
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from dashboard.i18n import (
    DEFAULT_LANG,
    LANGS,
    NBSP,
    catalogue,
    counted,
    format_date,
    format_dates,
    format_number,
    format_rub,
    grid_locale,
    pick,
    plural,
    plural_ru,
    t,
)
from dashboard.i18n.catalogue import GRID, NOUNS, TEXT
from dashboard.i18n.formats import PLURAL_FORMS

NOV_20 = pd.Timestamp("2014-11-20")
DEC_1 = pd.Timestamp("2018-12-01")
APR_1 = pd.Timestamp("2022-04-01")
JAN_1 = pd.Timestamp("2021-01-01")


@pytest.mark.parametrize(
    ("value", "precision", "ru", "en"),
    [
        (NOV_20, "day", "20.11.2014", "20 Nov 2014"),
        (pd.Timestamp("2015-09-01"), "day", "01.09.2015", "1 Sep 2015"),
        (DEC_1, "month", "12.2018", "Dec 2018"),
        (pd.Timestamp("2015-08-01"), "month", "08.2015", "Aug 2015"),
        (JAN_1, "year", "2021", "2021"),
        (APR_1, "after", "не ранее 04.2022", "not before Apr 2022"),
        (NOV_20, "unknown", "дата неизвестна", "date unknown"),
        (None, "unknown", "дата неизвестна", "date unknown"),
        (pd.NaT, "unknown", "дата неизвестна", "date unknown"),
        # A missing date is never shown as a date, whatever precision a broken row claims.
        (pd.NaT, "day", "дата неизвестна", "date unknown"),
    ],
)
def test_format_date_by_precision(value, precision, ru, en):
    assert format_date(value, precision, "ru") == ru
    assert format_date(value, precision, "en") == en


def test_format_date_accepts_plain_dates():
    assert format_date(dt.date(2014, 11, 20), "day", "ru") == "20.11.2014"
    assert format_date(dt.date(2014, 11, 20), "day", "en") == "20 Nov 2014"
    assert format_date(dt.date(2018, 12, 1), "month", "en") == "Dec 2018"


def test_format_date_every_english_month():
    labels = [format_date(pd.Timestamp(year=2020, month=m, day=1), "month", "en") for m in range(1, 13)]
    assert labels == [f"{m} 2020" for m in
                      ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]


@pytest.mark.parametrize(
    ("value", "decimals", "ru", "en"),
    [
        (1234.5, 1, f"1{NBSP}234,5", "1,234.5"),
        (1234567, 0, f"1{NBSP}234{NBSP}567", "1,234,567"),
        (440, 0, "440", "440"),
        (0.25, 2, "0,25", "0.25"),
        (78.3, 1, "78,3", "78.3"),
    ],
)
def test_format_number(value, decimals, ru, en):
    assert format_number(value, "ru", decimals) == ru
    assert format_number(value, "en", decimals) == en


def test_cldr_writes_numbers_as_the_product_does():
    """The product's number format is CLDR's: a newer CLDR that changed it would change every page."""
    assert get_group_symbol("ru") == NBSP
    assert get_decimal_symbol("ru") == ","
    assert (get_group_symbol("en"), get_decimal_symbol("en")) == (",", ".")


def test_format_number_negative_and_rounded():
    assert format_number(-1234.56, "ru", 1) == f"-1{NBSP}234,6"
    assert format_number(-1234.56, "en", 1) == "-1,234.6"
    assert format_number(999_999.5, "ru") == f"1{NBSP}000{NBSP}000"


def test_format_number_russian_uses_no_plain_space_or_comma_grouping():
    text = format_number(25_000_000, "ru")
    assert text == f"25{NBSP}000{NBSP}000"
    assert " " not in text


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (0, "0 организаций", "0 organisations"),
        (1, "1 организация", "1 organisation"),
        (2, "2 организации", "2 organisations"),
        (4, "4 организации", "4 organisations"),
        (5, "5 организаций", "5 organisations"),
        (11, "11 организаций", "11 organisations"),
        (12, "12 организаций", "12 organisations"),
        (14, "14 организаций", "14 organisations"),
        (21, "21 организация", "21 organisations"),
        (22, "22 организации", "22 organisations"),
        (111, "111 организаций", "111 organisations"),
        (1234, f"1{NBSP}234 организации", "1,234 organisations"),
    ],
)
def test_counted_agrees_the_noun_with_the_number(count, ru, en):
    assert counted(count, "organisations", "ru") == ru
    assert counted(count, "organisations", "en") == en


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_cldr_plural_category_has_a_form(lang):
    """A CLDR category the forms lack (a newer CLDR's) would pick no form: the test names it first."""
    assert set(PLURAL_FORMS[lang]) == {*Locale(lang).plural_form.tags, "other"}


def test_every_counted_noun_has_a_form_for_each_category():
    for ru, en in NOUNS.values():
        assert len(ru) == max(PLURAL_FORMS["ru"].values()) + 1
        assert len(en) == max(PLURAL_FORMS["en"].values()) + 1


@pytest.mark.parametrize(
    ("count", "noun", "verb"),
    [
        (1, "организация", "вступила"),
        (3, "организации", "вступили"),
        (25, "организаций", "вступили"),
        (101, "организация", "вступила"),
        (1.0, "организация", "вступила"),
        # A fraction takes the genitive singular, the Russian form of few: «1,5 организации».
        (1.5, "организации", "вступили"),
    ],
)
def test_plural_picks_the_russian_form_by_cldr_category(count, noun, verb):
    assert plural(count, ("организация", "организации", "организаций"), "ru") == noun
    assert plural_ru(count, ("вступила", "вступили", "вступили")) == verb


def test_plural_english_one_and_other():
    assert [plural(n, ("item", "items"), "en") for n in (0, 1, 1.0, 1.5, 2, 21)] == [
        "items", "item", "item", "items", "items", "items"]


@pytest.mark.parametrize(
    ("amount", "ru", "en"),
    [
        (440_000_000, "440 млн ₽", "RUB 440 m"),
        (25_000_000_000, "25 млрд ₽", "RUB 25 bn"),
        (25_440_000_000, "25,4 млрд ₽", "RUB 25.4 bn"),
        (78_300_000, "78,3 млн ₽", "RUB 78.3 m"),
        (1_000_000, "1 млн ₽", "RUB 1 m"),
        (5_000, f"5{NBSP}000 ₽", "RUB 5,000"),
        (0, "0 ₽", "RUB 0"),
    ],
)
def test_format_rub(amount, ru, en):
    assert format_rub(amount, "ru") == ru
    assert format_rub(amount, "en") == en


def test_format_dates_keeps_no_index_and_handles_empty_columns():
    dates = pd.Series(pd.to_datetime(["2014-11-20", "2014-11-20", None, "2014-11-20"]), index=[7, 3, 5, 1])
    precisions = pd.Series(["day", "month", "day", "day"], index=[7, 3, 5, 1])
    labels = format_dates(dates, precisions, "ru")
    assert list(labels.index) == [0, 1, 2, 3]
    assert labels.dtype == object
    assert list(labels) == ["20.11.2014", "11.2014", "дата неизвестна", "20.11.2014"]
    assert list(format_dates(dates, precisions, "en")) == ["20 Nov 2014", "Nov 2014", "date unknown", "20 Nov 2014"]
    assert format_dates(pd.Series([], dtype="datetime64[ns]"), pd.Series([], dtype=object), "ru").empty


def test_format_dates_reads_as_one_by_one_on_many_rows():
    days = pd.Series(pd.date_range("2013-01-01", periods=400, freq="5D")).where(lambda d: d.dt.day != 11)
    precisions = pd.Series(["day", "month", "year", "after", "unknown"] * 80)
    for lang in ("ru", "en"):
        assert list(format_dates(days, precisions, lang)) == [
            format_date(day, precision, lang) for day, precision in zip(days, precisions, strict=True)]


@pytest.fixture(scope="module")
def grid_script() -> str:
    """The AG Grid scripts dash-ag-grid serves, found without importing Dash."""
    package = Path(importlib.util.find_spec("dash_ag_grid").origin).parent
    return "".join(path.read_text(encoding="utf-8") for path in package.glob("*.js"))


def test_grid_locale_in_both_languages():
    ru, en = grid_locale("ru"), grid_locale("en")
    assert list(ru) == list(en) == list(GRID)
    assert ru["noRowsToShow"] == "Нет строк"
    assert ru["nextPage"] == "Следующая страница"
    assert en["filterOoo"] == "Filter..."
    assert all(ru[key] != en[key] for key in GRID)


@pytest.mark.parametrize("key", sorted(GRID))
def test_grid_texts_are_under_keys_the_grid_reads(key, grid_script):
    """AG Grid looks each text up with its English default (``t("noRowsToShow", "No Rows To Show")``); a key it
    no longer reads (AG Grid 33 renamed ``next`` to ``nextPage``) would leave the grid's own English."""
    english = re.escape(GRID[key][1])
    assert re.search(rf"""[(,{{]\s*["']?{key}["']?\s*[:,]\s*["']{english}["']""", grid_script)


def test_t_picks_language_and_fills_placeholders():
    assert t("kpi_investment_note", "ru", n=2) == "сумма указанных в источниках сумм, 2 пр."
    assert t("kpi_investment_note", "en", n=2) == "sum of stated amounts, 2 proj."
    assert t("reset", "ru") == "Сбросить фильтры"
    assert t("reset", "en") == "Reset filters"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    ru, en = TEXT[key]
    assert ru.strip()
    assert en.strip()
    assert _placeholders(ru) == _placeholders(en)


def test_languages():
    assert LANGS == ("ru", "en")
    assert DEFAULT_LANG == "ru"


def test_pick_falls_back_to_russian_when_english_is_empty():
    row = {"name_ru": "Иркутск", "name_en": "Irkutsk", "short_ru": "ИРК", "short_en": "  ", "note_ru": "x",
           "note_en": float("nan")}
    assert pick(row, "name", "en") == "Irkutsk"
    assert pick(row, "name", "ru") == "Иркутск"
    assert pick(row, "short", "en") == "ИРК"
    assert pick(row, "note", "en") == "x"
    assert pick(row, "missing", "en") == ""
    assert pick(pd.Series(row), "name", "en") == "Irkutsk"


def test_every_key_of_the_catalogue_names_one_text() -> None:
    keys = [key for section in catalogue.SECTIONS for key in section]
    assert len(keys) == len(set(keys)) == len(catalogue.TEXT)
    assert all(ru.strip() and en.strip() for ru, en in catalogue.TEXT.values())
