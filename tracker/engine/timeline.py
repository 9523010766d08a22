"""The estimate over a span of days, by sweeping changes in date order.

Each contract's state changes only on a few days (a payment, a feedback, its end, the end of the
feedback wait, an idle limit, a typed schedule crossing a tier, a new rule set). We evaluate it on
those days only, turn the states into "in window W from day a to day b" intervals, and sweep the
interval ends in date order through one Tally. The result equals evaluating every day from scratch
(a property test checks it), at a fraction of the cost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.collector import without_cycle_collection
from tracker.engine.calendar import ONE_DAY, window_ends
from tracker.engine.facts import ContractFacts
from tracker.engine.outcome import (
    EXCLUDED,
    LONG_TERM_DAYS,
    ContractState,
    contract_state,
    typed_paid_cents,
)
from tracker.engine.rules import NO_SCORE_BEFORE, RULES_START, RuleChoice, Rules
from tracker.engine.score import LogIndex
from tracker.engine.windows import Estimate, Tally, hidden_estimate, quick_estimate

FAR = date(9999, 12, 31)


@dataclass(slots=True)
class Segment:
    """A contract's state, constant from `first` to `last` (inclusive), under one rule set.

    Never changed once `contract_segments` returns it (not frozen only because a frozen
    dataclass's constructor costs twice as much, and a sweep of ten years makes 50,000).
    """

    contract: str
    client: str
    first: date
    last: date
    state: ContractState
    rules: Rules

    def intervals(self) -> list[tuple[int, date, date]]:
        """(window, first day, last day) during which this segment is in each window."""
        s = self.state
        if not s.counted:
            return []
        if s.anchor_moving:
            return [(w, self.first, self.last) for w in range(4)]
        out = []
        first, last = self.first, self.last
        for w, leaves in enumerate(window_ends(s.anchor)):
            if leaves >= first:
                out.append((w, first, last if last < leaves else leaves))
        return out


def _first_day_paid_above(total: int, start: date, end: date, threshold: int) -> date | None:
    """The first day a typed schedule's paid amount exceeds `threshold` cents (None: never)."""
    if typed_paid_cents(total, start, end, end) <= threshold:
        return None
    lo, hi = 0, max((end - start).days, 0)
    while lo < hi:
        mid = (lo + hi) // 2
        if typed_paid_cents(total, start, end, start + timedelta(days=mid)) > threshold:
            hi = mid
        else:
            lo = mid + 1
    return start + timedelta(days=lo)


def breakpoint_rules(rules: Rules) -> tuple[object, ...]:
    """What `breakpoints` reads of its rules: two rule sets alike in these give the same days.

    Rule sets follow one another, most alike in these (the eras since 2020 differ in what the
    windows count, not in when a contract's state can change): a contract's days are then found
    once for all of them. A new rule that `breakpoints` reads must be named here.
    """
    return (rules.feedback_wait_days, rules.idle_days, rules.tiers)


def breakpoints(f: ContractFacts, rules: Rules) -> set[date]:
    """Days on which the contract's state may differ from the day before (a superset)."""
    c = f.contract
    days = {c.started, *f.pay_dates, *f.final_dates, *f.interim_dates}
    if c.ended is not None:
        days.add(c.ended)
        waited = c.ended + timedelta(days=rules.feedback_wait_days)
        # The wait ends in a change only when no feedback has come by then.
        finals, interims = f.final_dates, f.interim_dates
        if not (finals and finals[0] <= waited) and not (interims and interims[0] <= waited):
            days.add(waited)
    if rules.idle_days is not None:
        idle = timedelta(days=rules.idle_days + 1)
        # Going idle makes a contract dormant only while it is open with no feedback: from its
        # end or its first feedback on (days in the set already), an idle limit changes nothing.
        stops = [dates[0] for dates in (f.final_dates, f.interim_dates) if dates]
        if c.ended is not None:
            stops.append(c.ended)
        until = min(stops, default=None)
        idle_from = [c.started, *f.pay_dates]
        if f.typed_end is not None:
            idle_from.append(f.typed_end)
        days.update(d + idle for d in idle_from if until is None or d + idle < until)
    if f.typed_cents and f.typed_end is not None:
        end = f.typed_end
        days.add(end)
        step = c.started + timedelta(days=LONG_TERM_DAYS)
        while step <= end:
            days.add(step)
            step += timedelta(days=LONG_TERM_DAYS)
        # A refund is taken off only once the contract has ended (or all along when it has no
        # end date): before its end date the schedule crosses the bare limits (0, the tiers),
        # from then on the limits plus the refund.
        refunds = {f.refunded_cents} if c.ended is None else {0, f.refunded_cents}
        tier_limits = [0, *(limit for limit, _ in rules.tiers or ())]
        limits = {refund + limit for refund in refunds for limit in tier_limits}
        for threshold in sorted(limits):
            crossing = _first_day_paid_above(f.typed_cents, c.started, end, threshold)
            if crossing is not None:
                days.add(crossing)
    return days


def era_spans(choice: RuleChoice, lo: date, hi: date) -> list[tuple[date, date, Rules]]:
    """The rule sets in force over [lo, hi], as (first, last, rules)."""
    starts = [b for b in choice.boundaries()]
    spans = []
    for i, first in enumerate(starts):
        last = starts[i + 1] - ONE_DAY if i + 1 < len(starts) else FAR
        a, b = max(first, lo), min(last, hi)
        if a <= b:
            rules = choice.on(a)
            assert rules is not None
            spans.append((a, b, rules))
    return spans


def contract_segments(
    f: ContractFacts, spans: list[tuple[date, date, Rules]], horizon: date
) -> list[Segment]:
    """The contract's constant-state segments over the spans, up to the last day it can count."""
    c = f.contract
    started, cid, client = c.started, c.id, c.client
    out: list[Segment] = []
    ordered: list[date] = []
    ordered_for: tuple[object, ...] | None = None
    for first, last, rules in spans:
        a = first if first > started else started
        b = last if last < horizon else horizon
        if a > b:
            continue
        wanted = breakpoint_rules(rules)
        if wanted != ordered_for:  # the days of the era before serve while the rules agree
            ordered, ordered_for = sorted(breakpoints(f, rules)), wanted
        days = ordered[bisect_right(ordered, a) : bisect_right(ordered, b)]
        previous = Segment(cid, client, a, b, contract_state(f, a, rules), rules)
        out.append(previous)
        before = previous.state
        for day in days:
            state = contract_state(f, day, rules)
            if (  # the same state for the windows (ContractState.key), the same reason: it goes on
                state.outcome == before.outcome
                and state.weight_quarters == before.weight_quarters
                and state.anchor_moving == before.anchor_moving
                and (state.anchor_moving or state.anchor == before.anchor)
                and state.reason_code == before.reason_code
            ):
                continue
            previous.last = day - ONE_DAY  # made here, not yet handed out
            previous = Segment(cid, client, day, b, state, rules)
            out.append(previous)
            before = state
    return out


@dataclass
class DailySeries:
    """The estimate on every day from `first` to `last`, and which contracts moved on each day."""

    first: date
    last: date
    estimates: list[Estimate]
    moved: dict[date, set[str]]

    def on(self, day: date) -> Estimate:
        return self.estimates[(day - self.first).days]


@without_cycle_collection
def all_segments(
    index: LogIndex, choice: RuleChoice, lo: date, hi: date, only: set[str] | None = None
) -> dict[str, list[Segment]]:
    """Every contract's segments over [lo, hi] (or only those of the contracts named)."""
    spans = era_spans(choice, max(lo, RULES_START), hi)
    # Under lifetime eligibility a contract in no window still counts its client: follow it on.
    ever = counts_clients_ever(spans)
    key = tuple((first, last, id(rules)) for first, last, rules in spans)
    kept = _kept.pop(key, None) if only is None else None
    previous = kept[1] if kept is not None else {}
    made: dict[tuple[int, date], tuple[ContractFacts, list[Segment]]] = {}
    out = {}
    horizons = index.horizon
    for f in index.facts:
        cid = f.contract.id
        horizon = hi if ever else horizons[cid]
        if horizon > hi:
            horizon = hi
        if f.contract.started > hi or horizon < lo:
            continue
        if only is not None and cid not in only:
            continue
        known = previous.get((id(f), horizon))
        if known is None:
            known = (f, contract_segments(f, spans, horizon))
        made[(id(f), horizon)] = known
        if known[1]:
            out[cid] = known[1]
    if only is None:
        _kept[key] = (tuple(rules for _, _, rules in spans), made)
        while len(_kept) > KEPT_SPANS:
            del _kept[next(iter(_kept))]
    return out


# A contract's segments, kept from the last `all_segments` over the same spans (up to KEPT_SPANS
# of them: the score's badges and forecast, the year's trend, a plan's days): its facts are kept
# across an edit (facts.build_facts), so after one edit only the changed contract's segments are
# made again. Segments depend only on the facts, the spans and the horizon, and are never changed
# once made. Keyed by object identity; the facts and the rules are kept with their entry, so an
# id seen here belongs to no other object while the entry lives.
SpansKey = tuple[tuple[date, date, int], ...]
KeptSegments = dict[tuple[int, date], tuple[ContractFacts, list[Segment]]]
_kept: dict[SpansKey, tuple[tuple[Rules, ...], KeptSegments]] = {}
KEPT_SPANS = 8


def counts_clients_ever(spans: list[tuple[date, date, Rules]]) -> bool:
    return any(rules.lifetime_clients for _, _, rules in spans)


LIFETIME = 4  # an event's "window" for a client's count ever (Tally.lifetime)
# The windows k.. (k = 0..4) as one event's windows, without and with the client's count ever.
_WINDOWS_FROM = tuple(tuple(range(k, 4)) for k in range(5))
_WINDOWS_FROM_EVER = tuple((*range(k, 4), LIFETIME) for k in range(5))
_WINDOWS_BETWEEN = tuple(tuple(tuple(range(k, j)) for j in range(5)) for k in range(5))


# (sign, windows, weight in quarters, value in twentieths, client, contract); see events_by_day
Event = tuple[int, tuple[int, ...], int, int, str, str]


def events_by_day(
    segments: dict[str, list[Segment]], first: date, last: date, ever: bool
) -> defaultdict[date, list[Event]]:
    """The sweep's events over [first, last], by the day they happen on (earlier ones on `first`).

    By day, not sorted: the order within a day does not change the day's tally. A segment enters
    its windows on its first day together, and leaves each the day after its interval, the
    windows leaving on one day together (Segment.intervals, inlined: ten years make 50,000
    segments). Sign 0 is a contract staying in its windows from one segment to the next, its
    weight and value changing by the amounts given (weight x value, for the value): its
    client's counts stay.
    """
    by_day: defaultdict[date, list[Event]] = defaultdict(list)
    together = _WINDOWS_FROM_EVER if ever else _WINDOWS_FROM
    for cid, segs in segments.items():
        # The previous segment's windows that close with it, the day after its last:
        # (that day, the first of those windows, its weight, its value, its client)
        pending: tuple[date, int, int, int, str] | None = None
        for seg in segs:
            state = seg.state
            entered: tuple[int, ...] = ()  # excluded: in no window, not counting its client
            if state.outcome != EXCLUDED:
                value = seg.rules.value_twentieths(state.outcome)
                q = state.weight_quarters
                a, b, client = seg.first, seg.last, seg.client
                # Windows are nested (ends[0] < ... < ends[3]): the segment is in windows k..
                # from its first day; windows k..j-1 close before its last day, each the day
                # after its end, and windows j.. close with the segment, the day after its last.
                if state.anchor_moving:
                    k = j = 0
                else:
                    ends = window_ends(state.anchor)
                    k = 0
                    while k < 4 and ends[k] < a:
                        k += 1
                    j = k
                    while j < 4 and ends[j] < b:
                        j += 1
                entered = together[k]
            if pending is not None and (not entered or pending[0] != a):
                off, j0, q0, value0, client0 = pending
                by_day[off].append((-1, together[j0], q0, value0, client0, cid))
                pending = None
            if not entered:
                continue
            if pending is None:
                by_day[a if a > first else first].append((1, entered, q, value, client, cid))
            else:  # the windows both are in carry on; the others close or open
                off, j0, q0, value0, _ = pending
                day_events = by_day[off]
                if j0 < k:
                    day_events.append((-1, _WINDOWS_BETWEEN[j0][k], q0, value0, client, cid))
                elif k < j0:
                    day_events.append((1, _WINDOWS_BETWEEN[k][j0], q, value, client, cid))
                staying = _WINDOWS_FROM[max(j0, k)]
                change = q * value - q0 * value0
                day_events.append((0, staying, q - q0, change, client, cid))
                pending = None
            for w in range(k, j):
                leaves = ends[w]
                if leaves < last:
                    off = leaves + ONE_DAY if leaves >= first else first
                    by_day[off].append((-1, (w,), q, value, client, cid))
            if b < last and together[j]:
                if b >= first:
                    pending = (b + ONE_DAY, j, q, value, client)
                else:
                    by_day[first].append((-1, together[j], q, value, client, cid))
        if pending is not None:
            off, j0, q0, value0, client0 = pending
            by_day[off].append((-1, together[j0], q0, value0, client0, cid))
    return by_day


@without_cycle_collection
def sweep(
    index: LogIndex,
    choice: RuleChoice,
    first: date,
    last: date,
    segments: dict[str, list[Segment]] | None = None,
) -> DailySeries:
    """The estimate on each day of [first, last], equal to evaluating each day from scratch.

    Each day's Estimate carries the exact value and the winner only (see `quick_estimate`).
    `segments` are `all_segments(index, choice, first, last)` when the caller has them already.
    """
    if segments is None:
        segments = all_segments(index, choice, first, last)
    spans = era_spans(choice, max(first, RULES_START), last)
    ever = counts_clients_ever(spans)
    by_day = events_by_day(segments, first, last, ever)
    rules_starting = {a: r for a, _, r in spans}
    tally = Tally()
    # Tally.add, inlined: ten years of days move the tally 100,000 times and more.
    sums, weights, counts, clients = tally.value, tally.weight, tally.count, tally.clients
    moved: dict[date, set[str]] = {}
    estimates: list[Estimate] = []
    rules: Rules | None = choice.on(first)
    current = hidden_estimate(NO_SCORE_BEFORE)
    dirty = True
    day = first
    while day <= last:
        events = by_day.get(day)
        if events is not None:
            touched: set[str] = set()
            for sign, ws, q, value, client, cid in events:
                if not sign:  # staying in `ws`, by a change of weight and value
                    for w in ws:
                        sums[w] += value
                        weights[w] += q
                    touched.add(cid)
                    continue
                for w in ws:
                    if w == LIFETIME:
                        tally.add_lifetime(client, sign)
                        continue
                    sums[w] += sign * q * value
                    weights[w] += sign * q
                    counts[w] += sign
                    counter = clients[w]
                    left = counter.get(client, 0) + sign
                    if left:
                        counter[client] = left
                    else:
                        del counter[client]
                touched.add(cid)
            moved[day] = touched
            dirty = True
        if day in rules_starting:
            rules = rules_starting[day]
            dirty = True
        if dirty:
            current = quick_estimate(tally, rules) if rules else hidden_estimate(NO_SCORE_BEFORE)
            dirty = False
        estimates.append(current)
        day += ONE_DAY
    return DailySeries(first, last, estimates, moved)
