"""The outcome of one contract on a date: jss-model.md sections 3 and 4.

`contract_state` is the single source of truth for a contract on a day; the sweep, the forecast and
the explanations all call it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tracker.engine.facts import ContractFacts, RatedFeedback
from tracker.engine.rules import Rules

POSITIVE, NEUTRAL, NEGATIVE, EXCLUDED = "positive", "neutral", "negative", "excluded"
_RANK = {NEGATIVE: 0, NEUTRAL: 1, POSITIVE: 2}
LONG_TERM_DAYS = 90


@dataclass(slots=True)
class ContractState:
    """One contract on one day under one rule set (never changed once made; not frozen only
    because a frozen dataclass's constructor costs twice as much, and sweeps make tens of
    thousands of these)."""

    outcome: str
    reason_code: str
    earned_cents: int
    tier_quarters: int
    duration: int
    weight_quarters: int
    anchor: date
    anchor_moving: bool  # a typed schedule still paying: the anchor is the day itself
    last_payment: date | None
    paid_span_days: int
    ended: bool
    feedback: RatedFeedback | None
    public_class: str | None
    private_class: str | None
    days_idle: int

    @property
    def counted(self) -> bool:
        return self.outcome != EXCLUDED

    def key(self) -> tuple[object, ...]:
        """What the windows see of this state (the anchor, unless it moves with the day)."""
        return (self.outcome, self.weight_quarters, None if self.anchor_moving else self.anchor)


def typed_paid_cents(total: int, start: date, end: date, day: date) -> int:
    """What a typed schedule has paid by `day`: pro rata in whole days, rounded half up to cents."""
    span = (end - start).days
    if span <= 0:
        return total
    elapsed = min(max((day - start).days, 0), span)
    return (2 * total * elapsed + span) // (2 * span)


def contract_state(f: ContractFacts, day: date, rules: Rules) -> ContractState:
    """The state of a contract started on or before `day`."""
    c = f.contract
    end_date = c.ended
    ended = end_date is not None and end_date <= day
    moving = False
    pay_dates = f.pay_dates
    if pay_dates:
        i = bisect_right(pay_dates, day)
        earned = f.pay_cum[i]
        last_payment = pay_dates[i - 1] if i else None
        # Once the contract has ended, its span counts the payments up to its end date only.
        j = i if end_date is None or end_date >= day else bisect_right(pay_dates, end_date, 0, i)
        span = (pay_dates[j - 1] - pay_dates[0]).days if j else 0
    elif f.typed_cents:
        end = f.typed_end
        assert end is not None
        earned = typed_paid_cents(f.typed_cents, c.started, end, day)
        last_payment = day if day < end else end
        moving = day < end
        span = (last_payment - c.started).days
    else:
        earned, last_payment, span = 0, None, 0
    if ended or end_date is None:
        earned -= f.refunded_cents
    long_term = span >= LONG_TERM_DAYS

    # ContractFacts.feedback_on, inlined: sweeps ask this tens of thousands of times.
    k = bisect_right(f.final_dates, day)
    if k:
        fb: RatedFeedback | None = f.finals[k - 1]
    else:
        k = bisect_right(f.interim_dates, day)
        fb = f.interims[k - 1] if k else None
    public_class = private_class = None
    if fb is not None:
        if fb.public is not None:
            # Exact comparison of fractions by cross-multiplying integers.
            num, den = fb.public.numerator, fb.public.denominator
            pn, pd, nn, nd = rules.public_limits  # type: ignore[attr-defined]
            if num * pd >= pn * den:
                public_class = POSITIVE
            elif num * nd >= nn * den:
                public_class = NEUTRAL
            else:
                public_class = NEGATIVE
        private = fb.private
        if private is not None:
            if private >= rules.private_positive:
                private_class = POSITIVE
            elif private >= rules.private_neutral:
                private_class = NEUTRAL
            else:
                private_class = NEGATIVE

    idle = (day - (last_payment or c.started)).days
    if f.client_flagged:
        outcome, reason = EXCLUDED, "flagged"
    elif not ended and not long_term and fb is None:
        if rules.idle_days is not None and idle > rules.idle_days:
            outcome, reason = NEGATIVE, "dormant"
        else:
            outcome, reason = EXCLUDED, "open"
    elif ended and c.disputed:
        outcome, reason = NEGATIVE, "disputed"
    elif ended and c.end_reason in rules.blamed_reasons:
        outcome, reason = NEGATIVE, "blamed"
    elif fb is not None:
        if rules.combine == "private_first":
            outcome = private_class or public_class or EXCLUDED
        else:
            if public_class is None or private_class is None:
                outcome = public_class or private_class or EXCLUDED
            else:
                # The worse of the two (min by rank, without min's call and key)
                worse = _RANK[public_class] <= _RANK[private_class]
                outcome = public_class if worse else private_class
        reason = "feedback"
    elif long_term:
        outcome, reason = POSITIVE, "long_term"
    elif end_date is not None and (day - end_date).days < rules.feedback_wait_days:
        outcome, reason = EXCLUDED, "awaiting_feedback"
    elif rules.no_feedback == "negative":
        outcome, reason = NEGATIVE, "no_feedback"
    else:
        outcome, reason = EXCLUDED, "no_feedback"
    if rules.zero_earned == "excluded" and outcome in (POSITIVE, NEUTRAL) and earned <= 0:
        outcome, reason = EXCLUDED, "zero_earned"

    tier = 4
    if rules.tiers is not None:
        tier = rules.top_tier_quarters
        for upper, quarters in rules.tiers:
            if earned <= upper:
                tier = quarters
                break
    duration = span // 90
    weight = tier + 4 * duration
    if weight > 4 * rules.cap:
        weight = 4 * rules.cap
    end_known = end_date if ended else None
    anchor: date
    if rules.anchor == "end":
        anchor = end_known or last_payment or c.started
        moving = moving and end_known is None
    else:
        anchor = last_payment or c.started
        if end_known is not None and (last_payment is None or end_known > last_payment):
            anchor = end_known
        moving = moving and anchor == day
    return ContractState(  # positional: this runs tens of thousands of times per sweep
        outcome,
        reason,
        earned,
        tier,
        duration,
        weight,
        anchor,
        moving,
        last_payment,
        span,
        ended,
        fb,
        public_class,
        private_class,
        idle,
    )
