"""Turning exact values into what is written: rounding half up, money, dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache


def round_fraction(value: Fraction, places: int) -> Decimal:
    """`value` rounded half up (away from zero on a tie) to `places` decimals, exactly."""
    num, den = value.numerator, value.denominator  # den > 0 always
    magnitude = (abs(num) * 10**places * 2 + den) // (2 * den)
    return Decimal(-magnitude if num < 0 else magnitude).scaleb(-places)


def out4(value: Fraction | None) -> float | None:
    """A JSON number: rounded half up to 4 decimals."""
    if value is None:
        return None
    if value.denominator == 1:
        return float(value.numerator)
    return float(round_fraction(value, 4))


def whole_percent(value: Fraction) -> int:
    """The score the marketplace shows: the exact estimate rounded half up to a whole percent."""
    return int(round_fraction(value, 0))


def one_decimal(value: Fraction) -> str:
    return str(round_fraction(value, 1))


def dollars(cents: int) -> float:
    return cents / 100


def money_text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}${whole:,}" + (f".{rest:02d}" if rest else "")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@lru_cache(maxsize=4096)
def rating_text(value: Fraction) -> str:
    """A public rating as people write it: 5.0, 4.75, 4.83."""
    text = str(round_fraction(value, 2))
    if text.endswith("0"):
        text = text[:-1]
    return text


@dataclass(frozen=True, slots=True)
class ShownMove:
    """A move as written at a few decimals, so that what is written adds up as written."""

    before: Decimal | None
    after: Decimal | None
    change: Decimal | None
    parts: tuple[Decimal | None, ...]


def as_decimal(value: Decimal | float) -> Decimal:
    """A written number as a Decimal: a float by its shortest repr (0.1 is 0.1, not 0.1000...)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def shown_move(
    before: Decimal | float | None,
    after: Decimal | float | None,
    change: Decimal | float | None,
    parts: Sequence[Decimal | float | None],
    places: int = 1,
) -> ShownMove:
    """The two ends, the change and its parts rounded so that the written numbers add up.

    The ends are rounded half up; the change is their written difference (86.2 -> 94.6 is +8.4
    even when the exact change is 8.32); the parts are apportioned by largest remainder so that
    their written values sum to the written change. With an end unknown, the change is unknown and
    each part is rounded alone.
    """
    quantum = Decimal(1).scaleb(-places)

    def rounded(value: Decimal | float | None) -> Decimal | None:
        if value is None:
            return None
        return as_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)

    shown_before, shown_after = rounded(before), rounded(after)
    if shown_before is None or shown_after is None or change is None:
        return ShownMove(shown_before, shown_after, None, tuple(rounded(p) for p in parts))
    shown_change = shown_after - shown_before
    units = [None if p is None else as_decimal(p) / quantum for p in parts]
    shown = [None if u is None else u.to_integral_value(rounding=ROUND_FLOOR) for u in units]
    known = [i for i, u in enumerate(units) if u is not None]
    missing = int(shown_change / quantum) - int(sum(shown[i] or 0 for i in known))
    step = 1 if missing > 0 else -1
    for _ in range(abs(missing) if known else 0):
        # One unit more (or less) where it moves the written value least from the exact one:
        # starting from the floors this is the largest remainder; ties go to the larger part.
        def cost(i: int) -> tuple[Decimal, Decimal, int]:
            exact, written = units[i], shown[i]
            assert exact is not None and written is not None
            return (abs(written + step - exact), -abs(exact), i)

        best = min(known, key=cost)
        shown[best] = (shown[best] or Decimal(0)) + step
    return ShownMove(
        shown_before,
        shown_after,
        shown_change,
        tuple(None if s is None else (s * quantum).quantize(quantum) for s in shown),
    )
