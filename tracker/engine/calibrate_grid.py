"""The free parameters of the calibration, their grids, and the coordinate descent over them.

jss-model.md section 10, to the letter: the grids and their order, "each set to its best grid
value (ties: the value nearest the default)", rounds until one improves the error by less than 0.01.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

from tracker.engine.rules import UPWORK_2023_12

STOP_BELOW = Fraction(1, 100)


class Params(NamedTuple):
    """One point of the grid: the values of the six free parameters."""

    public_positive: Fraction
    public_neutral: Fraction
    neutral_value: Fraction
    negative_value: Fraction
    anchor: str
    feedback_wait_days: int


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
)
GRIDS: dict[str, tuple[Any, ...]] = {
    "public_positive": steps(400, 500),
    "public_neutral": steps(300, 450),
    "neutral_value": steps(0, 100),
    "negative_value": steps(-100, 0),
    "anchor": ("last_activity", "end"),
    "feedback_wait_days": (0, 7, 14, 21),
}
ORDER = tuple(GRIDS)


def allowed(params: Params) -> bool:
    """The neutral threshold stays below the positive one."""
    return params.public_neutral < params.public_positive


def distance_from_default(name: str, value: Any) -> Fraction:
    """How far a grid value is from the default: numbers by difference, words by equality."""
    default = getattr(DEFAULTS, name)
    if isinstance(default, str):
        return Fraction(0 if value == default else 1)
    return abs(Fraction(value) - Fraction(default))


def best_value(current: Params, name: str, error: Callable[[Params], Fraction]) -> Params:
    """`current` with `name` set to its best grid value.

    Ties go to the value nearest the default; between two values equally near (4.45 and 4.55,
    7 and 21 days), to the one first in the grid, i.e. the smaller.
    """
    best: tuple[Fraction, Fraction, int] | None = None
    chosen = current
    for position, value in enumerate(GRIDS[name]):
        candidate = current._replace(**{name: value})
        if not allowed(candidate):
            continue
        key = (error(candidate), distance_from_default(name, value), position)
        if best is None or key < best:
            best, chosen = key, candidate
    return chosen


class Descent(NamedTuple):
    params: Params
    error: Fraction
    rounds: int


def descend(error: Callable[[Params], Fraction], start: Params = DEFAULTS) -> Descent:
    """Coordinate descent: one parameter at a time in ORDER, each to its best grid value, until a
    whole round improves the error by less than 0.01 (the last round's result is kept: a round
    never makes the error worse)."""
    current = start
    value = error(current)
    rounds = 0
    while True:
        before = value
        for name in ORDER:
            current = best_value(current, name, error)
        value = error(current)
        rounds += 1
        if before - value < STOP_BELOW:
            return Descent(current, value, rounds)


def changed_parameters(params: Params) -> dict[str, Any]:
    """The parameters that differ from the defaults, as JSON values (numbers or words)."""
    out: dict[str, Any] = {}
    for name in ORDER:
        value = getattr(params, name)
        if value != getattr(DEFAULTS, name):
            out[name] = float(value) if isinstance(value, Fraction) else value
    return out
