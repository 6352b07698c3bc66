"""Russian taxpayer and registration numbers: ИНН (INN) and ОГРН/ОГРНИП (OGRN/OGRNIP) check digits.

The arithmetic comes from python-stdnum; this module only says *what* is wrong, for a message to a person.
"""

from __future__ import annotations

import re
from typing import Literal

from stdnum.ru import inn as _inn
from stdnum.ru import ogrn as _ogrn

Fault = Literal["length", "checksum"]


def inn_fault(value: str) -> Fault | None:
    """``None`` for a valid INN; ``"length"`` unless 10 or 12 digits; ``"checksum"`` for a wrong check digit."""
    if not re.fullmatch(r"\d{10}|\d{12}", value):
        return "length"
    return None if _inn.is_valid(value) else "checksum"


def ogrn_fault(value: str) -> Fault | None:
    """``None`` for a valid OGRN (13 digits) or OGRNIP (15 digits); otherwise what is wrong."""
    if not re.fullmatch(r"\d{13}|\d{15}", value):
        return "length"
    if len(value) == 15:
        # python-stdnum 2.2 compares the whole remainder mod 13 with the check digit and so rejects the valid
        # OGRNIPs whose remainder is 10-12; the rule takes the remainder's last digit.
        valid = value[0] in "34" and int(value[:-1]) % 13 % 10 == int(value[-1])
        return None if valid else "checksum"
    return None if _ogrn.is_valid(value) else "checksum"
