"""A contract's state and windows on any day of a span, from its segments."""

from __future__ import annotations

from datetime import date

from tracker.engine.calendar import ONE_DAY
from tracker.engine.outcome import ContractState
from tracker.engine.timeline import Segment


def segment_on(segments: list[Segment], day: date) -> Segment | None:
    for seg in segments:
        if seg.first <= day <= seg.last:
            return seg
    return None


def windows_on(seg: Segment | None, day: date) -> tuple[int, ...]:
    if seg is None:
        return ()
    return tuple(w for w, a, b in seg.intervals() if a <= day <= b)


def contribution(
    state: ContractState | None, windows: tuple[int, ...], ever: bool = False
) -> tuple[object, ...]:
    """What the windows see of a contract: nothing unless it is counted and in a window. With
    `ever` (rules that count the clients ever) a counted contract in no window still counts
    its client."""
    if state is None or not state.counted:
        return ()
    if not windows:
        return ("client counts ever",) if ever else ()
    return (state.outcome, state.weight_quarters, windows)


def change_days(segments: list[Segment], after: date, until: date) -> list[date]:
    """Days in (after, until] on which the contract's contribution may change."""
    days = set()
    for seg in segments:
        if after < seg.first <= until:
            days.add(seg.first)
        for _, _, b in seg.intervals():
            if after < b + ONE_DAY <= until:
                days.add(b + ONE_DAY)
    return sorted(days)
