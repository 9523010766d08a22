"""Badges: Top Rated, Top Rated Plus and Rising Talent, with what is missing (jss-model.md 7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.engine.numbers import money_text, whole_percent
from tracker.engine.outcome import NEGATIVE
from tracker.engine.rules import RuleChoice
from tracker.engine.score import Evaluation
from tracker.engine.stats import Stats, first_day_of_last_12_months, paid_between
from tracker.engine.timeline import sweep

WEEKS_LOOKED_AT = 16
WEEKS_NEEDED = 13
TOP_SCORE = 90
TOP_RATED_EARNINGS = 100_000
TOP_RATED_PLUS_EARNINGS = 1_000_000
FIRST_CONTRACT_DAYS = 90


@dataclass(frozen=True)
class Badge:
    has: bool
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Badges:
    top_rated: Badge
    top_rated_plus: Badge
    rising_talent: Badge
    weeks_at_top: int

    def named(self, key: str) -> Badge:
        """The badge by its key in tracker.engine.labels.BADGE_NAMES."""
        return {
            "top_rated": self.top_rated,
            "top_rated_plus": self.top_rated_plus,
            "rising_talent": self.rising_talent,
        }[key]


def weeks_at_top(evaluation: Evaluation, choice: RuleChoice) -> int:
    """Of the days T, T-7, ..., T-105, how many had a shown score of 90 or more."""
    first = evaluation.day - timedelta(days=7 * (WEEKS_LOOKED_AT - 1))
    series = sweep(evaluation.index, choice, first, evaluation.day)
    count = 0
    for k in range(WEEKS_LOOKED_AT):
        estimate = series.on(evaluation.day - timedelta(days=7 * k))
        if estimate.exact is not None and whole_percent(estimate.exact) >= TOP_SCORE:
            count += 1
    return count


def badges_on(evaluation: Evaluation, choice: RuleChoice, stats: Stats) -> Badges:
    day = evaluation.day
    weeks = weeks_at_top(evaluation, choice)
    missing: list[str] = []
    if weeks < WEEKS_NEEDED:
        missing.append(
            f"score >= {TOP_SCORE} in {weeks} of the last {WEEKS_LOOKED_AT} weeks;"
            f" {WEEKS_NEEDED} needed"
        )
    if stats.earnings_12m_cents < TOP_RATED_EARNINGS:
        missing.append(
            f"{money_text(stats.earnings_12m_cents)} earned in the last 12 months;"
            f" {money_text(TOP_RATED_EARNINGS)} needed"
        )
    starts = [evaluation.index.by_id[cid].contract.started for cid in evaluation.states]
    first: date | None = min(starts) if starts else None
    if first is None:
        missing.append("no contract yet; the first must be more than 90 days old")
    elif (day - first).days <= FIRST_CONTRACT_DAYS:
        missing.append(
            f"first contract started {(day - first).days} days ago;"
            f" more than {FIRST_CONTRACT_DAYS} needed"
        )
    if stats.recent_holds:
        missing.append("an account hold in the last 90 days")
    top_rated = Badge(not missing, tuple(missing))

    plus_missing = [] if top_rated.has else ["Top Rated first"]
    if stats.earnings_12m_cents < TOP_RATED_PLUS_EARNINGS:
        plus_missing.append(
            f"{money_text(stats.earnings_12m_cents)} earned in the last 12 months;"
            f" {money_text(TOP_RATED_PLUS_EARNINGS)} needed"
        )
    rules = evaluation.rules
    large = rules.large_contract_amount_cents if rules else 500_000
    first12 = first_day_of_last_12_months(day)
    has_large = any(
        state.earned_cents >= large
        and state.outcome != NEGATIVE
        and paid_between(evaluation.index.by_id[cid], first12, day) > 0
        for cid, state in evaluation.states.items()
    )
    if not has_large:
        plus_missing.append(
            f"a contract of {money_text(large)} or more, paid in the last 12 months, not negative"
        )
    top_rated_plus = Badge(not plus_missing, tuple(plus_missing))
    shown = evaluation.estimate.exact is not None
    rising = Badge(not shown, ("only without a score",) if shown else ())
    return Badges(top_rated, top_rated_plus, rising, weeks)
