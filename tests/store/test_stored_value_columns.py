"""Reading checks a column at a time: a column passed whole holds no value its field's rule
refuses, so the shortcut never lets through what the value-by-value check would have named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.records.kinds import KINDS, PROFILE
from tracker.store.stored_values import _ACCEPTS, _all_accepted, _problem

RULES = sorted(
    {rule for kind in (*KINDS, PROFILE) for rule in kind.fields.values()}, key=lambda r: repr(r)
)

VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=12),
    st.booleans(),
    st.integers(-3, 12),
    st.dates(),
    st.dates().map(date.isoformat),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-20, max_value=20),
    st.just(Decimal("4.5")),
    st.sampled_from(["hourly", "fixed", "final", "interim", "accepted", "client"]),
)


@given(st.sampled_from(RULES), st.sets(VALUES, max_size=6), st.booleans())
def test_a_column_passed_whole_holds_no_refused_value(
    rule: object, values: set[object], required: bool
) -> None:
    problems = [_problem(rule, value, required) for value in values]
    if _all_accepted(rule, values, required):
        assert problems == [None] * len(problems)


@given(st.sampled_from(RULES), st.sets(VALUES, max_size=6), st.booleans())
def test_a_column_of_accepted_values_is_passed_whole(
    rule: object, values: set[object], required: bool
) -> None:
    """The other way round for the values a database row turns into (dates already dates)."""
    as_read = {v for v in values if not (isinstance(v, str) and _looks_like_a_date(v))}
    if all(_problem(rule, value, required) is None for value in as_read):
        assert _all_accepted(rule, as_read, required)


def _looks_like_a_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_every_shortcut_belongs_to_a_field_rule() -> None:
    assert set(_ACCEPTS) <= {rule.parse for rule in RULES}
