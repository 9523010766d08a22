"""The decision list of jss-model.md section 3, one rule at a time, as small logs."""

from datetime import date

import pytest

from tests.engine.build import LogBuilder, d
from tracker.engine.outcome import contract_state
from tracker.engine.rules import ERA_BY_NAME
from tracker.engine.score import LogIndex

R2015 = ERA_BY_NAME["upwork-2015"]
R2020_03 = ERA_BY_NAME["upwork-2020-03"]
R2020_11 = ERA_BY_NAME["upwork-2020-11"]
R2024 = ERA_BY_NAME["upwork-2024-09"]


def state_of(b: LogBuilder, cid: str, day: str, rules=R2024):  # type: ignore[no-untyped-def]
    index = LogIndex(b.build())
    return contract_state(index.by_id[cid], d(day), rules)


def test_flagged_client_is_excluded_whatever_the_feedback() -> None:
    b = LogBuilder().client("x", flagged=True)
    b.job("k", "x", "2025-01-01", "2025-02-01", pays=[("2025-01-15", 900)], stars=1)
    s = state_of(b, "k", "2025-03-01")
    assert (s.outcome, s.reason_code) == ("excluded", "flagged")


def test_open_short_contract_without_feedback_is_excluded() -> None:
    b = LogBuilder().job("k", "a", "2025-01-01", pays=[("2025-01-15", 100)])
    s = state_of(b, "k", "2025-03-01")
    assert (s.outcome, s.reason_code) == ("excluded", "open")


def test_idle_open_contract_counts_negative_in_2015_only() -> None:
    b = LogBuilder().job("k", "a", "2016-01-01", pays=[("2016-01-10", 100)])
    assert state_of(b, "k", "2016-04-09", R2015).reason_code == "open"  # 90 days idle: not more
    s = state_of(b, "k", "2016-04-10", R2015)  # 91 days since the last payment
    assert (s.outcome, s.reason_code) == ("negative", "dormant")
    assert state_of(b, "k", "2016-04-10", R2020_03).reason_code == "open"


def test_open_contract_with_interim_feedback_counts_by_it() -> None:
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        pays=[("2025-01-15", 400)],
        stars=4.0,
        fb_date="2025-02-01",
        fb_kind="interim",
    )
    s = state_of(b, "k", "2025-03-01")
    assert (s.outcome, s.reason_code) == ("neutral", "feedback")


def test_dispute_is_negative_from_the_end_date() -> None:
    b = LogBuilder().job(
        "k", "a", "2025-01-01", "2025-03-01", pays=[("2025-01-15", 400)], stars=5, disputed=True
    )
    assert state_of(b, "k", "2025-03-05").reason_code == "disputed"
    assert state_of(b, "k", "2025-02-01").reason_code == "open"


@pytest.mark.parametrize("reason", ["freelancer_unresponsive", "quality", "deadline"])
def test_blamed_end_reasons_are_negative_even_with_five_stars(reason: str) -> None:
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-02-01",
        pays=[("2025-01-15", 400)],
        stars=5,
        end_reason=reason,
        closed_by="client",
    )
    s = state_of(b, "k", "2025-02-02")
    assert (s.outcome, s.reason_code) == ("negative", "blamed")


def test_scope_is_not_blamed() -> None:
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-02-01",
        pays=[("2025-01-15", 400)],
        stars=5,
        end_reason="scope",
    )
    assert state_of(b, "k", "2025-02-02").outcome == "positive"


@pytest.mark.parametrize(
    ("stars", "expected"),
    [(4.5, "positive"), (4.49, "neutral"), (3.5, "neutral"), (3.49, "negative")],
)
def test_public_thresholds(stars: float, expected: str) -> None:
    b = LogBuilder().job(
        "k", "a", "2025-01-01", "2025-02-01", pays=[("2025-01-15", 400)], stars=stars
    )
    assert state_of(b, "k", "2025-02-02").outcome == expected


def test_mean_of_sub_scores_is_exact() -> None:
    # 4.6, 4.8 and 4.1 average to exactly 4.5: a float mean would make it neutral.
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-02-01",
        pays=[("2025-01-15", 400)],
        scores={"skills": 4.6, "quality": 4.8, "deadlines": 4.1},
    )
    assert state_of(b, "k", "2025-02-02").outcome == "positive"


def test_private_first_before_2023_worst_after() -> None:
    b = LogBuilder().job(
        "k", "a", "2020-01-01", "2020-02-01", pays=[("2020-01-15", 400)], stars=5, private=6
    )
    assert state_of(b, "k", "2021-01-01", R2020_11).outcome == "negative"
    b2 = LogBuilder().job(
        "k", "a", "2020-01-01", "2020-02-01", pays=[("2020-01-15", 400)], stars=3.0, private=10
    )
    assert state_of(b2, "k", "2021-01-01", R2020_11).outcome == "positive"
    assert state_of(b2, "k", "2025-01-01", R2024).outcome == "negative"


def test_final_feedback_wins_over_interim_and_empty_feedback_is_ignored() -> None:
    b = LogBuilder().job("k", "a", "2025-01-01", "2025-06-01", pays=[("2025-01-15", 400)])
    b.fb("k", "2025-03-01", stars=4.0, kind="interim")
    b.fb("k", "2025-06-02", stars=5.0)
    b.fb("k", "2025-06-03")  # no stars, no sub-scores, no private score: ignored
    assert state_of(b, "k", "2025-04-01").outcome == "neutral"
    assert state_of(b, "k", "2025-06-10").outcome == "positive"


def test_long_term_without_feedback_is_positive_even_while_open() -> None:
    b = LogBuilder().job(
        "k", "a", "2025-01-01", kind="hourly", pays=[("2025-01-07", 300), ("2025-04-07", 300)]
    )
    s = state_of(b, "k", "2025-04-08")
    assert (s.outcome, s.reason_code, s.duration) == ("positive", "long_term", 1)
    assert state_of(b, "k", "2025-04-06").reason_code == "open"  # 89 days of payments so far


def test_bonus_after_the_end_moves_the_anchor_but_not_the_length() -> None:
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-03-01",
        pays=[("2025-01-05", 300), ("2025-03-01", 300), ("2025-05-01", 50)],
    )
    s = state_of(b, "k", "2025-05-02")
    assert s.anchor == date(2025, 5, 1)
    assert s.paid_span_days == (date(2025, 3, 1) - date(2025, 1, 5)).days
    assert s.reason_code == "no_feedback"


def test_awaiting_feedback_for_fourteen_days() -> None:
    b = LogBuilder().job("k", "a", "2025-01-01", "2025-02-01", pays=[("2025-01-15", 400)])
    assert state_of(b, "k", "2025-02-14").reason_code == "awaiting_feedback"  # 13 days after
    assert state_of(b, "k", "2025-02-15").reason_code == "no_feedback"  # 14 days after


def test_no_feedback_is_negative_before_november_2020() -> None:
    b = LogBuilder().job("k", "a", "2020-01-01", "2020-02-01", pays=[("2020-01-15", 400)])
    assert state_of(b, "k", "2020-06-01", R2020_03).outcome == "negative"
    assert state_of(b, "k", "2020-12-01", R2020_11).outcome == "excluded"


def test_zero_earned_counts_only_when_negative_from_2020() -> None:
    b = LogBuilder().job("k", "a", "2020-01-01", "2020-02-01", stars=5)
    assert state_of(b, "k", "2020-02-02", R2015).outcome == "positive"
    s = state_of(b, "k", "2020-03-02", R2020_03)
    assert (s.outcome, s.reason_code) == ("excluded", "zero_earned")
    b2 = LogBuilder().job("k", "a", "2020-01-01", "2020-02-01", stars=2)
    assert state_of(b2, "k", "2020-03-02", R2020_03).outcome == "negative"


def test_refund_on_an_ended_contract_applies_from_its_end() -> None:
    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-02-01",
        pays=[("2025-01-15", 400)],
        refunded=400,
        stars=5,
        fb_date="2025-01-20",
    )
    assert state_of(b, "k", "2025-01-25").earned_cents == 40_000
    s = state_of(b, "k", "2025-02-02")
    assert (s.earned_cents, s.reason_code) == (0, "zero_earned")


def test_refund_on_an_open_contract_applies_on_every_date() -> None:
    b = LogBuilder().job("k", "a", "2025-01-01", pays=[("2025-01-15", 400)], refunded=100)
    assert state_of(b, "k", "2025-01-20").earned_cents == 30_000


@pytest.mark.parametrize(("earned", "tier"), [(250, 4), (250.01, 5), (1000, 5), (1000.01, 6)])
def test_weight_tiers_in_quarters(earned: float, tier: int) -> None:
    b = LogBuilder().job(
        "k", "a", "2025-01-01", "2025-01-01", pays=[("2025-01-01", earned)], stars=5
    )
    s = state_of(b, "k", "2025-01-02")
    assert (s.tier_quarters, s.weight_quarters) == (tier, tier)
    assert state_of(b, "k", "2025-01-02", R2015).tier_quarters == 4


def test_weight_adds_a_job_per_90_days_and_is_capped_at_8() -> None:
    pays = [(f"{2015 + y}-01-01", 500) for y in range(10)]
    b = LogBuilder().job("k", "a", "2015-01-01", "2024-12-31", pays=pays, stars=5, kind="hourly")
    s = state_of(b, "k", "2025-01-01")
    assert s.weight_quarters == 32


def test_typed_schedule_is_paid_pro_rata() -> None:
    b = LogBuilder().job(
        "k", "a", "2025-01-01", "2025-01-11", earned=1000, stars=5, fb_date="2025-01-11"
    )
    s = state_of(b, "k", "2025-01-04")  # 3 of 10 days
    assert (s.earned_cents, s.last_payment, s.anchor_moving) == (30_000, date(2025, 1, 4), True)
    s = state_of(b, "k", "2025-02-01")
    assert (s.earned_cents, s.last_payment, s.anchor_moving) == (100_000, date(2025, 1, 11), False)


def test_typed_schedule_rounds_half_up_to_cents() -> None:
    # 100.01 over 2 days: after 1 day 50.005 -> 50.01
    b = LogBuilder().job("k", "a", "2025-01-01", "2025-01-03", earned=100.01)
    assert state_of(b, "k", "2025-01-02").earned_cents == 5001


def test_anchor_end_mode() -> None:
    from dataclasses import replace

    b = LogBuilder().job(
        "k",
        "a",
        "2025-01-01",
        "2025-02-01",
        pays=[("2025-01-15", 400), ("2025-03-01", 50)],
        stars=5,
    )
    rules = replace(R2024, anchor="end")
    assert state_of(b, "k", "2025-03-02", rules).anchor == date(2025, 2, 1)
    assert state_of(b, "k", "2025-03-02").anchor == date(2025, 3, 1)
