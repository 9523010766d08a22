"""jss-model.md section 9: the reported cases, the first two exact, the others within 3 points."""

from datetime import timedelta
from fractions import Fraction

from tests.engine.build import LogBuilder, d, five_star_jobs
from tracker.engine.numbers import whole_percent
from tracker.engine.rules import ERA_BY_NAME, resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.windows import Tally, estimate_from


def score_on(b: LogBuilder, day: str, rules: str | None = None):  # type: ignore[no-untyped-def]
    log = b.build()
    return evaluate(LogIndex(log), d(day), resolve(log, rules)).estimate


def tally_with_scores(scores: dict[int, int]) -> Tally:
    """A tally whose window w has the given score, 10 contracts from 10 clients each."""
    t = Tally()
    for w, score in scores.items():
        t.value[w] = score * 20 * 40 // 100
        t.weight[w] = 40
        t.count[w] = 10
        for i in range(10):
            t.clients[w][f"c{i}"] = 1
    return t


def test_official_trending_example_gives_96() -> None:
    estimate = estimate_from(
        tally_with_scores({0: 98, 1: 94, 2: 88, 3: 92}), ERA_BY_NAME["upwork-2024-09"]
    )
    assert estimate.exact == Fraction(96)
    assert estimate.winner == "trending"


def test_no_feedback_contracts_drop_out_on_2020_11_08_and_the_score_hides() -> None:
    b = LogBuilder()
    b.job("a", "c1", "2020-06-01", "2020-06-10", pays=[("2020-06-05", 300)], stars=5)
    b.job("b", "c2", "2020-06-01", "2020-06-10", pays=[("2020-06-05", 300)], stars=5)
    b.job("c", "c3", "2020-06-01", "2020-06-10", pays=[("2020-06-05", 300)])
    b.job("e", "c4", "2020-06-01", "2020-06-10", pays=[("2020-06-05", 300)])
    before = score_on(b, "2020-11-07")
    assert before.exact == Fraction(50)
    after = score_on(b, "2020-11-08")
    assert after.exact is None
    assert after.hidden_reason == (
        "needs 4 contracts from 2 different clients in the last 24 months;"
        " you have 2 contracts from 2 clients"
    )


def test_eight_good_and_one_cancelled_for_late_delivery_100_to_89() -> None:
    b = five_star_jobs(LogBuilder(), 8, "2025-01-01")
    assert whole_percent(score_on(b, "2025-04-01").exact) == 100
    b.job(
        "late", "c9", "2025-04-10", "2025-04-20", pays=[("2025-04-12", 500)], end_reason="deadline"
    )
    assert abs(whole_percent(score_on(b, "2025-05-01").exact) - 89) <= 3


def test_three_good_and_two_unpaid_no_feedback_before_2020_first_score_63() -> None:
    b = five_star_jobs(LogBuilder(), 3, "2017-01-01", amount=300)
    b.job("u1", "x1", "2017-02-01", "2017-03-01")
    b.job("u2", "x2", "2017-02-01", "2017-03-01")
    assert abs(whole_percent(score_on(b, "2017-04-01").exact) - 63) <= 3


def test_refunded_and_scope_jobs_rated_poorly_first_score_71() -> None:
    b = LogBuilder()
    for i, amount in enumerate([251, 400, 700, 1000]):
        b.job(f"g{i}", f"c{i}", "2025-01-01", "2025-01-20", pays=[("2025-01-10", amount)], stars=5)
    b.job(
        "refund", "r", "2025-02-01", "2025-02-20", pays=[("2025-02-10", 300)], refunded=300, stars=2
    )
    b.job(
        "scope",
        "s",
        "2025-02-01",
        "2025-02-20",
        pays=[("2025-02-10", 200)],
        stars=2,
        end_reason="scope",
    )
    assert abs(whole_percent(score_on(b, "2025-03-15").exact) - 71) <= 3


def test_fourteen_small_good_jobs_and_one_mediocre_long_one_98_to_89() -> None:
    b = five_star_jobs(LogBuilder(), 14, "2025-01-01", amount=150, gap_days=10)
    assert abs(whole_percent(score_on(b, "2025-07-01").exact) - 98) <= 3
    pays = [((d("2025-01-15") + timedelta(days=30 * i)).isoformat(), 200) for i in range(8)]
    b.job("big", "bigc", "2025-01-10", "2025-08-20", pays=pays, stars=3.75, kind="hourly")
    assert abs(whole_percent(score_on(b, "2025-08-25").exact) - 89) <= 3


def test_closing_old_dormant_contracts_in_2015_drops_over_90_to_67() -> None:
    b = five_star_jobs(LogBuilder(), 10, "2015-03-01", amount=300)
    for i in range(5):
        b.job(f"old{i}", f"o{i}", "2012-01-01", pays=[("2012-02-01", 100)])
    assert whole_percent(score_on(b, "2015-07-01").exact) > 90
    closed = LogBuilder()
    closed.clients, closed.payments, closed.feedback = b.clients, b.payments, b.feedback
    closed.contracts = [
        c
        if not c.id.startswith("old")
        else __import__("dataclasses").replace(c, ended=d("2015-07-02"))
        for c in b.contracts
    ]
    assert abs(whole_percent(score_on(closed, "2015-07-20").exact) - 67) <= 3


def test_no_score_before_march_2015_even_when_forced() -> None:
    b = five_star_jobs(LogBuilder(), 5, "2014-01-01")
    estimate = score_on(b, "2015-02-28", "upwork-2024-09")
    assert estimate.exact is None
    assert estimate.hidden_reason == "no score before 2015-03-01"


def test_the_2015_minimum_is_three_clients() -> None:
    b = LogBuilder()
    b.job("a", "c1", "2016-01-01", "2016-01-05", pays=[("2016-01-02", 100)], stars=5)
    b.job("b", "c1", "2016-01-01", "2016-01-05", pays=[("2016-01-02", 100)], stars=5)
    b.job("c", "c2", "2016-01-01", "2016-01-05", pays=[("2016-01-02", 100)], stars=5)
    estimate = score_on(b, "2016-02-01")
    assert estimate.hidden_reason == "needs 3 different clients in the last 24 months; you have 2"
