"""The plan and the forecast equal evaluating each of their days from scratch, on random logs.

Both reuse what they can (segments kept across calls, the assumed contracts' states made apart
from the log's, the forecast's first moves only): these properties say it changes no answer.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.strategies import RULE_SETTINGS, contracts_strategy
from tests.profiles import examples
from tracker.engine.forecast import forecast, known_on
from tracker.engine.numbers import whole_percent
from tracker.engine.plan import PlanRequest, assumed_log, plan_amount, plan_report
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.windows import Estimate
from tracker.records.model import Client, Log

FIRST = date(2024, 6, 1)  # the random logs' first contract starts on or after this day
SPAN_DAYS = 400  # and the last within this many days


@st.composite
def crowded_logs(draw):  # type: ignore[no-untyped-def]
    """Up to twelve contracts for up to five clients within a year or so: a score that shows,
    and moves ahead (the engine's general random logs are spread too thin for that)."""
    clients = [Client(f"c{i}") for i in range(draw(st.integers(1, 5)))]
    ids = [c.id for c in clients]
    contracts, payments, feedback = [], [], []
    for i in range(draw(st.integers(1, 12))):
        c, p, f = draw(contracts_strategy(i, ids, FIRST, SPAN_DAYS))
        contracts.append(c)
        payments += p
        feedback += f
    return Log(
        clients=tuple(clients),
        contracts=tuple(contracts),
        payments=tuple(payments),
        feedback=tuple(feedback),
        settings=draw(st.sampled_from(RULE_SETTINGS)),
    )


def days_among_them():  # type: ignore[no-untyped-def]
    return st.integers(0, SPAN_DAYS + 200).map(lambda n: FIRST + timedelta(days=n))


ONE_DAY = timedelta(days=1)


def from_scratch(log: Log, first: date, last: date) -> dict[date, Estimate]:
    """The estimate on each day of [first, last], each evaluated alone on a fresh index."""
    choice = resolve(log, None)
    index = LogIndex(log, keep=False)
    days, day = {}, first
    while day <= last:
        days[day] = evaluate(index, day, choice).estimate
        day += ONE_DAY
    return days


@settings(max_examples=examples(30), deadline=None)
@given(
    crowded_logs(),
    days_among_them(),
    st.sampled_from([70, 85, 90, 95, 100]),
    st.sampled_from([1, 2, 5]),
    st.sampled_from([1, 3, 6]),
)
def test_a_plan_s_days_are_those_of_the_log_with_its_contracts(
    log: Log, as_of: date, target: int, per_month: int, months: int
) -> None:
    request = PlanRequest.from_options(
        as_of, target, as_of + timedelta(days=30 * months), None, 5, None, per_month
    )
    plan = plan_report(log, request, None)
    without = from_scratch(log, as_of, request.by)

    def at_target(estimate: Estimate) -> bool:
        return estimate.exact is not None and whole_percent(estimate.exact) >= target

    below = [day for day, estimate in without.items() if not at_target(estimate)]
    assert plan.below_from_without == (below[0] if below else None)
    assert plan.score_on_by_without == without[request.by].exact
    assert plan.score_now == without[as_of].exact
    if plan.contracts_needed is None:
        assert plan.reached_on is None and plan.held_from is None
        return
    amount, _ = plan_amount(log, request)
    days = from_scratch(assumed_log(log, request, amount, plan.contracts_needed), as_of, request.by)
    reached = [day for day, estimate in days.items() if at_target(estimate)]
    assert plan.reached_on == reached[0]
    after = [day for day in days if day > reached[0] and not at_target(days[day])]
    assert plan.below_from == (after[0] if after else None)
    held = request.by
    while held - ONE_DAY in days and at_target(days[held - ONE_DAY]):
        held -= ONE_DAY
    assert plan.held_from == held
    assert plan.score_on_by == days[request.by].exact
    if plan.contracts_needed:
        fewer = assumed_log(log, request, amount, plan.contracts_needed - 1)
        assert not at_target(from_scratch(fewer, request.by, request.by)[request.by])


@settings(max_examples=examples(30), deadline=None)
@given(crowded_logs(), days_among_them(), st.integers(1, 3))
def test_the_forecast_s_moves_are_the_days_the_estimate_moves(
    log: Log, as_of: date, limit: int
) -> None:
    choice = resolve(log, None)
    whole = forecast(log, as_of, choice)
    days = from_scratch(known_on(log, as_of), as_of, whole.until)
    moving = [day for day in days if day > as_of and days[day].exact != days[day - ONE_DAY].exact]
    assert [move.day for move in whole.moves] == moving
    for move in whole.moves:
        assert (move.before.exact, move.after.exact) == (
            days[move.day - ONE_DAY].exact,
            days[move.day].exact,
        )
    first = forecast(log, as_of, choice, limit=limit)
    assert first.until == whole.until
    assert first.moves == whole.moves[:limit]
