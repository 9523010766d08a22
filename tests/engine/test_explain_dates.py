"""Why it moved over a wide span (issue 13 point 6): each cause is dated on the event it describes,
one cause per event of a contract, and the deltas still add up exactly to the change."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.engine.build import LogBuilder, d
from tests.engine.strategies import days_in_span, logs
from tests.profiles import examples
from tracker.engine.explain import explain_between
from tracker.engine.history import contribution
from tracker.engine.rules import resolve
from tracker.engine.score import Evaluation, LogIndex, evaluate
from tracker.records.model import Log

SINCE, AS_OF = d("2026-06-01"), d("2026-11-26")


def steady_with_a_neutral_job() -> Log:
    """Good monthly jobs, and 'Quarterly report' ended 20 Jul, rated 3.8 on 25 Jul (neutral)."""
    b = LogBuilder()
    for i in range(10):
        day = (d("2025-12-05") + timedelta(days=30 * i)).isoformat()
        b.job(f"g{i}", f"c{i}", day, ended=day, pays=[(day, 500)], stars=5)
    b.job(
        "q",
        "acme",
        "2026-06-10",
        ended="2026-07-20",
        pays=[("2026-07-20", 2000)],
        stars=3.8,
        fb_date="2026-07-25",
        title="Quarterly report",
    )
    return b.build()


def part_of(log: Log, contract: str, day: date) -> tuple[object, ...]:
    """What the windows see of `contract` on `day`, from a fresh evaluation of that day."""
    evaluation = evaluate(LogIndex.of(log), day, resolve(log, None))
    return contribution(evaluation.states.get(contract), evaluation.windows.get(contract, ()))


def parts(evaluation: Evaluation) -> dict[str, tuple[object, ...]]:
    ever = evaluation.rules is not None and evaluation.rules.lifetime_clients
    return {
        cid: contribution(state, evaluation.windows.get(cid, ()), ever)
        for cid, state in evaluation.states.items()
    }


def test_each_event_of_a_contract_is_its_own_cause_on_its_own_day() -> None:
    log = steady_with_a_neutral_job()
    result = explain_between(LogIndex.of(log), resolve(log, None), SINCE, AS_OF)
    quarterly = [c for c in result.causes if c.contract == "q"]
    texts = [(c.day, c.text) for c in quarterly]
    assert len(quarterly) >= 2, texts
    counted = quarterly[0]
    assert counted.day == d("2026-07-25")  # the feedback's day, which the words describe
    assert "'Quarterly report' counts neutral: feedback public 3.8" in counted.text
    assert quarterly[1].text == "'Quarterly report' left the 3-month window"
    assert quarterly[1].day is not None and quarterly[1].day > counted.day
    for cause in quarterly:
        assert cause.day is not None
        assert part_of(log, "q", cause.day - timedelta(days=1)) != part_of(log, "q", cause.day)
    assert sum(c.delta for c in result.causes if c.delta is not None) == result.change


def test_the_old_single_cause_dated_on_the_last_event_is_gone() -> None:
    """The issue's case: the neutral feedback was dated on the day it left a window."""
    log = steady_with_a_neutral_job()
    result = explain_between(LogIndex.of(log), resolve(log, None), SINCE, AS_OF)
    for cause in result.causes:
        if "counts neutral" in cause.text:
            assert cause.day == d("2026-07-25")


@settings(max_examples=examples(40), deadline=None)
@given(logs(rule_options=True), days_in_span(), st.integers(1, 400))
def test_every_cause_is_dated_on_a_day_its_contract_changed_and_they_add_up(
    log: Log, t1: date, gap: int
) -> None:
    t2 = t1 + timedelta(days=gap)
    choice = resolve(log, None)
    result = explain_between(LogIndex.of(log), choice, t1, t2)
    assume(choice.on(t1) == choice.on(t2))  # one rule set: fresh days compare as is
    days = [c.day for c in result.causes]
    assert all(day is not None and t1 < day <= t2 for day in days)
    assert days == sorted(days)  # type: ignore[type-var]
    # One cause per event: exactly the (day, contract) pairs on which a fresh evaluation of the
    # day sees the contract's part differ from the day before.
    index = LogIndex.of(log)
    previous = parts(evaluate(index, t1, choice))
    events = set()
    for n in range(1, gap + 1):
        day = t1 + timedelta(days=n)
        today = parts(evaluate(index, day, choice))
        events |= {
            (day, cid)
            for cid in set(previous) | set(today)
            if previous.get(cid, ()) != today.get(cid, ())
        }
        previous = today
    assert {(c.day, c.contract) for c in result.causes} == events
    if result.change is None:
        return
    total = sum((c.delta for c in result.causes if c.delta is not None), Fraction(0))
    assert total == result.change
