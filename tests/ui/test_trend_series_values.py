"""The charts' arrays hold each value as the command line's JSON writes it (out4), None as NaN."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.numbers import out4
from ui.trend.series import _floats

VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-1000, max_value=1000),
    st.fractions(max_denominator=10**6).filter(lambda f: abs(f) <= 1000),
)


@given(distinct=st.lists(VALUES, min_size=1, max_size=8), picks=st.lists(st.integers(0, 7)))
def test_every_value_is_the_float_json_writes_shared_values_included(
    distinct: list[Fraction | int | None], picks: list[int]
) -> None:
    # The same objects again and again, as the days between two moves share one estimate.
    values = [distinct[i % len(distinct)] for i in picks] + distinct
    for got, value in zip(_floats(values).tolist(), values, strict=True):
        if value is None:
            assert math.isnan(got)
        else:
            assert got == out4(Fraction(value))
