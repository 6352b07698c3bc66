"""Looking texts up: the catalogue's entry in a language, a record's field in a language."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n.catalogue import GRID, TEXT

LANGS = ("ru", "en")
DEFAULT_LANG = "ru"


def t(key: str, lang: str, **kwargs: object) -> str:
    ru, en = TEXT[key]
    text = ru if lang == "ru" else en
    return text.format(**kwargs) if kwargs else text


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's ``localeText``: the grid's own texts (paging, filters, empty table) in ``lang``."""
    return {key: ru if lang == "ru" else en for key, (ru, en) in GRID.items()}


def pick(row: object, field: str, lang: str) -> str:
    """The ``field_ru`` / ``field_en`` value of a record, falling back to Russian when English is empty."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key, None)
    for key in (f"{field}_{lang}", f"{field}_ru"):
        value = get(key)
        if value is not None and not pd.isna(value) and str(value).strip():
            return str(value)
    return ""
