"""The events marked on the trend's time axis, from the Log: contracts ended, feedback, holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.records.model import Log

KINDS = ("ended", "feedback", "hold")


@dataclass(frozen=True)
class Mark:
    """One event on the axis; a hold spans from `day` to `until` (open-ended: None)."""

    day: date
    kind: str
    text: str
    until: date | None = None


def _title(titles: dict[str, str], contract: str) -> str:
    return f"'{titles.get(contract) or contract}'"


def marks_from_log(log: Log, start: date, end: date) -> list[Mark]:
    """Every event between start and end (holds that overlap them), in date order."""
    titles = {c.id: c.title for c in log.contracts}
    marks: list[Mark] = []
    for contract in log.contracts:
        if contract.ended is not None and start <= contract.ended <= end:
            marks.append(Mark(contract.ended, "ended", f"{_title(titles, contract.id)} ended"))
    for feedback in log.feedback:
        if not start <= feedback.date <= end:
            continue
        stars = f"{feedback.stars:.1f} stars" if feedback.stars is not None else "feedback"
        if feedback.private is not None:
            stars += f", private {feedback.private}"
        kind = "interim feedback" if feedback.kind == "interim" else "feedback"
        marks.append(
            Mark(
                feedback.date, "feedback", f"{kind} on {_title(titles, feedback.contract)}: {stars}"
            )
        )
    for event in log.events:
        if event.kind != "account_hold":
            continue
        if event.date <= end and (event.until is None or event.until >= start):
            span = f"until {event.until.isoformat()}" if event.until else "not lifted"
            marks.append(Mark(event.date, "hold", f"account hold ({span})", event.until))
    return sorted(marks, key=lambda m: (m.day, KINDS.index(m.kind), m.text))


def marks_on(marks: list[Mark], day: date) -> list[Mark]:
    """The events that happened on `day` (a hold: on every day it lasts)."""
    found = []
    for mark in marks:
        if mark.kind == "hold":
            if mark.day <= day and (mark.until is None or day <= mark.until):
                found.append(mark)
        elif mark.day == day:
            found.append(mark)
    return found
