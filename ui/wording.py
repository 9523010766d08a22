"""How numbers and dates read in the window: one place, so every page says them the same way."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tracker.engine.calendar import WINDOW_MONTHS
from tracker.engine.calendar import WINDOW_NAMES as WINDOW_KEYS
from tracker.engine.numbers import as_decimal, out4

# An exact value of the engine, or a number already written (a float or a Decimal).
Number = Fraction | Decimal | float

WINDOW_NAMES = {
    **{key: f"{months} months" for key, months in zip(WINDOW_KEYS, WINDOW_MONTHS, strict=True)},
    "trending": "Trending",
}
WINDOW_ORDER = (*reversed(WINDOW_KEYS), "trending")


def written(value: Number | None) -> Decimal | float | None:
    """An exact value as every page writes it first: rounded half up to 4 decimals, as the
    command line's JSON has it (a number already written stays as it is)."""
    return out4(value) if isinstance(value, Fraction) else value


def as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def day_month(value: str | date) -> str:
    """'14 Mar'."""
    day = as_date(value)
    assert day is not None
    return f"{day.day} {day:%b}"


def short_date(value: str | date, as_of: date) -> str:
    """'14 Mar' in the evaluation day's year, '21 Jan 2028' in any other."""
    day = as_date(value)
    assert day is not None
    return day_month(day) if day.year == as_of.year else long_date(day)


def long_date(value: str | date) -> str:
    """'14 Mar 2026'."""
    day = as_date(value)
    assert day is not None
    return f"{day.day} {day:%b %Y}"


def one_decimal(value: Number | None) -> str:
    """The estimate as Repute shows it: one decimal, rounded half up (93.25 -> 93.3)."""
    value = written(value)
    if value is None:
        return "\u2013"
    return str(as_decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def whole(value: Number | None) -> str:
    """The estimate as the marketplace shows it: a whole percent, rounded half up."""
    value = written(value)
    if value is None:
        return "\u2013"
    return str(as_decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def signed(value: Number | None, places: int = 1) -> str:
    """'+1.2', '\u22123.4', '±0.0' (a true minus sign reads better in large type)."""
    value = written(value)
    if value is None:
        return "\u2013"
    quantum = Decimal(1).scaleb(-places)
    rounded = as_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"\u2212{-rounded}"
    return f"±{abs(rounded)}"


def money(value: float | Decimal | None, currency: str = "USD") -> str:
    """'$18,450' (no cents above $100: the dashboard reads at a glance)."""
    if value is None:
        return "\u2013"
    symbol = "$" if currency == "USD" else f"{currency} "
    amount = Decimal(str(value))
    if abs(amount) >= 100:
        return f"{symbol}{amount.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
    return f"{symbol}{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def share(value: Fraction | float | None) -> str:
    """0.8 -> '80%' (from the 4-place value: 0.8333 -> '83%')."""
    value = out4(value) if isinstance(value, Fraction) else value
    if value is None:
        return "\u2013"
    return f"{whole(value * 100)}%"


def relative_day(day: date, today: date) -> str:
    """'today', 'tomorrow', 'in 5 days', 'yesterday', '12 days ago'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 1:
        return f"in {days} days"
    return f"{-days} days ago"


