"""The Why page's words: the change between two dates and its causes, largest first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from tracker.engine.numbers import out4
from tracker.engine.results import Explained, TrendPoint
from ui.wording import WINDOW_NAMES, long_date, one_decimal, signed, whole


@dataclass(frozen=True)
class Cause:
    delta: str
    text: str
    contract: str | None
    tone: str  # good, attention or none


@dataclass(frozen=True)
class Explanation:
    change: str
    tone: str
    summary: str
    notes: list[str]
    causes: list[Cause]
    quiet: list[Cause]


def _tone(value: float | None) -> str:
    """good or attention for a move that shows at one decimal; none for one that does not."""
    if value is None or abs(value) < 0.05:
        return "none"
    return "good" if value > 0 else "attention"


def explanation(report: Explained) -> Explanation:
    """explain_since_report in sentences; causes ordered by the size of their delta."""
    since, as_of = report.since, report.as_of
    before, after = report.before, report.after
    notes = []
    raw = sorted(report.causes, key=lambda c: -abs(c.delta) if c.delta is not None else 0)
    # What is written adds up as written: the ends' difference is the change, the causes sum to it.
    shown = replace(report, causes=tuple(raw)).shown()
    if before is None or after is None:
        hidden = [
            long_date(day) for day, value in ((since, before), (as_of, after)) if value is None
        ]
        # The side that has an estimate says it, as `explain` does ("- -> 77.3").
        ends = ((since, before), (as_of, after))
        known = next(
            (f", {one_decimal(v)} on {long_date(day)}" for day, v in ends if v is not None), ""
        )
        summary = (
            f"No estimate on {' and '.join(hidden)}{known}: the causes are listed without numbers."
        )
    else:
        moved = shown.change or 0
        direction = "rose" if moved > 0 else "fell" if moved < 0 else "did not move"
        summary = (
            f"The estimate {direction}: {shown.before} on {long_date(since)}, "
            f"{shown.after} on {long_date(as_of)} (shown as {whole(before)}% \u2192 "
            f"{whole(after)}%)."
        )
    if report.rules_before != report.rules_after:
        notes.append(
            f"The rules changed between the dates: {report.rules_before} → {report.rules_after}."
        )
    winners = report.winner_before, report.winner_after
    if all(winners) and winners[0] != winners[1]:
        notes.append(
            f"The best window changed: {WINDOW_NAMES.get(winners[0] or '', winners[0])} → "
            f"{WINDOW_NAMES.get(winners[1] or '', winners[1])}."
        )
    causes = [
        Cause(
            delta="" if part is None else signed(float(part)),
            text=c.text,
            contract=c.contract,
            tone=_tone(None if part is None else float(part)),
        )
        for c, part in zip(raw, shown.parts, strict=True)
    ]
    moving = [c for c in causes if c.delta == "" or c.tone != "none"]
    shown_change = None if shown.change is None else float(shown.change)
    return Explanation(
        change=signed(shown_change) if shown_change is not None else "\u2013",
        tone=_tone(shown_change),
        summary=summary,
        notes=notes,
        causes=moving,
        quiet=[c for c in causes if c not in moving],
    )


def last_move(points: tuple[TrendPoint, ...]) -> tuple[date, date] | None:
    """The two update days around the last move of the score a freelancer sees.

    That is the official value as a whole percent; when it never moved, its last move (at 4
    places) at all.
    """
    for shown in (_whole_or_none, out4):
        for index in range(len(points) - 1, 0, -1):
            if shown(points[index].official) != shown(points[index - 1].official):
                return points[index - 1].day, points[index].day
    return None


def _whole_or_none(value: Fraction | None) -> str | None:
    return None if value is None else whole(value)
