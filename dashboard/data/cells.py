"""Text for a spreadsheet cell, written or read: formula injection neutralised, characters .xlsx cannot hold
removed; numbers and dates kept as they are."""

from __future__ import annotations

import datetime as dt
import functools
import numbers
import re

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def neutralise(value: object) -> str:
    """Text safe to put in a spreadsheet: an apostrophe before a leading ``= + - @`` (formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@functools.cache
def _illegal_characters() -> re.Pattern[str]:
    """What openpyxl refuses in a cell. openpyxl is loaded by the first file written, not by every start of the
    app (README "Performance")."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE


def spreadsheet_text(value: object) -> str:
    """A cell as text no spreadsheet will run as a formula and openpyxl will accept (missing values empty)."""
    return _illegal_characters().sub("", neutralise("" if value is None or pd.isna(value) else str(value)))


def spreadsheet_value(value: object) -> object:
    """A cell as a spreadsheet should hold it: a number or a date as itself, text as :func:`spreadsheet_text`,
    a missing value as no value at all."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return value.item() if hasattr(value, "item") else value  # numpy scalars as Python numbers
    if isinstance(value, dt.date):
        return value
    return spreadsheet_text(value)
