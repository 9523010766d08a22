"""The dates the marketplace writes in its exports, read without the locale.

Its files have used `Mar 18, 2020`, `18-Mar-20`, `9-Feb-20`, ISO dates and numeric ones over the
years. Month names come from a table, so the result never depends on the machine's language.
Numeric dates (`03/04/2020`) are read in one order per file, decided from the file itself
(`decide_order`): never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

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
_DAY_FIRST_NAMED = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4}|\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Numeric dates inside a description, as in an invoice's period `Invoice for 02/10/2020-02/16/2020`.
NUMERIC_IN_TEXT = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


class DateOrderUnknown(ValueError):
    """A file whose numeric dates read both ways; `example` is one of them."""

    def __init__(self, example: str) -> None:
        super().__init__(example)
        self.example = example


class DateOrderMixed(ValueError):
    """A file with a date that must be day first and another that must be month first."""

    def __init__(self, day_first: str, month_first: str) -> None:
        super().__init__(day_first, month_first)
        self.day_first = day_first
        self.month_first = month_first


def is_numeric(text: str) -> bool:
    return _NUMERIC.fullmatch(text.strip()) is not None


def decide_order(numeric_dates: Iterable[str], chosen: str | None) -> str | None:
    """The order the file's numeric dates are written in, or None when it has none that matter.

    A first part above 12 anywhere means day first, a second part above 12 month first. `chosen`
    (`--date-order`, or the window's answer) settles a file that cannot decide by itself.

    Raises:
        DateOrderUnknown: no date decides and some read differently either way (and no `chosen`).
        DateOrderMixed: one date must be day first and another month first (and no `chosen`).
    """
    day_first = month_first = ambiguous = None
    for text in dict.fromkeys(numeric_dates):  # each distinct text once
        for match in NUMERIC_IN_TEXT.finditer(text):
            first, second = int(match[1]), int(match[2])
            if first > 12 and second <= 12:
                day_first = day_first or text
            elif second > 12 and first <= 12:
                month_first = month_first or text
            elif first != second and first <= 12 and second <= 12:
                ambiguous = ambiguous or text
    if chosen in DATE_ORDERS:
        return chosen
    if day_first and month_first:
        raise DateOrderMixed(day_first, month_first)
    if day_first:
        return DAY_FIRST
    if month_first:
        return MONTH_FIRST
    if ambiguous:
        raise DateOrderUnknown(ambiguous)
    return MONTH_FIRST  # every numeric date reads the same either way


@lru_cache(maxsize=4096)
def parse_upwork_date(text: str, order: str | None = MONTH_FIRST) -> date | None:
    """The calendar date `text` names, or None when it is not one of the marketplace's forms.

    `order` is how a numeric date is read (`dmy` or `mdy`); with None a numeric date is refused.
    """
    text = text.strip()
    if match := _ISO.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        if order is None:
            return None
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        if order == DAY_FIRST:
            return _checked(year, second, first)
        return _checked(year, first, second)
    if match := _MONTH_FIRST_NAMED.fullmatch(text):
        month = _MONTHS.get(match[1].lower())
        return _checked(int(match[3]), month, int(match[2])) if month else None
    if match := _DAY_FIRST_NAMED.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        return _checked(_year(match[3]), month, int(match[1])) if month else None
    return None


def _year(text: str) -> int:
    """A two-digit year is of this century (the marketplace's `18-Mar-20` is 2020)."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
