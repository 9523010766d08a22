"""What "today" is for one command or window: the local calendar date, or REPUTE_TODAY.

Only main.py, the command line and the window call this; the engine takes `as_of` as an argument.
"""

from __future__ import annotations

import os
from datetime import date

from tracker.date_range import outside_range


class BadToday(ValueError):
    """REPUTE_TODAY is set to something that is not an accepted date (a usage error)."""


def today() -> date:
    """The local calendar date, unless the environment variable REPUTE_TODAY fixes it.

    Raises:
        BadToday: REPUTE_TODAY is not a YYYY-MM-DD date in the accepted range.
    """
    fixed = os.environ.get("REPUTE_TODAY")
    if not fixed:
        return date.today()
    try:
        if len(fixed) != 10:
            raise ValueError
        day = date.fromisoformat(fixed)
    except ValueError:
        raise BadToday(
            f"REPUTE_TODAY {fixed!r} is not a date (YYYY-MM-DD, a day that exists)"
        ) from None
    if (beyond := outside_range(day, f"REPUTE_TODAY {fixed!r}")) is not None:
        raise BadToday(beyond)
    return day
