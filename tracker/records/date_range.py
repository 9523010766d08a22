"""The one range of dates Repute accepts: in files, typed forms, options and REPUTE_TODAY.

The engine looks up to 24 months (and a few weeks) either side of a date, and Python's dates stop
at year 9999; a date far outside any freelancer's working life is a typo, not a record. Every
reader refuses a date outside this range with the sentence `outside_range` gives, so nothing
beyond what the engine can reach ever enters the log or a computation.
"""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)
RANGE_TEXT = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def outside_range(day: date, shown: str | None = None) -> str | None:
    """None for an accepted date, else why not, naming the value (`shown`, else the date)."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"{shown or day.isoformat()} is outside the dates Repute accepts ({RANGE_TEXT})"
