"""How far a goal is, in words, from `plan_report` (jss-model.md section 10).

`badge_line` is the dashboard's line next to the badges (target 90, the score Top Rated asks
for); `answer` is the What if page's reply to the plan form. Plain data in, plain words out.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from ui.wording import long_date, money, one_decimal, short_date, whole

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


def estimate_words(value: float | None) -> str:
    """'88% (87.6)', or 'a hidden score'."""
    return "a hidden score" if value is None else f"{whole(value)}% ({one_decimal(value)})"


def contracts_words(n: int, report: dict[str, Any]) -> str:
    """'3 five-star contracts of about $450'."""
    a = report["assumption"]
    noun = "contract" if n == 1 else "contracts"
    return f"{n} {stars_words(a['stars'])} {noun} of about {money(a['amount'])}"


def pace_words(report: dict[str, Any]) -> str:
    """'one every 15 days'."""
    return f"one every {30 // report['assumption']['per_month']} days"


def should_show_badge_line(exact: Fraction | None) -> bool:
    """The dashboard shows the way back to 90 while the shown estimate, as a whole percent, is
    below it (a hidden score has no such way: it needs contracts and clients first)."""
    return exact is not None and int(whole(exact)) < TOP_SCORE


def badge_line(report: dict[str, Any]) -> str:
    """'To reach 90 for Top Rated: 2 five-star contracts of about $807, one every 15 days: 90 first
    on 1 Feb, and on 26 May too (an estimate).'

    The plan promises the score on `by`; it may reach the target earlier, and dip between.
    """
    as_of = date.fromisoformat(report["as_of"])
    lead = f"To reach {TOP_SCORE} for Top Rated"
    if not report["reachable"]:
        a = report["assumption"]
        return (
            f"{lead}: out of reach by {near_day(report['by'], as_of)} at "
            f"{count_words(a['per_month'])} {stars_words(a['stars'])} contracts a month of "
            f"about {money(a['amount'])} (all {report['contracts_possible']} would give "
            f"{estimate_words(report['score_with_all'])})."
        )
    n = report["contracts_needed"]
    when = near_day(report["reached_on"], as_of)
    if n == 0:
        return (
            f"{lead}: no new contract needed; older contracts leaving the windows get you there "
            f"by {when} (an estimate)."
        )
    by = near_day(report["by"], as_of)
    reached = (
        f"{TOP_SCORE} on {by}" if when == by else f"{TOP_SCORE} first on {when}, and on {by} too"
    )
    return f"{lead}: {contracts_words(n, report)}, {pace_words(report)}: {reached} (an estimate)."


def assumption_text(report: dict[str, Any]) -> str:
    """What each assumed contract is, and where its size comes from."""
    a = report["assumption"]
    private = f", private score {a['private']}" if a["private"] is not None else ""
    return (
        f"Each assumed contract: {money(a['amount'])} ({report.get('amount_source', 'as given')}), "
        f"{a['stars']:g} stars{private}, for a new client, {pace_words(report)}."
    )


def answer(report: dict[str, Any]) -> str:
    """The reply to 'how many contracts like this, at this pace, reach this score by this date'."""
    as_of = date.fromisoformat(report["as_of"])
    target = f"{report['target']:g}"
    by = long_date(report["by"])
    now = estimate_words(report.get("score_now"))
    if not report["reachable"]:
        possible = report.get("contracts_possible", 0)
        return (
            f"{target} is not reachable by {by}: even all {possible} such contracts would give "
            f"{estimate_words(report.get('score_with_all'))} on that day (now: {now})."
        )
    n = report["contracts_needed"]
    reached = near_day(report["reached_on"], as_of)
    on_by = estimate_words(report.get("score_on_by"))
    if n == 0:
        if report["reached_on"] == report["as_of"]:
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
