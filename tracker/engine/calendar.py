"""Calendar arithmetic of the model: months, windows and the official update schedule.

jss-model.md sections 1, 5 and 6. Dates only; no clock.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from functools import lru_cache

from tracker.engine.rules import ERAS

ONE_DAY = timedelta(days=1)
WINDOW_MONTHS = (3, 6, 12, 24)
WINDOW_NAMES = ("3m", "6m", "12m", "24m")
MONTHS_OF_WINDOW = dict(zip(WINDOW_NAMES, WINDOW_MONTHS, strict=True))  # "12m" -> 12

FIRST_UPDATE = date(2015, 3, 8)
FORTNIGHT_REFERENCE = date(2020, 11, 8)
LAST_FORTNIGHTLY_UPDATE = date(2024, 8, 25)
# Updates are daily from the day the first rule set with daily updates came into force.
DAILY_FROM = next(era.in_force_from for era in ERAS if era.daily_updates)


@lru_cache(maxsize=65536)
def add_months(day: date, months: int) -> date:
    """The same day `months` months later (or earlier), clamped to that month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if day.day <= 28:  # every month has it: no need to ask how long the month is
        return date(year, month0 + 1, day.day)
    last = _calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@lru_cache(maxsize=65536)
def window_ends(anchor: date) -> tuple[date, date, date, date]:
    """The last day in each window (3, 6, 12, 24 months) of a contract anchored on `anchor`."""
    day = anchor.day
    if day <= 28:  # add_months without its four calls: every month has the day
        year, month0 = anchor.year, anchor.month - 1
        year3, month3 = divmod(year * 12 + month0 + 3, 12)
        year6, month6 = divmod(year * 12 + month0 + 6, 12)
        return (
            date(year3, month3 + 1, day),
            date(year6, month6 + 1, day),
            date(year + 1, month0 + 1, day),
            date(year + 2, month0 + 1, day),
        )
    return (
        add_months(anchor, 3),
        add_months(anchor, 6),
        add_months(anchor, 12),
        add_months(anchor, 24),
    )


def in_window(anchor: date, day: date, months: int) -> bool:
    """Anchored on `anchor`, a contract is in the window until the day after `months` months."""
    return anchor <= day <= add_months(anchor, months)


def is_update_day(day: date) -> bool:
    if day >= DAILY_FROM:
        return True
    if day < FIRST_UPDATE or day > LAST_FORTNIGHTLY_UPDATE:
        return False
    return (day - FORTNIGHT_REFERENCE).days % 14 == 0


def last_update_on_or_before(day: date) -> date | None:
    """The update day the official value shown on `day` comes from; None before the first update."""
    if day >= DAILY_FROM:
        return day
    if day < FIRST_UPDATE:
        return None
    if day > LAST_FORTNIGHTLY_UPDATE:
        return LAST_FORTNIGHTLY_UPDATE
    offset = (day - FORTNIGHT_REFERENCE).days % 14
    return day - timedelta(days=offset)


def next_update_after(day: date) -> date:
    """The first update day after `day`."""
    if day >= LAST_FORTNIGHTLY_UPDATE:
        return max(day + ONE_DAY, DAILY_FROM)
    if day < FIRST_UPDATE:
        return FIRST_UPDATE
    offset = (day - FORTNIGHT_REFERENCE).days % 14
    return day + timedelta(days=14 - offset)


def update_days(start: date, end: date) -> list[date]:
    """Every update day in [start, end]."""
    days: list[date] = []
    day = start if is_update_day(start) else next_update_after(start)
    while day <= end:
        days.append(day)
        day = next_update_after(day)
    return days
