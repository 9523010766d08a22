"""A refund is taken off a contract only once it has ended, so before its end date a typed
schedule's few cents make it count: that day is an event, for the sweep and for explain.

The story: 'k0', hourly with earned 2.61 typed (no listed payments), started 1 Jun 2019, ends
12 Jun in a dispute with 50 refunded, rated 5 stars on 1 Jun. Under upwork-2024-09 a job that
has earned nothing is excluded; on 2 Jun the schedule has paid 0.24 and the refund still waits
for the end, so it counts positive from 2 Jun, then negative from 12 Jun (the dispute).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

from tests.engine.build import LogBuilder, d
from tests.engine.test_properties import sweep_equals_evaluating_each_day
from tracker.engine.explain import explain_between
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.timeline import sweep
from tracker.records.model import Log

START = d("2019-06-01")


def disputed_hourly_job(b: LogBuilder) -> LogBuilder:
    return b.job(
        "k0",
        "c1",
        "2019-06-01",
        ended="2019-06-12",
        kind="hourly",
        earned=2.61,
        refunded=50,
        disputed=True,
        stars=5,
        fb_date="2019-06-01",
    )


def under_lifetime_rules(log: Log) -> Log:
    """The reported case's own rule set: upwork-2024-09 counting clients ever."""
    own = {"ever-2024": {"base": "upwork-2024-09", "parameters": {"clients_over": "lifetime"}}}
    return replace(log, settings=(("rules", "ever-2024"), ("custom_rules", own)))


def test_the_first_paid_day_before_the_refunded_end_is_a_cause_of_its_own() -> None:
    log = under_lifetime_rules(disputed_hourly_job(LogBuilder().client("c0", flagged=True)).build())
    index, choice = LogIndex(log), resolve(log, None)
    assert evaluate(index, START, choice).states["k0"].reason_code == "zero_earned"
    on_the_2nd = evaluate(index, d("2019-06-02"), choice).states["k0"]
    assert (on_the_2nd.outcome, on_the_2nd.earned_cents) == ("positive", 24)

    result = explain_between(index, choice, START, START + timedelta(days=271))
    assert [(c.day, c.text) for c in result.causes][:2] == [
        (d("2019-06-02"), "'k0' counts positive: feedback public 5.0"),
        (d("2019-06-12"), "'k0': ended in a dispute: counted negative"),
    ]
    assert result.change is None  # one client that counts: hidden on both days


def test_the_sweep_counts_the_job_from_its_first_paid_day_not_from_its_end() -> None:
    b = LogBuilder()
    for cid, day, stars in (
        ("g1", "2019-05-01", 5),
        ("g2", "2019-05-08", 5),
        ("n", "2019-05-20", 3),
    ):
        b.job(cid, f"client-{cid}", day, ended=day, pays=[(day, 500)], stars=stars)
    log = replace(disputed_hourly_job(b).build(), settings=(("rules", "upwork-2024-09"),))
    series = sweep(LogIndex(log), resolve(log, None), START, d("2019-06-30"))
    # The $500 jobs weigh 5 quarters each (two positive, one neutral), k0's few cents 4.
    assert series.on(d("2019-06-01")).exact == Fraction(100 * 10, 15)
    assert series.on(d("2019-06-02")).exact == Fraction(100 * (10 + 4), 19)
    assert series.on(d("2019-06-11")).exact == Fraction(100 * (10 + 4), 19)
    assert series.on(d("2019-06-12")).exact == Fraction(100 * 10, 19)
    sweep_equals_evaluating_each_day(log, START, 29)

    result = explain_between(LogIndex(log), resolve(log, None), START, d("2019-06-30"))
    assert [(c.day, c.delta) for c in result.causes] == [
        (d("2019-06-02"), Fraction(1400, 19) - Fraction(200, 3)),
        (d("2019-06-12"), Fraction(1000, 19) - Fraction(1400, 19)),
    ]
