"""Turning exact values into what is written: rounding half up, money, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
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
