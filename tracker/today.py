"""What "today" is for one command or window: the local calendar date, or REPUTE_TODAY.

Only main.py, the command line and the window call this; the engine takes `as_of` as an argument.
"""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """The local calendar date, unless the environment variable REPUTE_TODAY fixes it."""
    fixed = os.environ.get("REPUTE_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return date.today()
