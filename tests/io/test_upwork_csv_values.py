"""Dates and amounts as the marketplace writes them, read exactly."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.io.upwork.amounts import AmountError, parse_upwork_amount
from tracker.io.upwork.dates import parse_upwork_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep 8, 2026", date(2026, 9, 8)),
        ("Oct 27, 2025", date(2025, 10, 27)),
        ("Sept 8, 2026", date(2026, 9, 8)),
        ("September 8, 2026", date(2026, 9, 8)),
        ("sep 08 2026", date(2026, 9, 8)),
        ("8 Sep 2026", date(2026, 9, 8)),
        ("09/08/2026", date(2026, 9, 8)),  # month first
        ("9/8/2026", date(2026, 9, 8)),
        ("12/31/2025", date(2025, 12, 31)),
        ("2026-09-08", date(2026, 9, 8)),
        ("  2024-02-29 ", date(2024, 2, 29)),
    ],
)
def test_dates_in_every_form_the_marketplace_used(text: str, expected: date) -> None:
    assert parse_upwork_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "Sept 31, 2026",
        "13/01/2026",
        "31/12/2025",
        "2025-02-29",
        "2026-9-8",
        "Foo 8, 2026",
        "09/08/26",
        "Sep 8",
        "0000-01-01",
    ],
)
def test_what_is_not_a_date(text: str) -> None:
    assert parse_upwork_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", "1200.00"),
        ("1,200.00", "1200.00"),
        ("$1,200.00", "1200.00"),
        ("-$1,200.00", "-1200.00"),
        ("$-1,200.00", "-1200.00"),
        ("($1,200.00)", "-1200.00"),
        ("(12.5)", "-12.50"),
        ("\u2212$30.00", "-30.00"),
        ("+45.10", "45.10"),
        ("1,234,567.89", "1234567.89"),
        ("US$ 99.99", "99.99"),
        ("99.99 USD", "99.99"),
        ("-9.20 EUR", "-9.20"),
        ("€5", "5.00"),
        (".5", "0.50"),
        ("0.10", "0.10"),
        ("-0.00", "0.00"),
        ("1.", "1.00"),
    ],
)
def test_amounts_are_exact_decimals(text: str, expected: str) -> None:
    value = parse_upwork_amount(text)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1,20.00",
        "12,00",
        "1.2.3",
        "--5",
        "-(5)",
        "(-5)",
        "$",
        "1e5",
        "nan",
        "Infinity",
        "5-5",
        "- $5 -",
    ],
)
def test_what_is_not_a_number(text: str) -> None:
    assert parse_upwork_amount(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.234", "has more than 2 decimals"),
        ("1.000", "has more than 2 decimals"),
        ("1" * 16, "too large"),
    ],
)
def test_numbers_that_are_not_money(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message):
        parse_upwork_amount(text)
