"""The stats page's figures and the badges: jss-model.md section 7."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from tracker.engine.calendar import add_months
from tracker.engine.facts import ContractFacts
from tracker.engine.outcome import typed_paid_cents
from tracker.engine.score import Evaluation
from tracker.records.model import Log

HOLD_LOOKBACK_DAYS = 90


def first_day_of_last_12_months(day: date) -> date:
    """The earliest P for which `day <= add_months(P, 12)`: a payment dated P counts on `day`."""
    candidate = add_months(day, -12)
    while add_months(candidate, 12) < day:
        candidate += timedelta(days=1)
    return candidate


def paid_between(f: ContractFacts, first: date, last: date) -> int:
    """Gross cents paid on days in [first, last] (a typed schedule pays pro rata each day)."""
    if f.pay_dates:
        i, j = bisect_left(f.pay_dates, first), bisect_right(f.pay_dates, last)
        return f.pay_cum[j] - f.pay_cum[i] if j > i else 0
    if f.typed_cents and f.typed_end is not None:
        start, end = f.contract.started, f.typed_end
        if last < start:
            return 0
        before = first - timedelta(days=1)
        paid_before = typed_paid_cents(f.typed_cents, start, end, before) if before >= start else 0
        return typed_paid_cents(f.typed_cents, start, end, last) - paid_before
    return 0


def payment_days_between(f: ContractFacts, first: date, last: date) -> tuple[date, date] | None:
    """The first and last day in [first, last] on which the contract paid something."""
    if f.pay_dates:
        dates = f.pay_dates
        i, j = bisect_left(dates, first), bisect_right(dates, last)
        return (dates[i], dates[j - 1]) if j > i else None
    if f.typed_cents and f.typed_end is not None:
        start, end = f.contract.started, f.typed_end
        pays_from = start if end == start else start + timedelta(days=1)
        a, b = max(first, pays_from), min(last, end)
        return (a, b) if a <= b else None
    return None


def holds_overlapping(log: Log, day: date, days: int = HOLD_LOOKBACK_DAYS) -> int:
    """Account holds (known on `day`) overlapping [day - days, day]."""
    since = day - timedelta(days=days)
    return sum(
        1
        for e in log.events
        if e.kind == "account_hold" and e.date <= day and (e.until is None or e.until >= since)
    )


def weighted_mean(weights: dict[tuple[int, int], int]) -> Fraction | None:
    """The mean of ratings (as numerator, denominator) by their summed weights."""
    total = sum(weights.values())
    if not total:
        return None
    return sum((Fraction(n * weight, d) for (n, d), weight in weights.items()), Fraction(0)) / total


@dataclass(frozen=True)
class Stats:
    earnings_12m_cents: int
    feedback_average: Fraction | None
    feedback_average_12m: Fraction | None
    would_recommend: Fraction | None
    would_recommend_guessed: int
    long_term_clients: Fraction | None
    recent_holds: int


def stats_on(evaluation: Evaluation) -> Stats:
    day = evaluation.day
    index = evaluation.index
    first12 = first_day_of_last_12_months(day)
    earnings = 0
    # rating -> summed weight (ratings repeat; multiplying once per distinct rating keeps it fast),
    # a rating keyed by its two integers (hashing a Fraction costs a modular inverse each time)
    weights: dict[tuple[int, int], int] = {}
    weights_12m: dict[tuple[int, int], int] = {}
    recommend = [0, 0]
    guessed = 0
    client_days: dict[str, list[date]] = {}
    by_id = index.by_id
    for cid, state in evaluation.states.items():
        f = by_id[cid]
        # Nothing is paid after `latest` (the last payment, or the typed schedule's end).
        paid_lately = f.latest >= first12
        if paid_lately:
            earnings += paid_between(f, first12, day)
        fb = state.feedback
        if fb is not None and fb.public is not None:
            weight = state.earned_cents if state.earned_cents > 0 else 100
            rating = (fb.public.numerator, fb.public.denominator)
            weights[rating] = weights.get(rating, 0) + weight
            if fb.date >= first12:
                weights_12m[rating] = weights_12m.get(rating, 0) + weight
        if fb is not None and fb.private is not None and fb.date >= first12:
            recommend[1] += 1
            recommend[0] += fb.private >= 9
            guessed += fb.record.private_is_guess
        span = payment_days_between(f, first12, day) if paid_lately else None
        if span is not None:
            client_days.setdefault(f.contract.client, []).extend(span)
    long_term = [max(d) - min(d) >= timedelta(days=90) for d in client_days.values()]
    return Stats(
        earnings_12m_cents=earnings,
        feedback_average=weighted_mean(weights),
        feedback_average_12m=weighted_mean(weights_12m),
        would_recommend=Fraction(recommend[0], recommend[1]) if recommend[1] else None,
        would_recommend_guessed=guessed,
        long_term_clients=Fraction(sum(long_term), len(long_term)) if long_term else None,
        recent_holds=holds_overlapping(index.log, day),
    )
