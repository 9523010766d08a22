"""What one field may hold: the parsers shared by every reader of the log and by the window's forms.

Each parser takes a value as a JSON reader gives it (text, int, `Decimal`, bool) or as the model
holds it (`date`, `Decimal`) and returns the model's value, or raises `BadValue` with a sentence
that names the value ("'2025-13-01' is not a date"). Callers add where the value was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from tracker.records.date_range import FIRST_DAY, LAST_DAY, outside_range
from tracker.records.model import SUB_SCORES

CENT = Decimal("0.01")
ZERO_CENTS = Decimal("0.00")
MONEY_LIMIT = Decimal(10) ** 12
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


class BadValue(ValueError):
    """A value a field cannot hold; `at` names a part inside the field (a sub-score's key)."""

    def __init__(self, message: str, at: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.at = at


class NonFinite:
    """JSON's NaN, Infinity or -Infinity as read: kept as its text so the message can name it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def describe(value: object) -> str:
    """A value as the user wrote it, short enough for a one-line message."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (int, Decimal, NonFinite)):
        text = str(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


@lru_cache(maxsize=16384)
def _date_from_text(text: str) -> date | None:
    if len(text) != 10 or _ISO_DATE.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_iso_date(value: object) -> date:
    """A date written exactly YYYY-MM-DD (ten characters, a real calendar date), in the range of
    tracker.records.date_range."""
    parsed: date | None = None
    if type(value) is str:
        parsed = _date_from_text(value)
    elif type(value) is date:
        parsed = value
    if parsed is None:
        raise BadValue(f"{describe(value)} is not a date")
    if not FIRST_DAY <= parsed <= LAST_DAY:  # the check of outside_range, without its sentence
        raise BadValue(outside_range(parsed, describe(value)) or "")
    return parsed


def parse_number(value: object) -> Decimal:
    """A finite number, exactly as written (JSON numbers arrive as int or `Decimal`)."""
    kind = type(value)
    if kind is Decimal:
        number: Decimal = value  # type: ignore[assignment]
        if number.is_finite():
            return number
        raise BadValue(f"{describe(value)} is not a finite number")
    if kind is int:
        return Decimal(value)  # type: ignore[arg-type]
    if kind is float:
        if value == value and value not in (float("inf"), float("-inf")):
            return Decimal(repr(value))
        raise BadValue(f"{describe(value)} is not a finite number")
    if kind is NonFinite:
        raise BadValue(f"{describe(value)} is not a finite number")
    raise BadValue(f"{describe(value)} is not a number")


def parse_number_text(text: str) -> Decimal:
    """A number as a person types it in a form or a spreadsheet: `1,250.50`, `$450`, `(120.00)`.

    The result is exact; pass it on to `parse_money` or `parse_stars` for the field's own rules.
    """
    shown = text.strip()
    negative = shown.startswith("(") and shown.endswith(")")
    if negative:
        shown = shown[1:-1].strip()
    shown = shown.lstrip("$€£").replace(" ", "").replace("\u00a0", "")
    if _GROUPED.fullmatch(shown):
        shown = shown.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(shown):
        raise BadValue(f"{describe(text)} is not a number")
    number = Decimal(shown)
    return -number if negative else number


def parse_money(value: object) -> Decimal:
    """An amount of money: a finite number with at most 2 decimals, returned with exactly 2."""
    number = parse_number(value)
    if not -MONEY_LIMIT < number < MONEY_LIMIT:
        raise BadValue(f"{describe(value)} is too large for an amount of money")
    cents = number.quantize(CENT)
    if cents != number:
        raise BadValue(f"{describe(value)} has more than 2 decimals")
    return cents if cents else ZERO_CENTS


def parse_amount(value: object) -> Decimal:
    """A payment's amount: more than 0 (a refund goes in the contract's `refunded`)."""
    money = parse_money(value)
    if money <= 0:
        raise BadValue(
            f"{describe(value)} is not more than 0 (a refund goes in the contract's refunded)"
        )
    return money


def parse_money_at_least_zero(value: object) -> Decimal:
    """Money that cannot be negative: refunded, earned, an invite's rate."""
    if type(value) is Decimal and value.is_finite() and 0 <= value < MONEY_LIMIT:
        cents = value.quantize(CENT)
        if cents == value:
            return cents if cents else ZERO_CENTS
    money = parse_money(value)
    if money < 0:
        raise BadValue(f"{describe(value)} is negative")
    return money


def parse_stars(value: object) -> Decimal:
    """Stars or a sub-score: a number from 1.0 to 5.0."""
    number = parse_number(value)
    if not 1 <= number <= 5:
        raise BadValue(f"{describe(value)} is not between 1 and 5")
    return number


def _whole_number_between(low: int, high: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        if type(value) is int and low <= value <= high:
            return value
        try:
            number = parse_number(value)
        except BadValue:
            number = None
        if number is None or not low <= number <= high or number != number.to_integral_value():
            raise BadValue(f"{describe(value)} is not a whole number between {low} and {high}")
        return int(number)

    return parse


parse_private = _whole_number_between(0, 10)
parse_jss = _whole_number_between(0, 100)
parse_connects = _whole_number_between(0, 10_000)


def parse_text(value: object) -> str:
    """Free text (a title, a note); null is read as empty text by the callers."""
    if type(value) is str:
        return value
    raise BadValue(f"{describe(value)} is not text")


def parse_id(value: object) -> str:
    """An id or a reference to one: non-empty text."""
    if type(value) is str:
        if value:
            return value
        raise BadValue("'' is empty; an id is non-empty text")
    raise BadValue(f"{describe(value)} is not an id (non-empty text)")


def parse_optional_ref(value: object) -> str | None:
    """A payment's ref: text, where empty text means no ref."""
    return parse_text(value) or None


def parse_flag(value: object) -> bool:
    """true or false."""
    if type(value) is bool:
        return value
    raise BadValue(f"{describe(value)} is not true or false")


def choice(allowed: tuple[str, ...], what: str) -> Callable[[object], str]:
    """A parser for one of a fixed set of words, e.g. a contract's kind."""
    listed = ", ".join(allowed)

    def parse(value: object) -> str:
        if type(value) is str and value in allowed:
            return value
        raise BadValue(f"{describe(value)} is not {what} ({listed})")

    return parse


def parse_sub_scores(value: object) -> tuple[tuple[str, Decimal], ...]:
    """Sub-scores as an object of name -> 1.0-5.0; unknown names and nulls are left out."""
    if isinstance(value, tuple):
        value = dict(value)
    if type(value) is not dict:
        raise BadValue(f"{describe(value)} is not an object of sub-scores")
    pairs = []
    for name, score in value.items():
        if name in SUB_SCORES and score is not None:
            try:
                pairs.append((name, parse_stars(score)))
            except BadValue as bad:
                raise BadValue(bad.message, at=name) from None
    return tuple(sorted(pairs))


@dataclass(frozen=True, slots=True)
class FieldRule:
    """What one field holds: `kind` tells writers how to write it, `parse` checks a value."""

    kind: str  # id, reference, text, choice, date, money, stars, integer, flag, sub_scores, ref
    parse: Callable[[object], object]
