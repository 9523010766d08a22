"""trend_report's points as numpy arrays on a time axis: what the charts draw, nothing computed.

The engine computes every value (with its sweep); this module only lays them out. Dates become
seconds since the epoch at UTC midnight, and the date axis is told UTC, so a day is never shifted
by the local time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from fractions import Fraction

import numpy as np

from tracker.engine.numbers import round_fraction
from tracker.engine.results import Trend

EPOCH = date(1970, 1, 1)
DAY_SECONDS = 86400.0


def to_x(day: date) -> float:
    """A date's position on the chart's time axis."""
    return float((day - EPOCH).days) * DAY_SECONDS


def from_x(x: float) -> date:
    """The date at a position of the time axis (the day it falls in)."""
    return datetime.fromtimestamp(int(x // DAY_SECONDS) * DAY_SECONDS, tz=UTC).date()


def _floats(values: Iterable[Fraction | int | None]) -> np.ndarray:
    """Each value at 4 places, as the command line's JSON writes it; None as NaN.

    A year holds a few hundred distinct values (the sweep's estimate holds between two moves; a
    rate is one of a few quarters): each is turned into its float once, a fraction found by its
    two integers (hashing a Fraction itself costs a modular inverse).
    """
    made: dict[object, float] = {}
    out = []
    for v in values:
        key = (v.numerator, v.denominator) if type(v) is Fraction else v
        as_float = made.get(key)
        if as_float is None:
            as_float = made[key] = _float_at_4_places(v)
        out.append(as_float)
    return np.array(out, dtype=float)


def _float_at_4_places(value: Fraction | int | None) -> float:
    if value is None:
        return np.nan
    if not isinstance(value, Fraction) or 10_000 % value.denominator == 0:
        return float(value)  # exactly a 4-place decimal: out4 would give this very float
    return float(round_fraction(value, 4))  # as out4


@dataclass(frozen=True)
class TrendSeries:
    """The columns of a trend report, one array each, nulls as NaN."""

    days: tuple[date, ...]
    x: np.ndarray
    live: np.ndarray
    official: np.ndarray
    observed: np.ndarray
    invites: np.ndarray
    proposals: np.ndarray

    @property
    def is_empty(self) -> bool:
        return len(self.days) == 0

    def index_near(self, x: float) -> int | None:
        """The point nearest to an axis position, or None when there are none."""
        if self.is_empty:
            return None
        index = int(np.searchsorted(self.x, x))
        if index >= len(self.x):
            return len(self.x) - 1
        if index > 0 and x - self.x[index - 1] < self.x[index] - x:
            return index - 1
        return index

    def observed_points(self) -> tuple[np.ndarray, np.ndarray]:
        """The recorded official values only, as (x, value)."""
        known = ~np.isnan(self.observed)
        return self.x[known], self.observed[known]

    def weekly(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every 7th point counted back from the last: (x, invites, proposals) for weekly bars."""
        if self.is_empty:
            return self.x, self.invites, self.proposals
        chosen = np.arange(len(self.x) - 1, -1, -7)[::-1]
        if len(self.x) > 1 and self.x[1] - self.x[0] >= 7 * DAY_SECONDS:
            chosen = np.arange(len(self.x))
        return self.x[chosen], self.invites[chosen], self.proposals[chosen]


def series_from_report(report: Trend) -> TrendSeries:
    """Lay out trend_report's points (in date order) as arrays."""
    points = report.points
    days = tuple(p.day for p in points)
    return TrendSeries(
        days=days,
        x=np.array([to_x(day) for day in days], dtype=float),
        live=_floats(p.live for p in points),
        official=_floats(p.official for p in points),
        observed=_floats(p.observed for p in points),
        invites=_floats(p.invites_per_week for p in points),
        proposals=_floats(p.proposals_per_week for p in points),
    )
