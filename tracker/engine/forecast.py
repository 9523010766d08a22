"""The coming moves with no new activity (jss-model.md section 8, "Forecast")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.engine.calendar import ONE_DAY
from tracker.engine.facts import cents
from tracker.engine.history import contribution, segment_on, windows_on
from tracker.engine.outcome import typed_paid_cents
from tracker.engine.rules import RuleChoice
from tracker.engine.score import LogIndex
from tracker.engine.texts import move_text
from tracker.engine.timeline import FAR, all_segments, sweep
from tracker.engine.windows import Estimate
from tracker.records.model import Contract, Log


def known_on(log: Log, day: date) -> Log:
    """The log as it was known on `day`: later records dropped, later ends unknown, typed
    schedules paid up to `day` and no further."""
    contracts: list[Contract] = []
    with_payments = {p.contract for p in log.payments if p.date <= day}
    for c in log.contracts:
        if c.started > day:
            continue
        typed_end = c.last_paid or c.ended or c.started
        if c.ended is not None and c.ended > day:
            c = replace(
                c, ended=None, refunded=Decimal(0), disputed=False, end_reason=None, closed_by=None
            )
        if c.id not in with_payments and c.earned is not None and c.earned > 0 and typed_end > day:
            paid = typed_paid_cents(cents(c.earned), c.started, typed_end, day)
            c = replace(
                c, earned=Decimal(paid) / 100 if paid else None, last_paid=day if paid else None
            )
        contracts.append(c)
    ids = {c.id for c in contracts}
    known = {
        "contracts": tuple(contracts),
        "payments": tuple(p for p in log.payments if p.date <= day and p.contract in ids),
        "feedback": tuple(f for f in log.feedback if f.date <= day and f.contract in ids),
        "invites": tuple(i for i in log.invites if i.date <= day),
        "proposals": tuple(p for p in log.proposals if p.date <= day),
        "snapshots": tuple(s for s in log.snapshots if s.date <= day),
        "events": tuple(e for e in log.events if e.date <= day),
    }
    # Every tuple is filtered from the log's in order, so one as long as the log's is all of it;
    # only contracts are ever replaced, so they are compared record for record.
    if all(len(records) == len(getattr(log, name)) for name, records in known.items()) and all(
        a is b for a, b in zip(contracts, log.contracts, strict=True)
    ):
        return log  # nothing was after `day`: the same log, whose index is already built
    return replace(log, **known)  # type: ignore[arg-type]


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


def last_exit(index: LogIndex, choice: RuleChoice, as_of: date) -> date:
    """The day the last counted contract leaves the 24-month window (as_of when none counts)."""
    latest = as_of
    for segs in all_segments(index, choice, as_of, FAR).values():
        for seg in segs:
            for w, _, b in seg.intervals():
                if w == 3:
                    latest = max(latest, b + ONE_DAY)
    return latest


def forecast(log: Log, as_of: date, choice: RuleChoice, until: date | None = None) -> Forecast:
    index = LogIndex.of(known_on(log, as_of))
    end = until or last_exit(index, choice, as_of)
    if end <= as_of:
        return Forecast(as_of, end, [])
    segments = all_segments(index, choice, as_of, end)  # for the sweep and for the causes
    series = sweep(index, choice, as_of, end, segments)
    boundaries = set(choice.boundaries())
    candidates = sorted(d for d in set(series.moved) | boundaries if as_of < d <= end)
    moves: list[Move] = []
    for day in candidates:
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
