"""The dashboard's sentences, made from the engine's reports: plain data in, plain words out.

Kept apart from the widgets so that every sentence a freelancer reads is tested without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker.engine.texts import plural
from ui.wording import (
    WINDOW_NAMES,
    WINDOW_ORDER,
    as_date,
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

DAILY_FROM = date(2024, 9, 1)
BADGE_NAMES = {
    "top_rated": "Top Rated",
    "top_rated_plus": "Top Rated Plus",
    "rising_talent": "Rising Talent",
}


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


def headline(score: dict[str, Any]) -> Headline:
    """The estimate in whole percent and one decimal, or why there is none."""
    if score.get("status") != "shown" or score.get("exact") is None:
        return Headline("\u2013", "", "", score.get("hidden_reason") or "no score yet")
    exact = score["exact"]
    return Headline(
        percent=f"{whole(exact)}%",
        exact=one_decimal(exact),
        best=best_window_text(score),
        hidden_reason=None,
    )


def best_window_text(score: dict[str, Any]) -> str:
    """'best window: Trending (3 months 95.0 + 6 months 91.7)'."""
    winner = score.get("winner")
    if winner is None:
        return ""
    windows = score.get("windows", {})
    if winner == "trending":
        three = windows.get("3m", {}).get("score")
        six = windows.get("6m", {}).get("score")
        return (
            f"Best window: Trending, the mean of 3 months ({one_decimal(three)}) "
            f"and 6 months ({one_decimal(six)})"
        )
    return f"Best window: the last {WINDOW_NAMES[winner]}"


def official_text(score: dict[str, Any], as_of: date) -> tuple[str, str]:
    """What the stats page shows, as Repute estimates it, and the update it comes from."""
    official = score.get("official")
    if official is None:
        return "\u2013", "hidden: no score shown yet (Repute's estimate)"
    published = as_date(score.get("official_on"))
    if published is None:
        return f"{whole(official)}%", "Repute's estimate from the last update"
    if published == as_of:
        return f"{whole(official)}%", "Repute's estimate from today's update"
    return f"{whole(official)}%", f"Repute's estimate from the update of {long_date(published)}"


def next_update_text(score: dict[str, Any], as_of: date) -> tuple[str, str]:
    """('Tomorrow', 'Fri 27 Nov · updated daily'), or every other Sunday before September 2024."""
    upcoming = as_date(score.get("next_update"))
    if upcoming is None:
        return "\u2013", ""
    rhythm = "updated daily" if upcoming >= DAILY_FROM else "updated every other Sunday"
    when = relative_day(upcoming, as_of)
    return when[:1].upper() + when[1:], f"{upcoming:%a} {short_date(upcoming, as_of)} · {rhythm}"


def since_text(change: float | None, days: int = 7) -> str:
    if change is None:
        return "\u2013"
    return signed(change)


def change_since(points: list[dict[str, Any]], as_of: date, days: int = 7) -> float | None:
    """The estimate's move over the last `days` days, read from trend points."""
    by_day = {point["date"]: point.get("live") for point in points}
    now = by_day.get(as_of.isoformat())
    then = by_day.get((as_of - timedelta(days=days)).isoformat())
    if now is None or then is None:
        return None
    return float(now) - float(then)


def window_cells(score: dict[str, Any]) -> list[WindowCell]:
    """Each window's score, whether it counts, and what it holds; the winner marked."""
    cells = []
    windows = score.get("windows", {})
    for name in WINDOW_ORDER:
        window = windows.get(name, {})
        value = window.get("score")
        if value is None:
            state = "invalid" if name == "trending" else "empty"
        elif name == score.get("winner"):
            state = "best"
        elif window.get("valid"):
            # The 3-month score is never the estimate itself: it only feeds Trending. Calling it
            # plainly "valid" beside "the best valid one is the estimate" read as a contradiction
            # whenever it was the highest of all.
            state = "in_trending" if name == "3m" else "valid"
        else:
            state = "invalid"
        if name == "trending":
            detail = (
                "mean of 3 and 6 months" if window.get("valid") else "needs 3 and 6 months valid"
            )
        elif value is None:
            detail = ""  # the state already says "no job counted"; twice read as a glitch
        else:
            detail = (
                f"{plural(window.get('contracts', 0), 'contract')}, "
                f"{plural(window.get('clients', 0), 'client')}"
            )
        cells.append(WindowCell(WINDOW_NAMES[name], one_decimal(value), state, detail))
    return cells


def stat_items(score: dict[str, Any], currency: str = "USD") -> list[StatItem]:
    """The stats page's figures, as the marketplace lists them beside the score."""
    stats = score.get("stats", {})
    average = stats.get("feedback_average")
    recent = stats.get("feedback_average_12m")
    holds = stats.get("recent_holds")
    return [
        StatItem(
            "Feedback average",
            "\u2013" if average is None else f"{average:.2f}",
            "no feedback yet"
            if average is None
            else f"last 12 months {recent:.2f}"
            if recent is not None
            else "none in the last 12 months",
        ),
        StatItem(
            "Would recommend",
            share(stats.get("would_recommend")),
            "private score 9 or 10, last 12 months",
        ),
        StatItem(
            "Long-term clients",
            share(stats.get("long_term_clients")),
            "paid over 90+ days, last 12 months",
        ),
        StatItem("Recent account holds", "\u2013" if holds is None else str(holds), "last 90 days"),
        StatItem("Earnings", money(stats.get("earnings_12m"), currency), "last 12 months"),
    ]


def badge_lines(score: dict[str, Any]) -> list[BadgeLine]:
    """Each badge held, or what it still needs; Rising Talent only while there is no score."""
    lines = []
    shown = score.get("status") == "shown"
    for key, name in BADGE_NAMES.items():
        badge = score.get("badges", {}).get(key)
        if badge is None:
            continue
        if key == "rising_talent" and shown and not badge.get("has"):
            continue
        if badge.get("has"):
            lines.append(BadgeLine(name, True, "you have it"))
        else:
            missing = [_missing_words(item) for item in badge.get("missing") or []]
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


def coming_up(
    forecast: dict[str, Any] | None, next_change: dict[str, Any] | None, limit: int = 3
) -> list[ComingUp]:
    """The next dates on which the estimate moves with no new activity."""
    as_of = as_date((forecast or {}).get("as_of"))
    changes = list(
        (forecast or {}).get("changes") or ([] if next_change is None else [next_change])
    )
    lines = []
    for change in changes[:limit]:
        causes = change.get("causes") or []
        cause = causes[0]["text"] if causes else "the estimate changes"
        if len(causes) > 1:
            cause += f" (and {plural(len(causes) - 1, 'other change')})"
        before = _shown(change.get("before"), change.get("status_before"))
        after = _shown(change.get("after"), change.get("status_after"))
        move = f"{before} \u2192 {after}"
        when = day_month(change["date"]) if as_of is None else short_date(change["date"], as_of)
        lines.append(ComingUp(when, cause, move, _direction(change)))
    return lines


def _shown(value: Any, status: str | None) -> str:
    if status == "hidden" or value is None:
        return "hidden"
    return one_decimal(value)


def _direction(change: dict[str, Any]) -> str:
    before, after = change.get("before"), change.get("after")
    if before is None or after is None:
        return "same" if before is after else ("down" if after is None else "up")
    if one_decimal(before) == one_decimal(after):
        return "same"
    return "up" if after > before else "down"


WARNING_ORDER = ("unpaid_hourly", "unpaid_fixed", "long_term_no_feedback")


def warnings(score: dict[str, Any]) -> list[Warning]:
    """The contracts at risk, each with what to do about it; unpaid ones first."""
    items = sorted(
        score.get("warnings") or [],
        key=lambda item: (
            WARNING_ORDER.index(item["kind"]) if item.get("kind") in WARNING_ORDER else 99
        ),
    )
    return [
        Warning(item.get("text", ""), item.get("advice", ""), item.get("contract"))
        for item in items
    ]
