"""What the reports make once per shared value says what making it per contract would say."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings

from tests.engine.build import LogBuilder, d
from tests.engine.strategies import days_in_span, logs
from tests.profiles import examples
from tracker.engine.facts import public_rating
from tracker.engine.reports import contract_lines
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.stats import first_day_of_last_12_months, paid_between, payment_days_between
from tracker.engine.texts import reason_text
from tracker.records.model import Feedback, Log


@settings(max_examples=examples(60), deadline=None)
@given(logs(rule_options=True), days_in_span())
def test_each_line_has_its_own_contracts_reason(log: Log, day: date) -> None:
    evaluation = evaluate(LogIndex(log), day, resolve(log, None))
    rules = evaluation.rules
    for line in contract_lines(evaluation):
        state = evaluation.states[line.id]
        contract = evaluation.index.by_id[line.id].contract
        assert line.reason == (reason_text(contract, state, rules) if rules else "")


def test_reasons_alike_but_for_their_numbers_keep_their_own_numbers() -> None:
    b = LogBuilder()
    b.job("idle-a", "a", "2016-01-01", pays=[("2016-01-10", 100)])  # dormant, 2015's rules
    b.job("idle-b", "b", "2016-01-01", pays=[("2016-02-10", 100)])
    b.job("long-a", "a", "2015-03-01", "2016-05-01", pays=[("2015-03-02", 99), ("2016-01-02", 99)])
    b.job("long-b", "b", "2015-03-01", "2016-05-01", pays=[("2015-03-02", 99), ("2016-02-02", 99)])
    one_pay = [("2016-01-02", 99)]
    b.job("blamed", "a", "2016-01-01", "2016-02-01", pays=one_pay, end_reason="quality")
    b.job("missed", "b", "2016-01-01", "2016-02-01", pays=one_pay, end_reason="deadline")
    log = b.build()
    evaluation = evaluate(LogIndex(log), d("2016-06-01"), resolve(log, None))
    reasons = {line.id: line.reason for line in contract_lines(evaluation)}
    assert reasons["idle-a"] != reasons["idle-b"]
    assert reasons["long-a"] != reasons["long-b"]
    assert reasons["blamed"] != reasons["missed"]
    for cid, reason in reasons.items():
        contract = evaluation.index.by_id[cid].contract
        assert evaluation.rules is not None
        assert reason == reason_text(contract, evaluation.states[cid], evaluation.rules), cid


@settings(max_examples=examples(60), deadline=None)
@given(logs(rule_options=True), days_in_span())
def test_nothing_is_paid_after_a_contracts_latest_day(log: Log, day: date) -> None:
    # stats_on skips the last 12 months' payments of a contract whose latest day is before them.
    first = first_day_of_last_12_months(day)
    for facts in LogIndex(log).facts:
        if facts.latest < first:
            assert paid_between(facts, first, day) == 0
            assert payment_days_between(facts, first, day) is None


def test_a_rating_from_sub_scores_is_their_mean_however_written() -> None:
    def rated(*values: str) -> Fraction | None:
        scores = tuple((f"s{i}", Decimal(v)) for i, v in enumerate(values))
        return public_rating(Feedback("k", date(2025, 1, 1), "final", None, 9, scores=scores))

    assert rated("5", "4", "4.5") == Fraction(27, 6)
    assert rated("4.50", "5.0") == rated("4.5", "5") == Fraction(19, 4)
    assert rated("3") == 3
