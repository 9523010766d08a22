"""How far a goal is, in words, from `plan_report` (jss-model.md section 10).

`badge_line` is the dashboard's line next to the badges (target 90, the score Top Rated asks
for); `answer` is the What if page's reply to the plan form. Typed results in, plain words out.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from tracker.engine.numbers import dollars
from ui.wording import long_date, money, one_decimal, short_date, whole

if TYPE_CHECKING:
    from tracker.engine.plan import Plan

TOP_SCORE = 90
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def stars_words(stars: float) -> str:
    """'five-star', '4.8-star'."""
    return "five-star" if stars == 5 else f"{stars:g}-star"


def near_day(value: str | date, as_of: date) -> str:
    """'14 Feb' in the evaluation day's year, else '14 Feb 2028'."""
    return short_date(value, as_of)


def estimate_words(value: Fraction | None) -> str:
    """'88% (87.6)', or 'a hidden score'."""
    return "a hidden score" if value is None else f"{whole(value)}% ({one_decimal(value)})"


def contracts_words(n: int, report: Plan) -> str:
    """'3 five-star contracts of about $450'."""
    noun = "contract" if n == 1 else "contracts"
    return f"{n} {stars_words(float(report.stars))} {noun} of about {amount_words(report)}"


def amount_words(report: Plan) -> str:
    """Each assumed contract's amount, as the dashboard writes money: '$807'."""
    return money(dollars(report.amount_cents))


def pace_words(report: Plan) -> str:
    """'one every 15 days'."""
    return f"one every {30 // report.per_month} days"


def should_show_badge_line(exact: Fraction | None) -> bool:
    """The dashboard shows the way back to 90 while the shown estimate, as a whole percent, is
    below it (a hidden score has no such way: it needs contracts and clients first)."""
    return exact is not None and int(whole(exact)) < TOP_SCORE


def badge_line(report: Plan) -> str:
    """'To reach 90 for Top Rated: 2 five-star contracts of about $807, one every 15 days: 90 first
    on 1 Feb, and on 26 May too (an estimate).'

    The plan promises the score on `by`; it may reach the target earlier, and dip between.
    """
    as_of = report.as_of
    lead = f"To reach {TOP_SCORE} for Top Rated"
    if report.contracts_needed is None:
        return (
            f"{lead}: out of reach by {near_day(report.by, as_of)} at "
            f"{count_words(report.per_month)} {stars_words(float(report.stars))} contracts a "
            f"month of about {amount_words(report)} (all {report.contracts_possible} would give "
            f"{estimate_words(report.score_with_all)})."
        )
    n = report.contracts_needed
    assert report.reached_on is not None
    when = near_day(report.reached_on, as_of)
    if n == 0:
        return (
            f"{lead}: no new contract needed; older contracts leaving the windows get you there "
            f"by {when} (an estimate)."
        )
    by = near_day(report.by, as_of)
    reached = (
        f"{TOP_SCORE} on {by}" if when == by else f"{TOP_SCORE} first on {when}, and on {by} too"
    )
    return f"{lead}: {contracts_words(n, report)}, {pace_words(report)}: {reached} (an estimate)."


def assumption_text(report: Plan) -> str:
    """What each assumed contract is, and where its size comes from."""
    private = f", private score {report.private}" if report.private is not None else ""
    return (
        f"Each assumed contract: {amount_words(report)} ({report.amount_source}), "
        f"{float(report.stars):g} stars{private}, for a new client, {pace_words(report)}."
    )


def answer(report: Plan) -> str:
    """The reply to 'how many contracts like this, at this pace, reach this score by this date'."""
    as_of = report.as_of
    target = f"{report.target:g}"
    by = long_date(report.by)
    now = estimate_words(report.score_now)
    if report.contracts_needed is None:
        return (
            f"{target} is not reachable by {by}: even all {report.contracts_possible} such "
            f"contracts would give {estimate_words(report.score_with_all)} on that day "
            f"(now: {now})."
        )
    n = report.contracts_needed
    assert report.reached_on is not None
    reached = near_day(report.reached_on, as_of)
    on_by = estimate_words(report.score_on_by)
    if n == 0:
        if report.reached_on == report.as_of:
            return (
                f"You are there: the estimate is {now} now, and {on_by} on {by} with no new work."
            )
        return (
            f"No new contract needed: the estimate reaches {target} on {reached} as older "
            f"contracts leave the windows ({on_by} on {by})."
        )
    return (
        f"{contracts_words(n, report)}, {pace_words(report)}: the estimate reaches "
        f"{target} on {reached} and is {on_by} on {by} (now: {now})."
    )
