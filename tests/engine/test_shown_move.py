"""A move written at one decimal adds up as written: the ends, the change and its causes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.numbers import shown_move


def test_the_issue_s_move_adds_up_on_screen() -> None:
    # Exact 86.24 -> 94.56 (+8.32); causes that each round up and sum to 8.5 at one decimal.
    shown = shown_move(86.24, 94.56, 8.32, [4.26, 4.26, 0.05, -0.25])
    assert (shown.before, shown.after, shown.change) == (
        Decimal("86.2"),
        Decimal("94.6"),
        Decimal("8.4"),
    )
    assert sum(p for p in shown.parts if p is not None) == Decimal("8.4")
    # Remainders .6, .6, .5, .5: the two .6 get their unit, then the larger of the .5s.
    assert shown.parts == (Decimal("4.3"), Decimal("4.3"), Decimal("0.0"), Decimal("-0.2"))


def test_largest_remainder_gives_the_unit_to_the_part_closest_to_it() -> None:
    # 0.33 + 0.33 + 0.34 = 1.0: floors 0.3 each, the 0.1 left goes to the largest remainder.
    shown = shown_move(90.0, 91.0, 1.0, [0.33, 0.33, 0.34])
    assert shown.parts == (Decimal("0.3"), Decimal("0.3"), Decimal("0.4"))


def test_a_hidden_end_leaves_the_change_unknown_and_each_part_rounded_alone() -> None:
    shown = shown_move(None, 94.6, None, [1.25, None])
    assert (shown.before, shown.change) == (None, None)
    assert shown.parts == (Decimal("1.3"), None)


parts = st.lists(
    st.floats(min_value=-30, max_value=30, allow_nan=False).map(lambda x: round(x, 4)),
    max_size=8,
)


@given(
    before=st.floats(min_value=0, max_value=100).map(lambda x: round(x, 4)),
    parts=parts,
)
def test_the_written_values_always_add_up(before: float, parts: list[float]) -> None:
    total = round(sum(parts), 4)
    after = round(before + total, 4)
    shown = shown_move(before, after, total, parts)
    assert shown.before is not None and shown.after is not None and shown.change is not None
    assert shown.after - shown.before == shown.change
    if parts:
        assert sum(p for p in shown.parts if p is not None) == shown.change
        # Each part stays within the rounding of its own value and of the ends (under 0.2 off).
        for exact, written in zip(parts, shown.parts, strict=True):
            assert written is not None
            assert abs(written - Decimal(repr(exact))) < Decimal("0.2") + Decimal("0.1") * len(
                parts
            )
