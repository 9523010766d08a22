"""The coming moves with no new activity (jss-model.md section 8, "Forecast")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.engine.calendar import ONE_DAY
from tracker.engine.facts import cents
from tracker.engine.history import contribution, segment_on, windows_on
from tracker.engine.outcome import typed_paid_cents
from tracker.engine.rules import RuleChoice
from tracker.engine.score import LogIndex
from tracker.engine.texts import move_text
from tracker.engine.timeline import FAR, Segment, all_segments, sweep
from tracker.engine.windows import Estimate
from tracker.records.model import Contract, Log


def known_on(log: Log, day: date) -> Log:
    """The log as it was known on `day`: later records dropped, later ends unknown, typed
    schedules paid up to `day` and no further."""
    contracts: list[Contract] = []
    with_payments: set[str] | None = None  # made only when a typed schedule still runs
    for c in log.contracts:
        if c.started > day:
            continue
        typed_end = c.last_paid or c.ended or c.started
        if c.ended is not None and c.ended > day:
            c = replace(
                c, ended=None, refunded=Decimal(0), disputed=False, end_reason=None, closed_by=None
            )
        if c.earned is not None and c.earned > 0 and typed_end > day:
            if with_payments is None:
                with_payments = {p.contract for p in log.payments if p.date <= day}
            if c.id not in with_payments:
                paid = typed_paid_cents(cents(c.earned), c.started, typed_end, day)
                c = replace(
                    c, earned=Decimal(paid) / 100 if paid else None, last_paid=day if paid else None
                )
        contracts.append(c)
    ids = frozenset(c.id for c in contracts)
    known = {
        "contracts": tuple(contracts),
        "payments": _dated("payments", log.payments, day, ids),
        "feedback": _dated("feedback", log.feedback, day, ids),
        "invites": _dated("invites", log.invites, day),
        "proposals": _dated("proposals", log.proposals, day),
        "snapshots": _dated("snapshots", log.snapshots, day),
        "events": _dated("events", log.events, day),
    }
    # Every tuple is filtered from the log's in order, so one as long as the log's is all of it;
    # only contracts are ever replaced, so they are compared record for record.
    if all(len(records) == len(getattr(log, name)) for name, records in known.items()) and all(
        a is b for a, b in zip(contracts, log.contracts, strict=True)
    ):
        return log  # nothing was after `day`: the same log, whose index is already built
    return replace(log, **known)  # type: ignore[arg-type]


def _dated(
    table: str, records: tuple[Any, ...], day: date, ids: frozenset[str] | None = None
) -> tuple[Any, ...]:
    """The records dated on or before `day` (of the contracts in `ids`, unless None), in order.

    Kept from the last call for the same table: after an edit, the tables it did not touch hold
    the very records they held (a new tuple of them, equal to the last in a quick pass that finds
    each record identical), and are not filtered again.
    """
    kept = _kept.get(table)
    if kept is not None and kept[1] == day and kept[2] == ids and kept[0] == records:
        return kept[3]
    if ids is None:
        chosen = tuple(r for r in records if r.date <= day)
    else:
        chosen = tuple(r for r in records if r.date <= day and r.contract in ids)
    _kept[table] = (records, day, ids, chosen)
    return chosen


# Each table's records last cut by `known_on`: (the records, the day, the contracts, what was kept).
_kept: dict[str, tuple[tuple[Any, ...], date, frozenset[str] | None, tuple[Any, ...]]] = {}


@dataclass(frozen=True)
class Move:
    day: date
    before: Estimate
    after: Estimate
    causes: list[tuple[str | None, str]]  # (contract id, sentence)


@dataclass(frozen=True)
class Forecast:
    as_of: date
    until: date
    moves: list[Move]


def last_exit(
    index: LogIndex,
    choice: RuleChoice,
    as_of: date,
    segments: dict[str, list[Segment]] | None = None,
) -> date:
    """The day the last counted contract leaves the 24-month window (as_of when none counts).

    `segments`: all_segments(index, choice, as_of, FAR), when the caller has them.
    """
    latest = as_of
    if segments is None:
        segments = all_segments(index, choice, as_of, FAR)
    for segs in segments.values():
        for seg in segs:
            for w, _, b in seg.intervals():
                if w == 3:
                    latest = max(latest, b + ONE_DAY)
    return latest


def forecast(
    log: Log,
    as_of: date,
    choice: RuleChoice,
    until: date | None = None,
    *,
    limit: int | None = None,
) -> Forecast:
    """The moves from as_of to `until` (the last exit when None); only the first `limit` of them
    when given (the window shows three: the others' causes are not worked out)."""
    index = LogIndex.of(known_on(log, as_of))
    segments = None
    if until is None:
        # The segments to the end of time give the last exit, and serve the sweep to it as well:
        # a contract's state on a day does not depend on how far its segments are followed.
        segments = all_segments(index, choice, as_of, FAR)
        end = last_exit(index, choice, as_of, segments)
    else:
        end = until
    if end <= as_of:
        return Forecast(as_of, end, [])
    if segments is None:
        segments = all_segments(index, choice, as_of, end)  # for the sweep and for the causes
    series = sweep(index, choice, as_of, end, segments)
    boundaries = set(choice.boundaries())
    candidates = sorted(d for d in set(series.moved) | boundaries if as_of < d <= end)
    moves: list[Move] = []
    for day in candidates:
        if limit is not None and len(moves) >= limit:
            break
        before, after = series.on(day - ONE_DAY), series.on(day)
        if before.exact == after.exact and before.shown == after.shown:
            continue
        causes: list[tuple[str | None, str]] = []
        for cid in sorted(series.moved.get(day, ())):
            segs = segments.get(cid, [])
            old_seg, new_seg = segment_on(segs, day - ONE_DAY), segment_on(segs, day)
            old_w, new_w = windows_on(old_seg, day - ONE_DAY), windows_on(new_seg, day)
            old_state = old_seg.state if old_seg else None
            new_state = new_seg.state if new_seg else old_state
            seg = new_seg or old_seg
            if seg is None:
                continue
            rules = seg.rules
            ever = rules.lifetime_clients
            if contribution(old_state, old_w, ever) == contribution(new_state, new_w, ever):
                continue
            _, text = move_text(
                index.by_id[cid].contract, old_state, new_state, old_w, new_w, rules, future=True
            )
            causes.append((cid, text))
        if day in boundaries:
            rules_now = choice.name_on(day)
            causes.insert(0, (None, f"the rules change to {rules_now}"))
        moves.append(Move(day, before, after, causes))
    return Forecast(as_of, end, moves)
