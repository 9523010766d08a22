from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.calendar import (
    add_months,
    in_window,
    is_update_day,
    last_update_on_or_before,
    next_update_after,
    update_days,
    window_ends,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-08-31", 6, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-15", -12, "2024-03-15"),
        ("2025-12-31", 24, "2027-12-31"),
    ],
)
def test_add_months_clamps_to_the_month_end(day: str, months: int, expected: str) -> None:
    assert add_months(date.fromisoformat(day), months) == date.fromisoformat(expected)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9997, 9, 30)))
def test_a_windows_last_days_are_its_anchor_plus_its_months(anchor: date) -> None:
    assert window_ends(anchor) == tuple(add_months(anchor, m) for m in (3, 6, 12, 24))


def test_six_months_and_one_day_is_out() -> None:
    anchor = date(2025, 8, 31)
    assert in_window(anchor, date(2026, 2, 28), 6)
    assert not in_window(anchor, date(2026, 3, 1), 6)
    assert not in_window(anchor, date(2025, 8, 30), 6)


def test_fortnightly_updates_until_august_2024_then_daily() -> None:
    assert is_update_day(date(2015, 3, 8))
    assert not is_update_day(date(2015, 3, 1))
    assert is_update_day(date(2020, 11, 8)) and is_update_day(date(2020, 11, 22))
    assert not is_update_day(date(2020, 11, 15))
    assert is_update_day(date(2024, 8, 25))
    assert not is_update_day(date(2024, 8, 31))
    assert is_update_day(date(2024, 9, 1)) and is_update_day(date(2026, 11, 26))


def test_official_value_comes_from_the_last_update() -> None:
    assert last_update_on_or_before(date(2015, 3, 7)) is None
    assert last_update_on_or_before(date(2020, 11, 21)) == date(2020, 11, 8)
    assert last_update_on_or_before(date(2024, 8, 31)) == date(2024, 8, 25)
    assert last_update_on_or_before(date(2024, 9, 2)) == date(2024, 9, 2)


def test_next_update() -> None:
    assert next_update_after(date(2010, 1, 1)) == date(2015, 3, 8)
    assert next_update_after(date(2020, 11, 8)) == date(2020, 11, 22)
    assert next_update_after(date(2024, 8, 26)) == date(2024, 9, 1)
    assert next_update_after(date(2024, 8, 24)) == date(2024, 8, 25)
    assert next_update_after(date(2026, 11, 26)) == date(2026, 11, 27)


def test_update_days_span_the_switch_to_daily() -> None:
    days = update_days(date(2024, 8, 20), date(2024, 9, 3))
    assert days == [date(2024, 8, 25), date(2024, 9, 1), date(2024, 9, 2), date(2024, 9, 3)]


def test_every_assumption_says_its_source_and_confidence() -> None:
    from tracker.engine.assumptions import list_assumptions as assumptions
    from tracker.records.model import Log

    rows = assumptions(Log(settings=(("rules", "upwork-2015"),)))
    assert len(rows) > 15
    assert {r["confidence"] for r in rows} <= {"OFF", "STAFF", "2ND", "COMM", "OURS"}
    assert all(r["source"] and r["text"] and r["value"] for r in rows)
    idle = next(r for r in rows if r["rule"] == "Idle open contracts")
    assert idle["value"] == "negative after 90 days without payment"


def test_a_saved_value_off_the_grid_is_read_in_steps_of_0_05() -> None:
    from datetime import date
    from fractions import Fraction

    from tracker.engine.rules import resolve
    from tracker.records.model import Log

    saved = {"mine": {"base": "auto", "parameters": {"neutral_value": 0.33}}}
    rules = resolve(Log(settings=(("custom_rules", saved),)), "mine").on(date(2026, 1, 1))
    assert rules is not None
    assert rules.neutral_value == Fraction(7, 20)
    assert rules.value_twentieths("neutral") == 7


def test_updates_turn_daily_when_the_rule_set_with_daily_updates_comes_into_force() -> None:
    from tracker.engine.calendar import DAILY_FROM, LAST_FORTNIGHTLY_UPDATE
    from tracker.engine.rules import ERA_BY_NAME

    daily = ERA_BY_NAME["upwork-2024-09"]
    assert daily.daily_updates and not ERA_BY_NAME["upwork-2023-12"].daily_updates
    assert DAILY_FROM == daily.in_force_from == date(2024, 9, 1)
    # Every day from then on is an update day; the week before, only the last fortnightly Sunday.
    week_before = [date(2024, 8, 25 + k) for k in range(7)]
    assert [is_update_day(day) for day in week_before] == [True] + [False] * 6
    assert week_before[0] == LAST_FORTNIGHTLY_UPDATE
    assert all(is_update_day(date(2024, 9, k)) for k in range(1, 31))
