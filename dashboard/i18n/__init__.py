"""Interface strings (Russian first, English second) and Russian/English formats of numbers, money and dates.

Every user-facing string is in :mod:`dashboard.i18n.catalogue`; :mod:`dashboard.i18n.formats` formats values.
"""

from dashboard.i18n.formats import (
    NBSP,
    counted,
    format_date,
    format_dates,
    format_number,
    format_rub,
    plural,
    plural_ru,
)
from dashboard.i18n.texts import DEFAULT_LANG, LANGS, grid_locale, pick, t

__all__ = ["DEFAULT_LANG", "LANGS", "NBSP", "counted", "format_date", "format_dates", "format_number", "format_rub",
           "grid_locale", "pick", "plural", "plural_ru", "t"]
