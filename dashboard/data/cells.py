"""Text for a spreadsheet cell, written or read: formula injection neutralised, characters .xlsx cannot hold
removed."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def neutralise(value: object) -> str:
    """Text safe to put in a spreadsheet: an apostrophe before a leading ``= + - @`` (formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def spreadsheet_text(value: object) -> str:
    """A cell as text no spreadsheet will run as a formula and openpyxl will accept (missing values empty)."""
    return ILLEGAL_CHARACTERS_RE.sub("", neutralise("" if value is None or pd.isna(value) else str(value)))
