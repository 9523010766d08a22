"""The dashboard's sentences, made from the engine's reports: typed results in, plain words out.

Kept apart from the widgets so that every sentence a freelancer reads is tested without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from tracker.engine.calendar import DAILY_FROM
from tracker.engine.labels import BADGE_NAMES
from tracker.engine.numbers import dollars, out4
from tracker.engine.results import Move, ScoreReport, TrendPoint
from tracker.engine.texts import plural
from ui.wording import (
    WINDOW_NAMES,
    WINDOW_ORDER,
    day_month,
    long_date,
    money,
    one_decimal,
    relative_day,
    share,
    short_date,
    signed,
    whole,
)


@dataclass(frozen=True)
class Headline:
    percent: str
    exact: str
    best: str
    hidden_reason: str | None


@dataclass(frozen=True)
class WindowCell:
    name: str
    score: str
    state: str  # "best", "valid", "in_trending" (3 months), "invalid" or "empty"
    detail: str


@dataclass(frozen=True)
class StatItem:
    label: str
    value: str
    note: str


@dataclass(frozen=True)
class BadgeLine:
    name: str
    has: bool
    text: str


@dataclass(frozen=True)
class ComingUp:
    when: str
    cause: str
    move: str
    direction: str  # up, down, or same when the move does not show at one decimal


@dataclass(frozen=True)
class Warning:
    text: str
    advice: str
    contract: str | None


def headline(score: ScoreReport) -> Headline:
    """The estimate in whole percent and one decimal, or why there is none."""
    if score.exact is None:
        return Headline("\u2013", "", "", score.hidden_reason or "no score yet")
    exact = score.exact
    return Headline(
        percent=f"{whole(exact)}%",
        exact=one_decimal(exact),
        best=best_window_text(score),
        hidden_reason=None,
    )


def best_window_text(score: ScoreReport) -> str:
    """'best window: Trending (3 months 95.0 + 6 months 91.7)'."""
    winner = score.winner
    if winner is None:
        return ""
    if winner == "trending":
        three = score.window("3m").score
        six = score.window("6m").score
        return (
            f"Best window: Trending, the mean of 3 months ({one_decimal(three)}) "
            f"and 6 months ({one_decimal(six)})"
        )
    return f"Best window: the last {WINDOW_NAMES[winner]}"


def official_text(score: ScoreReport, as_of: date) -> tuple[str, str]:
    """What the stats page shows, as Repute estimates it, and the update it comes from."""
    official = score.official
    if official is None:
        return "\u2013", "hidden: no score shown yet (Repute's estimate)"
    published = score.official_on
    if published is None:
        return f"{whole(official)}%", "Repute's estimate from the last update"
    if published == as_of:
        return f"{whole(official)}%", "Repute's estimate from today's update"
    return f"{whole(official)}%", f"Repute's estimate from the update of {long_date(published)}"


def next_update_text(score: ScoreReport, as_of: date) -> tuple[str, str]:
    """('Tomorrow', 'Fri 27 Nov · updated daily'), or every other Sunday before September 2024."""
    upcoming = score.next_update
    rhythm = "updated daily" if upcoming >= DAILY_FROM else "updated every other Sunday"
    when = relative_day(upcoming, as_of)
    return when[:1].upper() + when[1:], f"{upcoming:%a} {short_date(upcoming, as_of)} · {rhythm}"


def since_text(change: float | None, days: int = 7) -> str:
    if change is None:
        return "\u2013"
    return signed(change)


def change_since(points: tuple[TrendPoint, ...], as_of: date, days: int = 7) -> float | None:
    """The estimate's move over the last `days` days, read from trend points (at 4 places)."""
    before = as_of - timedelta(days=days)
    # Two of the year's points are read: only those two are rounded.
    live = {point.day: point.live for point in points if point.day in (as_of, before)}
    now, then = out4(live.get(as_of)), out4(live.get(before))
    if now is None or then is None:
        return None
    return now - then


def window_cells(score: ScoreReport) -> list[WindowCell]:
    """Each window's score, whether it counts, and what it holds; the winner marked."""
    cells = []
    for name in WINDOW_ORDER:
        window = score.trending if name == "trending" else score.window(name)
        value = window.score
        if value is None:
            state = "invalid" if name == "trending" else "empty"
        elif name == score.winner:
            state = "best"
        elif window.valid:
            # The 3-month score is never the estimate itself: it only feeds Trending. Calling it
            # plainly "valid" beside "the best valid one is the estimate" read as a contradiction
            # whenever it was the highest of all.
            state = "in_trending" if name == "3m" else "valid"
        else:
            state = "invalid"
        if name == "trending":
            detail = "mean of 3 and 6 months" if window.valid else "needs 3 and 6 months valid"
        elif value is None:
            detail = ""  # the state already says "no job counted"; twice read as a glitch
        else:
            counted = score.window(name)
            detail = f"{plural(counted.contracts, 'contract')}, {plural(counted.clients, 'client')}"
        cells.append(WindowCell(WINDOW_NAMES[name], one_decimal(value), state, detail))
    return cells


def two_places(value: Fraction) -> str:
    """A rating at 2 decimals, from its 4-place value as the JSON has it (4.8333 -> '4.83')."""
    return f"{out4(value):.2f}"


def stat_items(score: ScoreReport, currency: str = "USD") -> list[StatItem]:
    """The stats page's figures, as the marketplace lists them beside the score."""
    stats = score.stats
    average = stats.feedback_average
    recent = stats.feedback_average_12m
    return [
        StatItem(
            "Feedback average",
            "\u2013" if average is None else two_places(average),
            "no feedback yet"
            if average is None
            else f"last 12 months {two_places(recent)}"
            if recent is not None
            else "none in the last 12 months",
        ),
        StatItem(
            "Would recommend",
            share(stats.would_recommend),
            "private score 9 or 10, last 12 months",
        ),
        StatItem(
            "Long-term clients",
            share(stats.long_term_clients),
            "paid over 90+ days, last 12 months",
        ),
        StatItem("Recent account holds", str(stats.recent_holds), "last 90 days"),
        StatItem("Earnings", money(dollars(stats.earnings_12m_cents), currency), "last 12 months"),
    ]


def badge_lines(score: ScoreReport) -> list[BadgeLine]:
    """Each badge held, or what it still needs; Rising Talent only while there is no score."""
    lines = []
    for key, name in BADGE_NAMES.items():
        badge = score.badges.named(key)
        if key == "rising_talent" and score.shown and not badge.has:
            continue
        if badge.has:
            lines.append(BadgeLine(name, True, "you have it"))
        else:
            missing = [_missing_words(item) for item in badge.missing]
            lines.append(BadgeLine(name, False, "not yet: " + " · ".join(missing or ["not yet"])))
    return lines


WEEKS_AT_TOP = re.compile(r"score >= (\d+) in (\d+) of the last (\d+) weeks; (\d+) needed")


def _missing_words(item: str) -> str:
    """The engine's terse condition as a sentence that says what is needed, then what there is."""
    found = WEEKS_AT_TOP.fullmatch(item)
    if found is None:
        return item
    score, have, looked_at, needed = found.groups()
    return f"{needed} of the last {looked_at} weeks at {score} or more are needed; you have {have}"


def coming_up(moves: tuple[Move, ...], as_of: date | None, limit: int = 3) -> list[ComingUp]:
    """The next dates on which the estimate moves with no new activity (with its year when
    not in the year of `as_of`; never without `as_of`)."""
    lines = []
    for change in moves[:limit]:
        causes = change.causes
        cause = causes[0].text if causes else "the estimate changes"
        if len(causes) > 1:
            cause += f" (and {plural(len(causes) - 1, 'other change')})"
        move = f"{_shown(change.before)} \u2192 {_shown(change.after)}"
        when = day_month(change.day) if as_of is None else short_date(change.day, as_of)
        lines.append(ComingUp(when, cause, move, _direction(change)))
    return lines


def _shown(value: Fraction | None) -> str:
    return "hidden" if value is None else one_decimal(value)


def _direction(change: Move) -> str:
    before, after = change.before, change.after
    if before is None or after is None:
        return "same" if before is after else ("down" if after is None else "up")
    if one_decimal(before) == one_decimal(after):
        return "same"
    return "up" if after > before else "down"


WARNING_ORDER = ("unpaid_hourly", "unpaid_fixed", "long_term_no_feedback")


def warnings(score: ScoreReport) -> list[Warning]:
    """The contracts at risk, each with what to do about it; unpaid ones first."""
    items = sorted(
        score.warnings,
        key=lambda item: WARNING_ORDER.index(item.kind) if item.kind in WARNING_ORDER else 99,
    )
    return [Warning(item.text, item.advice, item.contract) for item in items]
