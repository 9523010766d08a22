"""The dates the marketplace writes in its transaction history, read without the locale.

Its exports have used `Sep 8, 2026`, `09/08/2026` (month first) and ISO dates over the years; the
month names are matched from a table so the result never depends on the machine's language.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_MONTH_FIRST_NAMED = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_FIRST_NAMED = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_FIRST_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=4096)
def parse_upwork_date(text: str) -> date | None:
    """The calendar date `text` names, or None when it is not one of the marketplace's forms."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_FIRST_SLASHED.fullmatch(text):
        return _checked(int(match[3]), int(match[1]), int(match[2]))
    if match := _MONTH_FIRST_NAMED.fullmatch(text):
        month = _MONTHS.get(match[1].lower())
        return _checked(int(match[3]), month, int(match[2])) if month else None
    if match := _DAY_FIRST_NAMED.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        return _checked(int(match[3]), month, int(match[1])) if month else None
    return None


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
