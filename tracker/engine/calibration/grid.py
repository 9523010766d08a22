"""The free parameters of the calibration, their grids, and how far a grid point is from the
defaults (the tie-break of the search in calibrate_search).

jss-model.md section 10: the grids and their order.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from tracker.engine.rules import CLIENTS_EVER, CLIENTS_IN_24_MONTHS, UPWORK_2023_12


class Params(NamedTuple):
    """One point of the grid: the values of the eight free parameters. `trending` off drops the
    Trending window from the candidates; on keeps each era's own rule (none in upwork-2015).
    `clients_over` lifetime counts the minimum of clients ever (from upwork-2024-09 on)."""

    public_positive: Fraction
    public_neutral: Fraction
    neutral_value: Fraction
    negative_value: Fraction
    anchor: str
    feedback_wait_days: int
    trending: bool = True
    clients_over: str = CLIENTS_IN_24_MONTHS


def steps(low: int, high: int) -> tuple[Fraction, ...]:
    """low/100 to high/100 in steps of 0.05."""
    return tuple(Fraction(k, 100) for k in range(low, high + 1, 5))


# Every built-in rule set has these defaults; the search starts from them.
DEFAULTS = Params(
    public_positive=UPWORK_2023_12.public_positive,
    public_neutral=UPWORK_2023_12.public_neutral,
    neutral_value=UPWORK_2023_12.neutral_value,
    negative_value=UPWORK_2023_12.negative_value,
    anchor=UPWORK_2023_12.anchor,
    feedback_wait_days=UPWORK_2023_12.feedback_wait_days,
    trending=UPWORK_2023_12.trending,
    clients_over=UPWORK_2023_12.clients_over,
)
GRIDS: dict[str, tuple[Any, ...]] = {
    "public_positive": steps(400, 500),
    "public_neutral": steps(300, 450),
    "neutral_value": steps(0, 100),
    "negative_value": steps(-100, 0),
    "anchor": ("last_activity", "end"),
    "feedback_wait_days": (0, 7, 14, 21),
    "trending": (True, False),
    "clients_over": (CLIENTS_IN_24_MONTHS, CLIENTS_EVER),
}
ORDER = tuple(GRIDS)


def allowed(params: Params) -> bool:
    """The neutral threshold stays below the positive one."""
    return params.public_neutral < params.public_positive


def steps_from_default(name: str, value: Any) -> int:
    """How many grid steps a value is from the default (words and switches: 0 or 1)."""
    grid = GRIDS[name]
    return abs(grid.index(value) - grid.index(getattr(DEFAULTS, name)))


def distance(params: Params) -> tuple[int, int, tuple[int, ...]]:
    """How far a grid point is from the defaults, for ties: fewer changed parameters first, then
    fewer grid steps in all, then the point first in the grids (the smaller values)."""
    steps = [steps_from_default(name, getattr(params, name)) for name in ORDER]
    positions = tuple(GRIDS[name].index(getattr(params, name)) for name in ORDER)
    return (sum(1 for k in steps if k), sum(steps), positions)


def changed_parameters(params: Params) -> dict[str, Any]:
    """The parameters that differ from the defaults, as JSON values (numbers or words)."""
    out: dict[str, Any] = {}
    for name in ORDER:
        value = getattr(params, name)
        if value != getattr(DEFAULTS, name):
            out[name] = float(value) if isinstance(value, Fraction) else value
    return out
