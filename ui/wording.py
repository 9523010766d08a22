"""How numbers and dates read in the window: one place, so every page says them the same way."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

WINDOW_NAMES = {
    "3m": "3 months",
    "6m": "6 months",
    "12m": "12 months",
    "24m": "24 months",
    "trending": "Trending",
}
WINDOW_ORDER = ("24m", "12m", "6m", "3m", "trending")


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


def one_decimal(value: float | None) -> str:
    """The estimate as Repute shows it: one decimal, rounded half up (93.25 -> 93.3)."""
    if value is None:
        return "\u2013"
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def whole(value: float | None) -> str:
    """The estimate as the marketplace shows it: a whole percent, rounded half up."""
    if value is None:
        return "\u2013"
    return str(Decimal(repr(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def signed(value: float | None, places: int = 1) -> str:
    """'+1.2', '\u22123.4', '±0.0' (a true minus sign reads better in large type)."""
    if value is None:
        return "\u2013"
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)
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


def share(value: float | None) -> str:
    """0.8 -> '80%'."""
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


def plural(count: int | float, noun: str, nouns: str | None = None) -> str:
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {noun if count == 1 else (nouns or noun + 's')}"
