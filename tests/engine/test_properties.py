"""Invariants of the engine, checked on random logs (with and without lifetime eligibility)."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.strategies import days_in_span, logs
from tests.profiles import examples
from tracker.engine.forecast import known_on
from tracker.engine.numbers import round_fraction
from tracker.engine.reports import explain_since_report
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.timeline import sweep
from tracker.records.model import Client, Contract, Feedback, Log, Payment


def exact(log: Log, day: date):  # type: ignore[no-untyped-def]
    return evaluate(LogIndex(log), day, resolve(log, None)).estimate.exact


@settings(max_examples=examples(60), deadline=None)
@given(logs(rule_options=True), days_in_span())
def test_what_is_dated_after_the_day_changes_nothing(log: Log, day: date) -> None:
    choice = resolve(log, None)
    full = evaluate(LogIndex(log), day, choice)
    cut = evaluate(LogIndex(known_on(log, day)), day, choice)
    assert full.estimate == cut.estimate


@settings(max_examples=examples(40), deadline=None)
@given(logs(rule_options=True), days_in_span(), st.integers(20, 120))
def test_sweep_equals_evaluating_each_day_from_scratch(log: Log, first: date, length: int) -> None:
    sweep_equals_evaluating_each_day(log, first, length)


def sweep_equals_evaluating_each_day(log: Log, first: date, length: int) -> None:
    last = first + timedelta(days=length)
    choice = resolve(log, None)
    series = sweep(LogIndex(log), choice, first, last)
    index = LogIndex(log)
    day = first
    while day <= last:
        swept, scratch = series.on(day), evaluate(index, day, choice).estimate
        assert (swept.exact, swept.winner) == (scratch.exact, scratch.winner), day
        day += timedelta(days=1)


@settings(max_examples=examples(60), deadline=None)
@given(logs(rule_options=True), days_in_span())
def test_effect_is_the_score_with_minus_without(log: Log, day: date) -> None:
    effect_is_the_score_with_minus_without(log, day)


def effect_is_the_score_with_minus_without(log: Log, day: date) -> None:
    ev = evaluate(LogIndex(log), day, resolve(log, None))
    effects = ev.effects()  # all at once, as the reports ask
    assert effects.keys() == ev.states.keys()
    for cid in ev.states:
        effect = ev.effect(cid)
        assert effects[cid] == effect
        without = replace(
            log,
            contracts=tuple(c for c in log.contracts if c.id != cid),
            payments=tuple(p for p in log.payments if p.contract != cid),
            feedback=tuple(f for f in log.feedback if f.contract != cid),
        )
        other = exact(without, day)
        if not ev.states[cid].counted:
            assert effect == 0
        elif ev.estimate.exact is None or other is None:
            assert effect is None
        else:
            assert effect == ev.estimate.exact - other


@settings(max_examples=examples(60), deadline=None)
@given(logs(rule_options=True), days_in_span(), st.sampled_from(["100", "600", "3000"]))
def test_a_new_positive_contract_never_lowers_the_score(log: Log, day: date, amount: str) -> None:
    before = exact(log, day)
    good = Contract("new", "fresh", "fixed", day, title="new", ended=day)
    more = replace(
        log,
        clients=(*log.clients, Client("fresh")),
        contracts=(*log.contracts, good),
        payments=(*log.payments, Payment("new", day, Decimal(amount))),
        feedback=(*log.feedback, Feedback("new", day, "final", Decimal(5), 10)),
    )
    after = exact(more, day)
    if before is not None:
        assert after is not None and after >= before


@settings(max_examples=examples(40), deadline=None)
@given(logs(rule_options=True), days_in_span(), st.integers(1, 400))
def test_causes_add_up_to_the_change(log: Log, t1: date, gap: int) -> None:
    causes_add_up_to_the_change(log, t1, gap)


def causes_add_up_to_the_change(log: Log, t1: date, gap: int) -> None:
    t2 = t1 + timedelta(days=gap)
    report = explain_since_report(log, t1, t2)
    if report.change is None:
        assert all(c.delta is None for c in report.causes)
    else:
        total = sum(c.delta or 0 for c in report.causes)
        assert total == round_fraction(report.change, 4)
