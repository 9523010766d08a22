"""How a record's values read in sentences: money, days, ratings and names.

One home for the window's log pages and the library's sentences about records (the what-if steps'
words), so a value reads the same wherever it is written. Dates are spelled with English month
names, never the machine's locale.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.records.model import Log

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def money(amount: Decimal | float | None, currency: str = "USD") -> str:
    """An amount with its currency and thousands separators ("$1,250.00"); empty when unknown."""
    if amount is None:
        return ""
    value = Decimal(str(amount)) if isinstance(amount, float) else amount
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):,.2f}"
    symbol = CURRENCY_SIGNS.get(currency)
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits} {currency}"


def day(value: date | None, empty: str = "") -> str:
    """A date as people read it ("3 Jan 2025"); `empty` when there is none."""
    if value is None:
        return empty
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def rating(value: Decimal | None) -> str:
    """A star rating with one or two decimals as entered ("4.8", "4.75"); empty when unknown."""
    if value is None:
        return ""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def quoted(title: str, fallback: str) -> str:
    """A record's name in sentences: the title in quotes, else its id."""
    return f"'{title}'" if title else fallback


def contract_name(log: Log, contract_id: str) -> str | None:
    """The contract `contract_id` of `log` in sentences (its title quoted, else its id); None
    when the log has no such contract."""
    contract = log.contract_by_id().get(contract_id)
    return None if contract is None else quoted(contract.title, contract.id)
