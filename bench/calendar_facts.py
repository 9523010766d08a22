"""Calendar facts the generators need: month arithmetic and the marketplace's update days.

Kept apart from the engine on purpose: the generators must produce valid files even while the
engine is unfinished, and a benchmark should not depend on the code it measures.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

FORTNIGHTLY_ANCHOR = date(2020, 11, 8)
FIRST_UPDATE = date(2015, 3, 8)
DAILY_FROM = date(2024, 9, 1)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_update_day(day: date) -> bool:
    """Whether the official score could change on `day` (every other Sunday, daily from 2024-09)."""
    if day < FIRST_UPDATE:
        return False
    if day >= DAILY_FROM:
        return True
    return (day - FORTNIGHTLY_ANCHOR).days % 14 == 0


def update_day_on_or_before(day: date) -> date | None:
    """The last update day on or before `day`, or None before the first one."""
    if day < FIRST_UPDATE:
        return None
    if day >= DAILY_FROM:
        return day
    return day - timedelta(days=(day - FORTNIGHTLY_ANCHOR).days % 14)
