"""Contracts at risk, as small logs: how long a contract went unpaid reads as a person says it."""

from __future__ import annotations

import pytest

from tests.engine.build import LogBuilder, d
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.texts import idle_time
from tracker.engine.warnings import warnings_on


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "1 day"), (52, "52 days"), (119, "119 days"), (120, "about 4 months"),
     (729, "about 24 months"), (730, "over 2 years"), (2473, "over 6 years")],
)  # fmt: skip
def test_idle_time_uses_the_unit_a_person_would(days: int, words: str) -> None:
    assert idle_time(days) == words


def test_an_hourly_contract_unpaid_for_years_says_years() -> None:
    b = LogBuilder().job("k", "a", "2019-01-01", kind="hourly", pays=[("2019-01-10", 100)])
    log = b.build()
    evaluation = evaluate(LogIndex(log), d("2025-10-09"), resolve(log, None))
    (warning,) = [w for w in warnings_on(evaluation) if w.kind == "unpaid_hourly"]
    assert warning.text.endswith("open, hourly, unpaid for over 6 years")
